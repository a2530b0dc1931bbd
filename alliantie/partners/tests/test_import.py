import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from alliantie.partners.imports import read_table, validate_table
from alliantie.partners.models import Organisation
from alliantie.partners.services import import_organisations

pytestmark = pytest.mark.django_db
HEADER = "naam;kvk;sector;schaal;werkgebied;website;e-mail;postcode;plaats"
GOOD = [
    "Voedselbank Zoetermeer;12345678;Maatschappelijke organisatie;lokaal;Zoetermeer;voedselbank.example.org;"
    "info@voedselbank.example.org;2712 AB;Zoetermeer",
    "Stichting Leergeld Haaglanden;;fonds;regionaal;Den Haag, Rijswijk, 'Delft';;;2511 AA;Den Haag",
    "Jeugdfonds Landelijk;87654321;Fonds (ook Sam&);landelijk;heel Nederland;;;;",
]


def csv_file(lines: list[str], encoding: str = "utf-8-sig") -> bytes:
    return "\r\n".join([HEADER, *lines]).encode(encoding)


def run(data: bytes, name: str = "partners.csv"):
    report = validate_table(read_table(data, name))
    if report.ok:
        import_organisations(report=report, imported_by=None)
    return report


def test_a_valid_file_imports_every_row_and_a_second_import_changes_nothing():
    report = run(csv_file(GOOD))
    assert report.ok and report.created == 3
    voedselbank = Organisation.objects.get(kvk_number="12345678")
    assert voedselbank.municipality.code == "GM0637" and voedselbank.website == "https://voedselbank.example.org"
    leergeld = Organisation.objects.get(name="Stichting Leergeld Haaglanden")
    assert {m.code for m in leergeld.area_municipalities.all()} == {"GM0518", "GM0603", "GM0503"}
    assert Organisation.objects.get(name="Jeugdfonds Landelijk").scope.code == "national"
    again = run(csv_file(GOOD))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Organisation.objects.count() == 3


def test_a_changed_row_updates_the_matching_organisation():
    run(csv_file(GOOD))
    changed = GOOD[0].replace("voedselbank.example.org;", "nieuw.example.org;", 1)
    report = run(csv_file([changed]))
    assert (report.created, report.updated) == (0, 1)
    assert Organisation.objects.get(kvk_number="12345678").website == "https://nieuw.example.org"


def test_one_bad_row_imports_nothing_and_every_problem_is_named_by_row_and_column():
    lines = [
        GOOD[0],
        "Speelgoedbank;1234;piraterij;overal;Zoetermer, Atlantis;;geen-adres;ABCD;",
        ";;;;;;;;",
        "Tweede Voedselbank;12345678;fonds;lokaal;Zoetermeer;;;;",
    ]
    report = run(csv_file(lines))
    assert not report.ok
    found = {(p.row, p.column) for p in report.problems}
    assert {(3, "kvk"), (3, "sector"), (3, "schaal"), (3, "werkgebied"), (3, "e-mail"), (3, "postcode")} <= found
    assert (5, "kvk") in found  # the same KvK number as row 2
    messages = " ".join(p.message for p in report.problems)
    assert "“Zoetermer” kennen we niet als gemeente. Bedoelt u Zoetermeer?" in messages
    assert "“Atlantis” kennen we niet als gemeente." in messages
    assert "Dit KvK-nummer staat ook in rij 2." in messages
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_dutch_excel_files_in_any_usual_encoding_are_read(encoding):
    line = "Stichting Kinderhulp Súdwest-Fryslân;;fonds;lokaal;Súdwest-Fryslân;;;;Sneek"
    report = run(csv_file([line], encoding))
    assert report.ok
    assert Organisation.objects.get().name == "Stichting Kinderhulp Súdwest-Fryslân"


def test_a_file_with_mixed_encodings_is_read_line_by_line():
    data = (HEADER + "\r\n").encode() + "Café Één;;fonds;lokaal;Zoetermeer;;;;\r\n".encode()
    data += "Crèche Zoë;;kinderopvang;lokaal;Zoetermeer;;;;\r\n".encode("cp1252")
    assert run(data).ok
    assert set(Organisation.objects.values_list("name", flat=True)) == {"Café Één", "Crèche Zoë"}


def test_comma_separated_files_and_xlsx_work_too():
    comma = (
        'naam,sector,schaal,werkgebied\r\n"Buurthuis, Zoetermeer",maatschappelijke-organisatie,lokaal,Zoetermeer\r\n'
    )
    assert run(comma.encode()).ok
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["naam", "kvk", "sector", "schaal", "werkgebied"])
    sheet.append(["Huiswerkklas Delft", 11223344, "Maatschappelijke organisatie", "Lokaal", "Delft"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert run(buffer.getvalue(), "lijst.xlsx").ok
    assert Organisation.objects.get(kvk_number="11223344").name == "Huiswerkklas Delft"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"PK\x03\x04 kapot", "lijst.xlsx", "Dit Excel-bestand kunnen we niet lezen"),
        (b"%PDF-1.7", "lijst.pdf", "Kies een CSV- of Excel-bestand"),
        (b"\x00\x01\x02binair", "lijst.csv", "Dit is geen tekstbestand"),
    ],
)
def test_an_unreadable_file_gets_a_clear_message(data, name, message):
    with pytest.raises(ValueError, match=message):
        read_table(data, name)


def test_missing_columns_are_named():
    report = validate_table(read_table(b"naam;plaats\r\nIets;Delft\r\n", "x.csv"))
    assert "Deze kolommen ontbreken: sector, schaal, werkgebied" in report.problems[0].message


def test_the_command_checks_with_dry_run_and_then_imports(tmp_path, capsys):
    path = tmp_path / "partners.csv"
    path.write_bytes(csv_file(GOOD))
    call_command("import", "organisations", str(path), "--dry-run")
    assert "proef, niets opgeslagen): 3 nieuw" in capsys.readouterr().out
    assert not Organisation.objects.exists()
    call_command("import", "organisations", str(path))
    assert Organisation.objects.count() == 3
    bad = tmp_path / "fout.csv"
    bad.write_bytes(csv_file(["Iets;1;;;;;;;"]))
    with pytest.raises(CommandError, match="problemen gevonden; er is niets geïmporteerd"):
        call_command("import", "organisations", str(bad))


def test_the_team_imports_through_the_upload_page(personas):
    client = personas.client("project_team")
    url = reverse("partners:import")
    upload = SimpleUploadedFile("partners.csv", csv_file(GOOD), content_type="text/csv")
    checked = client.post(url, {"file": upload, "dry_run": "on"})
    assert "Proef: er is niets opgeslagen." in checked.content.decode()
    assert not Organisation.objects.filter(name="Jeugdfonds Landelijk").exists()
    upload = SimpleUploadedFile("partners.csv", csv_file(GOOD), content_type="text/csv")
    done = client.post(url, {"file": upload})
    assert "3 nieuw, 0 bijgewerkt, 0 ongewijzigd." in done.content.decode()
    bad = SimpleUploadedFile("fout.csv", csv_file(["<script>x</script>;1;;;;;;;"]), content_type="text/csv")
    refused = client.post(url, {"file": bad})
    assert refused.status_code == 400
    assert "problemen gevonden; er is niets geïmporteerd" in refused.content.decode()
    assert "<script>x</script>" not in refused.content.decode()
    assert personas.client("contact").post(url, {}).status_code == 403
