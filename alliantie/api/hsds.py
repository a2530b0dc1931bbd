"""The sociale kaart as Open Referral HSDS 3.0, after the HSDS API reference: /hsds/services, /organizations,
/locations, each a page in the HSDS page format (total_items, page_number, contents, …). Public, like the
sociale kaart itself; records are those of the HSDS export (docs/hsds.md)."""

import math
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError

from alliantie.api.pagination import NO_NUL, reject_unknown_query_parameters
from alliantie.core.search import search
from alliantie.core.selectors import municipality_for_postcode
from alliantie.socialmap import permissions
from alliantie.socialmap.finder import available_services
from alliantie.socialmap.hsds import export, mapping

router = Router(tags=["Sociale kaart (HSDS 3.0)"])
ORDER = (Lower("name"), "hsds_id")


class HsdsPage(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]]


class HsdsQuery(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Paginanummer, vanaf 1")
    per_page: int = Field(20, ge=1, le=100, description="Resultaten per pagina")
    search: str | None = Field(None, max_length=100, pattern=NO_NUL, description="Zoekwoorden (Nederlands)")
    modified_after: str | None = Field(
        None,
        max_length=40,
        json_schema_extra={"format": "date-time"},
        description="Alleen wat op of na dit moment is gewijzigd (RFC 3339, zoals 2026-01-31T12:00:00Z)",
    )


class ServiceQuery(HsdsQuery):
    organization_id: UUID | None = None
    postcode: str | None = Field(
        None,
        pattern=r"^ *[1-9][0-9]{3} ?([A-Za-z]{2})? *$",
        description="Alleen wat er is voor wie op deze postcode woont, zoals 2712 AB of 2712",
    )


class LocationQuery(Schema):
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(20, ge=1, le=100)
    organization_id: UUID | None = None


class ApiInfo(Schema):
    version: str
    profile: str
    openapi_url: str


def _moment(value: str) -> datetime:
    """An RFC 3339 date-time as an aware moment; a 400 naming the parameter if it is none."""
    try:
        moment = parse_datetime(value.upper()) if len(value) >= 16 and value[10:11] in ("T", "t") else None
    except ValueError:
        moment = None
    if moment is None:
        raise ValidationError(
            [
                {
                    "loc": ["query", "modified_after"],
                    "type": "datetime_parsing",
                    "msg": "geen datum en tijd; gebruik bijvoorbeeld 2026-01-31T12:00:00Z",
                }
            ]
        )
    moment = make_aware(moment) if is_naive(moment) else moment
    try:  # PostgreSQL takes offsets up to 15:59 only, so compare in UTC
        return moment.astimezone(UTC)
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC)


def _page(queryset: QuerySet, query, to_records) -> dict:
    total = queryset.count()
    pages = max(1, math.ceil(total / query.per_page))
    offset = (query.page - 1) * query.per_page
    ids = list(queryset.order_by(*ORDER).values_list("pk", flat=True)[offset : offset + query.per_page])
    contents = list(to_records(queryset.model.objects.filter(pk__in=ids).order_by(*ORDER))) if ids else []
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": query.page,
        "size": len(contents),
        "first_page": query.page == 1,
        "last_page": query.page >= pages,
        "empty": total == 0,
        "contents": contents,
    }


@router.get("/hsds", response=ApiInfo, summary="Over deze HSDS-API")
def hsds_root(request: HttpRequest):
    return {
        "version": mapping.HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/latest/hsds/",
        "openapi_url": request.build_absolute_uri("/api/v1/openapi.json"),
    }


@router.get("/hsds/services", response=HsdsPage, summary="Voorzieningen (HSDS service)")
def hsds_services(request: HttpRequest, query: Query[ServiceQuery]):  # noqa: B008
    reject_unknown_query_parameters(request, ServiceQuery)
    services = permissions.visible_services(request.user)
    if query.postcode:
        municipality, _place = municipality_for_postcode(query.postcode.strip()[:4])
        services = (
            services.filter(pk__in=available_services(municipality).values("pk")) if municipality else services.none()
        )
    if query.organization_id:
        services = services.filter(provider__hsds_id=query.organization_id)
    if query.modified_after is not None:
        services = services.filter(updated_at__gte=_moment(query.modified_after))
    if query.search:
        services = services.filter(pk__in=search(services, query.search, "name", "description").values("pk"))
    return _page(services, query, export.service_records)


@router.get("/hsds/services/{service_id}", response=dict[str, Any], summary="Eén voorziening (HSDS service)")
def hsds_service(request: HttpRequest, service_id: UUID):
    services = permissions.visible_services(request.user).filter(hsds_id=service_id)
    found = next(export.service_records(services), None)
    if found is None:
        raise Http404
    return found


@router.get("/hsds/organizations", response=HsdsPage, summary="Aanbieders (HSDS organization)")
def hsds_organizations(request: HttpRequest, query: Query[HsdsQuery]):  # noqa: B008
    reject_unknown_query_parameters(request, HsdsQuery)
    providers = permissions.visible_providers(request.user)
    if query.modified_after is not None:
        providers = providers.filter(updated_at__gte=_moment(query.modified_after))
    if query.search:
        providers = providers.filter(pk__in=search(providers, query.search, "name", "description").values("pk"))
    return _page(providers, query, export.organization_records)


@router.get("/hsds/organizations/{organization_id}", response=dict[str, Any], summary="Eén aanbieder")
def hsds_organization(request: HttpRequest, organization_id: UUID):
    found = next(
        export.organization_records(permissions.visible_providers(request.user).filter(hsds_id=organization_id)), None
    )
    if found is None:
        raise Http404
    return found


@router.get("/hsds/locations", response=HsdsPage, summary="Locaties (HSDS location)")
def hsds_locations(request: HttpRequest, query: Query[LocationQuery]):  # noqa: B008
    reject_unknown_query_parameters(request, LocationQuery)
    locations = permissions.visible_locations(request.user)
    if query.organization_id:
        locations = locations.filter(provider__hsds_id=query.organization_id)
    return _page(locations, query, export.location_records)


@router.get("/hsds/locations/{location_id}", response=dict[str, Any], summary="Eén locatie")
def hsds_location(request: HttpRequest, location_id: UUID):
    found = next(export.location_records(permissions.visible_locations(request.user).filter(hsds_id=location_id)), None)
    if found is None:
        raise Http404
    return found
