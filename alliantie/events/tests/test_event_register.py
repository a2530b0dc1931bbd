"""Registering for an event: with an account at once, without one after confirming the address by mail; a full event
puts people on the waiting list; refusals come with a Dutch message at the field and save nothing."""

import re
from datetime import timedelta

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from alliantie.core.tests.factories import make_event, make_registration
from alliantie.events.models import Registration

pytestmark = pytest.mark.django_db


def register_url(event) -> str:
    return reverse("events:event-register", kwargs={"slug": event.slug})


def anonymous(client, event, **overrides):
    data = {"name": "Noor Leerkracht", "email": "noor@example.org", "organisation_name": "OBS De Vlinder"} | overrides
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(register_url(event), data)


def test_a_partner_member_registers_with_one_click_and_gets_a_confirmation_with_qr_code_and_calendar(personas, mailbox):
    event = make_event(capacity=10)
    client = personas.client("member")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(register_url(event), {"organisation_name": "Gemeente Testdorp"})
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.status, registration.user, registration.email) == (
        "confirmed",
        personas.users["member"],
        "medewerker@example.org",
    )
    message = mailbox.messages[-1]
    assert message["To"] == "medewerker@example.org" and "Aangemeld" in message["Subject"]
    names = {part.get_filename() for part in message.iter_attachments()}
    assert names == {"bijeenkomst.ics", "toegangscode.png"}
    assert registration.checkin_code in mailbox.body()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Uw aanmelding" in page and "Aangemeld" in page


def test_without_an_account_the_address_is_confirmed_by_a_link_before_there_is_a_place(client, mailbox, db):
    event = make_event(capacity=2)
    response = anonymous(client, event)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "pending" and registration.user is None
    link = re.search(r"(/agenda/aanmelding/\S+/bevestigen/)", mailbox.body()).group(1)
    assert client.get(link).status_code == 200  # a mail scanner opening the link confirms nothing
    registration.refresh_from_db()
    assert registration.status == "pending"
    with TestCase.captureOnCommitCallbacks(execute=True):
        confirmed = client.post(link)
    assert confirmed.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert "Aangemeld" in mailbox.messages[-1]["Subject"]
    from alliantie.accounts.models import User

    assert not User.objects.filter(email="noor@example.org").exists()


def test_the_same_address_registers_once_with_a_clear_message(client, db):
    event = make_event()
    anonymous(client, event)
    again = anonymous(client, event, email="NOOR@example.org ")
    assert again.status_code == 400
    assert "al aangemeld voor deze bijeenkomst" in again.content.decode()
    assert 'id="id_email_error"' in again.content.decode()
    assert Registration.objects.count() == 1


def test_a_full_event_puts_the_next_person_on_the_waiting_list_with_their_position(personas, mailbox):
    event = make_event(capacity=1)
    make_registration(event)
    with TestCase.captureOnCommitCallbacks(execute=True):
        personas.client("contact").post(register_url(event), {})
    registration = Registration.objects.get(email="contact@example.org")
    assert registration.status == "waiting"
    assert "nummer 1" in mailbox.body()
    page = personas.client("contact").get(event.get_absolute_url()).content.decode()
    assert "nummer 1 op de wachtlijst" in page


@pytest.mark.parametrize(
    "change, message",
    [
        ({"status": "cancelled"}, "geannuleerd"),
        ({"registration_deadline_passed": True}, "Aanmelden kon tot"),
    ],
)
def test_a_cancelled_event_or_one_past_its_deadline_refuses_registrations(client, db, change, message):
    event = make_event()
    if change.get("status"):
        event.status = "cancelled"
    else:
        event.registration_deadline = timezone.now() - timedelta(hours=1)
    event.save()
    response = anonymous(client, event)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"name": ""}, "name", "Dit veld is verplicht"),
        ({"email": "geen-adres"}, "email", "geldig e-mailadres"),
        ({"name": "x" * 151}, "name", "niet meer dan 150"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_is_saved(client, db, data, field, message):
    response = anonymous(client, make_event(), **data)
    assert response.status_code == 400
    assert message in response.content.decode() and f'id="id_{field}_error"' in response.content.decode()
    assert not Registration.objects.exists()


def test_html_and_script_in_a_name_are_shown_as_text(personas, db, client):
    event = make_event()
    anonymous(client, event, name="<script>alert(1)</script>", organisation_name="<b>vet</b>")
    page = personas.client("project_team").get(reverse("events:event-registrations", kwargs={"slug": event.slug}))
    html = page.content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>vet</b>" not in html


def test_registrations_without_an_account_are_rate_limited_per_address(client, db, settings):
    settings.EVENT_REGISTRATIONS_PER_HOUR = 2
    event = make_event()
    for n in range(2):
        assert anonymous(client, event, email=f"n{n}@example.org").status_code == 302
    refused = anonymous(client, event, email="n9@example.org")
    assert refused.status_code == 429
    assert Registration.objects.count() == 2


def test_a_partners_only_event_is_not_found_by_visitors_and_partners_register(client, personas):
    event = make_event(audience="partners")
    assert client.get(event.get_absolute_url()).status_code == 404
    assert anonymous(client, event).status_code == 404
    assert personas.client("member").post(register_url(event), {}).status_code == 302


def test_registering_is_a_post(client, db):
    assert client.get(register_url(make_event())).status_code == 405
