from django.conf import settings
from django.core.management.base import BaseCommand

from alliantie.monitoring.models import Invitation, MonitorRound
from alliantie.monitoring.services import close_expired_rounds, send_due_reminders, send_pending_invitations


class Command(BaseCommand):
    help = (
        "De dagelijkse ronde van de monitor: verstuur uitnodigingen die nog wachten (na een storing), de "
        "herinneringen die vandaag aan de beurt zijn, en sluit verlopen rondes."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"))

    def handle(self, *args, base_url: str, **options) -> None:
        waiting_rounds = (
            Invitation.objects.filter(sent_at__isnull=True, round__status=MonitorRound.Status.OPEN)
            .values_list("round_id", flat=True)
            .distinct()
        )
        sent = sum(send_pending_invitations(round_id, base_url)[0] for round_id in waiting_rounds)
        reminded = send_due_reminders(base_url=base_url)
        closed = close_expired_rounds()
        self.stdout.write(f"{sent} uitnodiging(en) verstuurd, {reminded} herinnering(en), {closed} ronde(s) gesloten.")
