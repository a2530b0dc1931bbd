import time

from django.core.management.base import BaseCommand, CommandError

from alliantie.core.periodic import run_due
from alliantie.schedule import JOBS


class Command(BaseCommand):
    help = (
        "Voer de periodieke taken uit die aan de beurt zijn (mail, monitor, controles, overzichten). Veilig om vaak "
        "en op meer machines tegelijk te draaien: elke taak draait op één plek tegelijk en doet niets dubbel. "
        "Bijvoorbeeld elke minuut uit cron, of met --loop 60 als dienst."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--job", help="alleen deze taak (zie --list)")
        parser.add_argument("--force", action="store_true", help="met --job: ook als hij nog niet aan de beurt is")
        parser.add_argument("--list", dest="list_jobs", action="store_true", help="toon de taken en wanneer ze draaien")
        parser.add_argument("--loop", type=int, metavar="SECONDEN", help="blijf draaien en kijk elke zoveel seconden")

    def handle(self, *args, job: str | None, force: bool, list_jobs: bool, loop: int | None, **options) -> None:
        names = {j.name for j in JOBS}
        if job and job not in names:
            raise CommandError(f"Onbekende taak {job!r}. Kies uit: {', '.join(sorted(names))}.")
        if force and not job:
            raise CommandError("--force kan alleen met --job: welke taak wilt u nu uitvoeren?")
        if list_jobs:
            for j in JOBS:
                when = (
                    f"elke {j.every}"
                    if j.at is None
                    else f"om {j.at:%H:%M}" + (" (wekelijks)" if j.weekday is not None else "")
                )
                self.stdout.write(f"{j.name:<26} {when:<22} {j.description}")
            return
        while True:
            for name, said in run_due(JOBS, only=job, force=force).items():
                self.stdout.write(f"{name}: {said.splitlines()[-1] if said else ''}")
            if not loop:
                return
            time.sleep(loop)
