"""Dates in full, the Dutch way ("2 oktober 2025"), wherever Django formats one without an explicit format:
never "Okt", an English month or "3-12-2026" where a reader sees it (settings.FORMAT_MODULE_PATH)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
