from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from alliantie.core.jobs import terminal_progress
from alliantie.partners import imports, services


class Command(BaseCommand):
    help = "Importeer organisaties uit een CSV- of Excel-bestand: alliantie import organisations BESTAND [--dry-run]"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["organisations"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="alleen controleren, niets opslaan")

    def handle(self, *args, kind: str, file: Path, dry_run: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(f"Het bestand {file} bestaat niet.")
        if file.stat().st_size > imports.MAX_BYTES:  # before reading it into memory
            raise CommandError(f"Het bestand is groter dan {imports.MAX_BYTES // (1024 * 1024)} MB. Splits het op.")
        try:
            table = imports.read_table(file.read_bytes(), file.name)
        except ValueError as error:
            raise CommandError(str(error)) from error
        report = imports.validate_table(table)
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"rij {problem.row}, kolom {problem.column or '-'}: {problem.message}")
            raise CommandError(f"{len(report.problems)} problemen gevonden; er is niets geïmporteerd.")
        with transaction.atomic():
            services.import_organisations(report=report, imported_by=None, progress=terminal_progress(self.stderr._out))
            if dry_run:
                transaction.set_rollback(True)
        self.stdout.write(
            f"Klaar ({'proef, niets opgeslagen' if dry_run else 'opgeslagen'}): {report.created} nieuw, "
            f"{report.updated} bijgewerkt, {report.unchanged} ongewijzigd."
        )
