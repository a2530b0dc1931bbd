"""The Voortgangsrapportage as a report for ministries: a cover, the year on one page with the targets of the
projectplan, a text per opgave with highlighted activities and quotes of ervaringsdeskundigen (only with their
consent), figures that add up, and numbers with thousands separators."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import Sector
from alliantie.core.tests.factories import (
    make_activity,
    make_event,
    make_invitation,
    make_organisation,
    make_response,
    make_round,
)
from alliantie.monitoring import results
from alliantie.monitoring.models import Report
from alliantie.partners.models import Organisation

pytestmark = pytest.mark.django_db
URL = reverse("monitoring:report", args=[2025])


@pytest.fixture
def year(personas):
    monitor_round = make_round(
        status="closed",
        year=2025,
        opens_on=date(2025, 6, 1),
        closes_on=date(2025, 8, 1),
        results_published_at=timezone.now(),
    )
    experts = Sector.objects.get(slug="ervaringsdeskundigen")
    for n in range(6):
        organisation = make_organisation(name=f"Partner {n}", joined_on=date(2024, 3, 1))
        make_invitation(monitor_round, organisation)
        make_response(monitor_round, organisation, {"opgaven": ["meedoen"], "resultaat": f"Gewoon resultaat {n}."})
        if n < 5:  # five partners report progress, so the total may be shown
            work = make_activity(organisation, title=f"Activiteit {n}", starts_on=date(2025, 1, 1))
            work.progress_updates.create(
                reported_on=date(2025, 5, 1), children_reached=1367 if n == 0 else 1366, families_reached=480, note="x"
            )
    voices = {
        "Stem van Ouders": (True, True, "Ouders willen gehoord worden, niet geholpen als een geval."),
        "Jongerenpanel Noord": (True, False, "Wij bedachten zelf de vakantieweek."),
        "Ouderpanel Zuid": (False, True, "Dit mag nergens letterlijk staan."),
    }
    for name, (quoted, named, text) in voices.items():
        organisation = make_organisation(name=name, sector=experts, joined_on=date(2024, 3, 1))
        make_invitation(monitor_round, organisation)
        make_response(
            monitor_round,
            organisation,
            {"opgaven": ["meedoen"], "resultaat": text},
            agrees_to_be_quoted=quoted,
            agrees_to_be_named=named,
        )
    activity = make_activity(personas.organisation, title="Gezond ontbijt in Zoetermeer", starts_on=date(2025, 1, 1))
    report = Report.objects.create(year=2025, round=monitor_round, prepared_by=personas.users["project_team"])
    report.highlighted_activities.set([activity])
    for day in (3, 10):
        make_event(starts_at=timezone.make_aware(datetime.combine(date(2025, 4, day), time(14))), in_days=0)
    return report


def test_the_report_opens_with_a_cover_and_the_year_on_one_page_with_the_targets(personas, year):
    response = personas.client("project_team").get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index('class="report-cover"') < page.index('class="report-summary"') < page.index("Per opgave")
    assert len(response.context["summary"]) == 5 and len(response.context["key_figures"]) == 5
    targets = {t.label: t.figure for t in response.context["targets"]}
    assert targets["Kenniskringen"] == "2"  # from the agenda, which registered its count
    # kept by the local alliances and the newsletter, which registered their counts (none in this year here)
    assert targets["Lokale allianties"] == targets["Nieuwsbrieven"] == "0"
    assert targets["Extra ervaringsdeskundigen betrokken"] == "0"
    assert "minstens 350" in page and "minstens 8 per jaar" in page
    assert "bereikten hun activiteiten 6.831 kinderen en 2.400 gezinnen" in page, response.context["summary"]
    assert "Er kwamen 0 nieuwe partners bij en 0 partners stopten." in page
    assert "6831" not in page.replace("6.831", "")


def test_each_opgave_has_a_text_its_highlighted_activities_and_quotes_only_with_consent(personas, year):
    page = personas.client("project_team").get(URL).content.decode()
    meedoen = page[page.index('id="opgave-1"') : page.index('id="opgave-2"')]
    assert "partners die de monitor invulden werken hieraan" in meedoen
    assert "Ouders willen gehoord worden, niet geholpen als een geval." in meedoen
    assert "Stem van Ouders" in meedoen  # consent to be quoted and to be named
    assert "Wij bedachten zelf de vakantieweek." in meedoen and "Jongerenpanel Noord" not in meedoen
    assert "een organisatie van ervaringsdeskundigen" in meedoen  # quoted, but not named
    assert "Dit mag nergens letterlijk staan." not in page  # named, but no consent to be quoted
    assert "Gewoon resultaat" not in page  # not a voice of ervaringsdeskundigen
    healthy = page[page.index('id="opgave-3"') : page.index('id="opgave-4"')]
    assert "Gezond ontbijt in Zoetermeer" in healthy


def test_partners_at_the_end_of_a_year_are_the_previous_end_plus_the_new_minus_those_that_stopped(db):
    for n in range(3):
        make_organisation(name=f"Vroeg {n}", joined_on=date(2019, 4, 1))
    make_organisation(
        name="Kort", joined_on=date(2019, 5, 1), status=Organisation.Status.ENDED, status_since=date(2019, 11, 1)
    )
    make_organisation(
        name="Later weg", joined_on=date(2019, 5, 1), status=Organisation.Status.ENDED, status_since=date(2021, 2, 1)
    )
    make_organisation(name="Nieuw", joined_on=date(2021, 6, 1))
    years = results.growth(2021)["years"]
    assert years[0] == (2019, 4, 5, 1)  # five joined, one of them stopped the same year
    previous = 0
    for _year, total, new, left in years:
        assert total == previous + new - left
        previous = total
    assert years[2] == (2021, 4, 1, 1)


def test_the_public_site_links_the_published_reports_and_monitor_results(personas, year, client):
    year.published_at, year.confirmed_by = timezone.now(), personas.users["administrator"]
    year.save()
    home = client.get("/").content.decode()
    assert reverse("monitoring:published") in home
    response = client.get(reverse("monitoring:published"))
    assert response.status_code == 200
    page = response.content.decode()
    assert URL in page and f"{URL}?formaat=pdf" in page
    assert reverse("monitoring:public-results", args=[year.round.pk]) in page
