"""The official HSDS 3.0 JSON schema (copied from Open Referral, CC BY-SA 4.0, see schema/LICENSE-NOTICE.txt) and
validation of records against it with Dutch messages."""

import json
from functools import cache
from pathlib import Path

import jsonschema_rs
from django.utils.translation import gettext as _

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
BASE_URI = "https://hsds.alliantie.invalid/schema/"
KINDS = ("organization", "service", "location")


@cache
def _validator(kind: str) -> jsonschema_rs.Validator:
    resources = {BASE_URI + path.name: json.loads(path.read_text()) for path in SCHEMA_DIR.glob("*.json")}
    registry = jsonschema_rs.Registry(list(resources.items()))
    uri = f"{BASE_URI}{kind}.json"
    return jsonschema_rs.validator_for(resources[uri], registry=registry, base_uri=uri, validate_formats=True)


def _where(path: list) -> str:
    return ".".join(str(part) for part in path) or _("het record")


def _message(error: jsonschema_rs.ValidationError) -> str:
    kind = error.kind
    where = _where(list(error.instance_path))
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
        return _("het verplichte veld “%(field)s” ontbreekt in %(where)s") % {"field": kind.property, "where": where}
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Type):
        return _("%(where)s moet van het type %(types)s zijn") % {"where": where, "types": " of ".join(kind.types)}
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Format) and kind.format == "uuid":
        return _("%(where)s moet een UUID zijn, zoals 3f7b145d-84af-42d7-8fae-eaca714b02b2") % {"where": where}
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Format):
        return _("%(where)s heeft niet de vorm %(format)s") % {"where": where, "format": kind.format}
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Enum):
        return _("%(where)s moet een van deze waarden zijn: %(options)s") % {
            "where": where,
            "options": ", ".join(map(str, kind.options)),
        }
    return _("%(where)s voldoet niet aan het HSDS-schema (%(detail)s)") % {
        "where": where,
        "detail": error.message[:200],
    }


def errors(kind: str, record: object, limit: int = 5) -> list[str]:
    """What is wrong with one HSDS record of this kind, in Dutch; empty when it validates."""
    found = []
    for error in _validator(kind).iter_errors(record):
        found.append(_message(error))
        if len(found) >= limit:
            break
    return found
