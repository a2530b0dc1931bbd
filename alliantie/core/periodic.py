"""Periodic jobs, run by `alliantie run_periodic` from cron or a systemd timer (docs/production.md).

Each job is a function that is safe to run twice: it works from what the database says is still to do, and the mail
it queues has an outbox key. On top of that a runner first claims the job's lease with one conditional UPDATE, so two
runners (two cron entries, two machines) never run the same job at the same moment; a runner that dies leaves a
lease that expires, and the next run does what is left.
"""

import logging
import os
import socket
import traceback
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from alliantie.core.models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    function: str  # dotted path of a function without required arguments
    description: str
    every: timedelta = timedelta(days=1)
    at: time | None = None  # for daily and weekly jobs: not before this local time
    weekday: int | None = None  # for weekly jobs: 0 is Monday
    lease: timedelta = timedelta(hours=1)


def is_due(job: Job, last_started: datetime | None, now: datetime) -> bool:
    """Interval jobs: when `every` has passed since the last start. Daily and weekly jobs: once per day (or week)
    after `at`, local time, however late the runner comes."""
    if job.at is None:
        return last_started is None or now - last_started >= job.every
    local = timezone.localtime(now)
    moment = timezone.make_aware(datetime.combine(local.date(), job.at))
    if job.weekday is not None:
        moment -= timedelta(days=(local.weekday() - job.weekday) % 7)
    if local < moment:
        moment -= timedelta(days=7 if job.weekday is not None else 1)
    return last_started is None or last_started < moment


def runner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(job: Job, now: datetime) -> bool:
    """Take the job's lease if nobody holds it and the job is due; one atomic UPDATE decides between runners."""
    run, _created = PeriodicRun.objects.get_or_create(name=job.name)
    if not is_due(job, run.last_started_at, now):
        return False
    free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    same_start = Q(last_started_at=run.last_started_at) if run.last_started_at else Q(last_started_at__isnull=True)
    taken = PeriodicRun.objects.filter(free, same_start, name=job.name).update(
        locked_until=now + job.lease, locked_by=runner_name(), last_started_at=now
    )
    return taken == 1


def run_job(job: Job, now: datetime | None = None, *, force: bool = False) -> tuple[bool, str]:
    """Run one job if it is due (or forced) and free. Returns whether it ran and what it said."""
    now = now or timezone.now()
    if force:
        PeriodicRun.objects.get_or_create(name=job.name)
        PeriodicRun.objects.filter(name=job.name).update(last_started_at=None)
    if not claim(job, now):
        return False, ""
    result, error = "", ""
    try:
        outcome = import_string(job.function)()
        result = str(outcome)[:300] if outcome is not None else "klaar"
    except Exception:  # noqa: BLE001 - a failing job is recorded and must not stop the other jobs
        error = traceback.format_exc()[-4000:]
        logger.exception("Periodic job %s failed", job.name)
    PeriodicRun.objects.filter(name=job.name).update(
        locked_until=None,
        locked_by="",
        last_finished_at=timezone.now(),
        last_result=result,
        last_error=error,
        runs=F("runs") + 1,
    )
    return True, error or result


def run_due(jobs: list[Job], *, now: datetime | None = None, only: str | None = None, force: bool = False) -> dict:
    """Run every due job (or only one, possibly forced); returns what each that ran said."""
    ran = {}
    for job in jobs:
        if only and job.name != only:
            continue
        did, said = run_job(job, now, force=force)
        if did:
            ran[job.name] = said
    return ran
