from django.http import HttpRequest

from alliantie.accounts.permissions import can_use_admin, is_project_team


def navigation(request: HttpRequest) -> dict:
    """What the header offers this visitor; no queries."""
    user = request.user
    team = is_project_team(user)
    return {
        "nav_show_admin": can_use_admin(user),
        "nav_show_applications": team,
        "nav_show_platform": team,
        # the monitor and the marketplace are for partners' people (an applicant's are not yet) and the team
        "nav_show_partner_pages": team or getattr(user, "works_for_partner", False),
        "nav_show_organisation": getattr(user, "has_organisation", False),
    }
