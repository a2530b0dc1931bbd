"""The newsletter archive (public, like the pages) and, for members with an API key, their community groups with what
is new. The community's posts themselves are not in the API: they stay on the platform, behind its login."""

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema

from alliantie.api.auth import ApiKeyAuth
from alliantie.api.pagination import PageBase, PageQuery, paginate, reject_unknown_query_parameters
from alliantie.community import permissions as community_permissions
from alliantie.community import selectors as community_selectors
from alliantie.newsletters import permissions as newsletter_permissions
from alliantie.newsletters import selectors as newsletter_selectors

router = Router(tags=["Nieuwsbrief en community"])


class EditionSummaryOut(Schema):
    nummer: int = Field(..., alias="number")
    onderwerp: str = Field(..., alias="title")
    verstuurd: datetime | None = Field(None, alias="sent_at")
    webversie: str

    @staticmethod
    def resolve_webversie(edition) -> str:
        return edition.get_absolute_url()


class EditionList(PageBase):
    results: list[EditionSummaryOut]


class BlockOut(Schema):
    soort: str = Field(..., alias="kind")
    kop: str = Field(..., alias="title")
    tekst: str = Field(..., alias="body")
    link: str = Field(..., alias="url")


class EditionOut(EditionSummaryOut):
    inleiding: str = Field(..., alias="intro")
    blokken: list[BlockOut]

    @staticmethod
    def resolve_blokken(edition) -> list:
        return list(edition.blocks.all())


class CommunityGroupOut(Schema):
    slug: str
    naam: str
    soort: str
    ongelezen: int = Field(..., description="gesprekken met berichten die u nog niet las")
    email: str = Field(..., description="hoe vaak u e-mail krijgt: immediate, daily, weekly, never")
    adres: str


class UnreadOut(Schema):
    meldingen: int = Field(..., description="ongelezen meldingen")
    gesprekken: int = Field(..., description="gesprekken met nieuwe berichten in uw groepen")


@router.get("/nieuwsbrieven", response=EditionList, summary="Het archief van de nieuwsbrief, nieuwste eerst")
def list_newsletters(request: HttpRequest, response: HttpResponse, page: Query[PageQuery]):
    reject_unknown_query_parameters(request)
    return paginate(request, response, newsletter_selectors.sent_editions(), page)


@router.get(
    "/nieuwsbrieven/{nummer}", response=EditionOut, summary="Eén verstuurde nieuwsbrief, zonder persoonsgegevens"
)
def get_newsletter(request: HttpRequest, nummer: int = Path(..., ge=1, le=1_000_000)):  # noqa: B008
    return newsletter_permissions.get_public_edition(nummer)


@router.get(
    "/community/groepen",
    response=list[CommunityGroupOut],
    auth=ApiKeyAuth(),
    summary="Uw groepen in de community, met wat nieuw is",
)
def my_community_groups(request: HttpRequest):
    community_permissions.require_member(request.auth)
    return [
        {
            "slug": row["group"].slug,
            "naam": row["group"].name,
            "soort": row["group"].kind,
            "ongelezen": row["unread"],
            "email": row["frequency"],
            "adres": row["group"].get_absolute_url(),
        }
        for row in community_selectors.my_groups_with_unread(request.auth)
    ]


@router.get("/community/ongelezen", response=UnreadOut, auth=ApiKeyAuth(), summary="Wat nieuw is voor u")
def community_unread(request: HttpRequest):
    community_permissions.require_member(request.auth)
    totals = community_selectors.unread_total(request.auth)
    return {"meldingen": totals["notifications"], "gesprekken": totals["threads"]}
