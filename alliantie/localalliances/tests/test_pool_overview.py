"""The pool is seen only by the team (everyone) and by the coordinators of alliances in a person's region (or who
takes part in the whole country); never by partners, never by the public, except a name a person chose to show."""

import pytest
from django.urls import reverse

from alliantie.core.tests.factories import make_pool_member

pytestmark = pytest.mark.django_db
URL = reverse("localalliances:pool-overview")


def names(response) -> list[str]:
    return [m.name for m in response.context["page"].object_list]


@pytest.mark.smoke
def test_a_coordinator_sees_the_people_of_the_region_of_their_alliance_and_the_team_sees_everyone(personas):
    make_pool_member(name="Anouk Zuid", provinces=["PV28"])  # Zuid-Holland: Zoetermeer
    make_pool_member(name="Bilal Noord", provinces=["PV27"])  # Noord-Holland: Haarlem
    make_pool_member(name="Chantal Overal", provinces=[], nationwide=True)
    make_pool_member(name="Dewi Wacht", provinces=["PV28"], status="wacht", confirmed_at=None)
    assert names(personas.client("coordinator").get(URL)) == ["Anouk Zuid", "Chantal Overal"]
    assert names(personas.client("other_coordinator").get(URL)) == ["Bilal Noord", "Chantal Overal"]
    assert names(personas.client("project_team").get(URL)) == ["Anouk Zuid", "Bilal Noord", "Chantal Overal"]


def test_a_coordinator_outside_the_region_gets_404_for_a_person_and_partners_get_403(personas, client):
    person = make_pool_member(name="Anouk Zuid", provinces=["PV28"])
    url = reverse("localalliances:pool-member", args=[person.pk])
    assert personas.client("coordinator").get(url).status_code == 200
    assert personas.client("other_coordinator").get(url).status_code == 404
    for role in ("member", "contact", "outsider"):
        assert personas.client(role).get(URL).status_code == 403
        assert personas.client(role).get(url).status_code == 403
    assert client.get(url).status_code == 302


def test_the_public_sees_a_count_and_only_the_names_people_chose_to_show(client):
    make_pool_member(name="Anouk de Jong", show_publicly=True, public_name="Anouk")
    make_pool_member(name="Bilal Bakker", email="bilal@example.org")
    html = client.get(reverse("localalliances:pool")).content.decode()
    assert "2 ervaringsdeskundigen beschikbaar" in html
    assert "Anouk" in html and "de Jong" not in html and "Bilal" not in html and "bilal@example.org" not in html


def test_the_overview_is_filtered_by_role_province_theme_and_fee(personas):
    from alliantie.core.models import Challenge

    speaker = make_pool_member(name="Spreker", roles=["spreker"], fee="vergoeding")
    speaker.themes.set([Challenge.objects.get(slug="meedoen")])
    make_pool_member(name="Denker", roles=["meedenken"], fee="geen", provinces=["PV27"])
    client = personas.client("project_team")
    assert names(client.get(URL, {"rol": "spreker"})) == ["Spreker"]
    assert names(client.get(URL, {"provincie": "PV27"})) == ["Denker"]
    assert names(client.get(URL, {"thema": "meedoen"})) == ["Spreker"]
    assert names(client.get(URL, {"vergoeding": "geen"})) == ["Denker"]
    assert client.get(URL, {"rol": "<x>"}).status_code == 400


def test_the_pages_are_get_only(personas):
    person = make_pool_member()
    client = personas.client("project_team")
    assert client.post(URL).status_code == 405
    assert client.post(reverse("localalliances:pool-member", args=[person.pk])).status_code == 405


def test_the_overview_costs_the_same_queries_with_one_person_or_thirty(personas, django_assert_num_queries):
    client = personas.client("coordinator")
    make_pool_member()
    client.get(URL)
    # 1-3 session, person, authenticator; 4 the alliances the person coordinates; 5 the count and 6 the page; 7-9
    # their provinces, municipalities and themes; 10 the figures; 11-12 the filter's provinces and opgaven
    with django_assert_num_queries(12):
        assert client.get(URL).status_code == 200
    for _ in range(29):
        make_pool_member()
    with django_assert_num_queries(12):
        assert client.get(URL).status_code == 200
