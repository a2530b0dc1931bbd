"""Dates as the pages write them ("3 december 2026"), without Django's general date formatting for each one: the
month names are translated once per language (they are fixed in the catalogues). On a page with a hundred dates
that general formatting, with its translation lookups, cost more than the page's queries."""

from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language, override


@lru_cache(maxsize=8)
def _months(language: str) -> tuple[str, ...]:
    with override(language):
        return tuple(str(date_format(date(2000, month, 1), "F")) for month in range(1, 13))


def long_date(value: date) -> str:
    """The day as `date_format(value, "j F Y")` writes it in the active language, e.g. "3 december 2026"."""
    return f"{value.day} {_months(get_language())[value.month - 1]} {value.year}"
