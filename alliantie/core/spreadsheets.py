"""Tables for people who open them in Excel: CSV as Dutch Excel reads it, and XLSX; both safe against
formula injection (a cell that starts with = + - @ or a control character is written as text)."""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

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
