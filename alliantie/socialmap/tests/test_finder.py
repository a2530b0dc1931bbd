"""Finding help: by municipality or postcode, age, need and words; national organisations with local branches."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliantie.core.models import Municipality, Province
from alliantie.socialmap.finder import FinderQuery, contact_for, find
from alliantie.socialmap.models import Provider, Service

pytestmark = pytest.mark.django_db
URL = reverse("socialmap:find")


def provider(name: str, **fields) -> Provider:
    return Provider.objects.create(name=name, slug=name.lower().replace(" ", "-"), **fields)


def service(owner: Provider, name: str, needs: list[str], **fields) -> Service:
    return Service.objects.create(
        provider=owner,
        name=name,
        slug=name.lower().replace(" ", "-"),
        description=fields.pop("description", "Hulp voor kinderen."),
        needs=needs,
        how_to_apply=fields.pop("how_to_apply", "Bel ons."),
        **fields,
    )


@pytest.fixture
def social_map(db):
    zoetermeer = Municipality.objects.get(code="GM0637")
    groningen = Municipality.objects.get(code="GM0014")
    leergeld = provider("Stichting Leergeld")
    branch = provider("Leergeld Zoetermeer", parent=leergeld, phone="079-1234567")
    branch.area_municipalities.set([zoetermeer])
    service(leergeld, "Schoolspullen en laptop", ["school"], minimum_age=4, maximum_age=17)
    jarige_job = provider("Stichting Jarige Job")
    service(jarige_job, "Verjaardagsbox", ["verjaardag"], national=True, minimum_age=1, maximum_age=12)
    gemeente = provider("Gemeente Zoetermeer")
    gemeente.area_municipalities.set([zoetermeer])
    service(gemeente, "Kindpakket Zoetermeer", ["sport-cultuur", "school"], income_limit_percent=120)
    groningen_bank = provider("Voedselbank Groningen")
    groningen_bank.area_municipalities.set([groningen])
    service(groningen_bank, "Voedselpakket Groningen", ["eten"])
    jeugdfonds = provider("Jeugdfonds Sport en Cultuur")
    zuid_holland = provider("Jeugdfonds Zuid-Holland", parent=jeugdfonds)
    zuid_holland.area_provinces.set([Province.objects.get(code="PV28")])
    service(jeugdfonds, "Sportclub betaald", ["sport-cultuur"], referral_needed=True)
    service(gemeente, "Oude regeling", ["school"], status="inactive")
    return {"zoetermeer": zoetermeer, "groningen": groningen, "branch": branch, "zuid_holland": zuid_holland}


def names(groups) -> dict[str, list[str]]:
    return {group.need: [found.service.name for found in group.found] for group in groups}


@pytest.mark.smoke
def test_a_family_in_zoetermeer_sees_local_national_and_branch_services_grouped_by_need(social_map):
    found = names(find(FinderQuery(municipality=social_map["zoetermeer"])))
    assert found == {  # with "alles" each service once, under its first need
        "sport-cultuur": ["Kindpakket Zoetermeer", "Sportclub betaald"],
        "school": ["Schoolspullen en laptop"],
        "verjaardag": ["Verjaardagsbox"],
    }
    school = names(find(FinderQuery(municipality=social_map["zoetermeer"], need="school")))
    assert school == {"school": ["Kindpakket Zoetermeer", "Schoolspullen en laptop"]}  # one need: all that have it
    in_groningen = names(find(FinderQuery(municipality=social_map["groningen"])))
    assert in_groningen == {"verjaardag": ["Verjaardagsbox"], "eten": ["Voedselpakket Groningen"]}


def test_the_contact_is_the_local_branch_of_a_national_organisation(social_map):
    groups = find(FinderQuery(municipality=social_map["zoetermeer"], need="school"))
    contacts = {found.service.name: found.contact.name for group in groups for found in group.found}
    assert contacts["Schoolspullen en laptop"] == "Leergeld Zoetermeer"
    sport = Service.objects.get(name="Sportclub betaald")
    assert contact_for(sport, social_map["zoetermeer"]) == social_map["zuid_holland"]
    assert contact_for(sport, None).name == "Jeugdfonds Sport en Cultuur"


@pytest.mark.smoke
def test_age_need_and_words_narrow_the_results(social_map):
    at_15 = names(find(FinderQuery(municipality=social_map["zoetermeer"], age=15)))
    assert "verjaardag" not in at_15 and "Schoolspullen en laptop" in at_15["school"]
    assert names(find(FinderQuery(municipality=social_map["zoetermeer"], need="verjaardag"))) == {
        "verjaardag": ["Verjaardagsbox"]
    }
    by_word = names(find(FinderQuery(municipality=social_map["zoetermeer"], text="laptop")))
    assert by_word == {"school": ["Schoolspullen en laptop"]}


@pytest.mark.smoke
def test_the_page_finds_by_postcode_and_stores_nothing(client, social_map):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"waar": "2712 AB", "leeftijd": "8"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hulp voor gezinnen in Zoetermeer" in page
    assert "Schoolspullen en laptop" in page and "Leergeld Zoetermeer" in page
    assert '<a href="tel:+31791234567">079 123 4567</a>' in page  # a Dutch number, grouped, with a link
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        # without Redis the visitors' rate limit counts in the database, under a hash of the address: not the search
        and "core_ratelimitcounter" not in q["sql"]
    ]
    assert writes == []
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize(
    "params, message",
    [
        ({"waar": "Zoetermer"}, "Bedoelt u Zoetermeer?"),
        ({"waar": "1001 AB"}, "Deze postcode kennen we niet"),
        ({"waar": "1234 SA"}, "geen Nederlandse postcode"),
        ({"waar": ""}, "Dit veld is verplicht"),
        ({"waar": "Zoetermeer", "leeftijd": "-1"}, "minstens 0"),
        ({"waar": "Zoetermeer", "behoefte": "alles"}, "Selecteer een geldige keuze"),
        ({"waar": "<script>alert(1)</script>"}, "kennen we niet als gemeente"),
    ],
)
def test_bad_input_is_explained_at_the_field(client, social_map, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "<script>alert(1)</script>" not in page


def test_a_service_page_shows_how_to_apply_with_the_local_contact_and_can_be_printed(client, social_map):
    url = reverse("socialmap:service-detail", args=["schoolspullen-en-laptop"])
    page = client.get(url, {"gemeente": "GM0637"}).content.decode()
    assert "Leergeld Zoetermeer" in page and "Bel ons." in page and "data-print" in page
    assert 'id="share-url"' in page and "gemeente=GM0637" in page
    assert "Stichting Leergeld" in client.get(url).content.decode()
    assert client.get(reverse("socialmap:service-detail", args=["oude-regeling"])).status_code == 404


def test_the_finder_takes_the_same_queries_for_few_and_many_services(client, social_map):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(URL, {"waar": "Zoetermeer"})
        return len(queries)

    few = count()
    owner = Provider.objects.get(name="Gemeente Zoetermeer")
    for n in range(15):
        service(owner, f"Regeling {n}", ["school", "eten"])
    assert count() == few


def test_the_addresses_are_on_a_map_from_the_shipped_boundaries_with_fixed_queries(client, social_map):
    from alliantie.core.tests.factories import make_location

    kindpakket = Service.objects.get(name="Kindpakket Zoetermeer")
    make_location(
        kindpakket, "GM0637", name="Stadhuis", postcode="2711 EC", city="Zoetermeer", latitude=52.0575, longitude=4.4931
    )

    def visit() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(URL, {"waar": "Zoetermeer"}).content.decode()
        return page, len(queries)

    page, few = visit()
    assert page.count('class="place-map__marker"') == 1 and "Stadhuis" in page and "<path" in page
    for n in range(10):
        make_location(
            kindpakket,
            "GM0637",
            name=f"Wijkpunt {n}",
            postcode="2712 AB",
            city="Zoetermeer",
            latitude=52.06 + n / 1000,
            longitude=4.49,
        )
    page, many = visit()
    assert page.count('class="place-map__marker"') == 11
    assert re.search(r'cx="\d+(\.\d+)?" cy="\d+(\.\d+)?"', page)  # SVG numbers, never a Dutch decimal comma
    assert many == few


def test_the_map_projection_keeps_every_marker_inside_the_drawing():
    from alliantie.core import geometry

    assert geometry.outline("GM0363") and geometry.outline("GM9999") == ()
    drawing = geometry.draw("GM0637", [geometry.Marker(4.4931, 52.0575, "Stadhuis")])
    _x0, _y0, width, height = map(float, drawing.view_box.split())
    x, y, label = drawing.markers[0]
    assert 0 < x < width and 0 < y < height and label == "Stadhuis"
    assert drawing.path.startswith("M") and drawing.path.endswith("Z")
    assert geometry.draw("GM9999", []) is None


def test_a_few_per_need_are_listed_with_a_link_to_all_and_one_need_is_paged(client, social_map):
    owner = Provider.objects.get(name="Gemeente Zoetermeer")
    for n in range(30):
        service(owner, f"Regeling {n:02d}", ["eten"])
    page = client.get(URL, {"waar": "Zoetermeer"}).content.decode()
    assert "Regeling 04" in page and "Regeling 05" not in page  # finder.GROUP_LIMIT per need
    assert "Toon alle 30 voor dit onderwerp" in page and "behoefte=eten" in page
    first = client.get(URL, {"waar": "Zoetermeer", "behoefte": "eten"}).content.decode()
    assert "Regeling 19" in first and "Regeling 20" not in first and "1 tot en met 20 van 30" in first
    assert "pagina=2" in first
    second = client.get(URL, {"waar": "Zoetermeer", "behoefte": "eten", "pagina": "2"}).content.decode()
    assert "Regeling 29" in second and "Regeling 19" not in second and "21 tot en met 30 van 30" in second
    assert client.get(URL, {"waar": "Zoetermeer", "behoefte": "eten", "pagina": "x"}).status_code == 200


def test_with_alles_a_service_is_listed_once_with_its_other_needs_and_a_link_to_all_of_a_need(client, social_map):
    page = client.get(URL, {"waar": "Zoetermeer"}).content.decode()
    assert page.count(">Kindpakket Zoetermeer</a>") == 1
    assert "Ook voor: Schoolkosten en een laptop" in page
    assert "Toon alle 2 voor dit onderwerp" in page and "behoefte=school" in page


@pytest.mark.smoke
def test_a_search_uses_the_fields_synonyms_shared_with_the_marketplace(social_map):
    from alliantie.marketplace.models import SynonymGroup

    meals = provider("Programma Schoolmaaltijden")
    service(meals, "Schoolmaaltijden", ["eten"], national=True, description="Uw kind krijgt eten op school.")
    by_breakfast = names(find(FinderQuery(municipality=social_map["zoetermeer"], text="ontbijt")))
    assert by_breakfast == {"eten": ["Schoolmaaltijden"]}  # "ontbijt" and "schoolmaaltijden" share a line
    assert names(find(FinderQuery(municipality=social_map["zoetermeer"], text="feestje"))) == {}
    SynonymGroup.objects.create(terms="feestje | verjaardagsbox")  # the team's line counts at once
    assert names(find(FinderQuery(municipality=social_map["zoetermeer"], text="feestje"))) == {
        "verjaardag": ["Verjaardagsbox"]
    }


def test_the_dots_on_the_map_carry_the_numbers_of_the_addresses_in_the_list(client, social_map):
    from alliantie.core.tests.factories import make_location

    kindpakket = Service.objects.get(name="Kindpakket Zoetermeer")
    for n, name in enumerate(["Stadhuis", "Wijkpunt Oost"]):
        make_location(
            kindpakket,
            "GM0637",
            name=name,
            postcode="2711 EC",
            city="Zoetermeer",
            latitude=52.05 + n / 100,
            longitude=4.49,
        )
    make_location(
        kindpakket, "GM0637", name="Zonder plek", postcode="2711 EC", city="Zoetermeer", latitude=None, longitude=None
    )
    response = client.get(URL, {"waar": "Zoetermeer"})
    assert response.status_code == 200
    page = response.content.decode()
    assert re.findall(r'class="place-map__number"[^>]*>(\d+)</text>', page) == ["1", "2"]
    assert re.findall(r'class="place-list__number" aria-hidden="true">(\d+)</span> <strong>([^<]+)<', page) == [
        ("1", "Stadhuis"),
        ("2", "Wijkpunt Oost"),
    ]
    assert "<strong>Zonder plek</strong>" in page  # in the list, without a number
