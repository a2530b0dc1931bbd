"""Every write to the agenda: events, registrations, the waiting list, attendance, reminders.

Capacity holds under concurrency because every change to who holds a place runs with the event's row locked
(`SELECT … FOR UPDATE`; on SQLite the write transaction itself is exclusive): of two people taking the last place at
the same moment, one gets it and the other waits for the lock, finds it gone and lands on the waiting list. A freed
place is offered to the first person on the list for EVENT_OFFER_HOURS; an offer that is not accepted in time passes
on (`expire_waiting_list_offers`). Every mail is queued in the outbox inside the same transaction, with a key per
reason, so repeating a job never mails anyone twice."""

import io
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from alliantie.accounts.models import User
from alliantie.core import audit, mail
from alliantie.core.models import Challenge, ChangeLine, Municipality, OutboxMessage, SearchDocument
from alliantie.core.search import Document, index_document
from alliantie.events import ical, links
from alliantie.events.models import Audience, Event, PersonalFeed, Registration
from alliantie.events.selectors import people_to_tell, waiting_position, when_label
from alliantie.partners.models import Organisation

Status = Registration.Status
# Fields whose change means the people registered must hear of it (and calendars must update).
PRACTICAL_FIELDS = ("starts_at", "ends_at", "venue", "address", "municipality", "online_url")


def _base(base_url: str | None) -> str:
    return (base_url or settings.SITE_URL).rstrip("/")


# -- the index ------------------------------------------------------------------------------------------------------

SEARCH_AUDIENCE = {
    Audience.PUBLIC: SearchDocument.Audience.PUBLIC,
    Audience.PARTNERS: SearchDocument.Audience.PARTNERS,
    Audience.LOCAL_ALLIANCES: SearchDocument.Audience.LOCAL_ALLIANCES,
    Audience.TEAM: SearchDocument.Audience.TEAM,
}


def search_document(event: Event, challenge_ids: list[int]) -> Document:
    """What the site-wide search knows of an event (never the online link)."""
    meta = " · ".join(
        p for p in (str(event.get_kind_display()).capitalize(), when_label(event), event.place_label) if p
    )
    return Document(
        key=f"event:{event.pk}",
        kind=event.kind,
        title=event.title,
        summary=event.summary,
        body=event.description,
        meta=meta[:300],
        url=event.get_absolute_url(),
        audience=SEARCH_AUDIENCE[event.audience],
        date=event.starts_at,
        change_line=event.change_line,
        challenge_ids=challenge_ids,
    )


def _reindex(event: Event) -> None:
    index_document(search_document(event, [c.pk for c in event.challenges.all()]))


# -- events ---------------------------------------------------------------------------------------------------------


@dataclass
class EventData:
    """What the event form gives the services."""

    kind: str
    title: str
    summary: str
    description: str
    starts_at: datetime
    ends_at: datetime
    venue: str
    address: str
    municipality: Municipality | None
    online_url: str
    audience: str
    capacity: int | None
    registration_deadline: datetime | None
    reminder_days: list[int]
    change_line: ChangeLine | None
    challenges: list[Challenge]
    organisers: list[Organisation]
    series_number: int | None = None


def _unique_slug(event: Event) -> str:
    start = timezone.localtime(event.starts_at)
    base = slugify(f"{event.title} {start:%Y-%m-%d}")[:200] or "bijeenkomst"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=event.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(event: Event, data: EventData) -> None:
    for field in (
        "kind",
        "title",
        "summary",
        "description",
        "starts_at",
        "ends_at",
        "venue",
        "address",
        "municipality",
        "online_url",
        "audience",
        "capacity",
        "registration_deadline",
        "reminder_days",
        "change_line",
        "series_number",
    ):
        setattr(event, field, getattr(data, field))
    event.title, event.summary = event.title.strip(), event.summary.strip()


def _save_checked(event: Event) -> None:
    taken = Event.objects.filter(kind=event.kind, series_number=event.series_number).exclude(pk=event.pk)
    if event.series_number and taken.exists():
        raise ValidationError(
            {"series_number": _("Er is al een kenniskring met nummer %(n)s.") % {"n": event.series_number}}
        )
    event.full_clean(exclude=["organisers", "challenges", "slug"])
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:
        raise ValidationError(
            {"series_number": _("Er is al een kenniskring met nummer %(n)s.") % {"n": event.series_number}}
        ) from None


@transaction.atomic
def create_event(*, data: EventData, created_by: User) -> Event:
    """Put an event in the agenda; it is found at once in the agenda, its feeds and the search."""
    event = Event(created_by=created_by)
    _apply(event, data)
    event.slug = _unique_slug(event)
    _save_checked(event)
    event.challenges.set(data.challenges)
    event.organisers.set(data.organisers)
    _reindex(event)
    audit.record(actor=created_by, action="event.created", target=event)
    return event


def practical_changes(event: Event, data: EventData) -> list[str]:
    """Which of time and place the form changes (empty for a new event)."""
    if event.pk is None:
        return []
    return [field for field in PRACTICAL_FIELDS if getattr(event, field) != getattr(data, field)]


@transaction.atomic
def update_event(*, event: Event, data: EventData, changed_by: User, base_url: str | None = None) -> Event:
    """Change an event. Fewer places than people who hold one is refused; a new time or place raises the calendar
    SEQUENCE, withdraws reminders that wait for the old time (the new ones follow the new time) and mails everyone
    registered; more places go to the waiting list."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.is_cancelled:
        raise ValidationError(_("Deze bijeenkomst is geannuleerd en kan niet meer worden gewijzigd."))
    holding = locked.registrations.holding_a_place().count()
    if data.capacity is not None and data.capacity < holding:
        raise ValidationError(
            {
                "capacity": _(
                    "Er zijn al %(n)s aanmeldingen met een plaats. Kies minstens %(n)s plaatsen, of meld eerst "
                    "mensen af."
                )
                % {"n": holding}
            }
        )
    changed = practical_changes(locked, data)
    old_when = when_label(locked)
    _apply(locked, data)
    if changed:
        locked.sequence += 1
    _save_checked(locked)
    locked.challenges.set(data.challenges)
    locked.organisers.set(data.organisers)
    _reindex(locked)
    audit.record(actor=changed_by, action="event.changed", target=locked, changed=changed)
    if changed:
        mail.cancel_waiting(key_prefix=f"event-reminder:{locked.pk}:")
        for registration in people_to_tell(locked):
            _mail(
                registration,
                key=f"event-changed:{locked.pk}:{locked.sequence}:{registration.pk}",
                subject=_("Gewijzigd: %(title)s") % {"title": locked.title},
                template="events/email/changed.txt",
                base_url=base_url,
                extra={"old_when": old_when, "changed": changed},
                calendar=registration.status == Status.CONFIRMED,
            )
    _offer_free_places(locked, base_url=base_url)
    return locked


@transaction.atomic
def cancel_event(*, event: Event, cancelled_by: User, reason: str, base_url: str | None = None) -> Event:
    """Cancel an event: everyone registered is mailed with the reason, waiting reminders and offers are withdrawn; the
    event stays findable as cancelled."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.is_cancelled:
        raise ValidationError(_("Deze bijeenkomst is al geannuleerd."))
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf kort waarom de bijeenkomst niet doorgaat; dat staat in de mail.")})
    to_tell = people_to_tell(locked)
    locked.status, locked.cancel_reason, locked.cancelled_at = Event.Status.CANCELLED, reason.strip(), timezone.now()
    locked.sequence += 1
    locked.full_clean(exclude=["organisers", "challenges", "slug"])
    locked.save()
    _reindex(locked)
    mail.cancel_waiting(key_prefix=f"event-reminder:{locked.pk}:")
    audit.record(actor=cancelled_by, action="event.cancelled", target=locked, told=len(to_tell))
    for registration in to_tell:
        _mail(
            registration,
            key=f"event-cancelled:{locked.pk}:{registration.pk}",
            subject=_("Gaat niet door: %(title)s") % {"title": locked.title},
            template="events/email/event_cancelled.txt",
            base_url=base_url,
            calendar=True,
        )
    return locked


# -- registrations --------------------------------------------------------------------------------------------------


def _mail(
    registration: Registration,
    *,
    key: str,
    subject: str,
    template: str,
    base_url: str | None,
    extra: dict | None = None,
    calendar: bool = False,
    qr: bool = False,
    priority: int = mail.Priority.PERSONAL,
) -> None:
    event = registration.event
    base = _base(base_url)
    context = {
        "registration": registration,
        "event": event,
        "when": when_label(event),
        "event_url": base + event.get_absolute_url(),
        "manage_url": base + links.manage_url(registration),
        "confirm_url": base + links.confirm_url(registration),
        "checkin_url": base + links.checkin_url(registration),
        **(extra or {}),
    }
    attachments = []
    if calendar:
        attachments.append(
            mail.Attachment(
                "bijeenkomst.ics",
                "text/calendar; charset=utf-8; method=PUBLISH",
                ical.calendar_bytes([event], name=event.title, base_url=base, private=registration.has_place),
            )
        )
    if qr:
        buffer = io.BytesIO()
        segno.make(context["checkin_url"], error="m").save(buffer, kind="png", scale=8, border=4)
        attachments.append(mail.Attachment("toegangscode.png", "image/png", buffer.getvalue()))
    mail.queue_mail(
        key=key,
        kind="event." + template.rsplit("/", 1)[-1].removesuffix(".txt"),
        to=[registration.email],
        subject=subject,
        template=template,
        context=context,
        attachments=attachments,
        priority=priority,
    )


def _refuse_closed(event: Event, now: datetime) -> None:
    if event.is_cancelled:
        raise ValidationError(_("Deze bijeenkomst is geannuleerd; aanmelden kan niet meer."))
    if now >= event.deadline:
        raise ValidationError(
            _("Aanmelden kon tot %(when)s. Neem contact op met de organisatie als u toch wilt komen.")
            % {"when": date_format(timezone.localtime(event.deadline), "j F Y H:i")}
        )


def _place(event: Event, registration: Registration, now: datetime, base_url: str | None) -> Registration:
    """Give the registration a place when one is free, else put it on the waiting list; the event row is locked."""
    holding = event.registrations.holding_a_place(now).exclude(pk=registration.pk).count()
    waiting_first = event.registrations.filter(status=Status.WAITING).exclude(pk=registration.pk).exists()
    if event.capacity is None or (holding < event.capacity and not waiting_first):
        registration.status, registration.confirmed_at = Status.CONFIRMED, now
        registration.save()
        _mail_place(registration, base_url)
    else:
        registration.status, registration.waiting_since = Status.WAITING, now
        registration.save()
        _mail(
            registration,
            key=f"event-waiting:{registration.pk}",
            subject=_("Wachtlijst: %(title)s") % {"title": event.title},
            template="events/email/waiting.txt",
            base_url=base_url,
            extra={"position": waiting_position(registration)},
        )
    return registration


def _mail_place(registration: Registration, base_url: str | None) -> None:
    _mail(
        registration,
        key=f"event-place:{registration.pk}",
        subject=_("Aangemeld: %(title)s") % {"title": registration.event.title},
        template="events/email/registered.txt",
        base_url=base_url,
        calendar=True,
        qr=True,
    )


@transaction.atomic
def register(
    *,
    event: Event,
    name: str,
    email: str,
    organisation_name: str = "",
    user: User | None = None,
    base_url: str | None = None,
    now: datetime | None = None,
) -> Registration:
    """Register for an event. With an account the place is given at once; without, the e-mail address is confirmed by
    a link first (no account is made) and the place is given then. A full event puts the person on the waiting list.
    An address registers once per event."""
    now = now or timezone.now()
    locked = Event.objects.select_for_update().get(pk=event.pk)
    _refuse_closed(locked, now)
    email = email.strip().lower()
    if locked.registrations.active().filter(email=email).exists():
        raise ValidationError(
            {
                "email": _(
                    "Met dit e-mailadres bent u al aangemeld voor deze bijeenkomst. Kijk in uw mail voor de link om "
                    "uw aanmelding te bekijken of af te melden."
                )
            }
        )
    registration = Registration(
        event=locked,
        user=user,
        name=name.strip(),
        email=email,
        organisation_name=organisation_name.strip(),
        status=Status.PENDING,
        registered_at=now,
    )
    registration.full_clean(exclude=["event", "user", "checkin_code"])
    registration.save()
    audit.record(actor=user, action="registration.created", target=registration, event=locked.pk)
    if user is None:
        _mail(
            registration,
            key=f"event-confirm-email:{registration.pk}",
            subject=_("Bevestig uw aanmelding: %(title)s") % {"title": locked.title},
            template="events/email/confirm_email.txt",
            base_url=base_url,
        )
        return registration
    return _place(locked, registration, now, base_url)


@transaction.atomic
def confirm_email(*, registration: Registration, base_url: str | None = None, now: datetime | None = None):
    """The person clicked the link in the first mail: the address is theirs, so they get a place or a spot on the
    waiting list now. Clicking again changes nothing."""
    now = now or timezone.now()
    locked_event = Event.objects.select_for_update().get(pk=registration.event_id)
    locked = Registration.objects.select_related("event").get(pk=registration.pk)
    if locked.status != Status.PENDING:
        return locked
    _refuse_closed(locked_event, now)
    audit.record(actor=None, action="registration.email_confirmed", target=locked)
    return _place(locked_event, locked, now, base_url)


@transaction.atomic
def cancel_registration(
    *, registration: Registration, cancelled_by: User | None = None, base_url: str | None = None, now=None
) -> Registration:
    """Cancel a registration (by its link, by the person, or by the organiser); a place it held goes to the first
    person on the waiting list. Reminders that wait are withdrawn."""
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    locked = Registration.objects.select_related("event").get(pk=registration.pk)
    if locked.status in (Status.CANCELLED, Status.EXPIRED):
        return locked
    if event.ends_at < now:
        raise ValidationError(_("Deze bijeenkomst is al voorbij."))
    held = locked.status in (Status.CONFIRMED, Status.OFFERED)
    locked.status, locked.cancelled_at = Status.CANCELLED, now
    locked.save(update_fields=["status", "cancelled_at"])
    mail.cancel_waiting(key_prefix=f"event-reminder:{event.pk}:{locked.pk}:")
    audit.record(actor=cancelled_by, action="registration.cancelled", target=locked, event=event.pk)
    _mail(
        locked,
        key=f"event-cancelled-registration:{locked.pk}",
        subject=_("Afgemeld: %(title)s") % {"title": event.title},
        template="events/email/registration_cancelled.txt",
        base_url=base_url,
    )
    if held:
        _offer_free_places(event, base_url=base_url, now=now)
    return locked


def _offer_free_places(event: Event, *, base_url: str | None, now: datetime | None = None) -> int:
    """Offer free places to the first people on the waiting list (the event row must be locked). An offer lasts
    EVENT_OFFER_HOURS, but never past the registration deadline."""
    now = now or timezone.now()
    if event.is_cancelled or now >= event.deadline:
        return 0
    if event.capacity is None:
        free = event.registrations.filter(status=Status.WAITING).count()
    else:
        free = event.capacity - event.registrations.holding_a_place(now).count()
    if free <= 0:
        return 0
    expires = min(now + timedelta(hours=settings.EVENT_OFFER_HOURS), event.deadline)
    offered = list(event.registrations.filter(status=Status.WAITING).order_by("waiting_since", "pk")[:free])
    for registration in offered:
        registration.status, registration.offered_at, registration.offer_expires_at = Status.OFFERED, now, expires
        registration.save(update_fields=["status", "offered_at", "offer_expires_at"])
        audit.record(actor=None, action="registration.offered", target=registration, until=expires.isoformat())
        _mail(
            registration,
            key=f"event-offer:{registration.pk}:{now:%Y%m%dT%H%M%S}",
            subject=_("Er is een plaats voor u: %(title)s") % {"title": event.title},
            template="events/email/offer.txt",
            base_url=base_url,
            extra={"expires": date_format(timezone.localtime(expires), "l j F Y H:i")},
        )
    return len(offered)


@transaction.atomic
def accept_offer(*, registration: Registration, base_url: str | None = None, now=None) -> Registration:
    """Take the offered place (by the link in the offer mail) while the offer holds."""
    now = now or timezone.now()
    Event.objects.select_for_update().get(pk=registration.event_id)
    locked = Registration.objects.select_related("event").get(pk=registration.pk)
    if locked.status == Status.CONFIRMED:
        return locked
    if locked.status != Status.OFFERED or locked.offer_expires_at is None or locked.offer_expires_at <= now:
        raise ValidationError(
            _(
                "Dit aanbod is verlopen; de plaats is aan de volgende op de wachtlijst aangeboden. U kunt zich opnieuw "
                "aanmelden."
            )
        )
    locked.status, locked.confirmed_at = Status.CONFIRMED, now
    locked.save(update_fields=["status", "confirmed_at"])
    audit.record(actor=locked.user, action="registration.offer_accepted", target=locked)
    _mail_place(locked, base_url)
    return locked


def expire_waiting_list_offers(*, now: datetime | None = None, base_url: str | None = None) -> int:
    """Periodic (every few minutes): offers not accepted in time expire and pass to the next person; addresses never
    confirmed are forgotten after EVENT_PENDING_DAYS. Safe to run twice at once: each event is handled with its row
    locked and a re-run finds nothing left to do. Returns the number of offers that expired."""
    now = now or timezone.now()
    expired = 0
    event_ids = set(
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list("event_id", flat=True)
    )
    for event_id in sorted(event_ids):
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            due = list(event.registrations.filter(status=Status.OFFERED, offer_expires_at__lte=now))
            for registration in due:
                registration.status = Status.EXPIRED
                registration.save(update_fields=["status"])
                audit.record(actor=None, action="registration.offer_expired", target=registration)
                _mail(
                    registration,
                    key=f"event-offer-expired:{registration.pk}",
                    subject=_("Aanbod verlopen: %(title)s") % {"title": event.title},
                    template="events/email/offer_expired.txt",
                    base_url=base_url,
                    priority=mail.Priority.NOTICE,
                )
            expired += len(due)
            _offer_free_places(event, base_url=base_url, now=now)
    forget = now - timedelta(days=settings.EVENT_PENDING_DAYS)
    Registration.objects.filter(status=Status.PENDING, registered_at__lt=forget).delete()
    return expired


def send_due_reminders(*, now: datetime | None = None, base_url: str | None = None) -> int:
    """Periodic (hourly): the reminder that is due for each confirmed place, computed from the event's current start,
    so a moved event gets reminders for its new date. Only the latest due reminder goes out (a job that was down does
    not send "in 7 days" and "tomorrow" at once), only to people who had their place before it was due, never to people
    who cancelled; the outbox key makes a second run send nothing. Returns the number of mails queued."""
    now = now or timezone.now()
    events = list(
        Event.objects.filter(
            status=Event.Status.PUBLISHED, starts_at__gt=now, starts_at__lte=now + timedelta(days=61)
        ).select_related("municipality")
    )
    queued = 0
    for event in events:
        due_days = sorted(d for d in event.reminder_days if event.starts_at - timedelta(days=d) <= now)
        if not due_days:
            continue
        days = due_days[0]  # the latest reminder that is due (the fewest days before)
        due_at = event.starts_at - timedelta(days=days)
        registrations = list(
            event.registrations.filter(status=Status.CONFIRMED, confirmed_at__lte=due_at).select_related("event")
        )
        keys = {r.pk: f"event-reminder:{event.pk}:{r.pk}:{event.starts_at:%Y%m%dT%H%M}:{days}" for r in registrations}
        sent = set(OutboxMessage.objects.filter(key__in=keys.values()).values_list("key", flat=True))
        for registration in registrations:
            if keys[registration.pk] in sent:
                continue
            with transaction.atomic(), override(settings.LANGUAGE_CODE):
                _mail(
                    registration,
                    key=keys[registration.pk],
                    subject=_("Herinnering: %(title)s, %(when)s") % {"title": event.title, "when": when_label(event)},
                    template="events/email/reminder.txt",
                    base_url=base_url,
                    extra={"days": (timezone.localdate(event.starts_at) - timezone.localdate(now)).days},
                    calendar=True,
                    priority=mail.Priority.NOTICE,
                )
            queued += 1
    return queued


# -- attendance -----------------------------------------------------------------------------------------------------


@transaction.atomic
def check_in(*, registration: Registration, checked_in_by: User, now: datetime | None = None) -> Registration:
    """Mark a person present (the organiser scanned their QR code or tapped their name). Only people with a place."""
    locked = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    if locked.status != Status.CONFIRMED:
        raise ValidationError(
            _("%(name)s heeft geen plaats (%(status)s).") % {"name": locked.name, "status": locked.get_status_display()}
        )
    if locked.attended_at is None:
        locked.attended_at, locked.checked_in_by = now or timezone.now(), checked_in_by
        locked.save(update_fields=["attended_at", "checked_in_by"])
        audit.record(actor=checked_in_by, action="registration.checked_in", target=locked)
    return locked


@transaction.atomic
def undo_check_in(*, registration: Registration, undone_by: User) -> Registration:
    """Take back a check-in that was a mistake."""
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.attended_at is not None:
        locked.attended_at, locked.checked_in_by = None, None
        locked.save(update_fields=["attended_at", "checked_in_by"])
        audit.record(actor=undone_by, action="registration.check_in_undone", target=locked)
    return locked


# -- personal feed --------------------------------------------------------------------------------------------------


@transaction.atomic
def personal_feed(*, user: User) -> PersonalFeed:
    """The person's feed secret, made the first time it is asked for."""
    feed, _created = PersonalFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def renew_personal_feed(*, user: User) -> PersonalFeed:
    """A new secret address for the person's feed; the old address stops working at once."""
    feed, _created = PersonalFeed.objects.get_or_create(user=user)
    feed.key = uuid.uuid4()
    feed.save(update_fields=["key"])
    audit.record(actor=user, action="event_feed.renewed", target=user)
    return feed
