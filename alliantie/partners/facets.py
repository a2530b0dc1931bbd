"""The directory's counts per filter value as a summary (core/summaries.py).

Counting the filter values of 17,500 partners through their activities and working areas took most of the directory's
time at national scale. Instead every partner has a `DirectoryFacet` row per filter value it has (its sector, its
scale, each opgave and 3V line of its activities, each province it works in, and ("", "") for being a partner), and
`DirectoryFacetCount` holds, for every pair of values, how many partners have both. The directory without a filter
reads the counts "given" ("", ""), with one filter the counts given that value: one query of a few dozen rows. With
more filters, a place or a search it counts the facet rows of the partners it found.

Every organisation that became a partner also has ("joined", year) and, once ended, ("ended", year): the growth of
the alliance in the Voortgangsrapportage (partners at the end of each year, new partners per year) is read from the
counts of those pairs.

The services that change a partner's data call `refresh` through core.summaries in their transaction; it works out
that partner's rows again and adds the difference to the counts, holding the row of the total as a lock so that two
refreshes take their turn."""

from collections import Counter
from collections.abc import Iterable
from itertools import product

from django.db import connection, transaction
from django.db.models import Count, F, Q

from alliantie.core.models import Province, Scope
from alliantie.partners.models import DirectoryFacet, DirectoryFacetCount, Organisation

AreaMunicipality = Organisation.area_municipalities.through
AreaProvince = Organisation.area_provinces.through
PARTNER = ("", "")  # every partner has this value: "given" it, a count covers the whole directory
FACETS = ("sector", "scope", "challenge", "change_line", "province")
Value = tuple[str, str]


def worked_out(ids: Iterable[int] | None = None) -> set[tuple[int, str, str]]:
    """(organisation, facet, value) of the partners among `ids` (all partners when None), from the data."""
    partners = Organisation.objects.partners().order_by()
    if ids is not None:
        partners = partners.filter(pk__in=list(ids))
    regional = partners.exclude(scope__code=Scope.Code.NATIONAL)
    rows: set[tuple[int, str, str]] = set()
    for pk, sector, scope in partners.values_list("pk", "sector__slug", "scope__code"):
        rows |= {(pk, *PARTNER), (pk, "sector", sector), (pk, "scope", scope)}
    # One filter() per query: a second filter on the activities joins them again, and the rows grow with the square
    # of a partner's activities (a demo partner with a few hundred took minutes).
    with_challenges = partners.filter(activities__challenges__isnull=False)
    for pk, challenge in with_challenges.values_list("pk", "activities__challenges__slug").distinct():
        rows.add((pk, "challenge", challenge))
    with_activities = partners.filter(activities__isnull=False)
    for pk, line in with_activities.values_list("pk", "activities__change_line__code").distinct():
        rows.add((pk, "change_line", line))
    provinces = list(Province.objects.values_list("code", flat=True))
    for pk in partners.filter(scope__code=Scope.Code.NATIONAL).values_list("pk", flat=True):
        rows |= {(pk, "province", code) for code in provinces}
    for found in (
        regional.filter(municipality__isnull=False).values_list("pk", "municipality__province__code"),
        AreaMunicipality.objects.filter(organisation__in=regional).values_list(
            "organisation_id", "municipality__province__code"
        ),
        AreaProvince.objects.filter(organisation__in=regional).values_list("organisation_id", "province__code"),
    ):
        rows |= {(pk, "province", code) for pk, code in found}
    joined = Organisation.objects.exclude(status=Organisation.Status.APPLIED).exclude(joined_on=None).order_by()
    if ids is not None:
        joined = joined.filter(pk__in=list(ids))
    for pk, joined_on, status, since in joined.values_list("pk", "joined_on", "status", "status_since"):
        rows.add((pk, "joined", str(joined_on.year)))
        if status == Organisation.Status.ENDED and since:
            rows.add((pk, "ended", str(since.year)))
    return rows


def _pairs(rows: Iterable[tuple[int, str, str]]) -> Counter:
    """For every pair of values, how many of these organisations have both (each with itself included)."""
    by_organisation: dict[int, list[Value]] = {}
    for pk, facet, value in rows:
        by_organisation.setdefault(pk, []).append((facet, value))
    pairs: Counter = Counter()
    for values in by_organisation.values():
        pairs.update(product(values, values))
    return pairs


def _stored(ids: Iterable[int] | None = None) -> set[tuple[int, str, str]]:
    stored = DirectoryFacet.objects.all()
    if ids is not None:
        stored = stored.filter(organisation__in=list(ids))
    return set(stored.values_list("organisation_id", "facet", "value"))


def _lock_total() -> DirectoryFacetCount | None:
    """The row of the total, locked: refreshes take their turn, so the differences they add never cross. None
    while the summary was never built."""
    return (
        DirectoryFacetCount.objects.select_for_update()
        .filter(facet="", value="", other_facet="", other_value="")
        .first()
    )


# Above this many organisations at once (an import), the summary is rebuilt rather than refreshed.
REFRESH_LIMIT = 1000


@transaction.atomic
def refresh(ids: set[int]) -> None:
    """Bring the facet rows of these organisations and the counts up to date (called by the services through
    core.summaries); nothing while the summary was never built."""
    if _lock_total() is None:
        return
    if len(ids) > REFRESH_LIMIT:
        rebuild()
        return
    before, after = _stored(ids), worked_out(ids)
    if before == after:
        return
    gone = before - after
    if gone:
        DirectoryFacet.objects.filter(
            Q.create([Q(organisation_id=pk, facet=f, value=v) for pk, f, v in gone], connector=Q.OR)
        ).delete()
    DirectoryFacet.objects.bulk_create(
        [DirectoryFacet(organisation_id=pk, facet=f, value=v) for pk, f, v in after - before]
    )
    change = _pairs(after)
    change.subtract(_pairs(before))
    change = Counter({pair: n for pair, n in change.items() if n})
    keys = Q.create([Q(facet=a[0], value=a[1], other_facet=b[0], other_value=b[1]) for a, b in change], connector=Q.OR)
    existing = {
        ((c.facet, c.value), (c.other_facet, c.other_value)): c for c in DirectoryFacetCount.objects.filter(keys)
    }
    for pair, count in existing.items():
        count.n += change.pop(pair)
    DirectoryFacetCount.objects.bulk_update(list(existing.values()), ["n"])
    DirectoryFacetCount.objects.bulk_create(
        [
            DirectoryFacetCount(facet=a[0], value=a[1], other_facet=b[0], other_value=b[1], n=n)
            for (a, b), n in change.items()
        ]
    )


@transaction.atomic
def rebuild() -> str:
    """Work out every partner's facet rows and the counts of every pair again (the pairs counted in the database)."""
    DirectoryFacetCount.objects.get_or_create(facet="", value="", other_facet="", other_value="")
    _lock_total()
    rows = worked_out()
    DirectoryFacet.objects.all().delete()
    DirectoryFacet.objects.bulk_create(
        [DirectoryFacet(organisation_id=pk, facet=f, value=v) for pk, f, v in rows], batch_size=5000
    )
    DirectoryFacetCount.objects.exclude(facet="", value="", other_facet="", other_value="").delete()
    facets, counts = DirectoryFacet._meta.db_table, DirectoryFacetCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {counts} (facet, value, other_facet, other_value, n) "  # noqa: S608 - our own tables
            f"SELECT a.facet, a.value, b.facet, b.value, COUNT(*) FROM {facets} a "
            f"JOIN {facets} b ON b.organisation_id = a.organisation_id "
            "WHERE NOT (a.facet = '' AND a.value = '' AND b.facet = '' AND b.value = '') "
            "GROUP BY a.facet, a.value, b.facet, b.value"
        )
    partners = sum(1 for _pk, facet, value in rows if (facet, value) == PARTNER)
    DirectoryFacetCount.objects.filter(facet="", value="", other_facet="", other_value="").update(n=partners)
    return f"{len(rows)} filterwaarden van {partners} partners"


def rebuild_if_never_built() -> str:
    """The periodic job's part: build the summary once after it was added (the nightly job rebuilds it)."""
    if DirectoryFacetCount.objects.filter(facet="", value="", other_facet="", other_value="").exists():
        return "gebouwd"
    return rebuild()


def summary_matches_recount() -> bool:
    """Whether the stored rows and counts equal a full recount (the tests' check after every kind of change)."""
    rows = worked_out()
    if _stored() != rows:
        return False
    stored = {
        ((c.facet, c.value), (c.other_facet, c.other_value)): c.n for c in DirectoryFacetCount.objects.filter(n__gt=0)
    }
    built = DirectoryFacetCount.objects.filter(facet="", value="", other_facet="", other_value="").exists()
    return built and stored == +_pairs(rows)


def given(value: Value) -> dict[str, dict[str, int]] | None:
    """The counts per filter value among the partners with `value` (PARTNER: all of them), with "" the number of
    those partners; None while the summary was never built. One query."""
    found: dict[str, dict[str, int]] = {}
    built = False
    for facet, value_, other_facet, other_value, n in DirectoryFacetCount.objects.filter(
        Q(facet=value[0], value=value[1]) | Q(facet="", value="", other_facet="", other_value="")
    ).values_list("facet", "value", "other_facet", "other_value", "n"):
        built = built or (facet, value_, other_facet, other_value) == ("", "", "", "")
        if (facet, value_) == value and n:
            found.setdefault(other_facet, {})[other_value] = n
    if not built:
        return None
    found.setdefault("", {}).setdefault("", 0)
    return found


def counted(organisation_ids) -> dict[str, dict[str, int]] | None:
    """The counts per filter value among these partners (a queryset of ids), with "" the number of them, from their
    facet rows; None while the summary was never built. Two queries."""
    if not DirectoryFacetCount.objects.filter(facet="", value="", other_facet="", other_value="").exists():
        return None
    found: dict[str, dict[str, int]] = {"": {"": 0}}
    grouped = (
        DirectoryFacet.objects.filter(organisation__in=organisation_ids)
        .values_list("facet", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for facet, value, n in grouped:
        found.setdefault(facet, {})[value] = n
    return found


def partner_years() -> dict | None:
    """For the alliance's growth: organisations that joined per year, those that ended per (year ended, year joined),
    and the partners per sector now; one query, None while the summary was never built."""
    rows = DirectoryFacetCount.objects.filter(
        Q(facet="joined", other_facet="joined", other_value=F("value"))
        | Q(facet="ended", other_facet="joined")
        | Q(facet="", value="", other_facet__in=["", "sector"])
    ).values_list("facet", "value", "other_facet", "other_value", "n")
    found: dict = {"joined": {}, "ended": {}, "sector": {}}
    built = False
    for facet, value, other_facet, other_value, n in rows:
        if facet == "joined":
            found["joined"][int(value)] = n
        elif facet == "ended":
            found["ended"][(int(value), int(other_value))] = n
        elif other_facet == "sector":
            found["sector"][other_value] = n
        elif other_value == "":
            built = True
    return found if built else None
