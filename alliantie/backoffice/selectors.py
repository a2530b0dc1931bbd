"""Reads for the platform pages."""

from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from alliantie.accounts.models import User
from alliantie.core import privacy
from alliantie.core.models import AuditEntry, BackgroundJob, OutboxMessage, PeriodicRun
from alliantie.partners.history import describe
from alliantie.partners.models import Organisation
from alliantie.schedule import JOBS

PAGE_SIZE = 50


def outbox_page(*, status: str, kind: str, address: str, page_number) -> dict:
    """One page of the outbox, newest first, with the counts per status (two queries and the page)."""
    messages = OutboxMessage.objects.all()
    if status:
        messages = messages.filter(status=status)
    if kind:
        messages = messages.filter(kind=kind)
    if address:
        messages = messages.filter(recipients__icontains=address.strip().lower()[:200])
    counts = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("pk")).order_by())
    page: Page = Paginator(
        messages.defer("body_text", "body_html", "attachments").order_by("-created_at", "-pk"), PAGE_SIZE
    ).get_page(page_number)
    page.object_list = list(page.object_list)
    kinds = list(OutboxMessage.objects.values_list("kind", flat=True).distinct().order_by("kind"))
    return {"page": page, "counts": counts, "kinds": kinds}


def periodic_overview() -> list[dict]:
    """Every periodic job with what it did last (one query)."""
    runs = {run.name: run for run in PeriodicRun.objects.all()}
    return [{"job": job, "run": runs.get(job.name)} for job in JOBS]


def recent_jobs(limit: int = 30) -> list[BackgroundJob]:
    """The newest background jobs with who started them."""
    return list(BackgroundJob.objects.select_related("created_by").order_by("-created_at")[:limit])


def waiting_mail_count() -> int:
    """How many mails wait to be sent or failed."""
    return OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.WAITING) | Q(status=OutboxMessage.Status.FAILED)
    ).count()


def audit_kinds() -> list[str]:
    """The kinds of action in the log (the part before the dot: organisation, pledge, two_factor …), one query."""
    actions = AuditEntry.objects.values_list("action", flat=True).distinct().order_by("action")
    return sorted({action.split(".")[0] for action in actions})


def audit_entries(filters: dict) -> QuerySet[AuditEntry]:
    """The audit entries that match the filters, newest first (people and organisations found by name)."""
    entries = AuditEntry.objects.select_related("actor").order_by("-created_at", "-pk")
    if person := (filters.get("persoon") or "").strip():
        people = User.objects.filter(Q(name__icontains=person) | Q(email__icontains=person)).values("pk")[:200]
        entries = entries.filter(actor__in=people)
    if organisation := (filters.get("organisatie") or "").strip():
        ids = Organisation.objects.filter(name__icontains=organisation).values_list("pk", flat=True)[:200]
        entries = entries.filter(organisation_id__in=list(ids))
    if kind := filters.get("soort"):
        entries = entries.filter(action__startswith=f"{kind}.")
    if start := filters.get("van"):
        entries = entries.filter(created_at__gte=_day_start(start))
    if end := filters.get("tot"):
        entries = entries.filter(created_at__lt=_day_start(end + timedelta(days=1)))
    return entries


def audit_page(filters: dict, page_number) -> Page:
    """One page of the audit log in plain Dutch (two queries and the filters' lookups)."""
    page = Paginator(audit_entries(filters), 50).get_page(page_number)
    page.object_list = [describe(entry) for entry in page.object_list]
    return page


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def data_summary(person, email: str) -> dict[str, int]:
    """How much the platform holds on a person (or an address without an account), by kind."""
    found = privacy.personal_data(person) if person is not None else privacy.address_data(email)
    return {title: len(rows) for title, rows in found.sections.items()}
