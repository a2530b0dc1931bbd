"""JSON from outside (API bodies, form fields, files): parsed with a limit on its nesting. Python's decoder recurses
into each level, so 100,000 brackets end in a RecursionError (a server error where it is not caught), and what it
does parse may still be nested deeper than anything we store."""

import json

from django.utils.translation import gettext as _

MAX_DEPTH = 32


class TooDeep(ValueError):
    """The JSON nests deeper than allowed; the message says so in Dutch."""


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> object:
    """The value of `text`; json.JSONDecodeError for text that is no JSON, TooDeep for nesting over `max_depth`."""
    try:
        value = json.loads(text)
    except RecursionError:
        value = None
        too_deep = True
    else:
        too_deep = depth(value, stop_after=max_depth) > max_depth
    if too_deep:
        raise TooDeep(
            _("De JSON is dieper genest dan %(n)s niveaus (lijsten en objecten in elkaar). Maak de gegevens platter.")
            % {"n": max_depth}
        )
    return value


def depth(value: object, *, stop_after: int | None = None) -> int:
    """How many lists and objects are nested in each other at the deepest point (0 for a plain value); counting
    stops just past `stop_after`."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if stop_after is not None and deepest > stop_after:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest
