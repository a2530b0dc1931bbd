from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alliantie.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Maak een back-up van de database terwijl het platform doordraait: SQLite met de online back-up, PostgreSQL "
        "met pg_dump (terugzetten met pg_restore, zie docs/production.md)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="waar de back-up komt, bijvoorbeeld /backup/alliantie.dump")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            kind = backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = file.stat().st_size
        self.stdout.write(f"Back-up ({kind}) geschreven naar {file} ({size:,} bytes).".replace(",", "."))
