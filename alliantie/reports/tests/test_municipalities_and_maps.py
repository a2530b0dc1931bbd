"""The table of all municipalities and the maps."""

import re

import defusedxml.ElementTree as ET
import pytest
from django.urls import reverse

from alliantie.core.models import Municipality, Province
from alliantie.core.tests.factories import make_location, make_service
from alliantie.reports import precompute
from alliantie.reports.models import MunicipalityFigures
from alliantie.reports.tests.conftest import Queries, grow, make_partners

pytestmark = pytest.mark.django_db
TABLE = reverse("reports:municipalities")
MAP = reverse("reports:map")


def test_every_municipality_has_a_row_with_an_estimate_of_children():
    make_partners(2, code="GM0363")
    precompute.refresh()
    assert MunicipalityFigures.objects.count() == 342 == Municipality.objects.count()
    amsterdam = MunicipalityFigures.objects.get(municipality__code="GM0363")
    assert amsterdam.partners == 2 and amsterdam.activities == 2
    assert 100_000 < amsterdam.children < 200_000  # 918,117 inhabitants × 15% (CBS 2023)


@pytest.mark.smoke
def test_a_partner_counts_once_where_it_is_seated_and_in_its_working_area():
    partner = make_partners(1, code="GM0363")[0]
    partner.area_municipalities.set([Municipality.objects.get(code="GM0363"), Municipality.objects.get(code="GM0344")])
    partner.area_provinces.set([Province.objects.get(code="PV29")])
    precompute.refresh()
    figures = dict(MunicipalityFigures.objects.values_list("municipality__code", "partners"))
    assert figures["GM0363"] == 1 and figures["GM0344"] == 1 and figures["GM0687"] == 1
    assert sum(figures.values()) == 2 + 13  # Amsterdam, Utrecht and Zeeland's 13


def test_services_count_where_they_are_offered():
    make_location(make_service(national=False), municipality_code="GM0344")
    make_location(make_service(national=True), municipality_code="GM0344")  # everywhere: not counted per place
    precompute.refresh()
    assert MunicipalityFigures.objects.get(municipality__code="GM0344").services == 1


def test_the_table_filters_by_province_sorts_and_marks_empty_rows(personas):
    make_partners(3, code="GM0687")
    precompute.refresh()
    client = personas.client("project_team")
    page = client.get(TABLE + "?provincie=PV29&sorteer=partners").content.decode()
    rows = re.findall(r'<th scope="row">([^<]+)', page)
    assert len(rows) == 13 and rows[0].strip() == "Middelburg (Z.)"
    assert "row--empty" in page and "een schatting" in page


@pytest.mark.parametrize("query", ["?provincie=PV99", "?sorteer=drop", "?sorteer=" + "x" * 5000, "?provincie=%00"])
def test_odd_table_filters_are_a_400_with_a_dutch_message(personas, query):
    response = personas.client("project_team").get(TABLE + query)
    assert response.status_code == 400


@pytest.mark.smoke
def test_a_map_has_a_title_a_legend_with_values_and_its_data_table(personas):
    make_partners(3, code="GM0687")
    precompute.refresh()
    page = personas.client("project_team").get(MAP + "?kaart=partners").content.decode()
    assert page.count("<path ") == 342 and '<title id="map-title">Partners per 1.000 kinderen</title>' in page
    assert "map__legend-list" in page and "tot en met" in page or "meer dan" in page
    assert "Middelburg (Z.)" in page and "per 1.000 kinderen" in page
    assert personas.client("project_team").get(MAP + "?kaart=onzin").status_code == 400


def test_the_map_downloads_as_a_standalone_svg_with_its_legend(personas):
    precompute.refresh()
    response = personas.client("project_team").get(reverse("reports:map-svg", args=["voorzieningen"]))
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag.endswith("svg") and root.find("{http://www.w3.org/2000/svg}title").text
    assert "geen (342)" in response.content.decode()
    assert personas.client("project_team").get("/dashboard/kaarten/bestaat-niet.svg").status_code == 404


@pytest.mark.parametrize("url", [TABLE, MAP, reverse("reports:map-svg", args=["partners"])])
def test_the_table_and_the_maps_ask_the_same_number_of_queries_at_two_sizes(personas, url):
    client = personas.client("project_team")
    grow(3)
    precompute.refresh()
    client.get(url)
    with Queries() as small:
        assert client.get(url).status_code == 200
    grow(40)
    precompute.refresh()
    client.get(url)  # the figures were remade: the first request draws the page's parts, the others read them
    with Queries() as large:
        assert client.get(url).status_code == 200
    # session, user, second factor; the figures with their municipality and province (and the snapshot)
    assert small.count == large.count


def test_the_progress_report_prints_the_map_of_partners(tmp_path):
    from alliantie.monitoring import report

    make_partners(6, code="GM0687")
    precompute.refresh()
    html = report.render_html(2026)
    assert "Waar partners actief zijn" in html and html.count("<path ") == 342
    assert "minder dan 5" in html and "5 tot en met 9: 1 gemeente" in html
    pdf = report.render_pdf(2026)
    assert pdf.startswith(b"%PDF-")
    (tmp_path / "rapport.pdf").write_bytes(pdf)
