import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
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


def job_page(client, url: str, data: dict) -> str:
    """Start the import as the team does, let the background worker run it, and read the job's page."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(url, data)
    assert started.status_code == 302 and "/achtergrondtaken/" in started["Location"]
    return client.get(started["Location"]).content.decode()


def test_the_team_imports_through_the_upload_page_as_a_background_job(personas):
    client = personas.client("project_team")
    url = reverse("partners:import")
    upload = SimpleUploadedFile("partners.csv", csv_file(GOOD), content_type="text/csv")
    checked = job_page(client, url, {"file": upload, "dry_run": "on"})
    assert "Er is niets opgeslagen." in checked and "3 nieuw" in checked
    assert not Organisation.objects.filter(name="Jeugdfonds Landelijk").exists()
    upload = SimpleUploadedFile("partners.csv", csv_file(GOOD), content_type="text/csv")
    done = job_page(client, url, {"file": upload})
    assert "3 nieuw, 0 bijgewerkt, 0 ongewijzigd." in done
    bad = SimpleUploadedFile("fout.csv", csv_file(["<script>x</script>;1;;;;;;;"]), content_type="text/csv")
    refused = job_page(client, url, {"file": bad})
    assert "Niets geïmporteerd: het bestand heeft fouten." in refused and "rij 2" in refused
    assert "<script>x</script>" not in refused
    assert personas.client("contact").post(url, {}).status_code == 403


# Hostile files: each is refused with a Dutch message while memory stays small, and nothing is imported. A 2 MB
# workbook once unpacked to 2 GB of spaces (3.5 GB of memory); 2 million tiny rows took minutes.

XLSX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    'main">{dimension}<sheetData>'
)
XLSX_HEADER_ROW = "".join(
    f'<c r="{col}1" t="inlineStr"><is><t>{name}</t></is></c>'
    for col, name in zip("ABCD", ["naam", "sector", "schaal", "werkgebied"], strict=True)
)


def hostile_xlsx(rows: str | bytes = b"", *, spaces: int = 0, dimension: str = "") -> bytes:
    """A real workbook (made the way an attacker would, with zipfile) around the given sheet content."""
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["naam"])
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            if part.filename != "xl/worksheets/sheet1.xml":
                target.writestr(part, source.read(part))
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(XLSX_HEAD.format(dimension=dimension).encode())
            sheet.write(f'<row r="1">{XLSX_HEADER_ROW}</row>'.encode())
            for _ in range(spaces >> 20):
                sheet.write(b" " * (1 << 20))
            sheet.write(rows if isinstance(rows, bytes) else rows.encode())
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def filled_rows(count: int, start: int = 2) -> str:
    return "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Stichting {n * 7919 % 100003}</t></is></c></row>'
        for n in range(start, start + count)
    )


def refused_with_peak(data: bytes, name: str) -> tuple[str, int]:
    tracemalloc.start()
    try:
        with pytest.raises(ValueError) as refusal:
            read_table(data, name)
        return str(refusal.value), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: hostile_xlsx(spaces=40 << 20), "uitgepakt 40 MB groot"),  # over the size
        (lambda: hostile_xlsx(spaces=20 << 20), "dat uitpakt tot 20 MB. Zo sterk krimpt alleen opvulling"),
        (lambda: hostile_xlsx(b"<row><c><v>1</v></c></row>" * 1_000_000), "dat uitpakt tot 24 MB"),  # tiny rows
        (
            lambda: hostile_xlsx(dimension='<dimension ref="A1:D2000000"/>'),
            "Volgens het bestand zelf zijn het er 2.000.000",
        ),
        (lambda: hostile_xlsx(filled_rows(20_001)), "meer dan 20.000 rijen. Splits het op in kleinere bestanden"),
        (lambda: hostile_xlsx('<row r="1000000"><c r="A1000000"><v>1</v></c></row>'), "meer dan 200.000 rijen"),
        (lambda: hostile_xlsx('<row r="2"><c r="AY2"><v>1</v></c></row>'), "Rij 2 heeft gegevens na kolom 50"),
    ],
)
def test_an_xlsx_bomb_is_refused_in_dutch_before_it_costs_memory(make, message):
    text, peak = refused_with_peak(make(), "bom.xlsx")
    assert message in text
    assert peak < 60_000_000, f"piek {peak} bytes"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            HEADER.encode() + b"\r\n" + b"x" * 1_000_000,
            "Regel 2 van het bestand kunnen we niet lezen: een cel is te lang",
        ),
        (HEADER.encode() + b"\r\n" * 2_000_000, "meer dan 200.000 rijen"),
        (csv_file(GOOD * 6_667), "meer dan 20.000 rijen. Splits het op in kleinere bestanden"),
        (HEADER.encode() + b"\r\n" + b"a;" * 60, "Rij 2 heeft gegevens na kolom 50"),
        (csv_file(GOOD * 20) + b"\r\nStichting\x00Nul;;fonds;lokaal;Zoetermeer\r\n", "Rij 62 bevat een nul-teken"),
    ],
)
def test_an_endless_csv_is_refused_in_dutch_while_it_streams(data, message):
    text, peak = refused_with_peak(data, "lijst.csv")
    assert message in text
    assert peak < 60_000_000, f"piek {peak} bytes"


def test_the_upload_page_and_the_command_refuse_a_bomb_and_import_nothing(personas, tmp_path):
    bomb = hostile_xlsx(spaces=40 << 20)
    upload = SimpleUploadedFile("bom.xlsx", bomb)
    page = job_page(personas.client("project_team"), reverse("partners:import"), {"file": upload, "dry_run": ""})
    assert "we lezen hoogstens 32 MB" in page
    path = tmp_path / "bom.xlsx"
    path.write_bytes(bomb)
    with pytest.raises(CommandError, match="we lezen hoogstens 32 MB"):
        call_command("import", "organisations", str(path))
    big = tmp_path / "groot.csv"
    big.write_bytes(HEADER.encode() + b"\r\n" * (6 << 20))
    with pytest.raises(CommandError, match="groter dan 5 MB"):
        call_command("import", "organisations", str(big))
    assert Organisation.objects.count() == 2  # the personas' own


def test_a_workbook_within_the_limits_is_still_read_whole():
    table = read_table(hostile_xlsx(filled_rows(20_000)), "lijst.xlsx")
    assert len(table) == 20_001 and table[-1][0].startswith("Stichting")
