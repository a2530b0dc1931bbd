"""The dashboard's periodic jobs are in the schedule and safe to run twice."""

import pytest

from alliantie.core.periodic import run_due
from alliantie.schedule import JOBS

pytestmark = pytest.mark.django_db


def test_the_jobs_are_scheduled_and_run_twice_without_harm():
    names = {job.name for job in JOBS}
    assert {"rapportage-cijfers", "open-data"} <= names
    first = run_due(JOBS, only="rapportage-cijfers", force=True)
    second = run_due(JOBS, only="rapportage-cijfers", force=True)
    assert "cellen" in first["rapportage-cijfers"] and second["rapportage-cijfers"] == "niets veranderd"
    assert "partners:" in run_due(JOBS, only="open-data", force=True)["open-data"]
    assert "partners:" in run_due(JOBS, only="open-data", force=True)["open-data"]
