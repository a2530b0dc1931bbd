"""The agenda and the kennisbank, read-only and public (what a visitor without an account sees), with the same
filters as the pages. The calendar feeds are not JSON: they are listed in the document's description."""

from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema

from alliantie.api.pagination import NO_NUL, SLUG, PageBase, PageQuery, paginate, reject_unknown_query_parameters
from alliantie.core.models import Challenge, Province
from alliantie.events import permissions as event_permissions
from alliantie.events import selectors as event_selectors
from alliantie.events.models import Event, EventKind
from alliantie.knowledge import permissions as knowledge_permissions
from alliantie.knowledge import selectors as knowledge_selectors
from alliantie.knowledge.models import Item

router = Router(tags=["Agenda en kennisbank"])
VISITOR = AnonymousUser()


class EventOut(Schema):
    slug: str
    soort: str = Field(..., alias="kind")
    nummer: int | None = Field(None, alias="series_number", description="volgnummer bij een kenniskring")
    titel: str = Field(..., alias="title")
    samenvatting: str = Field(..., alias="summary")
    begin: datetime = Field(..., alias="starts_at")
    einde: datetime = Field(..., alias="ends_at")
    plaats: str = Field(..., alias="place_label")
    gemeente: str | None = None
    geannuleerd: bool = Field(..., alias="is_cancelled")
    capaciteit: int | None = Field(None, alias="capacity")
    opgaven: list[str]
    lijn: str | None = None
    ical: str

    @staticmethod
    def resolve_gemeente(event: Event) -> str | None:
        return event.municipality.code if event.municipality_id else None

    @staticmethod
    def resolve_opgaven(event: Event) -> list[str]:
        return [c.slug for c in event.challenges.all()]

    @staticmethod
    def resolve_lijn(event: Event) -> str | None:
        return event.change_line.code if event.change_line_id else None

    @staticmethod
    def resolve_ical(event: Event) -> str:
        return f"/agenda/{event.slug}.ics"


class EventList(PageBase):
    results: list[EventOut]


class EventFilters(Schema):
    soort: str | None = Field(None, max_length=24, pattern=NO_NUL, description="kenniskring, publieksacademie, …")
    opgave: str | None = Field(None, max_length=80, pattern=NO_NUL)
    provincie: str | None = Field(None, max_length=4, pattern=NO_NUL)
    maand: str | None = Field(None, pattern=r"^(19|20|21)\d\d-(0[1-9]|1[0-2])$", description="jjjj-mm")
    wanneer: str = Field("komend", pattern="^(komend|voorbij)$")


class YearOut(Schema):
    jaar: int = Field(..., alias="year")
    gehouden: int = Field(..., alias="held")
    aanwezigen: int = Field(..., alias="people")


class ItemOut(Schema):
    slug: str
    soort: str = Field(..., alias="kind")
    kennisbron: str = Field(..., alias="knowledge_source")
    titel: str = Field(..., alias="title")
    samenvatting: str = Field(..., alias="summary")
    tekst: str = Field(..., alias="body")
    gepubliceerd: datetime | None = Field(None, alias="published_at")
    opgaven: list[str]
    sectoren: list[str]
    lijn: str | None = None
    bijeenkomst: str | None = None

    @staticmethod
    def resolve_opgaven(item: Item) -> list[str]:
        return [c.slug for c in item.challenges.all()]

    @staticmethod
    def resolve_sectoren(item: Item) -> list[str]:
        return [s.slug for s in item.sectors.all()]

    @staticmethod
    def resolve_lijn(item: Item) -> str | None:
        return item.change_line.code if item.change_line_id else None

    @staticmethod
    def resolve_bijeenkomst(item: Item) -> str | None:
        return item.event.slug if item.event_id else None


class ItemList(PageBase):
    results: list[ItemOut]


class ItemFilters(Schema):
    zoek: str | None = Field(None, max_length=200, pattern=NO_NUL, description="Nederlandse woorden (met stamvormen)")
    soort: str | None = Field(None, max_length=40, pattern=NO_NUL)
    bron: str | None = Field(None, max_length=12, pattern=NO_NUL)
    opgave: str | None = Field(None, max_length=80, pattern=NO_NUL)
    lijn: str | None = Field(None, max_length=12, pattern=NO_NUL)
    sector: str | None = Field(None, max_length=60, pattern=NO_NUL)


def _lookup(model, field: str, value: str | None):
    if not value:
        return None
    found = model.objects.filter(**{field: value}).first()
    if found is None:
        raise Http404
    return found


@router.get("/bijeenkomsten", response=EventList, summary="De agenda, met dezelfde filters als de pagina")
def list_events(request: HttpRequest, response: HttpResponse, filters: Query[EventFilters], page: Query[PageQuery]):
    reject_unknown_query_parameters(request, EventFilters)
    if filters.soort and filters.soort not in EventKind.values:
        raise Http404
    agenda_filters = event_selectors.AgendaFilters(
        kind=filters.soort or "",
        challenge=_lookup(Challenge, "slug", filters.opgave),
        province=_lookup(Province, "code", filters.provincie),
        month=date.fromisoformat(f"{filters.maand}-01") if filters.maand else None,
        past=filters.wanneer == "voorbij",
    )
    events = (
        event_selectors.filtered_events(VISITOR, agenda_filters)
        .select_related("municipality", "change_line")
        .prefetch_related("challenges")
        .order_by(*(("-starts_at", "-pk") if agenda_filters.past else ("starts_at", "pk")))
    )
    return paginate(request, response, events, page)


@router.get("/bijeenkomsten/cijfers", response=list[YearOut], summary="Gehouden bijeenkomsten en aanwezigen per jaar")
def event_figures(request: HttpRequest, soort: str | None = Query(None, max_length=24, pattern=NO_NUL)):  # noqa: B008
    if soort and soort not in EventKind.values:
        raise Http404
    return event_selectors.figures_per_year(soort or "")


@router.get("/bijeenkomsten/{slug}", response=EventOut, summary="Eén bijeenkomst")
def get_event(request: HttpRequest, slug: str = Path(..., pattern=SLUG, max_length=220)):  # noqa: B008
    return event_permissions.get_event_for_user(VISITOR, slug)


@router.get("/kennisbank", response=ItemList, summary="De kennisbank: zoeken met filters")
def list_items(request: HttpRequest, response: HttpResponse, filters: Query[ItemFilters], page: Query[PageQuery]):
    reject_unknown_query_parameters(request, ItemFilters)
    search = knowledge_selectors.SearchFilters(
        query=filters.zoek or "",
        kind=filters.soort or "",
        source=filters.bron or "",
        challenge=filters.opgave or "",
        line=filters.lijn or "",
        sector=filters.sector or "",
    )
    items = knowledge_selectors.api_items(VISITOR, search)
    return paginate(request, response, items, page)


@router.get("/kennisbank/{slug}", response=ItemOut, summary="Eén kennisbank-item")
def get_item(request: HttpRequest, slug: str = Path(..., pattern=SLUG, max_length=220)):  # noqa: B008
    return knowledge_permissions.get_item_for_user(VISITOR, slug)
