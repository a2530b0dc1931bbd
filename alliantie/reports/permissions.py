"""Who may see the dashboard and its figures: the only place that decides it. The dashboard, the coverage, the
municipality table, the maps, the network and the recruitment list are the project team's (they name partners that
do little, and candidates that were not asked yet); the page "Wat we samen doen" and the open data are public."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alliantie.accounts.permissions import is_project_team
from alliantie.partners.models import Organisation
from alliantie.reports.models import RecruitmentCandidate, Target
from alliantie.socialmap.models import Provider


def can_see_dashboard(user) -> bool:
    """The project team (and administrators) read every figure and the records behind it."""
    return is_project_team(user)


def can_edit_targets(user) -> bool:
    """The project team sets the targets, their periods and owners, and what is public."""
    return is_project_team(user)


def require_dashboard(user) -> None:
    """403 for everyone but the project team and the administrator."""
    if not can_see_dashboard(user):
        raise PermissionDenied


def get_target_for_user(user, pk: int, *, write: bool = False) -> Target:
    """A target the user may read (or edit): 403 for everyone but the team, 404 for an unknown one."""
    if not (can_edit_targets(user) if write else can_see_dashboard(user)):
        raise PermissionDenied
    target = Target.objects.prefetch_related("sectors").select_related("owner").filter(pk=pk).first()
    if target is None:
        raise Http404
    return target


def get_candidate_for_user(user, pk: int) -> RecruitmentCandidate:
    """A row of the recruitment list for the team: 403 for others, 404 for an unknown one."""
    require_dashboard(user)
    candidate = RecruitmentCandidate.objects.filter(pk=pk).first()
    if candidate is None:
        raise Http404
    return candidate


def visible_targets(user):
    """The team sees every target; everyone else (and the public API, which passes None) only the public ones."""
    targets = Target.objects.prefetch_related("sectors").order_by("position", "pk")
    return targets if user is not None and can_see_dashboard(user) else targets.filter(public=True)


def get_recruitable_for_user(
    user, *, organisation_id: int | None, provider_id: int | None
) -> tuple[Organisation | None, Provider | None]:
    """The organisation or provider the team wants on the recruitment list (None for an id that does not exist)."""
    require_dashboard(user)
    organisation = (
        Organisation.objects.select_related("sector").filter(pk=organisation_id).first() if organisation_id else None
    )
    provider = Provider.objects.filter(pk=provider_id).first() if provider_id else None
    return organisation, provider


def get_partner_for_network(user, slug: str) -> Organisation:
    """A partner's ties are the team's (403 for others, 404 for an organisation that is not a partner)."""
    require_dashboard(user)
    organisation = Organisation.objects.partners().select_related("sector").filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation
