from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse


class QueryCountHeaderMiddleware:
    """With QUERY_COUNT_HEADER on (benchmarks only), every response says how many SQL queries it took."""

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

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
