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
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
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
