"""Who may use the worklist and the contact log. The only place that decides it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alliantie.accounts.permissions import is_project_team
from alliantie.partners.models import Organisation


def can_follow_up_partners(user) -> bool:
    """The worklist and the contact log are the project team's: partners do not see what is said about them."""
    return is_project_team(user)


def get_organisation_for_follow_up(user, slug: str) -> Organisation:
    """An organisation whose contact log the user may read and add to (403 for others, 404 for an unknown slug)."""
    if not can_follow_up_partners(user):
        raise PermissionDenied
    organisation = Organisation.objects.select_related("sector", "scope", "pledge").filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation
