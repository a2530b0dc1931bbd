"""Background tasks of core: delivering the outbox."""

from django_tasks import task

from alliantie.core import mail


@task()
def deliver_outbox() -> int:
    """Send what the outbox holds that is due; when some wait for a retry, plan the next run for then (with a
    backend that can defer; otherwise `alliantie run_periodic` picks them up)."""
    run = mail.deliver_due()
    next_at = mail.next_due_at()
    if next_at is not None and deliver_outbox.get_backend().supports_defer:
        deliver_outbox.using(run_after=next_at).enqueue()
    return run.sent


@task()
def run_background_job(job_id: str) -> str:
    """Run one background job (an import, an export, a PDF) with its progress (core/jobs.py)."""
    from alliantie.core import jobs

    return jobs.run(job_id)
