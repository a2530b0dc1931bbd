from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialmapConfig(AppConfig):
    name = "alliantie.socialmap"
    label = "socialmap"
    verbose_name = _("Sociale kaart")
