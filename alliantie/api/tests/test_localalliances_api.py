"""Local alliances in the API: public fields of the alliances (filtered like the list), their agenda and members, and
the pool's figure for the dashboard (counts only: the API never names anyone in the pool)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alliantie.core.tests.factories import make_goal, make_local_alliance, make_organisation, make_pool_member

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_alliances_are_listed_with_their_public_fields_and_filtered(client, personas):
    body = client.get("/api/v1/lokale-allianties?provincie=PV28").json()
    assert [a["naam"] for a in body["results"]] == ["Lokale alliantie Testdorp"]
    alliance = body["results"][0]
    assert alliance["gemeenten"] == ["GM0637"] and alliance["fase"] == "verkennen" and alliance["leden"] == 1
    assert alliance["fasen"][0]["fase"] == "verkennen" and alliance["pagina"] == "/lokale-allianties/testdorp/"
    assert "coordinator@example.org" not in str(body)  # who coordinates is not public
    assert [a["naam"] for a in client.get("/api/v1/lokale-allianties?gemeente=Haarlem").json()["results"]] == [
        "Haarlemse Alliantie"
    ]
    assert client.get("/api/v1/lokale-allianties/testdorp").json()["naam"] == "Lokale alliantie Testdorp"


def test_the_agenda_and_the_members_of_an_alliance(client, personas):
    goal = make_goal(personas.alliance)
    goal.participants.add(personas.alliance.members.get())
    agenda = client.get("/api/v1/lokale-allianties/testdorp/agenda").json()["results"]
    assert (
        agenda[0]["titel"] == goal.title and agenda[0]["opgave"] == "een-gezonde-dag" and agenda[0]["lijn"] == "soften"
    )
    assert agenda[0]["deelnemers"] == ["Gemeente Testdorp"] and agenda[0]["streefaantal"] == 300
    local = make_organisation(name="Buurthuis", status="local")
    personas.alliance.members.create(organisation=local)
    members = client.get("/api/v1/lokale-allianties/testdorp/leden").json()["results"]
    assert [(m["naam"], m["soort"], m["partner"]) for m in members] == [
        ("Buurthuis", "lokaal", None),
        ("Gemeente Testdorp", "partner", "gemeente-testdorp"),
    ]


def test_the_pools_figure_counts_active_people_and_those_added_since_a_day(client):
    make_pool_member(confirmed_at=timezone.now() - timedelta(days=400))
    make_pool_member(name="Nieuw Iemand")
    make_pool_member(status="pauze")
    since = (timezone.localdate() - timedelta(days=30)).isoformat()
    body = client.get(f"/api/v1/ervaringsdeskundigen/cijfers?sinds={since}").json()
    assert body == {"actief": 2, "erbijSinds": 1, "sinds": since}
    assert "Nieuw Iemand" not in str(body)


def test_bad_input_is_a_problem_in_dutch(client):
    for url in (
        "/api/v1/lokale-allianties?fase=alles",
        "/api/v1/lokale-allianties?fasee=bouwen",
        "/api/v1/ervaringsdeskundigen/cijfers?sinds=gisteren",
        "/api/v1/lokale-allianties?zoek=%00",
    ):
        response = client.get(url)
        assert response.status_code == 400 and response["Content-Type"] == "application/problem+json", url
    assert client.get("/api/v1/lokale-allianties?gemeente=Nergensdorp").status_code == 404
    assert client.get("/api/v1/lokale-allianties/bestaat-niet/agenda").status_code == 404


def test_the_list_costs_the_same_queries_with_one_alliance_or_thirty(client, django_assert_num_queries):
    codes = ["GM0344", "GM0363", "GM0518", "GM0599", "GM0014"]
    make_local_alliance(codes=(codes[0],))
    # 1 the count; 2 the page with initiators and counts; 3-4 municipalities and phase steps
    with django_assert_num_queries(4):
        assert client.get("/api/v1/lokale-allianties").status_code == 200
    for i in range(29):
        make_goal(make_local_alliance(codes=(codes[i % len(codes)],)))
    with django_assert_num_queries(4):
        response = client.get("/api/v1/lokale-allianties")
    assert response.status_code == 200 and response.json()["count"] == 30
