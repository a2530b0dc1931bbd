from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from alliantie.core import caching


class QueryCountHeaderMiddleware:
    """With QUERY_COUNT_HEADER on (benchmarks only), every response says how many SQL queries it took, and a request
    with `X-Bench-Compute: 1` is computed from the database without the cache (core/caching.py)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.enabled = settings.QUERY_COUNT_HEADER

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.enabled:
            return self.get_response(request)
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        token = caching.computing_only.set(request.headers.get("X-Bench-Compute") == "1")
        try:
            with connection.execute_wrapper(counter):
                response = self.get_response(request)
        finally:
            caching.computing_only.reset(token)
        response["X-Query-Count"] = str(count)
        return response


class DutchFirstLocaleMiddleware:
    """Dutch unless the visitor chose English with the language switch; the browser's language is not
    used, so a Dutch parent with an English-language phone still gets the Dutch site."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
