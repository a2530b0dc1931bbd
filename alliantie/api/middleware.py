from django.conf import settings
from django.http import HttpRequest, HttpResponse

from alliantie.api.problems import PROBLEM_TYPE, problem_response
from alliantie.core import ratelimit

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


READING = ("GET", "HEAD", "OPTIONS")


class ApiRateLimitMiddleware:
    """Requests per minute per API key, per address without a key, and per address in all (a flood of made-up keys
    is still one address). Over a limit: 429 with Retry-After, in Dutch. When the counters cannot be reached, reads
    go on and writes are refused."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX) or request.path == OPENAPI_PATH:
            return self.get_response(request)
        fail_closed = request.method not in READING
        ip = ratelimit.client_ip(request)
        per_key = settings.API_REQUESTS_PER_MINUTE_PER_KEY
        checks = [("api-ip-all", ip, per_key)]
        authorization = request.META.get("HTTP_AUTHORIZATION", "")
        if authorization.lower().startswith("bearer "):
            checks.append(("api-key", authorization[7:].strip()[:200], per_key))
        else:
            checks.append(("api-ip", ip, settings.API_REQUESTS_PER_MINUTE_PER_IP))
        for scope, subject, limit in checks:
            verdict = ratelimit.hit(scope, subject, limit=limit, window=60, fail_closed=fail_closed)
            if not verdict:
                detail = (
                    f"Te veel verzoeken: hoogstens {limit} per minuut. "
                    f"Probeer het over {verdict.retry_after} seconden opnieuw."
                    if verdict.count
                    else "De teller van het aantal verzoeken is even niet bereikbaar; probeer het zo opnieuw."
                )
                response = problem_response(request, 429 if verdict.count else 503, detail)
                response["Retry-After"] = str(verdict.retry_after if verdict.count else 30)
                return response
        return self.get_response(request)
