from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.core import ratelimit
from alliantie.core.models import Province
from alliantie.core.selectors import find_municipality
from alliantie.partners.selectors import query_without
from alliantie.socialmap import eligibility, finder, permissions, selectors, services
from alliantie.socialmap.forms import (
    CheckForm,
    ErrorReportForm,
    FinderForm,
    HsdsExportForm,
    HsdsImportForm,
    ServiceForm,
)
from alliantie.socialmap.hsds.export import Area
from alliantie.socialmap.models import Need, Provider


@require_GET
@ratelimit.limit_visitors("find-help")
def find_help(request: HttpRequest) -> HttpResponse:
    form = FinderForm(request.GET or None)
    groups = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        groups = finder.find(
            finder.FinderQuery(
                municipality=data["waar"],
                age=data["leeftijd"],
                need=data["behoefte"],
                text=data["zoek"].strip(),
                page=_page_number(request),
            )
        )
    locations, drawing = [], None
    if groups:
        municipality = form.cleaned_data["waar"]
        locations = finder.locations_here(municipality, {item.service.pk for g in groups for item in g.found})
        drawing = finder.place_map(municipality, locations)
    context = {
        "form": form,
        "groups": groups,
        "locations": locations,
        "map": drawing,
        "can_keep": permissions.can_keep_services(request.user),
        "query_without_need": query_without(request.GET, "behoefte", "pagina"),
        "query_without_page": query_without(request.GET, "pagina"),
        "municipality": form.cleaned_data.get("waar") if groups is not None else None,
        "place_name": getattr(form, "place_name", ""),
        "needs": Need.choices,
    }
    return render(request, "socialmap/find.html", context, status=400 if form.errors else 200)


def _check_page(request: HttpRequest) -> int:
    value = request.POST.get("pagina", "1")
    return min(int(value), 10_000) if value.isdigit() and value != "0" else 1


def _page_number(request: HttpRequest) -> int:
    value = request.GET.get("pagina", "1")
    return min(int(value), 10_000) if value.isdigit() and value != "0" else 1


def _detail_context(request: HttpRequest, service, report_form: ErrorReportForm) -> dict:
    municipality = find_municipality(request.GET.get("gemeente", "")[:100]) if request.GET.get("gemeente") else None
    context = {
        "service": service,
        "municipality": municipality,
        "contact": finder.contact_for(service, municipality),
        "locations": list(
            service.locations.select_related("municipality").order_by("city", Lower("name"))
            if municipality is None
            else service.locations.filter(municipality=municipality).order_by(Lower("name"))
        ),
        "needs": [label for value, label in Need.choices if value in service.needs],
        "share_url": request.build_absolute_uri(
            service.get_absolute_url() + (f"?gemeente={quote(municipality.code)}" if municipality else "")
        ),
        "stale": service.is_stale(),
        "can_edit": permissions.editable_services(request.user).filter(pk=service.pk).exists(),
        "report_form": report_form,
    }
    return context


@require_GET
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = permissions.get_service_for_user(request.user, slug)
    return render(request, "socialmap/service_detail.html", _detail_context(request, service, ErrorReportForm()))


def _client_key(request: HttpRequest) -> str:
    """Who reports, for the rate limit only: the account, or the visitor's address (the limit keeps only a hash)."""
    if request.user.is_authenticated:
        return f"user-{request.user.pk}"
    return ratelimit.client_ip(request)


@require_POST
def report_error(request: HttpRequest, slug: str) -> HttpResponse:
    service = permissions.get_service_for_user(request.user, slug)
    form = ErrorReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_error(
                service=service,
                message=form.cleaned_data["message"],
                reply_email=form.cleaned_data["reply_email"],
                client=_client_key(request),
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dank u. Uw melding is doorgestuurd naar wie deze informatie bijhoudt."))
            return redirect(service)
    status = 429 if form.non_field_errors() else 400
    return render(request, "socialmap/service_detail.html", _detail_context(request, service, form), status=status)


# POST only keeps what is typed out of addresses and logs; the check changes nothing and shows its answer to the
# one who asked, so there is nothing for a forged request to do: no CSRF token, and it works from a cached page.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@ratelimit.limit_visitors("check")
def check(request: HttpRequest) -> HttpResponse:
    """The anonymous check: computed for this answer only; nothing is saved, logged or put in the address."""
    form = CheckForm(request.POST or None)
    results, household, found = None, None, None
    page = _check_page(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        household = eligibility.Household(
            municipality=data["waar"],
            ages=data["leeftijden"],
            household_type=data["huishouden"],
            net_income=data["inkomen"],
            debts=data["schulden"],
            has_pass=data["pas"],
        )
        found = eligibility.likely_page(household, page)
        results = found.results
    total = found.total if found else 0
    shown_until = (page - 1) * eligibility.PAGE_SIZE + len(results or [])
    context = {
        "form": form,
        "results": results,
        "total": total,
        "first": (page - 1) * eligibility.PAGE_SIZE + 1,
        "shown_until": shown_until,
        "next_page": page + 1 if shown_until < total else None,
        "municipality": household.municipality if household else None,
        **(eligibility.summary(household, found) if household and found else {}),
    }
    return render(request, "socialmap/check.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep_services(request.user):
        raise PermissionDenied
    only_due = request.GET.get("controle") == "1"
    words = request.GET.get("zoek", "")[:100].strip()
    context = {
        **selectors.kept_services(request.user, only_due=only_due, words=words, page_number=request.GET.get("pagina")),
        "only_due": only_due,
        "words": words,
        "query_without_page": query_without(request.GET, "pagina"),
        "can_exchange": permissions.can_exchange_hsds(request.user),
    }
    return render(request, "socialmap/manage.html", context)


def _service_form(request: HttpRequest, service=None) -> ServiceForm:
    return ServiceForm(
        request.POST or None,
        instance=service,
        providers=permissions.editable_providers(request.user),
        organisations=selectors.partner_organisations_without_provider(request.user),
        may_mark_national=permissions.can_mark_national(request.user),
    )


def _save_service(request: HttpRequest, form: ServiceForm, service=None) -> HttpResponse | None:
    data = form.cleaned_data
    provider = data["provider"]
    if not isinstance(provider, Provider):
        provider = services.provider_for_partner(organisation=provider, created_by=request.user)
    try:
        saved = services.save_service(
            provider=provider,
            saved_by=request.user,
            values=data,
            challenges=list(data["challenges"]),
            service=service,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("De voorziening is opgeslagen en staat op de sociale kaart."))
    return redirect(saved)


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep_services(request.user):
        raise PermissionDenied
    form = _service_form(request)
    if request.method == "POST" and form.is_valid():
        done = _save_service(request, form)
        if done:
            return done
    return render(request, "socialmap/service_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, slug: str) -> HttpResponse:
    service = permissions.get_service_for_editing(request.user, slug)
    form = _service_form(request, service)
    if request.method == "POST" and form.is_valid():
        done = _save_service(request, form, service)
        if done:
            return done
    context = {"form": form, "service": service, "due": service.verification_due()}
    return render(request, "socialmap/service_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def service_checked(request: HttpRequest, slug: str) -> HttpResponse:
    service = permissions.get_service_for_editing(request.user, slug)
    services.mark_checked(service=service, checked_by=request.user)
    messages.success(
        request,
        _("Dank u. “%(name)s” is gecontroleerd op %(date)s.")
        % {
            "name": service.name,
            "date": date_format(timezone.localdate(), "DATE_FORMAT"),
        },
    )
    return redirect("socialmap:manage")


@login_required
@require_POST
def error_report_handled(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_keep_services(request.user):
        raise PermissionDenied
    report = permissions.get_error_report_for_user(request.user, pk)
    services.mark_report_handled(report=report, handled_by=request.user)
    messages.success(request, _("De melding is afgehandeld."))
    return redirect("socialmap:manage")


def _export_area(value: str) -> Area | None:
    if not value:
        return Area()
    province = (
        Province.objects.filter(code__iexact=value).first() or Province.objects.filter(name__iexact=value).first()
    )
    if province:
        return Area(province=province)
    municipality = find_municipality(value)
    return Area(municipality=municipality) if municipality else None


@login_required
@require_http_methods(["GET", "POST"])
def hsds_exchange(request: HttpRequest) -> HttpResponse:
    """The team's page to write the map out as HSDS and to read another one in; both run in the background and
    the job's page shows their progress and result."""
    if not permissions.can_exchange_hsds(request.user):
        raise PermissionDenied
    export_form = HsdsExportForm(request.POST if "exporteren" in request.POST else None)
    import_form = HsdsImportForm(
        request.POST if "inlezen" in request.POST else None, request.FILES if "inlezen" in request.POST else None
    )
    if export_form.is_bound and export_form.is_valid():
        area = _export_area(export_form.cleaned_data["waar"].strip())
        if area is None:
            export_form.add_error(
                "waar", _("Deze gemeente of provincie kennen we niet. Gebruik de naam of de CBS-code.")
            )
        else:
            return redirect(
                "backoffice:job-detail", job_id=services.start_hsds_export(area=area, started_by=request.user).pk
            )
    if import_form.is_bound and import_form.is_valid():
        job = services.start_hsds_import(upload=import_form.cleaned_data["file"], started_by=request.user)
        return redirect("backoffice:job-detail", job_id=job.pk)
    context = {"export_form": export_form, "import_form": import_form}
    return render(
        request, "socialmap/hsds.html", context, status=400 if export_form.errors or import_form.errors else 200
    )
