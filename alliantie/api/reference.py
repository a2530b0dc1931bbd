"""Read endpoints for the reference data: opgaven, verandertheorie-lijnen, sectoren, schalen, provincies,
gemeenten. Public: anyone may read them."""

from django.db.models.functions import Lower
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema

from alliantie.api.pagination import NO_NUL, SLUG, PageBase, PageQuery, paginate, reject_unknown_query_parameters
from alliantie.core.models import Challenge, ChangeLine, Municipality, Province, Scope, Sector
from alliantie.core.selectors import find_municipality
from alliantie.core.text import search_key

router = Router(tags=["Referentiegegevens"])


class ChallengeOut(Schema):
    nummer: int = Field(..., alias="number")
    slug: str
    naam: str = Field(..., alias="name")
    omschrijving: str = Field(..., alias="description")


class ChallengeList(PageBase):
    results: list[ChallengeOut]


class ChangeLineOut(Schema):
    code: str
    naam: str = Field(..., alias="name")
    termijn: str = Field(..., alias="horizon")
    omschrijving: str = Field(..., alias="description")


class ChangeLineList(PageBase):
    results: list[ChangeLineOut]


class SectorOut(Schema):
    slug: str
    naam: str = Field(..., alias="name")


class SectorList(PageBase):
    results: list[SectorOut]


class ScopeOut(Schema):
    code: str
    naam: str = Field(..., alias="name")
    omschrijving: str = Field(..., alias="description")


class ScopeList(PageBase):
    results: list[ScopeOut]


class ProvinceOut(Schema):
    code: str
    naam: str = Field(..., alias="name")


class ProvinceList(PageBase):
    results: list[ProvinceOut]


class MunicipalityOut(Schema):
    code: str
    naam: str = Field(..., alias="name")
    korteNaam: str = Field(..., alias="short_name")
    provincie: ProvinceOut = Field(..., alias="province")
    inwoners: int | None = Field(None, alias="inhabitants")


class MunicipalityList(PageBase):
    results: list[MunicipalityOut]


class MunicipalityFilters(Schema):
    provincie: str | None = Field(
        None, max_length=4, pattern=NO_NUL, description="CBS-code van een provincie, bijvoorbeeld PV27"
    )
    zoek: str | None = Field(
        None, max_length=100, pattern=NO_NUL, description="Deel van de naam, zonder letten op accenten"
    )


@router.get("/opgaven", response=ChallengeList, summary="De 10 opgaven")
def list_challenges(request: HttpRequest, response: HttpResponse, page: Query[PageQuery]):
    reject_unknown_query_parameters(request)
    return paginate(request, response, Challenge.objects.order_by("number"), page)


@router.get("/opgaven/{slug}", response=ChallengeOut, summary="Eén opgave")
def get_challenge(request: HttpRequest, slug: str = Path(..., pattern=SLUG, max_length=80)):  # noqa: B008
    challenge = Challenge.objects.filter(slug=slug).first()
    if challenge is None:
        raise Http404
    return challenge


@router.get("/verandertheorie-lijnen", response=ChangeLineList, summary="Verzachten, versterken, veranderen")
def list_change_lines(request: HttpRequest, response: HttpResponse, page: Query[PageQuery]):
    reject_unknown_query_parameters(request)
    return paginate(request, response, ChangeLine.objects.order_by("order"), page)


@router.get("/sectoren", response=SectorList, summary="Sectoren van partners")
def list_sectors(request: HttpRequest, response: HttpResponse, page: Query[PageQuery]):
    reject_unknown_query_parameters(request)
    return paginate(request, response, Sector.objects.order_by("order", Lower("name")), page)


@router.get("/schalen", response=ScopeList, summary="Lokaal, regionaal, landelijk")
def list_scopes(request: HttpRequest, response: HttpResponse, page: Query[PageQuery]):
    reject_unknown_query_parameters(request)
    return paginate(request, response, Scope.objects.order_by("order"), page)


@router.get("/provincies", response=ProvinceList, summary="De 12 provincies")
def list_provinces(request: HttpRequest, response: HttpResponse, page: Query[PageQuery]):
    reject_unknown_query_parameters(request)
    return paginate(request, response, Province.objects.order_by(Lower("name")), page)


@router.get("/provincies/{code}", response=ProvinceOut, summary="Eén provincie")
def get_province(request: HttpRequest, code: str = Path(..., pattern=SLUG, max_length=4)):  # noqa: B008
    province = Province.objects.filter(code=code.upper()).first()
    if province is None:
        raise Http404
    return province


@router.get("/gemeenten", response=MunicipalityList, summary="Gemeenten, te filteren op provincie en naam")
def list_municipalities(
    request: HttpRequest, response: HttpResponse, filters: Query[MunicipalityFilters], page: Query[PageQuery]
):
    reject_unknown_query_parameters(request, MunicipalityFilters)
    municipalities = Municipality.objects.select_related("province").order_by(Lower("name"), "code")
    if filters.provincie:
        municipalities = municipalities.filter(province__code=filters.provincie.upper())
    if filters.zoek and (key := search_key(filters.zoek)):
        municipalities = municipalities.filter(search_name__contains=key)
    return paginate(request, response, municipalities, page)


@router.get("/gemeenten/{code}", response=MunicipalityOut, summary="Eén gemeente op CBS-code of naam")
def get_municipality(request: HttpRequest, code: str = Path(..., pattern=NO_NUL, max_length=100)):  # noqa: B008
    municipality = find_municipality(code[:100])
    if municipality is None:
        raise Http404
    return municipality
