from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.accounts import permissions, selectors, services
from alliantie.accounts.forms import (
    ApiTokenForm,
    EraseAccountForm,
    LimitedPasswordResetForm,
    LoginForm,
    RecoveryCodeForm,
    TokenForm,
)
from alliantie.accounts.middleware import SECOND_FACTOR_EXPECTED
from alliantie.core import ratelimit


def _next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        email = request.POST.get("username", "").strip().lower()[:254]
        if services.login_blocked(email=email, ip=ratelimit.client_ip(request)):
            return render(request, "accounts/locked_out.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: LoginForm) -> HttpResponse:
        email = self.request.POST.get("username", "").strip().lower()[:254]
        if email and form.data.get("password"):
            services.record_failed_login(email=email, ip=ratelimit.client_ip(self.request))
        return super().form_invalid(form)

    def form_valid(self, form: LoginForm) -> HttpResponse:
        services.clear_failed_logins(email=form.get_user().email)
        response = super().form_valid(form)
        # Someone who chose a second factor is asked for it too, not only the roles that must have one.
        if permissions.confirmed_device_of(form.get_user()) is not None:
            self.request.session[SECOND_FACTOR_EXPECTED] = True
        return response


login = LoginView.as_view()
logout = auth_views.LogoutView.as_view()


class PasswordResetView(auth_views.PasswordResetView):
    form_class = LimitedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form: LimitedPasswordResetForm) -> HttpResponse:
        # Over the limit the answer looks the same (nothing tells whether an account exists), but no mail goes out.
        email = form.cleaned_data["email"]
        if not services.password_reset_allowed(email=email, ip=ratelimit.client_ip(self.request)):
            return redirect(self.success_url)
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    context = selectors.account_overview(request.user)
    return render(request, "accounts/account.html", {**context, "token_form": ApiTokenForm()})


@login_required
@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        context = selectors.account_overview(request.user)
        return render(request, "accounts/account.html", {**context, "token_form": form}, status=400)
    token, raw = services.create_api_token(user=request.user, name=form.cleaned_data["name"])
    return render(request, "accounts/api_token_created.html", {"token": token, "raw_key": raw})


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = permissions.get_api_token_for_user(request.user, token_id)
    services.revoke_api_token(token=token, revoked_by=request.user)
    messages.success(request, _("De API-sleutel “%(name)s” werkt niet meer.") % {"name": token.name})
    return redirect("accounts:account")


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if not permissions.can_set_up_authenticator(request.user):
        messages.info(
            request,
            _(
                "U heeft al een authenticator-app. Vul eerst een code uit die app of een herstelcode in; "
                "daarna kunt u een nieuwe app instellen."
            ),
        )
        return redirect(f"{reverse('accounts:two-factor-verify')}?{urlencode({'next': request.path})}")
    device = services.pending_totp_device(user=request.user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp_device(request=request, device=device)
        messages.success(request, _("Tweestapsverificatie staat aan. U bent ingelogd met uw app."))
        next_url = _next_url(request, resolve_url(settings.LOGIN_REDIRECT_URL))
        if codes:
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})
        return redirect(next_url)
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR-code voor uw authenticator-app"))
    context = {
        "form": form,
        "qr_svg": qr_svg,
        "secret": selectors.readable_totp_secret(device),
        "next": _next_url(request, ""),
        "replacing": permissions.confirmed_device_of(request.user) is not None,
    }
    return render(request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    device = permissions.confirmed_device_of(request.user)
    if device is None:
        return redirect(f"{reverse('accounts:two-factor-setup')}?{urlencode({'next': _next_url(request, '')})}")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        services.verify_session(request=request, device=device)
        return redirect(_next_url(request, resolve_url(settings.LOGIN_REDIRECT_URL)))
    return _render_verify(request, form, RecoveryCodeForm(device=permissions.recovery_device_of(request.user)))


@login_required
@require_POST
def two_factor_recovery(request: HttpRequest) -> HttpResponse:
    recovery_device = permissions.recovery_device_of(request.user)
    form = RecoveryCodeForm(request.POST, device=recovery_device)
    if not form.is_valid():
        totp_form = TokenForm(device=permissions.confirmed_device_of(request.user))
        return _render_verify(request, totp_form, form)
    left = services.verify_session_with_recovery_code(request=request, device=recovery_device)
    messages.warning(
        request,
        _(
            "U bent ingelogd met een herstelcode; u heeft er nog %(left)s. Telefoon kwijt of nieuw? "
            "Stel nu een nieuwe authenticator-app in."
        )
        % {"left": left},
    )
    return redirect(_next_url(request, reverse("accounts:two-factor-setup")))


def _render_verify(request: HttpRequest, form: TokenForm, recovery_form: RecoveryCodeForm) -> HttpResponse:
    context = {"form": form, "recovery_form": recovery_form, "next": _next_url(request, "")}
    status = 400 if form.errors or recovery_form.errors else 200
    return render(request, "accounts/two_factor_verify.html", context, status=status)


@login_required
@require_POST
def recovery_codes_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():
        return redirect(f"{reverse('accounts:two-factor-verify')}?{urlencode({'next': reverse('accounts:account')})}")
    codes = services.create_recovery_codes(user=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:account")})


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything the platform holds on the person, readable, with a JSON download."""
    found = services.export_personal_data(user=request.user, exported_by=request.user)
    return render(request, "accounts/my_data.html", {"data": found})


@login_required
@require_GET
def my_data_json(request: HttpRequest) -> HttpResponse:
    found = services.export_personal_data(user=request.user, exported_by=request.user)
    response = HttpResponse(found.as_json(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-alliantie.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = EraseAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.erase_person(user=request.user, erased_by=request.user)
        auth_logout(request)
        messages.success(
            request, _("Uw account is verwijderd. Wat u bijdroeg staat er nog, als van een voormalig lid.")
        )
        return redirect("core:home")
    context = {"form": form, "sole_contact_of": selectors.organisations_left_without_contact(request.user)}
    return render(request, "accounts/account_delete.html", context, status=400 if form.errors else 200)
