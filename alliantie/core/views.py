from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from alliantie.core import selectors


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "challenges": selectors.challenge_list(),
        "change_lines": selectors.change_line_list(),
    }
    return render(request, "core/home.html", context)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """One `SELECT 1`: the load balancer's check, and the floor the benchmarks compare pages with."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@cache_control(max_age=86400, public=True)
def security_txt(request: HttpRequest) -> HttpResponse:
    return render(request, "core/security.txt", content_type="text/plain; charset=utf-8")
