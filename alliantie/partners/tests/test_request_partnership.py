"""An organisation that takes part only in a local alliance becomes a national partner without typing anything again:
its contact applies with one button, signs the pledge, and the team decides as for every application."""

import pytest
from django.urls import reverse

from alliantie.core.tests.factories import make_membership, make_organisation, make_user
from alliantie.partners.models import Organisation, Pledge

pytestmark = pytest.mark.django_db


@pytest.fixture
def local(db):
    organisation = make_organisation(
        name="Buurthuis De Schakel", status="local", joined_on=None, description="Een huiskamer voor de wijk."
    )
    contact = make_user(email="schakel@example.org", name="Sara Schakel")
    make_membership(contact, organisation, "contact")
    return organisation


def url(organisation):
    return reverse("partners:request-partnership", args=[organisation.slug])


def test_the_local_organisation_applies_signs_and_is_approved_without_retyping(local, personas):
    from alliantie.conftest import Personas

    contact = local.memberships.get().user
    client = Personas(organisation=local, other_organisation=None, users={"c": contact}).client("c")
    page = client.get(local.get_absolute_url()).content.decode()
    assert "Word landelijk partner" in page
    response = client.post(url(local))
    assert response["Location"] == reverse("partners:pledge-sign", args=[local.slug])
    local.refresh_from_db()
    assert (local.status, local.description, local.name) == (
        "applied",
        "Een huiskamer voor de wijk.",
        "Buurthuis De Schakel",
    )
    client.post(
        reverse("partners:pledge-sign", args=[local.slug]),
        {"signatory_name": "Sara Schakel", "signatory_function": "coördinator", "agree": "on"},
    )
    assert Pledge.objects.filter(organisation=local).exists()
    personas.client("project_team").post(
        reverse("partners:application-decide", args=[local.slug]), {"decision": "approve", "message": "Welkom!"}
    )
    local.refresh_from_db()
    assert local.status == "active" and local.is_partner


def test_only_its_contact_applies_and_only_once(local, personas):
    member = make_user()
    make_membership(member, local, "member")
    from alliantie.conftest import Personas

    clients = Personas(organisation=local, other_organisation=None, users={"m": member})
    assert clients.client("m").post(url(local)).status_code == 403
    assert personas.client("project_team").post(url(local)).status_code == 403
    assert personas.client("contact").post(url(local)).status_code == 404
    assert Organisation.objects.get(pk=local.pk).status == "local"
    response = personas.client("contact").post(url(personas.organisation), follow=True)
    assert "Alleen een organisatie die lokaal meedoet" in response.content.decode()


def test_applying_is_post_only(local, personas):
    assert personas.client("contact").get(url(local)).status_code == 405
