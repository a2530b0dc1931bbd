"""Who may see or change organisations, their members and invitations. The only place that decides it."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from alliantie.accounts.permissions import is_project_team
from alliantie.partners.models import Membership, Organisation


def visible_organisations(user) -> QuerySet[Organisation]:
    """Partners for everyone; the team also sees applicants and ended ones; members see their own."""
    if is_project_team(user):
        return Organisation.objects.all()
    if user.is_authenticated:
        own = Membership.objects.filter(user=user).values("organisation_id")
        return Organisation.objects.filter(status__in=[Organisation.Status.ACTIVE, Organisation.Status.DORMANT]) | (
            Organisation.objects.filter(pk__in=own)
        )
    return Organisation.objects.partners()


def membership_of(user, organisation: Organisation) -> Membership | None:
    """The user's membership of this organisation, if any."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def can_see_members(user, organisation: Organisation) -> bool:
    """Members, the team and administrators see who belongs to an organisation; others do not."""
    return is_project_team(user) or membership_of(user, organisation) is not None


def can_manage_members(user, organisation: Organisation) -> bool:
    """The organisation's contact and the project team invite and remove people."""
    if is_project_team(user):
        return True
    membership = membership_of(user, organisation)
    return membership is not None and membership.role == Membership.Role.CONTACT


def get_organisation_members_for_user(user, slug: str, *, write: bool = False) -> Organisation:
    """The organisation whose member list the user may see (404 otherwise); with write, may change (403)."""
    organisation = Organisation.objects.select_related("sector", "scope").filter(slug=slug).first()
    if organisation is None or not can_see_members(user, organisation):
        raise Http404
    if write and not can_manage_members(user, organisation):
        raise PermissionDenied
    return organisation
