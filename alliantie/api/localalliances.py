"""Local alliances, public and read-only: the alliances with their phases, their local agenda and their members (what
their public page shows); and the dashboard's figure of the pool of ervaringsdeskundigen (counts only, never people)."""

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import ValidationError

from alliantie.api.pagination import NO_NUL, SLUG, PageBase, PageQuery, paginate, reject_unknown_query_parameters
from alliantie.core.models import Province
from alliantie.core.selectors import find_municipality
from alliantie.localalliances import permissions, selectors
from alliantie.localalliances.models import Goal, LocalAlliance, Member

router = Router(tags=["Lokale allianties"])
VISITOR = AnonymousUser()


class PhaseOut(Schema):
    fase: str = Field(..., alias="phase")
    sinds: date = Field(..., alias="started_on")


class AllianceOut(Schema):
    slug: str
    naam: str = Field(..., alias="name")
    gemeenten: list[str] = Field(..., description="CBS-codes")
    fase: str = Field(..., alias="phase", description="verkennen, kickstart, bouwen of zelfstandig")
    fasen: list[PhaseOut]
    samenvatting: str = Field(..., alias="summary")
    hoeHetBegon: str = Field(..., alias="origin")  # noqa: N815 - the Dutch API Design Rules ask for camelCase keys
    initiatiefnemer: str | None = None
    contact: str = Field(..., alias="contact_email")
    website: str
    gestoptOp: date | None = Field(None, alias="ended_on")  # noqa: N815
    leden: int = Field(..., alias="member_count")
    doelen: int = Field(..., alias="goal_count")
    pagina: str

    @staticmethod
    def resolve_gemeenten(alliance: LocalAlliance) -> list[str]:
        return [m.code for m in alliance.municipalities.all()]

    @staticmethod
    def resolve_fasen(alliance: LocalAlliance) -> list:
        return list(alliance.phase_steps.all())

    @staticmethod
    def resolve_initiatiefnemer(alliance: LocalAlliance) -> str | None:
        return alliance.initiator.name if alliance.initiator_id else None

    @staticmethod
    def resolve_pagina(alliance: LocalAlliance) -> str:
        return alliance.get_absolute_url()


class AllianceList(PageBase):
    results: list[AllianceOut]


class AllianceFilters(Schema):
    zoek: str | None = Field(None, max_length=100, pattern=NO_NUL, description="Deel van de naam of van een gemeente")
    provincie: str | None = Field(None, max_length=4, pattern=NO_NUL, description="CBS-code, bijvoorbeeld PV28")
    gemeente: str | None = Field(None, max_length=100, pattern=NO_NUL, description="CBS-code of naam")
    fase: str | None = Field(None, pattern="^(verkennen|kickstart|bouwen|zelfstandig)$")


class GoalOut(Schema):
    titel: str = Field(..., alias="title")
    opgave: str = Field(..., alias="challenge.slug")
    lijn: str = Field(..., alias="change_line.code")
    omschrijving: str = Field(..., alias="description")
    moetOpleveren: str = Field(..., alias="target")  # noqa: N815
    streefaantal: int | None = Field(None, alias="target_number")
    eenheid: str = Field(..., alias="target_unit")
    bereikt: int | None = Field(None, alias="reached_number")
    status: str
    ervaringsdeskundigen: str = Field(
        ..., alias="lived_experience", description="co_designed, consulted of not_yet: zijn zij betrokken?"
    )
    deelnemers: list[str]
    activiteiten: list[int] = Field(..., description="ids van activiteiten van leden (/activiteiten/{id})")

    @staticmethod
    def resolve_deelnemers(goal: Goal) -> list[str]:
        return [m.organisation.name for m in goal.participants.all()]

    @staticmethod
    def resolve_activiteiten(goal: Goal) -> list[int]:
        return [a.pk for a in goal.activities.all()]


class GoalList(PageBase):
    results: list[GoalOut]


class MemberOut(Schema):
    naam: str = Field(..., alias="organisation.name")
    sector: str = Field(..., alias="organisation.sector.slug")
    soort: str = Field(..., description="partner (landelijke partner) of lokaal (doet alleen lokaal mee)")
    partner: str | None = Field(None, description="slug van de partner (/organisaties/{slug})")
    sinds: date = Field(..., alias="joined_on")

    @staticmethod
    def resolve_soort(member: Member) -> str:
        return "partner" if member.organisation.is_partner else "lokaal"

    @staticmethod
    def resolve_partner(member: Member) -> str | None:
        return member.organisation.slug if member.organisation.is_partner else None


class MemberList(PageBase):
    results: list[MemberOut]


class PoolFiguresOut(Schema):
    actief: int = Field(..., alias="active", description="Ervaringsdeskundigen die nu beschikbaar zijn")
    erbijSinds: int = Field(..., alias="added", description="Van hen bevestigd sinds de datum")  # noqa: N815
    sinds: date = Field(..., alias="since")


class PoolFiguresQuery(Schema):
    sinds: str | None = Field(
        None,
        pattern=r"^(19|20|21)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
        description="Begin van de periode (jjjj-mm-dd); leeg: 1 januari van dit jaar",
        json_schema_extra={"format": "date"},
    )


def _alliance(slug: str) -> LocalAlliance:
    return permissions.get_alliance_for_user(VISITOR, slug)


@router.get("/lokale-allianties", response=AllianceList, summary="De lokale allianties, te filteren")
def list_alliances(
    request: HttpRequest, response: HttpResponse, filters: Query[AllianceFilters], page: Query[PageQuery]
):
    reject_unknown_query_parameters(request, AllianceFilters)
    province = Province.objects.filter(code=filters.provincie.upper()).first() if filters.provincie else None
    municipality = find_municipality(filters.gemeente) if filters.gemeente else None
    if (filters.provincie and province is None) or (filters.gemeente and municipality is None):
        raise Http404
    found = selectors.AllianceFilters(
        query=filters.zoek or "", province=province, phase=filters.fase or "", municipality=municipality
    )
    return paginate(request, response, selectors.api_alliances(found), page)


@router.get("/lokale-allianties/{slug}", response=AllianceOut, summary="Eén lokale alliantie")
def get_alliance(request: HttpRequest, slug: str = Path(..., pattern=SLUG, max_length=220)):  # noqa: B008
    return selectors.api_alliances(selectors.AllianceFilters()).filter(pk=_alliance(slug).pk).get()


@router.get("/lokale-allianties/{slug}/agenda", response=GoalList, summary="De lokale agenda van een alliantie")
def list_goals(
    request: HttpRequest,
    response: HttpResponse,
    page: Query[PageQuery],
    slug: str = Path(..., pattern=SLUG, max_length=220),  # noqa: B008
):
    reject_unknown_query_parameters(request)
    return paginate(request, response, selectors.api_goals(_alliance(slug)), page)


@router.get("/lokale-allianties/{slug}/leden", response=MemberList, summary="Wie meedoet in een alliantie")
def list_members(
    request: HttpRequest,
    response: HttpResponse,
    page: Query[PageQuery],
    slug: str = Path(..., pattern=SLUG, max_length=220),  # noqa: B008
):
    reject_unknown_query_parameters(request)
    return paginate(request, response, selectors.api_members(_alliance(slug)), page)


@router.get(
    "/ervaringsdeskundigen/cijfers",
    response=PoolFiguresOut,
    summary="Het aantal beschikbare ervaringsdeskundigen in de pool, en hoeveel erbij kwamen sinds een datum",
)
def pool_figures(request: HttpRequest, query: Query[PoolFiguresQuery]):
    reject_unknown_query_parameters(request, PoolFiguresQuery)
    try:
        since = date.fromisoformat(query.sinds) if query.sinds else None
    except ValueError:
        raise ValidationError(
            [{"loc": ["query", "sinds"], "type": "value_error", "msg": "geen bestaande datum"}]
        ) from None
    return selectors.pool_figures(since)
