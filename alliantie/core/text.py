"""Text helpers shared by search and lookups: accent- and case-insensitive keys for Dutch names."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def search_key(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form: "'s-Gravenhage" -> "s gravenhage"."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", without_accents.lower()).strip()
