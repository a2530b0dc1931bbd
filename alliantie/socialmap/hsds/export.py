"""Export the sociale kaart, or the part of it for one municipality or province, as an HSDS 3.0 dataset:
{"hsds_version", "organizations", "services", "locations"}, each record valid against the official schema.
Written as a stream, so a national export never sits in memory whole."""

import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from alliantie.core.models import Municipality, Province
from alliantie.socialmap.finder import available_services
from alliantie.socialmap.hsds import mapping
from alliantie.socialmap.models import Location, Provider, Service

CHUNK = 2000


@dataclass(frozen=True)
class Area:
    municipality: Municipality | None = None
    province: Province | None = None

    @property
    def label(self) -> str:
        place = self.municipality or self.province
        return place.name if place else mapping.COUNTRY


def _selection(area: Area) -> tuple[QuerySet[Provider], QuerySet[Service], QuerySet[Location]]:
    services = Service.objects.all()
    providers = Provider.objects.all()
    locations = Location.objects.all()
    if area.municipality or area.province:
        if area.municipality:
            working_here = Q(area_municipalities=area.municipality) | Q(area_provinces=area.municipality.province_id)
            services = Service.objects.filter(pk__in=available_services(area.municipality).values("pk"))
            locations = locations.filter(municipality=area.municipality)
        else:
            working_here = Q(area_municipalities__province=area.province) | Q(area_provinces=area.province)
            here = Provider.objects.filter(working_here).values("pk")
            parents_here = Provider.objects.filter(working_here, parent__isnull=False).values("parent_id")
            services = Service.objects.filter(
                Q(national=True)
                | Q(provider__in=here)
                | Q(provider__in=parents_here)
                | Q(locations__municipality__province=area.province)
            ).distinct()
            locations = locations.filter(municipality__province=area.province)
        service_providers = services.values("provider_id")
        branches_here = Provider.objects.filter(working_here, parent__in=service_providers).values("pk")
        providers = Provider.objects.filter(Q(pk__in=service_providers) | Q(pk__in=branches_here))
        # A branch's record names its national organisation, so that one comes along.
        providers = Provider.objects.filter(Q(pk__in=providers.values("pk")) | Q(pk__in=providers.values("parent_id")))
        locations = locations.filter(services__in=services.values("pk"), provider__in=providers.values("pk")).distinct()
    return providers, services, locations


AREA_PREFETCH = (
    Prefetch("area_municipalities", queryset=Municipality.objects.only("code", "name")),
    Prefetch("area_provinces", queryset=Province.objects.only("code", "name")),
)


def organization_records(providers: QuerySet[Provider]) -> Iterator[dict]:
    for provider in providers.select_related("parent").prefetch_related(*AREA_PREFETCH).iterator(CHUNK):
        yield mapping.organization_record(provider, provider.parent.hsds_id if provider.parent else None)


def service_records(services: QuerySet[Service], locations: QuerySet[Location] | None = None) -> Iterator[dict]:
    """`locations` limits the locations named (to those exported alongside)."""
    location_ids = Location.objects.filter(pk__in=locations.values("pk")) if locations is not None else Location.objects
    for service in (
        services.select_related("provider")
        .prefetch_related(
            "challenges",
            Prefetch("locations", queryset=location_ids.only("hsds_id"), to_attr="exported_locations"),
            Prefetch("provider__area_municipalities", queryset=Municipality.objects.only("code", "name")),
            Prefetch("provider__area_provinces", queryset=Province.objects.only("code", "name")),
        )
        .iterator(CHUNK)
    ):
        yield mapping.service_record(
            service,
            service.provider.hsds_id,
            [location.hsds_id for location in service.exported_locations],
            mapping.area_codes(service.provider),
        )


def location_records(locations: QuerySet[Location]) -> Iterator[dict]:
    for location in locations.select_related("provider", "municipality__province").iterator(CHUNK):
        yield mapping.location_record(location, location.provider.hsds_id)


def records(area: Area = Area()) -> Iterator[tuple[str, dict]]:
    """("organization" | "service" | "location", record), organisations first, each kind in a stable order."""
    providers, services, locations = _selection(area)
    order = ("name", "hsds_id")
    for record in organization_records(providers.order_by(*order)):
        yield "organization", record
    for record in service_records(Service.objects.filter(pk__in=services.values("pk")).order_by(*order), locations):
        yield "service", record
    for record in location_records(Location.objects.filter(pk__in=locations.values("pk")).order_by(*order)):
        yield "location", record


def count_records(area: Area = Area()) -> int:
    """How many records an export of the area writes (three counts), for its progress bar."""
    providers, services, locations = _selection(area)
    return providers.count() + services.count() + locations.count()


def chunks(area: Area = Area()) -> Iterator[str]:
    """The dataset as JSON text in pieces, for a file or a streaming HTTP response."""
    yield f'{{"hsds_version": {json.dumps(mapping.HSDS_VERSION)}, "area": {json.dumps(area.label)}'
    stream = records(area)
    pending = next(stream, None)
    for kind in ("organization", "service", "location"):
        yield f', "{kind}s": ['
        first = True
        while pending is not None and pending[0] == kind:
            yield ("\n" if first else ",\n") + json.dumps(pending[1], ensure_ascii=False)
            first = False
            pending = next(stream, None)
        yield "]"
    yield "}\n"
