"""Onboarding in a real browser: an organisation applies, signs the pledge, and the team approves it."""

import re

import pytest

from alliantie.conftest import make_personas
from alliantie.core.tests.test_browser import serious_violations, sign_in
from alliantie.partners.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def personas(reference_data):
    return make_personas()


def test_an_organisation_applies_signs_and_is_approved(browser, page, live_server, personas, mailbox):
    page.goto(live_server.url + "/")
    page.click("header >> text=Word partner")
    page.fill("#id_name", "Buurtkracht Zoetermeer")
    page.fill("#id_kvk_number", "87654321")
    page.select_option("#id_sector", label="Maatschappelijke organisatie")
    page.check("input[name=scope] >> nth=0")  # lokaal
    page.fill("#id_area_municipalities", "Zoetermer")  # a typo first
    page.fill("#id_postcode", "2712ab")
    page.fill("#id_description", "Wij koken samen met ouders in de wijk.")
    page.fill("#id_contact-name", "Bas Buurt")
    page.fill("#id_contact-email", "bas@example.org")
    page.fill("#id_contact-password1", "samen koken in de wijk")
    page.fill("#id_contact-password2", "samen koken in de wijk")
    page.click("text=Aanmelden en naar de belofte")
    summary = page.locator(".error-summary")
    assert "Bedoelt u Zoetermeer?" in summary.inner_text()
    assert serious_violations(page) == []
    page.fill("#id_area_municipalities", "Zoetermeer")
    page.fill("#id_contact-password1", "samen koken in de wijk")
    page.fill("#id_contact-password2", "samen koken in de wijk")
    page.click("text=Aanmelden en naar de belofte")

    page.wait_for_url(re.compile(r"/belofte/$"))
    assert "Wij werken actief samen en laten zien wat werkt." in page.locator(".pledge-text").inner_text()
    page.fill("#id_signatory_function", "coördinator")
    page.check("#id_agree")
    page.click("text=Belofte ondertekenen")
    assert "De belofte is ondertekend" in page.locator(".messages").inner_text()
    with page.expect_download() as download:
        page.goto(live_server.url + "/organisaties/buurtkracht-zoetermeer/belofte/")
        page.click("text=Download de ondertekende belofte (pdf)")
    assert download.value.suggested_filename == "belofte-buurtkracht-zoetermeer.pdf"

    team = browser.new_context().new_page()
    sign_in(team, live_server, personas.users["project_team"])
    team.goto(live_server.url + "/")
    team.click("header >> text=Aanmeldingen")
    team.click("text=Buurtkracht Zoetermeer")
    team.check("input[name=decision][value=approve]")
    team.fill("#id_message", "Welkom, Bas!")
    team.click("text=Besluit opslaan en e-mail versturen")
    assert "Buurtkracht Zoetermeer is nu partner." in team.locator(".messages").inner_text()
    assert Organisation.objects.get(slug="buurtkracht-zoetermeer").status == Organisation.Status.ACTIVE
    assert mailbox.messages[-1]["To"] == "bas@example.org"
    assert "Welkom, Bas!" in mailbox.body()
    team.context.close()
