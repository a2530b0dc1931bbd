"""Reading bounces: delivery status notifications (DSN, RFC 3464) from a mailbox (a local Maildir or IMAP) or sent by
the mail provider to the webhook, turned into `services.record_bounce` calls.

A DSN is a multipart/report whose message/delivery-status part holds one block per recipient: `Action: failed` with a
5.x.x `Status` is a hard bounce (the address does not exist), a 4.x.x status or `Action: delayed` a soft one (a full
mailbox, a server that is down); a full mailbox (5.2.2) counts as soft, as most mail servers mean it. A report that is
read twice counts once (its fingerprint), so a crash between reading and removing a message does no harm."""

import email
import imaplib
import json
import logging
import mailbox
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from alliantie.newsletters import services
from alliantie.newsletters.models import Bounce

logger = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 2 * 1024 * 1024
SOFT_DESPITE_5XX = {"5.2.2"}  # mailbox full
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")


@dataclass(frozen=True)
class Report:
    """One recipient's outcome in a DSN."""

    email: str
    kind: str  # Bounce.Kind, or "" when it is no bounce (delivered, relayed)
    status: str
    diagnostic: str


@dataclass
class Outcome:
    read: int = 0
    bounces: int = 0
    not_understood: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.read} berichten gelezen, {self.bounces} bounces vastgelegd, "
            f"{self.not_understood} niet herkend als bounce"
        )


def _address(value: str) -> str:
    """The address of a `Final-Recipient: rfc822; x@y` field (or a bare address)."""
    value = value.split(";", 1)[1] if ";" in value else value
    address = parseaddr(value.strip())[1].strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def classify(action: str, status: str) -> str:
    """hard, soft, or "" (no bounce) from a DSN block's Action and Status."""
    action = action.strip().lower()
    if action in ("delivered", "relayed", "expanded"):
        return ""
    if action == "delayed" or status.startswith("4."):
        return Bounce.Kind.SOFT
    if status.startswith("5."):
        return Bounce.Kind.SOFT if status in SOFT_DESPITE_5XX else Bounce.Kind.HARD
    return Bounce.Kind.HARD if action == "failed" else ""


def parse_dsn(message: EmailMessage) -> list[Report]:
    """The recipients' outcomes of a DSN; an empty list for anything else (an auto-reply, spam)."""
    if message.get_content_type() != "multipart/report":
        return []
    reports = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload()
        if not isinstance(blocks, list):
            continue
        for block in blocks[1:]:  # the first block is about the message, the others about each recipient
            recipient = _address(str(block.get("Final-Recipient", "") or block.get("Original-Recipient", "")))
            found = _STATUS.search(str(block.get("Status", "")))
            status = found.group(0) if found else ""
            kind = classify(str(block.get("Action", "")), status)
            if recipient and kind:
                diagnostic = str(block.get("Diagnostic-Code", "")).split(";", 1)[-1]
                reports.append(Report(recipient, kind, status, " ".join(diagnostic.split())[:300]))
    return reports


def handle_message(raw: bytes, *, source: str) -> tuple[int, bool]:
    """Record the bounces in one message; returns (bounces recorded, whether it was a DSN at all)."""
    message = email.message_from_bytes(raw[:MAX_MESSAGE_BYTES], policy=policy.default)
    reports = parse_dsn(message)
    identity = str(message.get("Message-ID", "")).strip() or services.fingerprint(raw.decode("utf-8", "replace"))
    recorded = 0
    for report in reports:
        bounce = services.record_bounce(
            email=report.email,
            kind=report.kind,
            status=report.status,
            diagnostic=report.diagnostic,
            source=source,
            fingerprint=services.fingerprint(identity, report.email),
        )
        recorded += bounce is not None
    return recorded, bool(reports)


def process_maildir(path: str) -> Outcome:
    """Read a Maildir: a bounce is recorded and its message removed; anything else is marked as seen and left for a
    person to read (and skipped next time)."""
    outcome = Outcome()
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in list(box.keys()):
        message = box.get_message(key)
        if "S" in message.get_flags():
            continue
        outcome.read += 1
        recorded, understood = handle_message(message.as_bytes(), source=Bounce.Source.MAILBOX)
        outcome.bounces += recorded
        if understood:
            box.remove(key)
        else:
            outcome.not_understood += 1
            message.set_subdir("cur")
            message.add_flag("S")
            box[key] = message
    return outcome


def process_imap(*, host: str, port: int, user: str, password: str, folder: str = "INBOX", ssl: bool = True) -> Outcome:
    """Read unseen messages of an IMAP folder: a bounce is recorded and its message deleted; anything else is left,
    marked as seen, for a person to read."""
    outcome = Outcome()
    connection = imaplib.IMAP4_SSL(host, port, timeout=30) if ssl else imaplib.IMAP4(host, port, timeout=30)
    try:
        connection.login(user, password)
        connection.select(folder)
        _typ, found = connection.search(None, "UNSEEN")
        for number in (found[0] or b"").split():
            _typ, data = connection.fetch(number, "(RFC822)")
            raw = next((part[1] for part in data if isinstance(part, tuple)), b"")
            outcome.read += 1
            recorded, understood = handle_message(raw, source=Bounce.Source.MAILBOX)
            outcome.bounces += recorded
            if understood:
                connection.store(number, "+FLAGS", "\\Deleted")
            else:
                outcome.not_understood += 1
                connection.store(number, "+FLAGS", "\\Seen")
        connection.expunge()
    finally:
        try:
            connection.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
    return outcome


def process_configured() -> Outcome | None:
    """Read the mailbox the settings name (Maildir first); None when none is configured."""
    if settings.BOUNCE_MAILDIR:
        return process_maildir(settings.BOUNCE_MAILDIR)
    if settings.BOUNCE_IMAP_HOST:
        return process_imap(
            host=settings.BOUNCE_IMAP_HOST,
            port=settings.BOUNCE_IMAP_PORT,
            user=settings.BOUNCE_IMAP_USER,
            password=settings.BOUNCE_IMAP_PASSWORD,
            folder=settings.BOUNCE_IMAP_FOLDER,
        )
    return None


def process_bounces_periodic() -> str:
    """The periodic job: read the configured mailbox, if there is one."""
    outcome = process_configured()
    return str(outcome) if outcome is not None else "geen postbus voor bounces ingesteld"


class WebhookRefused(ValueError):
    """Why a webhook call is refused, in Dutch."""


def handle_webhook(body: bytes, content_type: str) -> int:
    """A mail provider reports bounces: a DSN as it would arrive by mail (message/rfc822 or multipart/report), or JSON
    `{"email", "type": "hard"|"soft", "status", "diagnostic", "id"}` (or a list of those). Returns how many were new."""
    if len(body) > MAX_MESSAGE_BYTES:
        raise WebhookRefused(_("Het bericht is te groot."))
    content_type = content_type.strip()
    if content_type.lower().startswith(("message/", "multipart/")):
        raw = (
            body
            if content_type.lower().startswith("message/")
            else f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        recorded, understood = handle_message(raw, source=Bounce.Source.WEBHOOK)
        if not understood:
            raise WebhookRefused(_("Dit is geen bounce (DSN, RFC 3464)."))
        return recorded
    try:
        data = json.loads(body or b"null")
    except (ValueError, RecursionError):
        raise WebhookRefused(_("Geen geldige JSON.")) from None
    items = data if isinstance(data, list) else [data]
    if not items or len(items) > 1000 or not all(isinstance(item, dict) for item in items):
        raise WebhookRefused(_("Verwacht een object of een lijst van hoogstens 1000 objecten."))
    recorded = 0
    for index, item in enumerate(items):
        address = _address(str(item.get("email", ""))[:254])
        kind = str(item.get("type", ""))
        if not address or kind not in Bounce.Kind.values:
            raise WebhookRefused(
                _("Item %(n)s: e-mailadres of type (hard, soft) ontbreekt of klopt niet.") % {"n": index}
            )
        identity = str(item.get("id", ""))[:200] or json.dumps(item, sort_keys=True)
        bounce = services.record_bounce(
            email=address,
            kind=kind,
            status=str(item.get("status", ""))[:12],
            diagnostic=str(item.get("diagnostic", ""))[:300],
            source=Bounce.Source.WEBHOOK,
            fingerprint=services.fingerprint("webhook", identity, address),
        )
        recorded += bounce is not None
    return recorded
