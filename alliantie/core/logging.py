"""Logging for operators: JSON lines for a log collector, and error mail to ADMINS through the outbox."""

import hashlib
import json
import logging
import traceback
from datetime import UTC, datetime

from django.utils.log import AdminEmailHandler


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the request and exception when there are."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None:
            line["method"] = getattr(request, "method", "")
            line["path"] = getattr(request, "path", "")
        status = getattr(record, "status_code", None)
        if status is not None:
            line["status"] = status
        if record.exc_info:
            line["exception"] = "".join(traceback.format_exception(*record.exc_info))[-8000:]
        return json.dumps(line, ensure_ascii=False)


class OutboxAdminEmailHandler(AdminEmailHandler):
    """Django's error mail to ADMINS, queued in the outbox like all mail: one mail per distinct error per ten
    minutes, however often it happens. When even the outbox cannot be reached, the log line is all there is."""

    def send_mail(self, subject: str, message: str, *args, **kwargs) -> None:
        from django.conf import settings
        from django.utils import timezone

        from alliantie.core import mail

        if not settings.ADMINS:
            return
        window = int(timezone.now().timestamp()) // 600
        digest = hashlib.sha256(subject.encode()).hexdigest()[:24]
        try:
            mail.queue_mail(
                key=f"server-error:{digest}:{window}",
                kind="operations.error",
                to=[address for _name, address in settings.ADMINS],
                subject=f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
                body=message,
                priority=mail.Priority.PERSONAL,
            )
        except Exception:  # noqa: BLE001 - a broken database must not turn one error into two
            logging.getLogger("alliantie.operations").warning("Could not queue the error mail for %r", subject)
