"""The monitor as its users meet it, in a real browser: the team makes a round from the template and opens it, a
partner answers and submits, another partner gets a reminder (through a real SMTP server), the team codes the
open answers, and the progress report comes out as a page and as a PDF whose pages look right."""

import re
import subprocess
from datetime import date

import pytest
from django.utils import timezone

from alliantie.core.tests.factories import make_activity, make_membership, make_organisation, make_user
from alliantie.core.tests.test_browser import serious_violations, sign_in
from alliantie.monitoring.models import Code, Invitation, MonitorRound, Response
from alliantie.partners.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_a_round_from_template_to_report(browser, page, live_server, live_personas, mailbox, tmp_path):
    personas = live_personas
    activity = make_activity(personas.organisation, starts_on=date(timezone.localdate().year, 1, 1))
    activity.progress_updates.create(
        reported_on=timezone.localdate(), children_reached=55, families_reached=20, note="x"
    )
    for n in range(5):  # enough partners that the public figures show
        other = make_organisation(name=f"Stichting Samen {n}")
        make_membership(make_user(email=f"samen{n}@example.org"), other, Membership.Role.CONTACT)

    # The team makes a round from the template and opens it.
    sign_in(page, live_server, personas.users["project_team"])
    page.goto(live_server.url + "/monitor/")
    page.get_by_role("link", name="Monitorrondes beheren").click()
    page.get_by_role("link", name="Nieuwe ronde").click()
    assert "Partnermonitor (versie 1)" in page.locator("#id_questionnaire").inner_text()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Ronde aanmaken").click()
    page.get_by_role("link", name="Ronde openen en partners uitnodigen").click()
    # First who will get the mail, and a confirmation.
    assert "7 organisaties" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    page.get_by_label("Ik heb gezien wie deze e-mail krijgt en wil hem versturen").check()
    page.get_by_role("button", name="Ronde openen en e-mails versturen").click()
    assert "De ronde is open. 7 partners" in page.locator(".messages").inner_text()
    assert len(mailbox.messages) == 7
    monitor_round = MonitorRound.objects.get()
    invitation = Invitation.objects.get(round=monitor_round, organisation=personas.organisation)
    mail = next(m for m in mailbox.messages if m["To"] == "contact@example.org")
    link = re.search(r"https?://\S+/monitor/antwoorden/\S+/", mail.get_body(("plain",)).get_content()).group(0)
    assert invitation.token in link

    # A partner answers: the opgaven come from its activities; it saves, comes back, submits.
    partner = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}).new_page()
    sign_in(partner, live_server, personas.users["contact"])
    partner.goto(live_server.url + f"/monitor/antwoorden/{invitation.token}/")
    assert partner.get_by_label("1. Meedoen").is_checked() is False
    assert partner.locator("input[value=een-gezonde-dag]").is_checked()  # from the activity
    assert partner.get_by_label("Hoeveel kinderen bereikten uw activiteiten dit jaar (ongeveer)?").input_value() == "55"
    partner.get_by_label("Op welke manier werkt uw organisatie aan het vervullen van uw belofte?").fill(
        "We geven elke ochtend ontbijt op school."
    )
    partner.get_by_role("button", name="Bewaren als concept").click()
    assert "bewaard als concept" in partner.locator(".messages").inner_text()
    follow_up = partner.locator("[data-follow-up-of]")
    assert follow_up.is_hidden()
    partner.locator("fieldset", has_text="Werkt u samen").get_by_label("ja", exact=True).check()
    assert follow_up.is_visible()
    partner.get_by_label("Met welke partners, en waaraan?").fill("Met de voedselbank.")
    partner.get_by_label("Wat heeft uw organisatie nog nodig bij het (verder) vervullen van uw belofte?").fill(
        "Een landelijke sociale kaart."
    )
    partner.get_by_role("button", name="Indienen").click()
    summary = partner.locator(".error-summary").inner_text()
    assert "Hoe betrekt u mensen met ervaringskennis" in summary  # a required question left open
    assert serious_violations(partner) == []
    partner.get_by_label("Geraadpleegd").check()
    partner.get_by_role("button", name="Indienen").click()
    assert "Uw antwoorden zijn ingediend" in partner.locator(".messages").inner_text()
    assert "Een landelijke sociale kaart." in partner.locator("main").inner_text()
    assert Response.objects.get(organisation=personas.organisation).status == "submitted"
    partner.context.close()

    # The team reminds the others, through the real SMTP server.
    page.goto(live_server.url + monitor_round.get_absolute_url())
    assert "14%" in page.locator(".big-number").inner_text()  # 1 of 7
    page.get_by_role("link", name=re.compile("Herinner de 6 partners")).click()
    assert "6 organisaties" in page.locator("main").inner_text()
    page.get_by_label("Ik heb gezien wie deze e-mail krijgt en wil hem versturen").check()
    page.get_by_role("button", name="Herinneringen versturen").click()
    reminders = [m for m in mailbox.messages if "Herinnering" in m["Subject"]]
    assert len(reminders) == 6 and "buiten@example.org" in {m["To"] for m in reminders}
    assert "contact@example.org" not in {m["To"] for m in reminders}

    # The team codes the open answer and publishes the round's summary.
    page.get_by_role("link", name="Resultaten", exact=True).click()  # not the footer's link
    page.locator("section", has_text="Wat heeft uw organisatie nog nodig").get_by_role(
        "link", name="Open antwoorden lezen en indelen"
    ).click()
    page.get_by_label("Categorieën").fill("Inzicht in voorzieningen (sociale kaart)")
    page.get_by_role("button", name=re.compile("Indelen")).click()
    assert Code.objects.get().answers.count() == 1
    assert serious_violations(page) == []

    # The report as a page and as a PDF; a second team member confirms it.
    year = monitor_round.year
    page.goto(live_server.url + f"/monitor/rapportage/{year}/")
    page.get_by_label("Inleiding").fill("Het eerste jaar op het platform.")
    page.get_by_role("button", name="Bewaren").click()
    body = page.locator("main").inner_text()
    assert f"Voortgangsrapportage {year}" in body and "Concept" in body
    assert "minder dan 5 partners" in body  # the reach of one partner's activity does not single it out
    assert serious_violations(page) == []
    pdf = page.request.get(live_server.url + f"/voortgangsrapportage/{year}/?formaat=pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / "rapportage.pdf"
    path.write_bytes(pdf.body())
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "pagina")], check=True)
    pages = sorted(tmp_path.glob("pagina-*.png"))
    assert 2 <= len(pages) <= 8
    for image in pages:
        width, height = png_size(image)
        assert abs(height / width - 297 / 210) < 0.01  # A4 portrait
        assert image.stat().st_size > 3000  # not blank
    first = pages[0].read_bytes()
    assert first  # the first page carries the title and the growth chart
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert f"Voortgangsrapportage {year}" in text and "Het eerste jaar op het platform." in text

    second = browser.new_context(locale="nl-NL").new_page()
    sign_in(second, live_server, personas.users["administrator"])
    second.goto(live_server.url + f"/voortgangsrapportage/{year}/")
    second.get_by_role("button", name="Bevestigen en publiceren").click()
    assert "bevestigd en gepubliceerd" in second.locator(".messages").inner_text()
    second.context.close()
    visitor = browser.new_context(locale="nl-NL").new_page()
    visitor.goto(live_server.url + f"/voortgangsrapportage/{year}/")
    assert "bevestigd door Bea Beheer" in visitor.locator("main").inner_text()
    assert serious_violations(visitor) == []
    visitor.context.close()


def png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[16:24]
    return int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")
