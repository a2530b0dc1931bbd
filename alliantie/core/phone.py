"""Dutch telephone numbers as people read them ("079 123 4567", "06 1234 5678", "0800 1234") and as a tel: link."""

import re

# Area codes of three digits (with the 0); every other geographic area code has four ("0299 123 456").
THREE_DIGIT_CODES = frozenset(
    "010 013 015 020 023 024 026 030 033 035 036 038 040 043 045 046 050 053 055 058 "
    "070 071 072 073 074 075 076 077 078 079 085 087 088 091 097".split()
)
SERVICE_CODES = ("0800", "0900", "0906", "0909")


def _national(value: str) -> str | None:
    """The ten (or service-number) digits starting with 0, or None when it is no Dutch number."""
    digits = re.sub(r"[\s\-./]", "", value).replace("(0)", "").replace("(", "").replace(")", "")
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    if not digits.isdigit() or not digits.startswith("0"):
        return None
    if digits.startswith(SERVICE_CODES) and 8 <= len(digits) <= 11:
        return digits
    return digits if len(digits) == 10 else None


def format_phone(value: str) -> str:
    """A Dutch number grouped the usual way; anything else (a foreign number, text) is returned as it was."""
    digits = _national(value or "")
    if digits is None:
        return value
    if digits.startswith(SERVICE_CODES):
        rest = digits[4:]
        return f"{digits[:4]} {rest}" if len(rest) <= 4 else f"{digits[:4]} {rest[:3]} {rest[3:]}"
    if digits.startswith("06"):
        return f"06 {digits[2:6]} {digits[6:]}"
    if digits[:3] in THREE_DIGIT_CODES:
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return f"{digits[:4]} {digits[4:7]} {digits[7:]}"


def tel_link(value: str) -> str:
    """The number for a tel: link, internationally (+31 …) when it is Dutch; only digits and + otherwise."""
    digits = _national(value or "")
    if digits is None:
        return re.sub(r"[^\d+]", "", value or "")
    return digits if digits.startswith(SERVICE_CODES) else "+31" + digits[1:]
