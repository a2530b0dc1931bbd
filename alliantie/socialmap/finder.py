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

    @property
    def more(self) -> bool:
        return self.total > len(self.found)


GROUP_LIMIT = 25  # per need when all needs are shown; one need shows up to NEED_LIMIT
NEED_LIMIT = 200


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
    those with a location here. The ids come from one UNION of index lookups (an OR over the whole table
    reads every service at national scale)."""
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
    return Service.objects.filter(status=Service.Status.ACTIVE, pk__in=list(ids))


def local_branches(here: list[int]) -> dict[int, Provider]:
    """National organisation id → its branch that works here (the first by name), in one query."""
    branches: dict[int, Provider] = {}
    for branch in Provider.objects.filter(pk__in=here, parent__isnull=False).order_by(Lower("name").desc()):
        branches[branch.parent_id] = branch
    return branches


def find(query: FinderQuery) -> list[NeedGroup]:
    """The services that fit, grouped by need in the fixed order of needs, each listed once (under its first need,
    or under the need asked for), with its other needs and whom to contact here."""
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
    found_ids = services.values("pk")
    rows = list(
        Service.objects.filter(pk__in=found_ids).select_related("provider").order_by("-national", Lower("name"))
    )
    branches = local_branches(here)
    labels = dict(Need.choices)
    groups = {need.value: NeedGroup(need.value, str(need.label)) for need in Need}
    limit = NEED_LIMIT if query.need else GROUP_LIMIT
    for service in rows:
        contact = branches.get(service.provider_id, service.provider)
        needs = [need for need in groups if need in service.needs]  # in the fixed order of needs
        for need in needs:
            groups[need].total += 1
        # One need shows every service that has it; "alles" lists a service once, under its first need.
        home = query.need if query.need in needs else (None if query.need else next(iter(needs), None))
        if home is None:
            continue
        groups[home].placed += 1
        if len(groups[home].found) < limit:
            also = [str(labels[need]) for need in needs if need != home] if not query.need else []
            groups[home].found.append(Found(service, contact, also))
    return [group for group in groups.values() if group.found]


def contact_for(service: Service, municipality: Municipality | None) -> Provider:
    """Whom a family in this municipality contacts for a service: the local branch, else the provider."""
    if municipality is not None:
        here = providers_working_in(municipality)
        branch = Provider.objects.filter(pk__in=here, parent=service.provider_id).order_by(Lower("name")).first()
        if branch is not None:
            return branch
    return service.provider


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
        .order_by(Lower("name"))[:200]
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
