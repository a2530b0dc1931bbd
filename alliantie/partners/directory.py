"""The public partner directory: filters, Dutch full-text search, counts per filter value, pagination.

Reads activities through the reverse relation only, so this app does not import a later one."""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.http import QueryDict
from django.utils import timezone

from alliantie.core import versions
from alliantie.core.models import Challenge, ChangeLine, Municipality, Province, Scope, Sector
from alliantie.core.search import search
from alliantie.partners import facets
from alliantie.partners.models import Membership, Organisation
from alliantie.partners.reporting import reporting_status

PAGE_SIZE = 20
MAX_SEARCH_RESULTS = 5000
SORTS = {"naam": [Lower("name")], "nieuwste": ["-joined_on", Lower("name")], "oudste": ["joined_on", Lower("name")]}
AreaMunicipality = Organisation.area_municipalities.through
AreaProvince = Organisation.area_provinces.through


@dataclass
class DirectoryFilters:
    query: str = ""
    sector: Sector | None = None
    scope: Scope | None = None
    challenge: Challenge | None = None
    change_line: ChangeLine | None = None
    province: Province | None = None
    municipality: Municipality | None = None
    sort: str = "naam"


def works_in_municipality(municipality: Municipality) -> Q:
    """National partners, and those whose area holds the municipality or its province, or who are seated there."""
    return (
        Q(scope__code=Scope.Code.NATIONAL)
        | Q(municipality=municipality)
        | Exists(AreaMunicipality.objects.filter(organisation=OuterRef("pk"), municipality=municipality))
        | Exists(AreaProvince.objects.filter(organisation=OuterRef("pk"), province_id=municipality.province_id))
    )


def works_in_province(province: Province) -> Q:
    """National partners, and those with their seat, a municipality or the whole province in their area there."""
    return (
        Q(scope__code=Scope.Code.NATIONAL)
        | Q(municipality__province=province)
        | Exists(AreaMunicipality.objects.filter(organisation=OuterRef("pk"), municipality__province=province))
        | Exists(AreaProvince.objects.filter(organisation=OuterRef("pk"), province=province))
    )


def filtered_partners(filters: DirectoryFilters) -> QuerySet[Organisation]:
    """Partners matching every filter (before sorting)."""
    partners = Organisation.objects.partners()
    if filters.sector:
        partners = partners.filter(sector=filters.sector)
    if filters.scope:
        partners = partners.filter(scope=filters.scope)
    if filters.challenge:
        partners = partners.filter(
            Exists(Organisation.objects.filter(pk=OuterRef("pk"), activities__challenges=filters.challenge))
        )
    if filters.change_line:
        partners = partners.filter(
            Exists(Organisation.objects.filter(pk=OuterRef("pk"), activities__change_line=filters.change_line))
        )
    if filters.province:
        partners = partners.filter(works_in_province(filters.province))
    if filters.municipality:
        partners = partners.filter(works_in_municipality(filters.municipality))
    if filters.query:
        # Resolved once (through the GIN index on PostgreSQL), so the counts below do not match the text again.
        matching = search(Organisation.objects.partners(), filters.query, "name", "description", "city")
        partners = partners.filter(pk__in=list(matching.values_list("pk", flat=True)[:MAX_SEARCH_RESULTS]))
    return partners


def found_ids(partners: QuerySet[Organisation]) -> RawSQL | None:
    """The found partners' ids as SQL compiled once; the page, the total and every count reuse it, so the
    filters (subqueries, search) are not compiled again for each. None when nothing can match."""
    try:
        sql, params = partners.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None
    return RawSQL(sql, params)  # noqa: S611 - SQL compiled by Django from the filters; values stay parameters


def province_counts(ids: RawSQL) -> dict[str, int]:
    """Per province, the found partners that work there (as `works_in_province`), in one grouped query:
    national partners count everywhere; the others through their seat, area municipalities and provinces."""
    found = Organisation.objects.filter(pk__in=ids)
    regional_sql, params = found.exclude(scope__code=Scope.Code.NATIONAL).values("pk").query.sql_with_params()
    organisation = Organisation._meta.db_table
    municipality = Municipality._meta.db_table
    province = Province._meta.db_table
    sql = f"""
        SELECT p.code, COUNT(DISTINCT pairs.organisation_id)
        FROM (
            SELECT o.id AS organisation_id, m.province_id AS province_id
            FROM {organisation} o JOIN {municipality} m ON m.id = o.municipality_id
            WHERE o.id IN ({regional_sql})
            UNION ALL
            SELECT a.organisation_id, m.province_id
            FROM {AreaMunicipality._meta.db_table} a JOIN {municipality} m ON m.id = a.municipality_id
            WHERE a.organisation_id IN ({regional_sql})
            UNION ALL
            SELECT a.organisation_id, a.province_id FROM {AreaProvince._meta.db_table} a
            WHERE a.organisation_id IN ({regional_sql})
        ) pairs JOIN {province} p ON p.id = pairs.province_id
        GROUP BY p.code
    """  # noqa: S608 - table names come from the models, values are parameters
    national = found.filter(scope__code=Scope.Code.NATIONAL).count()
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *params, *params])
        counts = dict(cursor.fetchall())
    return {code: counts.get(code, 0) + national for code in Province.objects.values_list("code", flat=True)}


def facet_counts(ids: RawSQL | None) -> dict[str, dict]:
    """How many of the found partners each filter value has; sector and scope in one grouped query."""
    if ids is None:
        return {"sector": {}, "scope": {}, "challenge": {}, "change_line": {}, "province": {}}
    sector: dict[str, int] = {}
    scope: dict[str, int] = {}
    for sector_slug, scope_code, n in (
        Organisation.objects.filter(pk__in=ids)
        .order_by()
        .values_list("sector__slug", "scope__code")
        .annotate(n=Count("pk"))
    ):
        sector[sector_slug] = sector.get(sector_slug, 0) + n
        scope[scope_code] = scope.get(scope_code, 0) + n
    by_challenge = Challenge.objects.filter(activities__organisation__in=ids).annotate(
        n=Count("activities__organisation", distinct=True)
    )
    by_line = ChangeLine.objects.filter(activities__organisation__in=ids).annotate(
        n=Count("activities__organisation", distinct=True)
    )
    return {
        "sector": sector,
        "scope": scope,
        "challenge": dict(by_challenge.values_list("slug", "n")),
        "change_line": dict(by_line.values_list("code", "n")),
        "province": province_counts(ids),
    }


def data_version() -> tuple:
    """Changes with every change to partners, pledges and activities (one query; see core/versions.py)."""
    return versions.current(versions.PARTNERS)


def page_cache_key(params: QueryDict, **variant: object) -> str:
    """One key per query string, viewer variant (language, export right), data version and day (the reporting
    status moves with the calendar)."""
    parts = [sorted(params.lists()), sorted(variant.items()), data_version(), timezone.localdate()]
    return "partners:directory:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _only_facet_filter(filters: DirectoryFilters) -> tuple[str, str] | None:
    """The one filter value, as a facet, when that is all the filters ask (PARTNER when they ask nothing); None when
    they ask more (a place, a search, two values)."""
    if filters.query or filters.municipality:
        return None
    chosen = [
        (facet, getattr(value, key))
        for facet, value, key in (
            ("sector", filters.sector, "slug"),
            ("scope", filters.scope, "code"),
            ("challenge", filters.challenge, "slug"),
            ("change_line", filters.change_line, "code"),
            ("province", filters.province, "code"),
        )
        if value is not None
    ]
    if len(chosen) > 1:
        return None
    return chosen[0] if chosen else facets.PARTNER


def partner_directory(filters: DirectoryFilters, page_number: int) -> dict:
    """One page of the directory with the counts per filter value: from the summary once it is built
    (partners/facets.py: without a filter or with one, read; otherwise counted from the found partners' facet
    rows), before that through activities and areas."""
    ids = found_ids(filtered_partners(filters))
    found = Organisation.objects.filter(pk__in=ids) if ids is not None else Organisation.objects.none()
    ordered = found.select_related("sector", "scope").order_by(*SORTS[filters.sort])
    paginator = Paginator(ordered, PAGE_SIZE)
    summary = None
    if ids is not None:
        one = _only_facet_filter(filters)
        summary = facets.given(one) if one is not None else facets.counted(ids)
    if summary is None:
        counts = facet_counts(ids)
    else:
        paginator.count = summary[""][""]  # known: the paginator does not count again
        counts = {facet: summary.get(facet, {}) for facet in facets.FACETS}
    page: Page = paginator.get_page(page_number)
    rows = list(page.object_list)
    challenges: dict[int, list[str]] = {row.pk: [] for row in rows}
    for pk, name in (
        Organisation.objects.filter(pk__in=challenges, activities__challenges__isnull=False)
        .values_list("pk", "activities__challenges__name")
        .order_by("pk", "activities__challenges__number")
    ):
        if name not in challenges[pk]:
            challenges[pk].append(name)
    for row in rows:
        row.challenge_names = challenges[row.pk]
        row.reporting = reporting_status(row)
    page.object_list = rows
    return {"page": page, "total": page.paginator.count, "facets": counts}


EXPORT_HEADER = [
    "naam",
    "kvk",
    "sector",
    "schaal",
    "werkgebied",
    "website",
    "e-mail",
    "postcode",
    "plaats",
    "partner sinds",
    "status",
]


def export_rows(filters: DirectoryFilters) -> list[list[object]]:
    """The found partners as rows in the import columns, with their contacts' addresses; four queries."""
    partners = list(filtered_partners(filters).select_related("sector", "scope").order_by(*SORTS[filters.sort], "pk"))
    ids = [p.pk for p in partners]
    municipalities: dict[int, list[str]] = {}
    for pk, name in (
        AreaMunicipality.objects.filter(organisation_id__in=ids)
        .values_list("organisation_id", "municipality__name")
        .order_by(Lower("municipality__name"))
    ):
        municipalities.setdefault(pk, []).append(name)
    provinces: dict[int, list[str]] = {}
    for pk, name in (
        AreaProvince.objects.filter(organisation_id__in=ids)
        .values_list("organisation_id", "province__name")
        .order_by(Lower("province__name"))
    ):
        provinces.setdefault(pk, []).append(name)
    emails: dict[int, list[str]] = {}
    for pk, email in (
        Membership.objects.filter(organisation_id__in=ids, role=Membership.Role.CONTACT)
        .values_list("organisation_id", "user__email")
        .order_by("user__email")
    ):
        emails.setdefault(pk, []).append(email)
    rows = []
    for p in partners:
        if p.scope.code == Scope.Code.NATIONAL:
            area = "heel Nederland"
        else:
            area = ", ".join(municipalities.get(p.pk, []) + [f"provincie {n}" for n in provinces.get(p.pk, [])])
        rows.append(
            [
                p.name,
                p.kvk_number,
                p.sector.name,
                p.scope.name,
                area,
                p.website,
                ", ".join(emails.get(p.pk, [])),
                p.postcode,
                p.city,
                p.joined_on.strftime("%d-%m-%Y") if p.joined_on else "",
                p.get_status_display(),
            ]
        )
    return rows
