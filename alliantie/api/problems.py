"""Errors as application/problem+json (RFC 9457), as the Dutch API Design Rules require."""

import json
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse

PROBLEM_TYPE = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer",
    401: "Niet ingelogd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict",
    413: "Verzoek te groot",
    415: "Niet-ondersteund formaat",
    429: "Te veel verzoeken",
    500: "Interne fout",
    503: "Niet beschikbaar",
}

DETAILS = {
    401: "Stuur een geldige API-sleutel mee in de kop Authorization: Bearer <sleutel>. "
    "U maakt een sleutel op uw accountpagina.",
    403: "U mag deze gegevens niet zien of wijzigen.",
    404: "Er is niets op dit adres. Controleer het pad en de code of id.",
    405: "Deze bewerking kan niet op dit adres.",
    500: "Er ging aan onze kant iets mis. Probeer het later opnieuw.",
}


def problem_response(request: HttpRequest, status: int, detail: str | None = None, **extra: object) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, HTTPStatus(status).phrase),
        "status": status,
        "detail": detail or DETAILS.get(status, HTTPStatus(status).phrase),
        "instance": request.path,
        **extra,
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE)


PYDANTIC_REASONS = {
    "missing": "Dit veld is verplicht.",
    "int_parsing": "Vul een geheel getal in.",
    "int_type": "Vul een geheel getal in.",
    "float_parsing": "Vul een getal in.",
    "bool_parsing": "Vul true of false in.",
    "string_type": "Vul tekst in.",
    "greater_than_equal": "Dit getal moet minstens {ge} zijn.",
    "greater_than": "Dit getal moet groter zijn dan {gt}.",
    "less_than_equal": "Dit getal mag hoogstens {le} zijn.",
    "less_than": "Dit getal moet kleiner zijn dan {lt}.",
    "string_too_long": "Deze tekst is te lang: hoogstens {max_length} tekens.",
    "string_too_short": "Deze tekst is te kort: minstens {min_length} tekens.",
    "string_pattern_mismatch": "Deze waarde heeft niet de juiste vorm ({pattern}).",
    "json_invalid": "De inhoud is geen geldige JSON.",
    "model_attributes_type": "Verwacht een JSON-object.",
    "dict_type": "Verwacht een JSON-object.",
    "list_type": "Verwacht een lijst.",
    "enum": "Kies een van de toegestane waarden: {expected}.",
    "literal_error": "Kies een van de toegestane waarden: {expected}.",
    "extra_forbidden": "Deze parameter kent de API hier niet. Controleer de schrijfwijze.",
}

LOCATIONS = {"query": "queryparameter", "path": "pad", "body": "inhoud", "header": "kop", "cookie": "cookie"}


def invalid_params(errors: list[dict]) -> list[dict]:
    """Every validation error, by parameter, with a Dutch reason (ADR /core/error-handling/all-errors)."""
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", [])]
        where = LOCATIONS.get(loc[0], loc[0]) if loc else ""
        name = ".".join(loc[1:]) if len(loc) > 1 else (loc[0] if loc else "")
        template = PYDANTIC_REASONS.get(error.get("type", ""))
        try:
            reason = template.format(**error.get("ctx", {})) if template else error.get("msg", "Ongeldige waarde.")
        except (KeyError, IndexError):
            reason = error.get("msg", "Ongeldige waarde.")
        result.append({"name": name, "in": where, "code": error.get("type", "invalid"), "reason": reason})
    return result
