"""Marketplace endpoints: partners' requests and offers, match suggestions, introductions. Token required:
posts are for partners only."""

from datetime import date
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from alliantie.api.auth import ApiKeyAuth
from alliantie.api.pagination import NO_NUL, SLUG, PageBase, PageQuery, paginate, reject_unknown_query_parameters
from alliantie.core.models import Challenge, Municipality, Province
from alliantie.marketplace import permissions, selectors, services
from alliantie.marketplace.models import HelpType, Post
from alliantie.marketplace.suggestions import suggestions_for

router = Router(tags=["Marktplaats"], auth=ApiKeyAuth())
HELP = "^(" + "|".join(HelpType.values) + ")$"
AREA_CODE = "^(GM[0-9]{4}|PV[0-9]{2})$"


class PostOut(Schema):
    id: int
    soort: str = Field(..., alias="kind", description="request (vraag) of offer (aanbod)")
    organisatie: str = Field(..., alias="organisation.slug")
    titel: str = Field(..., alias="title")
    omschrijving: str = Field(..., alias="body")
    hulp: list[str] = Field(..., alias="help_types")
    opgaven: list[str]
    gebied: list[str] = Field(..., description="CBS-codes van gemeenten en provincies; leeg is heel Nederland")
    openTot: date = Field(..., alias="open_until")  # noqa: N815
    status: str
    uitkomst: str = Field(..., alias="outcome")

    @staticmethod
    def resolve_opgaven(post: Post) -> list[str]:
        return [c.slug for c in post.challenges.all()]

    @staticmethod
    def resolve_gebied(post: Post) -> list[str]:
        return [m.code for m in post.area_municipalities.all()] + [p.code for p in post.area_provinces.all()]


class PostList(PageBase):
    results: list[PostOut]


class PostFilters(Schema):
    soort: str | None = Field(None, pattern="^(request|offer)$")
    hulp: str | None = Field(None, pattern=HELP)
    opgave: str | None = Field(None, max_length=80, pattern=SLUG)
    provincie: str | None = Field(None, max_length=4, pattern="^PV[0-9]{2}$")
    zoek: str | None = Field(None, max_length=100, pattern=NO_NUL)


class PostIn(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored

    organisatie: str = Field(..., max_length=220, pattern=SLUG, description="Uw organisatie (korte naam)")
    soort: str = Field(..., pattern="^(request|offer)$")
    titel: str = Field(..., min_length=1, max_length=200, pattern=NO_NUL)
    omschrijving: str = Field(..., min_length=1, max_length=5000, pattern=NO_NUL)
    hulp: list[Annotated[str, Field(pattern=HELP)]] = Field(default_factory=list, max_length=6)
    opgaven: list[Annotated[str, Field(max_length=80, pattern=SLUG)]] = Field(default_factory=list, max_length=10)
    gebied: list[Annotated[str, Field(pattern=AREA_CODE)]] = Field(default_factory=list, max_length=400)
    openTot: date  # noqa: N815


class PostPatch(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored

    titel: str | None = Field(None, min_length=1, max_length=200, pattern=NO_NUL)
    omschrijving: str | None = Field(None, min_length=1, max_length=5000, pattern=NO_NUL)
    openTot: date | None = None  # noqa: N815
    status: str | None = Field(None, pattern="^closed$", description="closed: het bericht sluiten")
    uitkomst: str | None = Field(None, max_length=2000, pattern=NO_NUL)


class SuggestionOut(Schema):
    bericht: int | None
    organisatie: str
    score: float
    waarom: list[str]


class IntroductionOut(Schema):
    id: int
    bericht: int = Field(..., alias="post_id")
    van: str = Field(..., alias="poster.slug")
    met: str = Field(..., alias="other.slug")
    reden: str = Field(..., alias="reason")
    status: str
    uitkomst: str = Field(..., alias="outcome")


class IntroductionList(PageBase):
    results: list[IntroductionOut]


def _marketplace_user(request: HttpRequest):
    if not permissions.can_use_marketplace(request.auth):
        raise PermissionDenied
    return request.auth


def _area(codes: list[str]) -> tuple[list, list]:
    municipalities = list(Municipality.objects.filter(code__in=[c for c in codes if c.startswith("GM")]))
    provinces = list(Province.objects.filter(code__in=[c for c in codes if c.startswith("PV")]))
    known = {m.code for m in municipalities} | {p.code for p in provinces}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValidationError({"gebied": f"Onbekende CBS-code: {unknown[0][:20]}. Gebruik GM…-codes of PV…-codes."})
    return municipalities, provinces


@router.get("/vragen-en-aanbod", response=PostList, summary="Open vragen en aanbod van partners")
def list_posts(request: HttpRequest, response: HttpResponse, filters: Query[PostFilters], page: Query[PageQuery]):
    reject_unknown_query_parameters(request, PostFilters)
    user = _marketplace_user(request)
    data = {
        "soort": filters.soort,
        "hulp": filters.hulp,
        "opgave": Challenge.objects.filter(slug=filters.opgave).first() if filters.opgave else None,
        "provincie": Province.objects.filter(code=filters.provincie).first() if filters.provincie else None,
        "zoek": filters.zoek,
    }
    if (filters.opgave and data["opgave"] is None) or (filters.provincie and data["provincie"] is None):
        raise Http404
    posts = (
        selectors.filtered_posts(user, {k: v for k, v in data.items() if v})
        .select_related("organisation")
        .prefetch_related("challenges", "area_municipalities", "area_provinces")
    )
    return paginate(request, response, posts.order_by("-created_at", "-pk"), page)


@router.post("/vragen-en-aanbod", response={201: PostOut}, summary="Een vraag of aanbod plaatsen")
def create_post(request: HttpRequest, body: PostIn):
    organisation = permissions.posting_organisations(request.auth).filter(slug=body.organisatie).first()
    if organisation is None:
        raise PermissionDenied
    unknown_help = [h for h in body.hulp if h not in HelpType.values]
    challenges = list(Challenge.objects.filter(slug__in=body.opgaven))
    if unknown_help or len(challenges) != len(set(body.opgaven)):
        raise ValidationError({"hulp" if unknown_help else "opgaven": "Onbekende waarde; zie de lijst in de API."})
    municipalities, provinces = _area(body.gebied)
    post = services.save_post(
        organisation=organisation,
        saved_by=request.auth,
        kind=body.soort,
        title=body.titel,
        body=body.omschrijving,
        help_types=list(dict.fromkeys(body.hulp)),
        challenges=challenges,
        municipalities=municipalities,
        provinces=provinces,
        open_until=body.openTot,
    )
    return Status(201, post)


@router.get("/vragen-en-aanbod/{post_id}", response=PostOut, summary="Eén vraag of aanbod")
def get_post(request: HttpRequest, post_id: int):
    return permissions.get_post_for_user(request.auth, post_id)


@router.patch("/vragen-en-aanbod/{post_id}", response=PostOut, summary="Uw eigen bericht wijzigen of sluiten")
def update_post(request: HttpRequest, post_id: int, changes: PostPatch):
    post = permissions.get_post_for_user(request.auth, post_id, write=True)
    if changes.status == "closed":
        return services.close_post(post=post, closed_by=request.auth, outcome=changes.uitkomst or "")
    return services.save_post(
        organisation=post.organisation,
        saved_by=request.auth,
        kind=post.kind,
        title=changes.titel or post.title,
        body=changes.omschrijving or post.body,
        help_types=post.help_types,
        challenges=list(post.challenges.all()),
        municipalities=list(post.area_municipalities.all()),
        provinces=list(post.area_provinces.all()),
        open_until=changes.openTot or post.open_until,
        post=post,
    )


@router.get(
    "/vragen-en-aanbod/{post_id}/suggesties",
    response=list[SuggestionOut],
    summary="Passend aanbod, passende vragen en partners, met de reden",
)
def get_suggestions(request: HttpRequest, post_id: int):
    post = permissions.get_post_for_user(request.auth, post_id)
    if not permissions.can_introduce(request.auth, post):
        raise PermissionDenied
    if not post.is_open:
        return []
    found = suggestions_for(post)
    return [
        {
            "bericht": item.post.pk if item.post else None,
            "organisatie": item.organisation.slug,
            "score": item.suggestion.score,
            "waarom": item.suggestion.why,
        }
        for shown in found["posts"] + found["partners"]
        for item in [shown, *shown.others]  # every post apart, also when two share one text on the page
    ]


@router.get("/koppelingen", response=IntroductionList, summary="Koppelingen waar uw organisatie bij hoort")
def list_introductions(request: HttpRequest, response: HttpResponse, page: Query[PageQuery]):
    reject_unknown_query_parameters(request)
    introductions = permissions.visible_introductions(_marketplace_user(request)).select_related("poster", "other")
    return paginate(request, response, introductions.order_by("-created_at", "-pk"), page)
