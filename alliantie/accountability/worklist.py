"""The project team's worklist: partners to contact, each with the reasons why.

A reason is a condition on an organisation; a new one (no answer to the latest monitor, for instance) is one more
entry in `reason_conditions` (and one more flag on `WorklistEntry`).

Working out every condition for every partner took most of a second at national scale, so the page reads a summary:
one `WorklistEntry` per partner with its reasons for a day, and `WorklistCount` with the numbers per reason. The
services that change a partner's data refresh its entry and the counts in their transaction
(`core.summaries.organisations_changed`); the periodic job `tellingen` rebuilds both on every new day. The page uses
the summary only when it was rebuilt for today, and otherwise works everything out as before (`_live_worklist`),
which is also the full recount the tests compare the summary with."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from alliantie.accountability.models import ContactMoment, WorklistCount, WorklistEntry
from alliantie.activities.models import Activity
from alliantie.core.dates import long_date
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

# The reasons with a column of their own in the summary; the ones added below are kept in WorklistEntry.extra_reasons.
BUILT_IN_REASONS = tuple(REASONS)

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
    last_contact_text: str = ""  # "3 december 2026" or "nog nooit", written once here rather than per row in the page
    contact_log_url: str = ""


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


def _has_reason(code: str) -> Q:
    """Entries of the summary that have this reason: a column of its own, or a mark in `extra_reasons`."""
    if code in BUILT_IN_REASONS:
        return Q(**{_flag(code): True})
    return Q(extra_reasons__contains=f",{code},")


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
    """One page of the worklist, with the number of partners per reason: from the summary when it was rebuilt for
    today (three queries: the counts, the page, the ending activities of its partners), otherwise worked out."""
    today = today or timezone.localdate()
    counts = {(c.include_recent, c.reason): c for c in WorklistCount.objects.all()}
    if counts and all(c.computed_on == today for c in counts.values()):
        return _summary_worklist(filters, page_number, today, counts)
    return _live_worklist(filters, page_number, today)


def _visible(filters: WorklistFilters) -> Q:
    """Entries on the list before the reason filter: those spoken to recently only with a follow-up due."""
    visible = Q(on_list=True)
    if not filters.include_recently_contacted:
        visible &= Q(recently_contacted=False) | Q(reason_vervolg=True)
    if filters.query:
        visible &= Q(name__icontains=filters.query)
    return visible


def _summary_worklist(filters: WorklistFilters, page_number: object, today: date, counts: dict) -> dict:
    visible = WorklistEntry.objects.filter(_visible(filters))
    if filters.query:  # a name search counts the few entries it finds
        found = visible.aggregate(
            any=Count("pk"), **{_flag(code): Count("pk", filter=_has_reason(code)) for code in REASONS}
        )
        per_reason = {code: found[_flag(code)] for code in REASONS} | {"": found["any"]}
    else:
        per_reason = {code: counts[(filters.include_recently_contacted, code)].n for code in [*REASONS, ""]}
    chosen = filters.reason if filters.reason in REASONS else ""
    if chosen:
        visible = visible.filter(_has_reason(chosen))
    ordered = visible.select_related("organisation__sector", "organisation__scope").order_by(
        "-reason_vervolg", "last_contact_on", Lower("name"), "pk"
    )
    page = _page(ordered, page_number, per_reason[chosen])
    organisations = []
    for entry in page.object_list:
        organisation = entry.organisation
        for name in ("last_contact_on", "follow_up_on", *(_flag(code) for code in BUILT_IN_REASONS)):
            setattr(organisation, name, getattr(entry, name))
        for code in EXTRA_REASONS:
            setattr(organisation, _flag(code), f",{code}," in entry.extra_reasons)
        organisations.append(organisation)
    page.object_list = _rows(organisations, today)
    return {"page": page, "counts": {code: per_reason[code] for code in REASONS}}


def _page(ordered: QuerySet, page_number: object, total: int) -> Page:
    """A page of `ordered` whose total is known already (the counts), so the paginator does not count again."""
    paginator = Paginator(ordered, PAGE_SIZE)
    paginator.count = total  # a cached_property: set, it is not computed
    page = paginator.get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def _live_worklist(filters: WorklistFilters, page_number: object, today: date) -> dict:
    """The worklist worked out from the data for `today`; four queries."""
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
    """How many partners the worklist shows without a filter: the summary's count when it is of today, otherwise
    worked out; one query."""
    today = today or timezone.localdate()
    count = WorklistCount.objects.filter(include_recent=False, reason="").first()
    if count is not None and count.computed_on == today:
        return count.n
    conditions = reason_conditions(today)
    chosen = Q()
    for condition in conditions.values():
        chosen |= condition
    return _on_list(today, WorklistFilters(), conditions).filter(chosen).count()


# The summary -----------------------------------------------------------------------------------------------------

ENTRY_FIELDS = ["recently_contacted", "last_contact_on", "follow_up_on", *(_flag(code) for code in BUILT_IN_REASONS)]


def _worked_out(today: date, ids: set[int] | None = None) -> list[WorklistEntry]:
    """The entries of the partners among `ids` (all partners when None), worked out from the data for `today`."""
    recent = today - timedelta(days=settings.WORKLIST_RECENT_CONTACT_DAYS)
    partners = _annotated(reason_conditions(today)).annotate(
        recently_contacted=Exists(ContactMoment.objects.filter(organisation=OuterRef("pk"), happened_on__gte=recent))
    )
    if ids is not None:
        partners = partners.filter(pk__in=ids)
    entries = []
    extra = [_flag(code) for code in EXTRA_REASONS]
    for row in partners.order_by().values("pk", "name", *ENTRY_FIELDS, *extra):
        # A condition on an empty field (a partner without a joining date) is NULL in SQL: not a reason, as on the
        # page, where such a partner is not listed.
        marked = [code for code in EXTRA_REASONS if row.pop(_flag(code))]
        row.update({_flag(code): bool(row[_flag(code)]) for code in BUILT_IN_REASONS})
        entry = WorklistEntry(organisation_id=row.pop("pk"), **row)
        entry.extra_reasons = "".join(f",{code}," for code in marked)
        entry.on_list = bool(marked) or any(getattr(entry, _flag(code)) for code in BUILT_IN_REASONS)
        entries.append(entry)
    return entries


def _tally(entries: QuerySet[WorklistEntry]) -> dict[tuple[bool, str], int]:
    """Per reason and for any reason, without and with the partners spoken to recently: how many entries are on the
    list (one query)."""
    shown = {False: Q(on_list=True) & (Q(recently_contacted=False) | Q(reason_vervolg=True)), True: Q(on_list=True)}
    aggregates = {}
    for include, visible in shown.items():
        aggregates[f"{include}:"] = Count("pk", filter=visible)
        for code in REASONS:
            aggregates[f"{include}:{code}"] = Count("pk", filter=visible & _has_reason(code))
    found = entries.aggregate(**aggregates)
    return {(include, reason): found[f"{include}:{reason}"] for include in shown for reason in [*REASONS, ""]}


def _locked_counts() -> dict[tuple[bool, str], WorklistCount]:
    """The count rows, locked: refreshes of the summary take their turn, so each recount sees the others' entries."""
    return {
        (c.include_recent, c.reason): c
        for c in WorklistCount.objects.select_for_update().order_by("include_recent", "reason")
    }


def _store_counts(counts: dict[tuple[bool, str], WorklistCount], today: date) -> None:
    tally = _tally(WorklistEntry.objects.all())
    for key, count in counts.items():
        count.n, count.computed_on = tally[key], today
    WorklistCount.objects.bulk_update(list(counts.values()), ["n", "computed_on"])


# Above this many organisations at once (a monitor round opening), the summary is rebuilt rather than refreshed.
REFRESH_LIMIT = 1000


@transaction.atomic
def refresh_entries(ids: set[int], today: date | None = None) -> None:
    """Bring the entries of these organisations and the counts up to date (called by the services, through
    core.summaries). Does nothing while the summary is not rebuilt for today: the page works it out then."""
    today = today or timezone.localdate()
    counts = _locked_counts()
    if len(counts) != 2 * (len(REASONS) + 1) or any(c.computed_on != today for c in counts.values()):
        return
    if len(ids) > REFRESH_LIMIT:
        rebuild_summary(today)
        return
    WorklistEntry.objects.filter(pk__in=ids).delete()
    WorklistEntry.objects.bulk_create(_worked_out(today, ids))
    _store_counts(counts, today)


@transaction.atomic
def rebuild_summary(today: date | None = None) -> str:
    """Work out every partner's entry and every count again, for today."""
    today = today or timezone.localdate()
    for include in (False, True):
        for reason in [*REASONS, ""]:
            WorklistCount.objects.get_or_create(include_recent=include, reason=reason)
    counts = _locked_counts()
    entries = _worked_out(today)
    WorklistEntry.objects.all().delete()
    WorklistEntry.objects.bulk_create(entries, batch_size=2000)
    _store_counts(counts, today)
    return f"{sum(e.on_list for e in entries)} van {len(entries)} partners op de werklijst"


def rebuild_if_new_day() -> str:
    """The periodic job's part: rebuild the summary when it is not of today (or was never built)."""
    today = timezone.localdate()
    if WorklistCount.objects.exists() and not WorklistCount.objects.exclude(computed_on=today).exists():
        return "werklijst is van vandaag"
    return rebuild_summary(today)


def summary_matches_recount(today: date | None = None) -> bool:
    """Whether the stored entries and counts equal a full recount (the tests' check after every kind of change)."""
    today = today or timezone.localdate()
    fresh = {e.organisation_id: e for e in _worked_out(today)}
    stored = {e.organisation_id: e for e in WorklistEntry.objects.all()}
    fields = ["name", "on_list", *ENTRY_FIELDS]
    if fresh.keys() != stored.keys() or any(
        getattr(fresh[pk], f) != getattr(stored[pk], f) for pk in fresh for f in fields
    ):
        return False
    tally = _tally(WorklistEntry.objects.all())
    return all(c.n == tally[(c.include_recent, c.reason)] for c in WorklistCount.objects.all())


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
    texts = _texts()
    # One reverse for the list: the contact log's address differs only by the slug (ASCII, safe in a path).
    contact_log = reverse("accountability:contact-log", kwargs={"slug": "-"}).removesuffix("-/")
    return [
        WorklistRow(
            organisation=o,
            reasons=_explain(o, today, ending.get(o.pk, []), texts),
            reporting=reporting_status(o, today),
            last_contact_on=o.last_contact_on,
            follow_up_overdue=bool(o.reason_vervolg and o.follow_up_on and o.follow_up_on < today),
            ending_activities=ending.get(o.pk, []),
            last_contact_text=long_date(o.last_contact_on) if o.last_contact_on else texts["never_spoken"],
            contact_log_url=f"{contact_log}{o.slug}/",
        )
        for o in organisations
    ]


def _texts() -> dict[str, str]:
    """The reasons' sentences, translated once per list rather than once per row."""
    return {
        "today": _("Vervolg afgesproken voor vandaag."),
        "pledge": _("De belofte is niet ondertekend."),
        "since": _("Geen nieuwe activiteit of voortgang sinds %(date)s (%(months)s maanden)."),
        "never": _("Nog nooit een activiteit of voortgang gemeld; partner sinds %(date)s."),
        "nominee": _("Partner sinds %(date)s en nog geen nieuwe partner voorgedragen."),
        "monitor": _("Geen antwoorden ingediend op de laatste monitor."),
        "ending": _("Activiteit “%(title)s” eindigt op %(date)s."),
        "never_spoken": _("nog nooit"),
    }


def _explain(o: Organisation, today: date, ending: list[Activity], texts: dict[str, str] | None = None) -> list[str]:
    """The reasons in plain Dutch, most urgent first."""
    texts = texts or _texts()
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
                % {"date": long_date(o.follow_up_on), "days": late}
            )
        else:
            reasons.append(texts["today"])
    if o.reason_geen_belofte:
        reasons.append(texts["pledge"])
    if o.reason_geen_update:
        if o.last_reported_at:
            last = timezone.localdate(o.last_reported_at)
            reasons.append(texts["since"] % {"date": long_date(last), "months": (today - last).days // 30})
        else:
            reasons.append(texts["never"] % {"date": long_date(o.joined_on)})
    if o.reason_geen_voordracht:
        reasons.append(texts["nominee"] % {"date": long_date(o.joined_on)})
    if getattr(o, "reason_geen_monitor", False):
        reasons.append(texts["monitor"])
    for code, (_condition, explain) in EXTRA_REASONS.items():
        if getattr(o, _flag(code), False):
            reasons.append(explain(o))
    for activity in ending:
        reasons.append(texts["ending"] % {"title": activity.title, "date": long_date(activity.ends_on)})
    return reasons
