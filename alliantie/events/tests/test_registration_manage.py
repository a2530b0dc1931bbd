"""The link in every mail: see the registration, cancel it (the place goes to the waiting list), accept an offered
place in time; an offer that is not answered passes on."""

import re
from datetime import timedelta

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from alliantie.core.tests.factories import make_event, make_registration
from alliantie.events import links, services
from alliantie.events.models import Registration

pytestmark = pytest.mark.django_db


def manage(registration) -> str:
    return links.manage_url(registration)


def post(client, url, action):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, {"actie": action})


def test_cancelling_by_the_link_offers_the_place_to_the_first_on_the_waiting_list(client, mailbox):
    event = make_event(capacity=1)
    first = make_registration(event)
    second = make_registration(event, status="waiting", confirmed_at=None, waiting_since=timezone.now())
    third = make_registration(
        event, status="waiting", confirmed_at=None, waiting_since=timezone.now() + timedelta(seconds=1)
    )
    assert client.get(manage(first)).status_code == 200
    response = post(client, manage(first), "afmelden")
    assert response.status_code == 302
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert (first.status, second.status, third.status) == ("cancelled", "offered", "waiting")
    assert second.offer_expires_at - timezone.now() > timedelta(hours=47)
    offer = next(m for m in mailbox.messages if m["To"] == second.email)
    assert "Er is een plaats voor u" in offer["Subject"]
    body = offer.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"(/agenda/aanmelding/[^/\s]+/)", body).group(1)
    assert post(client, link, "accepteren").status_code == 302
    second.refresh_from_db()
    assert second.status == "confirmed"
    assert "Aangemeld" in mailbox.messages[-1]["Subject"]
    page = client.get(manage(third)).content.decode()
    assert "u bent nummer 1 op de wachtlijst" in page


def test_an_offer_not_accepted_in_time_passes_to_the_next_person_once(client, mailbox):
    event = make_event(capacity=1)
    offered = make_registration(
        event,
        status="offered",
        confirmed_at=None,
        offered_at=timezone.now(),
        offer_expires_at=timezone.now() + timedelta(hours=1),
    )
    waiting = make_registration(event, status="waiting", confirmed_at=None, waiting_since=timezone.now())
    later = timezone.now() + timedelta(hours=2)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.expire_waiting_list_offers(now=later) == 1
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.expire_waiting_list_offers(now=later) == 0  # a second run changes and mails nothing
    offered.refresh_from_db(), waiting.refresh_from_db()
    assert (offered.status, waiting.status) == ("expired", "offered")
    assert [m["To"] for m in mailbox.messages].count(offered.email) == 1
    assert [m["To"] for m in mailbox.messages].count(waiting.email) == 1
    refused = post(client, manage(offered), "accepteren")
    assert refused.status_code == 302
    offered.refresh_from_db()
    assert offered.status == "expired"


def test_an_expired_offer_cannot_be_accepted(client):
    event = make_event(capacity=1)
    offered = make_registration(
        event,
        status="offered",
        confirmed_at=None,
        offered_at=timezone.now(),
        offer_expires_at=timezone.now() - timedelta(minutes=1),
    )
    response = client.post(manage(offered), {"actie": "accepteren"}, follow=True)
    assert "Dit aanbod is verlopen" in response.content.decode()
    offered.refresh_from_db()
    assert offered.status == "offered"


def test_leaving_the_waiting_list_keeps_the_order_of_the_others(client):
    event = make_event(capacity=1)
    make_registration(event)
    a = make_registration(event, status="waiting", confirmed_at=None, waiting_since=timezone.now())
    b = make_registration(
        event, status="waiting", confirmed_at=None, waiting_since=timezone.now() + timedelta(seconds=1)
    )
    assert "nummer 2" in client.get(manage(b)).content.decode()
    post(client, manage(a), "afmelden")
    assert "nummer 1" in client.get(manage(b)).content.decode()


def test_a_link_we_did_not_make_is_a_404_with_an_explanation(client):
    registration = make_registration(make_event())
    token = links.registration_token(registration)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.get(reverse("events:registration-manage", kwargs={"token": forged}))
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    assert (
        client.get(reverse("events:registration-manage", kwargs={"token": registration.public_id.hex})).status_code
        == 404
    )


def test_the_page_accepts_only_get_and_post_and_a_known_action(client):
    registration = make_registration(make_event())
    assert client.put(manage(registration)).status_code == 405
    assert client.post(manage(registration), {"actie": "<script>"}).status_code == 400
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_the_online_link_is_shown_only_with_a_place(client):
    event = make_event(online_url="https://meet.example.org/kenniskring")
    confirmed = make_registration(event)
    waiting = make_registration(event, status="waiting", confirmed_at=None, waiting_since=timezone.now())
    assert "meet.example.org" in client.get(manage(confirmed)).content.decode()
    assert "meet.example.org" not in client.get(manage(waiting)).content.decode()
    assert "meet.example.org" not in client.get(event.get_absolute_url()).content.decode()
    assert Registration.objects.count() == 2
