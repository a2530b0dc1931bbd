"""The sociale kaart's heavy exchange as background jobs (core/jobs.py): reading in and writing out HSDS."""

import tempfile
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alliantie.core.jobs import JobRefused, JobResult, Progress
from alliantie.core.models import BackgroundJob, Municipality, Province
from alliantie.socialmap.hsds.export import Area, chunks, count_records
from alliantie.socialmap.hsds.importer import ImportReport, import_dataset


def problems_of(report: ImportReport) -> list[dict]:
    """The import report as the job page lists it: errors, refusals, warnings."""
    kinds = ((report.errors, _("fout")), (report.refused, _("geweigerd")), (report.warnings, _("let op")))
    return [{"where": label, "message": line} for lines, label in kinds for line in lines]


def import_hsds(job: BackgroundJob, progress: Progress) -> JobResult:
    """Check the uploaded file as a whole, then read it in (all or nothing)."""
    report = import_dataset(Path(job.input_file.path), actor=job.created_by, progress=progress)
    job.input_file.delete(save=False)  # the upload is not kept once read
    if report.errors:
        extra = report.error_count - len(report.errors)
        summary = report.summary() + (" " + _("(en nog %(n)s)") % {"n": extra} if extra > 0 else "")
        raise JobRefused(summary, problems_of(report))
    return JobResult(summary=[report.summary()], problems=problems_of(report))


def area_of(params: dict) -> Area:
    if params.get("municipality"):
        return Area(municipality=Municipality.objects.get(code=params["municipality"]))
    if params.get("province"):
        return Area(province=Province.objects.get(code=params["province"]))
    return Area()


def export_hsds(job: BackgroundJob, progress: Progress) -> JobResult:
    """The map (or one area) as HSDS JSON, written to a file in pieces, never whole in memory."""
    area = area_of(job.params)
    total = count_records(area)
    progress(0, total, _("Records schrijven"))
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".json", delete=False) as target:
        written = 0
        for piece in chunks(area):
            target.write(piece)
            if piece.startswith(("\n", ",\n")):
                written += 1
                if written % 500 == 0:
                    progress(written, total)
    name = f"sociale-kaart-{slugify(area.label)}-{timezone.localdate().isoformat()}.json"
    return JobResult(
        summary=[_("%(n)s records (organisaties, voorzieningen, locaties).") % {"n": written}],
        file_name=name,
        file_content_type="application/json; charset=utf-8",
        file_path=Path(target.name),
    )
