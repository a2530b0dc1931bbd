from django.core.management.base import BaseCommand

from alliantie.monitoring.models import Invitation, MonitorRound
from alliantie.monitoring.services import close_expired_rounds, queue_due_reminders, queue_invitation_mails


class Command(BaseCommand):
    help = (
        "De dagelijkse ronde van de monitor: maak uitnodigingen die nog niet klaarstaan (na een onderbreking), "
        "de herinneringen die vandaag aan de beurt zijn, en sluit verlopen rondes. Twee keer draaien stuurt "
        "niemand iets dubbel."
    )

    def handle(self, *args, **options) -> None:
        waiting_rounds = (
            Invitation.objects.filter(mail__isnull=True, round__status=MonitorRound.Status.OPEN)
            .values_list("round_id", flat=True)
            .distinct()
        )
        queued = sum(queue_invitation_mails.call(round_id) for round_id in waiting_rounds)
        reminded = queue_due_reminders()
        closed = close_expired_rounds()
        self.stdout.write(
            f"{queued} uitnodiging(en) klaargezet, {reminded} herinnering(en), {closed} ronde(s) gesloten."
        )
