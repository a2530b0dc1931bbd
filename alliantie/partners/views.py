from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.core import caching, ratelimit, spreadsheets
from alliantie.partners import documents, history, permissions, selectors, services
from alliantie.partners.directory import EXPORT_HEADER, export_rows, page_cache_key, partner_directory
from alliantie.partners.forms import (
    ApplicantForm,
    ApplicationForm,
    DecisionForm,
    DirectoryForm,
    ImportForm,
    InvitationForm,
    NominationForm,
    PledgeForm,
    RegisterForm,
    StatusForm,
)


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
    invitation = selectors.find_open_invitation(token)
    if invitation is None:
        return render(request, "partners/invitation_invalid.html", status=404)
    context = {"invitation": invitation, "account_exists": selectors.account_exists(invitation.email)}
    if request.user.is_authenticated:
        if not permissions.can_accept_invitation(request.user, invitation):
            return render(request, "partners/invitation_accept.html", {**context, "other_account": True}, status=403)
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
        auth_login(request, user, backend="alliantie.accounts.backends.AccountBackend")
        messages.success(request, _("Welkom! U hoort nu bij %(org)s.") % {"org": invitation.organisation.name})
        return redirect(invitation.organisation)
    return render(
        request,
        "partners/invitation_accept.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    nomination = selectors.find_nomination(request.GET.get("voordracht", ""))
    initial = {"name": nomination.organisation_name} if nomination else {}
    form = ApplicationForm(request.POST or None, initial=initial)
    applicant = (
        None
        if request.user.is_authenticated
        else ApplicantForm(
            request.POST or None, prefix="contact", initial={"email": nomination.contact_email} if nomination else {}
        )
    )
    if request.method == "POST" and form.is_valid() and (applicant is None or applicant.is_valid()):
        new_contact = applicant.cleaned_data if applicant is not None else None
        organisation, contact = services.apply_for_partnership(
            contact=None if new_contact else request.user,
            new_contact=new_contact,
            nomination=nomination,
            **form.cleaned_data,
        )
        if new_contact:
            auth_login(request, contact, backend="alliantie.accounts.backends.AccountBackend")
        messages.success(request, _("Uw organisatie is aangemeld. Onderteken nu de belofte."))
        return redirect("partners:pledge-sign", slug=organisation.slug)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "applicant": applicant, "nomination": nomination}
    return render(request, "partners/application_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def pledge_sign(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_pledge(request.user, slug, sign=request.method == "POST")
    form = PledgeForm(request.POST or None, initial={"signatory_name": request.user.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_pledge(
                organisation=organisation,
                signed_by=request.user,
                signatory_name=form.cleaned_data["signatory_name"],
                signatory_function=form.cleaned_data["signatory_function"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if organisation.status == organisation.Status.APPLIED:
                messages.success(
                    request,
                    _(
                        "Dank u wel. De belofte is ondertekend. Het projectteam kijkt binnen twee weken naar uw "
                        "aanmelding en laat het u per e-mail weten. Tot dan kunt u uw activiteiten al beschrijven."
                    ),
                )
            else:
                messages.success(request, _("Dank u wel. De belofte is ondertekend."))
            return redirect(organisation)
    context = {**selectors.pledge_page(request.user, organisation), "form": form}
    return render(request, "partners/pledge_sign.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def pledge_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_pledge(request.user, slug)
    pledge = selectors.signed_pledge(organisation)
    response = HttpResponse(documents.pledge_pdf(request, pledge), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="belofte-{organisation.slug}.pdf"'
    return response


@login_required
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_review_applications(request.user):
        raise PermissionDenied
    return render(request, "partners/application_list.html", {"applications": selectors.open_applications()})


@login_required
@require_http_methods(["GET", "POST"])
def application_decide(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_application_for_user(request.user, slug)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.decide_application(
                organisation=organisation,
                decided_by=request.user,
                approve=approve,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = _("%(org)s is nu partner.") if approve else _("De aanmelding van %(org)s is afgewezen.")
            messages.success(request, done % {"org": organisation.name})
            return redirect("partners:application-list")
    context = {**selectors.application_detail(organisation), "form": form}
    return render(request, "partners/application_detail.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = permissions.get_membership_for_manager(request.user, slug, membership_id)
    try:
        services.remove_member(membership=membership, removed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s hoort niet meer bij de organisatie.") % {"name": membership.user.name})
    return redirect(membership.organisation)


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    invitation = permissions.get_invitation_for_manager(request.user, slug, invitation_id)
    try:
        services.withdraw_invitation(invitation=invitation, withdrawn_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email})
    return redirect(invitation.organisation)


@login_required
@require_POST
def member_make_contact(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = permissions.get_membership_for_manager(request.user, slug, membership_id)
    services.hand_over_contact(membership=membership, handed_over_by=request.user)
    messages.success(request, _("%(name)s is nu contactpersoon.") % {"name": membership.user.name})
    return redirect(membership.organisation)


@require_GET
@ratelimit.limit_visitors("directory")
def directory(request: HttpRequest) -> HttpResponse:
    can_export = permissions.can_export_directory(request.user)
    show_reporting = permissions.can_see_all_reporting_statuses(request.user)
    key = page_cache_key(request.GET, language=get_language(), can_export=can_export, show_reporting=show_reporting)

    def compute() -> tuple[str, bool]:
        form = DirectoryForm(request.GET or None)
        filters = form.filters()
        context = {
            **partner_directory(filters, request.GET.get("pagina", 1)),
            **selectors.directory_choices(),
            "form": form,
            "filters": filters,
            "query_without_page": selectors.query_without(request.GET, "pagina"),
            "can_export": can_export,
            "show_reporting": show_reporting,
        }
        return render_to_string("partners/includes/directory_content.html", context, request), bool(form.errors)

    content, errors = caching.get_or_compute(key, compute, settings.DIRECTORY_CACHE_SECONDS)
    return render(request, "partners/directory.html", {"content": content}, status=400 if errors else 200)


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_user(request.user, slug)
    return render(
        request, "partners/organisation_detail.html", selectors.organisation_profile(request.user, organisation)
    )


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_nominating(request.user, slug)
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.nominate_partner(
            organisation=organisation,
            nominated_by=request.user,
            base_url=request.build_absolute_uri("/"),
            **form.cleaned_data,
        )
        messages.success(
            request, _("Dank u wel. %(org)s krijgt een uitnodiging.") % {"org": form.cleaned_data["organisation_name"]}
        )
        return redirect(organisation)
    context = {"form": form, "organisation": organisation, "nominations": selectors.nominations_of(organisation)}
    return render(request, "partners/nomination_form.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def directory_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if not permissions.can_export_directory(request.user):
        raise PermissionDenied
    form = DirectoryForm(request.GET or None)
    rows = export_rows(form.filters())
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        content = spreadsheets.xlsx_bytes("Partners", EXPORT_HEADER, rows)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        response = HttpResponse(spreadsheets.csv_bytes(EXPORT_HEADER, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="partners-{stamp}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_organisations(request: HttpRequest) -> HttpResponse:
    if not permissions.can_import_organisations(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.start_organisation_import(
            upload=form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"], started_by=request.user
        )
        return redirect("backoffice:job-detail", job_id=job.pk)
    return render(request, "partners/import_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_status(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_lifecycle(request.user, slug)
    form = StatusForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(organisation=organisation, changed_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De status van %(org)s is gewijzigd.") % {"org": organisation.name})
            return redirect("partners:organisation-history", slug=organisation.slug)
    context = {"organisation": organisation, "form": form}
    return render(request, "partners/organisation_status.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def organisation_history(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_lifecycle(request.user, slug)
    page = history.organisation_history(organisation, request.GET.get("pagina"))
    return render(request, "partners/organisation_history.html", {"organisation": organisation, "page": page})
