"""Every write to accounts: API tokens and the second factor."""

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliantie.accounts.models import ApiToken, User, hash_token
from alliantie.core import audit


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for the API; returns it with the raw key, which is shown once and never stored."""
    raw = ApiToken.new_key()
    token = ApiToken(user=user, name=name, key_hash=hash_token(raw), hint=raw[:8])
    token.full_clean()
    token.save()
    audit.record(actor=user, action="api_token.created", target=token)
    return token, raw


@transaction.atomic
def revoke_api_token(*, token: ApiToken, revoked_by: User) -> ApiToken:
    """Stop a token from working; it stays listed so the owner sees what it was."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=revoked_by, action="api_token.revoked", target=token)
    return token


def pending_totp_device(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator a user is setting up; made on first request, reused after."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


@transaction.atomic
def confirm_totp_device(*, request: HttpRequest, device: TOTPDevice) -> TOTPDevice:
    """Mark a device as confirmed after a correct code, drop other devices, and verify this session."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit.record(actor=device.user, action="two_factor.enabled", target=device.user)
    return device


def verify_session(*, request: HttpRequest, device: TOTPDevice) -> None:
    """Record in the session that this person passed the second factor."""
    otp_login(request, device)
    audit.record(actor=device.user, action="two_factor.verified", target=device.user)
