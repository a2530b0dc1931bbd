from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alliantie.events"
    label = "events"
    verbose_name = _("Agenda")

    def ready(self) -> None:
        # The progress report (monitoring, an earlier app) shows the kenniskringen and leernetwerk meetings of a
        # year against their targets; the agenda gives it the counts, so monitoring never imports events.
        from alliantie.events import selectors
        from alliantie.events.models import EventKind
        from alliantie.monitoring import report

        report.register_yearly_counter("kenniskringen", selectors.yearly_count(EventKind.KENNISKRING))
        report.register_yearly_counter("leernetwerk", selectors.yearly_count(EventKind.LEERNETWERK))
