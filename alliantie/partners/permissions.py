"""Who may see or change organisations, their members and invitations. The only place that decides it."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from alliantie.accounts.permissions import is_project_team
from alliantie.partners.models import Invitation, Membership, Organisation


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
    """The user's membership of this organisation, if any; asked once per request (the user object lives that
    long), however many permission checks need it."""
    if not user.is_authenticated:
        return None
    known = user.__dict__.setdefault("_memberships_by_organisation", {})
    if organisation.pk not in known:
        known[organisation.pk] = Membership.objects.filter(user=user, organisation=organisation).first()
    return known[organisation.pk]


def own_organisation_ids(user) -> set[int]:
    """The organisations the user belongs to; asked once per request, however many rows need it."""
    if not user.is_authenticated:
        return set()
    known = getattr(user, "_own_organisation_ids", None)  # getattr: request.user is a lazy proxy of the user
    if known is None:
        known = user._own_organisation_ids = set(
            Membership.objects.filter(user=user).order_by().values_list("organisation_id", flat=True)
        )
    return known


def can_see_all_reporting_statuses(user) -> bool:
    """The project team follows every partner's reporting status (the traffic light)."""
    return is_project_team(user)


def can_see_reporting_status(user, organisation: Organisation) -> bool:
    """The traffic light is for the team and the partner itself; the public, other partners and coordinators see
    only when the partner last reported: a red light next to a name on a public page is shaming, not steering."""
    return can_see_all_reporting_statuses(user) or organisation.pk in own_organisation_ids(user)


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
    organisation = Organisation.objects.select_related("sector", "scope", "pledge").filter(slug=slug).first()
    if organisation is None or not can_see_members(user, organisation):
        raise Http404
    if write and not can_manage_members(user, organisation):
        raise PermissionDenied
    return organisation


def can_request_partnership(user, organisation: Organisation) -> bool:
    """The contact of an organisation that takes part only locally may apply to become a national partner (and sign
    the pledge, which only a contact does)."""
    membership = membership_of(user, organisation)
    return (
        organisation.status == Organisation.Status.LOCAL
        and membership is not None
        and membership.role == Membership.Role.CONTACT
    )


def can_accept_invitation(user, invitation) -> bool:
    """An invitation is for the address it was sent to: only the account with that address accepts it (a
    contact's invitation carries the right to manage the organisation)."""
    return bool(user.is_authenticated and user.email.lower() == invitation.email.lower())


def can_review_applications(user) -> bool:
    """The project team approves or declines applications."""
    return is_project_team(user)


def get_application_for_user(user, slug: str) -> Organisation:
    """An organisation's application, for the project team only (others: 403 for the page, 404 for a slug)."""
    if not can_review_applications(user):
        raise PermissionDenied
    organisation = Organisation.objects.select_related("sector", "scope", "municipality").filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def get_organisation_for_pledge(user, slug: str, *, sign: bool = False) -> Organisation:
    """The organisation whose pledge the user may see (members, team; else 404); only its contact signs (403)."""
    organisation = get_organisation_members_for_user(user, slug)
    if sign:
        membership = membership_of(user, organisation)
        if membership is None or membership.role != Membership.Role.CONTACT:
            raise PermissionDenied
    return organisation


def get_invitation_for_manager(user, slug: str, invitation_id: int) -> Invitation:
    """An open invitation of an organisation whose members the user manages (404 if not visible, 403 if read-only)."""
    organisation = get_organisation_members_for_user(user, slug, write=True)
    invitation = Invitation.objects.filter(
        organisation=organisation, pk=invitation_id, accepted_at__isnull=True
    ).first()
    if invitation is None:
        raise Http404
    return invitation


def get_membership_for_manager(user, slug: str, membership_id: int) -> Membership:
    """A membership of an organisation whose members the user manages (404 if not visible, 403 if read-only)."""
    organisation = get_organisation_members_for_user(user, slug, write=True)
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(organisation=organisation, pk=membership_id)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_organisation_for_user(user, slug: str) -> Organisation:
    """An organisation's public profile: partners for everyone, applicants only for their members and the team."""
    organisation = (
        visible_organisations(user)
        .select_related("sector", "scope", "municipality", "pledge")
        .filter(slug=slug)
        .first()
    )
    if organisation is None:
        raise Http404
    return organisation


def get_organisation_for_nominating(user, slug: str) -> Organisation:
    """Every member of a partner may propose a new partner on its behalf (404 for others, 403 for applicants)."""
    organisation = get_organisation_members_for_user(user, slug)
    if not organisation.is_partner:
        raise PermissionDenied
    return organisation


def can_edit_profile(user, organisation: Organisation) -> bool:
    """Members keep their organisation's profile current; the team may too."""
    return is_project_team(user) or membership_of(user, organisation) is not None


def can_export_directory(user) -> bool:
    """The export holds the contacts' e-mail addresses: for the project team only."""
    return is_project_team(user)


def can_import_organisations(user) -> bool:
    """Bulk import is the project team's."""
    return is_project_team(user)


def can_manage_lifecycle(user) -> bool:
    """The project team changes a partner's status and reads its history."""
    return is_project_team(user)


def get_organisation_for_lifecycle(user, slug: str) -> Organisation:
    """An organisation whose status and history the user may manage (403 for others, 404 for an unknown slug)."""
    if not can_manage_lifecycle(user):
        raise PermissionDenied
    organisation = Organisation.objects.select_related("sector", "scope", "pledge").filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation
