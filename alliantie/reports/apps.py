from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "alliantie.reports"
    verbose_name = _("Dashboard en cijfers")

    def ready(self) -> None:
        # Partners without any connection in the network go on the team's worklist (accountability/worklist.py).
        from alliantie.monitoring import report
        from alliantie.reports import network, selectors

        network.register_worklist_reason()
        # The map of partners per municipality in the Voortgangsrapportage (page and PDF).
        if selectors.report_map_section not in report.EXTRA_SECTIONS:
            report.EXTRA_SECTIONS.append(selectors.report_map_section)
