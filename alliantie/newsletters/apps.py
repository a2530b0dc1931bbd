from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alliantie.newsletters"
    label = "newsletters"
    verbose_name = _("Nieuwsbrief")

    def ready(self) -> None:
        checks.register(check_site_url, checks.Tags.security, deploy=True)
        # The dashboard (reports) and the progress report (monitoring) come earlier in the app order and never import
        # this app: it registers its definition and its yearly count there.
        from alliantie.newsletters import reporting

        reporting.register()


def check_site_url(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """RFC 8058: the one-click unsubscribe address in every newsletter must be https; it is made from SITE_URL."""
    if settings.SITE_URL.startswith("http://"):
        return [
            checks.Warning(
                "SITE_URL begint met http://: de afmeldlink in nieuwsbrieven (List-Unsubscribe) moet https zijn.",
                id="newsletters.W001",
            )
        ]
    return []
