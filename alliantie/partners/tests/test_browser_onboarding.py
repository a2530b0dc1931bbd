"""Onboarding in a real browser: an organisation applies, signs the pledge, and the team approves it."""

import re

import pytest

from alliantie.core.tests.test_browser import serious_violations, sign_in
from alliantie.partners.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_an_organisation_applies_signs_and_is_approved(browser, page, live_server, live_personas, mailbox):
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
    sign_in(team, live_server, live_personas.users["project_team"])
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


def test_a_partner_adds_activities_and_progress_nominates_and_is_found_in_the_directory(
    page, live_server, live_personas, mailbox
):
    sign_in(page, live_server, live_personas.users["contact"])
    page.goto(live_server.url + live_personas.organisation.get_absolute_url())
    page.click("main >> text=Activiteiten")
    for title, opgave in [
        ("Gezond ontbijt op school", "Een gezonde dag"),
        ("Geldlessen voor ouders", "Leren omgaan met geld"),
    ]:
        page.click("text=Nieuwe activiteit")
        page.fill("#id_title", title)
        page.fill("#id_description", "Elke week, samen met ouders uit de wijk.")
        page.check(f"label:has-text('{opgave}') >> input")
        page.check("input[name=change_line] >> nth=0")
        page.check("input[name=target_groups][value=parents]")
        page.fill("#id_municipalities", "Zoetermeer")
        page.fill("#id_starts_on", "2024-09-01")
        page.check("input[name=involvement][value=co_designed]")
        page.fill("#id_involvement_explanation", "Ouders bedachten het samen met ons.")
        page.click("main button[type=submit]")
        assert "De activiteit is opgeslagen." in page.locator(".messages").inner_text()
        page.goto(live_server.url + f"/organisaties/{live_personas.organisation.slug}/activiteiten/")
    page.click("text=Geldlessen voor ouders")
    page.fill("#id_reported_on", "2025-06-30")
    page.fill("#id_children_reached", "40")
    page.fill("#id_families_reached", "25")
    page.fill("#id_note", "Twee groepen afgerond.")
    page.click("text=Voortgang opslaan")
    assert "40 kinderen en 25 gezinnen bereikt" in page.locator("main").inner_text()

    page.goto(live_server.url + live_personas.organisation.get_absolute_url())
    page.click("main >> text=Een nieuwe partner voordragen")
    page.fill("#id_organisation_name", "Kledingbank Testdorp")
    page.fill("#id_contact_email", "kledingbank@example.org")
    page.fill("#id_reason", "Zij kennen de gezinnen in de wijk.")
    page.click("main button[type=submit]")
    assert mailbox.messages[-1]["To"] == "kledingbank@example.org"

    page.goto(live_server.url + "/partners/")
    page.fill("#id_gemeente", "Zoetermeer")
    page.select_option("#id_opgave", value="leren-omgaan-met-geld")
    page.click("text=Toon partners")
    results = page.locator(".result-list").inner_text()
    assert "Gemeente Testdorp" in results
    assert serious_violations(page) == []
    page.click("text=Gemeente Testdorp")
    assert "Geldlessen voor ouders" in page.locator("main").inner_text()
