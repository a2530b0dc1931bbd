from django.conf import settings
from django.core.management.base import BaseCommand

from alliantie.marketplace.services import send_digests


class Command(BaseCommand):
    help = "Stuur wie dat wil het wekelijkse overzicht van nieuwe, passende berichten (wekelijks draaien)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"))

    def handle(self, *args, base_url: str, **options) -> None:
        self.stdout.write(f"{send_digests(base_url=base_url)} overzicht(en) verstuurd.")
