"""The site in a real headless Chromium: accessibility (axe-core), keyboard use, small screens, and the
account flows as a person goes through them."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

from alliantie.conftest import ROLES
from alliantie.core.tests.factories import PASSWORD
from alliantie.core.tests.test_permission_matrix import MATRIX

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def sign_in(page, live_server, user) -> None:
    """Give the browser the session of a logged-in (and, where needed, second-factor verified) user."""
    client = Client()
    client.force_login(user)
    device = user.totpdevice_set.filter(confirmed=True).first()
    session = client.session
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def serious_violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def pages_for(role, live_personas) -> list[str]:
    urls = []
    for name, entry in MATRIX.items():
        if entry.method == "get" and entry.expect[role] == 200 and name not in ("core:health", "core:security-txt"):
            if name.startswith("api:") or name in (
                "partners:directory-export",
                "partners:pledge-pdf",
                "monitoring:round-export",
                "accounts:my-data-json",
                "backoffice:job-status",
                "backoffice:job-download",
                "events:feed-ical",
                "events:feed-atom",
                "events:feed-kind",
                "events:feed-challenge",
                "events:feed-personal",
                "events:event-ical",
                "events:event-export",
                "knowledge:attachment-download",
                "reports:map-svg",
                "reports:network-export",
                "reports:recruitment-export",
                "reports:impact-map",
                "reports:open-data-file",
                "newsletters:feed-atom",
                "newsletters:feed-rss",
                "community:attachment",
            ):
                continue  # JSON and downloads, not pages
            query = entry.query(live_personas) if callable(entry.query) else entry.query
            urls.append(reverse(name, kwargs=entry.kwargs(live_personas)) + query)
    return urls


def test_no_page_has_a_serious_accessibility_violation_for_any_role(page, live_server, live_personas):
    """Every page once, as the first role (least rights first) that may open it: each role's menu and own pages are
    checked, and the walk stays minutes long instead of checking the same public page for every role."""
    problems = {}
    checked = 0
    seen: set[str] = set()
    for role in ROLES:
        page.context.clear_cookies()
        if role != "anonymous":
            sign_in(page, live_server, live_personas.users[role])
        for url in pages_for(role, live_personas):
            if url in seen:
                continue
            seen.add(url)
            page.goto(live_server.url + url)
            found = serious_violations(page)
            if found:
                problems[f"{role} {url}"] = found
            checked += 1
    assert problems == {}
    assert checked > 40


def test_forms_with_errors_and_the_404_page_are_accessible_too(page, live_server, live_personas):
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", "geen-adres")
    page.click("main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert serious_violations(page) == []
    page.goto(live_server.url + "/bestaat-niet/")
    assert serious_violations(page) == []


def test_the_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Direct naar de inhoud"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # visible once focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_every_page_fits_a_320_pixel_screen_without_sideways_scrolling(browser, live_server, live_personas):
    """WCAG 1.4.10 (reflow): at 320 CSS pixels nothing but a data table's own scroll area may scroll sideways."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide = {}
    seen: set[str] = set()
    for role in ("anonymous", "contact", "project_team"):
        context.clear_cookies()
        if role != "anonymous":
            sign_in(page, live_server, live_personas.users[role])
        for url in pages_for(role, live_personas):
            if url in seen:  # each page once, as the first of these roles that may open it
                continue
            seen.add(url)
            page.goto(live_server.url + url)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide[f"{role} {url}"] = width
    context.close()
    assert too_wide == {}, "\n".join(f"{page}: {width}px" for page, width in sorted(too_wide.items()))


def test_a_visitor_switches_the_site_to_english_and_back(page, live_server):
    page.goto(live_server.url + "/")
    page.click("button[lang=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("Together")
    page.click("button[lang=nl]")
    assert page.locator("html").get_attribute("lang") == "nl"


def test_a_project_team_member_logs_in_with_password_and_authenticator_code(page, live_server, live_personas):
    user = live_personas.users["project_team"]
    device = user.totpdevice_set.get()
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/account/tweestapsverificatie/"))
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("#id_token", f"{totp.token():06d}")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/mijn-werk/$"))
    assert page.locator("h1").inner_text() == "Mijn werk"


def test_a_contact_invites_a_colleague_who_joins_from_the_e_mail(browser, page, live_server, live_personas, mailbox):
    sign_in(page, live_server, live_personas.users["contact"])
    page.goto(live_server.url + live_personas.organisation.get_absolute_url())
    page.fill("#id_email", "nieuwe.collega@example.org")
    page.check("input[name=role][value=member]")
    page.click("text=Uitnodiging versturen")
    assert "De uitnodiging is verstuurd" in page.locator(".messages").inner_text()
    link = re.search(r"http://\S+/uitnodiging/\S+/", mailbox.body()).group(0)
    invitee = browser.new_context().new_page()
    invitee.goto(link)
    invitee.fill("#id_name", "Nadia Nieuw")
    invitee.fill("#id_password1", "een lange eigen zin")
    invitee.fill("#id_password2", "een lange eigen zin")
    invitee.click("text=Account maken")
    assert "Welkom! U hoort nu bij Gemeente Testdorp." in invitee.locator(".messages").inner_text()
    assert "Nadia Nieuw" in invitee.locator("table").inner_text()
    invitee.context.close()
