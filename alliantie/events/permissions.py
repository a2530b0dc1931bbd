"""Who may see the agenda's events, register, and organise. The only place that decides it for this app.

Outsiders get 404 for what they may not see; people who see an event but may not organise it get 403."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from alliantie.accounts.permissions import is_coordinator, is_project_team
from alliantie.events.links import feed_key_from, registration_id_from
from alliantie.events.models import Audience, Event, PersonalFeed, Registration
from alliantie.partners.models import Membership, Organisation


def partner_organisation_ids(user) -> list[int]:
    """The partner organisations (active or dormant) the user belongs to; asked once per request."""
    if not user.is_authenticated:
        return []
    if "_event_partner_ids" not in user.__dict__:
        user.__dict__["_event_partner_ids"] = list(
            Membership.objects.filter(
                user=user, organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.DORMANT]
            ).values_list("organisation_id", flat=True)
        )
    return user.__dict__["_event_partner_ids"]


def is_local_alliance_member(user) -> bool:
    """Who counts as a member of a local alliance: for now its coordinators (and the team). The local alliances'
    own members join here when those alliances are built (issue 16)."""
    return is_project_team(user) or is_coordinator(user)


def audiences_for(user) -> list[str]:
    """The audiences whose events the user may see and attend."""
    if is_project_team(user):
        return list(Audience.values)
    audiences = [Audience.PUBLIC]
    if is_coordinator(user) or partner_organisation_ids(user):
        audiences.append(Audience.PARTNERS)
    if is_local_alliance_member(user):
        audiences.append(Audience.LOCAL_ALLIANCES)
    return audiences


def visible_events(user) -> QuerySet[Event]:
    """Events for the user's audiences, and every event its organisations (co-)organise."""
    own = partner_organisation_ids(user)
    visible = Q(audience__in=audiences_for(user))
    if own:
        organised = Event.organisers.through.objects.filter(organisation_id__in=own).values("event_id")
        visible |= Q(pk__in=organised)
    return Event.objects.filter(visible)


def can_create_events(user) -> bool:
    """The project team puts events in the agenda; partners co-organise the ones they are named on."""
    return is_project_team(user)


def can_manage_event(user, event: Event) -> bool:
    """The team and the people of an organising partner see the registrations, take attendance and write the
    report; they also change, move and cancel the event."""
    if is_project_team(user):
        return True
    own = partner_organisation_ids(user)
    return bool(own) and event.organisers.filter(pk__in=own).exists()


def can_register(user, event: Event) -> bool:
    """Anyone for a public event (with or without an account); otherwise who is in its audience."""
    return event.audience in audiences_for(user)


def get_event_for_user(user, slug: str, *, manage: bool = False) -> Event:
    """An event the user may see (404 otherwise); with manage, one the user organises (403 otherwise)."""
    event = visible_events(user).select_related("municipality__province", "change_line").filter(slug=slug[:220]).first()
    if event is None:
        raise Http404
    if manage and not can_manage_event(user, event):
        raise PermissionDenied
    return event


def get_registration_for_token(token: str) -> Registration | None:
    """The registration a mail link belongs to; None for a link we did not make."""
    public_id = registration_id_from(token)
    if public_id is None:
        return None
    return Registration.objects.select_related("event__municipality").filter(public_id=public_id).first()


def get_registration_for_checkin(user, event: Event, code: str) -> Registration:
    """A registration of an event the user organises, by the code in its QR code (404 when unknown)."""
    if not can_manage_event(user, event):
        raise PermissionDenied
    registration = event.registrations.filter(checkin_code=code.strip().upper()[:12]).first()
    if registration is None:
        raise Http404
    return registration


def get_registration_for_organiser(user, event: Event, pk: int) -> Registration:
    """A registration of an event the user organises (403 for others, 404 for another event's)."""
    if not can_manage_event(user, event):
        raise PermissionDenied
    registration = event.registrations.filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def get_feed_owner(token: str):
    """The person whose personal feed a secret address is (None for an address we did not make or replaced)."""
    key = feed_key_from(token)
    if key is None:
        return None
    feed = PersonalFeed.objects.select_related("user").filter(key=key, user__is_active=True).first()
    return feed.user if feed else None
