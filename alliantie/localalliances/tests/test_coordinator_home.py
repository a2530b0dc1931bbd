"""The coordinator's start page: their alliance's check, agenda and members, upcoming meetings, their open invitations
and requests, and the sociale kaart of their area (the services they keep). The team gets its worklist there."""

import pytest
from django.urls import reverse

from alliantie.core.tests.factories import make_event, make_goal, make_organisation, make_service

pytestmark = pytest.mark.django_db
URL = reverse("localalliances:coordinator-home")


@pytest.mark.smoke
def test_the_coordinator_starts_with_their_alliance_meetings_and_the_sociale_kaart_they_keep(personas):
    make_goal(personas.alliance, title="Gezond ontbijt op twee scholen")
    make_event(kind="leernetwerk", audience="local", title="Leernetwerk 2027-1")
    service = make_service(national=False, name="Speelgoedbank Zoetermeer")
    service.provider.area_municipalities.set(personas.alliance.municipalities.all())
    html = personas.client("coordinator").get(URL).content.decode()
    assert "Lokale alliantie Testdorp" in html and "Haarlemse Alliantie" not in html
    assert "Gezond ontbijt op twee scholen" in html and "De vier kenmerken: 1 van 4 in orde" in html
    assert "Werkgever / bedrijfsleven" in html  # a missing sector
    assert "Leernetwerk 2027-1" in html
    assert "U houdt 1 voorziening bij" in html


def test_a_coordinator_of_another_alliance_sees_their_own(personas):
    html = personas.client("other_coordinator").get(URL).content.decode()
    assert "Haarlemse Alliantie" in html and "Lokale alliantie Testdorp" not in html


def test_the_team_gets_its_worklist_and_partners_are_refused(personas, client):
    assert "Werkvoorraad lokale allianties" in personas.client("project_team").get(URL).content.decode()
    for role in ("member", "contact", "outsider"):
        assert personas.client(role).get(URL).status_code == 403
    assert client.get(URL).status_code == 302


def test_the_page_is_get_only(personas):
    assert personas.client("coordinator").post(URL).status_code == 405


def test_the_start_page_costs_the_same_queries_with_one_goal_or_thirty(personas, django_assert_num_queries):
    client = personas.client("coordinator")

    def fill(n):
        for _ in range(n):
            make_goal(personas.alliance)
            personas.alliance.members.create(organisation=make_organisation())
            service = make_service(national=False)
            service.provider.area_municipalities.set(personas.alliance.municipalities.all())

    fill(1)
    client.get(URL)
    # 1-3 session, person, authenticator; 4 the alliances the person coordinates; 5-6 those alliances and their
    # municipalities; 7-9 the check's facts; 10-12 sectors, opgaven, lines; 13 goals; 14 open invitations; 15-16 the
    # person's organisations and alliance membership (their audiences); 17 meetings; 18 requests for an
    # ervaringsdeskundige; 19-20 the services they keep: counts, and the first to check; 21 the pool of their region
    with django_assert_num_queries(21):
        assert client.get(URL).status_code == 200
    fill(29)
    with django_assert_num_queries(21):
        assert client.get(URL).status_code == 200
