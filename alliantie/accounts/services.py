"""Every write to accounts: API tokens and the second factor."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliantie.accounts.models import (
    ApiToken,
    RecoveryCode,
    RecoveryCodeDevice,
    User,
    hash_token,
    new_recovery_code,
    normalise_recovery_code,
)
from alliantie.core import audit, mail, privacy, ratelimit

RECOVERY_CODE_COUNT = 10


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


def note_api_token_use(*, token: ApiToken, precision: timedelta) -> None:
    """Remember when a key was last used; writing on every request would turn each read into a write."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > precision:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def pending_totp_device(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator a user is setting up; made on first request, reused after."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


@transaction.atomic
def confirm_totp_device(*, request: HttpRequest, device: TOTPDevice) -> list[str]:
    """Confirm a new authenticator after a correct code and verify this session with it. A device that replaces
    an earlier one may only be set up from a session that passed the second factor (permissions decides that);
    the change is audited and mailed to the person. Returns new recovery codes when the person had none."""
    user = device.user
    replaced = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk)
    had_device = replaced.exists()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    action = "two_factor.replaced" if had_device else "two_factor.enabled"
    entry = audit.record(actor=user, action=action, target=user)
    _security_notice(
        user=user,
        key=f"security:{entry.pk}",
        subject=_("Er is een nieuwe authenticator-app ingesteld voor uw account")
        if had_device
        else _("Tweestapsverificatie staat aan voor uw account"),
        template="accounts/email/two_factor_changed.txt",
        context={"replaced": had_device},
    )
    has_codes = RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).exists()
    return [] if has_codes else create_recovery_codes(user=user)


@transaction.atomic
def create_recovery_codes(*, user: User) -> list[str]:
    """Make a new set of single-use recovery codes (the old set stops working); returns them to be shown once."""
    device, _created = RecoveryCodeDevice.objects.get_or_create(
        user=user, defaults={"name": "Herstelcodes", "confirmed": True}
    )
    device.codes.all().delete()
    codes = [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    rows = []
    for code in codes:
        salt = secrets.token_hex(8)
        rows.append(RecoveryCode(device=device, salt=salt, code_hash=hash_token(salt + normalise_recovery_code(code))))
    RecoveryCode.objects.bulk_create(rows)
    audit.record(actor=user, action="two_factor.recovery_codes_created", target=user)
    return codes


def verify_session(*, request: HttpRequest, device: TOTPDevice) -> None:
    """Record in the session that this person passed the second factor."""
    otp_login(request, device)
    audit.record(actor=device.user, action="two_factor.verified", target=device.user)


@transaction.atomic
def verify_session_with_recovery_code(*, request: HttpRequest, device: RecoveryCodeDevice) -> int:
    """The second factor passed with a recovery code (already checked and used up by the form): verify the
    session, audit it and tell the person by mail, since a stranger might hold the codes. Returns the codes left."""
    otp_login(request, device)
    left = device.codes.filter(used_at__isnull=True).count()
    entry = audit.record(actor=device.user, action="two_factor.recovery_code_used", target=device.user, left=left)
    _security_notice(
        user=device.user,
        key=f"security:{entry.pk}",
        subject=_("Er is ingelogd met een herstelcode"),
        template="accounts/email/recovery_code_used.txt",
        context={"left": left},
    )
    return left


def _security_notice(*, user: User, key: str, subject: str, template: str, context: dict) -> None:
    mail.queue_mail(
        key=key,
        kind="account.security",
        to=[user.email],
        subject=subject,
        template=template,
        context={"user": user, "at": timezone.now(), **context},
        priority=mail.Priority.PERSONAL,
    )


LOGIN_ACCOUNT = "login-account"
LOGIN_IP = "login-ip"


def record_failed_login(*, email: str, ip: str) -> None:
    """Count a failed login for the account (from any address) and for the address (across accounts). When the
    account's limit is reached its owner hears about it, once per window: someone may be guessing their password."""
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    account = ratelimit.hit(LOGIN_ACCOUNT, email, limit=settings.LOGIN_FAILURES_PER_ACCOUNT, window=window)
    ratelimit.hit(LOGIN_IP, ip, limit=settings.LOGIN_FAILURES_PER_IP, window=window)
    if account.count == settings.LOGIN_FAILURES_PER_ACCOUNT:
        user = User.objects.filter(email=email, is_active=True).first()
        if user is not None:
            start = int(timezone.now().timestamp()) // window
            entry = audit.record(actor=None, action="login.account_locked", target=user, failures=account.count)
            _security_notice(
                user=user,
                key=f"login-locked:{user.pk}:{start}",
                subject=_("Uw account bij Alliantie Kinderarmoede is even geblokkeerd"),
                template="accounts/email/login_locked.txt",
                context={"failures": account.count, "minutes": window // 60, "audit_id": entry.pk},
            )


def login_blocked(*, email: str, ip: str) -> bool:
    """Whether logins for this account, or from this address, are paused after too many failures. When the counters
    cannot be reached logins go on: the per address and account pair throttle (django-axes) lives in the database."""
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    return not (
        ratelimit.peek(LOGIN_ACCOUNT, email, limit=settings.LOGIN_FAILURES_PER_ACCOUNT, window=window)
        and ratelimit.peek(LOGIN_IP, ip, limit=settings.LOGIN_FAILURES_PER_IP, window=window)
    )


def clear_failed_logins(*, email: str) -> None:
    """A successful login (with the right password) ends the account's count."""
    ratelimit.reset(LOGIN_ACCOUNT, email, window=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def password_reset_allowed(*, email: str, ip: str) -> bool:
    """At most PASSWORD_RESETS_PER_ADDRESS requests per address and PASSWORD_RESETS_PER_IP per IP an hour."""
    address = ratelimit.hit(
        "password-reset-address", email.lower(), limit=settings.PASSWORD_RESETS_PER_ADDRESS, window=3600
    )
    origin = ratelimit.hit("password-reset-ip", ip, limit=settings.PASSWORD_RESETS_PER_IP, window=3600)
    return bool(address and origin)


def queue_password_reset_mail(*, user: User, subject: str, body: str) -> None:
    """The reset link goes through the outbox like every other mail (each request its own message)."""
    mail.queue_mail(
        key=f"password-reset:{user.pk}:{secrets.token_hex(8)}",
        kind="account.password_reset",
        to=[user.email],
        subject=subject,
        body=body,
        priority=mail.Priority.PERSONAL,
    )


@transaction.atomic
def erase_person(*, user: User, erased_by: User | None) -> User:
    """Erase a person at their own request or the team's (core/privacy.py): their memberships end, their
    contributions stay under "voormalig lid", nothing that identifies them remains. The erasure is audited without
    personal data (the entry points at the emptied account)."""
    privacy.erase(user)
    audit.record(
        actor=erased_by if erased_by and erased_by.pk != user.pk else None, action="person.erased", target=user
    )
    return user


def export_personal_data(*, user: User, exported_by: User) -> privacy.PersonalData:
    """Everything the platform holds on a person, for themselves or for the team answering a request."""
    found = privacy.personal_data(user)
    audit.record(actor=exported_by, action="person.exported", target=user)
    return found
