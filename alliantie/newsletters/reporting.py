"""What the newsletter gives the dashboard (reports) and the Voortgangsrapportage (monitoring), both earlier apps that
never import this one: the definition "nieuwsbrieven" for targets, and the editions sent per year for the report.
Registered once from NewslettersConfig.ready(); registering again replaces, so a reload does no harm."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from alliantie.monitoring import report
from alliantie.newsletters import selectors
from alliantie.newsletters.models import Edition
from alliantie.reports import definitions


def sent_editions(target: object = None) -> QuerySet[Edition]:
    """The editions the target "nieuwsbrieven" counts: those that were sent, newest first."""
    return Edition.objects.filter(status=Edition.Status.SENT, sent_at__isnull=False).order_by("-sent_at", "pk")


def edition_link(edition: Edition) -> str:
    return edition.get_absolute_url()


def register() -> None:
    """Give the dashboard and the progress report what this app counts."""
    definitions.register(
        definitions.from_records(
            key="nieuwsbrieven",
            date_field="sent_at",
            label=_("Nieuwsbrieven"),
            counts=_("Edities van de nieuwsbrief die in de periode zijn verstuurd."),
            leaves_out=_("Concepten, ingeplande en gestopte edities, en proefmails."),
            records=sent_editions,
            record_link=edition_link,
        )
    )
    report.register_yearly_counter("newsletters", selectors.editions_sent_in)
