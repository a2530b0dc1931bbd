"""Dutch identifiers as people type them: one place that cleans them and says, in Dutch, what is wrong."""

import re

from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.nl import postcode


def clean_kvk_number(value: str) -> str:
    """ "1234 5678" or "1234.5678" -> "12345678"; empty stays empty; anything else raises ValueError."""
    digits = re.sub(r"[\s.]", "", value)
    if digits and not re.fullmatch(r"\d{8}", digits):
        raise ValueError(_("Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678."))
    return digits


def clean_postcode(value: str) -> str:
    """ " 1234ab " -> "1234 AB"; refuses "ABCD", numbers below 1000 and letter pairs that are never issued."""
    try:
        return postcode.validate(value)
    except StdnumValidationError:
        raise ValueError(
            _("Dit is geen Nederlandse postcode. Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 2712 AB.")
        ) from None
