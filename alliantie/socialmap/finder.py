"""Finding help for a family: the services available in a municipality, for a child's age and a need."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower

from alliantie.core import geometry
from alliantie.core.models import Municipality
from alliantie.core.search import search_alternatives
from alliantie.marketplace import synonyms
from alliantie.socialmap.models import Location, Need, Provider, Service


@dataclass
class FinderQuery:
    municipality: Municipality
    age: int | None = None
    need: str = ""
    text: str = ""
    page: int = 1  # of one need's services


@dataclass
class Found:
    service: Service
    contact: Provider  # the local branch that serves this place, or the provider itself
    also: list[str] = field(default_factory=list)  # its other needs, where it is not listed again


@dataclass
class NeedGroup:
    need: str
    label: str
    found: list[Found] = field(default_factory=list)
    placed: int = 0  # services listed under this need (with "alles": those whose first need it is)
    total: int = 0  # services with this need at all: what "toon alle" shows
    start: int = 0  # how many of this need come before `found` (a later page of one need)

    @property
    def more(self) -> bool:
        return self.total > len(self.found)

    @property
    def end(self) -> int:
        return self.start + len(self.found)

    @property
    def next_page(self) -> int | None:
        return self.start // NEED_LIMIT + 2 if self.start + len(self.found) < self.placed else None

    @property
    def previous_page(self) -> int | None:
        return self.start // NEED_LIMIT if self.start else None


# Per need when all needs are shown, with a link to all of that need; one need is shown NEED_LIMIT at a time. A
# parent on a phone gets a page of tens of kilobytes, not every service of the municipality (125-340 kB before).
GROUP_LIMIT = 5
NEED_LIMIT = 20


def providers_working_in(municipality: Municipality) -> list[int]:
    """Ids of the providers (and branches) whose area holds the municipality or its province; one query on the
    area tables' indexes, so that the service query can use the provider index instead of reading every row."""
    in_municipality = Provider.area_municipalities.through.objects.filter(municipality_id=municipality.pk)
    in_province = Provider.area_provinces.through.objects.filter(province_id=municipality.province_id)
    return list(
        in_municipality.values_list("provider_id", flat=True).union(in_province.values_list("provider_id", flat=True))
    )


def available_services(municipality: Municipality, here: list[int] | None = None) -> QuerySet[Service]:
    """Active services for people in this municipality: national ones, those of a provider or a local branch
    that works here (a national organisation's service is available where one of its branches works), and
    those with a location here. The ids come from a UNION of index lookups inside the same query (an OR over the
    whole table reads every service at national scale)."""
    here = providers_working_in(municipality) if here is None else here
    parents = Provider.objects.filter(pk__in=here, parent__isnull=False).values("parent_id")
    at_a_location_here = Location.services.through.objects.filter(location__municipality=municipality)
    unordered = Service.objects.order_by()  # SQLite refuses ORDER BY inside a UNION
    ids = (
        unordered.filter(national=True)
        .values_list("pk", flat=True)
        .union(
            unordered.filter(provider_id__in=here).values_list("pk", flat=True),
            unordered.filter(provider_id__in=parents).values_list("pk", flat=True),
            at_a_location_here.order_by().values_list("service_id", flat=True),
        )
    )
    return Service.objects.filter(status=Service.Status.ACTIVE, pk__in=ids)


def local_branches(here: list[int]) -> dict[int, Provider]:
    """National organisation id → its branch that works here (the first by name), in one query."""
    branches: dict[int, Provider] = {}
    for branch in Provider.objects.filter(pk__in=here, parent__isnull=False).order_by(Lower("name").desc()):
        branches[branch.parent_id] = branch
    return branches


def find(query: FinderQuery) -> list[NeedGroup]:
    """The services that fit, grouped by need in the fixed order of needs, each listed once (under its first need,
    or under the need asked for), with its other needs and whom to contact here. Only the few services a page shows
    are loaded whole: the others are counted from their ids and needs."""
    here = providers_working_in(query.municipality)
    services = available_services(query.municipality, here)
    if query.age is not None:
        services = services.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=query.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=query.age),
        )
    if query.text:
        # The field's synonyms, shared with the marketplace: "ontbijt" also finds "schoolmaaltijden".
        services = search_alternatives(services, synonyms.alternatives(query.text), "name", "description")
    candidates = services.order_by("-national", Lower("name"), "pk")
    groups = {need.value: NeedGroup(need.value, str(need.label)) for need in Need}
    shown: dict[str, list[tuple[int, list[str]]]] = {need: [] for need in groups}  # ids and their other needs
    limit = NEED_LIMIT if query.need else GROUP_LIMIT
    start = (max(query.page, 1) - 1) * NEED_LIMIT if query.need else 0
    for pk, service_needs in candidates.values_list("pk", "needs"):
        needs = [need for need in groups if need in service_needs]  # in the fixed order of needs
        for need in needs:
            groups[need].total += 1
        # One need shows every service that has it; "alles" lists a service once, under its first need.
        home = query.need if query.need in needs else (None if query.need else next(iter(needs), None))
        if home is None:
            continue
        group = groups[home]
        if start <= group.placed < start + limit:
            shown[home].append((pk, [need for need in needs if need != home] if not query.need else []))
        group.placed += 1
    wanted = {pk for listed in shown.values() for pk, _also in listed}
    if not wanted:
        return [group for group in groups.values() if group.placed]
    loaded = {s.pk: s for s in Service.objects.filter(pk__in=wanted).select_related("provider")}
    branches = local_branches(here)
    labels = dict(Need.choices)
    for need, listed in shown.items():
        groups[need].start = start
        groups[need].found = [
            Found(
                loaded[pk],
                branches.get(loaded[pk].provider_id, loaded[pk].provider),
                [str(labels[other]) for other in also],
            )
            for pk, also in listed
        ]
    return [group for group in groups.values() if group.found]


def contact_for(service: Service, municipality: Municipality | None) -> Provider:
    """Whom a family in this municipality contacts for a service: the local branch, else the provider."""
    if municipality is not None:
        here = providers_working_in(municipality)
        branch = Provider.objects.filter(pk__in=here, parent=service.provider_id).order_by(Lower("name")).first()
        if branch is not None:
            return branch
    return service.provider


# The addresses listed (and drawn) beside the services found.
LOCATIONS_SHOWN = 30


def locations_here(municipality: Municipality, service_ids: set[int]) -> list[Location]:
    """Where in this municipality a family can go for the services found, each with those services' names."""
    if not service_ids:
        return []
    return list(
        Location.objects.filter(municipality=municipality, services__in=service_ids)
        .distinct()
        .prefetch_related(
            Prefetch("services", queryset=Service.objects.filter(pk__in=service_ids).only("name", "slug"))
        )
        .order_by(Lower("name"))[:LOCATIONS_SHOWN]
    )


def place_map(municipality: Municipality, locations: list[Location]) -> geometry.MapDrawing | None:
    """The municipality with a numbered dot per location that has coordinates. Each location gets that number as
    `map_number`, so the list beside the map shows the same numbers (a dot alone says nothing on a phone)."""
    markers = []
    for location in locations:
        location.map_number = None
        if location.latitude is not None and location.longitude is not None:
            markers.append(
                geometry.Marker(
                    location.longitude, location.latitude, f"{len(markers) + 1}. {location.name}, {location.address}"
                )
            )
            location.map_number = len(markers)
    return geometry.draw(municipality.code, markers)
