"""Sending an edition, as a background job with its progress (core/jobs.py).

The job puts one message per recipient in the shared outbox, in the order of the subscribers' ids, a chunk per
transaction. The same transaction moves the edition's resume point (`queued_up_to`), and every message has the key
`newsletter:<edition>:<subscriber>`, so a job that is killed halfway and started again (core.jobs.recover_stale)
continues after the last chunk it committed and never queues a second copy.

Pacing: each message gets the moment it may leave (`next_attempt_at`), groups of NEWSLETTER_BATCH_SIZE spaced so the
edition leaves at NEWSLETTER_MAX_PER_MINUTE; the outbox's worker sends nothing before its moment, retries what the mail
server refused for now, and a killed worker leaves the rest for the next one. Personal mail (a login, a registration)
has priority over the newsletter in the outbox and never waits behind it."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliantie.core import mail
from alliantie.core.jobs import JobResult, Progress
from alliantie.core.models import BackgroundJob
from alliantie.newsletters import rendering
from alliantie.newsletters.models import Edition
from alliantie.newsletters.selectors import recipients
from alliantie.newsletters.services import mail_key


def chunk_size() -> int:
    return max(1, settings.NEWSLETTER_QUEUE_CHUNK)


def release_at(started: datetime, index: int) -> datetime:
    """When the `index`-th message of an edition may leave (0: at once, no pacing)."""
    rate, batch = settings.NEWSLETTER_MAX_PER_MINUTE, max(1, settings.NEWSLETTER_BATCH_SIZE)
    if rate <= 0:
        return started
    return started + timedelta(seconds=(index // batch) * batch * 60 / rate)


def queue_chunk(edition_id: int, rendered: rendering.Rendered, *, base_url: str | None = None) -> int | None:
    """Queue the next chunk of an edition's recipients in one transaction; returns how many (0: all done), or None
    when the edition is no longer being sent (stopped)."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        if edition.status != Edition.Status.SENDING:
            return None
        chunk = list(recipients(edition).filter(pk__gt=edition.queued_up_to).only("pk", "email")[: chunk_size()])
        if not chunk:
            return 0
        started = edition.send_started_at or timezone.now()
        messages = []
        for offset, subscriber in enumerate(chunk):
            text, html, headers = rendering.personalise(rendered, subscriber, base_url)
            message = mail.build_mail(
                key=mail_key(edition.pk, subscriber.pk),
                kind=edition.mail_kind,
                to=[subscriber.email],
                subject=rendered.subject,
                body=text,
                body_html=html,
                headers=headers,
                priority=mail.Priority.BULK,
            )
            message.next_attempt_at = release_at(started, edition.queued + offset)
            messages.append(message)
        mail.queue_many(messages)
        edition.queued_up_to, edition.queued = chunk[-1].pk, edition.queued + len(chunk)
        edition.save(update_fields=["queued_up_to", "queued"])
        return len(chunk)


def queue_edition(job: BackgroundJob, progress: Progress, *, base_url: str | None = None) -> JobResult:
    """The background job that sends an edition (safe to run again from the start: it resumes)."""
    edition = Edition.objects.get(pk=job.params["edition_id"])
    if edition.status != Edition.Status.SENDING:
        return JobResult(summary=[_("Deze editie wordt niet (meer) verstuurd.")])
    rendered = rendering.render_edition(edition, list(edition.blocks.all()), base_url)
    total = edition.queued + recipients(edition).filter(pk__gt=edition.queued_up_to).count()
    progress(edition.queued, total, _("Berichten in de wachtrij zetten"))
    while True:
        queued = queue_chunk(edition.pk, rendered, base_url=base_url)
        if not queued:
            break
        edition.refresh_from_db(fields=["queued"])
        progress(edition.queued, max(total, edition.queued), _("Berichten in de wachtrij zetten"))
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if queued is None:
            return JobResult(summary=[_("Gestopt na %(n)s berichten.") % {"n": edition.queued}])
        edition.status, edition.sent_at = Edition.Status.SENT, timezone.now()
        edition.save(update_fields=["status", "sent_at"])
    last = release_at(edition.send_started_at or edition.sent_at, max(0, edition.queued - 1))
    return JobResult(
        summary=[
            _("%(n)s berichten staan in de wachtrij van de uitgaande mail.") % {"n": edition.queued},
            _("Het laatste bericht gaat uiterlijk om %(time)s weg.")
            % {"time": timezone.localtime(last).strftime("%H:%M")},
            _("De editie staat in het archief."),
        ],
        data={"queued": edition.queued},
    )
