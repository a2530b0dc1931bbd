"""The issue's "Done when", tried as new users would in a real browser, with every mail through a real local SMTP
server: a municipality asks to start a local alliance, the team accepts it and names a coordinator (who makes an
account and logs in with the second factor), the coordinator adds members and goals, the check shows the missing
sector with suggested organisations and why, one of them is invited and joins, a leernetwerk meeting is held and its
lesson is found from another alliance's page; a person registers in the pool and later deletes their entry, and
nothing of them remains."""

import base64
import re
import time

import pytest
from django_otp.oath import TOTP

from alliantie.accounts.tests.test_data_rights import mentions
from alliantie.core.models import Municipality, Sector
from alliantie.core.tests.factories import make_event, make_membership, make_organisation, make_user
from alliantie.core.tests.test_browser import serious_violations, sign_in
from alliantie.localalliances.models import LocalAlliance, PoolMember

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def mail_to(mailbox, address: str, subject: str) -> str:
    for message in reversed(mailbox.messages):
        if address in message["To"] and subject in message["Subject"]:
            return message.get_body(preferencelist=("plain",)).get_content()
    raise AssertionError(f"no mail '{subject}' to {address}: {[(m['To'], m['Subject']) for m in mailbox.messages]}")


def link_in(body: str, pattern: str) -> str:
    return re.search(rf"(https?://\S+{pattern})", body).group(1)


def new_page(browser, **viewport):
    return browser.new_context(locale="nl-NL", viewport=viewport or {"width": 1280, "height": 900}).new_page()


def code_for(secret: str, *, ahead: int = 0) -> str:
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    totp = TOTP(key, step=30, t0=0, digits=6, drift=0)
    totp.time = time.time() + ahead
    return f"{totp.token():06d}"


def test_a_local_alliance_from_the_request_to_a_lesson_found_elsewhere(
    browser, page, live_server, live_personas, mailbox
):
    personas = live_personas
    dongen = Municipality.objects.get(code="GM0766")
    bakery = make_organisation(
        name="Bakkerij Van Dongen",
        slug="bakkerij-van-dongen",
        sector=Sector.objects.get(slug="werkgever"),
        municipality=dongen,
        email="info@bakkerij-dongen.example.org",
    )
    make_membership(make_user(email="bakker@example.org", name="Bram Bakker"), bakery, "contact")

    # A municipality asks to start a local alliance (a typo first: "bedoelt u").
    visitor = new_page(browser)
    visitor.goto(live_server.url + "/lokale-allianties/")
    visitor.get_by_role("link", name="Wij willen een lokale alliantie starten").click()
    visitor.get_by_label("Wij willen een lokale alliantie starten in").fill("Dongn")
    visitor.get_by_label("Namens welke organisatie?").fill("Gemeente Dongen")
    visitor.get_by_label("Uw naam").fill("Wendy Wouters")
    visitor.get_by_label("Uw e-mailadres").fill("wendy@example.org")
    visitor.get_by_label("Wat willen jullie bereiken").fill(
        "Na de Publieksacademie Brabant willen we bedrijven betrekken."
    )
    visitor.get_by_role("button", name="Aanvraag versturen").click()
    assert "Bedoelt u Dongen?" in visitor.locator("#id_municipalities_error").inner_text()
    assert serious_violations(visitor) == []
    visitor.get_by_label("Wij willen een lokale alliantie starten in").fill("Dongen")
    visitor.get_by_role("button", name="Aanvraag versturen").click()
    assert "uw aanvraag is binnen" in visitor.locator("h1").inner_text()
    assert "Dongen" in mail_to(mailbox, "wendy@example.org", "Uw aanvraag")

    # The team accepts it from its worklist and names a coordinator.
    sign_in(page, live_server, personas.users["project_team"])
    page.goto(live_server.url + "/lokale-allianties/werkvoorraad/")
    page.get_by_role("link", name=re.compile("Dongen: Gemeente Dongen")).click()
    page.get_by_label("Starten: de alliantie begint").check()
    page.get_by_label("Naam van de alliantie").fill("Lokale alliantie Dongen")
    page.get_by_label("E-mailadres van de coördinator").fill("cees@example.org")
    page.get_by_label("Naam van de coördinator").fill("Cees Coördinator")
    page.get_by_label("Antwoord aan de aanvrager").fill("Welkom! We plannen een kickstart.")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Besluit vastleggen en de aanvrager mailen").click()
    assert page.locator("h1").inner_text() == "Lokale alliantie Dongen"
    alliance = LocalAlliance.objects.get(name="Lokale alliantie Dongen")
    assert "Welkom! We plannen een kickstart." in mail_to(mailbox, "wendy@example.org", "is gestart")

    # The coordinator makes an account from the mail, sets up the second factor, and logs in with it.
    coordinator = new_page(browser)
    coordinator.goto(
        link_in(mail_to(mailbox, "cees@example.org", "coördinator"), "/lokale-allianties/coordinator/\\S+/")
    )
    coordinator.get_by_label("Uw naam").fill("Cees Coördinator")
    coordinator.get_by_label("Kies een wachtwoord").fill("een lange eigen zin voor cees")
    coordinator.get_by_label("Herhaal het wachtwoord").fill("een lange eigen zin voor cees")
    coordinator.get_by_role("button", name="Coördinator worden").click()
    coordinator.wait_for_url(re.compile(r"/account/tweestapsverificatie/instellen/"))
    secret = coordinator.locator(".secret code").inner_text()
    coordinator.fill("#id_token", code_for(secret))
    coordinator.click("main button[type=submit]")
    coordinator.get_by_role("link", name="Ik heb ze bewaard, ga verder").click()
    assert coordinator.locator("h1").inner_text() == "Mijn lokale alliantie"
    coordinator.get_by_role("button", name="Uitloggen").click()
    coordinator.goto(live_server.url + "/account/inloggen/?next=/lokale-allianties/mijn/")
    coordinator.fill("#id_username", "cees@example.org")
    coordinator.fill("#id_password", "een lange eigen zin voor cees")
    coordinator.click("main button[type=submit]")
    coordinator.wait_for_url(re.compile(r"/account/tweestapsverificatie/"))
    coordinator.fill("#id_token", code_for(secret, ahead=30))  # the next code: a code is used only once
    coordinator.click("main button[type=submit]")
    coordinator.wait_for_url(re.compile(r"/lokale-allianties/mijn/"))
    assert "Lokale alliantie Dongen" in coordinator.locator("main").inner_text()
    assert serious_violations(coordinator) == []

    # The coordinator adds a member and a goal.
    coordinator.get_by_role("link", name="Leden").first.click()
    coordinator.get_by_label("Naam van de organisatie").nth(1).fill("Welzijn Dongen")
    coordinator.get_by_label("Sector").select_option(label="Maatschappelijke organisatie")
    coordinator.get_by_role("button", name="Lokale organisatie toevoegen").click()
    assert "Welzijn Dongen doet mee." in coordinator.locator(".messages").inner_text()
    assert serious_violations(coordinator) == []
    coordinator.goto(live_server.url + alliance.get_absolute_url())
    coordinator.get_by_role("link", name="Doel toevoegen").click()
    coordinator.get_by_label("Titel").fill("Bedrijven betrekken bij meedoen")
    coordinator.get_by_label("Opgave").select_option(label="Meedoen")
    coordinator.get_by_label("Verzachten").check()
    coordinator.get_by_label("Wat moet het opleveren voor kinderen en gezinnen?").fill(
        "Honderd kinderen gaan op sport of muziek met steun van lokale bedrijven."
    )
    coordinator.locator("#id_target_number").fill("100")
    coordinator.get_by_label("Het streefaantal gaat over").select_option("kinderen")
    coordinator.get_by_label("Status").select_option("loopt")
    coordinator.get_by_label("Geraadpleegd").check()
    coordinator.get_by_label("Welzijn Dongen").check()
    coordinator.get_by_role("button", name="Opslaan").click()
    assert "Bedrijven betrekken bij meedoen" in coordinator.locator("#agenda").locator("..").inner_text()

    # The check shows the missing sector with suggested organisations and why; one is invited and joins.
    check = coordinator.locator(".check-list").inner_text()
    assert "Werkgever / bedrijfsleven" in check and "Vraag de ondernemersvereniging" in check
    suggestion = coordinator.locator(".suggestion", has_text="Bakkerij Van Dongen")
    assert "vult de ontbrekende sector Werkgever / bedrijfsleven" in suggestion.inner_text()
    assert "gevestigd in Dongen" in suggestion.inner_text()
    assert serious_violations(coordinator) == []
    suggestion.get_by_role("link", name=re.compile("Uitnodigen")).click()
    assert coordinator.get_by_label("E-mailadres").input_value() == "info@bakkerij-dongen.example.org"
    coordinator.get_by_label("Persoonlijk bericht").fill("Doet u mee? We zoeken bedrijven die sport sponsoren.")
    coordinator.get_by_role("button", name="Uitnodiging versturen").click()
    assert "De uitnodiging aan Bakkerij Van Dongen is verstuurd" in coordinator.locator(".messages").inner_text()
    baker = new_page(browser)
    baker.goto(link_in(mail_to(mailbox, "bakker@example.org", "Uitnodiging"), "/lokale-allianties/uitnodiging/\\S+/"))
    baker.get_by_label("Ja, wij doen mee").check()
    baker.get_by_label("Wat kunt u inbrengen?").fill("Sponsoring van de zwemles")
    assert serious_violations(baker) == []
    baker.get_by_role("button", name="Antwoord versturen").click()
    assert "Bakkerij Van Dongen" in baker.locator("main").inner_text()
    assert "Bakkerij Van Dongen doet mee" in mailbox.messages[-1]["Subject"]
    coordinator.reload()
    assert (
        "Werkgever / bedrijfsleven" not in coordinator.locator(".check-list").inner_text().split("Ontbreekt:")[1][:200]
    )

    # A leernetwerk meeting is held; the coordinator records its lesson.
    meeting = make_event(kind="leernetwerk", audience="local", title="Leernetwerk lokale allianties", in_days=-1)
    coordinator.get_by_role("link", name="Les vastleggen").first.click()
    coordinator.get_by_label("Titel").fill("Werkgevers bereik je via de ondernemersvereniging")
    coordinator.get_by_label("Succesfactor").check()
    coordinator.get_by_label("De les in eenvoudig Nederlands").fill(
        "Een brief aan werkgevers leverde niets op; een bijeenkomst bij de ondernemersvereniging wel."
    )
    coordinator.get_by_label("Na welke bijeenkomst van het leernetwerk?").select_option(str(meeting.pk))
    coordinator.get_by_label("Werkgever / bedrijfsleven").check()
    coordinator.get_by_role("button", name="Les delen").click()
    assert "andere allianties vinden haar nu ook" in coordinator.locator(".messages").inner_text()

    # From another alliance's page, its coordinator finds the lesson.
    other = new_page(browser)
    sign_in(other, live_server, personas.users["other_coordinator"])
    other.goto(live_server.url + personas.other_alliance.get_absolute_url())
    other.get_by_label("Wat leerden andere allianties over …").fill("werkgevers betrekken")
    other.get_by_role("button", name="Zoek in de lessen").click()
    result = other.locator(".result-list li", has_text="ondernemersvereniging")
    assert result.count() == 1
    result.get_by_role("link").first.click()
    assert "Lokale alliantie Dongen" in other.locator("main").inner_text()
    assert serious_violations(other) == []
    # ... and cannot change the Dongen alliance
    response = other.goto(live_server.url + f"/lokale-allianties/{alliance.slug}/wijzigen/")
    assert response.status == 403

    # A person registers in the pool on a phone, and later deletes the entry: nothing of them remains.
    phone = new_page(browser, width=375, height=740)
    phone.goto(live_server.url + "/ervaringsdeskundigen/")
    phone.get_by_role("link", name="Inschrijven").click()
    phone.get_by_label("Naam", exact=True).fill("Noor Ervaring")
    phone.get_by_label("E-mailadres").fill("noor@example.org")
    phone.get_by_label("brugfunctionaris").check()
    phone.get_by_label("Noord-Brabant").check()
    phone.get_by_label("ongeveer een keer per maand").check()
    phone.get_by_label("alleen reiskosten en onkosten").check()
    phone.get_by_role("button", name="Inschrijven").click()
    assert "Zonder uw toestemming" in phone.locator("#id_consent_error").inner_text()
    assert not PoolMember.objects.exists()
    assert serious_violations(phone) == []
    phone.get_by_label("Ik geef toestemming").check()
    phone.get_by_role("button", name="Inschrijven").click()
    assert "Kijk in uw e-mail" in phone.locator("h1").inner_text()
    phone.goto(link_in(mail_to(mailbox, "noor@example.org", "Bevestig"), "/ervaringsdeskundigen/bevestigen/\\S+/"))
    phone.get_by_label("Ja, ik wil in de pool en geef toestemming").check()
    phone.get_by_role("button", name="Bevestigen").click()
    assert phone.locator("h1").inner_text() == "Mijn inschrijving in de pool"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert PoolMember.objects.get().status == "actief" and mentions("noor@example.org")
    # the coordinator of a Brabant alliance now sees the person in the pool
    coordinator.goto(live_server.url + "/ervaringsdeskundigen/overzicht/")
    assert "Noor Ervaring" in coordinator.locator("main").inner_text()
    # later, from the link in the welcome mail
    phone.goto(
        link_in(mail_to(mailbox, "noor@example.org", "U staat in de pool"), "/ervaringsdeskundigen/inschrijving/\\S+/")
    )
    phone.get_by_role("link", name="Mijn inschrijving verwijderen").click()
    phone.get_by_label("Ik begrijp dat alles van mij uit de pool verdwijnt").check()
    phone.get_by_role("button", name="Definitief verwijderen").click()
    assert "Er staat niets meer van u in de pool" in phone.locator(".messages").inner_text()
    assert mentions("noor@example.org") == [] and mentions("Noor Ervaring") == []

    # The alliance's public page fits a phone and is accessible.
    phone.goto(live_server.url + alliance.get_absolute_url())
    assert "Bakkerij Van Dongen" in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(phone) == []
    for context_page in (visitor, coordinator, baker, other, phone):
        context_page.context.close()
