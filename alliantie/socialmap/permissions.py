"""Who may see the sociale kaart. The only place that decides it for this app."""

from django.db.models import QuerySet
from django.http import Http404

from alliantie.socialmap.models import Service


def visible_services(user) -> QuerySet[Service]:
    """The sociale kaart is public: everyone sees the active services."""
    return Service.objects.filter(status=Service.Status.ACTIVE)


def get_service_for_user(user, slug: str) -> Service:
    service = visible_services(user).select_related("provider").filter(slug=slug).first()
    if service is None:
        raise Http404
    return service
