from django.conf import settings
from django.http import HttpRequest, HttpResponse

from alliantie.api.problems import PROBLEM_TYPE, problem_response

API_PREFIX = "/api/v1/"
OPENAPI_PATH = "/api/v1/openapi.json"


class ApiHeadersMiddleware:
    """API-Version on every API response, CORS on the OpenAPI document, no caching of API data, and
    problem+json for errors that Django answers before the API sees them (unknown path, wrong method)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if self._has_nul(request):
            # PostgreSQL cannot store or compare text with NUL; Django's forms refuse it the same way.
            response = problem_response(request, 400, "De invoer bevat een NUL-teken (\\0). Laat dat teken weg.")
        else:
            response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(PROBLEM_TYPE):
            allow = response.get("Allow")
            response = problem_response(request, response.status_code)
            if allow:
                response["Allow"] = allow
        response["API-Version"] = settings.API_VERSION
        if request.path == OPENAPI_PATH:
            response["Access-Control-Allow-Origin"] = "*"
        else:
            response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or any("\x00" in key for key in request.GET):
            return True
        return False
