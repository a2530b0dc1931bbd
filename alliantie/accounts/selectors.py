"""Reads for the account pages."""

import base64

from django_otp.plugins.otp_totp.models import TOTPDevice

from alliantie.accounts import permissions
from alliantie.accounts.models import ApiToken, RecoveryCode, User


def account_overview(user: User) -> dict:
    """What the account page shows: tokens, second-factor state, role."""
    return {
        "tokens": list(ApiToken.objects.filter(user=user).order_by("-created_at")),
        "has_two_factor": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "recovery_codes_left": RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).count(),
        "requires_two_factor": permissions.requires_two_factor(user),
    }


def readable_totp_secret(device: TOTPDevice) -> str:
    """The device's key in base32, in groups of four, for typing into an app without a camera."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def organisations_left_without_contact(user: User) -> list:
    """The organisations where this person is the only contact person (reached through the reverse relation, so
    accounts does not import partners): erasing the person leaves them without one."""
    membership_model = User._meta.get_field("memberships").related_model
    own = list(user.memberships.filter(role="contact").select_related("organisation"))
    others = set(
        membership_model.objects.filter(organisation__in=[m.organisation_id for m in own], role="contact")
        .exclude(user=user)
        .values_list("organisation_id", flat=True)
    )
    return [m.organisation for m in own if m.organisation_id not in others]
