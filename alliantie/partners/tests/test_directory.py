from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from alliantie.core.models import Challenge, Municipality, Province, Scope, Sector
from alliantie.core.tests.factories import make_activity, make_organisation
from alliantie.partners import facets

pytestmark = pytest.mark.django_db
URL = reverse("partners:directory")


@pytest.fixture
def network(db):
    zoetermeer = Municipality.objects.get(code="GM0637")
    groningen = Municipality.objects.get(code="GM0014")
    local = make_organisation(name="Buurthuis Zoetermeer", municipality=zoetermeer, description="Wij koken samen.")
    local.area_municipalities.set([zoetermeer])
    national = make_organisation(
        name="Landelijk Fonds",
        scope=Scope.objects.get(code="national"),
        sector=Sector.objects.get(slug="fonds"),
        municipality=Municipality.objects.get(code="GM0363"),
        description="Schoolontbijten in het hele land.",
    )
    provincial = make_organisation(
        name="GGD Zuid-Holland",
        scope=Scope.objects.get(code="regional"),
        municipality=Municipality.objects.get(code="GM0599"),
    )
    provincial.area_provinces.set([Province.objects.get(code="PV28")])
    far = make_organisation(name="Voedselbank Groningen", municipality=groningen, description="Voedselpakketten.")
    far.area_municipalities.set([groningen])
    make_organisation(name="Nog niet goedgekeurd", status="applied", municipality=zoetermeer)
    make_activity(
        local,
        title="Ontbijt",
        change_line=local.activities.model._meta.get_field("change_line").related_model.objects.get(code="soften"),
    )
    make_activity(far)
    return {"local": local, "national": national, "provincial": provincial, "far": far}


def names(response) -> list[str]:
    return [o.name for o in response.context["page"].object_list]


def test_the_directory_lists_partners_but_not_applicants(client, network):
    response = client.get(URL)
    assert names(response) == ["Buurthuis Zoetermeer", "GGD Zuid-Holland", "Landelijk Fonds", "Voedselbank Groningen"]
    assert response.context["total"] == 4


def test_a_municipality_also_finds_national_and_provincial_partners_that_work_there(client, network):
    response = client.get(URL, {"gemeente": "zoetermeer"})
    assert names(response) == ["Buurthuis Zoetermeer", "GGD Zuid-Holland", "Landelijk Fonds"]
    assert names(client.get(URL, {"provincie": "PV20"})) == ["Landelijk Fonds", "Voedselbank Groningen"]


def test_filters_combine_and_counts_follow_the_results(client, network):
    response = client.get(URL, {"gemeente": "Zoetermeer", "opgave": "een-gezonde-dag"})
    assert names(response) == ["Buurthuis Zoetermeer"]
    facets = response.context["facets"]
    assert facets["challenge"] == {"een-gezonde-dag": 1}
    assert facets["sector"] == {"maatschappelijke-organisatie": 1}
    assert facets["province"]["PV28"] == 1 and facets["province"]["PV20"] == 0
    everything = client.get(URL).context["facets"]
    assert everything["province"]["PV28"] == 3  # the local one, the provincial one and the national one
    assert everything["scope"] == {"local": 2, "regional": 1, "national": 1}
    assert "Een gezonde dag (2)" in client.get(URL).content.decode()


def test_search_is_dutch_full_text(client, network):
    assert names(client.get(URL, {"zoek": "voedselpakketten"})) == ["Voedselbank Groningen"]
    assert names(client.get(URL, {"zoek": "KOKEN zoetermeer"})) == ["Buurthuis Zoetermeer"]
    if connection.vendor == "postgresql":  # stemming: "schoolontbijt" matches "Schoolontbijten"
        assert names(client.get(URL, {"zoek": "schoolontbijt"})) == ["Landelijk Fonds"]


def test_sorting_and_pages(client, network):
    for n in range(25):
        make_organisation(name=f"Partner {n:02d}")
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 20
    second = client.get(URL, {"pagina": 2})
    assert len(second.context["page"].object_list) == 9
    assert client.get(URL, {"pagina": "abc"}).context["page"].number == 1
    assert client.get(URL, {"pagina": "999"}).context["page"].number == 2
    newest = names(client.get(URL, {"sorteer": "nieuwste"}))
    assert len(newest) == 20


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"gemeente": "Zoetermer"}, "Bedoelt u Zoetermeer?"),
        ({"gemeente": "Atlantis"}, "“Atlantis” kennen we niet als gemeente."),
        ({"sector": "piraten"}, "Selecteer een geldige keuze"),
        ({"sorteer": "; DROP TABLE"}, "Selecteer een geldige keuze"),
        ({"zoek": "x" * 500}, "100 tekens"),
    ],
)
def test_bad_filters_get_a_dutch_message_and_the_whole_list(client, network, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["total"] == 4


def test_a_search_term_with_html_is_shown_inert(client, network):
    html = client.get(URL, {"zoek": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_the_directory_takes_the_same_queries_for_one_or_thirty_partners(client, network, django_assert_num_queries):
    params = {"gemeente": "Zoetermeer", "zoek": "zoetermeer", "sector": "maatschappelijke-organisatie"}
    # Before the summary of facets is built: 1 data version, 2 municipality, 3 sector choice, 4 partners matching
    # the search, 5 whether the summary is built, 6 count, 7 page, 8 opgaven of the page, 9-11 counts per sector and
    # scope, opgave and line, 12 national partners, 13 counts per province, 14 province codes, 15-19 the filter choices
    with django_assert_num_queries(19):
        assert client.get(URL, params).status_code == 200
    for n in range(30):
        organisation = make_organisation(name=f"Zoetermeer partner {n}")
        make_activity(organisation)
    with django_assert_num_queries(19):
        response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["total"] == 31


def test_with_the_summary_the_directory_counts_in_fewer_queries(client, network, django_assert_num_queries):
    facets.rebuild()
    params = {"gemeente": "Zoetermeer", "zoek": "zoetermeer", "sector": "maatschappelijke-organisatie"}
    # 1 data version, 2 municipality, 3 sector choice, 4 partners matching the search, 5 whether the summary is
    # built, 6 the facet rows of the partners found, counted (also the total), 7 page, 8 opgaven of the page,
    # 9-13 the filter choices
    with django_assert_num_queries(13):
        assert client.get(URL, params).status_code == 200
    for n in range(30):
        organisation = make_organisation(name=f"Zoetermeer partner {n}")
        make_activity(organisation)
    facets.rebuild()
    with django_assert_num_queries(13):
        response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["total"] == 31
    # Without a filter, or with one, the counts are read: 1 data version, (the chosen value), 2 the counts, 3 page,
    # 4 opgaven, 5-9 choices
    for params, queries in ({}, 9), ({"sector": "maatschappelijke-organisatie"}, 10), ({"provincie": "PV28"}, 10):
        with django_assert_num_queries(queries):
            assert client.get(URL, params | {"pagina": 1}).status_code == 200


def test_a_partner_profile_shows_its_area_pledge_and_activities(client, network):
    html = client.get(reverse("partners:organisation-detail", kwargs={"slug": network["local"].slug})).content.decode()
    assert "Buurthuis Zoetermeer" in html and "Zoetermeer" in html and "Ontbijt" in html
    applicant = network["local"].__class__.objects.get(status="applied")
    assert client.get(reverse("partners:organisation-detail", kwargs={"slug": applicant.slug})).status_code == 404


def test_a_repeated_directory_page_comes_from_the_cache_in_one_query(client, network, django_assert_num_queries):
    params = {"gemeente": "Zoetermeer", "zoek": "zoetermeer"}
    first = client.get(URL, params).content.decode()
    with django_assert_num_queries(1):  # the data version
        response = client.get(URL, params)
    assert response.status_code == 200
    again = response.content.decode()
    main = slice(first.index("<main"), first.index("</main>"))
    assert again[main] == first[main]
    assert "Buurthuis Zoetermeer" in again[main]
    assert client.get(URL, {"sector": "bestaat-niet"}).status_code == 400
    with django_assert_num_queries(1):
        assert client.get(URL, {"sector": "bestaat-niet"}).status_code == 400


def test_every_change_through_the_services_shows_at_once(client, network, personas):
    from alliantie.activities.services import add_progress_update
    from alliantie.partners import services

    team = personas.users["project_team"]
    local = network["local"]
    assert "Buurthuis Zoetermeer" in client.get(URL).content.decode()
    services.change_status(
        organisation=local, status="ended", since=local.joined_on, reason="Gestopt.", changed_by=team
    )
    assert "Buurthuis Zoetermeer" not in client.get(URL).content.decode()
    services.change_status(organisation=local, status="active", since=local.joined_on, reason="", changed_by=team)
    assert "Buurthuis Zoetermeer" in client.get(URL).content.decode()

    by_opgave = {"opgave": "leren-omgaan-met-geld"}
    assert "Voedselbank Groningen" not in client.get(URL, by_opgave).content.decode()
    make_activity(network["far"], title="Geldlessen").challenges.set(
        [Challenge.objects.get(slug="leren-omgaan-met-geld")]
    )
    assert "Voedselbank Groningen" in client.get(URL, by_opgave).content.decode()

    services.update_profile(organisation=local, changed_by=team, description="Wij doen nu ook huiswerkbegeleiding.")
    assert "Buurthuis Zoetermeer" in client.get(URL, {"zoek": "huiswerkbegeleiding"}).content.decode()

    far = network["far"]
    far.joined_on = local.joined_on - timedelta(days=800)
    far.save()
    team_client = personas.client("project_team")  # the traffic light is for the team (and the partner itself)
    assert "Verantwoording: inactief" in team_client.get(URL, {"zoek": "Groningen"}).content.decode()
    add_progress_update(
        activity=network["far"].activities.first(),
        reported_by=team,
        reported_on=local.joined_on,
        children_reached=3,
        families_reached=None,
        note="Loopt.",
    )
    assert "Verantwoording: actueel" in team_client.get(URL, {"zoek": "Groningen"}).content.decode()


def test_the_team_sees_the_export_links_and_others_do_not_from_the_same_cached_page(network, personas):
    team_page = personas.client("project_team").get(URL).content.decode()
    public_page = personas.client("anonymous").get(URL).content.decode()
    assert "partners/export.csv" in team_page
    assert "partners/export.csv" not in public_page
