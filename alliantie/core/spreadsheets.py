"""Tables for people who open them in Excel: CSV as Dutch Excel reads it, and XLSX; both safe against
formula injection (a cell that starts with = + - @ or a control character is written as text). And tables read
from outside, bounded: an XLSX is a zip, and 2 MB of it once unpacked to 2 GB of spaces (3.5 GB of memory), or
to 2 million rows (minutes); a CSV can be one endless line."""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value, with a leading apostrophe where a spreadsheet would otherwise run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Semicolon-separated, UTF-8 with a byte order mark, so Dutch Excel opens it as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    more_sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[object]]]] = (),
) -> bytes:
    """A sheet with a header row (and more sheets after it); every cell a value, never a formula."""
    workbook = Workbook()
    sheet = workbook.active
    for index, (name, columns, lines) in enumerate([(title, header, rows), *more_sheets]):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = name[:31]
        sheet.append(list(columns))
        for row in lines:
            sheet.append([safe_cell(value) for value in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Reading --------------------------------------------------------------------------------------------------------
# Limits far above any real upload (20,000 organisations in 9 columns unpack to about 10 MB of XML), checked before
# a cell is parsed and again while the rows stream, so a file that lies about its size is stopped as well.

XLSX_MAX_UNPACKED = 32 * 1024 * 1024  # all parts together, as declared in the zip (zipfile holds a part to that)
XLSX_MAX_RATIO = 100  # a part over 1 MB that shrank more than this is filler (text XML shrinks 5 to 20 times)
XLSX_MAX_PARTS = 1000
MAX_COLUMNS = 50
MAX_SHEET_ROWS = 200_000  # rows in all, empty ones included: reading stops here whatever the file says


class UnreadableTable(ValueError):
    """The table cannot be read; the message says why, in Dutch, and what to do."""


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def check_zip(data: bytes) -> zipfile.ZipFile:
    """The zip (an XLSX) after checking what its parts unpack to, before anything is unpacked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableTable(
            _("Dit Excel-bestand kunnen we niet lezen. Sla het opnieuw op als .xlsx of als CSV.")
        ) from error
    parts = archive.infolist()
    unpacked = sum(part.file_size for part in parts)
    suspicious = [
        part
        for part in parts
        if part.file_size > 1024 * 1024 and part.file_size > XLSX_MAX_RATIO * max(part.compress_size, 1)
    ]
    if suspicious and unpacked <= XLSX_MAX_UNPACKED:
        part = suspicious[0]
        raise UnreadableTable(
            _(
                "Dit Excel-bestand bevat een onderdeel van %(kb)s kB dat uitpakt tot %(mb)s MB. Zo sterk krimpt "
                "alleen opvulling (lege ruimte, eindeloos herhaalde lege rijen), geen lijst van organisaties. "
                "Kopieer alleen de gegevens naar een nieuw bestand, of sla het op als CSV."
            )
            % {"kb": _number(max(part.compress_size // 1024, 1)), "mb": _number(part.file_size // (1024 * 1024))}
        )
    if len(parts) > XLSX_MAX_PARTS or unpacked > XLSX_MAX_UNPACKED:
        raise UnreadableTable(
            _(
                "Dit Excel-bestand is uitgepakt %(mb)s MB groot (%(parts)s onderdelen); we lezen hoogstens %(max)s "
                "MB. Een gewone lijst van organisaties is veel kleiner: waarschijnlijk staan er lege opmaak, "
                "verborgen bladen of heel veel lege rijen in. Kopieer alleen de gegevens naar een nieuw bestand, of "
                "sla het op als CSV."
            )
            % {"mb": _number(unpacked // (1024 * 1024)), "parts": _number(len(parts)), "max": XLSX_MAX_UNPACKED >> 20}
        )
    return archive


def xlsx_rows(data: bytes) -> Iterator[list[str]]:
    """The cells of the first sheet as text, row by row (openpyxl's read-only mode streams the sheet), at most
    MAX_COLUMNS of them; a value in the column after that is refused (UnreadableTable)."""
    archive = check_zip(data)
    try:
        workbook = load_workbook(archive.fp, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableTable(
            _("Dit Excel-bestand kunnen we niet lezen. Sla het opnieuw op als .xlsx of als CSV.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        declared = sheet.max_row or 0  # from the sheet's <dimension>, read without parsing a row
        if declared > MAX_SHEET_ROWS:
            raise _too_many_rows(MAX_SHEET_ROWS, declared)
        sheet.reset_dimensions()  # the rows that are there, not padding up to a declared size
        for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True), start=1):
            cells = ["" if cell is None else str(cell).strip() for cell in row]
            yield _within_columns(cells, number)
    finally:
        workbook.close()


def csv_rows(text: str) -> Iterator[list[str]]:
    """The cells of a CSV (semicolon or comma, whichever the first line has more of), row by row."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):  # noqa: B007 - the number names the line of an error
            yield _within_columns([cell.strip() for cell in row], number)
    except csv.Error as error:
        raise UnreadableTable(
            _(
                "Regel %(n)s van het bestand kunnen we niet lezen: een cel is te lang (meer dan %(max)s tekens). "
                "Controleer of het echt een CSV-bestand is."
            )
            % {"n": _number(reader.line_num or number + 1), "max": _number(csv.field_size_limit())}
        ) from error


def _within_columns(cells: list[str], number: int) -> list[str]:
    """The row without its empty cells at the end (a sheet pads every row to its width), refusing a value past
    MAX_COLUMNS and a NUL character (which no database stores)."""
    while cells and not cells[-1]:
        cells.pop()
    if any("\x00" in cell for cell in cells):
        raise UnreadableTable(
            _("Rij %(n)s bevat een nul-teken. Dit is geen gewoon tekstbestand; sla de lijst opnieuw op als CSV.")
            % {"n": _number(number)}
        )
    if len(cells) > MAX_COLUMNS:
        raise UnreadableTable(
            _(
                "Rij %(n)s heeft gegevens na kolom %(max)s; we lezen hoogstens %(max)s kolommen. Verwijder de kolommen "
                "die niet bij de import horen."
            )
            % {"n": _number(number), "max": MAX_COLUMNS}
        )
    return cells


def _too_many_rows(limit: int, declared: int | None = None) -> UnreadableTable:
    message = _("Het bestand heeft meer dan %(n)s rijen. Splits het op in kleinere bestanden.") % {"n": _number(limit)}
    if declared:
        message += " " + _("Volgens het bestand zelf zijn het er %(count)s.") % {"count": _number(declared)}
    return UnreadableTable(message)


def read_rows(rows: Iterator[list[str]], *, max_rows: int) -> list[list[str]]:
    """The rows as a list: a header and at most `max_rows` rows with something in them, and at most
    MAX_SHEET_ROWS in all (empty rows cost time too); counted while they stream, so reading stops at the limit."""
    table: list[list[str]] = []
    filled = 0
    for row in rows:
        filled += any(row)
        if filled > max_rows + 1:
            raise _too_many_rows(max_rows)
        if len(table) >= MAX_SHEET_ROWS:
            raise _too_many_rows(MAX_SHEET_ROWS)
        table.append(row)
    return table
