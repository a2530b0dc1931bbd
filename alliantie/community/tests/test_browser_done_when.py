"""Issue 17's "Done when", tried as new users would in a real browser (Debian's Chromium) with every mail through a real
local SMTP server.

Newsletter: a visitor subscribes and confirms; the team composes an edition from proposed items, sees the recipient
count, sends a test, a second team member confirms, it is sent; the mail has both unsubscribe headers, and a POST to the
one-click address unsubscribes without login; a bounce message puts an address on hold; the edition is in the archive
and its feed. Community: a partner asks a question in the group "Een gezonde dag", another answers, the asker marks
it, the team turns it into a kennisbank item; a post is flagged twice and is hidden."""

import mailbox as maildir
import re
import urllib.request
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from alliantie.community.models import Post, Thread
from alliantie.core.tests.factories import make_event, make_item
from alliantie.core.tests.test_browser import serious_violations, sign_in
from alliantie.knowledge.models import Item
from alliantie.newsletters.models import AddressHold, Edition, Subscriber
from alliantie.newsletters.tests.dsn import dsn
from alliantie.newsletters.tests.helpers import make_subscriber

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def new_page(browser, **viewport):
    size = viewport or {"width": 1280, "height": 900}
    return browser.new_context(locale="nl-NL", viewport=size).new_page()


def mail_to(mailbox, address: str, subject: str):
    for message in reversed(mailbox.messages):
        if message["To"] == address and subject in message["Subject"]:
            return message
    raise AssertionError(f"no mail '{subject}' to {address}: {[(m['To'], m['Subject']) for m in mailbox.messages]}")


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def fits_a_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_newsletter_from_subscribing_to_the_archive(
    browser, page, live_server, live_personas, mailbox, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    make_event(title="Kenniskring 12: Gezond ontbijt op school", slug="kenniskring-12")
    make_item(title="Schoolontbijt in Zoetermeer", slug="schoolontbijt-zoetermeer")
    make_subscriber("weg@example.org")  # an address that will bounce

    # A visitor subscribes, on a phone, and confirms the address from the mail.
    visitor = new_page(browser, width=375, height=740)
    visitor.goto(live_server.url + reverse("newsletters:subscribe"))
    visitor.get_by_label("E-mailadres").fill("ouder@example.org")
    visitor.get_by_label("Een gezonde dag").check()
    visitor.locator("#id_consent").check()
    visitor.locator("main form button[type=submit]").click()
    assert "kijk in uw mail" in visitor.locator(".messages").inner_text()
    assert fits_a_phone(visitor) and serious_violations(visitor) == []
    confirmation = text_of(mail_to(mailbox, "ouder@example.org", "Bevestig uw aanmelding"))
    visitor.goto(re.search(r"https?://\S+/nieuwsbrief/bevestigen/\S+/", confirmation).group(0))
    visitor.get_by_role("button", name="Ja, ik wil de nieuwsbrief").click()
    assert "Uw aanmelding is bevestigd" in visitor.locator(".messages").inner_text()
    assert Subscriber.objects.get(email="ouder@example.org").is_active

    # The team composes an edition from what the platform proposes.
    sign_in(page, live_server, live_personas.users["project_team"])
    page.goto(live_server.url + reverse("newsletters:manage"))
    page.get_by_label("Onderwerp").fill("Nieuwsbrief maart: gezond ontbijt")
    page.get_by_label("Inleiding").fill("Beste lezer, dit gebeurde er de afgelopen maanden.")
    page.get_by_role("button", name="Editie maken").click()
    assert "voorstellen van het platform" in page.locator(".messages").inner_text()
    edition = Edition.objects.get()
    event_block = edition.blocks.get(kind="event")
    assert event_block.title == "Kenniskring 12: Gezond ontbijt op school"
    page.locator(f"#id_b{event_block.pk}-title").fill("Kom naar Kenniskring 12")
    page.get_by_role("button", name=re.compile(r"Blok opslaan\W+Kenniskring 12")).click()
    assert "is opgeslagen" in page.locator(".messages").inner_text()
    partners_block = edition.blocks.filter(kind="partners").first()
    if partners_block is not None:
        page.get_by_role("button", name=re.compile(rf"Weghalen\W+{partners_block.title}")).click()
    assert serious_violations(page) == []

    # It sees the recipients, sends a test to itself, and puts it ready for a second team member.
    page.get_by_role("link", name="Verder: ontvangers en versturen").click()
    assert "2 abonnees" in page.locator(".big-number").inner_text()
    assert "ouder@example.org" in page.locator("main").inner_text()
    page.get_by_role("button", name="Stuur een test naar team@example.org").click()
    test = mail_to(mailbox, "team@example.org", "[Test] Nieuwsbrief maart")
    assert "Kom naar Kenniskring 12" in text_of(test)
    page.get_by_label("Ik heb het aantal ontvangers en het voorbeeld gezien").check()
    page.get_by_role("button", name="Klaarzetten voor bevestiging").click()
    assert "een tweede lid van het projectteam" in page.locator(".messages").inner_text()
    assert serious_violations(page) == []
    assert not any(m["To"] == "ouder@example.org" and "maart" in m["Subject"] for m in mailbox.messages)

    # A second team member confirms; the edition is sent.
    second = new_page(browser)
    sign_in(second, live_server, live_personas.users["administrator"])
    second.goto(live_server.url + reverse("newsletters:edition-send", args=[edition.pk]))
    second.get_by_role("button", name="Bevestigen en versturen").click()
    assert "wordt verstuurd" in second.locator(".messages").inner_text()
    edition.refresh_from_db()
    assert edition.status == "sent" and edition.number == 1

    # The mail has both unsubscribe headers; a POST without login to the one-click address unsubscribes.
    letter = mail_to(mailbox, "ouder@example.org", "Nieuwsbrief maart")
    assert letter.get_body(preferencelist=("html",)) is not None and "<img" not in str(letter)
    assert "Kom naar Kenniskring 12" in text_of(letter)
    one_click = letter["List-Unsubscribe"].strip()
    assert re.fullmatch(rf"<{re.escape(live_server.url)}/nieuwsbrief/afmelden/\d+-[0-9a-f]+/>", one_click)
    assert letter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    request = urllib.request.Request(one_click[1:-1], data=b"List-Unsubscribe=One-Click", method="POST")
    with urllib.request.urlopen(request, timeout=20) as answer:  # no cookie, no CSRF token, no login
        assert answer.status == 200
    assert Subscriber.objects.get(email="ouder@example.org").unsubscribed_at is not None

    # A bounce message puts an address on hold; the team sees it and why.
    box = maildir.Maildir(tmp_path / "bounces", create=True)
    box.add(dsn("weg@example.org"))
    call_command("process_bounces", "--maildir", str(tmp_path / "bounces"), stdout=StringIO())
    assert AddressHold.objects.current().filter(email="weg@example.org").exists()
    page.goto(live_server.url + reverse("newsletters:holds"))
    assert "weg@example.org" in page.locator("main").inner_text() and "5.1.1" in page.locator("main").inner_text()
    assert serious_violations(page) == []

    # The edition is in the archive and its feed, announced on the page.
    reader = new_page(browser)
    reader.goto(live_server.url + reverse("newsletters:archive"))
    feed = reader.locator('link[rel=alternate][type="application/atom+xml"]').get_attribute("href")
    reader.get_by_role("link", name="Nieuwsbrief 1: Nieuwsbrief maart: gezond ontbijt").click()
    assert reader.locator("h1").inner_text() == "Nieuwsbrief maart: gezond ontbijt"
    assert "Kom naar Kenniskring 12" in reader.locator("main").inner_text()
    assert "ouder@example.org" not in reader.content()
    assert serious_violations(reader) == []
    with urllib.request.urlopen(feed, timeout=20) as answer:
        assert "Nieuwsbrief 1: Nieuwsbrief maart: gezond ontbijt" in answer.read().decode()


def test_a_question_in_een_gezonde_dag_to_the_kennisbank_and_a_flagged_post(browser, page, live_server, live_personas):
    personas = live_personas

    # A partner asks a question in the group "Een gezonde dag".
    sign_in(page, live_server, personas.users["member"])
    page.goto(live_server.url + reverse("community:overview"))
    page.get_by_role("link", name="Een gezonde dag").first.click()
    page.get_by_role("link", name="Vraag stellen of iets delen").click()
    page.get_by_label("Een vraag stellen").check()
    page.get_by_label("Titel").fill("Hoe starten we een schoolontbijt?")
    page.get_by_label("Uw bericht").fill("Wij willen na de zomer beginnen. Wie heeft tips? <script>alert(1)</script>")
    page.get_by_role("button", name="Plaatsen").click()
    assert "staat in Een gezonde dag" in page.locator(".messages").inner_text()
    assert "<script>alert(1)</script>" in page.locator("main").inner_text()  # shown as text, not run
    assert serious_violations(page) == []
    thread = Thread.objects.get()
    thread_url = live_server.url + thread.get_absolute_url()

    # Another partner answers, on a phone.
    other = new_page(browser, width=375, height=740)
    sign_in(other, live_server, personas.users["outsider"])
    other.goto(thread_url)
    other.get_by_label("Uw reactie").fill("Begin klein: één klas, met ouders erbij. Zie https://example.org/ontbijt")
    other.get_by_role("button", name="Plaatsen").click()
    assert "Uw reactie is geplaatst" in other.locator(".messages").inner_text()
    assert other.locator("a[rel='nofollow ugc noopener']").first.get_attribute("href") == "https://example.org/ontbijt"
    assert fits_a_phone(other) and serious_violations(other) == []

    # The asker marks the answer that helped.
    page.goto(thread_url)
    page.get_by_role("button", name=re.compile(r"Dit antwoord hielp mij\W+Olga Outsider")).click()
    assert "het antwoord dat hielp" in page.locator(".messages").inner_text()
    assert page.locator(".post--answer").count() == 1

    # The team turns it into a kennisbank item.
    team = new_page(browser)
    sign_in(team, live_server, personas.users["project_team"])
    team.goto(thread_url)
    team.get_by_role("button", name="Maak er een kennisbank-item van").click()
    assert "concept in de kennisbank" in team.locator(".messages").inner_text()
    item = Item.objects.get()
    assert team.url.endswith(item.get_absolute_url()) and item.title == "Hoe starten we een schoolontbijt?"
    assert "Begin klein" in item.body

    # A post is flagged twice and is hidden.
    answer = Post.objects.get(is_opening=False)
    for role in ("contact", "coordinator"):
        flagger = new_page(browser)
        sign_in(flagger, live_server, personas.users[role])
        flagger.goto(thread_url)
        flagger.get_by_role("link", name=re.compile(r"Melden\W+Olga Outsider")).click()
        flagger.get_by_label("reclame of spam").check()
        flagger.get_by_role("button", name="Melden").click()
        assert "Een moderator kijkt naar het bericht" in flagger.locator(".messages").inner_text()
    answer.refresh_from_db()
    assert answer.status == "hidden"
    page.goto(thread_url)
    assert "verborgen na meldingen" in page.locator("main").inner_text()
    assert "Begin klein" not in page.locator("main").inner_text()
    team.goto(live_server.url + reverse("community:moderation"))
    assert "Hoe starten we een schoolontbijt?" in team.locator("main").inner_text()
    assert serious_violations(team) == []
