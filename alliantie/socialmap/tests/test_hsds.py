"""Open Referral HSDS 3.0: the export validates against the official schema, a round trip through an empty
database gives the same data, and bad files are refused with a clear report while nothing changes."""

import json
import re
import shutil
import tracemalloc
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.urls import reverse

from alliantie.core.models import Challenge, Municipality, Province
from alliantie.core.tests.factories import make_location
from alliantie.socialmap.hsds import export, schema
from alliantie.socialmap.hsds.importer import import_dataset
from alliantie.socialmap.models import ErrorReport, Location, Provider, Service

pytestmark = pytest.mark.django_db
ID, OTHER_ID, THIRD_ID = (str(uuid.uuid4()) for _ in range(3))
OFFICIAL_EXAMPLES = Path(__file__).resolve().parent / "data"  # copied from Open Referral (LICENSE-NOTICE.txt)


def make(provider: Provider, name: str, **fields) -> Service:
    defaults = {"description": "Hulp voor kinderen.", "needs": ["school"], "offers": ["money"], "how_to_apply": "Bel."}
    return Service.objects.create(provider=provider, name=name, slug=str(uuid.uuid4())[:12], **(defaults | fields))


@pytest.fixture
def hsds_map(db):
    zoetermeer = Municipality.objects.get(code="GM0637")
    leergeld = Provider.objects.create(
        name="Stichting Leergeld", slug="leergeld", website="https://www.leergeld.nl", description="Landelijk"
    )
    branch = Provider.objects.create(name="Leergeld Zoetermeer", slug="leergeld-ztm", parent=leergeld, phone="079-1")
    branch.area_municipalities.set([zoetermeer])
    fund = Provider.objects.create(name="Jeugdfonds Zuid-Holland", slug="jf-zh", email="zh@example.org")
    fund.area_provinces.set([Province.objects.get(code="PV28")])
    laptop = make(
        leergeld,
        "Schoolspullen en laptop",
        needs=["school", "kleding-speelgoed"],
        offers=["goods", "money"],
        minimum_age=4,
        maximum_age=17,
        income_limit_percent=120,
        referral_needed=True,
        languages=["nl", "ar"],
        bring="Loonstrook en bankafschrift.",
        phone="088-123",
        opening_hours="ma-vr 9-17 uur",
        last_verified_on=date(2026, 3, 1),
    )
    laptop.challenges.set(Challenge.objects.filter(number__in=[2, 5]))
    make(fund, "Sportclub betaald", needs=["sport-cultuur"], national=False, costs="")
    make(leergeld, "Oude regeling", status="inactive")
    make_location(laptop, "GM0637", name="Leergeld-kantoor", postcode="2712 AB", city="Zoetermeer")
    return {"zoetermeer": zoetermeer, "laptop": laptop}


def dataset(area: export.Area | None = None) -> dict:
    return json.loads("".join(export.chunks(area or export.Area())))


def write(tmp_path: Path, content, name: str = "hsds.json") -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def snapshot() -> tuple:
    return (
        sorted(Provider.objects.values_list("hsds_id", "name", "parent_id")),
        sorted(Service.objects.values_list("hsds_id", "name", "description", "status")),
        sorted(Location.objects.values_list("hsds_id", "name", "postcode")),
    )


@pytest.mark.smoke
def test_every_exported_record_validates_against_the_official_schema(hsds_map):
    data = dataset()
    assert data["hsds_version"] == "3.0"
    assert len(data["organizations"]) == 3 and len(data["services"]) == 3 and len(data["locations"]) == 1
    for kind in schema.KINDS:
        for record in data[f"{kind}s"]:
            assert schema.errors(kind, record) == [], (kind, record["id"])


def test_the_export_carries_what_families_need(hsds_map):
    data = dataset()
    laptop = next(s for s in data["services"] if s["name"] == "Schoolspullen en laptop")
    assert laptop["minimum_age"] == 4 and laptop["maximum_age"] == 17
    assert laptop["assured_date"] == "2026-03-01"
    assert laptop["required_documents"][0]["document"] == "Loonstrook en bankafschrift."
    assert [lang["code"] for lang in laptop["languages"]] == ["nl", "ar"]
    terms = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"], a.get("value")) for a in laptop["attributes"]}
    assert ("alliantie-behoefte", "school", None) in terms
    assert ("alliantie-voorwaarde", "inkomensgrens", "120") in terms
    assert ("alliantie-voorwaarde", "verwijzing-nodig", "true") in terms
    assert {code for taxonomy, code, _v in terms if taxonomy == "alliantie-opgave"} == set(
        Challenge.objects.filter(number__in=[2, 5]).values_list("slug", flat=True)
    )
    branch = next(o for o in data["organizations"] if o["name"] == "Leergeld Zoetermeer")
    parent = next(o for o in data["organizations"] if o["name"] == "Stichting Leergeld")
    assert branch["parent_organization_id"] == parent["id"]
    assert [a["taxonomy_term"]["code"] for a in branch["attributes"]] == ["GM0637"]
    location = data["locations"][0]
    assert laptop["service_at_locations"][0]["location_id"] == location["id"]
    assert location["addresses"][0]["postal_code"] == "2712 AB" and location["external_identifier"] == "GM0637"


def test_an_area_export_holds_what_is_available_there_and_everything_it_refers_to(hsds_map):
    data = dataset(export.Area(municipality=hsds_map["zoetermeer"]))
    names = {s["name"] for s in data["services"]}
    assert "Schoolspullen en laptop" in names and "Sportclub betaald" in names
    ids = {o["id"] for o in data["organizations"]}
    for record in data["services"] + data["locations"]:
        assert record["organization_id"] in ids
    for record in data["organizations"]:
        assert record.get("parent_organization_id", record["id"]) in ids
    groningen = dataset(export.Area(municipality=Municipality.objects.get(code="GM0014")))
    assert {s["name"] for s in groningen["services"]} == set()
    assert groningen["locations"] == []


@pytest.mark.smoke
def test_round_trip_export_import_into_an_empty_database_export_gives_the_same_data(hsds_map, tmp_path):
    first = "".join(export.chunks())
    ErrorReport.objects.all().delete()
    Location.objects.all().delete()
    Service.objects.all().delete()
    Provider.objects.all().delete()
    report = import_dataset(write(tmp_path, first))
    assert report.errors == [] and report.refused == []
    assert report.created == {"organization": 3, "service": 3, "location": 1}
    assert "".join(export.chunks()) == first


def test_importing_the_same_file_again_updates_and_creates_nothing(hsds_map, tmp_path):
    path = write(tmp_path, "".join(export.chunks()))
    before = snapshot()
    report = import_dataset(path)
    assert sum(report.created.values()) == 0 and report.updated["service"] == 3
    assert snapshot() == before


def test_a_changed_record_is_updated_in_place(hsds_map, tmp_path):
    data = dataset()
    laptop = next(s for s in data["services"] if s["name"] == "Schoolspullen en laptop")
    laptop["description"] = "Nieuwe tekst."
    import_dataset(write(tmp_path, data))
    assert Service.objects.get(hsds_id=laptop["id"]).description == "Nieuwe tekst."
    assert Service.objects.count() == 3


def test_the_official_examples_import_with_a_report_of_what_was_refused_and_why(db, tmp_path):
    for example in ("service_full.json", "organization_full.json"):
        path = tmp_path / example
        shutil.copy(OFFICIAL_EXAMPLES / example, path)
        report = import_dataset(path)
        assert report.errors == []
        assert report.created["organization"] + report.updated["organization"] == 1
        assert any("niet waarbij zij helpt" in line for line in report.refused)  # no needs of ours
        assert any("Nederlandse gemeente" in line for line in report.refused)  # MyCity is abroad
        assert any("zelfstandige organisatie" in line for line in report.warnings)  # unknown parent
    assert Provider.objects.get().name == "Example Organization Inc."


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"services": [{"id": "x"', "geen geldige JSON"),
        ("", "geen geldige JSON"),
        ('"tekst"', "geen JSON-object of -lijst"),
        ("[]", "geen organisaties, voorzieningen of locaties"),
        ('{"services": [{"name": "Zonder id", "status": "active"}]}', "het verplichte veld “id” ontbreekt"),
        ('{"services": [{"id": "12", "name": "X", "status": "active"}]}', "id moet een UUID zijn"),
        (json.dumps({"services": [{"id": ID, "name": 5, "status": "active"}]}), "name moet van het type string"),
        ('{"services": ["tekst"]}', "geen JSON-object"),
        (json.dumps({"locations": [{"id": ID, "location_type": "ufo"}]}), "location_type moet een van deze waarden"),
        (
            json.dumps([{"id": ID, "name": "X", "status": "active", "organization_id": OTHER_ID}]),
            "verwijst naar organisatie",
        ),
        (
            json.dumps(
                {
                    "services": [
                        {
                            "id": ID,
                            "name": "X",
                            "status": "active",
                            "service_at_locations": [{"id": OTHER_ID, "location_id": THIRD_ID}],
                        }
                    ]
                }
            ),
            "verwijst naar locatie",
        ),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_report_and_changes_nothing(hsds_map, tmp_path, content, expected):
    before = snapshot()
    report = import_dataset(write(tmp_path, content))
    assert report.changed_nothing
    assert any(expected in line for line in report.errors), report.errors
    assert report.summary().startswith("Niets ingelezen")
    assert snapshot() == before


def test_one_bad_record_among_good_ones_stops_the_whole_file(hsds_map, tmp_path):
    data = dataset()
    data["services"][0]["name"] = "Nieuwe naam"
    data["services"][-1]["minimum_age"] = "negen"
    before = snapshot()
    report = import_dataset(write(tmp_path, data))
    assert any("minimum_age moet van het type number" in line for line in report.errors)
    assert snapshot() == before


def test_a_file_with_a_byte_order_mark_is_read(hsds_map, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + "".join(export.chunks()).encode())
    assert import_dataset(path).errors == []


def test_a_file_over_the_size_limit_is_refused_before_reading(hsds_map, tmp_path, settings):
    settings.SOCIALMAP_IMPORT_MAX_BYTES = 1000
    report = import_dataset(write(tmp_path, "".join(export.chunks())))
    assert report.changed_nothing and "groter dan" in report.errors[0]


def test_a_large_file_is_streamed_not_loaded(hsds_map, tmp_path):
    provider = str(Provider.objects.get(slug="leergeld").hsds_id)
    path = tmp_path / "groot.json"
    text = "Uitleg over deze regeling. " * 150  # about 4 kB per record
    with path.open("w", encoding="utf-8") as file:
        file.write('{"services": [')
        for n in range(4000):
            record = {"id": str(uuid.uuid4()), "name": f"Regeling {n}", "status": "active", "description": text}
            file.write(("," if n else "") + json.dumps(record | {"organization_id": provider}))
        file.write('], "locations": [{"id": "not-a-uuid", "location_type": "physical"}]}')
    size = path.stat().st_size
    assert size > 15_000_000
    tracemalloc.start()
    report = import_dataset(path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.changed_nothing and "locatie 1 (not-a-uuid): id moet een UUID zijn" in report.errors[0]
    assert peak < size / 5, f"piek {peak} bytes voor een bestand van {size} bytes"


def test_the_commands_export_and_import(hsds_map, tmp_path, capsys):
    target = tmp_path / "zoetermeer.json"
    call_command("hsds_export", "--gemeente", "Zoetermeer", "-o", str(target))
    assert json.loads(target.read_text())["area"] == "Zoetermeer"
    call_command("hsds_import", str(target))
    assert "0 geweigerd" in capsys.readouterr().out
    with pytest.raises(CommandError, match="kennen we niet"):
        call_command("hsds_export", "--gemeente", "Atlantis")
    with pytest.raises(CommandError, match="Niets ingelezen"):
        call_command("hsds_import", str(write(tmp_path, "{kapot")))


def run_job(client, url: str, data: dict):
    """Post a form that starts a background job, let the worker run it, and open the job's page."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(url, data)
    assert started.status_code == 302 and "/achtergrondtaken/" in started["Location"], started.content[:500]
    return client.get(started["Location"]).content.decode()


def test_the_team_writes_out_and_reads_in_on_the_exchange_page_as_background_jobs(hsds_map, personas, tmp_path):
    client = personas.client("project_team")
    url = reverse("socialmap:hsds")
    page = run_job(client, url, {"waar": "Zoetermeer", "exporteren": "1"})
    assert "HSDS-export: Zoetermeer" in page and "klaar" in page
    download = re.search(r'href="(/achtergrondtaken/[^"]+/download/)"', page).group(1)
    response = client.get(download)
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert json.loads(body)["area"] == "Zoetermeer"
    assert client.post(url, {"waar": "Atlantis", "exporteren": "1"}).status_code == 400
    with write(tmp_path, body.decode()).open("rb") as upload:
        page = run_job(client, url, {"file": upload, "inlezen": "1"})
    assert "bijgewerkt" in page
    with write(tmp_path, "[{]", "kapot.json").open("rb") as upload:
        page = run_job(client, url, {"file": upload, "inlezen": "1"})
    assert "mislukt" in page and "geen geldige JSON" in page


class TestApi:
    def test_services_come_in_hsds_pages_of_valid_records(self, hsds_map, client):
        response = client.get("/api/v1/hsds/services", {"per_page": 1})
        page = response.json()
        assert response.status_code == 200
        assert page["total_items"] == 2  # the inactive one is not public
        assert page["total_pages"] == 2 and page["size"] == 1 and page["first_page"] and not page["last_page"]
        assert schema.errors("service", page["contents"][0]) == []

    def test_services_by_postcode_search_and_organisation(self, hsds_map, client):
        def names(**params) -> set[str]:
            return {s["name"] for s in client.get("/api/v1/hsds/services", params).json()["contents"]}

        assert names(postcode="2712 AB") == {"Schoolspullen en laptop", "Sportclub betaald"}
        assert names(postcode="9711") == set()  # Groningen
        assert names(search="laptop") == {"Schoolspullen en laptop"}
        fund = Provider.objects.get(slug="jf-zh")
        assert names(organization_id=str(fund.hsds_id)) == {"Sportclub betaald"}
        assert names(modified_after="2000-01-01T00:00:00Z") == {"Schoolspullen en laptop", "Sportclub betaald"}
        assert names(modified_after="2999-01-01T00:00:00+01:00") == set()

    @pytest.mark.parametrize(
        "query", ["postcode=ABCD", "modified_after=gisteren", "per_page=0", "per_page=101", "pagina=2", "page=x"]
    )
    def test_bad_parameters_are_a_400_in_dutch(self, hsds_map, client, query):
        response = client.get(f"/api/v1/hsds/services?{query}")
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"

    def test_one_service_organisation_and_location(self, hsds_map, client):
        laptop = hsds_map["laptop"]
        service = client.get(f"/api/v1/hsds/services/{laptop.hsds_id}").json()
        assert service["name"] == "Schoolspullen en laptop"
        organisation = client.get(f"/api/v1/hsds/organizations/{laptop.provider.hsds_id}").json()
        assert schema.errors("organization", organisation) == []
        location = laptop.locations.get()
        assert client.get(f"/api/v1/hsds/locations/{location.hsds_id}").json()["name"] == "Leergeld-kantoor"
        assert client.get(f"/api/v1/hsds/services/{uuid.uuid4()}").status_code == 404
        inactive = Service.objects.get(name="Oude regeling")
        assert client.get(f"/api/v1/hsds/services/{inactive.hsds_id}").status_code == 404

    def test_lists_of_organisations_and_locations(self, hsds_map, client):
        organisations = client.get("/api/v1/hsds/organizations", {"search": "leergeld"}).json()
        assert {o["name"] for o in organisations["contents"]} == {"Stichting Leergeld", "Leergeld Zoetermeer"}
        locations = client.get("/api/v1/hsds/locations").json()
        assert locations["total_items"] == 1 and schema.errors("location", locations["contents"][0]) == []
        assert client.get("/api/v1/hsds").json()["version"] == "3.0"


# Hostile files: deep nesting, too many records, one giant record or value. Each is refused with a Dutch report
# while memory stays small, and nothing changes. 400 kB of "[" once made the server grow to 24 GB: ijson built a
# prefix string per event, whose length grows with the depth.

DEEP = {
    "arrays": "[" * 200_000 + "]" * 200_000,
    "objects": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "inside a record": f'{{"services": [{{"id": "{uuid.uuid4()}", "x": ' + "[" * 150_000 + "]" * 150_000 + "}]}",
    "inside a list": "[" + "[" * 150_000 + "]" * 150_000 + "]",
    "just too deep": '{"services": [{"id": "x", "a": ' + "[" * 31 + "]" * 31 + "}]}",
}


def imported_with_peak(path) -> tuple:
    tracemalloc.start()
    try:
        report = import_dataset(path)
        return report, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_a_deeply_nested_file_is_refused_in_dutch_without_building_it(hsds_map, tmp_path, shape):
    before = snapshot()
    report, peak = imported_with_peak(write(tmp_path, DEEP[shape]))
    assert report.changed_nothing
    assert "dieper genest dan 32 niveaus" in report.errors[0], report.errors
    assert peak < 5_000_000, f"piek {peak} bytes"
    assert snapshot() == before


def test_a_file_as_deep_as_real_hsds_is_still_read(hsds_map, tmp_path):
    data = json.loads("".join(export.chunks()))
    data["services"][0]["extra"] = json.loads("[" * 20 + "]" * 20)  # unknown fields are allowed by HSDS
    report = import_dataset(write(tmp_path, data))
    assert report.errors == []


def test_more_records_than_allowed_are_refused_while_streaming(hsds_map, tmp_path, settings):
    settings.SOCIALMAP_IMPORT_MAX_RECORDS = 3
    before = snapshot()
    report = import_dataset(write(tmp_path, "".join(export.chunks())))  # 3 + 3 + 1 records
    assert report.changed_nothing
    assert "meer dan 3 organisaties, voorzieningen en locaties samen" in report.errors[0]
    assert snapshot() == before


def test_one_giant_record_is_refused(hsds_map, tmp_path):
    record = {"id": str(uuid.uuid4()), "name": "Groot", "status": "active", "x": [0] * 250_001}
    report, peak = imported_with_peak(write(tmp_path, {"services": [record]}))
    assert report.changed_nothing
    assert "Record 1 bevat meer dan 250.000 waarden" in report.errors[0]
    assert peak < 40_000_000, f"piek {peak} bytes"


def test_one_giant_value_is_refused_before_it_is_held(hsds_map, tmp_path):
    record = {"id": str(uuid.uuid4()), "name": "Groot", "status": "active", "description": "x" * 5_000_000}
    report, peak = imported_with_peak(write(tmp_path, {"services": [record]}))
    assert report.changed_nothing
    assert "één waarde (of witruimte) van meer dan 2 MB" in report.errors[0]
    assert peak < 4_000_000, f"piek {peak} bytes"


@pytest.mark.parametrize("links", ["[5]", "5", '"tekst"', "[null]", '[{"location": 5}]'])
def test_odd_values_where_records_are_expected_give_a_report_not_an_error(hsds_map, tmp_path, links):
    service = f'{{"id": "{uuid.uuid4()}", "name": "X", "status": "active", "service_at_locations": {links}}}'
    for content in (f'{{"services": [{service}]}}', f"[{service}]", service):
        report = import_dataset(write(tmp_path, content))
        assert report.changed_nothing, (content, report.refused)
        assert any("service_at_locations" in line for line in report.errors), (content, report.errors)


def test_the_progress_callback_gets_records_done_and_the_total_once_known(hsds_map, tmp_path):
    calls = []
    import_dataset(write(tmp_path, "".join(export.chunks())), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(7, None), (7, 7)]


def test_the_command_and_the_upload_page_refuse_a_nested_file_in_dutch(hsds_map, tmp_path, personas, capsys):
    path = write(tmp_path, DEEP["arrays"])
    with pytest.raises(CommandError, match="Niets ingelezen"):
        call_command("hsds_import", str(path))
    assert "dieper genest dan 32 niveaus" in capsys.readouterr().err
    with path.open("rb") as upload:
        page = run_job(personas.client("project_team"), reverse("socialmap:hsds"), {"file": upload, "inlezen": "1"})
    assert "dieper genest dan 32 niveaus" in page
    assert Provider.objects.count() == 3 and Service.objects.count() == 3
