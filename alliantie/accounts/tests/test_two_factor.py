import re
from datetime import timedelta

import pytest
import time_machine
from django.test import TestCase
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
    # The recovery codes are shown once, with the way on to where the person was going.
    assert confirmed.status_code == 200
    assert f'href="{reverse("partners:organisation-mine")}"' in confirmed.content.decode()
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


# The bypass found in the security review: after the password alone, the setup page replaced the existing app
# and marked the session as verified. Replacing now needs the second factor first.


def _password_only(client, user) -> None:
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})


@pytest.mark.parametrize("extra", [{"team_role": "project_team"}, {"is_superuser": True, "is_staff": True}])
def test_the_password_alone_cannot_replace_an_existing_authenticator(client, extra):
    user = make_user(**extra)
    original = make_totp_device(user)
    _password_only(client, user)
    page = client.get(reverse("accounts:two-factor-setup"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:two-factor-verify"))
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()  # no attacker's device was made
    # Posting a code for a device of the attacker's choosing changes nothing either.
    attacker = TOTPDevice.objects.create(user=user, name="Aanvaller", confirmed=False)
    posted = client.post(reverse("accounts:two-factor-setup"), {"token": current_code(attacker)})
    assert posted.status_code == 302 and posted["Location"].startswith(reverse("accounts:two-factor-verify"))
    assert list(TOTPDevice.objects.filter(user=user, confirmed=True)) == [original]
    for protected in (reverse("partners:application-list"), reverse("admin:index"), reverse("accounts:account")):
        response = client.get(protected)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two-factor-verify"))


def test_after_the_second_factor_a_new_app_replaces_the_old_one_and_the_person_is_told(client, mailbox):
    from alliantie.core.models import AuditEntry

    user = make_user(team_role="project_team", email="tim@example.org")
    old = make_totp_device(user)
    _password_only(client, user)
    assert client.post(reverse("accounts:two-factor-verify"), {"token": current_code(old)}).status_code == 302
    page = client.get(reverse("accounts:two-factor-setup"))
    assert page.status_code == 200
    assert "vervangt uw huidige app" in page.content.decode()
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("accounts:two-factor-setup"), {"token": current_code(new)})
    assert response.status_code == 200  # the recovery codes, shown once
    assert list(TOTPDevice.objects.filter(user=user)) == [new]
    assert AuditEntry.objects.filter(action="two_factor.replaced", target_id=str(user.pk)).exists()
    assert [m["To"] for m in mailbox.messages] == ["tim@example.org"]
    assert "nieuwe authenticator-app" in mailbox.messages[0]["Subject"]


def test_the_first_setup_shows_ten_recovery_codes_once_and_stores_only_hashes(client, mailbox):
    from alliantie.accounts.models import RecoveryCode

    user = make_user(team_role="coordinator")
    _password_only(client, user)
    client.get(reverse("accounts:two-factor-setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("accounts:two-factor-setup"), {"token": current_code(device)})
    html = response.content.decode()
    codes = re.findall(r"<code>([a-z2-9]{4}(?:-[a-z2-9]{4}){3})</code>", html)
    assert len(set(codes)) == 10
    stored = RecoveryCode.objects.filter(device__user=user)
    assert stored.count() == 10
    for row in stored:
        assert all(code.replace("-", "") not in (row.code_hash, row.salt) for code in codes)
    assert "Tweestapsverificatie staat aan" in mailbox.messages[0]["Subject"]
    # The account page does not show them again.
    assert codes[0] not in client.get(reverse("accounts:account")).content.decode()


def _codes_for(user) -> list[str]:
    from alliantie.accounts import services

    return services.create_recovery_codes(user=user)


def test_a_recovery_code_passes_the_second_factor_once_and_the_person_is_mailed(client, mailbox):
    user = make_user(team_role="project_team", email="tara@example.org")
    make_totp_device(user)
    codes = _codes_for(user)
    _password_only(client, user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("accounts:two-factor-recovery"), {"recovery_code": codes[0].upper().replace("-", " ")}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two-factor-setup")
    assert client.get(reverse("accounts:account")).status_code == 200
    assert "herstelcode" in mailbox.messages[-1]["Subject"]
    assert "nog 9 ongebruikte" in mailbox.body()
    # Now, and only now, a new app may replace the lost one.
    assert client.get(reverse("accounts:two-factor-setup")).status_code == 200
    client.post(reverse("accounts:logout"))
    _password_only(client, user)
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=False):
        reused = client.post(reverse("accounts:two-factor-recovery"), {"recovery_code": codes[0]})
    assert reused.status_code == 400
    assert "al gebruikt" in reused.content.decode()
    assert client.get(reverse("accounts:account")).status_code == 302


def test_wrong_recovery_codes_are_throttled(client):
    user = make_user(team_role="project_team")
    make_totp_device(user)
    codes = _codes_for(user)
    _password_only(client, user)
    wrong = client.post(reverse("accounts:two-factor-recovery"), {"recovery_code": "aaaa-bbbb-cccc-dddd"})
    assert wrong.status_code == 400
    # Right away, even the right code waits: guessing 79-bit codes one per second (then slower) gets nowhere.
    too_soon = client.post(reverse("accounts:two-factor-recovery"), {"recovery_code": codes[1]})
    assert "Te veel foute codes" in too_soon.content.decode()


def test_new_recovery_codes_need_a_verified_session_and_replace_the_old_set(client):
    user = make_user(team_role="project_team")
    device = make_totp_device(user)
    old_codes = _codes_for(user)
    _password_only(client, user)
    assert client.post(reverse("accounts:recovery-codes-create")).status_code == 302
    client.post(reverse("accounts:two-factor-verify"), {"token": current_code(device)})
    response = client.post(reverse("accounts:recovery-codes-create"))
    assert response.status_code == 200
    from alliantie.accounts.models import RecoveryCodeDevice

    recovery = RecoveryCodeDevice.objects.get(user=user)
    assert not recovery.verify_token(old_codes[0])


def test_a_partner_who_chose_a_second_factor_is_asked_for_it_at_login(client):
    user = make_user()
    make_totp_device(user)
    _password_only(client, user)
    response = client.get(reverse("partners:organisation-mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-verify"))
