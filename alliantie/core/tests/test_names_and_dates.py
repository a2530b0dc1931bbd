"""Names are sorted the way a reader expects (AWVN after Aldi, whatever the case) and dates are written in full
("2 oktober 2025"), in Dutch and in English, never "okt", "Oct." or "03-12-2026"."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from alliantie.core.tests.factories import make_organisation
from alliantie.partners.models import Organisation

PACKAGE = Path(__file__).resolve().parents[2]


def _sources(pattern: str) -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob(pattern)
        if "/tests/" not in str(path) and "/migrations/" not in str(path) and "/.venv/" not in str(path)
    ]


@pytest.mark.smoke
@pytest.mark.django_db
def test_partners_are_sorted_by_name_ignoring_case(client):
    for name in ("AWVN", "Aldi", "aan de slag", "Zwitsal"):
        make_organisation(name=name, slug=name.lower().replace(" ", "-"))
    names = [n for n in Organisation.objects.values_list("name", flat=True) if n in {"AWVN", "Aldi", "aan de slag"}]
    assert names == ["aan de slag", "Aldi", "AWVN"]
    response = client.get(reverse("partners:directory"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("aan de slag") < page.index("Aldi") < page.index("AWVN") < page.index("Zwitsal")


def test_no_query_orders_names_or_titles_by_their_bytes():
    """An ORDER BY on a name or title column puts "AWVN" before "Aldi" on PostgreSQL's C collation and on SQLite:
    order by Lower(...) instead."""
    plain = re.compile(r"(order_by\(|ordering = \[)[^)\]]*[\"']-?(?:\w+__)?(?:name|title)[\"']")
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in _sources("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if plain.search(re.sub(r"Lower\([^)]*\)", "", line))
    ]
    assert found == []


@pytest.mark.smoke
def test_dates_are_written_in_full_in_dutch_and_in_english():
    day = datetime.date(2025, 10, 2)
    moment = datetime.datetime(2026, 12, 3, 14, 5, tzinfo=datetime.UTC)
    with translation.override("nl"):
        assert date_format(day, "DATE_FORMAT") == "2 oktober 2025"
        assert date_format(day, "SHORT_DATE_FORMAT") == "2 oktober 2025"
        assert date_format(moment, "DATETIME_FORMAT") == "3 december 2026 14:05"
        assert Template("{{ day }} {{ day|date }}").render(Context({"day": day})) == "2 oktober 2025 2 oktober 2025"
    with translation.override("en"):
        assert date_format(day, "DATE_FORMAT") == "2 October 2025"
        assert Template("{{ day|date }}").render(Context({"day": day})) == "2 October 2025"


def test_no_template_or_code_writes_an_abbreviated_or_numeric_date_for_a_reader():
    """Template formats with M, N or b give "okt"/"Oct."; strftime with %d-%m-%Y gives "03-12-2026". Exports for
    spreadsheets keep a machine format and are listed here."""
    abbreviated = re.compile(r"\|date:[\"'][^\"']*[MNb][^\"']*[\"']")
    numeric = re.compile(r"%d-%m|%b|:%d")
    machine_formats = {"partners/directory.py"}  # the CSV/XLSX export: a date a spreadsheet reads
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for pattern, regex in (("*.html", abbreviated), ("*.txt", abbreviated), ("*.py", numeric))
        for path in _sources(pattern)
        if str(path.relative_to(PACKAGE)) not in machine_formats
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if regex.search(line)
    ]
    assert found == []
