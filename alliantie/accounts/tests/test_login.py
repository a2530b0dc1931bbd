import pytest
import time_machine
from django.urls import reverse

from alliantie.core.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


@pytest.mark.smoke
def test_a_partner_member_logs_in_with_e_mail_and_password(client):
    make_user(email="anna@example.org")
    response = client.post(LOGIN, {"username": "Anna@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:start")


def test_a_wrong_password_gets_a_dutch_message_tied_to_the_form(client):
    make_user(email="anna@example.org")
    response = client.post(LOGIN, {"username": "anna@example.org", "password": "fout"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het e-mailadres of het wachtwoord klopt niet" in html
    assert 'class="error-summary"' in html


def test_an_empty_or_malformed_form_names_the_fields(client):
    html = client.post(LOGIN, {"username": "geen-adres", "password": ""}).content.decode()
    assert 'aria-invalid="true"' in html
    assert 'href="#id_username"' in html
    assert 'href="#id_password"' in html


def test_five_wrong_passwords_lock_the_address_for_a_quarter_of_an_hour(client):
    make_user(email="anna@example.org")
    with time_machine.travel("2026-11-23 10:00", tick=False):
        for _ in range(4):
            assert client.post(LOGIN, {"username": "anna@example.org", "password": "fout"}).status_code == 200
        locked = client.post(LOGIN, {"username": "anna@example.org", "password": "fout"})
        assert locked.status_code == 429
        assert "Te veel mislukte pogingen" in locked.content.decode()
        # even the right password is refused while locked
        assert client.post(LOGIN, {"username": "anna@example.org", "password": PASSWORD}).status_code == 429
    with time_machine.travel("2026-11-23 10:16", tick=False):
        assert client.post(LOGIN, {"username": "anna@example.org", "password": PASSWORD}).status_code == 302


def test_after_login_an_outside_next_address_is_ignored(client):
    make_user(email="anna@example.org")
    response = client.post(
        LOGIN + "?next=https://evil.example.com/", {"username": "anna@example.org", "password": PASSWORD}
    )
    assert response["Location"] == reverse("workspace:start")


def test_logging_out_needs_a_post_and_ends_the_session(client):
    user = make_user()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:account")).status_code == 302


def test_the_session_key_changes_at_login(client):
    make_user(email="anna@example.org")
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    client.post(LOGIN, {"username": "anna@example.org", "password": PASSWORD})
    assert client.session.session_key != before


def _fail(client, email, ip="198.51.100.1"):
    return client.post(LOGIN, {"username": email, "password": "fout"}, REMOTE_ADDR=ip)


def test_an_account_is_paused_after_ten_failures_from_many_addresses_and_its_owner_is_mailed(client, mailbox):
    from django.test import TestCase

    make_user(email="anna@example.org", name="Anna")
    with time_machine.travel("2026-11-23 10:00", tick=False):
        for n in range(9):
            assert _fail(client, "anna@example.org", ip=f"203.0.113.{n}").status_code == 200
        with TestCase.captureOnCommitCallbacks(execute=True):
            _fail(client, "anna@example.org", ip="203.0.113.99")
        # now even the right password from a fresh address waits
        right = client.post(LOGIN, {"username": "anna@example.org", "password": PASSWORD}, REMOTE_ADDR="192.0.2.7")
        assert right.status_code == 429
        assert "Te veel mislukte pogingen" in right.content.decode()
        assert [m["To"] for m in mailbox.messages] == ["anna@example.org"]
        assert "even geblokkeerd" in mailbox.messages[0]["Subject"]
        assert "10 keer" in mailbox.body()
        # the mail goes once per window, however many more tries
        for _ in range(3):
            _fail(client, "anna@example.org", ip="203.0.113.50")
        assert len(mailbox.messages) == 1
    with time_machine.travel("2026-11-23 10:16", tick=False):
        right = client.post(LOGIN, {"username": "anna@example.org", "password": PASSWORD}, REMOTE_ADDR="192.0.2.7")
        assert right.status_code == 302


def test_one_address_trying_many_accounts_is_paused(client):
    make_user(email="echt@example.org")
    with time_machine.travel("2026-11-23 10:00", tick=False):
        for n in range(30):
            _fail(client, f"gok{n}@example.org", ip="203.0.113.66")
        blocked = client.post(LOGIN, {"username": "echt@example.org", "password": PASSWORD}, REMOTE_ADDR="203.0.113.66")
        assert blocked.status_code == 429
        other = client.post(LOGIN, {"username": "echt@example.org", "password": PASSWORD}, REMOTE_ADDR="192.0.2.8")
        assert other.status_code == 302


def test_an_unknown_account_is_paused_like_a_known_one_and_nobody_is_mailed(client, mailbox):
    with time_machine.travel("2026-11-23 10:00", tick=False):
        for n in range(10):
            _fail(client, "bestaat-niet@example.org", ip=f"203.0.113.{n}")
        assert _fail(client, "bestaat-niet@example.org", ip="192.0.2.9").status_code == 429
    assert mailbox.messages == []


def test_behind_a_trusted_proxy_each_visitor_has_their_own_count(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    make_user(email="anna@example.org")
    with time_machine.travel("2026-11-23 10:00", tick=False):
        for n in range(30):
            client.post(
                LOGIN,
                {"username": f"gok{n}@example.org", "password": "fout"},
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR="203.0.113.66",
            )
        # another visitor behind the same proxy is not blocked
        ok = client.post(
            LOGIN,
            {"username": "anna@example.org", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="192.0.2.10",
        )
        assert ok.status_code == 302
