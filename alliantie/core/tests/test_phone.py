"""Dutch telephone numbers are shown the way people read them, with an international tel: link."""

import pytest

from alliantie.core.phone import format_phone, tel_link


@pytest.mark.smoke
@pytest.mark.parametrize(
    "typed, shown, link",
    [
        ("079-1234567", "079 123 4567", "+31791234567"),
        ("0791234567", "079 123 4567", "+31791234567"),
        ("+31 79 123 45 67", "079 123 4567", "+31791234567"),
        ("0031(0)791234567", "079 123 4567", "+31791234567"),
        ("0612345678", "06 1234 5678", "+31612345678"),
        ("0299-123456", "0299 123 456", "+31299123456"),
        ("020 - 555 12 34", "020 555 1234", "+31205551234"),
        ("0800-1234", "0800 1234", "08001234"),
        ("0800 0230230", "0800 023 0230", "08000230230"),
        ("+32 2 123 45 67", "+32 2 123 45 67", "+3221234567"),  # a Belgian number stays as it was typed
        ("bel de balie", "bel de balie", ""),
    ],
)
def test_numbers_are_grouped_the_dutch_way(typed, shown, link):
    assert format_phone(typed) == shown
    assert tel_link(typed) == link
