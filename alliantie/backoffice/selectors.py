"""Reads for the platform pages."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q

from alliantie.core.models import BackgroundJob, OutboxMessage, PeriodicRun
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
    return list(BackgroundJob.objects.select_related("created_by").order_by("-created_at")[:limit])


def waiting_mail_count() -> int:
    return OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.WAITING) | Q(status=OutboxMessage.Status.FAILED)
    ).count()
