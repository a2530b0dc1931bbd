import base64
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliantie.accounts.models import User
from alliantie.demo.builders import DEMO_LOGINS, DEMO_PASSWORD, build_demo, demo_is_loaded


class Command(BaseCommand):
    help = "Bouw de demo-alliantie (deterministisch per --seed) en toon de demo-logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=int, default=1, help="1 geeft ongeveer 350 organisaties; N geeft N keer zoveel"
        )
        parser.add_argument("--seed", type=int, default=2030, help="dezelfde seed geeft dezelfde alliantie")
        parser.add_argument("--if-empty", action="store_true", help="niets doen als er al organisaties zijn")
        parser.add_argument("--logins", action="store_true", help="alleen de demo-logins tonen")
        parser.add_argument("--no-logins", action="store_true", help="de demo-logins niet tonen")

    def handle(self, *args, scale: int, seed: int, if_empty: bool, logins: bool, no_logins: bool, **options) -> None:
        if not logins:
            if scale < 1 or scale > 500:
                raise CommandError("--scale moet tussen 1 en 500 liggen.")
            if demo_is_loaded():
                if not if_empty:
                    raise CommandError(
                        "De database bevat al organisaties. Gebruik een lege database, of --if-empty om over te slaan."
                    )
                self.stdout.write("De database bevat al gegevens; de demo wordt niet opnieuw geladen.")
            else:
                started = time.monotonic()
                summary = build_demo(scale=scale, seed=seed)
                self.stdout.write(
                    f"Demo-alliantie gebouwd in {time.monotonic() - started:.1f} s: {summary.organisations} "
                    f"organisaties, {summary.users} personen, {summary.memberships} lidmaatschappen, "
                    f"{summary.activities} activiteiten, {summary.subscribers} abonnees op de nieuwsbrief, "
                    f"{summary.community_posts} berichten in de community."
                )
        if not no_logins:
            self.print_logins()

    def print_logins(self) -> None:
        users = {u.email: u for u in User.objects.filter(email__in=[login.email for login in DEMO_LOGINS])}
        devices = {d.user_id: d for d in TOTPDevice.objects.filter(user__in=users.values(), confirmed=True)}
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD})")
        for login in DEMO_LOGINS:
            user = users.get(login.email)
            if user is None:
                continue
            line = f"  {login.role:<34} {login.email:<28}"
            device = devices.get(user.pk)
            if device is not None:
                secret = base64.b32encode(device.bin_key).decode().rstrip("=")
                line += f" tweestaps-sleutel {secret}"
            self.stdout.write(line.rstrip())
        self.stdout.write(
            "Rollen met tweestapsverificatie: zet de sleutel in een authenticator-app, of vraag de code van nu op "
            "met: .venv/bin/alliantie totp EMAIL"
        )
