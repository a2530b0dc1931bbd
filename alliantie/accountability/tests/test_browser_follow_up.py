"""The project team follows up a partner in a real browser: worklist, work visit, status, history."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alliantie.core.tests.test_browser import serious_violations, sign_in
from alliantie.partners.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_team_finds_a_silent_partner_records_a_work_visit_and_makes_it_dormant(page, live_server, live_personas):
    silent = live_personas.organisation
    silent.joined_on = timezone.localdate() - timedelta(days=900)
    silent.save()
    sign_in(page, live_server, live_personas.users["project_team"])
    page.goto(live_server.url + "/")
    page.click("header >> text=Opvolging")
    page.select_option("#id_reden", value="geen-update")
    page.click("main button[type=submit]")
    row = page.locator("tr", has_text="Gemeente Testdorp")
    assert "Nog nooit een activiteit of voortgang gemeld" in row.inner_text()
    assert serious_violations(page) == []

    row.locator("a").first.click()
    page.check("input[name=kind][value=work_visit]")
    page.fill("#id_summary", "Op bezoek geweest. Ze stoppen tijdelijk; na de zomer weer kijken.")
    page.click("main button[type=submit] >> text=Vastleggen")
    assert "Het contactmoment is vastgelegd." in page.locator(".messages").inner_text()
    assert "Op bezoek geweest" in page.locator(".timeline").inner_text()
    assert serious_violations(page) == []

    page.click("nav.tabs >> text=Status")
    page.check("input[name=status][value=dormant]")
    page.fill("#id_reason", "Tijdelijk geen capaciteit.")
    page.click("text=Status opslaan")
    assert "De status van Gemeente Testdorp is gewijzigd." in page.locator(".messages").inner_text()
    history = page.locator("main table").inner_text()
    assert "Status gewijzigd" in history and "Tijdelijk geen capaciteit." in history
    assert "Contactmoment vastgelegd" in history
    assert serious_violations(page) == []
    assert Organisation.objects.get(pk=silent.pk).status == Organisation.Status.DORMANT

    page.goto(live_server.url + "/opvolging/")
    assert "Gemeente Testdorp" not in page.locator("main").inner_text()
