import re

import pytest
import time_machine
from django.urls import reverse

from alliantie.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_reset_link_arrives_by_e_mail_and_sets_a_new_password(client, mailbox):
    make_user(email="anna@example.org", name="Anna de Vries")
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
        client.post(reverse("accounts:password-reset"), {"email": "anna@example.org"})
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+)", mailbox.body()).group(1)
    with time_machine.travel("2026-11-23 11:01", tick=False):
        html = client.get(link, follow=True).content.decode()
    assert "Deze link werkt niet meer" in html


def test_a_weak_new_password_is_refused_in_dutch(client, mailbox):
    make_user(email="anna@example.org")
    client.post(reverse("accounts:password-reset"), {"email": "anna@example.org"})
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+)", mailbox.body()).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in response.content.decode()
