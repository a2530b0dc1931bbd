"""The list of local alliances: filtered by name or municipality, province and phase, each with its four
characteristics; the same number of queries with one alliance or thirty."""

import pytest
from django.urls import reverse

from alliantie.core.tests.factories import make_goal, make_local_alliance, make_organisation

pytestmark = pytest.mark.django_db
LIST = reverse("localalliances:alliance-list")


def names(response) -> list[str]:
    return [card.alliance.name for card in response.context["page"].object_list]


@pytest.mark.smoke
def test_alliances_are_listed_and_filtered_by_words_province_and_phase(client):
    zoetermeer = make_local_alliance(name="Lokale alliantie Zoetermeer", codes=("GM0637",), phase="bouwen")
    haarlem = make_local_alliance(name="Haarlemse Alliantie", codes=("GM0392",))
    assert names(client.get(LIST)) == [haarlem.name, zoetermeer.name]
    assert names(client.get(LIST, {"zoek": "zoeterm"})) == [zoetermeer.name]
    assert names(client.get(LIST, {"zoek": "Haarlem"})) == [haarlem.name]
    assert names(client.get(LIST, {"provincie": "PV28"})) == [zoetermeer.name]
    assert names(client.get(LIST, {"fase": "bouwen"})) == [zoetermeer.name]
    page = client.get(LIST).content.decode()
    assert "Samenwerking over sectoren heen" in page and "Wij willen een lokale alliantie starten" in page


def test_an_unknown_filter_value_is_a_400_with_the_message_at_the_field(client):
    response = client.get(LIST, {"fase": "<script>"})
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()


def test_a_name_with_html_is_shown_as_text(client):
    make_local_alliance(name="<b>Vet</b> alliantie")
    html = client.get(LIST).content.decode()
    assert "&lt;b&gt;Vet&lt;/b&gt; alliantie" in html and "<b>Vet</b>" not in html


def test_the_list_is_get_only(client):
    assert client.post(LIST).status_code == 405


def test_the_list_costs_the_same_queries_with_one_alliance_or_thirty(client, django_assert_num_queries):
    codes = ["GM0637", "GM0392", "GM0344", "GM0363", "GM0518", "GM0599", "GM0014", "GM0080", "GM0202", "GM0153"]

    def fill(n, start):
        for i in range(start, start + n):
            alliance = make_local_alliance(codes=(codes[i % len(codes)],))
            alliance.members.create(organisation=make_organisation())
            make_goal(alliance)

    fill(1, 0)
    # 1 the filter form's provinces; 2 the count; 3 the page's ids; 4-5 the alliances and their municipalities;
    # 6-8 the check's members, goals and linked activities; 9-11 sectors, opgaven and lines; 12 alliances per phase
    with django_assert_num_queries(12):
        assert client.get(LIST).status_code == 200
    fill(29, 1)
    with django_assert_num_queries(12):
        response = client.get(LIST)
    assert response.status_code == 200 and response.context["page"].paginator.count == 30
