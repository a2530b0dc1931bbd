"""Background jobs of the platform pages."""

import json
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from alliantie.backoffice.selectors import audit_entries
from alliantie.core import spreadsheets
from alliantie.core.jobs import JobResult, Progress
from alliantie.core.models import BackgroundJob

EXPORT_LIMIT = 200_000


def export_audit_log(job: BackgroundJob, progress: Progress) -> JobResult:
    """The audit entries matching the filters as CSV (at most EXPORT_LIMIT rows, newest first)."""
    filters = {
        key: date.fromisoformat(value) if key in ("van", "tot") and value else value
        for key, value in job.params.items()
    }
    entries = audit_entries(filters)
    total = min(entries.count(), EXPORT_LIMIT)
    rows = []
    for n, entry in enumerate(entries[:EXPORT_LIMIT].iterator(chunk_size=2000), 1):
        rows.append(
            [
                timezone.localtime(entry.created_at).isoformat(timespec="seconds"),
                entry.actor.name if entry.actor else "",
                entry.action,
                entry.target_type,
                entry.target_id,
                entry.target_repr,
                entry.organisation_id or "",
                json.dumps(entry.data, ensure_ascii=False),
            ]
        )
        if n % 2000 == 0:
            progress(n, total, _("Regels ophalen"))
    header = ["tijdstip", "door", "handeling", "soort", "id", "object", "organisatie_id", "gegevens"]
    summary = [_("%(n)s regels.") % {"n": len(rows)}]
    if total == EXPORT_LIMIT:
        summary.append(_("Alleen de nieuwste %(n)s; maak de filters nauwer voor de rest.") % {"n": EXPORT_LIMIT})
    return JobResult(
        summary=summary,
        file_name=f"auditlog-{timezone.localdate().isoformat()}.csv",
        file_content_type="text/csv; charset=utf-8",
        file_content=spreadsheets.csv_bytes(header, rows),
    )
