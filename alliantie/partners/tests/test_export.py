import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from alliantie.core.models import Municipality, Scope
from alliantie.core.tests.factories import make_membership, make_organisation, make_user

pytestmark = pytest.mark.django_db


def export(personas, fmt="csv", **params):
    return personas.client("project_team").get(reverse("partners:directory-export", kwargs={"fmt": fmt}), params)


def test_the_team_exports_the_filtered_directory_as_csv_for_dutch_excel(personas):
    local = make_organisation(
        name='=HYPERLINK("http://evil.example","klik")', kvk_number="12345678", postcode="2712 AB"
    )
    local.area_municipalities.set([Municipality.objects.get(code="GM0637")])
    make_membership(make_user(email="info@lokaal.example.org"), local, "contact")
    make_organisation(name="Landelijk Fonds", scope=Scope.objects.get(code="national"))
    far = make_organisation(name="Ver weg", municipality=Municipality.objects.get(code="GM0014"))
    far.area_municipalities.set([Municipality.objects.get(code="GM0014")])

    response = export(personas, gemeente="Zoetermeer")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="partners-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "naam",
        "kvk",
        "sector",
        "schaal",
        "werkgebied",
        "website",
        "e-mail",
        "postcode",
        "plaats",
        "partner sinds",
        "status",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert "Ver weg" not in by_name
    evil = by_name['\'=HYPERLINK("http://evil.example","klik")']
    assert evil[1] == "12345678" and evil[4] == "Zoetermeer" and evil[6] == "info@lokaal.example.org"
    assert by_name["Landelijk Fonds"][4] == "heel Nederland"


def test_the_same_rows_come_as_xlsx_without_formulas(personas):
    make_organisation(name="@SUM(1+1)")
    workbook = load_workbook(io.BytesIO(export(personas, "xlsx").content))
    sheet = workbook["Partners"]
    values = [cell.value for cell in sheet["A"]]
    assert values[0] == "naam"
    assert "'@SUM(1+1)" in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_only_the_team_may_export_the_contacts_addresses(personas):
    url = reverse("partners:directory-export", kwargs={"fmt": "csv"})
    for role in ("member", "contact", "outsider", "coordinator"):
        assert personas.client(role).get(url).status_code == 403
    assert personas.client("anonymous").get(url).status_code == 302
    assert personas.client("anonymous").get("/partners/export.pdf").status_code == 404


def test_the_export_takes_the_same_queries_for_one_or_thirty_partners(personas, django_assert_num_queries):
    client = personas.client("project_team")
    url = reverse("partners:directory-export", kwargs={"fmt": "csv"})
    # 1 session, 2 user, 3 second-factor device, 4 partners, 5 their municipalities, 6 provinces, 7 contacts
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
    for n in range(30):
        make_organisation(name=f"Partner {n}")
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").count("\r\n") == 33


def test_the_directory_offers_the_download_to_the_team_only(personas):
    url = reverse("partners:directory")
    assert "/partners/export.csv" in personas.client("project_team").get(url, {"sector": "gemeente"}).content.decode()
    assert "/partners/export.csv" not in personas.client("contact").get(url).content.decode()
