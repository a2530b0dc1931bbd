"""The first hour of each role in a real browser, on a phone and on a desktop: log in with the form, land on
'Mijn werk', find the way through the menu, and do the main task; axe finds no serious violation on the way."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP

from alliantie.core.tests.factories import PASSWORD, make_invitation, make_organisation, make_round
from alliantie.core.tests.test_browser import serious_violations
from alliantie.partners.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

SCREENS = {"telefoon": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(params=list(SCREENS))
def screen(request, browser):
    context = browser.new_context(locale="nl-NL", viewport=SCREENS[request.param])
    page = context.new_page()
    page.screen_name = request.param
    yield page
    context.close()


def log_in(page, live_server, user) -> None:
    page.goto(live_server.url + "/")
    open_menu(page)
    page.locator(".menu").get_by_role("link", name="Inloggen", exact=True).click()
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    device = user.totpdevice_set.filter(confirmed=True).first()
    if device is not None:
        page.wait_for_url(re.compile(r"/account/tweestapsverificatie/"))
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        page.fill("#id_token", f"{totp.token():06d}")
        page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/mijn-werk/$"))
    assert page.locator("h1").inner_text() == "Mijn werk"
    assert serious_violations(page) == []


def open_menu(page) -> None:
    """On a phone the menu is behind its button; on a desktop it is always shown."""
    button = page.locator("summary.menu__button")
    if page.screen_name == "telefoon":
        assert menu_link(page, "Hulp vinden").is_hidden()
        button.click()
    else:
        assert button.is_hidden()
    assert menu_link(page, "Hulp vinden").is_visible()


def menu_link(page, name: str):
    return page.locator(".menu").get_by_role("link", name=name, exact=True, include_hidden=True)


def menu_height(page) -> float:
    return page.locator(".page-header").bounding_box()["height"]


def test_a_partner_contact_lands_on_her_work_and_reports_the_first_activity(screen, live_server, live_personas):
    page = screen
    log_in(page, live_server, live_personas.users["contact"])
    assert menu_height(page) < 130  # the menu no longer fills a third of a phone, nor wraps over three lines
    page.get_by_role("link", name="Eerste activiteit melden").click()
    page.fill("#id_title", "Gezond ontbijt op school")
    page.fill("#id_description", "Elke ochtend een gezond ontbijt voor 300 leerlingen op twee scholen.")
    page.get_by_label("Een gezonde dag").check()
    page.locator("input[name=change_line]").first.check()
    page.locator("input[name=target_groups]").first.check()
    page.fill("#id_starts_on", "2026-01-10")
    page.locator("input[name=involvement]").first.check()
    page.fill("#id_involvement_explanation", "Ouders bedachten het menu.")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/activiteiten/\d+/$"))
    open_menu(page)
    menu_link(page, "Mijn werk").click()
    assert "nog geen activiteit gemeld" not in page.locator("main").inner_text()
    open_menu(page)
    assert menu_link(page, "Mijn werk").get_attribute("aria-current") == "page"


def test_a_member_finds_the_monitor_from_her_start_page(screen, live_server, live_personas):
    page = screen
    invitation = make_invitation(make_round(), live_personas.organisation)
    log_in(page, live_server, live_personas.users["member"])
    page.get_by_role("link", name="Monitor invullen").click()
    page.wait_for_url(re.compile(re.escape(reverse("monitoring:answer", kwargs={"token": invitation.token}))))
    assert "Monitor 2026" in page.locator("h1").inner_text()
    assert serious_violations(page) == []


def test_the_project_team_lands_on_what_waits_and_opens_the_applications(screen, live_server, live_personas):
    page = screen
    make_organisation(name="Stichting Nieuwkomer", slug="stichting-nieuwkomer", status=Organisation.Status.APPLIED)
    log_in(page, live_server, live_personas.users["project_team"])
    assert "1 aanmelding wacht op een besluit." in page.locator("main").inner_text()
    page.get_by_role("link", name="Aanmeldingen beoordelen").click()
    page.wait_for_url(re.compile(reverse("partners:application-list") + "$"))
    assert page.get_by_role("link", name="Stichting Nieuwkomer").is_visible()
    open_menu(page)
    assert menu_link(page, "Aanmeldingen").get_attribute("aria-current") == "page"
    assert page.locator('.menu [aria-current="page"]').count() == 1
    assert serious_violations(page) == []


def test_without_scripts_the_phone_menu_still_opens(browser, live_server, live_personas):
    context = browser.new_context(java_script_enabled=False, viewport=SCREENS["telefoon"])
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert menu_link(page, "Agenda").is_hidden()
    page.locator("summary.menu__button").click()
    assert menu_link(page, "Agenda").is_visible()
    context.close()
