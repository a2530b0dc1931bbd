from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliantie.workspace import selectors


@login_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """Where everyone lands after logging in: what is waiting for them, per organisation and for the team."""
    return render(request, "workspace/start.html", selectors.work_for(request.user))
