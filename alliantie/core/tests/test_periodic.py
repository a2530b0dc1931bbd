"""Periodic jobs: due at the right moment, run on one machine at a time, twice in a row does nothing twice."""

import threading
from datetime import UTC, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from alliantie.core import periodic
from alliantie.core.models import PeriodicRun

pytestmark = pytest.mark.django_db

CALLS: list[str] = []


def count_call() -> str:
    CALLS.append("x")
    return f"{len(CALLS)} keer"


def fail() -> None:
    raise RuntimeError("kapot")


def slow_count() -> str:
    import time as clock

    CALLS.append("x")
    clock.sleep(0.5)
    return "klaar"


def amsterdam(*args) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("last", "now", "due"),
    [
        (None, amsterdam(2026, 12, 3, 6, 0), True),  # never ran: at once
        (amsterdam(2026, 12, 2, 7, 5), amsterdam(2026, 12, 3, 6, 59), False),  # not before 7:00
        (amsterdam(2026, 12, 2, 7, 5), amsterdam(2026, 12, 3, 7, 0), True),
        (amsterdam(2026, 12, 3, 7, 0), amsterdam(2026, 12, 3, 23, 0), False),  # once a day
        (amsterdam(2026, 12, 1, 7, 0), amsterdam(2026, 12, 3, 13, 0), True),  # late runner still runs once
    ],
)
def test_a_daily_job_runs_once_a_day_after_its_time(last, now, due):
    job = periodic.Job("dagelijks", "x", "", at=time(7, 0))
    assert periodic.is_due(job, last, now) is due


def test_a_weekly_job_runs_once_from_its_weekday():
    job = periodic.Job("wekelijks", "x", "", at=time(8, 0), weekday=0)
    monday = amsterdam(2026, 11, 30, 8, 30)
    assert periodic.is_due(job, amsterdam(2026, 11, 23, 8, 1), monday)
    assert not periodic.is_due(job, monday, amsterdam(2026, 12, 6, 22, 0))  # the rest of that week
    assert periodic.is_due(job, monday, amsterdam(2026, 12, 7, 8, 0))


def test_an_interval_job_waits_its_interval():
    job = periodic.Job("minuut", "x", "", every=timedelta(minutes=1))
    now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    assert not periodic.is_due(job, now - timedelta(seconds=30), now)
    assert periodic.is_due(job, now - timedelta(seconds=60), now)


def test_run_twice_runs_once_and_records_the_result():
    CALLS.clear()
    job = periodic.Job("teller", f"{__name__}.count_call", "", at=time(0, 0))
    assert periodic.run_due([job]) == {"teller": "1 keer"}
    assert periodic.run_due([job]) == {}
    run = PeriodicRun.objects.get(name="teller")
    assert run.runs == 1 and run.last_result == "1 keer" and run.locked_until is None
    assert periodic.run_due([job], only="teller", force=True) == {"teller": "2 keer"}


def test_a_failing_job_is_recorded_and_the_others_still_run():
    CALLS.clear()
    jobs = [periodic.Job("stuk", f"{__name__}.fail", ""), periodic.Job("teller", f"{__name__}.count_call", "")]
    ran = periodic.run_due(jobs)
    assert "RuntimeError: kapot" in ran["stuk"] and ran["teller"] == "1 keer"
    assert "kapot" in PeriodicRun.objects.get(name="stuk").last_error


def test_a_lease_left_by_a_runner_that_died_expires():
    CALLS.clear()
    job = periodic.Job("teller", f"{__name__}.count_call", "", lease=timedelta(minutes=5))
    now = timezone.now()
    PeriodicRun.objects.create(name="teller", locked_until=now + timedelta(minutes=4), locked_by="weg:1")
    assert periodic.run_due([job], now=now) == {}
    assert periodic.run_due([job], now=now + timedelta(minutes=5)) == {"teller": "1 keer"}


def test_two_machines_at_the_same_moment_run_a_job_once(transactional_db):
    """Two runners in threads with their own database connections, as two machines."""
    CALLS.clear()
    job = periodic.Job("traag", f"{__name__}.slow_count", "")
    start = threading.Barrier(2)
    results = []

    def runner():
        start.wait()
        try:
            results.append(periodic.run_job(job)[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert CALLS == ["x"]


def test_the_command_lists_runs_and_refuses_unknown_jobs_in_dutch():
    out = StringIO()
    call_command("run_periodic", "--list", stdout=out)
    assert "monitor-dagelijks" in out.getvalue() and "om 07:00" in out.getvalue()
    with pytest.raises(CommandError, match="Onbekende taak"):
        call_command("run_periodic", "--job", "bestaat-niet")
    with pytest.raises(CommandError, match="--force kan alleen met --job"):
        call_command("run_periodic", "--force")
    out = StringIO()
    call_command("run_periodic", stdout=out)
    assert "uitgaande-mail" in out.getvalue() and "monitor-dagelijks" in out.getvalue()
    out = StringIO()
    call_command("run_periodic", stdout=out)
    assert "monitor-dagelijks" not in out.getvalue()  # not twice on one day
