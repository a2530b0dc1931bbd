"""Who may see and change local alliances, their agenda and members, the requests to start one, and the pool of
ervaringsdeskundigen. The only place that decides it for this app.

Every local alliance has a public page. A coordinator changes only the alliances they coordinate (a coordinator of
another alliance gets 403 there, as does everyone else who is logged in); the project team changes them all. The pool
is for the team and for the coordinators of alliances in a person's region: anyone else gets 403 for the overview and
404 for a person."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from alliantie.accounts.permissions import is_coordinator, is_project_team
from alliantie.core import tokens
from alliantie.core.models import Municipality
from alliantie.localalliances.models import (
    AllianceRequest,
    CoordinatorInvitation,
    Goal,
    LocalAlliance,
    Member,
    MemberInvitation,
    PoolIntroduction,
    PoolMember,
    PoolRequest,
)
from alliantie.partners.models import Membership, Organisation

POOL_VISIBLE = [PoolMember.Status.ACTIVE, PoolMember.Status.PAUSED]


def has_coordinator_role(user) -> bool:
    """The coordinator role (User.team_role), which the services give with a first alliance and take away with the
    last; no query. What a coordinator may do follows `coordinated_alliance_ids`."""
    return is_coordinator(user)


def coordinated_alliance_ids(user) -> set[int]:
    """The active alliances the user coordinates; asked once per request."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if "_coordinated_alliance_ids" not in user.__dict__:
        user.__dict__["_coordinated_alliance_ids"] = set(
            LocalAlliance.objects.active().filter(coordinators=user).values_list("pk", flat=True)
        )
    return user.__dict__["_coordinated_alliance_ids"]


def coordinated_area(user) -> QuerySet[Municipality]:
    """The municipalities of the active alliances the user coordinates."""
    return Municipality.objects.filter(local_alliances__coordinators=user, local_alliances__ended_on__isnull=True)


def visible_alliances(user) -> QuerySet[LocalAlliance]:
    """Every local alliance has a public page (a stopped one says so)."""
    return LocalAlliance.objects.all()


def can_manage_alliance(user, alliance: LocalAlliance) -> bool:
    """Its coordinators and the project team change an alliance: members, agenda, phases, lessons, invitations."""
    return is_project_team(user) or alliance.pk in coordinated_alliance_ids(user)


def get_alliance_for_user(user, slug: str, *, manage: bool = False) -> LocalAlliance:
    """An alliance (404 when unknown); with manage, one the user may change (403 otherwise)."""
    alliance = visible_alliances(user).select_related("initiator").filter(slug=slug[:220]).first()
    if alliance is None:
        raise Http404
    if manage and not can_manage_alliance(user, alliance):
        raise PermissionDenied
    return alliance


def can_create_alliances(user) -> bool:
    """The project team starts alliances (usually by accepting a request) and names their coordinators."""
    return is_project_team(user)


def can_name_coordinators(user) -> bool:
    """Only the project team names and removes coordinators."""
    return is_project_team(user)


def can_end_alliance(user) -> bool:
    """Stopping an alliance, or changing the municipalities it covers, is the team's."""
    return is_project_team(user)


def get_member_for_manager(user, alliance: LocalAlliance, pk: int) -> Member:
    """A member of the alliance for its coordinator or the team: 403 for others, 404 for an unknown one."""
    if not can_manage_alliance(user, alliance):
        raise PermissionDenied
    member = alliance.members.select_related("organisation").filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def get_goal_for_user(user, alliance: LocalAlliance, pk: int, *, manage: bool = False) -> Goal:
    """A goal of the alliance's work agenda (for changing it: its coordinator or the team); 404 if unknown."""
    goal = alliance.goals.select_related("challenge", "change_line").filter(pk=pk).first()
    if goal is None:
        raise Http404
    if manage and not can_manage_alliance(user, alliance):
        raise PermissionDenied
    return goal


def get_coordinator_for_team(user, alliance: LocalAlliance, pk: int):
    """A coordinator role of the alliance, for the team: 403 for others, 404 if unknown."""
    if not can_name_coordinators(user):
        raise PermissionDenied
    role = alliance.coordinator_roles.select_related("user").filter(pk=pk).first()
    if role is None:
        raise Http404
    return role


def get_member_invitation_for_token(token: str) -> MemberInvitation | None:
    """The invitation an answer link belongs to; None for a link we did not make."""
    pk = tokens.read(MemberInvitation.LINK_PURPOSE, token)
    if pk is None:
        return None
    return MemberInvitation.objects.select_related("alliance", "organisation", "provider").filter(pk=pk).first()


def get_coordinator_invitation_for_token(token: str) -> CoordinatorInvitation | None:
    """The coordinator invitation a signed link names, or None for a wrong or expired link."""
    pk = tokens.read(CoordinatorInvitation.LINK_PURPOSE, token)
    if pk is None:
        return None
    return CoordinatorInvitation.objects.select_related("alliance").filter(pk=pk).first()


def can_accept_coordinator_invitation(user, invitation: CoordinatorInvitation) -> bool:
    """The invitation is for the address it was sent to (it carries the coordinator's rights)."""
    return not user.is_authenticated or user.email.lower() == invitation.email.lower()


def can_handle_requests(user) -> bool:
    """The team answers the requests to start an alliance, from its worklist."""
    return is_project_team(user)


def get_request_for_user(user, pk: int) -> AllianceRequest:
    """A request to start a local alliance, for the team: 403 for others, 404 if unknown."""
    if not can_handle_requests(user):
        raise PermissionDenied
    found = AllianceRequest.objects.select_related("sector", "alliance", "handled_by").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def can_see_worklist(user) -> bool:
    """Only the project team sees the local alliances' worklist."""
    return is_project_team(user)


def can_invite_to_leernetwerk(user) -> bool:
    """Mailing every local alliance about a leernetwerk meeting is the team's."""
    return is_project_team(user)


def can_manage_toolkit(user) -> bool:
    """Only the project team puts kennisbank items in the toolkit's phases."""
    return is_project_team(user)


def can_use_start_page(user) -> bool:
    """Coordinators have a start page; the team sees every alliance's from there."""
    return is_project_team(user) or has_coordinator_role(user)


# -- the pool ---------------------------------------------------------------------------------------------------------


def can_see_pool(user) -> bool:
    """The team, and coordinators of an active alliance (who see the people of their region)."""
    return is_project_team(user) or bool(has_coordinator_role(user) and coordinated_alliance_ids(user))


def visible_pool_members(user) -> QuerySet[PoolMember]:
    """Confirmed entries: all of them for the team; for a coordinator those whose region covers an alliance they
    coordinate (or the whole country); nobody else."""
    confirmed = PoolMember.objects.filter(status__in=POOL_VISIBLE)
    if is_project_team(user):
        return confirmed
    if not can_see_pool(user):
        return PoolMember.objects.none()
    area = coordinated_area(user)
    in_region = PoolMember.objects.filter(
        Q(nationwide=True) | Q(provinces__in=area.values("province_id")) | Q(municipalities__in=area.values("pk"))
    )
    return confirmed.filter(pk__in=in_region.values("pk"))


def get_pool_member_for_user(user, pk: int) -> PoolMember:
    """A person in the pool the user may see: 403 for who may not see the pool at all, 404 for someone outside the
    coordinator's region (as for an unknown id)."""
    if not can_see_pool(user):
        raise PermissionDenied
    member = visible_pool_members(user).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def get_pool_entry_for_token(token: str) -> PoolMember | None:
    """The entry a link in a mail to the person belongs to (the person's own key to change or delete it)."""
    pk = tokens.read(PoolMember.LINK_PURPOSE, token)
    if pk is None:
        return None
    return PoolMember.objects.filter(pk=pk).first()


def own_pool_entry(user) -> PoolMember | None:
    """The logged-in person's own entry, by account or by their address."""
    if not user.is_authenticated:
        return None
    return PoolMember.objects.filter(Q(user=user) | Q(email=user.email.lower())).order_by("pk").first()


def registering_organisations(user) -> QuerySet[Organisation]:
    """The organisations on whose behalf the user may register someone (with that person's consent)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(user=user).values("organisation_id"),
        status__in=[Organisation.Status.ACTIVE, Organisation.Status.DORMANT, Organisation.Status.LOCAL],
    ).order_by(Lower("name"))


def can_register_for_others(user) -> bool:
    """People of an organisation (partner or local) register someone; the team may too."""
    return is_project_team(user) or registering_organisations(user).exists()


def can_ask_for_expert(user) -> bool:
    """Organisations and local alliances ask the team to be put in touch with someone from the pool."""
    return can_register_for_others(user) or bool(coordinated_alliance_ids(user))


def get_on_behalf_for_user(user, value: str) -> dict:
    """The organisation ("o12") or alliance ("a3") a request for an ervaringsdeskundige is made for: one of the user's
    own organisations, or an alliance they coordinate (403 otherwise)."""
    kind, number = value[:1], value[1:]
    if number.isdigit() and kind == "o":
        organisation = registering_organisations(user).filter(pk=int(number)).first()
        if organisation is not None:
            return {"organisation": organisation}
    if number.isdigit() and kind == "a" and int(number) in coordinated_alliance_ids(user):
        return {"alliance": LocalAlliance.objects.get(pk=int(number))}
    raise PermissionDenied


def can_handle_pool_requests(user) -> bool:
    """Only the project team handles requests for an ervaringsdeskundige."""
    return is_project_team(user)


def get_pool_request_for_user(user, pk: int) -> PoolRequest:
    """A request for an ervaringsdeskundige, for the team: 403 for others, 404 if unknown."""
    if not can_handle_pool_requests(user):
        raise PermissionDenied
    found = (
        PoolRequest.objects.select_related("organisation", "alliance", "municipality", "challenge", "requested_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_introduction_for_token(token: str) -> PoolIntroduction | None:
    """The introduction a signed link names, or None for a wrong or expired link."""
    pk = tokens.read(PoolIntroduction.LINK_PURPOSE, token)
    if pk is None:
        return None
    return (
        PoolIntroduction.objects.select_related("request__organisation", "request__alliance", "member")
        .filter(pk=pk)
        .first()
    )
