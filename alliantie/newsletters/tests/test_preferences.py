"""The preferences page, reachable from every mail without logging in, and the account page of a partner member:
what they read about, unsubscribing, subscribing from the account without a confirmation mail."""

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from alliantie.core.models import Challenge, PersonalConsent, Province
from alliantie.newsletters import links
from alliantie.newsletters.models import Subscriber
from alliantie.newsletters.tests.helpers import make_subscriber

pytestmark = pytest.mark.django_db


def url(subscriber) -> str:
    return reverse("newsletters:preferences", args=[links.subscriber_token(subscriber)])


@pytest.mark.smoke
def test_a_subscriber_changes_what_they_read_about_without_logging_in():
    subscriber = make_subscriber(challenges=[Challenge.objects.get(slug="meedoen")])
    page = Client().get(url(subscriber))
    assert page.status_code == 200 and page["X-Robots-Tag"].startswith("noindex")
    gezond = Challenge.objects.get(slug="een-gezonde-dag")
    utrecht = Province.objects.get(code="PV26")
    response = Client().post(url(subscriber), {"challenges": [gezond.pk], "provinces": [utrecht.pk]})
    assert response.status_code == 302
    assert list(subscriber.challenges.all()) == [gezond] and list(subscriber.provinces.all()) == [utrecht]
    Client().post(url(subscriber), {})  # unticking everything: news about everything again
    assert not subscriber.challenges.exists() and not subscriber.provinces.exists()


def test_bad_input_and_a_changed_link_change_nothing():
    subscriber = make_subscriber(challenges=[Challenge.objects.get(slug="meedoen")])
    bad = Client().post(url(subscriber), {"challenges": ["x"], "sector": "999"})
    assert bad.status_code == 400 and "Selecteer een geldige keuze" in bad.content.decode()
    token = links.subscriber_token(subscriber)
    changed = Client().post(reverse("newsletters:preferences", args=[token[:-1] + "x"]), {})
    assert changed.status_code == 404
    assert subscriber.challenges.count() == 1
    assert Client().put(url(subscriber)).status_code == 405


def test_the_page_costs_the_same_queries_whatever_was_chosen(django_assert_num_queries):
    few = make_subscriber()
    many = make_subscriber(challenges=Challenge.objects.all(), provinces=Province.objects.all())
    for subscriber in (few, many):
        # 1 the subscriber; 2-4 what they chose (opgaven, provinces, local alliances); 5-7 the form's choices
        with django_assert_num_queries(7):
            assert Client().get(url(subscriber)).status_code == 200


def test_a_partner_member_subscribes_from_the_account_at_once_and_unsubscribes(personas, mailbox):
    client = personas.client("member")
    page = client.get(reverse("newsletters:mine")).content.decode()
    assert "een bevestigingsmail is dan niet nodig" in page
    refused = client.post(reverse("newsletters:mine"), {})
    assert refused.status_code == 400 and "Vink aan" in refused.content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(reverse("newsletters:mine"), {"consent": "on"})
    assert done.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.is_active and subscriber.user == personas.users["member"] and subscriber.method == "account"
    record = PersonalConsent.objects.get(email="medewerker@example.org", withdrawn_at__isnull=True)
    assert record.method == "account" and record.confirmed_at is not None
    assert mailbox.messages == []  # no confirmation mail: the account proved the address
    client.post(reverse("newsletters:mine"), {"actie": "afmelden"})
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
    account = personas.client("member").get(reverse("accounts:account")).content.decode()
    assert reverse("newsletters:mine") in account and reverse("community:settings") in account
