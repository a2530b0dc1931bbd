"""The pool form as a person fills it in."""

import re

from alliantie.core.models import Challenge, Province


def pool_form(**changes) -> dict:
    return {
        "name": "Noor Ervaring",
        "email": "noor@example.org",
        "phone": "",
        "roles": ["meedenken", "brugfunctionaris"],
        "provinces": [Province.objects.get(code="PV28").pk],
        "municipalities": "Zoetermeer",
        "themes": [Challenge.objects.get(slug="meedoen").pk],
        "themes_note": "schulden",
        "availability": "maandelijks",
        "availability_note": "",
        "fee": "onkosten",
        "about": "Ik weet hoe het is als je kind niet mee kan.",
        "public_name": "",
        "consent": "on",
    } | changes


def link(mailbox, pattern: str, to: str = "") -> str:
    for message in reversed(mailbox.messages):
        if to and message["To"] != to:
            continue
        found = re.search(rf"http://\S+{pattern}", message.get_body(preferencelist=("plain",)).get_content())
        if found:
            return found.group(0)
    raise AssertionError(f"no link {pattern} in {[m['Subject'] for m in mailbox.messages]}")
