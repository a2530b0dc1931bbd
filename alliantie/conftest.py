"""Personas and real services shared by the whole suite."""

import os
import shutil
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from alliantie.core.tests.factories import (
    make_local_alliance,
    make_membership,
    make_organisation,
    make_totp_device,
    make_user,
)
from alliantie.partners.models import Membership

ROLES = [
    "anonymous",
    "member",
    "contact",
    "outsider",
    "coordinator",
    "other_coordinator",
    "project_team",
    "administrator",
]


@pytest.fixture(autouse=True)
def empty_cache(request):
    """Every test starts without cached pages or loaded matching indexes: a rolled-back database may repeat an
    earlier data version. The cache lives in the database on the embedded default, so only tests with a database
    clear it (the others cannot have filled it)."""
    from alliantie.marketplace import suggestions

    suggestions._loaded.clear()
    uses_database = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if uses_database:
        request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
        cache.clear()
    yield
    suggestions._loaded.clear()
    if uses_database:
        cache.clear()


@dataclass
class Personas:
    organisation: object
    other_organisation: object
    users: dict = field(default_factory=dict)
    alliance: object = None  # coordinated by "coordinator"; the personas' organisation takes part
    other_alliance: object = None  # in Haarlem, coordinated by "other_coordinator"

    def client(self, role: str) -> Client:
        """A test client logged in as `role`, past the second factor where the role needs one."""
        client = Client()
        user = self.users.get(role)
        if user is None:
            return client
        client.force_login(user)
        device = user.totpdevice_set.filter(confirmed=True).first()
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client


def make_personas() -> Personas:
    organisation = make_organisation(name="Gemeente Testdorp", slug="gemeente-testdorp")
    other = make_organisation(name="Voedselbank Elders", slug="voedselbank-elders")
    member = make_user(email="medewerker@example.org", name="Mila Medewerker")
    contact = make_user(email="contact@example.org", name="Cas Contact")
    outsider = make_user(email="buiten@example.org", name="Olga Outsider")
    make_membership(member, organisation, Membership.Role.MEMBER)
    make_membership(contact, organisation, Membership.Role.CONTACT)
    make_membership(outsider, other, Membership.Role.CONTACT)
    coordinator = make_user(email="coordinator@example.org", name="Cora Coördinator", team_role="coordinator")
    other_coordinator = make_user(email="andere.coordinator@example.org", name="Otto Ander", team_role="coordinator")
    team = make_user(email="team@example.org", name="Tim Team", team_role="project_team")
    admin = make_user(email="beheer@example.org", name="Bea Beheer", is_superuser=True, is_staff=True)
    for user in (coordinator, other_coordinator, team, admin):
        make_totp_device(user)
    alliance = make_local_alliance(
        name="Lokale alliantie Testdorp", slug="testdorp", coordinators=[coordinator], members=[organisation]
    )
    other_alliance = make_local_alliance(
        name="Haarlemse Alliantie", slug="haarlem", codes=("GM0392",), coordinators=[other_coordinator]
    )
    users = {
        "member": member,
        "contact": contact,
        "outsider": outsider,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "project_team": team,
        "administrator": admin,
    }
    return Personas(
        organisation=organisation,
        other_organisation=other,
        users=users,
        alliance=alliance,
        other_alliance=other_alliance,
    )


class Mailbox:
    """A real SMTP server (aiosmtpd) on a free loopback port; `messages` holds what it received."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = None

    def start(self) -> None:
        """Start (or restart, after a test stopped it to play a mail server that is down)."""
        from aiosmtpd.controller import Controller

        mailbox = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
                mailbox.messages.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def deliver(self) -> int:
        """Run the outbox's delivery as the background worker would; returns how many went out."""
        from alliantie.core.mail import deliver_due

        return deliver_due().sent

    def body(self, index: int = -1) -> str:
        return self.messages[index].get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def mailbox(settings):
    """Mail goes over SMTP to a real local server."""
    box = Mailbox()
    box.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = box.port
    settings.EMAIL_USE_TLS = False
    yield box
    box.stop()


CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; a missing browser fails loudly, it never skips."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is niet geïnstalleerd: `make test` installeert het met apt-get install chromium.")
    # Playwright's sync API runs an event loop in this thread; the tests' own database calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


DATA_MIGRATIONS = [
    "alliantie.core.migrations.0002_reference_data",
    "alliantie.partners.migrations.0003_pledge_text_2019",
    "alliantie.monitoring.migrations.0002_partner_survey_template",
    "alliantie.reports.migrations.0002_seed_targets",
    "alliantie.localalliances.migrations.0003_default_targets",
    "alliantie.newsletters.migrations.0002_default_target",
    "alliantie.community.migrations.0003_groups_per_opgave",
]


@pytest.fixture
def reference_data(transactional_db):
    """Tests that commit (a live server for the browser) start from an emptied database; they get the
    reference data back from the same data migration that loads it in production."""
    import importlib

    from django.apps import apps

    from alliantie.core.models import Municipality

    if not Municipality.objects.exists():
        for migration in DATA_MIGRATIONS:
            importlib.import_module(migration).load(apps, None)


@pytest.fixture
def personas(db) -> Personas:
    return make_personas()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def live_personas(reference_data) -> Personas:
    """The personas, committed to the database so that a live server (the browser tests) sees them."""
    return make_personas()
