"""Reads for the agenda's pages, each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import ExtractYear, Lower
from django.utils import timezone
from django.utils.formats import date_format

from alliantie.core.models import Challenge, Province
from alliantie.events import links, permissions
from alliantie.events.models import Event, EventKind, Registration
from alliantie.partners.models import Organisation

PAGE_SIZE = 20
Status = Registration.Status


def _report_model():
    """The kennisbank item that reports on an event (the knowledge app comes after this one; reached through the
    relation it declares, not imported)."""
    return Event._meta.get_field("reports").related_model


def _with_counts(events, now: datetime):
    holding = Q(registrations__status=Status.CONFIRMED) | Q(
        registrations__status=Status.OFFERED, registrations__offer_expires_at__gt=now
    )
    return events.annotate(
        taken=Count("registrations", filter=holding, distinct=True),
        waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING), distinct=True),
        attended=Count("registrations", filter=Q(registrations__attended_at__isnull=False), distinct=True),
    )


def _with_report(events, user):
    Item = _report_model()
    reports = Item.objects.filter(event=OuterRef("pk"), status="published")
    if not permissions.audiences_for(user)[1:]:
        reports = reports.filter(visibility="public")
    return events.annotate(report_slug=Subquery(reports.order_by("-published_at").values("slug")[:1]))


@dataclass
class AgendaFilters:
    kind: str = ""
    challenge: Challenge | None = None
    province: Province | None = None
    month: date | None = None
    past: bool = False


def filtered_events(user, filters: AgendaFilters, now: datetime | None = None):
    """The events the user may see, narrowed by the agenda's filters (month or past, kind, opgave, province)."""
    now = now or timezone.now()
    events = permissions.visible_events(user)
    if filters.month:
        start = timezone.make_aware(datetime.combine(filters.month.replace(day=1), time.min))
        following = (filters.month.replace(day=1) + timedelta(days=32)).replace(day=1)
        end = timezone.make_aware(datetime.combine(following, time.min))
        events = events.filter(starts_at__gte=start, starts_at__lt=end)
    elif filters.past:
        events = events.past(now)
    else:
        events = events.upcoming(now)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.challenge:
        events = events.filter(
            pk__in=Event.challenges.through.objects.filter(challenge=filters.challenge).values("event_id")
        )
    if filters.province:
        events = events.filter(municipality__province=filters.province)
    return events


def agenda(user, filters: AgendaFilters, page_number: object, now: datetime | None = None) -> dict:
    """The agenda's page: upcoming events (or past ones, with their report), filtered, with free places."""
    now = now or timezone.now()
    events = filtered_events(user, filters, now)
    order = ("-starts_at", "-pk") if filters.past else ("starts_at", "pk")
    page: Page = Paginator(events.order_by(*order).values_list("pk", flat=True), PAGE_SIZE).get_page(page_number)
    ids = list(page.object_list)
    rows = _with_report(
        _with_counts(Event.objects.filter(pk__in=ids), now).select_related("municipality"), user
    ).prefetch_related(
        Prefetch("challenges", queryset=Challenge.objects.only("pk", "name", "slug", "number").order_by("number"))
    )
    by_pk = {event.pk: event for event in rows}
    page.object_list = [_card(by_pk[pk]) for pk in ids]
    return {"page": page}


@dataclass
class EventCard:
    event: Event
    when: str
    challenges: list
    free: int | None
    report_slug: str | None


def _card(event: Event) -> EventCard:
    free = None if event.capacity is None else max(0, event.capacity - event.taken)
    return EventCard(event, when_label(event), list(event.challenges.all()), free, event.report_slug)


def event_detail(user, event: Event, now: datetime | None = None) -> dict:
    """An event with who organises it, its places, the visitor's own registration and what the visitor may do."""
    now = now or timezone.now()
    counted = _with_report(_with_counts(Event.objects.filter(pk=event.pk), now), user).values(
        "taken", "waiting", "attended", "report_slug"
    )[0]
    mine = None
    if user.is_authenticated:
        mine = event.registrations.filter(user=user, status__in=Registration.ACTIVE).order_by("-registered_at").first()
    can_manage = permissions.can_manage_event(user, event)
    free = None if event.capacity is None else max(0, event.capacity - counted["taken"])
    return {
        "event": event,
        "when": when_label(event),
        "organisers": list(event.organisers.order_by(Lower("name")).only("name", "slug")),
        "challenges": list(event.challenges.order_by("number")),
        "taken": counted["taken"],
        "waiting": counted["waiting"],
        "attended": counted["attended"],
        "free": free,
        "report_slug": counted["report_slug"],
        "mine": mine,
        "mine_position": waiting_position(mine) if mine else None,
        "mine_manage_url": links.manage_url(mine) if mine else "",
        "show_online_link": bool(event.online_url) and (can_manage or (mine is not None and mine.has_place)),
        "can_manage": can_manage,
        "can_register": permissions.can_register(user, event) and event.registration_open and mine is None,
    }


def registrations_overview(event: Event, now: datetime | None = None) -> dict:
    """The organiser's list: everyone who registered, by status, with the waiting list in its order."""
    now = now or timezone.now()
    rows = list(event.registrations.select_related("user").order_by("registered_at", "pk"))
    waiting = sorted((r for r in rows if r.status == Status.WAITING), key=lambda r: (r.waiting_since, r.pk))
    positions = {r.pk: i for i, r in enumerate(waiting, start=1)}
    for row in rows:
        row.position = positions.get(row.pk)
        row.offer_running = row.status == Status.OFFERED and row.offer_expires_at and row.offer_expires_at > now
    counts = {label: 0 for _value, label in Status.choices}
    for row in rows:
        counts[row.get_status_display()] += 1
    return {
        "registrations": rows,
        "counts": [(label, n) for label, n in counts.items() if n],
        "attended": sum(1 for r in rows if r.attended_at),
        "with_place": sum(1 for r in rows if r.status == Status.CONFIRMED),
    }


EXPORT_HEADER = ["Naam", "E-mailadres", "Organisatie", "Status", "Plaats op wachtlijst", "Aangemeld op", "Aanwezig"]


def registration_rows(event: Event) -> list[list]:
    """The export: one row per registration, dates in Amsterdam time."""
    overview = registrations_overview(event)
    return [
        [
            r.name,
            r.email,
            r.organisation_name,
            r.get_status_display(),
            r.position or "",
            timezone.localtime(r.registered_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(r.attended_at).strftime("%Y-%m-%d %H:%M") if r.attended_at else "",
        ]
        for r in overview["registrations"]
    ]


def checkin_list(event: Event, query: str = "") -> dict:
    """Who has a place, for the check-in list on a phone: present ones last, a name filter."""
    rows = event.registrations.filter(status=Status.CONFIRMED)
    if query.strip():
        rows = rows.filter(Q(name__icontains=query.strip()[:100]) | Q(organisation_name__icontains=query.strip()[:100]))
    rows = list(rows.order_by(Lower("name"), "pk"))
    total = event.registrations.filter(status=Status.CONFIRMED).aggregate(
        places=Count("pk"), present=Count("pk", filter=Q(attended_at__isnull=False))
    )
    return {"rows": rows, "places": total["places"], "present": total["present"], "query": query.strip()[:100]}


def my_registrations(user) -> dict:
    """The person's registrations, upcoming first, with links to manage each."""
    rows = list(
        Registration.objects.filter(user=user)
        .exclude(status=Status.EXPIRED)
        .select_related("event__municipality")
        .order_by("-event__starts_at")[:200]
    )
    now = timezone.now()
    upcoming = [r for r in rows if r.event.ends_at >= now and r.status != Status.CANCELLED]
    upcoming.reverse()
    for row in rows:
        row.manage_url = links.manage_url(row)
        row.when = when_label(row.event)
    return {"upcoming": upcoming, "earlier": [r for r in rows if r not in upcoming]}


def feed_events(user, *, kind: str = "", challenge: Challenge | None = None, limit: int = 500) -> list[Event]:
    """Events for a public calendar feed: from three months ago on, cancelled ones too (so calendars drop them)."""
    events = permissions.visible_events(user).filter(ends_at__gte=timezone.now() - timedelta(days=92))
    if kind:
        events = events.filter(kind=kind)
    if challenge:
        events = events.filter(pk__in=Event.challenges.through.objects.filter(challenge=challenge).values("event_id"))
    return list(events.select_related("municipality").order_by("starts_at", "pk")[:limit])


def upcoming_for_atom(user, limit: int = 50) -> list[Event]:
    """The next events the user may see, for the Atom feed."""
    return list(
        permissions.visible_events(user).upcoming().select_related("municipality").order_by("starts_at", "pk")[:limit]
    )


def personal_feed_events(user) -> list[Event]:
    """The events a person holds a place for (or is waiting for), from three months ago on."""
    ids = Registration.objects.filter(user=user, status__in=[Status.CONFIRMED, Status.OFFERED, Status.WAITING]).values(
        "event_id"
    )
    return list(
        Event.objects.filter(pk__in=ids, ends_at__gte=timezone.now() - timedelta(days=92))
        .select_related("municipality")
        .order_by("starts_at", "pk")
    )


def has_place_in_all(user, events: list[Event]) -> bool:
    """Whether the user has a confirmed place at every one of these events (a series)."""
    confirmed = set(
        Registration.objects.filter(user=user, status=Status.CONFIRMED, event__in=events).values_list(
            "event_id", flat=True
        )
    )
    return all(e.pk in confirmed for e in events)


@dataclass
class YearFigures:
    year: int
    held: int
    people: int


def kenniskring_series(user) -> dict:
    """Every kenniskring, newest first, with its report; and per year how many were held and how many people came."""
    now = timezone.now()
    events = (
        _with_report(_with_counts(permissions.visible_events(user).filter(kind=EventKind.KENNISKRING), now), user)
        .select_related("municipality")
        .order_by("-starts_at", "-pk")
    )
    rows = [_card(event) for event in events[:200]]
    return {"editions": rows, "figures": figures_per_year(EventKind.KENNISKRING)}


def figures_per_year(kind: str = "") -> list[YearFigures]:
    """Held events (not cancelled, ended) per year and the people who attended them: the dashboard's figures."""
    events = Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__lt=timezone.now())
    if kind:
        events = events.filter(kind=kind)
    held = dict(
        events.annotate(year=ExtractYear("starts_at")).values("year").annotate(n=Count("pk")).values_list("year", "n")
    )
    people = dict(
        Registration.objects.filter(event__in=events, attended_at__isnull=False)
        .annotate(year=ExtractYear("event__starts_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    return [YearFigures(year, held[year], people.get(year, 0)) for year in sorted(held, reverse=True)]


def organiser_choices(names: list[str]) -> tuple[list[Organisation], list[str]]:
    """Partners by exact name (case-insensitive); the names that match none."""
    found, unknown = [], []
    for name in names:
        organisation = Organisation.objects.partners().filter(name__iexact=name.strip()).first()
        if organisation is None:
            unknown.append(name)
        else:
            found.append(organisation)
    return found, unknown


def registration_context(registration: Registration) -> dict:
    """What the page behind a mail link shows: the status, the position, and the online link with a place."""
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "when": when_label(event),
        "position": waiting_position(registration),
        "show_online_link": registration.has_place and bool(event.online_url),
    }


def when_label(event: Event) -> str:
    """ "dinsdag 10 maart 2026, 14:00–16:00" in Amsterdam time, in the active language."""
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    day = date_format(start, "l j F Y")
    if start.date() == end.date():
        return f"{day}, {start:%H:%M}–{end:%H:%M}"
    return f"{day} {start:%H:%M} – {date_format(end, 'l j F Y')} {end:%H:%M}"


def people_to_tell(event: Event) -> list[Registration]:
    """Everyone who is registered (with a place, an offer or on the waiting list): they hear of a move or a
    cancellation."""
    return list(
        event.registrations.filter(status__in=[Status.CONFIRMED, Status.OFFERED, Status.WAITING]).order_by(
            "registered_at", "pk"
        )
    )


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list; None when not on it."""
    if registration.status != Status.WAITING:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=Status.WAITING).filter(
        Q(waiting_since__lt=registration.waiting_since)
        | Q(waiting_since=registration.waiting_since, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def yearly_count(kind: str):
    """A function year -> how many events of this kind took place or are planned that year, not cancelled."""

    def count(year: int) -> int:
        return Event.objects.filter(kind=kind, status=Event.Status.PUBLISHED, starts_at__year=year).count()

    return count
