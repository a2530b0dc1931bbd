"""Every read the dashboard, coverage, municipality, map, network and public pages need, in a fixed number of
queries (the heavy counting is done beforehand by precompute.refresh)."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from alliantie.core import caching
from alliantie.core.models import Challenge, Province, Sector
from alliantie.monitoring import results
from alliantie.monitoring.models import MonitorRound, Report
from alliantie.partners.models import Organisation
from alliantie.reports import maps, progress
from alliantie.reports.coverage import NEEDS_FOR_CHALLENGE
from alliantie.reports.models import (
    MunicipalityFigures,
    NetworkEdge,
    NetworkPosition,
    RecruitmentCandidate,
    Snapshot,
    SnapshotFile,
    Target,
)
from alliantie.reports.precompute import PARTNER_STATUSES, running_activities
from alliantie.socialmap.models import Provider

CANDIDATES_SHOWN = 25
MIN_GROUP = 5  # fewer partners behind a public figure: no figure (as the monitor, MONITOR_MIN_GROUP)


# -- targets -----------------------------------------------------------------------------------------------------------


def targets() -> list[Target]:
    """All targets in their order, with what their definitions need (owner, sectors)."""
    return list(Target.objects.select_related("owner").prefetch_related("sectors").order_by("position", "pk"))


def dashboard(today: date | None = None, *, public_only: bool = False) -> list[progress.TargetProgress]:
    """Every target measured today: one or two queries per target (a count before the period, the months)."""
    today = today or timezone.localdate()
    found = [t for t in targets() if t.public or not public_only]
    return [progress.measure(target, today) for target in found]


def target_records(target: Target, page_number: object) -> dict:
    """The records behind a target's number, 25 per page, with a link to each."""
    measured = progress.measure(target, timezone.localdate())
    records: list = []
    page = None
    if measured.definition:
        period = progress.definitions.Period(target.period_start, min(target.period_end, timezone.localdate()))
        page = Paginator(measured.definition.queryset(period, target), 25).get_page(page_number)
        records = [(measured.definition.record_label(r), measured.definition.record_link(r)) for r in page]
    return {"target": target, "progress": measured, "page": page, "records": records}


# -- freshness ---------------------------------------------------------------------------------------------------------


def snapshot(name: str) -> Snapshot | None:
    """A stored computation (figures, maps, the open-data package) by name, or None before the first."""
    return Snapshot.objects.filter(name=name).first()


def snapshot_file(snapshot_name: str, file_name: str) -> SnapshotFile | None:
    """One file of a stored computation (a map, a CSV of the open-data package), or None."""
    return SnapshotFile.objects.filter(snapshot__name=snapshot_name, name=file_name).first()


# -- recruitment -------------------------------------------------------------------------------------------------------


def _active_in(province: Province) -> Q:
    return Q(municipality__province=province) | Q(area_municipalities__province=province) | Q(area_provinces=province)


def candidates(challenge: Challenge, province: Province, sector: Sector | None) -> dict:
    """Who could fill the blind spot: partners of the sector active in the province without an activity on the
    opgave, organisations of the sector there that are not (yet) partners, and providers from the sociale kaart there
    with a service on the opgave that are not partners; each list at most CANDIDATES_SHOWN, four queries."""
    on_opgave = running_activities(timezone.localdate()).filter(organisation=OuterRef("pk"), challenges=challenge)
    in_sector = Q(sector=sector) if sector else Q()
    nearby = Organisation.objects.filter(_active_in(province)).filter(in_sector).values("pk")
    partners = list(
        Organisation.objects.filter(pk__in=nearby, status__in=PARTNER_STATUSES)
        .exclude(Exists(on_opgave))
        .select_related("sector", "municipality")
        .order_by(Lower("name"))[:CANDIDATES_SHOWN]
    )
    others = list(
        Organisation.objects.filter(pk__in=nearby)
        .exclude(status__in=[*PARTNER_STATUSES, Organisation.Status.DECLINED])
        .select_related("sector", "municipality")
        .order_by(Lower("name"))[:CANDIDATES_SHOWN]
    )
    serves = Q(services__challenges=challenge)
    for need in NEEDS_FOR_CHALLENGE.get(challenge.slug, []):
        serves |= Q(services__needs__icontains=f'"{need}"')
    providers_nearby = Provider.objects.filter(
        Q(area_municipalities__province=province)
        | Q(area_provinces=province)
        | Q(locations__municipality__province=province)
    ).values("pk")
    providers = list(
        Provider.objects.filter(pk__in=providers_nearby, partner__isnull=True)
        .filter(Exists(Provider.objects.filter(serves, pk=OuterRef("pk"))))
        .order_by(Lower("name"))[:CANDIDATES_SHOWN]
    )
    listed = RecruitmentCandidate.objects.filter(challenge=challenge, province=province)
    return {
        "partners": partners,
        "others": others,
        "providers": providers,
        "listed_organisations": set(listed.exclude(organisation=None).values_list("organisation_id", flat=True)),
        "listed_providers": set(listed.exclude(provider=None).values_list("provider_id", flat=True)),
    }


def recruitment_list(status: str, page_number: object) -> Page:
    """The recruitment list, newest first, 50 per page."""
    found = RecruitmentCandidate.objects.select_related(
        "challenge", "province", "sector", "organisation", "provider", "added_by"
    ).order_by("-added_at", "-pk")
    if status:
        found = found.filter(status=status)
    return Paginator(found, 50).get_page(page_number)


def recruitment_export() -> QuerySet[RecruitmentCandidate]:
    """The recruitment list with what each row refers to, newest first, for the team's CSV."""
    return RecruitmentCandidate.objects.select_related(
        "challenge", "province", "sector", "organisation", "provider"
    ).order_by("-added_at", "-pk")


# -- municipalities and maps -------------------------------------------------------------------------------------------

SORTS = {
    "naam": ("municipality__name",),
    "provincie": ("municipality__province__name", "municipality__name"),
    "kinderen": ("-children", "municipality__name"),
    "partners": ("-partners", "municipality__name"),
    "activiteiten": ("-activities", "municipality__name"),
    "voorzieningen": ("-services", "municipality__name"),
    "lokale-alliantie": ("-local_alliance", "municipality__name"),
}


def _fragment(name: str, parts: tuple, render) -> str:
    """A rendered part of a page (342 rows, 342 shapes) kept in the cache until the figures are remade: drawing them
    costs far more than reading them. `parts` must hold everything the markup depends on."""
    figures = snapshot("cijfers")
    version = (name, figures.made_at.isoformat() if figures else "", parts, get_language())
    key = "reports-fragment:" + hashlib.sha256(repr(version).encode()).hexdigest()
    # Our own template's output, escaped when it was rendered; the cache keeps it as a plain string.
    return mark_safe(caching.get_or_compute(key, lambda: str(render()), settings.MONITOR_RESULTS_CACHE_SECONDS))  # noqa: S308


def municipality_rows(province: Province | None, sort: str) -> str:
    """The table rows of all municipalities (or one province's), rendered."""
    return _fragment(
        "municipalities",
        (province.code if province else "", sort),
        lambda: render_to_string(
            "reports/includes/municipality_rows.html", {"rows": municipality_table(province, sort)}
        ),
    )


def map_section(measure: "Measure") -> str:
    """The team's map of one measure with its legend and data table, rendered."""

    def render() -> str:
        drawn, table = map_for(measure, municipality_table(None, "naam"))
        download = reverse("reports:map-svg", kwargs={"measure": measure.key})
        return render_to_string(
            "reports/includes/map_section.html", {"map": drawn, "table": table, "download": download}
        )

    return _fragment("map", (measure.key,), render)


def map_file(measure: "Measure") -> str:
    """The map of one measure as a standalone SVG file with its legend inside, rendered."""

    def render() -> str:
        drawn, _table = map_for(measure, municipality_table(None, "naam"))
        return render_to_string("reports/includes/map_svg.html", {"map": drawn, "standalone": True})

    return _fragment("map-file", (measure.key,), render)


def report_map_section(year: int) -> str:
    """The map of partners per municipality for the Voortgangsrapportage (public: under five is not shown), with its
    legend inside the drawing so that the page and the PDF print it alike."""

    def render() -> str:
        drawn, _table = public_partner_map(municipality_table(None, "naam"))
        if not drawn.shapes:
            return ""
        return render_to_string("reports/includes/report_map.html", {"map": drawn})

    return _fragment("report-map", (year,), render)


def municipality_table(province: Province | None, sort: str) -> list[MunicipalityFigures]:
    """All municipalities (or one province's) with their figures, in one query."""
    rows = MunicipalityFigures.objects.select_related("municipality__province")
    if province:
        rows = rows.filter(municipality__province=province)
    return list(rows.order_by(*SORTS.get(sort, SORTS["naam"])))


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    field: str


def measures() -> dict[str, Measure]:
    """The figures the municipality map can show, per key of the query string."""
    return {
        "partners": Measure("partners", _("Partners per 1.000 kinderen"), "partners"),
        "activiteiten": Measure("activiteiten", _("Lopende activiteiten per 1.000 kinderen"), "activities"),
        "voorzieningen": Measure(
            "voorzieningen", _("Voorzieningen op de sociale kaart per 1.000 kinderen"), "services"
        ),
        "lokale-allianties": Measure("lokale-allianties", _("Gemeenten met een lokale alliantie"), "local_alliance"),
    }


def _per_thousand(count: int, children: int | None) -> float | None:
    return round(1000 * count / children, 2) if children else None


def map_for(measure: Measure, rows: list[MunicipalityFigures]) -> tuple[maps.Map, list[dict]]:
    """The team's map of one measure and the rows of its data table."""
    areas, table = [], []
    for row in rows:
        if measure.field == "local_alliance":
            value = 1.0 if row.local_alliance else 0.0
            shown = f"{row.local_alliance} ({row.local_alliance_phase})" if row.local_alliance else _("geen")
            count = None
        else:
            count = getattr(row, measure.field)
            value = _per_thousand(count, row.children)
            shown = _("%(n)s (%(rate)s per 1.000 kinderen)") % {
                "n": number_format(count),
                "rate": number_format(value) if value is not None else "–",
            }
        areas.append(maps.Area(row.municipality.code, row.municipality.name, value, shown))
        table.append({"figures": row, "count": count, "value": value, "shown": shown})
    bounds = [1.0] if measure.field == "local_alliance" else None
    drawn = maps.draw(measure.title, areas, measure.title, bounds=bounds, zero_label=_("geen"))
    if measure.field == "local_alliance":
        drawn.legend[1].label = _("wel een lokale alliantie")
    return drawn, table


def public_partner_map(rows: list[MunicipalityFigures]) -> tuple[maps.Map, list[dict]]:
    """Partners active per municipality for the public page: fewer than five is shown as "minder dan 5"."""
    areas, table = [], []
    for row in rows:
        shown = number_format(row.partners) if row.partners >= MIN_GROUP else _("minder dan 5")
        value = float(row.partners) if row.partners >= MIN_GROUP else None
        areas.append(maps.Area(row.municipality.code, row.municipality.name, value, shown))
        table.append({"figures": row, "shown": shown})
    drawn = maps.draw(
        _("Partners actief per gemeente"),
        areas,
        _("partners"),
        bounds=[9, 19, max([r.partners for r in rows] + [20])],
        zero_label=_("minder dan 5"),
        floor=5,
        whole=True,
    )
    return drawn, table


# -- network -----------------------------------------------------------------------------------------------------------


def network_overview() -> dict:
    """The network's measures (from the last computation), the partners that reach the most sectors and the isolated
    partners; three queries."""
    found = snapshot("netwerk")
    bridges = list(
        NetworkPosition.objects.filter(sectors_reached__gt=0)
        .select_related("organisation__sector")
        .order_by("-sectors_reached", "-connections", Lower("organisation__name"))[:10]
    )
    isolated = list(
        NetworkPosition.objects.filter(connections=0)
        .select_related("organisation__sector")
        .order_by(Lower("organisation__name"))[:100]
    )
    return {"snapshot": found, "summary": found.summary if found else {}, "bridges": bridges, "isolated": isolated}


@dataclass
class EgoNode:
    organisation: Organisation
    kinds: list[str]
    weight: int
    x: float
    y: float


EGO_SHOWN = 24


def ego(organisation: Organisation) -> dict:
    """One partner's ties, drawn as a star (the partner in the middle, at most EGO_SHOWN others around it) with the
    full list beside it; two queries."""
    import math

    edges = list(
        NetworkEdge.objects.filter(Q(source=organisation) | Q(target=organisation))
        .select_related("source__sector", "target__sector")
        .order_by("-weight", "pk")
    )
    position = NetworkPosition.objects.filter(organisation=organisation).first()
    nodes = []
    shown = edges[:EGO_SHOWN]
    for index, edge in enumerate(edges):
        other = edge.target if edge.source_id == organisation.pk else edge.source
        angle = 2 * math.pi * index / max(len(shown), 1) - math.pi / 2
        x, y = (round(300 + 220 * math.cos(angle), 1), round(220 + 170 * math.sin(angle), 1))
        nodes.append(EgoNode(other, edge.kinds, edge.weight, x, y))
    return {"nodes": nodes, "drawn": nodes[:EGO_SHOWN], "position": position}


# -- the public impact page --------------------------------------------------------------------------------------------


def latest_published_report() -> Report | None:
    """The newest published Voortgangsrapportage, or None."""
    return Report.objects.filter(published_at__isnull=False).order_by("-year").first()


def impact(today: date | None = None) -> dict:
    """Everything the public page "Wat we samen doen" shows, kept in the cache until the figures are remade or a
    report or monitor round is published (read in three queries)."""
    today = today or timezone.localdate()
    figures = snapshot("cijfers")
    report = latest_published_report()
    monitor = MonitorRound.objects.filter(results_published_at__isnull=False).order_by("-year", "-closes_on").first()
    version = (
        figures.fingerprint if figures else "",
        figures.made_at.isoformat() if figures else "",
        report.pk if report else None,
        report.updated_at.isoformat() if report else "",
        results.round_version(monitor),
        list(Target.objects.filter(public=True).order_by("pk").values_list("pk", "updated_at")),
        today.isoformat(),
        get_language(),
    )
    key = "impact:" + hashlib.sha256(repr(version).encode()).hexdigest()
    return caching.get_or_compute(key, lambda: _impact(today, report, monitor), settings.MONITOR_RESULTS_CACHE_SECONDS)


def _suppressed(count: int, partners: int) -> int | None:
    return count if partners >= MIN_GROUP else None


def _impact(today: date, report: Report | None, monitor: MonitorRound | None) -> dict:
    sectors = [
        {"name": row["sector__name"], "partners": _suppressed(row["n"], row["n"])}
        for row in Organisation.objects.partners()
        .values("sector__name", "sector__order")
        .annotate(n=Count("pk"))
        .order_by("sector__order", Lower("sector__name"))
    ]
    per_challenge = {
        row["challenges"]: row
        for row in running_activities(today)
        .values("challenges")
        .annotate(activities=Count("pk", distinct=True), partners=Count("organisation", distinct=True))
        .order_by()
    }
    examples: dict[int, list] = {}
    if report:
        for activity in report.highlighted_activities.select_related("organisation").prefetch_related("challenges"):
            for challenge in activity.challenges.all():
                examples.setdefault(challenge.pk, []).append(activity)
    challenges = []
    for challenge in Challenge.objects.order_by("number"):
        row = per_challenge.get(challenge.pk, {})
        partners = row.get("partners", 0)
        challenges.append(
            {
                "challenge": challenge,
                "activities": _suppressed(row.get("activities", 0), partners),
                "partners": _suppressed(partners, partners),
                "examples": examples.get(challenge.pk, []),
            }
        )
    needs = []
    if monitor:
        found = results.result_by_key(results.question_results(monitor, public=True), "behoeften")
        if found and not found.suppressed:
            needs = [bar for bar in found.codes if bar.option != results.OTHER and bar.count is not None][:5]
    reach_year = report.year if report else today.year
    rows = list(
        MunicipalityFigures.objects.select_related("municipality__province").order_by(Lower("municipality__name"))
    )
    drawn, table = public_partner_map(rows)
    map_html = str(
        render_to_string(
            "reports/includes/impact_map.html",
            {"map": drawn, "map_table": table, "download": reverse("reports:impact-map")},
        )
    )
    return {
        "partners_total": Organisation.objects.partners().count(),
        "sectors": sectors,
        "challenges": challenges,
        "needs": needs,
        "monitor": monitor,
        "reach": results.reach(reach_year, public=True)["challenges"],
        "reach_year": reach_year,
        "map": drawn,
        "map_html": map_html,  # marked safe by the page (impact.html): our own template's output
        "reports": list(Report.objects.filter(published_at__isnull=False).order_by("-year").values("year")),
        "targets": dashboard(today, public_only=True),
    }
