from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alliantie.monitoring.models import Report
from alliantie.monitoring.report import render_html, render_pdf


class Command(BaseCommand):
    help = (
        "Maak een rapportage. Nu: `report progress --year JAAR --format pdf|html -o BESTAND` (de Voortgangsrapportage)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=["progress"], help="progress: de Voortgangsrapportage")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["pdf", "html"], default="pdf")
        parser.add_argument("-o", "--output", required=True, help="het bestand om te schrijven")

    def handle(self, *args, kind: str, year: int, format: str, output: str, **options) -> None:  # noqa: A002
        if not 2019 <= year <= 2100:
            raise CommandError("Geef een jaar vanaf 2019, zoals --year 2025.")
        report = Report.objects.filter(year=year).first()
        content = render_pdf(year, report) if format == "pdf" else render_html(year, report).encode()
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"Kan {output} niet schrijven: {error.strerror}.") from None
        state = "gepubliceerd" if report and report.published_at else "concept"
        self.stdout.write(f"Voortgangsrapportage {year} ({state}) geschreven naar {output}.")
