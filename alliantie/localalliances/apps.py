from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalAlliancesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alliantie.localalliances"
    label = "localalliances"
    verbose_name = _("Lokale allianties")

    def ready(self) -> None:
        # The dashboard (reports) and the progress report (monitoring) come earlier in the app order and never import
        # this app: it registers its definitions, its figures per municipality, its ties and its yearly counts there.
        from alliantie.localalliances import reporting

        reporting.register()
