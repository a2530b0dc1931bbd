"""The outbox: every e-mail the platform sends goes through here.

A service calls `queue_mail` inside the transaction of the change that causes the mail, so the mail exists exactly
when the change does. After the commit a background task (`core.tasks.deliver_outbox`) sends what is due, one
message per short transaction that holds the message's row lock while it talks to the mail server: two workers
never send the same message, a message that was sent is never sent again, and a worker killed halfway leaves the
message waiting for the next run (with the same Message-ID, so a mail program would see a repeat as one). A mail
server that is down costs a retry after 2, 4, 8 … minutes, never the mail.
"""

import logging
import smtplib
import time
import uuid
from base64 import b64decode, b64encode
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import Min
from django.template.loader import render_to_string
from django.utils import timezone

from alliantie.core.models import OutboxMessage

logger = logging.getLogger(__name__)

Priority = OutboxMessage.Priority


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


def queue_mail(
    *,
    key: str,
    kind: str,
    to: list[str],
    subject: str,
    template: str = "",
    context: dict | None = None,
    body: str = "",
    html_template: str = "",
    body_html: str = "",
    headers: dict[str, str] | None = None,
    attachments: list[Attachment] | None = None,
    priority: int = Priority.NOTICE,
) -> OutboxMessage | None:
    """Put a mail in the outbox, to be sent after the surrounding transaction commits. The `key` names why the
    mail is sent; queueing the same key again returns the first message and sends nothing more. Returns None
    when there is nobody to send it to."""
    message = build_mail(
        key=key,
        kind=kind,
        to=to,
        subject=subject,
        template=template,
        context=context,
        body=body,
        html_template=html_template,
        body_html=body_html,
        headers=headers,
        attachments=attachments,
        priority=priority,
    )
    if message is None:
        return None
    fields = {f.attname: getattr(message, f.attname) for f in OutboxMessage._meta.concrete_fields if not f.primary_key}
    fields.pop("key")
    saved, _created = OutboxMessage.objects.get_or_create(key=message.key, defaults=fields)
    schedule_delivery()
    return saved


def build_mail(
    *,
    key: str,
    kind: str,
    to: list[str],
    subject: str,
    template: str = "",
    context: dict | None = None,
    body: str = "",
    html_template: str = "",
    body_html: str = "",
    headers: dict[str, str] | None = None,
    attachments: list[Attachment] | None = None,
    priority: int = Priority.NOTICE,
) -> OutboxMessage | None:
    """An unsaved outbox message (for `queue_many`); None when there is nobody to send it to. The texts come from
    templates, or ready-made as `body` and `body_html` (a newsletter renders its edition once for everyone)."""
    recipients = list(dict.fromkeys(address.strip() for address in to if address and address.strip()))
    if not recipients:
        return None
    context = context or {}
    return OutboxMessage(
        key=key[:200],
        kind=kind,
        recipients=recipients,
        subject=" ".join(subject.split())[:300],
        body_text=render_to_string(template, context) if template else body,
        body_html=render_to_string(html_template, context) if html_template else body_html,
        headers=headers or {},
        attachments=[
            {"filename": a.filename, "content_type": a.content_type, "content": b64encode(a.content).decode()}
            for a in attachments or []
        ],
        message_id=make_msgid(idstring=uuid.uuid4().hex[:12], domain=_sender_domain()),
        priority=priority,
    )


def queue_many(messages: list[OutboxMessage | None]) -> dict[str, OutboxMessage]:
    """Put many built messages in the outbox at once (a round's invitations, a newsletter); a key that is already
    there keeps its first message. Returns the stored message for each key."""
    wanted = [message for message in messages if message is not None]
    if not wanted:
        return {}
    OutboxMessage.objects.bulk_create(wanted, batch_size=500, ignore_conflicts=True)
    stored = OutboxMessage.objects.filter(key__in=[m.key for m in wanted]).only("pk", "key", "status")
    schedule_delivery()
    return {message.key: message for message in stored}


def schedule_delivery() -> None:
    """After the current transaction commits, start a delivery run (once per transaction, however many mails)."""
    open_savepoints = set(connection.savepoint_ids)
    for savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _Delivery) and not callback.ran and savepoints <= open_savepoints:
            return
    transaction.on_commit(_Delivery(), robust=True)


class _Delivery:
    """The after-commit callback that starts a delivery run; remembers that it ran (tests run callbacks by hand)."""

    def __init__(self) -> None:
        self.ran = False

    def __call__(self) -> None:
        from alliantie.core.tasks import deliver_outbox

        self.ran = True
        deliver_outbox.enqueue()


@dataclass
class DeliveryRun:
    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    stopped_early: bool = False


def deliver_due(*, limit: int | None = None, now: datetime | None = None) -> DeliveryRun:
    """Send the waiting messages that are due, most urgent first. Stops at the first sign that the mail server
    is unreachable: the rest keep their place and the next run picks them up."""
    run = DeliveryRun()
    mail_connection = get_connection()
    pause = 1 / settings.MAIL_MAX_PER_SECOND if settings.MAIL_MAX_PER_SECOND else 0
    try:
        while limit is None or run.sent + run.failed < limit:
            moment = now or timezone.now()
            with transaction.atomic():
                message = (
                    OutboxMessage.objects.select_for_update(skip_locked=True)
                    .filter(status=OutboxMessage.Status.WAITING, next_attempt_at__lte=moment)
                    .order_by("priority", "next_attempt_at", "pk")
                    .first()
                )
                if message is None:
                    break
                problem, server_down, permanent = _send(message, mail_connection)
                if problem:
                    _record_failure(message, problem, moment, permanent=permanent)
                    run.failed += 1
                    run.gave_up += message.status == OutboxMessage.Status.FAILED
                else:
                    message.status, message.sent_at, message.last_error = OutboxMessage.Status.SENT, moment, ""
                    message.attempts += 1
                    message.save(update_fields=["status", "sent_at", "last_error", "attempts"])
                    run.sent += 1
            if problem and server_down:
                run.stopped_early = True
                break
            if pause:
                time.sleep(pause)
    finally:
        mail_connection.close()
    return run


def next_due_at() -> datetime | None:
    """When the earliest waiting message is due, for planning the next delivery run."""
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.WAITING).aggregate(at=Min("next_attempt_at"))["at"]


def _send(message: OutboxMessage, mail_connection) -> tuple[str, bool, bool]:
    """Hand one message to the mail server. Returns why it did not take it ('' when it did), whether the server
    itself is unreachable (then the run stops), and whether trying again cannot help (a 5xx answer)."""
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        to=message.recipients,
        headers={"Message-ID": message.message_id, **message.headers},
        connection=mail_connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        email.attach(attachment["filename"], b64decode(attachment["content"]), attachment["content_type"])
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused as error:
        permanent = all(500 <= code < 600 for code, _text in error.recipients.values())
        return _reason(error), False, permanent
    except smtplib.SMTPResponseException as error:
        mail_connection.close()
        permanent = 500 <= error.smtp_code < 600
        return _reason(error), not permanent, permanent
    except (smtplib.SMTPException, OSError) as error:
        mail_connection.close()
        return _reason(error), True, False
    return "", False, False


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:300]


def _record_failure(message: OutboxMessage, problem: str, now: datetime, *, permanent: bool) -> None:
    message.attempts += 1
    message.last_error = problem
    if permanent or message.attempts >= settings.MAIL_MAX_ATTEMPTS:
        message.status = OutboxMessage.Status.FAILED
    else:
        message.next_attempt_at = now + timedelta(minutes=2**message.attempts)
    message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
    logger.warning("Mail %s (%s) not sent, attempt %d: %s", message.pk, message.kind, message.attempts, problem)


@transaction.atomic
def retry_message(*, message: OutboxMessage) -> OutboxMessage:
    """Send a failed or waiting message at once (the team's button): the attempts start again."""
    locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if locked.status in (OutboxMessage.Status.FAILED, OutboxMessage.Status.WAITING):
        locked.status, locked.attempts, locked.next_attempt_at = OutboxMessage.Status.WAITING, 0, timezone.now()
        locked.save(update_fields=["status", "attempts", "next_attempt_at"])
        schedule_delivery()
    return locked


def _sender_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rsplit("@", 1)[-1] if "@" in address else "alliantie.invalid"


def deliver_due_summary() -> str:
    """The periodic safety net for the worker: deliver what is due, and say what happened."""
    run = deliver_due()
    return f"{run.sent} verstuurd, {run.failed} mislukt{' (mailserver onbereikbaar)' if run.stopped_early else ''}"


def cancel_keys(keys: list[str]) -> int:
    """Withdraw the waiting mails with exactly these keys (one person's newsletter that is still to go out after they
    unsubscribed or their address bounced); a mail already sent stays sent. Uses the key's unique index, so it costs
    the same with a million mails in the outbox. Returns how many were withdrawn."""
    if not keys:
        return 0
    return OutboxMessage.objects.filter(key__in=keys, status=OutboxMessage.Status.WAITING).update(
        status=OutboxMessage.Status.CANCELLED
    )


def cancel_waiting(*, key_prefix: str) -> int:
    """Withdraw the mails for a reason that no longer holds (a reminder of an event that moved, of a registration
    that was cancelled) while they still wait; a mail already sent stays sent. Call it inside the change's
    transaction. Returns how many were withdrawn."""
    return OutboxMessage.objects.filter(key__startswith=key_prefix, status=OutboxMessage.Status.WAITING).update(
        status=OutboxMessage.Status.CANCELLED
    )
