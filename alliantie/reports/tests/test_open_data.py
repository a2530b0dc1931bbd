"""The open-data package: CSV and JSON with a datapackage.json, checked with the Frictionless validator."""

import csv
import io
import json

import pytest
from django.urls import reverse
from frictionless import validate

from alliantie.core.tests.factories import make_organisation
from alliantie.reports import opendata, precompute
from alliantie.reports.models import Snapshot
from alliantie.reports.tests.conftest import make_partners

pytestmark = pytest.mark.django_db


def build(client, tmp_path) -> dict:
    precompute.refresh()
    opendata.build()
    descriptor = client.get(reverse("reports:open-data-file", args=["datapackage.json"])).json()
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    for resource in descriptor["resources"]:
        response = client.get(reverse("reports:open-data-file", args=[resource["path"]]))
        assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
        (tmp_path / resource["path"]).write_bytes(response.content)
    return descriptor


@pytest.mark.smoke
def test_the_package_validates_with_frictionless(client, tmp_path):
    make_partners(6, sector="onderwijs")
    make_organisation(name='=HYPERLINK("http://example.org")', website="https://example.org")
    descriptor = build(client, tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0" and descriptor["created"]
    names = {r["name"] for r in descriptor["resources"]}
    assert {"partners-csv", "partners-json", "gemeenten-csv", "opgaven-json"} <= names
    for resource in descriptor["resources"]:
        assert all(field["description"] for field in resource["schema"]["fields"])


def test_the_csv_neutralises_formulas_and_suppresses_small_groups(client, tmp_path):
    make_partners(6, sector="onderwijs")
    make_organisation(name='=HYPERLINK("http://example.org")')
    build(client, tmp_path)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "partners.csv").read_text())))
    assert '\'=HYPERLINK("http://example.org")' in {row["naam"] for row in rows}
    sectors = {
        row["sector"]: row["partners"]
        for row in csv.DictReader(io.StringIO((tmp_path / "partners-per-sector.csv").read_text()))
    }
    assert sectors["Onderwijs"] == "6" and sectors["Maatschappelijke organisatie"] == ""
    municipalities = list(csv.DictReader(io.StringIO((tmp_path / "gemeenten.csv").read_text())))
    assert len(municipalities) == 342


def test_building_twice_keeps_one_package():
    opendata.build()
    opendata.build()
    assert Snapshot.objects.get(name="open-data").files.count() == 1 + 2 * len(opendata.RESOURCES)


def test_the_daily_job_refreshes_the_figures_and_the_package():
    assert "partners:" in opendata.build_daily()


def test_the_page_lists_the_files_and_unknown_files_are_404(client):
    assert "nog niet gemaakt" in client.get(reverse("reports:open-data")).content.decode()
    assert client.get("/open-data/partners.csv").status_code == 404
    opendata.build()
    page = client.get(reverse("reports:open-data")).content.decode()
    assert "datapackage.json" in page and "partners.csv" in page
    assert client.get("/open-data/geheim.csv").status_code == 404
    assert client.get("/open-data/../settings.py").status_code == 404


def test_the_api_gives_the_package_and_its_rows_with_pagination(client):
    make_partners(3)
    opendata.build()
    descriptor = client.get("/api/v1/open-data").json()
    assert descriptor["name"] == "alliantie-kinderarmoede"
    rows = client.get("/api/v1/open-data/partners?pageSize=2")
    assert rows.status_code == 200 and rows.json()["count"] == 3 and len(rows.json()["results"]) == 2
    assert 'rel="next"' in rows["Link"]
    assert client.get("/api/v1/open-data/geheim").status_code == 404
    assert client.get("/api/v1/open-data/partners?onbekend=1").status_code == 400


def test_the_api_says_404_before_the_first_package(client):
    response = client.get("/api/v1/open-data")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/problem+json")
