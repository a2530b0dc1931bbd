"""Who has which role, and who may do what with accounts. The only place that decides it for this app."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliantie.accounts.models import ApiToken, RecoveryCodeDevice, User, hash_token
from alliantie.core.permissions import is_administrator


def is_project_team(user) -> bool:
    """The project team runs the alliance; administrators may do all it may do."""
    return bool(
        user.is_authenticated and user.is_active and (user.team_role == User.TeamRole.PROJECT_TEAM or user.is_superuser)
    )


def is_coordinator(user) -> bool:
    """A coordinator of a local alliance."""
    return bool(user.is_authenticated and user.is_active and user.team_role == User.TeamRole.COORDINATOR)


def requires_two_factor(user) -> bool:
    """Everyone who may change other organisations' data must log in with a second factor (ASVS 6.3.3)."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_staff or user.team_role))


def can_use_admin(user) -> bool:
    """Only administrators use Django's admin (reference data, users, roles)."""
    return is_administrator(user)


def admin_site_has_permission(request) -> bool:
    """Django's admin asks this on every admin page: administrators who passed the second factor get in, and
    anonymous visitors go to the login page. Anyone else who is logged in gets the site's 403 page: the admin
    would send them to the login page, which sends a logged-in person straight back, in a loop."""
    if can_use_admin(request.user) and request.user.is_verified():
        return True
    if request.user.is_authenticated:
        raise PermissionDenied(
            _(
                "Het beheer is alleen voor beheerders van het platform. U bent ingelogd met een account zonder "
                "beheerrechten. Zoekt u de gegevens van uw organisatie? Die vindt u onder Mijn organisatie."
            )
        )
    return False


def get_api_token_for_user(user, token_id: int) -> ApiToken:
    """The user's own token, or 404: nobody sees another person's tokens."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first() if user.is_authenticated else None
    if token is None:
        raise Http404
    return token


def user_for_api_key(raw: str) -> tuple[User, ApiToken] | None:
    """The active person behind an API key that is theirs and not revoked, or None (then the API answers 401)."""
    if not raw.startswith(ApiToken.PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return (token.user, token) if token is not None else None


def confirmed_device_of(user) -> TOTPDevice | None:
    """The user's own confirmed authenticator, if any; nobody reaches another person's device."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def can_set_up_authenticator(user) -> bool:
    """A first authenticator may be set up right after the password; replacing one needs the second factor
    (the old app or a recovery code) first, so a stolen password alone never takes over the account."""
    return bool(user.is_authenticated and (confirmed_device_of(user) is None or user.is_verified()))


def recovery_device_of(user) -> RecoveryCodeDevice | None:
    """The user's own recovery codes, if any."""
    if not user.is_authenticated:
        return None
    return RecoveryCodeDevice.objects.filter(user=user, confirmed=True).first()
