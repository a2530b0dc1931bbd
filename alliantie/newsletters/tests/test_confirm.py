"""Confirming a subscription (double opt-in): the link in the mail shows a button (a mail scanner opening it confirms
nothing), the button confirms once; an expired link, a used one, and one with a changed character change nothing."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import TestCase
from django.utils import timezone

from alliantie.core.models import PersonalConsent
from alliantie.newsletters import services
from alliantie.newsletters.models import AddressHold, Subscriber

pytestmark = pytest.mark.django_db


def subscribe(mailbox) -> str:
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.subscribe(email="ouder@example.org", base_url="http://testserver")
    return re.search(r"http://testserver(/nieuwsbrief/bevestigen/\S+/)", mailbox.body()).group(1)


@pytest.mark.smoke
def test_the_link_asks_and_the_button_confirms_the_subscription_and_the_consent(client, mailbox):
    link = subscribe(mailbox)
    page = client.get(link)
    assert page.status_code == 200 and "Ja, ik wil de nieuwsbrief" in page.content.decode()
    assert page["X-Robots-Tag"].startswith("noindex")
    assert Subscriber.objects.get().is_pending  # opening the link is not confirming
    done = client.post(link)
    assert done.status_code == 302 and "/nieuwsbrief/voorkeuren/" in done["Location"]
    assert Subscriber.objects.get().is_active
    record = PersonalConsent.objects.get(email="ouder@example.org", withdrawn_at__isnull=True)
    assert record.confirmed_at is not None


def test_a_used_link_is_refused_and_changes_nothing(client, mailbox):
    link = subscribe(mailbox)
    client.post(link)
    services.unsubscribe(subscriber=Subscriber.objects.get(), how="test")
    again = client.post(link)
    assert again.status_code == 410 and "al gebruikt" in again.content.decode()
    assert Subscriber.objects.get().unsubscribed_at is not None  # a reused link does not subscribe again
    assert client.get(link).status_code == 410


def test_an_expired_link_is_refused_and_changes_nothing(client, mailbox, settings):
    link = subscribe(mailbox)
    with time_machine.travel(timezone.now() + timedelta(hours=settings.NEWSLETTER_CONFIRM_HOURS, minutes=1)):
        response = client.post(link)
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    assert Subscriber.objects.get().is_pending


@pytest.mark.parametrize("change", [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: "1.abc:xyz:abc"])
def test_a_changed_or_made_up_link_is_refused(client, mailbox, change):
    link = subscribe(mailbox)
    token = link.split("/")[-2]
    response = client.post(link.replace(token, change(token)))
    assert response.status_code == 404 and "niet compleet of niet van ons" in response.content.decode()
    assert Subscriber.objects.get().is_pending


def test_a_newer_link_replaces_the_older_one(client, mailbox):
    first = subscribe(mailbox)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        second = subscribe(mailbox)
        assert client.post(first).status_code == 410
        assert client.post(second).status_code == 302


def test_confirming_proves_the_address_works_and_releases_a_hold(client, mailbox):
    AddressHold.objects.create(email="ouder@example.org", reason="hard", detail="5.1.1")
    link = subscribe(mailbox)
    client.post(link)
    assert not AddressHold.objects.current().exists()


def test_other_methods_are_not_allowed(client, mailbox):
    link = subscribe(mailbox)
    assert client.put(link).status_code == 405
