from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalAlliancesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alliantie.localalliances"
    label = "localalliances"
    verbose_name = _("Lokale allianties")
