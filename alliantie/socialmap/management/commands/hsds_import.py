from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alliantie.core.jobs import terminal_progress
from alliantie.socialmap.hsds.importer import import_dataset


class Command(BaseCommand):
    help = (
        "Lees een Open Referral HSDS 3.0-bestand (JSON) in de sociale kaart in. Eerst wordt het hele bestand "
        "gecontroleerd; bij een fout verandert er niets."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="HSDS-bestand (JSON)")

    def handle(self, *args, file: str, **options) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand {file} bestaat niet.")
        report = import_dataset(path, progress=terminal_progress(self.stderr._out))
        for line in report.errors:
            self.stderr.write(f"fout: {line}")
        if report.error_count > len(report.errors):
            self.stderr.write(f"… en nog {report.error_count - len(report.errors)} fouten")
        for line in report.warnings:
            self.stderr.write(f"let op: {line}")
        for line in report.refused:
            self.stderr.write(f"geweigerd: {line}")
        self.stdout.write(report.summary())
        if report.errors:
            raise CommandError("Niets ingelezen.")
