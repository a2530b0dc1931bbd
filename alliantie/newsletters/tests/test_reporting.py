"""What the newsletter gives the dashboard and the Voortgangsrapportage: the target "nieuwsbrieven" (6 per jaar) and
the editions sent in a year."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliantie.monitoring.models import Report
from alliantie.newsletters.tests.helpers import make_edition
from alliantie.reports.models import Target

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def test_the_target_counts_the_editions_sent_in_its_period(personas):
    goal = Target.objects.get(definition="nieuwsbrieven")
    assert (goal.title, goal.value) == ("6 nieuwsbrieven per jaar", 6)
    assert goal.period_start.year == goal.period_end.year  # one year
    goal.period_start, goal.period_end = TODAY - timedelta(days=180), TODAY + timedelta(days=185)
    goal.save()
    sent = [
        make_edition(status="sent", number=n, sent_at=moment(TODAY - timedelta(days=days)), title=f"Editie {n}")
        for n, days in ((1, 10), (2, 100), (3, 400))  # the third before the period
    ]
    make_edition(status="draft", title="Nog een concept")
    make_edition(status="cancelled", title="Gestopt", cancelled_at=timezone.now())
    response = personas.client("project_team").get(reverse("reports:target-detail", args=[goal.pk]))
    page = response.content.decode()
    assert response.context["progress"].value == 2 and "2 van 6" in page
    assert reverse("newsletters:edition-public", kwargs={"number": sent[0].number}) in page
    assert "Editie 3" not in page and "Nog een concept" not in page and "Gestopt</a>" not in page


def test_the_progress_report_shows_the_editions_sent_that_year(personas):
    year = TODAY.year - 1
    for n, day in enumerate((date(year, 2, 1), date(year, 6, 1), date(year + 1, 1, 5)), start=1):
        make_edition(status="sent", number=n, sent_at=moment(day))
    make_edition(status="scheduled", scheduled_for=moment(date(year, 12, 1)))
    Report.objects.create(year=year, prepared_by=personas.users["project_team"])
    response = personas.client("project_team").get(reverse("monitoring:report", args=[year]))
    targets = {t.label: t.figure for t in response.context["targets"]}
    assert targets["Nieuwsbrieven"] == "2"
