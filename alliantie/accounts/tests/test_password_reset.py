import re

import pytest
import time_machine
from django.urls import reverse

from alliantie.core.tests.factories import make_user


def request_reset(client, email: str):
    """Ask for a reset link; the mail goes out after the commit, as the worker would send it."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("accounts:password-reset"), {"email": email})


pytestmark = pytest.mark.django_db


def test_a_reset_link_arrives_by_e_mail_and_sets_a_new_password(client, mailbox):
    from django.test import TestCase

    make_user(email="anna@example.org", name="Anna de Vries")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("accounts:password-reset"), {"email": "anna@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert message["To"] == "anna@example.org"
    assert message["Subject"] == "Nieuw wachtwoord voor Alliantie Kinderarmoede"
    body = mailbox.body()
    assert "Beste Anna," in body
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+)", body).group(1)
    form_page = client.get(link, follow=True)
    assert "Nieuw wachtwoord kiezen" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "een heel nieuw wachtwoord", "new_password2": "een heel nieuw wachtwoord"}
    )
    assert done["Location"] == reverse("accounts:password-reset-complete")
    client.logout()
    login = client.post(
        reverse("accounts:login"), {"username": "anna@example.org", "password": "een heel nieuw wachtwoord"}
    )
    assert login.status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, mailbox):
    response = client.post(reverse("accounts:password-reset"), {"email": "niemand@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert mailbox.messages == []


def test_a_reset_link_older_than_an_hour_no_longer_works(client, mailbox):
    make_user(email="anna@example.org")
    with time_machine.travel("2026-11-23 10:00", tick=False):
        request_reset(client, "anna@example.org")
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+)", mailbox.body()).group(1)
    with time_machine.travel("2026-11-23 11:01", tick=False):
        html = client.get(link, follow=True).content.decode()
    assert "Deze link werkt niet meer" in html


def test_a_weak_new_password_is_refused_in_dutch(client, mailbox):
    make_user(email="anna@example.org")
    request_reset(client, "anna@example.org")
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+)", mailbox.body()).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in response.content.decode()


def test_reset_requests_are_limited_per_address_and_per_ip_with_the_same_answer(client, mailbox):
    from django.test import TestCase

    make_user(email="anna@example.org")
    url = reverse("accounts:password-reset")
    with time_machine.travel("2026-11-23 10:00", tick=False):
        for _ in range(12):
            with TestCase.captureOnCommitCallbacks(execute=True):
                response = client.post(url, {"email": "anna@example.org"})
            assert response["Location"] == reverse("accounts:password-reset-done")
        assert len(mailbox.messages) == 3  # 12 requests, 3 mails
        for n in range(10):
            client.post(url, {"email": f"iemand{n}@example.org"}, REMOTE_ADDR="203.0.113.5")
        make_user(email="bert@example.org")
        with TestCase.captureOnCommitCallbacks(execute=True):
            client.post(url, {"email": "bert@example.org"}, REMOTE_ADDR="203.0.113.5")
        assert "bert@example.org" not in [m["To"] for m in mailbox.messages]
