from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "alliantie.reports"
    verbose_name = _("Dashboard en cijfers")

    def ready(self) -> None:
        # Partners without any connection in the network go on the team's worklist (accountability/worklist.py).
        from alliantie.reports import network

        network.register_worklist_reason()
