"""Unsubscribing: the personal link in every mail is RFC 8058's one-click address. A POST without cookies, login or
CSRF token unsubscribes at once and withdraws the consent; a GET only shows the button (mail scanners open links); a
token with a changed character is refused and changes nothing; an edition still being sent leaves them out."""

import pytest
from django.test import Client
from django.urls import reverse

from alliantie.core.models import OutboxMessage, PersonalConsent
from alliantie.newsletters import links
from alliantie.newsletters.models import Subscriber
from alliantie.newsletters.services import mail_key
from alliantie.newsletters.tests.helpers import make_edition, make_subscriber

pytestmark = pytest.mark.django_db


def url(subscriber) -> str:
    return reverse("newsletters:unsubscribe", kwargs={"token": links.subscriber_token(subscriber)})


@pytest.mark.smoke
def test_a_post_without_login_or_csrf_token_unsubscribes_at_once():
    subscriber = make_subscriber("lezer@example.org")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        url(subscriber), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200 and "U bent afgemeld" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None and subscriber.unsubscribed_how == "afmeldlink (één klik)"
    record = PersonalConsent.objects.get(email="lezer@example.org")
    assert record.withdrawn_at is not None
    assert client.post(url(subscriber)).status_code == 200  # again: still fine, nothing more happens


def test_a_get_only_shows_the_button():
    subscriber = make_subscriber()
    response = Client().get(url(subscriber))
    assert response.status_code == 200 and "Ja, meld mij af" in response.content.decode()
    assert response["X-Robots-Tag"].startswith("noindex")
    subscriber.refresh_from_db()
    assert subscriber.is_active


def test_a_changed_token_is_refused_and_nothing_changes():
    subscriber = make_subscriber()
    token = links.subscriber_token(subscriber)
    changed = token[:-1] + ("0" if token[-1] != "0" else "1")
    other = make_subscriber()
    forged = f"{other.pk}-{token.split('-', 1)[1]}"  # someone else's id with this signature
    for bad in (changed, forged, "1", "abc-def"):
        response = Client().post(reverse("newsletters:unsubscribe", kwargs={"token": bad}))
        assert response.status_code == 404
    assert all(s.is_active for s in Subscriber.objects.all())
    assert not PersonalConsent.objects.filter(withdrawn_at__isnull=False).exists()


def test_the_waiting_copy_of_an_edition_being_sent_is_withdrawn(personas):
    subscriber = make_subscriber()
    edition = make_edition(status="sending", number=1)
    OutboxMessage.objects.create(
        key=mail_key(edition.pk, subscriber.pk),
        kind=edition.mail_kind,
        recipients=[subscriber.email],
        subject="x",
        body_text="x",
        message_id="<w@example.org>",
    )
    Client().post(url(subscriber))
    assert OutboxMessage.objects.get().status == "cancelled"


def test_the_test_link_of_a_test_mail_does_nothing():
    subscriber = make_subscriber()
    response = Client().post(reverse("newsletters:unsubscribe", kwargs={"token": "test"}))
    assert response.status_code == 200 and "Dit was een test" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_active


def test_other_methods_are_not_allowed():
    assert Client().put(url(make_subscriber())).status_code == 405


def test_the_page_costs_the_same_queries_whatever_the_subscriber_chose(django_assert_num_queries):
    from alliantie.core.models import Challenge

    plain = make_subscriber()
    busy = make_subscriber(challenges=Challenge.objects.all())
    for subscriber in (plain, busy):
        # 1: the subscriber
        with django_assert_num_queries(1):
            assert Client().get(url(subscriber)).status_code == 200


def test_the_deploy_check_warns_when_the_unsubscribe_address_would_not_be_https(settings):
    from alliantie.newsletters.apps import check_site_url

    settings.SITE_URL = "http://alliantie.example.org"
    assert [m.id for m in check_site_url(None)] == ["newsletters.W001"]
    settings.SITE_URL = "https://alliantie.example.org"
    assert check_site_url(None) == []
