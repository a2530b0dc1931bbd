from django.conf import settings
from django.core.management.base import BaseCommand

from alliantie.socialmap.services import request_checks


class Command(BaseCommand):
    help = "Vraag de eigenaren van voorzieningen die een jaar niet zijn gecontroleerd om ze na te kijken (dagelijks)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"))

    def handle(self, *args, base_url: str, **options) -> None:
        sent = request_checks(base_url=base_url)
        self.stdout.write(f"{sent} e-mail(s) met een controleverzoek verstuurd.")
