"""Validators shared by the apps' models."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _


@deconstructible
class ChoicesList:
    """A JSON list holding only values of a choices class (and, when required, at least one)."""

    def __init__(self, values: list[str], message: str, required: bool = False) -> None:
        self.values, self.message, self.required = list(values), message, required

    def __call__(self, value) -> None:
        if (
            not isinstance(value, list)
            or (self.required and not value)
            or any(item not in self.values for item in value)
        ):
            raise ValidationError(self.message)

    def __eq__(self, other) -> bool:
        return isinstance(other, ChoicesList) and (self.values, self.message, self.required) == (
            other.values,
            other.message,
            other.required,
        )


# Names and titles ------------------------------------------------------------------------------------------------
# A name is shown next to other text, in lists, mails and exports. Some characters change how it looks without
# being seen: bidirectional controls reverse or reorder it ("‮redaV" shows as "Vader"), and invisible ones make
# two names look the same that are not. Harmless ones are removed (NameField and NameFormField do it before this
# check); the ones that change the text's direction or layout are refused, saying which and where.

# Bidirectional formatting characters (Unicode TR #9): embeddings, overrides, isolates and the implicit marks.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Invisible characters that only hide: a soft hyphen, a zero-width space, a word joiner, a byte order mark and the
# Mongolian vowel separator. Removing them changes nothing a reader sees.
HIDDEN = "\u00ad\u200b\u2060\ufeff\u180e"
# Joiners shape scripts (Persian, Indic) and emoji inside a name; at its ends they join nothing.
JOINERS = "\u200c\u200d"
_REMOVE = str.maketrans(dict.fromkeys(HIDDEN))
_ENDS = re.compile(rf"^[\s{JOINERS}]+|[\s{JOINERS}]+$")
_PLAIN_NAMES = {"\n": "regelovergang", "\r": "regelterugloop", "\t": "tab", "\x00": "NUL"}


def clean_name(value: str) -> str:
    """The name without the characters that only hide (anywhere) and without space or joiners at its ends."""
    return _ENDS.sub("", value.translate(_REMOVE))


def _describe(char: str) -> str:
    name = _PLAIN_NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def validate_name(value: str) -> None:
    """Refuse a name or title with a character that reverses or reorders text (bidirectional controls), breaks it
    over lines (control characters, line separators) or formats it invisibly; the message says which and where."""
    for position, char in enumerate(value, start=1):
        category = unicodedata.category(char)
        if char in BIDI_CONTROLS:
            problem = _("een onzichtbaar teken dat de leesrichting omdraait of verandert")
        elif category == "Cc" or char in "\u2028\u2029":
            problem = _("een stuurteken (een naam of titel staat op één regel)")
        elif category == "Cf" and char not in JOINERS:
            problem = _("een onzichtbaar opmaakteken")
        else:
            continue
        before = "".join(c for c in value[: position - 1] if unicodedata.category(c) not in ("Cc", "Cf"))[-20:]
        raise ValidationError(
            _(
                "Deze tekst bevat op plaats %(position)s%(after)s %(problem)s: %(char)s. Zo kan de tekst er anders "
                "uitzien dan hij is. Haal het teken weg, bijvoorbeeld door de tekst opnieuw te typen in plaats van "
                "hem te plakken."
            ),
            code="invisible_character",
            params={
                "position": position,
                "after": _(" (na “%(text)s”)") % {"text": before} if before.strip() else "",
                "problem": problem,
                "char": _describe(char),
            },
        )
