"""The monitor's heavy work as background jobs (core/jobs.py): a round's export and the report's PDF."""

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alliantie.core import spreadsheets
from alliantie.core.jobs import JobResult, Progress
from alliantie.core.models import BackgroundJob
from alliantie.monitoring import exports, report
from alliantie.monitoring.models import MonitorRound, Report, ReportPdf

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_round(job: BackgroundJob, progress: Progress) -> JobResult:
    """All answers of a round as CSV or XLSX, with the codebook."""
    monitor_round = MonitorRound.objects.get(pk=job.params["round_id"])
    progress(0, None, _("Antwoorden verzamelen"))
    header, rows, codebook = exports.table(monitor_round)
    progress(len(rows), len(rows), _("Bestand maken"))
    name = f"monitor-{monitor_round.year}-{monitor_round.pk}"
    if job.params["format"] == "xlsx":
        content = spreadsheets.xlsx_bytes(
            _("Antwoorden"),
            header,
            rows,
            [(_("Codeboek"), [_("kolom"), _("vraag"), _("soort"), _("waarden")], codebook)],
        )
        return JobResult(
            summary=[_("%(n)s partners, %(c)s kolommen.") % {"n": len(rows), "c": len(header)}],
            file_name=f"{name}.xlsx",
            file_content_type=XLSX,
            file_content=content,
        )
    return JobResult(
        summary=[_("%(n)s partners, %(c)s kolommen.") % {"n": len(rows), "c": len(header)}],
        file_name=f"{name}.csv",
        file_content_type="text/csv; charset=utf-8",
        file_content=spreadsheets.csv_bytes(header, rows),
    )


def render_report_pdf(job: BackgroundJob, progress: Progress) -> JobResult:
    """Render a report's PDF in one language and keep it, so downloads are a file, not a rendering."""
    with translation.override(job.params["language"]):
        found = Report.objects.get(pk=job.params["report_id"])
        version = report.pdf_version(found)
        progress(0, 2, _("De PDF wordt opgemaakt"))
        content = report.render_pdf(found.year, found)
        progress(1, 2, _("De PDF wordt bewaard"))
        stored, _created = ReportPdf.objects.get_or_create(report=found, language=job.params["language"])
        stored.file.save(f"voortgangsrapportage-{found.year}-{stored.language}.pdf", ContentFile(content), save=False)
        stored.version, stored.rendered_at = version, timezone.now()
        stored.save()
    return JobResult(summary=[_("De PDF van %(report)s is klaar.") % {"report": found}])
