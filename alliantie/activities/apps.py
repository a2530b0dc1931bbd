from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "alliantie.activities"
    label = "activities"
    verbose_name = _("Activiteiten")

    def ready(self) -> None:
        from alliantie.activities import figures
        from alliantie.core import summaries

        summaries.register("jaarcijfers", rebuild=figures.rebuild, due=figures.rebuild_if_never_built)
