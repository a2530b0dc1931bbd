"""Background tasks of core: delivering the outbox."""

import logging
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from alliantie.core import mail

logger = logging.getLogger(__name__)


@task()
def deliver_outbox() -> int:
    """Send what the outbox holds that is due; when some wait (a retry, a newsletter paced over an hour), plan the
    next run for then (with a backend that can defer; otherwise `alliantie run_periodic` picks them up)."""
    run = mail.deliver_due()
    next_at = mail.next_due_at()
    if next_at is not None and deliver_outbox.get_backend().supports_defer and first_to_plan(next_at):
        deliver_outbox.using(run_after=next_at).enqueue()
    return run.sent


def first_to_plan(moment: datetime) -> bool:
    """Whether this run is the first to plan a delivery for `moment`: every run that ends with mail waiting plans the
    next, and without this a newsletter queued in many transactions would start as many parallel chains of runs.
    The shared cache decides (an atomic add); when it cannot be reached, plan anyway (a run too many sends nothing
    twice)."""
    seconds = max(0, (moment - timezone.now()).total_seconds())
    try:
        return bool(cache.add(f"outbox:planned:{int(moment.timestamp())}", 1, timeout=int(seconds) + 120))
    except Exception as error:  # noqa: BLE001 - whatever the cache's client raises
        logger.warning("Cache unavailable while planning the outbox: %s", error)
        return True


@task()
def run_background_job(job_id: str) -> str:
    """Run one background job (an import, an export, a PDF) with its progress (core/jobs.py)."""
    from alliantie.core import jobs

    return jobs.run(job_id)
