"""A subscriber without an account who asks to be forgotten (from their preferences page, or by asking the team)
leaves nothing that identifies them in any table; the consent record stays as proof, without the address."""

import re

import pytest
from django.test import TestCase
from django.urls import reverse

from alliantie.accounts.tests.test_data_rights import mentions
from alliantie.core.models import PersonalConsent
from alliantie.newsletters import bounces, links, services
from alliantie.newsletters.models import Subscriber
from alliantie.newsletters.tests.helpers import make_edition

pytestmark = pytest.mark.django_db
EMAIL = "ouder.jansen@example.org"


@pytest.fixture
def busy_subscriber(personas, client, mailbox):
    """A subscriber who confirmed, got an edition and whose mail once bounced softly."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.subscribe(email=EMAIL, base_url="http://testserver")
    link = re.search(r"http://testserver(/nieuwsbrief/bevestigen/\S+/)", mailbox.body()).group(1)
    client.post(link)
    team = personas.users["project_team"]
    edition = make_edition(created_by=team)
    edition.blocks.create(position=1, kind="free", title="Nieuws")
    edition.sectors.set([])
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.submit_edition(edition=edition, submitted_by=team, scheduled_for=None)
        services.confirm_edition(edition=edition, confirmed_by=personas.users["administrator"])
    assert EMAIL in [m["To"] for m in mailbox.messages]
    bounces.handle_webhook(
        b'{"email": "%s", "type": "soft", "status": "4.2.2", "id": "x1"}' % EMAIL.encode(), "application/json"
    )
    return Subscriber.objects.get(email=EMAIL)


@pytest.mark.smoke
def test_forgetting_from_the_preferences_page_leaves_nothing_that_identifies_the_subscriber(client, busy_subscriber):
    assert mentions(EMAIL)
    token = links.subscriber_token(busy_subscriber)
    response = client.post(reverse("newsletters:forget", args=[token]))
    assert response.status_code == 200 and "Alles is verwijderd" in response.content.decode()
    assert mentions(EMAIL) == []
    assert not Subscriber.objects.exists()
    kept = PersonalConsent.objects.get(purpose="newsletter")
    assert kept.withdrawn_at is not None and EMAIL not in kept.email
    assert client.post(reverse("newsletters:forget", args=[token])).status_code == 404


def test_the_team_erases_two_subscribers_without_accounts_on_request(personas, busy_subscriber, mailbox):
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.subscribe(email="tweede@example.org", base_url="http://testserver")
    team = personas.client("project_team")
    for email in (EMAIL, "tweede@example.org"):
        response = team.post(reverse("backoffice:data-request-erase"), {"email": email, "confirmed": "on"})
        assert response.status_code == 302
        assert mentions(email) == []
