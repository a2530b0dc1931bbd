"""Background jobs with progress: imports, exports and PDFs that take longer than a page may.

A view calls `start(...)` in its transaction; after the commit the worker runs the job's handler, a function
`handler(job, progress) -> JobResult` in the app that owns the work. The handler reports progress through
`progress(done, total, message)`, which also keeps the job's heartbeat; the page shows the job on any app server
(and reloads itself without JavaScript). A worker that dies leaves a job whose heartbeat stops: `recover_stale`
(a periodic job) gives it to the next worker, so every handler must be safe to run again from the start.
The command-line versions call `run_here` with a terminal progress bar instead.
"""

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from alliantie.core.models import BackgroundJob

logger = logging.getLogger(__name__)

Progress = Callable[..., None]


@dataclass
class JobResult:
    """What a finished job shows: lines of summary, problems (where and what), and optionally a file."""

    summary: list[str] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    file_name: str = ""
    file_content_type: str = ""
    file_content: bytes | None = None
    file_path: Path | None = None  # a large result written to a temporary file; moved into storage in pieces


class JobRefused(Exception):
    """The job cannot be done as asked; its message (in Dutch) is shown to the person, with the problems."""

    def __init__(self, message: str, problems: list[dict] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def start(
    *,
    kind: str,
    title: str,
    handler: str,
    created_by,
    params: dict | None = None,
    input_file: File | None = None,
    input_name: str = "",
) -> BackgroundJob:
    """Record a job (and its uploaded file, in the shared storage) and run it in the background after the commit."""
    if not handler.startswith("alliantie."):
        raise ValueError(f"handler {handler!r} is not ours")
    job = BackgroundJob(kind=kind, title=title[:200], handler=handler, params=params or {}, created_by=created_by)
    if input_file is not None:
        job.input_file.save(input_name or getattr(input_file, "name", "invoer"), input_file, save=False)
    job.save()
    job_id = str(job.pk)
    transaction.on_commit(lambda: _enqueue(job_id))
    return job


def _enqueue(job_id: str) -> None:
    from alliantie.core.tasks import run_background_job

    run_background_job.enqueue(job_id)


def claim(job_id: str) -> BackgroundJob | None:
    """Take a waiting job (or one whose worker stopped beating) for this worker: one conditional update."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS)
    taken = BackgroundJob.objects.filter(
        Q(status=BackgroundJob.Status.WAITING) | Q(status=BackgroundJob.Status.RUNNING, heartbeat_at__lt=stale),
        pk=job_id,
    ).update(status=BackgroundJob.Status.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1)
    return BackgroundJob.objects.get(pk=job_id) if taken else None


def run(job_id: str) -> str:
    """Run a job in this worker if it is still to do; returns its status."""
    job = claim(job_id)
    if job is None:
        return "niet (meer) te doen"
    if job.attempts > settings.JOB_MAX_ATTEMPTS:
        _finish(
            job, error=_("Deze taak is %(n)s keer afgebroken en wordt niet opnieuw gestart.") % {"n": job.attempts - 1}
        )
        return job.status
    try:
        result = import_string(job.handler)(job, database_progress(job))
    except JobRefused as refused:
        _finish(job, error=str(refused), result=JobResult(problems=refused.problems))
    except ValidationError as error:
        _finish(job, error=" ".join(error.messages))
    except Exception:  # noqa: BLE001 - the person must see that it failed; the operators get the traceback
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        _finish(
            job, error=_("Er ging aan onze kant iets mis. Het projectteam is op de hoogte; probeer het later opnieuw.")
        )
    else:
        _finish(job, result=result)
    return job.status


def _finish(job: BackgroundJob, *, result: JobResult | None = None, error: str = "") -> None:
    job.refresh_from_db(fields=["done", "total", "message"])  # the progress callback wrote these meanwhile
    result = result or JobResult()
    job.result = {"summary": result.summary, "problems": result.problems[:1000], "data": result.data}
    if result.file_content is not None:
        job.result_file.save(result.file_name, ContentFile(result.file_content), save=False)
        job.result_name, job.result_content_type = result.file_name, result.file_content_type
    elif result.file_path is not None:
        with result.file_path.open("rb") as written:
            job.result_file.save(result.file_name, File(written), save=False)
        result.file_path.unlink(missing_ok=True)
        job.result_name, job.result_content_type = result.file_name, result.file_content_type
    job.status = BackgroundJob.Status.FAILED if error else BackgroundJob.Status.DONE
    job.error = error
    job.finished_at = timezone.now()
    if job.total and not error:
        job.done = job.total
    job.save()


def database_progress(job: BackgroundJob, every: float = 1.0) -> Progress:
    """A progress callback that writes to the job at most once a second (and keeps its heartbeat)."""
    last = 0.0

    def progress(done: int, total: int | None = None, message: str = "") -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < every and (total is None or done < total):
            return
        last = now
        fields = {"done": done, "heartbeat_at": timezone.now()}
        if total is not None:
            fields["total"] = total
        if message:
            fields["message"] = message[:300]
        BackgroundJob.objects.filter(pk=job.pk).update(**fields)

    return progress


def terminal_progress(stream=None, every: float = 0.2) -> Progress:
    """A progress bar on a terminal (stderr), for the command-line versions; silent when not on a terminal."""
    stream = stream or sys.stderr
    last = 0.0
    if not stream.isatty():
        return lambda done, total=None, message="": None

    def progress(done: int, total: int | None = None, message: str = "") -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < every and (total is None or done < total):
            return
        last = now
        if total:
            filled = int(30 * done / total)
            line = f"[{'#' * filled}{' ' * (30 - filled)}] {100 * done // total:3d}% {done:,}/{total:,}".replace(
                ",", "."
            )
        else:
            line = f"{done:,}".replace(",", ".")
        stream.write(f"\r{line} {message[:40]:<40}")
        if total and done >= total:
            stream.write("\n")
        stream.flush()

    return progress


def recover_stale() -> str:
    """Give jobs whose worker stopped beating to a worker again (periodic). Returns how many."""
    stale = timezone.now() - timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS)
    ids = list(
        BackgroundJob.objects.filter(
            Q(status=BackgroundJob.Status.RUNNING, heartbeat_at__lt=stale)
            | Q(status=BackgroundJob.Status.WAITING, created_at__lt=stale)
        ).values_list("pk", flat=True)
    )
    for job_id in ids:
        _enqueue(str(job_id))
    return f"{len(ids)} taak/taken opnieuw gestart"
