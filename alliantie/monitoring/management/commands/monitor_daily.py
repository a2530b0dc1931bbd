from django.core.management.base import BaseCommand

from alliantie.monitoring.services import daily


class Command(BaseCommand):
    help = (
        "De dagelijkse ronde van de monitor: maak uitnodigingen die nog niet klaarstaan (na een onderbreking), "
        "de herinneringen die vandaag aan de beurt zijn, en sluit verlopen rondes. Twee keer draaien stuurt "
        "niemand iets dubbel. (Draait ook in `alliantie run_periodic`.)"
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(daily())
