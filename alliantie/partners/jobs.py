"""The organisation import as a background job (core/jobs.py)."""

from django.db import transaction
from django.utils.translation import gettext as _

from alliantie.core.jobs import JobRefused, JobResult, Progress
from alliantie.core.models import BackgroundJob
from alliantie.partners import imports, services


def import_organisations(job: BackgroundJob, progress: Progress) -> JobResult:
    """Check the uploaded table; with no problem, import it (or, for a trial run, import and undo)."""
    with job.input_file.open("rb") as upload:
        data = upload.read(imports.MAX_BYTES + 1)
    job.input_file.delete(save=False)
    try:
        table = imports.read_table(data, job.params["filename"])
    except ValueError as error:
        raise JobRefused(str(error)) from error
    progress(0, len(table), _("Controleren"))
    report = imports.validate_table(table)
    if not report.ok:
        problems = [{"where": _("rij %(row)s, %(column)s") % p.__dict__, "message": p.message} for p in report.problems]
        raise JobRefused(_("Niets geïmporteerd: het bestand heeft fouten."), problems)
    with transaction.atomic():
        services.import_organisations(report=report, imported_by=job.created_by, progress=progress)
        if job.params.get("dry_run"):
            transaction.set_rollback(True)
    summary = _("%(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd.") % report.__dict__
    if job.params.get("dry_run"):
        summary = _("Proef: %(summary)s Er is niets opgeslagen.") % {"summary": summary}
    return JobResult(summary=[summary])
