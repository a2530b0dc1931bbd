"""The sociale kaart as a parent uses it, on a phone-sized screen in a real browser: find sport and school-cost
help for a 9-year-old, open a service, run the check; and a partner answers a visitor's error report."""

import pytest

from alliantie.core.models import Municipality
from alliantie.core.tests.factories import make_location
from alliantie.core.tests.test_browser import serious_violations, sign_in
from alliantie.socialmap.models import ErrorReport, Provider, Service

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def zoetermeer_map(live_personas):
    zoetermeer = Municipality.objects.get(code="GM0637")
    jeugdfonds = Provider.objects.create(name="Jeugdfonds Sport & Cultuur", slug="jeugdfonds")
    branch = Provider.objects.create(
        name="Jeugdfonds Zuid-Holland", slug="jeugdfonds-zh", parent=jeugdfonds, email="zh@example.org"
    )
    branch.area_provinces.set([zoetermeer.province])
    sport = Service.objects.create(
        provider=jeugdfonds,
        name="Sportclub of muziekles betaald",
        slug="sportclub-betaald",
        description="Het Jeugdfonds betaalt de contributie van de sportclub.",
        needs=["sport-cultuur"],
        offers=["money"],
        minimum_age=4,
        maximum_age=18,
        income_limit_percent=120,
        referral_needed=True,
        how_to_apply="Vraag het aan via de leerkracht of het wijkteam.",
    )
    gemeente = Provider.objects.create(
        name="Gemeente Testdorp", slug="gemeente-testdorp-vz", partner=live_personas.organisation
    )
    gemeente.area_municipalities.set([zoetermeer])
    school = Service.objects.create(
        provider=gemeente,
        name="Kindpakket Zoetermeer",
        slug="kindpakket-zoetermeer",
        description="Elk jaar een bedrag per kind voor schoolkosten en een laptop.",
        needs=["school", "sport-cultuur"],
        offers=["money"],
        minimum_age=0,
        maximum_age=17,
        income_limit_percent=120,
        how_to_apply="Vraag het aan op de website van de gemeente met DigiD.",
        bring="Uw DigiD.",
    )
    make_location(
        school,
        "GM0637",
        name="Stadhuis",
        address="Stadhuisplein 1",
        postcode="2711 EC",
        city="Zoetermeer",
        latitude=52.0575,
        longitude=4.4931,
    )
    Service.objects.create(
        provider=gemeente,
        name="Consultatiebureau",
        slug="consultatiebureau-ztm",
        description="Zorg voor baby's.",
        needs=["gezondheid"],
        offers=["care"],
        minimum_age=0,
        maximum_age=4,
        how_to_apply="U krijgt een uitnodiging.",
    )
    return {"sport": sport, "school": school}


def test_a_parent_finds_sport_and_school_help_for_a_nine_year_old_and_runs_the_check(
    phone, live_server, zoetermeer_map
):
    page = phone
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Hulp vinden").first.click()
    page.fill("#id_waar", "2712ab")
    page.fill("#id_leeftijd", "9")
    page.get_by_role("button", name="Zoek hulp").click()
    results = page.locator("main").inner_text()
    assert "Sport en cultuur" in results and "Schoolkosten en een laptop" in results
    assert "Sportclub of muziekles betaald" in results and "Kindpakket Zoetermeer" in results
    assert "Consultatiebureau" not in results  # for children up to 4
    assert page.locator("svg.place-map circle").count() == 1  # the address on the map, and in the list
    assert "Stadhuisplein 1" in results
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling
    assert serious_violations(page) == []

    page.get_by_role("link", name="Sportclub of muziekles betaald").first.click()
    detail = page.locator("main").inner_text()
    assert "Jeugdfonds Zuid-Holland" in detail and "zh@example.org" in detail  # the branch for this place
    assert "Via een hulpverlener" in detail
    assert serious_violations(page) == []

    page.goto(live_server.url + "/sociale-kaart/")
    page.get_by_role("link", name="waar heb ik recht op?").click()
    page.fill("#id_waar", "Zoetermeer")
    page.fill("#id_leeftijden", "9 en 14")
    page.get_by_label("Alleenstaande ouder").check()
    page.fill("#id_inkomen", "1.500")
    page.get_by_role("button", name="Bekijk").click()
    check = page.locator("main").inner_text()
    assert "We vonden 2 regelingen in Zoetermeer die waarschijnlijk passen" in check
    assert page.evaluate("document.activeElement.id") == "resultaten"  # focus moved to the count
    assert "Het is voor uw kinderen van 9 en 14 jaar." in check
    assert "Kindpakket Zoetermeer" in check and "Sportclub of muziekles betaald" in check
    assert "Uw DigiD." in check  # what to bring
    assert "2712" not in page.url and "Zoetermeer" not in page.url  # sent by POST, nothing in the address
    assert serious_violations(page) == []


def test_an_error_report_reaches_the_partner_who_fixes_it(browser, live_server, live_personas, zoetermeer_map, mailbox):
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 740})
    visitor = context.new_page()
    visitor.goto(live_server.url + "/sociale-kaart/kindpakket-zoetermeer/")
    visitor.fill("#id_message", "De gemeente heeft een nieuw telefoonnummer.")
    visitor.get_by_role("button", name="Melding versturen").click()
    assert "Uw melding is doorgestuurd" in visitor.locator(".messages").inner_text()
    context.close()
    assert ErrorReport.objects.count() == 1
    assert any("nieuw telefoonnummer" in m.get_body(("plain",)).get_content() for m in mailbox.messages)

    keeper = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}).new_page()
    sign_in(keeper, live_server, live_personas.users["contact"])
    keeper.goto(live_server.url + "/sociale-kaart/beheer/")
    assert "nieuw telefoonnummer" in keeper.locator("main").inner_text()
    assert serious_violations(keeper) == []
    keeper.locator(".card", has_text="nieuw telefoonnummer").get_by_role("link").click()
    keeper.fill("#id_phone", "14 079")
    keeper.get_by_role("button", name="Opslaan").click()
    assert "De voorziening is opgeslagen" in keeper.locator(".messages").inner_text()
    keeper.goto(live_server.url + "/sociale-kaart/beheer/")
    keeper.get_by_role("button", name="Afgehandeld").click()
    assert ErrorReport.objects.get().handled_at is not None
    assert Service.objects.get(slug="kindpakket-zoetermeer").phone == "14 079"
    keeper.context.close()
