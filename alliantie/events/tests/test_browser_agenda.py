"""The issue's "Done when", tried as new users would in a real browser with every mail through a real local SMTP
server: the team creates Kenniskring 11 with 2 places, three people register (the third lands on the waiting list),
one cancels through the mail link, the third is offered the place and accepts through the mail, the organiser scans
attendance on a phone, the event moves a day and the reminder follows the new date, after the event the report becomes
a kennisbank item, and a teacher finds it by searching "armoede signaleren in de klas"."""

import io
import re
from datetime import timedelta

import pytest
import segno
from django.utils import timezone
from django.utils.formats import date_format

from alliantie.core.tests.test_browser import serious_violations, sign_in
from alliantie.events import links
from alliantie.events.models import Event, Registration
from alliantie.events.services import send_due_reminders
from alliantie.knowledge.models import Item

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def mail_to(mailbox, address: str, subject: str) -> str:
    """The body of the latest mail to `address` whose subject contains `subject`."""
    for message in reversed(mailbox.messages):
        if message["To"] == address and subject in message["Subject"]:
            return message.get_body(preferencelist=("plain",)).get_content()
    raise AssertionError(f"no mail '{subject}' to {address}: {[(m['To'], m['Subject']) for m in mailbox.messages]}")


def link_in(body: str, pattern: str) -> str:
    return re.search(rf"(https?://\S+{pattern})", body).group(1)


def new_page(browser, **viewport):
    size = viewport or {"width": 1280, "height": 900}
    return browser.new_context(locale="nl-NL", viewport=size).new_page()


def register_without_account(browser, url: str, name: str, email: str):
    visitor = new_page(browser)
    visitor.goto(url)
    visitor.get_by_label("Naam").fill(name)
    visitor.get_by_label("E-mailadres").fill(email)
    visitor.get_by_label("Organisatie").fill("OBS De Vlinder")
    visitor.locator("main form button[type=submit]").click()
    assert "kijk in uw mail" in visitor.locator(".messages").inner_text()
    return visitor


def test_kenniskring_11_from_creation_to_the_report_a_teacher_finds(browser, page, live_server, live_personas, mailbox):
    personas = live_personas
    team = personas.users["project_team"]

    # The team creates "Kenniskring 11" with 2 places.
    sign_in(page, live_server, team)
    page.goto(live_server.url + "/agenda/")
    page.get_by_role("link", name="Bijeenkomst toevoegen").click()
    start = timezone.localtime() + timedelta(days=14)
    page.get_by_label("Soort bijeenkomst").select_option("kenniskring")
    page.get_by_label("Nummer in de reeks").fill("11")
    page.get_by_label("Titel").fill("Kenniskring 11: Armoede signaleren in de klas")
    page.get_by_label("Korte omschrijving").fill("Hoe zie je dat een leerling thuis krap zit, en wat doe je dan?")
    page.get_by_label("Begint").fill(start.strftime("%Y-%m-%dT14:00"))
    page.get_by_label("Eindigt").fill(start.strftime("%Y-%m-%dT13:00"))  # a slip first: ends before it starts
    page.locator("#id_venue").fill("Stadskantoor")
    page.locator("#id_municipality").fill("Utrecht")
    page.get_by_label("Aantal plaatsen").fill("2")
    page.get_by_label("Meedoen").check()
    page.locator("main form button[type=submit]").click()
    assert "Het einde ligt voor het begin" in page.locator("#id_ends_at_error").inner_text()
    assert serious_violations(page) == []
    page.get_by_label("Eindigt").fill(start.strftime("%Y-%m-%dT16:00"))
    page.locator("main form button[type=submit]").click()
    assert "staat in de agenda" in page.locator(".messages").inner_text()
    event = Event.objects.get(series_number=11)
    event_url = live_server.url + event.get_absolute_url()
    assert serious_violations(page) == []

    # Three people register: a partner member with one click, two teachers without an account.
    member = new_page(browser)
    sign_in(member, live_server, personas.users["member"])
    member.goto(event_url)
    member.locator("main form button[type=submit]").click()
    assert "U bent aangemeld" in member.locator(".messages").inner_text()
    teacher = register_without_account(browser, event_url, "Noor Leerkracht", "noor@example.org")
    teacher.goto(link_in(mail_to(mailbox, "noor@example.org", "Bevestig"), "/bevestigen/"))
    teacher.get_by_role("button", name="Ja, ik meld mij aan").click()
    assert "U bent aangemeld" in teacher.locator(".messages").inner_text()
    third = register_without_account(browser, event_url, "Sem Intern Begeleider", "sem@example.org")
    third.goto(link_in(mail_to(mailbox, "sem@example.org", "Bevestig"), "/bevestigen/"))
    third.get_by_role("button", name="Ja, ik meld mij aan").click()
    assert "op de wachtlijst" in third.locator(".messages").inner_text()
    assert "nummer 1 op de wachtlijst" in third.locator("main").inner_text()
    assert serious_violations(third) == []

    # One cancels through the link in the mail; the third is offered the place and accepts through the mail.
    member.goto(link_in(mail_to(mailbox, "medewerker@example.org", "Aangemeld"), "/aanmelding/[^/\\s]+/"))
    member.get_by_role("button", name="Ik meld mij af").click()
    assert "U bent afgemeld" in member.locator(".messages").inner_text()
    offer = mail_to(mailbox, "sem@example.org", "Er is een plaats voor u")
    third.goto(link_in(offer, "/aanmelding/[^/\\s]+/"))
    third.get_by_role("button", name="Ja, ik neem de plaats aan").click()
    assert "U heeft de plaats aangenomen" in third.locator(".messages").inner_text()
    assert Registration.objects.get(email="sem@example.org").status == "confirmed"

    # The organiser's phone scans the QR code of the confirmation mail: it holds the registration's check-in address.
    registration = Registration.objects.get(email="sem@example.org")
    scanned = live_server.url + links.checkin_url(registration)
    qr = next(
        part.get_content()
        for message in mailbox.messages
        if message["To"] == "sem@example.org" and "Aangemeld" in message["Subject"]
        for part in message.iter_attachments()
        if part.get_filename() == "toegangscode.png"
    )
    expected = io.BytesIO()
    segno.make(scanned, error="m").save(expected, kind="png", scale=8, border=4)
    assert qr == expected.getvalue()
    assert registration.checkin_code in mail_to(mailbox, "sem@example.org", "Aangemeld")
    phone = new_page(browser, width=375, height=740)
    sign_in(phone, live_server, team)
    phone.goto(scanned)
    assert "Sem Intern Begeleider" in phone.locator("h1").inner_text()
    phone.get_by_role("button", name="Aanwezig melden").click()
    assert "Sem Intern Begeleider is aanwezig" in phone.locator(".messages").inner_text()
    assert "1 van 2 aanwezig" in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(phone) == []
    phone.get_by_role("button", name="Aanwezig Noor Leerkracht").click()
    assert "2 van 2 aanwezig" in phone.locator("main").inner_text()

    # The event moves a day: the team sees who will be mailed, confirms, everyone registered is mailed.
    page.goto(event_url)
    page.get_by_role("link", name="Wijzigen of verplaatsen").click()
    moved = start + timedelta(days=1)
    page.get_by_label("Begint").fill(moved.strftime("%Y-%m-%dT14:00"))
    page.get_by_label("Eindigt").fill(moved.strftime("%Y-%m-%dT16:00"))
    page.locator("main form button[type=submit]").click()
    assert "2 aangemelde mensen krijgen hierover een mail" in page.locator("main").inner_text()
    assert "Noor Leerkracht" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Wijzigen en iedereen mailen").click()
    assert "2 aangemelde mensen krijgen een mail" in page.locator(".messages").inner_text()
    assert "Gewijzigd" in mailbox.messages[-1]["Subject"]
    event.refresh_from_db()
    old_start = event.starts_at - timedelta(days=1)
    assert send_due_reminders(now=event.starts_at - timedelta(days=7) + timedelta(hours=1)) == 2  # a week before
    assert send_due_reminders(now=old_start - timedelta(hours=20)) == 0  # the old date's "tomorrow" does not come
    assert send_due_reminders(now=event.starts_at - timedelta(hours=20)) == 2  # the new date's does
    assert send_due_reminders(now=event.starts_at - timedelta(hours=19)) == 0  # never twice
    reminder = mail_to(mailbox, "noor@example.org", "Herinnering")
    assert date_format(timezone.localtime(event.starts_at), "l j F Y") in reminder

    # After the event the organiser writes the report; it becomes a kennisbank item of kind verslag.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    page.goto(event_url)
    page.get_by_role("link", name="Verslag schrijven").click()
    page.get_by_label("Samenvatting in eenvoudig Nederlands").fill(
        "Leerkrachten deelden hoe zij armoede in de klas signaleren en bespreekbaar maken."
    )
    page.get_by_label("Wat is er gedeeld?").fill(
        "Een leerkracht vertelde hoe zij let op kinderen zonder gymspullen of lunch. Een ervaringsdeskundige "
        "legde uit waarom ouders er zelf niet over beginnen."
    )
    page.get_by_label("Lessen: wat werkt, wat niet?").fill("Vraag het kind en de ouders, zonder oordeel.")
    page.locator("main form button[type=submit]").click()
    assert "Het verslag staat in de kennisbank" in page.locator(".messages").inner_text()
    report = Item.objects.get(event=event)
    assert (report.kind, report.status) == ("verslag", "published")
    assert serious_violations(page) == []

    # A teacher finds it by searching "armoede signaleren in de klas", on a phone.
    visitor = new_page(browser, width=375, height=740)
    visitor.goto(live_server.url + "/")
    visitor.goto(live_server.url + "/kennisbank/")
    visitor.get_by_label("Zoeken in de kennisbank en de agenda").fill("armoede signaleren in de klas")
    visitor.get_by_role("button", name="Zoeken").click()
    result = visitor.locator(".result-list li", has_text="Verslag: Kenniskring 11")
    assert result.count() == 1
    assert "<mark>" in result.inner_html()
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(visitor) == []
    result.get_by_role("link").click()
    assert "Vraag het kind en de ouders" in visitor.locator("main").inner_text()
    visitor.goto(event_url)
    assert visitor.get_by_role("link", name="Lees het verslag").count() == 1
    for context_page in (member, teacher, third, phone, visitor):
        context_page.context.close()
