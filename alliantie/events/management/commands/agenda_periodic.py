from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from alliantie.events import services


class Command(BaseCommand):
    help = (
        "Voer de periodieke taken van de agenda uit: verlopen aanbiedingen van de wachtlijst doorgeven (elke vijf "
        "minuten) en herinneringen versturen (elk uur). Twee keer draaien verstuurt niets dubbel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default=None, help="adres van de site voor links in de mail (standaard SITE_URL)"
        )

    def handle(self, *args, base_url: str | None, **options) -> None:
        with translation.override("nl"):
            expired = services.expire_waiting_list_offers(base_url=base_url)
            reminders = services.send_due_reminders(base_url=base_url)
        self.stdout.write(f"Verlopen aanbiedingen doorgegeven: {expired}. Herinneringen in de wachtrij: {reminders}.")
