"""The team's worklist for local alliances: new requests, requests for an ervaringsdeskundige, alliances without a
coordinator, invitations without an answer."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import Municipality
from alliantie.core.tests.factories import make_local_alliance
from alliantie.localalliances.models import AllianceRequest, MemberInvitation

pytestmark = pytest.mark.django_db
URL = reverse("localalliances:worklist")


def test_the_team_sees_what_waits_for_an_answer(personas):
    request = AllianceRequest.objects.create(
        name="Ria", email="ria@example.org", organisation_name="Kerk Kampen", message="Graag."
    )
    request.municipalities.set([Municipality.objects.get(code="GM0166")])
    make_local_alliance(name="Alliantie zonder trekker", codes=("GM0014",))
    MemberInvitation.objects.create(
        alliance=personas.alliance,
        organisation=personas.other_organisation,
        organisation_name="Voedselbank Elders",
        email="x@example.org",
        reason="r",
        created_at=timezone.now() - timedelta(days=20),
        expires_at=timezone.now() + timedelta(days=10),
    )
    html = personas.client("project_team").get(URL).content.decode()
    assert "Kampen: Kerk Kampen" in html
    assert (
        "Alliantie zonder trekker" in html
        and "Lokale alliantie Testdorp" not in html.split("zonder coördinator")[1][:300]
    )
    assert "Voedselbank Elders" in html


@pytest.mark.parametrize("role", ["coordinator", "other_coordinator", "contact"])
def test_only_the_team_has_the_worklist(personas, role):
    assert personas.client(role).get(URL).status_code == 403


def test_the_worklist_is_get_only_and_costs_a_fixed_number_of_queries(personas, django_assert_num_queries):
    client = personas.client("project_team")
    assert client.post(URL).status_code == 405
    request = AllianceRequest.objects.create(name="Ria", email="ria@example.org", organisation_name="K", message="m")
    request.municipalities.set([Municipality.objects.get(code="GM0166")])
    client.get(URL)
    # 1-3 session, person, authenticator; 4-5 new requests and their municipalities; 6 requests for an
    # ervaringsdeskundige with their answers counted; 7 alliances without a coordinator; 8 coordinator invitations;
    # 9 quiet invitations; 10 the last handled requests
    with django_assert_num_queries(10):
        assert client.get(URL).status_code == 200
