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
    assert response["Location"] == reverse("accounts:account")


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
    assert response["Location"] == reverse("accounts:account")


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
