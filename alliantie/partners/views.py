from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.partners import permissions, selectors, services
from alliantie.partners.forms import InvitationForm, RegisterForm


@login_required
@require_GET
def my_organisations(request: HttpRequest) -> HttpResponse:
    return render(request, "partners/organisation_mine.html", {"memberships": selectors.my_memberships(request.user)})


@login_required
@require_GET
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_members_for_user(request.user, slug)
    context = selectors.organisation_members(request.user, organisation)
    return render(request, "partners/organisation_members.html", {**context, "form": InvitationForm()})


@login_required
@require_POST
def invite_member(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_members_for_user(request.user, slug, write=True)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invite_member(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De uitnodiging is verstuurd naar %(email)s.") % form.cleaned_data)
            return redirect(organisation)
    context = selectors.organisation_members(request.user, organisation)
    return render(request, "partners/organisation_members.html", {**context, "form": form}, status=400)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_open_invitation(token)
    if invitation is None:
        return render(request, "partners/invitation_invalid.html", status=404)
    context = {"invitation": invitation, "account_exists": selectors.account_exists(invitation.email)}
    if request.user.is_authenticated:
        if request.method == "POST":
            services.accept_invitation(invitation=invitation, user=request.user)
            messages.success(request, _("U hoort nu bij %(org)s.") % {"org": invitation.organisation.name})
            return redirect(invitation.organisation)
        return render(request, "partners/invitation_accept.html", context)
    form = RegisterForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and not context["account_exists"] and form.is_valid():
        user = services.register_and_accept_invitation(
            invitation=invitation, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
        )
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welkom! U hoort nu bij %(org)s.") % {"org": invitation.organisation.name})
        return redirect(invitation.organisation)
    return render(
        request,
        "partners/invitation_accept.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )
