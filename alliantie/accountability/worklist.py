"""The project team's worklist: partners to contact, each with the reasons why.

A reason is a condition on an organisation; a new one (no answer to the latest monitor, for instance) is one more
entry in `reason_conditions`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from alliantie.accountability.models import ContactMoment
from alliantie.activities.models import Activity
from alliantie.monitoring.models import Invitation as MonitorInvitation
from alliantie.monitoring.models import MonitorRound, Response
from alliantie.partners.models import Nomination, Organisation, Pledge
from alliantie.partners.reporting import Reporting, reporting_status

PAGE_SIZE = 50

REASONS = {
    "geen-update": gettext_lazy("Lang geen update"),
    "geen-voordracht": gettext_lazy("Nog niemand voorgedragen"),
    "geen-belofte": gettext_lazy("Belofte niet ondertekend"),
    "activiteit-loopt-af": gettext_lazy("Activiteit loopt af"),
    "vervolg": gettext_lazy("Afgesproken vervolg"),
    "geen-monitor": gettext_lazy("Monitor niet ingevuld"),
}

# Reasons that apps after this one add (reports: partners without ties to other partners), with register_reason:
# code → (condition for a day, the reason in plain Dutch for an organisation on the list).
EXTRA_REASONS: dict[str, tuple[Callable[[date], Q], Callable[[Organisation], str]]] = {}


def register_reason(code: str, label, condition: Callable[[date], Q], explain: Callable[[Organisation], str]) -> None:
    """Add a reason to the worklist from an app that may not be imported here (called in its AppConfig.ready)."""
    REASONS[code] = label
    EXTRA_REASONS[code] = (condition, explain)


@dataclass
class WorklistFilters:
    reason: str = ""
    query: str = ""
    include_recently_contacted: bool = False


@dataclass
class WorklistRow:
    organisation: Organisation
    reasons: list[str]
    reporting: Reporting | None
    last_contact_on: date | None
    ending_activities: list[Activity] = field(default_factory=list)
    follow_up_overdue: bool = False


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def reason_conditions(today: date) -> dict:
    """Per reason the condition that puts an active partner (or, for the pledge, any partner) on the list."""
    active = Q(status=Organisation.Status.ACTIVE)
    update_due = today - timedelta(days=settings.WORKLIST_NO_UPDATE_DAYS)
    spoken_since = ContactMoment.objects.filter(
        organisation=OuterRef("organisation"), happened_on__gte=OuterRef("follow_up_on")
    )
    due_follow_up = ContactMoment.objects.filter(organisation=OuterRef("pk"), follow_up_on__lte=today).exclude(
        Exists(spoken_since)
    )
    return {
        "geen-update": active
        & Q(joined_on__lte=update_due)
        & (Q(last_reported_at__isnull=True) | Q(last_reported_at__lt=_start_of(update_due))),
        "geen-voordracht": active
        & Q(joined_on__lte=today - timedelta(days=settings.WORKLIST_NO_NOMINEE_DAYS))
        & ~Exists(Nomination.objects.filter(nominated_by=OuterRef("pk"))),
        "geen-belofte": ~Exists(Pledge.objects.filter(organisation=OuterRef("pk"))),
        "activiteit-loopt-af": active & Exists(_ending_activities(today).filter(organisation=OuterRef("pk"))),
        "vervolg": Exists(due_follow_up),
        "geen-monitor": _no_monitor_answer(today),
        **{code: condition(today) for code, (condition, _explain) in EXTRA_REASONS.items()},
    }


def latest_monitor_round(today: date) -> MonitorRound | None:
    """The latest round that has closed, or is open and past its first reminder day."""
    rounds = MonitorRound.objects.exclude(status=MonitorRound.Status.DRAFT).filter(opens_on__lte=today)
    return rounds.order_by("-closes_on").first()


def _no_monitor_answer(today: date) -> Q:
    """Invited to the latest monitor round and did not submit (once it closed, or in its last two weeks)."""
    monitor_round = latest_monitor_round(today)
    if monitor_round is None or (today < monitor_round.closes_on - timedelta(days=14)):
        return Q(pk__isnull=True)  # no partner
    invited = MonitorInvitation.objects.filter(round=monitor_round, organisation=OuterRef("pk"))
    answered = Response.objects.filter(
        round=monitor_round, organisation=OuterRef("pk"), status=Response.Status.SUBMITTED
    )
    return Q(status=Organisation.Status.ACTIVE) & Exists(invited) & ~Exists(answered)


def _ending_activities(today: date) -> QuerySet[Activity]:
    return Activity.objects.filter(
        ends_on__gte=today, ends_on__lte=today + timedelta(days=settings.WORKLIST_ENDING_ACTIVITY_DAYS)
    )


def _annotated(conditions: dict) -> QuerySet[Organisation]:
    last_contact = ContactMoment.objects.filter(organisation=OuterRef("pk")).order_by("-happened_on")
    follow_up = (
        ContactMoment.objects.filter(organisation=OuterRef("pk"), follow_up_on__isnull=False)
        .order_by("-follow_up_on")
        .values("follow_up_on")[:1]
    )
    return Organisation.objects.partners().annotate(
        last_contact_on=Subquery(last_contact.values("happened_on")[:1]),
        follow_up_on=Subquery(follow_up),
        **{_flag(code): ExpressionWrapper(cond, output_field=BooleanField()) for code, cond in conditions.items()},
    )


def _flag(code: str) -> str:
    return "reason_" + code.replace("-", "_")


def _on_list(today: date, filters: WorklistFilters, conditions: dict) -> QuerySet[Organisation]:
    """The partners the team should contact, before the reason filter."""
    partners = _annotated(conditions)
    if not filters.include_recently_contacted:
        recent = today - timedelta(days=settings.WORKLIST_RECENT_CONTACT_DAYS)
        spoken_recently = Exists(ContactMoment.objects.filter(organisation=OuterRef("pk"), happened_on__gte=recent))
        partners = partners.filter(~spoken_recently | conditions["vervolg"])
    if filters.query:
        partners = partners.filter(name__icontains=filters.query)
    return partners


def worklist(filters: WorklistFilters, page_number: object, today: date | None = None) -> dict:
    """One page of the worklist, with the number of partners per reason; four queries."""
    today = today or timezone.localdate()
    conditions = reason_conditions(today)  # built once; the annotations, counts and filter all use it
    partners = _on_list(today, filters, conditions)
    counts = partners.aggregate(**{_flag(code): Count("pk", filter=cond) for code, cond in conditions.items()})
    if filters.reason in conditions:
        chosen = conditions[filters.reason]
    else:
        chosen = Q()
        for condition in conditions.values():
            chosen |= condition
    ordered = (
        partners.filter(chosen)
        .select_related("sector", "scope")
        .order_by("-reason_vervolg", "last_contact_on", Lower("name"))
    )
    page: Page = Paginator(ordered, PAGE_SIZE).get_page(page_number)
    page.object_list = _rows(list(page.object_list), today)
    return {"page": page, "counts": {code: counts[_flag(code)] for code in REASONS}}


def worklist_size(today: date | None = None) -> int:
    """How many partners the worklist shows without a filter; one query."""
    today = today or timezone.localdate()
    conditions = reason_conditions(today)
    chosen = Q()
    for condition in conditions.values():
        chosen |= condition
    return _on_list(today, WorklistFilters(), conditions).filter(chosen).count()


def reasons_for(organisation: Organisation, today: date | None = None) -> WorklistRow | None:
    """Why the team should contact this organisation, as on the worklist; None when it is no partner."""
    today = today or timezone.localdate()
    found = list(_annotated(reason_conditions(today)).select_related("sector", "scope").filter(pk=organisation.pk))
    return _rows(found, today)[0] if found else None


def _rows(organisations: list[Organisation], today: date) -> list[WorklistRow]:
    ending: dict[int, list[Activity]] = {}
    flagged = [o.pk for o in organisations if o.reason_activiteit_loopt_af]
    if flagged:
        for activity in (
            _ending_activities(today).filter(organisation_id__in=flagged).order_by("ends_on", Lower("title"))
        ):
            ending.setdefault(activity.organisation_id, []).append(activity)
    return [
        WorklistRow(
            organisation=o,
            reasons=_explain(o, today, ending.get(o.pk, [])),
            reporting=reporting_status(o, today),
            last_contact_on=o.last_contact_on,
            follow_up_overdue=bool(o.reason_vervolg and o.follow_up_on and o.follow_up_on < today),
            ending_activities=ending.get(o.pk, []),
        )
        for o in organisations
    ]


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _explain(o: Organisation, today: date, ending: list[Activity]) -> list[str]:
    """The reasons in plain Dutch, most urgent first."""
    reasons = []
    if o.reason_vervolg and o.follow_up_on:
        late = (today - o.follow_up_on).days
        if late > 0:
            reasons.append(
                ngettext(
                    "Vervolg was afgesproken voor %(date)s: %(days)s dag over tijd.",
                    "Vervolg was afgesproken voor %(date)s: %(days)s dagen over tijd.",
                    late,
                )
                % {"date": _day(o.follow_up_on), "days": late}
            )
        else:
            reasons.append(_("Vervolg afgesproken voor vandaag."))
    if o.reason_geen_belofte:
        reasons.append(_("De belofte is niet ondertekend."))
    if o.reason_geen_update:
        if o.last_reported_at:
            last = timezone.localdate(o.last_reported_at)
            reasons.append(
                _("Geen nieuwe activiteit of voortgang sinds %(date)s (%(months)s maanden).")
                % {"date": _day(last), "months": (today - last).days // 30}
            )
        else:
            reasons.append(
                _("Nog nooit een activiteit of voortgang gemeld; partner sinds %(date)s.") % {"date": _day(o.joined_on)}
            )
    if o.reason_geen_voordracht:
        reasons.append(
            _("Partner sinds %(date)s en nog geen nieuwe partner voorgedragen.") % {"date": _day(o.joined_on)}
        )
    if getattr(o, "reason_geen_monitor", False):
        reasons.append(_("Geen antwoorden ingediend op de laatste monitor."))
    for code, (_condition, explain) in EXTRA_REASONS.items():
        if getattr(o, _flag(code), False):
            reasons.append(explain(o))
    for activity in ending:
        reasons.append(
            _("Activiteit “%(title)s” eindigt op %(date)s.") % {"title": activity.title, "date": _day(activity.ends_on)}
        )
    return reasons
