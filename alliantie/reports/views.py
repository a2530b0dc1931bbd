"""Pages of the dashboard (the project team's) and the public page and open data; thin: permissions decide, selectors
read, services write."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.core import ratelimit
from alliantie.core.models import Challenge, ChangeLine, Province, Sector
from alliantie.reports import coverage, definitions, permissions, selectors, services
from alliantie.reports.forms import (
    AddCandidateForm,
    CandidateStatusForm,
    CoverageForm,
    MapForm,
    MunicipalityForm,
    RecruitmentFilterForm,
    SpotForm,
    TargetForm,
)
from alliantie.reports.models import RecruitmentCandidate, Target

QUERY_LIMIT = 2000  # a longer query string is not a filter a person made: 400


def _too_long(request: HttpRequest) -> bool:
    return len(request.META.get("QUERY_STRING", "")) > QUERY_LIMIT


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    permissions.require_dashboard(request.user)
    context = {
        "progress": selectors.dashboard(),
        "figures": selectors.snapshot("cijfers"),
        "can_edit": permissions.can_edit_targets(request.user),
    }
    return render(request, "reports/dashboard.html", context)


@login_required
@require_GET
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = permissions.get_target_for_user(request.user, pk)
    return render(request, "reports/target_detail.html", selectors.target_records(target, request.GET.get("pagina")))


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        permissions.require_dashboard(request.user)
        if not permissions.can_edit_targets(request.user):
            raise Http404
        target = Target()
    else:
        target = permissions.get_target_for_user(request.user, pk, write=True)
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_target(
                target=form.save(commit=False), sectors=list(form.cleaned_data["sectors"]), changed_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het doel is opgeslagen."))
            return redirect("reports:target-detail", pk=saved.pk)
    status = 400 if form.errors else 200
    return render(request, "reports/target_form.html", {"form": form, "target": target}, status=status)


@login_required
@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    target = permissions.get_target_for_user(request.user, pk, write=True)
    services.delete_target(target=target, deleted_by=request.user)
    messages.success(request, _("Het doel is verwijderd."))
    return redirect("reports:dashboard")


@login_required
@require_GET
def dictionary(request: HttpRequest) -> HttpResponse:
    permissions.require_dashboard(request.user)
    context = {"definitions": definitions.DEFINITIONS.values(), "needed": _needed_sectors()}
    return render(request, "reports/dictionary.html", context)


def _needed_sectors() -> list[tuple[Challenge, list[Sector]]]:
    sectors = {s.slug: s for s in Sector.objects.all()}
    return [
        (c, [sectors[s] for s in coverage.NEEDED_SECTORS.get(c.slug, []) if s in sectors])
        for c in Challenge.objects.order_by("number")
    ]


@login_required
@require_GET
def coverage_page(request: HttpRequest) -> HttpResponse:
    permissions.require_dashboard(request.user)
    form = CoverageForm(request.GET or None)
    valid = not _too_long(request) and (form.is_valid() or not request.GET)
    data = form.cleaned_data if form.is_bound and valid else {}
    filters = coverage.Filters(data.get("lijn"), data.get("sector"), data.get("provincie"))
    challenges = list(Challenge.objects.order_by("number"))
    provinces = list(Province.objects.order_by(Lower("name")))
    context = {
        "form": form,
        "provinces": provinces,
        "rows": coverage.matrix(filters, challenges, provinces),
        "spots": coverage.blind_spots(filters, challenges, provinces, list(Sector.objects.all())),
        "filters": filters,
        "figures": selectors.snapshot("cijfers"),
        "lines": ChangeLine.objects.order_by("order"),
    }
    return render(request, "reports/coverage.html", context, status=200 if valid else 400)


@login_required
@require_GET
def candidates(request: HttpRequest) -> HttpResponse:
    permissions.require_dashboard(request.user)
    form = SpotForm(request.GET or None)
    if _too_long(request) or not form.is_valid():
        return render(request, "reports/candidates.html", {"form": form}, status=400)
    spot = coverage.BlindSpot(form.cleaned_data["opgave"], form.cleaned_data["provincie"], form.cleaned_data["sector"])
    found = selectors.candidates(spot.challenge, spot.province, spot.sector)
    return render(request, "reports/candidates.html", {"form": form, "spot": spot, **found})


@login_required
@require_POST
def candidate_add(request: HttpRequest) -> HttpResponse:
    permissions.require_dashboard(request.user)
    form = AddCandidateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        organisation, provider = permissions.get_recruitable_for_user(
            request.user, organisation_id=data["organisatie"], provider_id=data["aanbieder"]
        )
        try:
            if not (organisation or provider):
                raise ValidationError(_("Deze organisatie bestaat niet (meer)."))
            candidate = services.add_candidate(
                challenge=data["opgave"],
                province=data["provincie"],
                sector=data["sector"],
                organisation=organisation,
                provider=provider,
                note=data["notitie"],
                added_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s staat op de werflijst.") % {"name": candidate.name})
            return redirect("reports:recruitment")
    return render(request, "reports/candidate_error.html", {"form": form}, status=400)


@login_required
@require_GET
def recruitment(request: HttpRequest) -> HttpResponse:
    permissions.require_dashboard(request.user)
    form = RecruitmentFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    context = {
        "form": form,
        "page": selectors.recruitment_list(status, request.GET.get("pagina")),
        "statuses": RecruitmentCandidate.Status.choices,
    }
    return render(request, "reports/recruitment.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def recruitment_export(request: HttpRequest) -> HttpResponse:
    permissions.require_dashboard(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="werflijst.csv"'
    response.write("\ufeff")  # Excel in Dutch reads UTF-8 only with the byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["naam", "soort", "sector", "opgave", "provincie", "status", "toegevoegd", "notitie"])
    for c in selectors.recruitment_export():
        kind = _("organisatie") if c.organisation_id else _("aanbieder sociale kaart")
        cells = [
            c.name,
            kind,
            c.sector.name if c.sector else "",
            c.challenge.name,
            c.province.name,
            c.get_status_display(),
            c.added_at.date().isoformat(),
            c.note,
        ]
        writer.writerow([("'" + v) if isinstance(v, str) and v[:1] in "=+-@\t\r" and v else v for v in cells])
    return response


@login_required
@require_POST
def candidate_status(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = permissions.get_candidate_for_user(request.user, pk)
    form = CandidateStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een status uit de lijst."))
        return redirect("reports:recruitment")
    services.set_candidate_status(candidate=candidate, status=form.cleaned_data["status"], changed_by=request.user)
    messages.success(request, _("De status van %(name)s is bijgewerkt.") % {"name": candidate.name})
    return redirect("reports:recruitment")


@login_required
@require_GET
def municipalities(request: HttpRequest) -> HttpResponse:
    permissions.require_dashboard(request.user)
    form = MunicipalityForm(request.GET or None)
    valid = not _too_long(request) and (form.is_valid() or not request.GET)
    data = form.cleaned_data if form.is_bound and valid else {}
    sort = data.get("sorteer") or "naam"
    context = {
        "form": form,
        "rows_html": selectors.municipality_rows(data.get("provincie"), sort),
        "sort": sort,
        "figures": selectors.snapshot("cijfers"),
    }
    return render(request, "reports/municipalities.html", context, status=200 if valid else 400)


def _measure(request: HttpRequest) -> tuple[MapForm, selectors.Measure | None]:
    form = MapForm(request.GET or None)
    if _too_long(request) or (form.is_bound and not form.is_valid()):
        return form, None
    key = (form.cleaned_data.get("kaart") if form.is_bound else "") or "partners"
    return form, selectors.measures()[key]


@login_required
@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    permissions.require_dashboard(request.user)
    form, measure = _measure(request)
    if measure is None:
        return render(request, "reports/map.html", {"form": form}, status=400)
    context = {"form": form, "measure": measure, "section": selectors.map_section(measure)}
    return render(request, "reports/map.html", context)


@login_required
@require_GET
def map_svg(request: HttpRequest, measure: str) -> HttpResponse:
    permissions.require_dashboard(request.user)
    found = selectors.measures().get(measure)
    if found is None:
        raise Http404
    response = HttpResponse(selectors.map_file(found), content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kaart-{measure}.svg"'
    return response


def _svg_download(drawn, filename: str) -> HttpResponse:
    svg = render_to_string("reports/includes/map_svg.html", {"map": drawn, "standalone": True})
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def network(request: HttpRequest) -> HttpResponse:
    permissions.require_dashboard(request.user)
    return render(request, "reports/network.html", selectors.network_overview())


@login_required
@require_GET
def network_export(request: HttpRequest, fmt: str) -> HttpResponse:
    permissions.require_dashboard(request.user)
    found = selectors.snapshot_file("netwerk", f"netwerk.{fmt}")
    if found is None:
        raise Http404
    response = HttpResponse(found.content, content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="alliantie-netwerk.{fmt}"'
    return response


@login_required
@require_GET
def network_partner(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_partner_for_network(request.user, slug)
    return render(
        request, "reports/network_partner.html", {"organisation": organisation, **selectors.ego(organisation)}
    )


@require_GET
@ratelimit.limit_visitors("impact")
def impact(request: HttpRequest) -> HttpResponse:
    # The page takes no parameters: whatever a query string holds is ignored (the answer is the same page).
    return render(request, "reports/impact.html", selectors.impact())


@require_GET
@ratelimit.limit_visitors("impact")
def impact_map_svg(request: HttpRequest) -> HttpResponse:
    return _svg_download(selectors.impact()["map"], "kaart-partners.svg")


@require_GET
@ratelimit.limit_visitors("open-data")
def open_data(request: HttpRequest) -> HttpResponse:
    found = selectors.snapshot("open-data")
    return render(request, "reports/open_data.html", {"snapshot": found})


@require_GET
@ratelimit.limit_visitors("open-data")
def open_data_file(request: HttpRequest, name: str) -> HttpResponse:
    found = selectors.snapshot_file("open-data", name)
    if found is None:
        raise Http404
    response = HttpResponse(found.content, content_type=found.content_type)
    response["Access-Control-Allow-Origin"] = "*"
    if not name.endswith(".json"):
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
