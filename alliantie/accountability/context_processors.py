from django.http import HttpRequest

from alliantie.accountability.permissions import can_follow_up_partners


def navigation(request: HttpRequest) -> dict:
    """Whether the header offers the worklist; no queries."""
    return {"nav_show_worklist": can_follow_up_partners(request.user)}
