"""Reads of reference data."""

import csv
import difflib
import functools
import re
from pathlib import Path

from django.db.models import Q
from django.db.models.functions import Lower

from alliantie.core.models import Challenge, ChangeLine, Municipality, Province, Scope, Sector
from alliantie.core.text import search_key

_CBS_CODE = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)


def find_municipality(query: str) -> Municipality | None:
    """The municipality with this CBS code (GM0363, 0363, 363) or name or alias, ignoring case and accents."""
    query = query.strip()
    if match := _CBS_CODE.match(query):
        code = f"GM{int(match.group(1)):04d}"
        return Municipality.objects.select_related("province").filter(code=code).first()
    key = search_key(query)
    if not key:
        return None
    found = (
        Municipality.objects.select_related("province")
        .filter(Q(search_name=key) | Q(aliases__search_name=key))
        .distinct()
        .order_by("code")[:2]
    )
    found = list(found)
    # An alias shared by two municipalities (none today) is ambiguous rather than a guess.
    return found[0] if len(found) == 1 else None


def suggest_municipalities(query: str, limit: int = 3) -> list[str]:
    """Names close to a misspelt municipality, for a "bedoelde u …?" message."""
    key = search_key(query)
    names = dict(Municipality.objects.values_list("search_name", "name"))
    names.update(dict(Municipality.objects.values_list("aliases__search_name", "aliases__name").exclude(aliases=None)))
    return [names[k] for k in difflib.get_close_matches(key, names.keys(), n=limit, cutoff=0.75)]


def challenge_list() -> list[Challenge]:
    """The 10 opgaven in their order."""
    return list(Challenge.objects.order_by("number"))


def change_line_list() -> list[ChangeLine]:
    """The three Verandertheorie lines in their order."""
    return list(ChangeLine.objects.order_by("order"))


def sector_list() -> list[Sector]:
    """The sectors in their order."""
    return list(Sector.objects.order_by("order", Lower("name")))


def scope_list() -> list[Scope]:
    """Lokaal, regionaal, landelijk."""
    return list(Scope.objects.order_by("order"))


def province_list() -> list[Province]:
    """The 12 provinces by name."""
    return list(Province.objects.order_by(Lower("name")))


POSTCODE_AREAS = Path(__file__).resolve().parent / "data" / "postcodes_pc4.csv"


@functools.cache
def _postcode_areas() -> dict[str, tuple[str, str]]:
    # Reference data from the shipped CBS file, identical on every server: safe to keep in memory.
    with POSTCODE_AREAS.open(encoding="utf-8") as handle:
        return {row["pc4"]: (row["gemeente_code"], row["plaats"]) for row in csv.DictReader(handle)}


def municipality_for_postcode(postcode: str) -> tuple[Municipality | None, str]:
    """The municipality and place name of a Dutch postcode ("2712 AB" or "2712"), from the CBS PC4 areas."""
    area = _postcode_areas().get(postcode.strip()[:4])
    if area is None:
        return None, ""
    return Municipality.objects.select_related("province").filter(code=area[0]).first(), area[1]
