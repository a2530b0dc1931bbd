"""Errors as application/problem+json (RFC 9457), as the Dutch API Design Rules require."""

import json
from http import HTTPStatus

from django.conf import settings
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
    400: "Het verzoek klopt niet. Controleer het adres, de parameters en de inhoud.",
    401: "Stuur een geldige API-sleutel mee in de kop Authorization: Bearer <sleutel>. "
    "U maakt een sleutel op uw accountpagina.",
    403: "U mag deze gegevens niet zien of wijzigen.",
    404: "Er is niets op dit adres. Controleer het pad en de code of id.",
    405: "Deze bewerking kan niet op dit adres.",
    406: "De API antwoordt alleen in JSON (application/json).",
    409: "Dit botst met de huidige toestand van de gegevens. Haal ze opnieuw op en probeer het nog eens.",
    413: "Het verzoek is te groot.",
    415: "De API leest alleen JSON. Stuur de inhoud met de kop Content-Type: application/json.",
    429: "U deed te veel verzoeken kort na elkaar. Wacht even en probeer het opnieuw.",
    500: "Er ging aan onze kant iets mis. Probeer het later opnieuw.",
    503: "De API is even niet beschikbaar. Probeer het later opnieuw.",
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


def too_big(request: HttpRequest) -> HttpResponse:
    """413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE, saying the limit."""
    limit = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):g}".replace(".", ",")
    return problem_response(request, 413, f"De inhoud is groter dan {limit} MB. Stuur minder tekst in één verzoek.")


PYDANTIC_REASONS = {
    "missing": "Dit veld is verplicht.",
    "int_parsing": "Vul een geheel getal in.",
    "int_type": "Vul een geheel getal in.",
    "int_from_float": "Vul een geheel getal in.",
    "int_parsing_size": "Dit getal is te groot.",
    "float_parsing": "Vul een getal in.",
    "float_type": "Vul een getal in.",
    "finite_number": "Vul een eindig getal in.",
    "bool_parsing": "Vul true of false in.",
    "bool_type": "Vul true of false in.",
    "string_type": "Vul tekst in.",
    "string_unicode": "Deze tekst is geen geldige Unicode.",
    "greater_than_equal": "Dit getal moet minstens {ge} zijn.",
    "greater_than": "Dit getal moet groter zijn dan {gt}.",
    "less_than_equal": "Dit getal mag hoogstens {le} zijn.",
    "less_than": "Dit getal moet kleiner zijn dan {lt}.",
    "string_too_long": "Deze tekst is te lang: hoogstens {max_length} tekens.",
    "string_too_short": "Deze tekst is te kort: minstens {min_length} tekens.",
    "too_long": "Deze lijst is te lang: hoogstens {max_length} waarden.",
    "too_short": "Deze lijst is te kort: minstens {min_length} waarden.",
    "string_pattern_mismatch": "Deze waarde heeft niet de juiste vorm ({pattern}).",
    "json_invalid": "De inhoud is geen geldige JSON.",
    "model_attributes_type": "Verwacht een JSON-object.",
    "model_type": "Verwacht een JSON-object.",
    "dict_type": "Verwacht een JSON-object.",
    "list_type": "Verwacht een lijst.",
    "enum": "Kies een van de toegestane waarden: {expected}.",
    "literal_error": "Kies een van de toegestane waarden: {expected}.",
    "date_type": "Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2026-03-31.",
    "date_parsing": "Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2026-03-31.",
    "date_from_datetime_parsing": "Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2026-03-31.",
    "date_from_datetime_inexact": "Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2026-03-31.",
    "datetime_type": "Vul een tijdstip in als 2026-03-31T09:00:00Z (RFC 3339).",
    "datetime_parsing": "Vul een tijdstip in als 2026-03-31T09:00:00Z (RFC 3339).",
    "datetime_from_date_parsing": "Vul een tijdstip in als 2026-03-31T09:00:00Z (RFC 3339).",
    "datetime_object_invalid": "Vul een tijdstip in als 2026-03-31T09:00:00Z (RFC 3339).",
    "timezone_naive": "Geef het tijdstip met een tijdzone, bijvoorbeeld Z of +01:00.",
    "uuid_type": "Vul een UUID in, zoals 123e4567-e89b-12d3-a456-426614174000.",
    "uuid_parsing": "Vul een UUID in, zoals 123e4567-e89b-12d3-a456-426614174000.",
    "url_type": "Vul een webadres in dat met https:// begint.",
    "url_parsing": "Vul een webadres in dat met https:// begint.",
    "url_scheme": "Vul een webadres in dat met https:// begint.",
}
EXTRA = {
    "body": "Dit veld kent de API hier niet. Controleer de schrijfwijze; de velden staan in openapi.json.",
    "query": "Deze parameter kent de API hier niet. Controleer de schrijfwijze.",
}
WHOLE_BODY_MISSING = 'De inhoud ontbreekt. Stuur een JSON-object, zoals {"titel": "…"}.'

LOCATIONS = {"query": "queryparameter", "path": "pad", "body": "inhoud", "header": "kop", "cookie": "cookie"}


def _reason(error: dict, place: str, name: str) -> str:
    """The Dutch reason of one pydantic error; never pydantic's English message."""
    kind = error.get("type", "")
    if kind == "missing" and place == "body" and not name:
        return WHOLE_BODY_MISSING
    if kind == "extra_forbidden":
        return EXTRA.get(place, EXTRA["query"])
    context = {key: str(value).replace(" or ", " of ") for key, value in (error.get("ctx") or {}).items()}
    try:
        return PYDANTIC_REASONS[kind].format(**context)
    except (KeyError, IndexError):
        return f"Deze waarde klopt niet (soort fout: {kind or 'onbekend'})."


def invalid_params(errors: list[dict]) -> list[dict]:
    """Every validation error, by parameter, with a Dutch reason (ADR /core/error-handling/all-errors). A body
    field is named as the client sent it ("titel"), without the name of the view's parameter that holds it."""
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", [])]
        place = loc[0] if loc else ""
        fields = loc[2:] if place == "body" else loc[1:]
        name = ".".join(fields)
        result.append(
            {
                "name": name,
                "in": LOCATIONS.get(place, place),
                "code": error.get("type", "invalid"),
                "reason": _reason(error, place, name),
            }
        )
    return result
