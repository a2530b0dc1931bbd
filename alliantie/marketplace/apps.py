from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "alliantie.marketplace"
    label = "marketplace"
    verbose_name = _("Marktplaats")

    def ready(self) -> None:
        from alliantie.marketplace import signals  # noqa: F401 - connects the receivers
