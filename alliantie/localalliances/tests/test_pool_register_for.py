"""An organisation registers someone who wants to be in the pool: the entry waits, unseen, until the person confirms
with the link in the mail to them; their consent is recorded then, as they give it."""

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from alliantie.core.models import PersonalConsent
from alliantie.localalliances.models import PoolMember
from alliantie.localalliances.tests.pool_helpers import link, pool_form

pytestmark = pytest.mark.django_db
URL = reverse("localalliances:pool-register-for")


def for_someone(personas, **changes):
    data = pool_form(**({"organisation": personas.organisation.pk, "person_agreed": "on"} | changes))
    data.pop("consent")
    return data


def test_the_person_confirms_and_only_then_their_consent_is_recorded(personas, mailbox):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = personas.client("contact").post(URL, for_someone(personas))
    assert response["Location"] == reverse("localalliances:pool")
    member = PoolMember.objects.get()
    assert (member.status, member.registered_by_organisation, member.registered_by) == (
        "wacht",
        personas.organisation,
        personas.users["contact"],
    )
    assert not PersonalConsent.objects.exists()
    assert "Gemeente Testdorp heeft u aangemeld" in mailbox.body()
    confirm = link(mailbox, "/ervaringsdeskundigen/bevestigen/\\S+/", to="noor@example.org")
    refused = Client().post(confirm, {})
    assert refused.status_code == 400 and PoolMember.objects.get().status == "wacht"
    Client().post(confirm, {"consent": "on"})
    member.refresh_from_db()
    consent = PersonalConsent.objects.get()
    assert member.status == "actief" and consent.email == "noor@example.org" and consent.confirmed_at


def test_without_the_persons_agreement_nothing_is_stored(personas):
    response = personas.client("contact").post(URL, for_someone(personas, person_agreed=""))
    assert response.status_code == 400 and 'id="id_person_agreed_error"' in response.content.decode()
    assert not PoolMember.objects.exists()


def test_an_organisation_of_someone_else_cannot_be_named(personas):
    response = personas.client("contact").post(URL, for_someone(personas, organisation=personas.other_organisation.pk))
    assert response.status_code == 400 and 'id="id_organisation_error"' in response.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "other_coordinator"])
def test_who_belongs_to_no_organisation_cannot_register_others(personas, role):
    assert personas.client(role).post(URL, for_someone(personas)).status_code == 403


def test_the_form_takes_get_and_post_only(personas):
    assert personas.client("contact").put(URL).status_code == 405
