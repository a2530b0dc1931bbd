"""The retention job: what is no longer needed goes (docs/verwerkingsregister.md says what, why and when)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alliantie.core.models import AuditEntry, BackgroundJob, OutboxMessage
from alliantie.socialmap.models import ErrorReport


@transaction.atomic
def apply_retention(*, now=None) -> str:
    """Run every rule once; safe to run again (each rule only touches what is still there). Returns a summary."""
    now = now or timezone.now()
    done = {}
    # Audit entries keep what happened, but after AUDIT_PERSONAL_DATA_YEARS no longer who did it or to whom.
    old = AuditEntry.objects.filter(created_at__lt=now - timedelta(days=365 * settings.AUDIT_PERSONAL_DATA_YEARS))
    done["auditregels"] = old.filter(actor__isnull=False).update(actor=None)
    done["auditregels over personen"] = (
        old.filter(target_type="accounts.user").exclude(target_repr="persoon").update(target_repr="persoon", data={})
    )
    old_with_email = old.filter(data__has_key="email")
    for entry in old_with_email.only("pk", "data"):
        AuditEntry.objects.filter(pk=entry.pk).update(data={k: v for k, v in entry.data.items() if k != "email"})
    # A visitor's reply address is needed to answer their report, not after.
    handled = now - timedelta(days=settings.ERROR_REPORT_EMAIL_DAYS)
    done["adressen in meldingen"] = (
        ErrorReport.objects.filter(handled_at__lt=handled).exclude(reply_email="").update(reply_email="")
    )
    # Mail: the text of sent mail after MAIL_BODY_DAYS (links in it may still work), the record after MAIL_KEEP_DAYS.
    sent_before = now - timedelta(days=settings.MAIL_BODY_DAYS)
    done["teksten van verstuurde mail"] = (
        OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT, sent_at__lt=sent_before)
        .exclude(body_text="", body_html="", attachments=[])
        .update(body_text="", body_html="", attachments=[])
    )
    keep = now - timedelta(days=settings.MAIL_KEEP_DAYS)
    done["oude mail"] = (
        OutboxMessage.objects.filter(created_at__lt=keep).exclude(status=OutboxMessage.Status.WAITING).delete()[0]
    )
    # Background work: results and uploads after JOB_KEEP_DAYS, finished task records after TASK_RESULT_KEEP_DAYS.
    jobs = BackgroundJob.objects.filter(created_at__lt=now - timedelta(days=settings.JOB_KEEP_DAYS)).exclude(
        status__in=[BackgroundJob.Status.WAITING, BackgroundJob.Status.RUNNING]
    )
    for job in jobs:
        for stored in (job.input_file, job.result_file):
            if stored:
                stored.delete(save=False)
    done["achtergrondtaken"] = jobs.delete()[0]
    finished = now - timedelta(days=settings.TASK_RESULT_KEEP_DAYS)
    done["taakresultaten"] = DBTaskResult.objects.filter(
        Q(status="SUCCESSFUL") | Q(status="FAILED"), finished_at__lt=finished
    ).delete()[0]
    done["verlopen sessies"] = Session.objects.filter(expire_date__lt=now).delete()[0]
    done["inlogpogingen"] = _old_login_attempts(now - timedelta(days=settings.LOGIN_ATTEMPT_KEEP_DAYS))
    return ", ".join(f"{name}: {n}" for name, n in done.items() if n) or "niets te doen"


def _old_login_attempts(before) -> int:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return (
        AccessAttempt.objects.filter(attempt_time__lt=before).delete()[0]
        + AccessLog.objects.filter(attempt_time__lt=before).delete()[0]
        + AccessFailureLog.objects.filter(attempt_time__lt=before).delete()[0]
    )
