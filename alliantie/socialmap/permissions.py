"""Who may see and keep the sociale kaart. The only place that decides it for this app.

Everyone sees the active services, their providers and locations. A partner keeps the services of the providers
linked to its organisation; a coordinator of a local alliance those of providers working in, or with a location
in, the area of the organisations the coordinator belongs to; the project team keeps them all and exchanges
the whole map as HSDS."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from alliantie.accounts.permissions import is_coordinator, is_project_team
from alliantie.core.models import Municipality
from alliantie.partners.models import Membership, Organisation
from alliantie.socialmap.models import ErrorReport, Location, Provider, Service

PARTNER = [Organisation.Status.ACTIVE, Organisation.Status.DORMANT]


def visible_services(user) -> QuerySet[Service]:
    """The sociale kaart is public: everyone sees the active services."""
    return Service.objects.filter(status=Service.Status.ACTIVE)


def visible_providers(user) -> QuerySet[Provider]:
    """The sociale kaart is public: everyone sees every provider."""
    return Provider.objects.all()


def visible_locations(user) -> QuerySet[Location]:
    """The sociale kaart is public: everyone sees every location."""
    return Location.objects.all()


def get_service_for_user(user, slug: str) -> Service:
    """A service the user may see (404 otherwise)."""
    service = visible_services(user).select_related("provider").filter(slug=slug).first()
    if service is None:
        raise Http404
    return service


def own_organisations(user) -> QuerySet[Organisation]:
    """The partner organisations the user belongs to (whose services they keep)."""
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(user=user).values("organisation_id"), status__in=PARTNER
    )


def coordinator_area(user) -> QuerySet[Municipality]:
    """The municipalities where a coordinator's organisations are seated or work."""
    own = own_organisations(user)
    return Municipality.objects.filter(
        Q(pk__in=own.values("municipality_id"))
        | Q(pk__in=own.values("area_municipalities"))
        | Q(province__in=own.values("area_provinces"))
    )


def editable_providers(user) -> QuerySet[Provider]:
    """The providers whose services the user keeps."""
    if not user.is_authenticated or not user.is_active:
        return Provider.objects.none()
    if is_project_team(user):
        return Provider.objects.all()
    allowed = Q(partner__in=own_organisations(user).values("pk"))
    if is_coordinator(user):
        area = coordinator_area(user)
        allowed |= (
            Q(area_municipalities__in=area.values("pk"))
            | Q(area_provinces__in=area.values("province_id"))
            | Q(locations__municipality__in=area.values("pk"))
        )
    return Provider.objects.filter(pk__in=Provider.objects.filter(allowed).values("pk"))


def editable_services(user) -> QuerySet[Service]:
    """Every service the user keeps, active or not."""
    return Service.objects.filter(provider__in=editable_providers(user).values("pk"))


def can_keep_services(user) -> bool:
    """Whether the user has a page for keeping services (a partner, a coordinator, the team)."""
    if not user.is_authenticated:
        return False
    return is_project_team(user) or is_coordinator(user) or own_organisations(user).exists()


def get_service_for_editing(user, slug: str) -> Service:
    """A service the user keeps: 404 if unknown, 403 if someone else's."""
    if not can_keep_services(user):
        raise PermissionDenied
    service = Service.objects.select_related("provider").filter(slug=slug).first()
    if service is None:
        raise Http404
    if not editable_services(user).filter(pk=service.pk).exists():
        raise PermissionDenied
    return service


def editable_error_reports(user) -> QuerySet[ErrorReport]:
    """Error reports about the services the user keeps."""
    return ErrorReport.objects.filter(service__in=editable_services(user).values("pk"))


def get_error_report_for_user(user, pk: int) -> ErrorReport:
    """An error report about a service the user keeps (404 otherwise)."""
    report = editable_error_reports(user).select_related("service").filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def can_exchange_hsds(user) -> bool:
    """Import and the full export with inactive services are for the project team."""
    return is_project_team(user)


def can_mark_national(user) -> bool:
    """Only the team says a service is available in the whole country."""
    return is_project_team(user)
