"""Subscribing to the newsletter: the form asks for consent word for word, a confirmation mail with a link that
expires asks to confirm (double opt-in), nothing else is sent to an unconfirmed address, one address is one record and
gets at most one mail an hour, and visitors are rate limited. Refusals come with a Dutch message and save nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import Challenge, OutboxMessage, PersonalConsent
from alliantie.newsletters.models import Subscriber
from alliantie.newsletters.services import CONSENT_TEXT
from alliantie.newsletters.tests.helpers import make_subscriber

pytestmark = pytest.mark.django_db
URL = reverse("newsletters:subscribe")


def send(client, **data):
    fields = {"email": "ouder@example.org", "consent": "on"} | data
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(URL, fields)


@pytest.mark.smoke
def test_a_visitor_subscribes_and_gets_only_a_confirmation_mail(client, mailbox):
    meedoen = Challenge.objects.get(slug="meedoen")
    response = send(client, challenges=[meedoen.pk])
    assert response.status_code == 302
    assert "kijk in uw mail" in client.get(response["Location"]).content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ouder@example.org" and subscriber.is_pending
    assert list(subscriber.challenges.all()) == [meedoen]
    record = PersonalConsent.objects.get(email="ouder@example.org", purpose="newsletter")
    assert record.text == CONSENT_TEXT and record.method == "form" and record.confirmed_at is None
    assert len(mailbox.messages) == 1
    assert mailbox.messages[0]["Subject"] == "Bevestig uw aanmelding voor de nieuwsbrief"
    assert "/nieuwsbrief/bevestigen/" in mailbox.body()


def test_the_page_offers_the_archive_and_announces_the_feeds(client):
    page = client.get(URL).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert reverse("newsletters:archive") in page
    assert CONSENT_TEXT in page


def test_the_same_address_twice_within_an_hour_is_one_record_and_one_mail(client, mailbox):
    send(client)
    again = send(client, email="  OUDER@example.org ")
    assert again.status_code == 302  # the page says the same: it tells nobody whether an address is on the list
    assert Subscriber.objects.count() == 1
    assert len(mailbox.messages) == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        send(client)
    assert Subscriber.objects.count() == 1
    assert len(mailbox.messages) == 2  # the first link may be lost; a new one after an hour


def test_an_active_subscriber_is_told_how_to_change_it_and_a_form_changes_nothing(client, mailbox):
    subscriber = make_subscriber("ouder@example.org")
    send(client, challenges=[Challenge.objects.get(slug="meedoen").pk])
    assert subscriber.challenges.count() == 0  # a stranger's form never changes what the subscriber chose
    assert "U krijgt de nieuwsbrief al" in mailbox.messages[-1]["Subject"]
    assert "/nieuwsbrief/voorkeuren/" in mailbox.body()
    send(client)
    assert len(mailbox.messages) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "geen-adres"}, "Dit is geen geldig e-mailadres"),
        ({"email": "iemand@voorbeeld"}, "Dit is geen geldig e-mailadres"),
        ({"email": "a@b.nl\r\nBcc: x@example.org"}, "Dit is geen geldig e-mailadres"),
        ({"email": "weg@verwijderd.invalid"}, "Op dit adres kan geen mail aankomen"),
        ({"email": ""}, "Dit veld is verplicht"),
        ({"consent": ""}, "Vink aan dat u de nieuwsbrief wilt ontvangen"),
        ({"challenges": ["999999"]}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message_and_nothing_is_saved(client, mailbox, data, message):
    response = send(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscriber.objects.exists() and not PersonalConsent.objects.exists()
    assert not OutboxMessage.objects.exists() and mailbox.messages == []


def test_a_visitor_who_subscribes_very_often_is_stopped_for_an_hour(client, settings, mailbox):
    settings.NEWSLETTER_SUBSCRIBES_PER_HOUR = 2
    for n in range(2):
        assert send(client, email=f"adres{n}@example.org").status_code == 302
    refused = send(client, email="derde@example.org")
    assert refused.status_code == 429
    assert "Probeer het over een uur opnieuw" in refused.content.decode()
    assert not Subscriber.objects.filter(email="derde@example.org").exists()


def test_other_methods_are_not_allowed(client):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_the_page_costs_the_same_queries_with_one_edition_in_the_archive_or_thirty(client, django_assert_num_queries):
    from alliantie.newsletters.tests.helpers import make_edition

    def sent(n):
        make_edition(status="sent", number=n, sent_at=timezone.now())

    sent(1)
    # 1-3: the opgaven, provinces and sectors of the form; 4: the latest edition in the archive
    with django_assert_num_queries(4):
        assert client.get(URL).status_code == 200
    for n in range(2, 31):
        sent(n)
    with django_assert_num_queries(4):
        assert client.get(URL).status_code == 200
