"""System checks for `alliantie check --deploy`: settings that production cannot do without."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs) -> list:
    """Mail sent by the worker needs the site's address for its links (a request would know it, a worker does not)."""
    if settings.SITE_URL.startswith("https://"):
        return []
    return [
        Warning(
            "SITE_URL is not an https address: links in mail sent by the background worker would not work.",
            hint="Set SITE_URL to the site's public address, e.g. https://alliantie.example.org.",
            id="alliantie.W001",
        )
    ]
