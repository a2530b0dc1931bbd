import sys

from django.core.management.base import BaseCommand, CommandError

from alliantie.core.jobs import terminal_progress
from alliantie.core.models import Province
from alliantie.core.selectors import find_municipality
from alliantie.socialmap.hsds.export import Area, chunks, count_records


class Command(BaseCommand):
    help = "Schrijf de sociale kaart (of één gemeente of provincie) als Open Referral HSDS 3.0 JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", default="-", help="bestand, of - voor standaarduitvoer (standaard)")
        area = parser.add_mutually_exclusive_group()
        area.add_argument("--gemeente", help="alleen wat er voor inwoners van deze gemeente is (naam of CBS-code)")
        area.add_argument("--provincie", help="alleen deze provincie (naam of CBS-code, zoals PV27)")

    def handle(self, *args, output: str, gemeente: str | None, provincie: str | None, **options) -> None:
        area = Area()
        if gemeente:
            municipality = find_municipality(gemeente)
            if municipality is None:
                raise CommandError(f"Gemeente “{gemeente[:60]}” kennen we niet. Gebruik de naam of de CBS-code.")
            area = Area(municipality=municipality)
        if provincie:
            province = (
                Province.objects.filter(code__iexact=provincie).first()
                or Province.objects.filter(name__iexact=provincie).first()
            )
            if province is None:
                raise CommandError(f"Provincie “{provincie[:60]}” kennen we niet. Gebruik de naam of de CBS-code.")
            area = Area(province=province)
        try:
            stream = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Kan {output} niet schrijven: {error.strerror}.") from None
        progress = terminal_progress(self.stderr._out) if output != "-" else None
        total = count_records(area) if progress else None
        written = 0
        with stream:
            for piece in chunks(area):
                stream.write(piece)
                if progress and piece.startswith(("\n", ",\n")):
                    written += 1
                    progress(written, total)
