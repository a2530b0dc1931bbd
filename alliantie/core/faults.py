"""When the database cannot be reached (a restart, a failover), a request gets a clear Dutch answer to try again:
its transaction never committed, so nothing is half-written, and the next request opens a fresh connection
(CONN_HEALTH_CHECKS)."""

import json
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return database_unavailable(request)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 in Dutch (problem+json on the API), made without touching the database."""
    if request.path.startswith("/api/"):
        body = {
            "type": "about:blank",
            "title": "Niet beschikbaar",
            "status": 503,
            "detail": "De database is even niet bereikbaar; er is niets opgeslagen. Probeer het zo opnieuw.",
            "instance": request.path,
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False), status=503, content_type="application/problem+json"
        )
    else:
        # Rendered without the site's context processors: they would ask the database again.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database that went away while a middleware used it is a 503 to try again, not our error."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request)
    return HttpResponse(render_to_string("500.html"), status=500)
