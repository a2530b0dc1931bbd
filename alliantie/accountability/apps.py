from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "alliantie.accountability"
    label = "accountability"
    verbose_name = _("Opvolging van partners")

    def ready(self) -> None:
        from alliantie.accountability import worklist
        from alliantie.core import summaries

        summaries.register(
            "werklijst",
            organisations=worklist.refresh_entries,
            rebuild=worklist.rebuild_summary,
            due=worklist.rebuild_if_new_day,
        )
