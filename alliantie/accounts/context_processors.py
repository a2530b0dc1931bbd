from django.http import HttpRequest

from alliantie.accounts.permissions import can_use_admin


def navigation(request: HttpRequest) -> dict:
    """What the header offers this visitor; no queries."""
    user = request.user
    return {"nav_show_admin": can_use_admin(user)}
