"""The JSON API at /api/v1/, following the Dutch API Design Rules (see docs/api.md)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from alliantie.api import (
    agenda,
    figures,
    hsds,
    localalliances,
    marketplace,
    me,
    monitoring,
    newsletters,
    partners,
    reference,
)
from alliantie.api.parser import BodyProblem, JsonObjectParser
from alliantie.api.problems import DETAILS, PROBLEM_TYPE, invalid_params, problem_response, too_big

PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "invalidParams": {"type": "array", "items": {"type": "object"}},
    },
}


class AlliantieAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs) -> dict:
        """Add what the ADR asks of the document: contact, the API-Version header and problem responses."""
        schema = super().get_openapi_schema(*args, **kwargs)
        schema["info"]["contact"] = {
            "name": "Projectteam Alliantie Kinderarmoede",
            "url": "https://github.com/alliantie-kinderarmoede/alliantie",
            "email": "api@example.org",
        }
        schema.setdefault("components", {})["schemas"]["Problem"] = PROBLEM_SCHEMA
        version_header = {"API-Version": {"description": "Volledige versie van de API", "schema": {"type": "string"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                for response in operation["responses"].values():
                    response.setdefault("headers", {}).update(version_header)
                operation["responses"]["default"] = {
                    "description": "Fout, als application/problem+json",
                    "headers": version_header,
                    "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                }
        return schema


api = AlliantieAPI(
    title="Alliantie Kinderarmoede API",
    version=settings.API_VERSION,
    description="Open API van het platform van de Alliantie Kinderarmoede. Fouten volgen RFC 9457 "
    "(application/problem+json); lijsten hebben `page` en `pageSize` en een Link-kop. De agenda is ook als "
    "iCalendar te volgen (geen JSON): `/agenda/agenda.ics` (alle openbare bijeenkomsten), "
    "`/agenda/soort/{kenniskringen|publieksacademies|leernetwerk|informatiebijeenkomsten|webinars|werkbezoeken}.ics`, "
    "`/agenda/opgave/{slug}.ics`, `/agenda/{slug}.ics` (één bijeenkomst) en een persoonlijke feed achter een geheim "
    "adres (pagina Mijn aanmeldingen); komende bijeenkomsten als Atom-feed: `/agenda/agenda.atom`.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,  # Swagger UI fails WCAG contrast checks; tools read openapi.json (docs/api.md)
    parser=JsonObjectParser(),
)
api.add_router("", reference.router)
api.add_router("", me.router)
api.add_router("", partners.router)
api.add_router("", marketplace.router)
api.add_router("", hsds.router)
api.add_router("", monitoring.router)
api.add_router("", agenda.router)
api.add_router("", figures.router)
api.add_router("", localalliances.router)

api.add_router("", newsletters.router)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return problem_response(
        request,
        400,
        "Een of meer waarden kloppen niet; zie invalidParams.",
        invalidParams=invalid_params(exc.errors),
    )


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem_response(request, 401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(request, 404)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem_response(request, 403)


# A service's ValidationError names the model's fields; the client knows them by the API's names.
API_FIELD_NAMES = {
    "title": "titel",
    "description": "omschrijving",
    "body": "omschrijving",
    "ends_on": "eindOp",
    "open_until": "openTot",
    "outcome": "uitkomst",
    "help_types": "hulp",
    "__all__": "",
}


@api.exception_handler(DjangoValidationError)
def on_model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    params = [
        {"name": API_FIELD_NAMES.get(field, field), "in": "inhoud", "code": "invalid", "reason": " ".join(messages)}
        for field, messages in getattr(exc, "message_dict", {"": exc.messages}).items()
    ]
    return problem_response(request, 400, "Een of meer waarden kloppen niet; zie invalidParams.", invalidParams=params)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # django-ninja wraps whatever the parser raises in HttpError(400, "Cannot parse request body"); its other
    # messages are English too ("Unauthorized", "Too many requests."). Our own code raises no HttpError.
    if isinstance(exc.__cause__, BodyProblem):
        return problem_response(request, exc.__cause__.status, exc.__cause__.detail, **exc.__cause__.extra)
    return problem_response(request, exc.status_code, DETAILS.get(exc.status_code))


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return too_big(request)
