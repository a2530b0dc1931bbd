from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "alliantie.core"
    label = "core"
    verbose_name = _("Referentiegegevens")

    def ready(self) -> None:
        from alliantie.core import checks  # noqa: F401 - registers the deploy checks
