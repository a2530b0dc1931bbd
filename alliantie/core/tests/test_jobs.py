"""Background jobs: run by the worker with progress, a refusal or a crash is shown in Dutch, and a job whose worker
died is picked up again."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from alliantie.core import jobs
from alliantie.core.models import BackgroundJob

pytestmark = pytest.mark.django_db

RUNS: list[str] = []


def count_to_three(job, progress):
    RUNS.append(job.params["name"])
    for n in range(1, 4):
        progress(n, 3, f"stap {n}")
    return jobs.JobResult(
        summary=[f"Hallo {job.params['name']}"], file_name="uit.txt", file_content_type="text/plain", file_content=b"ok"
    )


def refuse(job, progress):
    raise jobs.JobRefused("Het bestand klopt niet.", [{"where": "regel 3", "message": "geen naam"}])


def invalid(job, progress):
    raise ValidationError("Kies een jaar vanaf 2019.")


def crash(job, progress):
    raise RuntimeError("intern detail dat niemand hoeft te zien")


def start(handler: str, **params) -> BackgroundJob:
    with TestCase.captureOnCommitCallbacks(execute=True):
        job = jobs.start(
            kind="test", title="Test", handler=f"{__name__}.{handler}", created_by=None, params=params or {"name": "x"}
        )
    return BackgroundJob.objects.get(pk=job.pk)


@pytest.mark.smoke
def test_a_job_runs_after_the_commit_with_its_progress_summary_and_file():
    RUNS.clear()
    job = start("count_to_three", name="Ada")
    assert RUNS == ["Ada"]
    assert job.status == "done" and job.done == job.total == 3 and job.percent == 100
    assert job.result["summary"] == ["Hallo Ada"]
    assert job.result_file.read() == b"ok" and job.result_name == "uit.txt"


def test_a_refusal_and_a_validation_error_are_shown_with_their_dutch_message():
    refused = start("refuse")
    assert refused.status == "failed" and refused.error == "Het bestand klopt niet."
    assert refused.result["problems"] == [{"where": "regel 3", "message": "geen naam"}]
    assert start("invalid").error == "Kies een jaar vanaf 2019."


def test_a_crash_says_that_something_went_wrong_without_the_details():
    crashed = start("crash")
    assert crashed.status == "failed"
    assert "Er ging aan onze kant iets mis" in crashed.error and "intern detail" not in crashed.error


def test_a_job_is_run_once_even_when_two_workers_get_it():
    RUNS.clear()
    job = start("count_to_three", name="Bo")
    assert jobs.run(str(job.pk)) == "niet (meer) te doen"
    assert RUNS == ["Bo"]


def test_a_job_whose_worker_died_is_given_to_another_worker_and_runs_to_the_end():
    RUNS.clear()
    job = BackgroundJob.objects.create(
        kind="test",
        title="Test",
        handler=f"{__name__}.count_to_three",
        params={"name": "Cas"},
        status="running",
        done=1,
        total=3,
        attempts=1,
        heartbeat_at=timezone.now() - timedelta(minutes=10),
    )
    assert jobs.run(str(job.pk)) == "done"  # the dead worker's heartbeat is too old: this worker may take it
    assert RUNS == ["Cas"]
    alive = BackgroundJob.objects.create(
        kind="test", title="Test", handler=f"{__name__}.count_to_three", status="running", heartbeat_at=timezone.now()
    )
    assert jobs.run(str(alive.pk)) == "niet (meer) te doen"  # a live worker keeps its job


def test_the_periodic_recovery_restarts_stale_jobs_and_gives_up_after_three_tries(settings):
    RUNS.clear()
    old = timezone.now() - timedelta(minutes=10)
    job = BackgroundJob.objects.create(
        kind="test",
        title="Test",
        handler=f"{__name__}.count_to_three",
        params={"name": "Dirk"},
        status="running",
        heartbeat_at=old,
        attempts=1,
    )
    assert jobs.recover_stale() == "1 taak/taken opnieuw gestart"  # the immediate backend runs it at once
    assert BackgroundJob.objects.get(pk=job.pk).status == "done" and RUNS == ["Dirk"]
    hopeless = BackgroundJob.objects.create(
        kind="test",
        title="Test",
        handler=f"{__name__}.count_to_three",
        params={"name": "E"},
        status="running",
        heartbeat_at=old,
        attempts=settings.JOB_MAX_ATTEMPTS,
    )
    jobs.recover_stale()
    hopeless.refresh_from_db()
    assert hopeless.status == "failed" and "niet opnieuw gestart" in hopeless.error


def test_progress_is_written_at_most_once_a_second_but_always_at_the_end():
    job = BackgroundJob.objects.create(kind="test", title="Test", handler="alliantie.x")
    progress = jobs.database_progress(job, every=60)
    progress(1, 1000)
    progress(500, 1000)  # within the minute: not written
    assert BackgroundJob.objects.get(pk=job.pk).done == 1
    progress(1000, 1000)
    assert BackgroundJob.objects.get(pk=job.pk).done == 1000


def test_the_terminal_bar_draws_only_on_a_terminal():
    class Terminal(StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    bar = jobs.terminal_progress(screen, every=0)
    bar(1500, 3000, "bezig")
    bar(3000, 3000)
    assert "[###############               ]  50% 1.500/3.000 bezig" in screen.getvalue()
    assert screen.getvalue().endswith("\n")
    pipe = StringIO()
    jobs.terminal_progress(pipe)(1, 2)
    assert pipe.getvalue() == ""


def test_only_our_own_handlers_can_be_started():
    with pytest.raises(ValueError, match="not ours"):
        jobs.start(kind="x", title="x", handler="os.system", created_by=None)
