"""What the local alliances give the dashboard and the Voortgangsrapportage: the targets "lokale allianties" and
"ervaringsdeskundigen" (with their defaults), the alliance and its phase per municipality, the ties between members
and the yearly counts of the report."""

import importlib
import re
from datetime import date, datetime, time, timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from alliantie.core.tests.factories import make_local_alliance, make_organisation, make_pool_member
from alliantie.localalliances.models import LocalAlliance
from alliantie.monitoring.models import Report
from alliantie.reports import network, precompute
from alliantie.reports.models import MunicipalityFigures, NetworkEdge, Target

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def test_the_two_targets_are_loaded_as_editable_defaults():
    alliances = Target.objects.get(definition="lokale-allianties")
    assert (alliances.title, alliances.value) == ("15 lokale allianties in twee jaar", 15)
    assert alliances.period_end.year - alliances.period_start.year == 1
    pool = Target.objects.get(definition="ervaringsdeskundigen")
    assert (pool.title, pool.value) == ("100 extra ervaringsdeskundigen", 100)
    assert pool.period_end.year - pool.period_start.year == 2


def test_loading_the_defaults_again_adds_nothing():
    importlib.import_module("alliantie.localalliances.migrations.0003_default_targets").load(apps, None)
    assert Target.objects.filter(definition__in=["lokale-allianties", "ervaringsdeskundigen"]).count() == 2


def test_the_team_sees_13_of_15_local_alliances_behind_schedule_with_the_pace_needed(personas):
    goal = Target.objects.get(definition="lokale-allianties")
    goal.period_start, goal.period_end = TODAY - timedelta(days=180), TODAY + timedelta(days=185)
    goal.save()
    before = moment(TODAY - timedelta(days=400))
    LocalAlliance.objects.update(created_at=before)  # the personas' alliances
    for _ in range(12 - LocalAlliance.objects.count()):
        make_local_alliance(created_at=before)
    make_local_alliance(created_at=moment(TODAY - timedelta(days=20)))  # one in the period
    make_local_alliance(created_at=before, ended_on=TODAY - timedelta(days=30))  # stopped: not counted
    client = personas.client("project_team")

    dashboard = client.get(reverse("reports:dashboard")).content.decode()
    card = dashboard[dashboard.index("15 lokale allianties in twee jaar") :]
    assert re.search(r"13 van 15</span>,\s*<span class=\"target__status\">achter op schema", card)

    response = client.get(reverse("reports:target-detail", args=[goal.pk]))
    page = response.content.decode()
    measured = response.context["progress"]
    assert (measured.baseline, measured.value, measured.status) == (12, 13, "achter")
    assert measured.needed_per_month == pytest.approx(2 / (185 / 30.44), abs=0.05)
    assert "13 van 15" in page and "achter op schema" in page
    assert re.search(r"Nodig: 0[,.]3 per maand", page)
    assert page.count("/lokale-allianties/") >= 13 and "Gestopte allianties" in page


def test_the_ervaringsdeskundigen_target_counts_confirmed_entries_and_never_shows_a_name(personas):
    goal = Target.objects.get(definition="ervaringsdeskundigen")
    confirmed = make_pool_member(name="Noor Ervaring", public_name="Noor", show_publicly=True)
    make_pool_member(name="Piet Wacht", status="wacht", confirmed_at=None)
    response = personas.client("project_team").get(reverse("reports:target-detail", args=[goal.pk]))
    page = response.content.decode()
    assert response.context["progress"].value == 1 and "1 van 100" in page
    assert f"ervaringsdeskundige {confirmed.pk}" in page
    assert reverse("localalliances:pool-member", args=[confirmed.pk]) in page
    assert "Noor" not in page and "Piet" not in page


def test_the_municipality_table_shows_an_alliance_and_its_phase(personas):
    make_local_alliance(name="Utrechtse Alliantie", codes=("GM0344",), phase="bouwen")
    make_local_alliance(name="Gestopt in Amsterdam", codes=("GM0363",), ended_on=TODAY)
    precompute.refresh(force=True)
    row = MunicipalityFigures.objects.get(municipality__code="GM0344")
    assert (row.local_alliance, row.local_alliance_phase) == ("Utrechtse Alliantie", "bouwen")
    assert MunicipalityFigures.objects.get(municipality__code="GM0363").local_alliance == ""
    page = personas.client("project_team").get(reverse("reports:municipalities") + "?provincie=PV26").content.decode()
    assert "Utrechtse Alliantie (bouwen)" in page


def test_a_new_phase_remakes_the_figures():
    alliance = make_local_alliance(codes=("GM0344",))
    precompute.refresh()
    assert precompute.refresh() == "niets veranderd"
    alliance.phase = "kickstart"
    alliance.save()
    assert precompute.refresh() != "niets veranderd"
    assert MunicipalityFigures.objects.get(municipality__code="GM0344").local_alliance_phase == "kickstart"


def test_members_of_the_same_alliance_are_tied_in_the_network():
    first, second = make_organisation(), make_organisation()
    make_local_alliance(members=[first, second])
    precompute.refresh(force=True)
    edge = NetworkEdge.objects.get()
    assert {edge.source_id, edge.target_id} == {first.pk, second.pk} and edge.kinds == ["lokale-alliantie"]
    assert network.KINDS["lokale-alliantie"] == "samen in een lokale alliantie"


def test_the_progress_report_shows_the_alliances_and_the_pool_instead_of_not_kept(personas):
    year = TODAY.year - 1  # the personas' alliances were made this year
    for created in (date(year - 1, 5, 1), date(year, 3, 1), date(year, 9, 1)):
        make_local_alliance(created_at=moment(created))
    make_local_alliance(created_at=moment(date(year - 1, 5, 1)), ended_on=date(year, 6, 1))  # stopped that year
    for confirmed in (date(year, 2, 1), date(year, 11, 1), date(year - 1, 12, 1)):
        make_pool_member(confirmed_at=moment(confirmed))
    Report.objects.create(year=year, prepared_by=personas.users["project_team"])
    response = personas.client("project_team").get(reverse("monitoring:report", args=[year]))
    targets = {t.label: t for t in response.context["targets"]}
    assert targets["Lokale allianties"].figure == "3" and targets["Lokale allianties"].tracked
    assert targets["Extra ervaringsdeskundigen betrokken"].figure == "2"
    assert not [t.label for t in targets.values() if not t.tracked]  # the newsletter registered its count too
