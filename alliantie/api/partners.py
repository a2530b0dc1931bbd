"""Partners and their activities: public reads with the directory's filters; partner users update their own
organisation and activities with their API key, and no one else's."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema
from pydantic import ConfigDict

from alliantie.activities import permissions as activity_permissions
from alliantie.activities import services as activity_services
from alliantie.activities.models import Activity
from alliantie.api.auth import ApiKeyAuth
from alliantie.api.pagination import NO_NUL, SLUG, PageBase, PageQuery, paginate, reject_unknown_query_parameters
from alliantie.core.models import Challenge, ChangeLine, Province, Scope, Sector
from alliantie.core.selectors import find_municipality
from alliantie.partners import permissions as partner_permissions
from alliantie.partners import services as partner_services
from alliantie.partners.directory import SORTS, DirectoryFilters, filtered_partners
from alliantie.partners.models import Organisation
from alliantie.partners.reporting import reporting_status

router = Router(tags=["Partners en activiteiten"])


class OrganisationOut(Schema):
    slug: str
    naam: str = Field(..., alias="name")
    sector: str = Field(..., alias="sector.slug")
    schaal: str = Field(..., alias="scope.code")
    plaats: str = Field(..., alias="city")
    website: str
    omschrijving: str = Field(..., alias="description")
    partnerSinds: date | None = Field(None, alias="joined_on")  # noqa: N815
    verantwoording: str | None = Field(
        None,
        description="Verantwoordingsstatus: new, up_to_date, due, overdue of inactive. Alleen voor het projectteam en "
        "de organisatie zelf; voor anderen en voor wie geen partner is leeg (zie laatsteVerantwoording)",
    )
    laatsteVerantwoording: date | None = Field(  # noqa: N815
        None, description="Dag van de laatste nieuwe activiteit of voortgang"
    )

    @staticmethod
    def resolve_verantwoording(organisation: Organisation, context) -> str | None:
        request = context["request"]
        # request.auth exists only on endpoints with a key (a missing attribute here would read as "no value")
        user = getattr(request, "auth", None) or request.user
        if not partner_permissions.can_see_reporting_status(user, organisation):
            return None
        reporting = reporting_status(organisation)
        return reporting.status.value if reporting else None

    @staticmethod
    def resolve_laatsteVerantwoording(organisation: Organisation) -> date | None:  # noqa: N802
        reporting = reporting_status(organisation)
        return reporting.last_report_on if reporting else None


class OrganisationList(PageBase):
    results: list[OrganisationOut]


class OrganisationFilters(Schema):
    zoek: str | None = Field(None, max_length=100, pattern=NO_NUL)
    sector: str | None = Field(None, max_length=60, pattern=NO_NUL)
    schaal: str | None = Field(None, max_length=10, pattern=NO_NUL)
    opgave: str | None = Field(None, max_length=80, pattern=NO_NUL)
    lijn: str | None = Field(None, max_length=12, pattern=NO_NUL)
    provincie: str | None = Field(None, max_length=4, pattern=NO_NUL)
    gemeente: str | None = Field(None, max_length=100, pattern=NO_NUL, description="CBS-code of naam")
    sorteer: str = Field("naam", pattern="^(naam|nieuwste|oudste)$")


class OrganisationPatch(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored

    omschrijving: str | None = Field(None, max_length=2000, pattern=NO_NUL)
    website: str | None = Field(None, max_length=200, pattern=NO_NUL)


class ActivityOut(Schema):
    id: int
    organisatie: str = Field(..., alias="organisation.slug")
    titel: str = Field(..., alias="title")
    omschrijving: str = Field(..., alias="description")
    opgaven: list[str]
    lijn: str = Field(..., alias="change_line.code")
    doelgroepen: list[str] = Field(..., alias="target_groups")
    gemeenten: list[str]
    beginOp: date = Field(..., alias="starts_on")  # noqa: N815
    eindOp: date | None = Field(None, alias="ends_on")  # noqa: N815
    betrokkenheid: str = Field(..., alias="involvement")

    @staticmethod
    def resolve_opgaven(activity: Activity) -> list[str]:
        return [c.slug for c in activity.challenges.all()]

    @staticmethod
    def resolve_gemeenten(activity: Activity) -> list[str]:
        return [m.code for m in activity.municipalities.all()]


class ActivityList(PageBase):
    results: list[ActivityOut]


class ActivityFilters(Schema):
    organisatie: str | None = Field(None, max_length=220, pattern=NO_NUL)
    opgave: str | None = Field(None, max_length=80, pattern=NO_NUL)
    lijn: str | None = Field(None, max_length=12, pattern=NO_NUL)


class ActivityPatch(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored

    titel: str | None = Field(None, min_length=1, max_length=200, pattern=NO_NUL)
    omschrijving: str | None = Field(None, min_length=1, max_length=5000, pattern=NO_NUL)
    eindOp: date | None = None  # noqa: N815


def _lookup(model, field: str, value: str | None):
    if not value:
        return None
    found = model.objects.filter(**{field: value}).first()
    if found is None:
        raise Http404
    return found


@router.get("/organisaties", response=OrganisationList, summary="Partners, met dezelfde filters als de partnerlijst")
def list_organisations(
    request: HttpRequest, response: HttpResponse, filters: Query[OrganisationFilters], page: Query[PageQuery]
):
    reject_unknown_query_parameters(request, OrganisationFilters)
    municipality = None
    if filters.gemeente:
        municipality = find_municipality(filters.gemeente)
        if municipality is None:
            raise Http404
    directory_filters = DirectoryFilters(
        query=filters.zoek or "",
        sector=_lookup(Sector, "slug", filters.sector),
        scope=_lookup(Scope, "code", filters.schaal),
        challenge=_lookup(Challenge, "slug", filters.opgave),
        change_line=_lookup(ChangeLine, "code", filters.lijn),
        province=_lookup(Province, "code", filters.provincie),
        municipality=municipality,
    )
    partners = (
        filtered_partners(directory_filters).select_related("sector", "scope").order_by(*SORTS[filters.sorteer], "pk")
    )
    return paginate(request, response, partners, page)


@router.get("/organisaties/{slug}", response=OrganisationOut, summary="Eén partner")
def get_organisation(request: HttpRequest, slug: str = Path(..., pattern=SLUG, max_length=220)):  # noqa: B008
    return partner_permissions.get_organisation_for_user(request.user, slug)


@router.patch(
    "/organisaties/{slug}", response=OrganisationOut, auth=ApiKeyAuth(), summary="Uw eigen organisatie bijwerken"
)
def update_organisation(
    request: HttpRequest,
    changes: OrganisationPatch,
    slug: str = Path(..., pattern=SLUG, max_length=220),  # noqa: B008
):
    organisation = partner_permissions.get_organisation_members_for_user(request.auth, slug)
    if not partner_permissions.can_edit_profile(request.auth, organisation):
        raise PermissionDenied
    return partner_services.update_profile(
        organisation=organisation,
        changed_by=request.auth,
        description=changes.omschrijving,
        website=changes.website,
    )


@router.get("/activiteiten", response=ActivityList, summary="Activiteiten van partners")
def list_activities(
    request: HttpRequest, response: HttpResponse, filters: Query[ActivityFilters], page: Query[PageQuery]
):
    reject_unknown_query_parameters(request, ActivityFilters)
    activities = activity_permissions.visible_activities(request.user)
    if filters.organisatie:
        activities = activities.filter(organisation__slug=filters.organisatie)
    if filters.opgave:
        activities = activities.filter(challenges=_lookup(Challenge, "slug", filters.opgave))
    if filters.lijn:
        activities = activities.filter(change_line=_lookup(ChangeLine, "code", filters.lijn))
    activities = (
        activities.select_related("organisation", "change_line")
        .prefetch_related("challenges", "municipalities")
        .order_by("-starts_on", "pk")
    )
    return paginate(request, response, activities, page)


@router.get("/activiteiten/{activity_id}", response=ActivityOut, summary="Eén activiteit")
def get_activity(request: HttpRequest, activity_id: int):
    return activity_permissions.get_activity_for_user(request.user, activity_id)


@router.patch(
    "/activiteiten/{activity_id}",
    response=ActivityOut,
    auth=ApiKeyAuth(),
    summary="Een activiteit van uw organisatie bijwerken",
)
def update_activity(request: HttpRequest, activity_id: int, changes: ActivityPatch):
    activity = activity_permissions.get_activity_for_user(request.auth, activity_id, write=True)
    return activity_services.update_activity_fields(
        activity=activity,
        changed_by=request.auth,
        title=changes.titel,
        description=changes.omschrijving,
        ends_on=changes.eindOp,
    )
