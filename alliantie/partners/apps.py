from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "alliantie.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from alliantie.core import summaries
        from alliantie.partners import facets

        summaries.register(
            "partnerfilters", organisations=facets.refresh, rebuild=facets.rebuild, due=facets.rebuild_if_never_built
        )
