"""Who may see or change activities. The only place that decides it for this app."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from alliantie.accounts.permissions import is_project_team
from alliantie.activities.models import Activity
from alliantie.partners.models import Membership, Organisation


def visible_activities(user) -> QuerySet[Activity]:
    """Everyone sees the activities of partners; members also their own organisation's, the team all."""
    if is_project_team(user):
        return Activity.objects.all()
    partner = Q(organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.DORMANT])
    if user.is_authenticated:
        own = Membership.objects.filter(user=user).values("organisation_id")
        return Activity.objects.filter(partner | Q(organisation_id__in=own))
    return Activity.objects.filter(partner)


def can_edit_activities_of(user, organisation: Organisation) -> bool:
    """Every member of an organisation keeps its activities current; the team may help."""
    return is_project_team(user) or (
        user.is_authenticated and Membership.objects.filter(user=user, organisation=organisation).exists()
    )


def get_activity_for_user(user, pk: int, *, write: bool = False) -> Activity:
    """An activity the user may see (404 otherwise); with write, one the user may change (403 otherwise)."""
    activity = visible_activities(user).select_related("organisation", "change_line").filter(pk=pk).first()
    if activity is None:
        raise Http404
    if write and not can_edit_activities_of(user, activity.organisation):
        raise PermissionDenied
    return activity


def get_organisation_for_activities(user, slug: str) -> Organisation:
    """The organisation whose activities the user manages (404 for outsiders, like its member list)."""
    organisation = Organisation.objects.select_related("sector", "scope").filter(slug=slug).first()
    if organisation is None or not can_edit_activities_of(user, organisation):
        raise Http404
    return organisation
