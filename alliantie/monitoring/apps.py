from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alliantie.monitoring"
    verbose_name = _("Monitor")

    def ready(self) -> None:
        from alliantie.core import summaries
        from alliantie.monitoring import counts

        summaries.register(
            "monitor",
            organisations=counts.organisations_changed,
            rebuild=counts.rebuild,
            due=counts.rebuild_if_never_built,
        )
