"""The marketplace in a real browser: a partner asks, sees suggestions with reasons, introduces; the other partner
gets the e-mail; the team records what came of it."""

import re

import pytest

from alliantie.core.models import Scope, Sector
from alliantie.core.tests.factories import make_membership, make_organisation, make_post, make_user
from alliantie.core.tests.test_browser import serious_violations, sign_in
from alliantie.marketplace.models import Introduction
from alliantie.marketplace.tests.test_marketplace import build_matching_indexes
from alliantie.partners.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_a_partner_asks_for_breakfast_introduces_a_fund_and_the_team_records_the_outcome(
    browser, page, live_server, live_personas, mailbox
):
    fund = make_organisation(
        name="Stichting Ontbijt Overal",
        sector=Sector.objects.get(slug="fonds"),
        scope=Scope.objects.get(code="national"),
    )
    make_membership(make_user(email="fonds@example.org", name="Fien Fonds"), fund, Membership.Role.CONTACT)
    make_post(fund, kind="offer", title="Schoolontbijt voor basisscholen", body="Gratis ontbijtpakketten voor scholen.")
    build_matching_indexes()  # what the background worker did after the fund posted

    sign_in(page, live_server, live_personas.users["member"])
    page.goto(live_server.url + "/")
    page.click("header >> text=Marktplaats")
    page.click("text=Vraag of aanbod plaatsen")
    page.check("input[name=kind][value=request]")
    page.fill("#id_title", "Ontbijt voor onze leerlingen")
    page.fill("#id_body", "Veel kinderen komen zonder ontbijt naar school.")
    page.check("input[name=help_types][value=middelen]")
    page.fill("#id_municipalities", "Zoetermer")  # a typo first
    page.click("main button[type=submit]")
    assert "Bedoelt u Zoetermeer?" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    page.fill("#id_municipalities", "Zoetermeer")
    page.click("main button[type=submit]")
    assert "Uw bericht staat op de marktplaats." in page.locator(".messages").inner_text()

    suggestion = page.locator(".suggestions li", has_text="Schoolontbijt voor basisscholen")
    reasons = suggestion.inner_text()
    assert "landelijk aanbod" in reasons and "u vraagt om ontbijt; dit aanbod gaat over schoolontbijt" in reasons
    assert serious_violations(page) == []
    suggestion.locator("button", has_text="Stel voor").click()
    assert "krijgen een e-mail" in page.locator(".messages").inner_text()
    to = {address for message in mailbox.messages for address in message["To"].split(", ")}
    assert {"fonds@example.org", "contact@example.org"} <= to
    assert "landelijk aanbod" in mailbox.body()
    link = re.search(r"(/marktplaats/koppelingen/\d+/)", mailbox.body()).group(1)

    team = browser.new_context().new_page()
    sign_in(team, live_server, live_personas.users["project_team"])
    team.goto(live_server.url + link)
    team.check("input[name=status][value=collaborating]")
    team.fill("#id_outcome", "Het fonds levert vanaf januari ontbijt.")
    team.click("main button[type=submit]")
    assert "De uitkomst is opgeslagen." in team.locator(".messages").inner_text()
    assert serious_violations(team) == []
    team.goto(live_server.url + "/marktplaats/koppelingen/")
    assert "Werken samen: 1" in team.locator("main").inner_text()
    team.context.close()
    assert Introduction.objects.get().status == "collaborating"
