from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliantie.core.tests.factories import PASSWORD, make_totp_device, make_user

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.mark.parametrize(
    "extra",
    [{"team_role": "project_team"}, {"team_role": "coordinator"}, {"is_superuser": True, "is_staff": True}],
)
def test_a_team_member_without_an_app_must_set_one_up_before_anything_else(client, extra):
    user = make_user(**extra)
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    response = client.get(reverse("partners:organisation-mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-setup"))
    setup = client.get(response["Location"])
    html = setup.content.decode()
    assert "<svg" in html  # the QR code
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    confirmed = client.post(
        response["Location"], {"token": current_code(device), "next": reverse("partners:organisation-mine")}
    )
    assert confirmed["Location"] == reverse("partners:organisation-mine")
    assert client.get(reverse("partners:organisation-mine")).status_code == 200


def test_a_team_member_with_an_app_enters_its_code_after_the_password(client):
    user = make_user(team_role="project_team")
    device = make_totp_device(user)
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    response = client.get(reverse("accounts:account"))
    assert response["Location"].startswith(reverse("accounts:two-factor-verify"))
    wrong = client.post(reverse("accounts:two-factor-verify"), {"token": "000000"})
    assert wrong.status_code == 400
    assert "Deze code klopt niet" in wrong.content.decode()
    # after a wrong code django-otp makes the next try wait a second, against guessing
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=False):
        code = current_code(device)
        assert client.post(reverse("accounts:two-factor-verify"), {"token": code}).status_code == 302
        assert client.get(reverse("accounts:account")).status_code == 200


def test_a_code_works_only_once(client):
    user = make_user(team_role="project_team")
    device = make_totp_device(user)
    code = current_code(device)
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert client.post(reverse("accounts:two-factor-verify"), {"token": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert client.post(reverse("accounts:two-factor-verify"), {"token": code}).status_code == 400


def test_letters_instead_of_a_code_are_refused_with_a_message(client):
    user = make_user(team_role="coordinator")
    make_totp_device(user)
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    response = client.post(reverse("accounts:two-factor-verify"), {"token": "abcdef"})
    assert "De code bestaat alleen uit cijfers" in response.content.decode()


def test_a_partner_member_is_not_asked_for_a_second_factor(client):
    user = make_user()
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert client.get(reverse("partners:organisation-mine")).status_code == 200


def test_an_administrator_without_the_second_factor_cannot_open_the_admin(client):
    user = make_user(is_superuser=True, is_staff=True)
    make_totp_device(user)
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("accounts:two-factor-verify"))
