"""The figures that pages read from tables: coverage per opgave × line × province × sector, one row per municipality,
and the partner network. A periodic job (`rapportage-cijfers`, every five minutes) remakes them when the data behind
them changed, and does nothing otherwise; why a job and not a view or triggers: docs/dashboard.md.

Safe to run twice, also at the same time: every table is replaced in one transaction, and a run that finds the
fingerprint it would write already stored stops."""

import csv
from collections.abc import Callable, Iterable
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone

from alliantie.activities.models import Activity, Involvement
from alliantie.core import versions
from alliantie.core.models import Municipality
from alliantie.events.models import Event
from alliantie.marketplace.models import Introduction
from alliantie.partners.models import Organisation
from alliantie.reports.models import CoverageCell, MunicipalityFigures, Snapshot
from alliantie.socialmap.models import Location, Provider, Service

MUNICIPALITIES_CSV = Municipality._meta.apps.get_app_config("core").path + "/data/gemeenten.csv"
PARTNER_STATUSES = [Organisation.Status.ACTIVE, Organisation.Status.DORMANT]

# Apps after this one add what they know per municipality and what their data's state is (the local alliances:
# see docs/dashboard.md). A source returns {municipality id: (name, phase)}; a fingerprint part returns a string.
LOCAL_ALLIANCE_SOURCES: list[Callable[[], dict[int, tuple[str, str]]]] = []
# More rows for the coverage (local agenda goals): for a day, dicts with challenge, change_line, province, sector (ids;
# change_line None for the all-lines rows, which a source must also give) and activities, partners, lived counts.
COVERAGE_SOURCES: list[Callable[[date], Iterable[dict]]] = []
FINGERPRINT_PARTS: list[Callable[[], str]] = []


def fingerprint() -> str:
    """The state of everything the figures count, in six small queries: when it changes, the figures are remade."""
    parts = [
        str(versions.current(versions.PARTNERS)),
        str(timezone.localdate()),  # activities end and count no longer
        _stamp(Organisation.objects.all()),
        _stamp(Event.objects.all()),
        _stamp(Introduction.objects.all()),
        _stamp(Service.objects.all()),
        _stamp(Provider.objects.all()),
        str(Location.objects.count()),
        *(part() for part in FINGERPRINT_PARTS),
    ]
    return "|".join(parts)[:300]


def _stamp(queryset: QuerySet) -> str:
    found = queryset.order_by().aggregate(n=Count("pk"), last=Max("updated_at"))
    return f"{found['n']}@{found['last'].timestamp() if found['last'] else 0}"


def running_activities(today: date) -> QuerySet[Activity]:
    """The activities the figures count: of current partners, not ended before today."""
    return Activity.objects.filter(organisation__status__in=PARTNER_STATUSES).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def refresh(*, force: bool = False) -> str:
    """Remake the coverage, municipality and network tables if the data changed since the last run."""
    from alliantie.reports import network

    stamp = fingerprint()
    if not force and Snapshot.objects.filter(name="cijfers", fingerprint=stamp).exists():
        return "niets veranderd"
    today = timezone.localdate()
    with transaction.atomic():
        cells = refresh_coverage(today)
        municipalities = refresh_municipalities(today)
        summary = network.refresh()
        Snapshot.objects.update_or_create(
            name="cijfers", defaults={"fingerprint": stamp, "made_at": timezone.now(), "summary": {"cells": cells}}
        )
    return f"{cells} cellen, {municipalities} gemeenten, {summary['partner_edges']} verbindingen"


def refresh_coverage(today: date) -> int:
    running = running_activities(today)
    counted = {
        "activities": Count("pk", distinct=True),
        "partners": Count("organisation", distinct=True),
        "lived": Count("pk", distinct=True, filter=~Q(involvement=Involvement.NOT_YET)),
    }
    keys = ["challenges", "municipalities__province", "organisation__sector"]
    rows = [
        *running.values(*keys, "change_line").annotate(**counted).order_by(),
        *running.values(*keys).annotate(**counted).order_by(),  # all lines together: partners counted once
    ]
    totals: dict[tuple, list[int]] = {}
    for row in rows:
        if row["challenges"] is not None:
            key = (
                row["challenges"],
                row.get("change_line"),
                row["municipalities__province"],
                row["organisation__sector"],
            )
            totals[key] = [row["activities"], row["partners"], row["lived"]]
    for source in COVERAGE_SOURCES:
        for row in source(today):
            key = (row["challenge"], row["change_line"], row["province"], row["sector"])
            found = totals.setdefault(key, [0, 0, 0])
            for i, name in enumerate(("activities", "partners", "lived")):
                found[i] += row[name]
    CoverageCell.objects.all().delete()
    cells = [
        CoverageCell(
            challenge_id=challenge,
            change_line_id=line,
            province_id=province,
            sector_id=sector,
            activities=activities,
            partners=partners,
            lived_experience=lived,
        )
        for (challenge, line, province, sector), (activities, partners, lived) in totals.items()
    ]
    CoverageCell.objects.bulk_create(cells, batch_size=2000)
    return len(cells)


def _children() -> dict[str, int]:
    """Children aged 0-14 per municipality, estimated: inhabitants × CBS's rounded share aged 0-14 (2023)."""
    with open(MUNICIPALITIES_CSV, encoding="utf-8") as handle:
        return {
            row["code"]: round(int(row["inwoners_2023"]) * int(row["pct_personen_0_tot_15_jaar_2023"]) / 100)
            for row in csv.DictReader(handle)
            if row["inwoners_2023"] and row["pct_personen_0_tot_15_jaar_2023"]
        }


def count_per_municipality(pairs: Iterable[QuerySet]) -> dict[int, int]:
    """How many distinct things per municipality, from querysets of (thing `a`, municipality `m`) pairs: one query
    that unites the pairs (so a partner with its seat and its working area in one place counts once) and counts."""
    parts, params = [], []
    for queryset in pairs:
        sql, part_params = queryset.order_by().query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS part{len(parts)}")  # noqa: S608 - SQL the ORM made, with params
        params.extend(part_params)
    query = f"SELECT m, COUNT(*) FROM ({' UNION '.join(parts)}) AS pairs GROUP BY m"  # noqa: S608 - our own SQL
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return {municipality: n for municipality, n in cursor.fetchall() if municipality is not None}


def _pairs(queryset: QuerySet, thing: str, municipality: str) -> QuerySet:
    return queryset.annotate(a=F(thing), m=F(municipality)).values("a", "m")


def partner_pairs() -> list[QuerySet]:
    """(partner, municipality) where a partner is active: its seat, its working municipalities, the municipalities
    of its working provinces. Partners that work in the whole country without a working area are not counted."""
    partners = Organisation.objects.filter(status__in=PARTNER_STATUSES)
    return [
        _pairs(partners.filter(municipality__isnull=False), "pk", "municipality_id"),
        _pairs(partners.filter(area_municipalities__isnull=False), "pk", "area_municipalities"),
        _pairs(partners.filter(area_provinces__isnull=False), "pk", "area_provinces__municipalities"),
    ]


def service_pairs() -> list[QuerySet]:
    """(service, municipality) where an active, not nationwide service is offered: at its locations, in its
    provider's working area, and in the working area of its provider's local branches."""
    services = Service.objects.filter(status=Service.Status.ACTIVE, national=False)
    return [
        _pairs(services.filter(locations__isnull=False), "pk", "locations__municipality_id"),
        _pairs(services.filter(provider__area_municipalities__isnull=False), "pk", "provider__area_municipalities"),
        _pairs(
            services.filter(provider__area_provinces__isnull=False), "pk", "provider__area_provinces__municipalities"
        ),
        _pairs(
            services.filter(provider__branches__area_municipalities__isnull=False),
            "pk",
            "provider__branches__area_municipalities",
        ),
    ]


def refresh_municipalities(today: date) -> int:
    partners = count_per_municipality(partner_pairs())
    services = count_per_municipality(service_pairs())
    activities = dict(
        running_activities(today)
        .filter(municipalities__isnull=False)
        .values("municipalities")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
        .values_list("municipalities", "n")
    )
    alliances: dict[int, tuple[str, str]] = {}
    for source in LOCAL_ALLIANCE_SOURCES:
        alliances.update(source())
    children = _children()
    MunicipalityFigures.objects.all().delete()
    rows = [
        MunicipalityFigures(
            municipality_id=pk,
            children=children.get(code),
            partners=partners.get(pk, 0),
            activities=activities.get(pk, 0),
            services=services.get(pk, 0),
            local_alliance=alliances.get(pk, ("", ""))[0],
            local_alliance_phase=alliances.get(pk, ("", ""))[1],
        )
        for pk, code in Municipality.objects.values_list("pk", "code")
    ]
    MunicipalityFigures.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
