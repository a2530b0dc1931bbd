"""An alliance's public page: where, who takes part, its agenda with what partners already do there, the four
characteristics with what is missing and what to do, upcoming meetings, lessons and the toolkit of its phase. Its
coordinators and the team also see the organisations suggested for each missing sector, with why."""

import pytest
from django.urls import reverse

from alliantie.core.tests.factories import (
    make_activity,
    make_event,
    make_goal,
    make_local_alliance,
    make_organisation,
    make_service,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance(personas):
    return personas.alliance


@pytest.mark.smoke
def test_everyone_sees_who_takes_part_the_agenda_and_the_check(client, alliance, personas):
    make_goal(alliance, title="Gezond ontbijt op twee scholen")
    html = client.get(alliance.get_absolute_url()).content.decode()
    assert "Lokale alliantie Testdorp" in html and "Gemeente Testdorp" in html
    assert "Gezond ontbijt op twee scholen" in html and "Ruim" not in html
    assert "De vier kenmerken van een lokale alliantie" in html
    assert "Werkgever / bedrijfsleven" in html and "ontbreekt" in html
    assert "Wie kan de ontbrekende sectoren vullen?" not in html  # suggestions are for its coordinators
    assert "Cora Coördinator" not in html  # a visitor sees how many coordinate, not who


def test_the_agenda_shows_what_member_partners_already_do_in_the_place(client, alliance, personas):
    from alliantie.core.models import Municipality

    here = make_activity(personas.organisation, title="Huiswerkklas in de wijk")
    here.municipalities.set([Municipality.objects.get(code="GM0637")])
    elsewhere = make_activity(personas.organisation, title="Zwemles in Haarlem")
    elsewhere.municipalities.set([Municipality.objects.get(code="GM0392")])
    html = client.get(alliance.get_absolute_url()).content.decode()
    assert "Huiswerkklas in de wijk" in html and "Zwemles in Haarlem" not in html


def test_its_coordinator_sees_suggestions_for_a_missing_sector_with_the_reasons(alliance, personas):
    employer = make_organisation(name="Bakkerij Zoet", sector=_sector("werkgever"))
    employer.area_municipalities.set(alliance.municipalities.all())
    service = make_service(national=False, name="Schuldhulp aan huis", needs=["geld-schulden"])
    service.provider.area_municipalities.set(alliance.municipalities.all())
    response = personas.client("coordinator").get(alliance.get_absolute_url())
    html = response.content.decode()
    assert "Wie kan de ontbrekende sectoren vullen?" in html
    assert "Bakkerij Zoet" in html and "vult de ontbrekende sector Werkgever / bedrijfsleven" in html
    assert "in Zoetermeer" in html  # the place reason of the marketplace's matching
    assert service.provider.name in html and "op de sociale kaart in Zoetermeer: Schuldhulp aan huis" in html
    assert f"?organisatie={employer.slug}" in html


def test_a_coordinator_of_another_alliance_sees_the_public_page_only(alliance, personas):
    html = personas.client("other_coordinator").get(alliance.get_absolute_url()).content.decode()
    assert "Wie kan de ontbrekende sectoren vullen?" not in html and "Leden beheren" not in html


def test_upcoming_leernetwerk_meetings_show_to_members_of_an_alliance_not_to_visitors(client, alliance, personas):
    meeting = make_event(kind="leernetwerk", audience="local", title="Leernetwerk lokale allianties 2027-1")
    assert meeting.title in personas.client("member").get(alliance.get_absolute_url()).content.decode()
    assert meeting.title not in client.get(alliance.get_absolute_url()).content.decode()


def test_html_in_every_text_is_inert(client, personas):
    alliance = make_local_alliance(
        name="Alliantie <i>x</i>", summary="<script>alert(1)</script>", origin="<img src=x onerror=alert(1)>"
    )
    make_goal(alliance, title="<b>doel</b>", target="<script>kwaad()</script>")
    html = client.get(alliance.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>doel</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_unknown_alliance_is_a_404_and_the_page_is_get_only(client, alliance):
    assert client.get(reverse("localalliances:alliance-detail", args=["bestaat-niet"])).status_code == 404
    assert client.post(alliance.get_absolute_url()).status_code == 405


def _sector(slug):
    from alliantie.core.models import Sector

    return Sector.objects.get(slug=slug)


def test_the_page_costs_the_same_queries_with_one_member_and_goal_or_thirty(
    client, alliance, django_assert_num_queries
):
    def fill(n):
        for _ in range(n):
            organisation = make_organisation()
            member = alliance.members.create(organisation=organisation)
            goal = make_goal(alliance)
            goal.participants.add(member)
            goal.activities.add(make_activity(organisation))

    fill(1)
    # 1 the alliance; 2 municipalities; 3 phase steps; 4 coordinators; 5 members; 6-9 goals with their participants,
    # activities and notes; 10-11 the activities here and their opgaven; 12-14 sectors, opgaven, lines; 15-17 the
    # check's members, goals and linked activities; 18 upcoming meetings; 19 lessons; 20 the toolkit collection
    with django_assert_num_queries(20):
        assert client.get(alliance.get_absolute_url()).status_code == 200
    fill(29)
    with django_assert_num_queries(20):
        assert client.get(alliance.get_absolute_url()).status_code == 200


def test_with_suggestions_the_coordinators_page_also_costs_the_same_queries(
    personas, alliance, django_assert_num_queries
):
    client = personas.client("coordinator")

    def fill(n):
        for _ in range(n):
            partner = make_organisation(sector=_sector("werkgever"))
            partner.area_municipalities.set(alliance.municipalities.all())
            service = make_service(national=False, needs=["geld-schulden"])
            service.provider.area_municipalities.set(alliance.municipalities.all())
            goal = make_goal(alliance)
            goal.participants.add(alliance.members.create(organisation=make_organisation()))

    fill(1)
    # 1-3 session, person, authenticator; 4 the alliance; 5 the alliances the person coordinates; 6-20 the page as
    # above; 21-22 the person's organisations and alliance membership (their audiences); 23 meetings; 24 lessons;
    # 25 toolkit; the suggestions: 26 the best partners per missing sector, 27-28 their areas, 29 the agenda's opgaven
    # they work on, 30 their activities here, 31-32 municipalities and provinces for the place reasons, 33 open
    # invitations, 34-35 providers of the sociale kaart here and their services; 36 the open invitations listed
    with django_assert_num_queries(36):
        assert client.get(alliance.get_absolute_url()).status_code == 200
    fill(29)
    with django_assert_num_queries(36):
        assert client.get(alliance.get_absolute_url()).status_code == 200
