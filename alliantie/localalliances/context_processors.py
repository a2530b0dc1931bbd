from django.http import HttpRequest

from alliantie.localalliances.permissions import has_coordinator_role


def navigation(request: HttpRequest) -> dict:
    """Whether the header offers the coordinator's start page; no queries (the role is on the user row)."""
    return {"nav_show_coordinator": has_coordinator_role(request.user)}
