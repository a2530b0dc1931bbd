"""Request bodies: a JSON object sent as application/json in UTF-8, nested at most a few levels, without NUL.
Anything else is refused here, with a Dutch problem, before a schema or a service sees it: a list or a string
once passed as an empty change and wrote an audit entry. Like problems.py, these texts are Dutch whatever the
language of the site: the API documentation promises Dutch."""

import json

from django.http import HttpRequest
from ninja.parser import Parser

from alliantie.core import jsoninput

MAX_DEPTH = 8  # our bodies are flat objects with lists of codes: two levels


class BodyProblem(Exception):
    """Why the body cannot be read, as the status and the Dutch detail of the problem response."""

    def __init__(self, status: int, detail: str, **extra: object) -> None:
        super().__init__(detail)
        self.status, self.detail, self.extra = status, detail, extra


def _is_json(content_type: str) -> bool:
    return content_type == "application/json" or (
        content_type.startswith("application/") and content_type.endswith("+json")
    )


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, str):
        return "een tekst"
    if isinstance(value, bool):
        return "true of false"
    if value is None:
        return "null"
    return "een getal"


def _nul_at(value: object, path: str = "") -> str | None:
    """The path of the first key or text holding NUL, which PostgreSQL cannot store; None when there is none."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        where = f"{path}.{key}" if path else str(key)
        if "\x00" in str(key):
            return where
        if found := _nul_at(item, where):
            return found
    return None


class JsonObjectParser(Parser):
    """django-ninja's parser for request bodies, refusing what is no JSON object (BodyProblem)."""

    def parse_body(self, request: HttpRequest) -> dict:
        if not _is_json(request.content_type or ""):
            raise BodyProblem(
                415,
                "De API leest alleen JSON. Stuur de inhoud als JSON-object met de kop "
                f"Content-Type: application/json (u stuurde {(request.content_type or 'geen Content-Type')[:80]}).",
            )
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BodyProblem(400, f"De inhoud is geen UTF-8 (bij byte {error.start}). Stuur JSON als UTF-8.") from None
        try:
            data = jsoninput.loads(text, max_depth=MAX_DEPTH)
        except json.JSONDecodeError as error:
            raise BodyProblem(
                400, f"De inhoud is geen geldige JSON: de fout zit op regel {error.lineno}, teken {error.colno}."
            ) from None
        except jsoninput.TooDeep:
            raise BodyProblem(
                400,
                f"De inhoud is dieper genest dan {MAX_DEPTH} niveaus (lijsten en objecten in elkaar). De API verwacht "
                "een plat JSON-object; zie openapi.json.",
            ) from None
        if not isinstance(data, dict):
            raise BodyProblem(400, f'De inhoud moet een JSON-object zijn, zoals {{"titel": "…"}}, en is {_kind(data)}.')
        if (where := _nul_at(data)) is not None:
            reason = "Deze tekst bevat een NUL-teken (\\u0000), dat niet kan worden opgeslagen. Laat het weg."
            raise BodyProblem(
                400,
                f"De inhoud bevat een NUL-teken (\\u0000) in {where}. Laat dat teken weg.",
                invalidParams=[{"name": where, "in": "inhoud", "code": "nul", "reason": reason}],
            )
        return data
