from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404

from alliantie.accounts import permissions

# Pages a person who still owes a second factor may see: the 2FA pages themselves and what anyone may read.
# Set at login for a person who chose a second factor although their role does not require one.
SECOND_FACTOR_EXPECTED = "second_factor_expected"

OPEN_WITHOUT_SECOND_FACTOR = {
    "accounts:logout",
    "accounts:two-factor-verify",
    "accounts:two-factor-recovery",
    "accounts:two-factor-setup",
    "core:home",
    "core:privacy",
    "core:accessibility",
    "core:health",
    "core:security-txt",
    "set_language",
}


class TwoFactorRequiredMiddleware:
    """Sends team members, coordinators and administrators to the second-factor step before anything else."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        owes_second_factor = (
            user.is_authenticated
            and (permissions.requires_two_factor(user) or request.session.get(SECOND_FACTOR_EXPECTED))
            and not user.is_verified()
        )
        if owes_second_factor and request.path.startswith("/api/"):
            # The API reads the session too (public endpoints show the team more): a half-finished login there is
            # nobody. API keys are a credential of their own and are checked by the API itself.
            request.user = AnonymousUser()
            return self.get_response(request)
        if (
            owes_second_factor
            and not request.path.startswith("/static/")
            and self._url_name(request) not in OPEN_WITHOUT_SECOND_FACTOR
        ):
            has_device = permissions.confirmed_device_of(user) is not None
            target = "accounts:two-factor-verify" if has_device else "accounts:two-factor-setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _url_name(request: HttpRequest) -> str:
        try:
            return resolve(request.path_info).view_name
        except Resolver404:
            return ""
