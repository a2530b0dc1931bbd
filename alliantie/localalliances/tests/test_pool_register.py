"""Registering in the pool: without an account the address and consent are confirmed by a link first (nothing visible
until then); with an account the entry is active at once. Without consent nothing is stored. An address already in the
pool gets its own link by mail, and the page answers the same, so nobody learns who is in the pool."""

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from alliantie.core.models import PersonalConsent
from alliantie.localalliances.models import PoolMember
from alliantie.localalliances.tests.pool_helpers import link, pool_form

pytestmark = pytest.mark.django_db
URL = reverse("localalliances:pool-register")


@pytest.mark.smoke
def test_a_person_registers_confirms_by_the_link_and_the_consent_is_recorded(client, personas, mailbox):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(URL, pool_form())
    assert response.status_code == 200 and "Kijk in uw e-mail" in response.content.decode()
    member = PoolMember.objects.get()
    assert member.status == "wacht" and member.confirmed_at is None
    consent = PersonalConsent.objects.get(email="noor@example.org", purpose="expert_pool")
    assert consent.confirmed_at is None and consent.method == "form" and "pool van ervaringsdeskundigen" in consent.text
    assert (
        personas.client("project_team").get(reverse("localalliances:pool-overview")).context["page"].paginator.count
        == 0
    )  # not visible before the confirmation
    confirm = link(mailbox, "/ervaringsdeskundigen/bevestigen/\\S+/")
    visitor = Client()
    assert visitor.get(confirm).status_code == 200  # a GET asks, the button confirms
    assert PoolMember.objects.get().status == "wacht"
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = visitor.post(confirm, {"consent": "on"})
    assert done.status_code == 302
    member.refresh_from_db()
    consent.refresh_from_db()
    assert member.status == "actief" and member.consent == consent and consent.confirmed_at is not None
    assert mailbox.messages[-1]["Subject"].strip() == "U staat in de pool van ervaringsdeskundigen"


def test_without_consent_nothing_is_stored(client, mailbox):
    response = client.post(URL, pool_form(consent=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_consent_error"' in html and "Zonder uw toestemming" in html
    assert not PoolMember.objects.exists() and not PersonalConsent.objects.exists()


def test_hostile_input_gets_a_dutch_message_at_the_field_and_html_stays_text(client, personas):
    refused = client.post(
        URL,
        pool_form(
            name="Noor \u202eErvaring", email="geen", roles=[], availability="altijd", provinces=[], municipalities=""
        ),
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    for field in ("name", "email", "roles", "availability", "provinces"):
        assert f'id="id_{field}_error"' in html, field
    assert not PoolMember.objects.exists()
    unknown = client.post(URL, pool_form(municipalities="Zoetermer"))
    assert "Bedoelt u Zoetermeer?" in unknown.content.decode()
    client.post(URL, pool_form(about="<script>x()</script>"))
    member = PoolMember.objects.get()
    member.status = "actief"
    member.save()
    page = personas.client("project_team").get(reverse("localalliances:pool-member", args=[member.pk]))
    assert "&lt;script&gt;x()&lt;/script&gt;" in page.content.decode()


def test_an_address_already_in_the_pool_gets_its_link_and_the_page_says_the_same(client, mailbox):
    from alliantie.core.tests.factories import make_pool_member

    existing = make_pool_member(email="noor@example.org", name="Noor Eerder")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(URL, pool_form())
    assert "Kijk in uw e-mail" in response.content.decode()
    assert PoolMember.objects.get() == existing
    assert mailbox.messages[-1]["Subject"].strip() == "U staat al in de pool van ervaringsdeskundigen"


def test_with_an_account_the_entry_is_active_at_once_with_the_accounts_address(personas, mailbox):
    client = personas.client("member")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(URL, pool_form(email="iemand.anders@example.org"))
    member = PoolMember.objects.get()
    assert (member.email, member.user, member.status) == ("medewerker@example.org", personas.users["member"], "actief")
    assert response["Location"].startswith("/ervaringsdeskundigen/inschrijving/")
    assert PersonalConsent.objects.get().method == "account"
    assert client.get(URL)["Location"].startswith("/ervaringsdeskundigen/inschrijving/")  # registered already


def test_a_visitor_can_register_a_few_times_an_hour(client, settings):
    settings.LOCAL_ALLIANCE_FORMS_PER_HOUR = 1
    client.post(URL, pool_form())
    refused = client.post(URL, pool_form(email="tweede@example.org"))
    assert refused.status_code == 400 and "Probeer het over een uur opnieuw" in refused.content.decode()
    assert PoolMember.objects.count() == 1


def test_the_form_takes_get_and_post_only(client):
    assert client.put(URL).status_code == 405
