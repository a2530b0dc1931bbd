from django.conf import settings
from django.core.management.base import BaseCommand

from alliantie.marketplace.services import send_follow_ups


class Command(BaseCommand):
    help = "Vraag beide partners van oudere koppelingen per e-mail of het iets opleverde (dagelijks draaien)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"))

    def handle(self, *args, base_url: str, **options) -> None:
        sent = send_follow_ups(base_url=base_url)
        self.stdout.write(f"{sent} koppeling(en) nagevraagd.")
