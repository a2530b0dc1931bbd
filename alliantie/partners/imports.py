"""Importing organisations from a spreadsheet: CSV (comma or semicolon; UTF-8 with or without BOM, or
Windows-1252, even mixed per line) or XLSX. A file with any problem imports nothing; the report names
every problem by row and column, in Dutch. Matching on KvK number, else on name and place, makes a second
import of the same file change nothing."""

import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from alliantie.core import spreadsheets
from alliantie.core.forms import split_names, unknown_municipality
from alliantie.core.identifiers import clean_kvk_number, clean_postcode
from alliantie.core.models import Municipality, Province, Scope, Sector
from alliantie.core.selectors import find_municipality
from alliantie.core.text import search_key
from alliantie.core.validators import clean_name, validate_name
from alliantie.partners.models import Organisation

COLUMNS = ["naam", "kvk", "sector", "schaal", "werkgebied", "website", "e-mail", "postcode", "plaats"]
REQUIRED = ["naam", "sector", "schaal"]
MAX_ROWS = 20_000
MAX_BYTES = 5 * 1024 * 1024
NATIONAL_WORDS = {"heel nederland", "landelijk", "nederland"}


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class ImportRow:
    row: int
    name: str
    kvk_number: str
    sector: Sector
    scope: Scope
    municipalities: list[Municipality]
    provinces: list[Province]
    website: str
    email: str
    postcode: str
    city: str
    existing: Organisation | None = None


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else line by line, falling back to Windows-1252 for a line that is not UTF-8.
    Written to one buffer as it goes: a file of millions of short lines never becomes a list of them."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = io.StringIO()
    for line in re.finditer(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", data):
        try:
            text.write(line.group().decode("utf-8"))
        except UnicodeDecodeError:
            text.write(line.group().decode("cp1252", errors="replace"))
    return text.getvalue()


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The cells of the file's first sheet as text; raises ValueError with a Dutch message when unreadable, too big
    or too long (more than MAX_ROWS rows, counted while reading)."""
    if len(data) > MAX_BYTES:
        raise ValueError(_("Het bestand is groter dan %(mb)s MB. Splits het op.") % {"mb": MAX_BYTES // (1024 * 1024)})
    if filename.lower().endswith(".xlsx"):
        return spreadsheets.read_rows(spreadsheets.xlsx_rows(data), max_rows=MAX_ROWS)
    if not filename.lower().endswith((".csv", ".txt")):
        raise ValueError(_("Kies een CSV- of Excel-bestand (.csv of .xlsx)."))
    if b"\x00" in data[:4096]:
        raise ValueError(_("Dit is geen tekstbestand. Kies een CSV- of Excel-bestand (.csv of .xlsx)."))
    return spreadsheets.read_rows(spreadsheets.csv_rows(_decode(data)), max_rows=MAX_ROWS)


def _name(value: str, row: int, column: str, problems: list[Problem]) -> str:
    """A name or place as the model keeps it (harmless invisible characters removed); a character that reverses or
    breaks the text is a problem at its cell."""
    value = clean_name(value)
    try:
        validate_name(value)
    except ValidationError as error:
        problems.append(Problem(row, column, error.messages[0]))
    return value


def _index(model, *fields: str) -> dict[str, object]:
    """Reference rows by the plain form of each of their names, loaded once per import."""
    return {search_key(str(getattr(item, f))): item for item in model.objects.all() for f in fields}


def _area(
    value: str, row: int, problems: list[Problem], provinces_by_name: dict
) -> tuple[list[Municipality], list[Province], bool]:
    municipalities, provinces, national = [], [], False
    for name in split_names(value):
        key = search_key(name)
        if key in NATIONAL_WORDS:
            national = True
            continue
        if key.startswith("provincie ") or re.fullmatch(r"pv\d\d", key):
            province = provinces_by_name.get(key) or provinces_by_name.get(search_key(name.split(" ", 1)[-1]))
            if province is None:
                problems.append(
                    Problem(row, "werkgebied", _("“%(name)s” kennen we niet als provincie.") % {"name": name[:60]})
                )
            else:
                provinces.append(province)
            continue
        municipality = find_municipality(name)
        if municipality is not None:
            municipalities.append(municipality)
            continue
        problems.append(Problem(row, "werkgebied", unknown_municipality(name)))
    return list(dict.fromkeys(municipalities)), list(dict.fromkeys(provinces)), national


def validate_table(table: list[list[str]]) -> ImportReport:
    """Check every row; collect every problem; match each valid row to an existing organisation."""
    report = ImportReport()
    rows = table
    if not rows or not any(cell for cell in rows[0]):
        report.problems.append(Problem(1, "", _("Het bestand is leeg.")))
        return report
    header = [search_key(cell).replace(" ", "-") if cell else "" for cell in rows[0]]
    header = ["e-mail" if h in ("email", "e-mail", "e-mailadres") else h for h in header]
    missing = [c for c in REQUIRED + ["werkgebied"] if c not in header]
    if missing:
        report.problems.append(
            Problem(
                1,
                ", ".join(missing),
                _("Deze kolommen ontbreken: %(columns)s. De eerste rij moet de kolomnamen hebben: %(all)s.")
                % {"columns": ", ".join(missing), "all": ", ".join(COLUMNS)},
            )
        )
        return report
    if len(rows) - 1 > MAX_ROWS:
        report.problems.append(
            Problem(1, "", _("Het bestand heeft meer dan %(n)s rijen. Splits het op.") % {"n": MAX_ROWS})
        )
        return report
    sectors, scopes, provinces_by_name = (
        _index(Sector, "slug", "name"),
        _index(Scope, "code", "name"),
        _index(Province, "code", "name"),
    )
    sector_names = ", ".join(Sector.objects.order_by("order").values_list("name", flat=True))
    by_kvk, by_name_place = {}, {}
    for organisation in Organisation.objects.only("pk", "kvk_number", "name", "city"):
        if organisation.kvk_number:
            by_kvk[organisation.kvk_number] = organisation
        by_name_place[(search_key(organisation.name), search_key(organisation.city))] = organisation
    seen_kvk: dict[str, int] = {}
    seen_name: dict[tuple[str, str], int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell for cell in cells):
            continue
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header) if name}
        problems: list[Problem] = []
        for column in REQUIRED:
            if not values.get(column):
                problems.append(Problem(number, column, _("Vul hier iets in; deze kolom is verplicht.")))
        name, city = _name(values.get("naam", ""), number, "naam", problems), values.get("plaats", "")[:100]
        city = _name(city, number, "plaats", problems)
        if len(name) > 200:
            problems.append(Problem(number, "naam", _("De naam is te lang: hoogstens 200 tekens.")))
        try:
            kvk = clean_kvk_number(values.get("kvk", ""))
        except ValueError as error:
            kvk = ""
            problems.append(Problem(number, "kvk", f"“{values['kvk'][:20]}”: {error}"))
        sector = sectors.get(search_key(values.get("sector", "")))
        if values.get("sector") and sector is None:
            problems.append(
                Problem(
                    number,
                    "sector",
                    _("De sector “%(v)s” kennen we niet. Kies uit: %(all)s.")
                    % {
                        "v": values["sector"][:60],
                        "all": sector_names,
                    },
                )
            )
        scope = scopes.get(search_key(values.get("schaal", "")))
        if values.get("schaal") and scope is None:
            problems.append(Problem(number, "schaal", _("Kies lokaal, regionaal of landelijk.")))
        municipalities, provinces, national = _area(values.get("werkgebied", ""), number, problems, provinces_by_name)
        if scope is not None and scope.code != Scope.Code.NATIONAL and not (municipalities or provinces or national):
            problems.append(Problem(number, "werkgebied", _("Vul minstens één gemeente of provincie in.")))
        postcode = values.get("postcode", "")
        if postcode:
            try:
                postcode = clean_postcode(postcode)
            except ValueError as error:
                problems.append(Problem(number, "postcode", f"“{postcode[:20]}”: {error}"))
        website = values.get("website", "")
        if website and not website.startswith(("http://", "https://")):
            website = "https://" + website
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                problems.append(Problem(number, "website", _("“%(v)s” is geen webadres.") % {"v": website[:80]}))
        email = values.get("e-mail", "").lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(Problem(number, "e-mail", _("“%(v)s” is geen e-mailadres.") % {"v": email[:80]}))
        if kvk and kvk in seen_kvk:
            problems.append(Problem(number, "kvk", _("Dit KvK-nummer staat ook in rij %(n)s.") % {"n": seen_kvk[kvk]}))
        name_key = (search_key(name), search_key(city))
        if not kvk and name and name_key in seen_name:
            problems.append(
                Problem(number, "naam", _("Deze naam en plaats staan ook in rij %(n)s.") % {"n": seen_name[name_key]})
            )
        if kvk:
            seen_kvk.setdefault(kvk, number)
        seen_name.setdefault(name_key, number)
        report.problems += problems
        if not problems:
            if national and scope is not None and scope.code != Scope.Code.NATIONAL:
                scope = Scope.objects.get(code=Scope.Code.NATIONAL)
            existing = by_kvk.get(kvk) if kvk else None
            existing = existing or by_name_place.get(name_key)
            report.rows.append(
                ImportRow(
                    number,
                    name,
                    kvk,
                    sector,
                    scope,
                    municipalities,
                    provinces,
                    website,
                    email,
                    postcode,
                    city,
                    existing,
                )
            )
    return report
