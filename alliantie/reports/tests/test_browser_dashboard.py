"""The done-when walk of issue 18 in a real browser: the team reads a target with its pace, follows a blind spot to
the recruitment list and adds a candidate; a visitor sees the public page with the map and no small figures."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from alliantie.core.models import Municipality, Sector
from alliantie.core.tests.factories import make_organisation
from alliantie.core.tests.test_browser import serious_violations, sign_in
from alliantie.partners.models import Organisation
from alliantie.reports import precompute
from alliantie.reports.models import RecruitmentCandidate, Target
from alliantie.reports.tests.conftest import make_partners

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_team_sees_a_target_behind_schedule_and_recruits_for_a_blind_spot(page, live_server, live_personas):
    today = timezone.localdate()
    Target.objects.create(
        title="Nieuwe partners",
        definition="nieuwe-partners",
        value=15,
        period_start=today - timedelta(days=670),
        period_end=today + timedelta(days=60),
    )
    Organisation.objects.update(joined_on=today - timedelta(days=800))  # the personas' organisations: long ago
    for days in range(13):
        make_organisation(joined_on=today - timedelta(days=20 * days + 5))
    candidate = make_organisation(
        name="Woonstichting Zeeuwse Kust",
        sector=Sector.objects.get(slug="woningcorporatie"),
        municipality=Municipality.objects.get(code="GM0687"),
        status="applied",
    )
    precompute.refresh()
    sign_in(page, live_server, live_personas.users["project_team"])
    page.goto(live_server.url + "/")
    page.click("header >> text=Dashboard")
    card = page.get_by_role("article", name="Nieuwe partners", exact=True)
    text = card.inner_text()
    assert "13 van 15" in text and "achter op schema" in text and "Nodig:" in text and "per maand" in text
    assert serious_violations(page) == []

    page.click("nav >> text=Dekking en blinde vlekken")
    assert page.locator("table.coverage").is_visible()
    page.click("text=Een fijn thuis: in Zeeland geen woningcorporatie actief")
    assert "Wie kan deze blinde vlek vullen?" in page.locator("h1").inner_text()
    assert serious_violations(page) == []
    page.click(f"text=Zet {candidate.name} op de werflijst")
    assert f"{candidate.name} staat op de werflijst." in page.locator(".messages").inner_text()
    assert candidate.name in page.locator("main table").inner_text()
    assert serious_violations(page) == []
    assert RecruitmentCandidate.objects.get().organisation == candidate


def test_a_visitor_sees_the_map_and_no_figure_with_fewer_than_five_partners(page, live_server):
    make_partners(6, sector="onderwijs", code="GM0344")
    make_partners(2, sector="woningcorporatie", code="GM0687")
    precompute.refresh()
    page.goto(live_server.url + "/wat-we-samen-doen/")
    assert page.locator("h1").inner_text() == "Wat we samen doen"
    assert page.locator("svg.map__svg path").count() == 342
    sectors = page.locator("table", has_text="Sector").inner_text()
    assert re.search(r"Onderwijs\s+6", sectors) and re.search(r"Woningcorporatie\s+minder dan 5", sectors)
    page.click("text=De kaart als tabel")
    assert re.search(
        r"Middelburg \(Z\.\)\s+minder dan 5",
        page.get_by_role("table", name="Partners actief per gemeente").inner_text(),
    )
    assert serious_violations(page) == []
