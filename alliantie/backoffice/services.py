"""Writes of the platform pages: starting the audit export."""

from django.utils.translation import gettext as _

from alliantie.core import jobs


def start_audit_export(*, filters: dict, started_by):
    """The filtered audit log as CSV, made in the background."""
    params = {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in filters.items()}
    return jobs.start(
        kind="audit-export",
        title=_("Export van het auditlog"),
        handler="alliantie.backoffice.jobs.export_audit_log",
        created_by=started_by,
        params=params,
    )
