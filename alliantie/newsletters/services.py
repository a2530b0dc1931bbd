"""Every write of the newsletter: subscriptions (double opt-in, preferences, unsubscribing, forgetting), editions
(composing, confirming, scheduling, sending, stopping) and bounces (recording, holding and releasing addresses).

Consent is recorded in core.PersonalConsent in the same transaction as the subscription; every list of recipients
asks it again. Mail goes through the shared outbox, queued inside the transaction of the change that causes it."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from alliantie.accounts.models import User
from alliantie.core import audit, consent, jobs, mail, privacy
from alliantie.core.models import Challenge, OutboxMessage, PersonalConsent, Province, Sector
from alliantie.newsletters import links, rendering
from alliantie.newsletters.models import (
    AddressHold,
    Block,
    Bounce,
    Edition,
    LocalAllianceInterest,
    Subscriber,
)
from alliantie.newsletters.proposals import proposals

Purpose = PersonalConsent.Purpose
CONSENT_TEXT = (
    "Ja, ik wil de nieuwsbrief van de Alliantie Kinderarmoede ontvangen (ongeveer zes keer per jaar) over de "
    "onderwerpen die ik kies. Ik kan mij altijd afmelden met de link onder elke nieuwsbrief."
)
PROPOSAL_WINDOW_DAYS = 60  # the first edition proposes what happened in the last two months


def mail_key(edition_id: int, subscriber_id: int) -> str:
    """One outbox key per edition and subscriber: queueing again (a crash, a second run) never makes a second copy."""
    return f"newsletter:{edition_id}:{subscriber_id}"


# -- subscriptions --------------------------------------------------------------------------------------------------


def _set_interests(
    subscriber: Subscriber,
    *,
    challenges: list[Challenge],
    provinces: list[Province],
    sector: Sector | None,
    local_alliance_ids: list[int],
) -> None:
    subscriber.challenges.set(challenges)
    subscriber.provinces.set(provinces)
    subscriber.local_alliances.all().delete()
    LocalAllianceInterest.objects.bulk_create(
        [LocalAllianceInterest(subscriber=subscriber, local_alliance_id=i) for i in sorted(set(local_alliance_ids))]
    )
    if subscriber.sector_id != (sector.pk if sector else None):
        subscriber.sector = sector
        subscriber.save(update_fields=["sector"])


@transaction.atomic
def subscribe(
    *,
    email: str,
    challenges: list[Challenge] = (),
    provinces: list[Province] = (),
    sector: Sector | None = None,
    local_alliance_ids: list[int] = (),
    language: str = "nl",
    user: User | None = None,
    base_url: str | None = None,
    now: datetime | None = None,
) -> Subscriber:
    """Subscribe an address. From a logged-in account for its own address it holds at once (the account proved the
    address); otherwise a confirmation mail asks to confirm by a link (double opt-in) and nothing else is sent until
    then. An address has one record: sending the form again within an hour sends no second mail, and a form never
    changes what an already active subscriber chose (that takes their personal link)."""
    now = now or timezone.now()
    email = email.strip().lower()
    from_account = user is not None and user.email.lower() == email
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    interests = {
        "challenges": list(challenges),
        "provinces": list(provinces),
        "sector": sector,
        "local_alliance_ids": list(local_alliance_ids),
    }
    if subscriber is None:
        subscriber = Subscriber(email=email, language=language[:5], created_at=now)
        subscriber.full_clean(exclude=["user", "sector"])
        subscriber.save()
        _set_interests(subscriber, **interests)
        audit.record(actor=user, action="subscriber.created", target=subscriber)
    elif subscriber.is_active and not from_account:
        _tell_already_subscribed(subscriber, base_url=base_url, now=now)
        return subscriber
    else:
        _set_interests(subscriber, **interests)
    if from_account:
        subscriber.user, subscriber.method = user, Subscriber.Method.ACCOUNT
        subscriber.confirmed_at, subscriber.unsubscribed_at, subscriber.unsubscribed_how = now, None, ""
        subscriber.confirm_nonce = ""
        subscriber.save()
        consent.give(
            email=email, purpose=Purpose.NEWSLETTER, text=CONSENT_TEXT, method=consent.Method.ACCOUNT, user=user
        )
        _release_holds(email, released_by=user, now=now)
        audit.record(actor=user, action="subscriber.subscribed_from_account", target=subscriber)
        return subscriber
    # Double opt-in: the subscription waits; a new consent record waits for its confirmation.
    if subscriber.confirm_sent_at and subscriber.confirm_sent_at > now - timedelta(hours=1) and subscriber.is_pending:
        return subscriber  # asked less than an hour ago: the mail in their inbox still works
    subscriber.confirmed_at, subscriber.unsubscribed_at, subscriber.unsubscribed_how = None, None, ""
    subscriber.confirm_nonce, subscriber.confirm_sent_at = secrets.token_hex(16), now
    subscriber.method = Subscriber.Method.FORM
    subscriber.save()
    if consent.active(email, Purpose.NEWSLETTER) is None:
        consent.give(
            email=email, purpose=Purpose.NEWSLETTER, text=CONSENT_TEXT, method=consent.Method.FORM, confirmed=False
        )
    with override(subscriber.language):
        mail.queue_mail(
            key=f"newsletter-confirm:{subscriber.pk}:{subscriber.confirm_nonce}",
            kind="newsletter.confirm",
            to=[email],
            subject=_("Bevestig uw aanmelding voor de nieuwsbrief"),
            template="newsletters/email/confirm.txt",
            context={
                "confirm_url": links.confirm_url(subscriber, base_url),
                "hours": settings.NEWSLETTER_CONFIRM_HOURS,
            },
            priority=mail.Priority.PERSONAL,
        )
    return subscriber


def _tell_already_subscribed(subscriber: Subscriber, *, base_url: str | None, now: datetime) -> None:
    """Someone subscribed an address that already gets the newsletter: the owner hears how to change it, at most once
    an hour (the page says the same either way, so it tells nobody whether the address is on the list)."""
    if subscriber.confirm_sent_at and subscriber.confirm_sent_at > now - timedelta(hours=1):
        return
    subscriber.confirm_sent_at = now
    subscriber.save(update_fields=["confirm_sent_at"])
    with override(subscriber.language):
        mail.queue_mail(
            key=f"newsletter-already:{subscriber.pk}:{now:%Y%m%d%H}",
            kind="newsletter.already",
            to=[subscriber.email],
            subject=_("U krijgt de nieuwsbrief al"),
            template="newsletters/email/already.txt",
            context={"preferences_url": links.preferences_url(subscriber, base_url)},
            priority=mail.Priority.PERSONAL,
        )


class ConfirmationRefused(Exception):
    """Why a confirmation link does nothing, in Dutch."""


@transaction.atomic
def confirm_subscription(*, subscriber: Subscriber, nonce: str, now: datetime | None = None) -> Subscriber:
    """The double opt-in: the link in the confirmation mail was followed and the button pressed. A link works once;
    the address is proven to work, so a hold on it is released."""
    now = now or timezone.now()
    locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if not locked.confirm_nonce or not secrets.compare_digest(locked.confirm_nonce, nonce):
        raise ConfirmationRefused(
            _("Deze link is al gebruikt of vervangen door een nieuwere.")
            + " "
            + (_("U bent aangemeld voor de nieuwsbrief.") if locked.is_active else _("Meld u opnieuw aan."))
        )
    locked.confirmed_at, locked.confirm_nonce = now, ""
    locked.save(update_fields=["confirmed_at", "confirm_nonce"])
    open_consent = PersonalConsent.objects.filter(
        email=locked.email, purpose=Purpose.NEWSLETTER, withdrawn_at__isnull=True
    ).first()
    if open_consent is None:  # withdrawn meanwhile (by the team on request): the confirmation gives it anew
        open_consent = consent.give(
            email=locked.email, purpose=Purpose.NEWSLETTER, text=CONSENT_TEXT, method=consent.Method.FORM
        )
    consent.confirm(consent=open_consent)
    _release_holds(locked.email, released_by=None, now=now)
    audit.record(actor=None, action="subscriber.confirmed", target=locked)
    return locked


@transaction.atomic
def update_preferences(
    *,
    subscriber: Subscriber,
    challenges: list[Challenge],
    provinces: list[Province],
    sector: Sector | None,
    local_alliance_ids: list[int],
    actor: User | None = None,
) -> Subscriber:
    """The subscriber changes what they want to read about (through their personal link or their account)."""
    locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    _set_interests(
        locked, challenges=challenges, provinces=provinces, sector=sector, local_alliance_ids=local_alliance_ids
    )
    audit.record(actor=actor, action="subscriber.preferences_changed", target=locked)
    return locked


def _waiting_keys(subscriber_id: int) -> list[str]:
    """The outbox keys of this subscriber's newsletters that may still wait (editions being sent)."""
    sending = Edition.objects.filter(status=Edition.Status.SENDING).values_list("pk", flat=True)
    return [mail_key(edition_id, subscriber_id) for edition_id in sending]


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber, how: str, actor: User | None = None, now: datetime | None = None) -> bool:
    """Stop the newsletter for this subscriber at once: the consent is withdrawn, and an edition still being sent
    leaves them out (their waiting message is withdrawn from the outbox). Doing it twice changes nothing. Returns
    whether it changed anything."""
    now = now or timezone.now()
    locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    consent.withdraw(email=locked.email, purpose=Purpose.NEWSLETTER, how=how, actor=actor)
    if locked.unsubscribed_at is not None:
        return False
    locked.unsubscribed_at, locked.unsubscribed_how, locked.confirm_nonce = now, how[:200], ""
    locked.save(update_fields=["unsubscribed_at", "unsubscribed_how", "confirm_nonce"])
    withdrawn = mail.cancel_keys(_waiting_keys(locked.pk))
    audit.record(actor=actor, action="subscriber.unsubscribed", target=locked, how=how[:200], withdrawn=withdrawn)
    return True


@transaction.atomic
def forget_subscriber(*, subscriber: Subscriber, actor: User | None = None) -> None:
    """Unsubscribe and erase everything about the address (AVG art. 17), for a subscriber without an account: the
    subscription goes, mail to it goes, the consent record stays as proof without the address. A subscriber with an
    account is unsubscribed and loses the subscription; their account page erases the rest."""
    unsubscribe(subscriber=subscriber, how="wilde alles laten verwijderen", actor=actor)
    email, has_account = subscriber.email, subscriber.user_id is not None
    audit.record(actor=actor, action="subscriber.forgotten", target=subscriber)
    Subscriber.objects.filter(pk=subscriber.pk).delete()
    if not has_account and not User.objects.filter(email__iexact=email).exists():
        privacy.erase_address(email)


def forget_unconfirmed(*, now: datetime | None = None) -> str:
    """Periodic (daily): addresses that never confirmed are forgotten after NEWSLETTER_PENDING_DAYS, with their
    unconfirmed consent records. Safe to run twice."""
    now = now or timezone.now()
    before = now - timedelta(days=settings.NEWSLETTER_PENDING_DAYS)
    stale = list(
        Subscriber.objects.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True, created_at__lt=before)
        .filter(user__isnull=True)
        .values_list("pk", "email")
    )
    for pk, email in stale:
        with transaction.atomic():
            PersonalConsent.objects.filter(
                email=email, purpose=Purpose.NEWSLETTER, confirmed_at__isnull=True, withdrawn_at__isnull=True
            ).delete()
            Subscriber.objects.filter(pk=pk, confirmed_at__isnull=True).delete()
    return _("%(n)s niet bevestigde aanmeldingen vergeten") % {"n": len(stale)}


# -- editions -------------------------------------------------------------------------------------------------------


def _last_sent_at(now: datetime) -> datetime:
    last = Edition.objects.filter(status=Edition.Status.SENT).aggregate(at=Max("sent_at"))["at"]
    return last or now - timedelta(days=PROPOSAL_WINDOW_DAYS)


def _add_proposals(edition: Edition, *, now: datetime) -> int:
    present = set(edition.blocks.exclude(source_key="").values_list("source_key", flat=True))
    skip = present | set(edition.dismissed_keys)
    position = edition.blocks.aggregate(last=Max("position"))["last"] or 0
    new = []
    for proposal in proposals(edition.period_start, now):
        if proposal.key in skip:
            continue
        position += 1
        block = Block(
            edition=edition,
            position=position,
            kind=proposal.kind,
            source_key=proposal.key,
            title=proposal.title[:200],
            body=proposal.body[:3000],
            url=proposal.url[:500],
        )
        block.full_clean(exclude=["edition"])
        new.append(block)
    Block.objects.bulk_create(new)
    return len(new)


def _reset_confirmation(edition: Edition) -> None:
    """Any change after an edition was prepared asks for the confirmation again (as with the progress report)."""
    if edition.status in (Edition.Status.AWAITING, Edition.Status.SCHEDULED):
        edition.status = Edition.Status.DRAFT
        edition.prepared_by, edition.prepared_at, edition.confirmed_by, edition.confirmed_at = None, None, None, None
        edition.save(update_fields=["status", "prepared_by", "prepared_at", "confirmed_by", "confirmed_at"])


def _editable(edition: Edition) -> Edition:
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if not locked.is_editable:
        raise ValidationError(_("Deze editie wordt verstuurd of is verstuurd en kan niet meer veranderen."))
    return locked


@transaction.atomic
def create_edition(*, title: str, intro: str, created_by: User, now: datetime | None = None) -> Edition:
    """A new draft with the platform's proposals since the last edition that was sent."""
    now = now or timezone.now()
    edition = Edition(title=title.strip(), intro=intro.strip(), created_by=created_by, period_start=_last_sent_at(now))
    edition.full_clean(exclude=["challenges", "provinces", "sectors"])
    edition.save()
    added = _add_proposals(edition, now=now)
    audit.record(actor=created_by, action="edition.created", target=edition, proposals=added)
    return edition


@transaction.atomic
def refresh_proposals(*, edition: Edition, by: User, now: datetime | None = None) -> int:
    """Add what the platform would propose now and the edition lacks (what the team removed stays removed)."""
    locked = _editable(edition)
    added = _add_proposals(locked, now=now or timezone.now())
    if added:
        _reset_confirmation(locked)
    audit.record(actor=by, action="edition.proposals_added", target=locked, added=added)
    return added


@transaction.atomic
def save_edition(
    *,
    edition: Edition,
    title: str,
    intro: str,
    challenges: list[Challenge],
    provinces: list[Province],
    sectors: list[Sector],
    local_alliance_ids: list[int],
    strict: bool,
    saved_by: User,
) -> Edition:
    """Change the subject, introduction or segment of an edition that has not gone out."""
    locked = _editable(edition)
    locked.title, locked.intro, locked.strict = title.strip(), intro.strip(), strict
    locked.local_alliance_ids = sorted(set(local_alliance_ids))
    locked.full_clean(exclude=["challenges", "provinces", "sectors"])
    locked.save()
    locked.challenges.set(challenges)
    locked.provinces.set(provinces)
    locked.sectors.set(sectors)
    _reset_confirmation(locked)
    audit.record(actor=saved_by, action="edition.saved", target=locked)
    return locked


@transaction.atomic
def save_block(*, block: Block, title: str, body: str, url: str, saved_by: User) -> Block:
    """Edit a block's heading, text or link."""
    edition = _editable(block.edition)
    block.title, block.body, block.url = title.strip(), body.strip(), url.strip()
    block.full_clean(exclude=["edition"])
    block.save()
    _reset_confirmation(edition)
    audit.record(actor=saved_by, action="edition.block_saved", target=edition, block=block.pk)
    return block


@transaction.atomic
def add_free_block(*, edition: Edition, title: str, body: str, url: str, added_by: User) -> Block:
    """A block of the team's own text, at the end."""
    locked = _editable(edition)
    last = locked.blocks.aggregate(last=Max("position"))["last"] or 0
    block = Block(edition=locked, position=last + 1, kind=Block.Kind.FREE, title=title.strip(), body=body.strip())
    block.url = url.strip()
    block.full_clean(exclude=["edition"])
    block.save()
    _reset_confirmation(locked)
    audit.record(actor=added_by, action="edition.block_added", target=locked, block=block.pk)
    return block


@transaction.atomic
def remove_block(*, block: Block, removed_by: User) -> None:
    """Take a block out; a proposal that was removed is not proposed again for this edition."""
    edition = _editable(block.edition)
    if block.source_key and block.source_key not in edition.dismissed_keys:
        edition.dismissed_keys = [*edition.dismissed_keys, block.source_key]
        edition.save(update_fields=["dismissed_keys"])
    block.delete()
    _reset_confirmation(edition)
    audit.record(actor=removed_by, action="edition.block_removed", target=edition, title=block.title)


@transaction.atomic
def move_block(*, block: Block, up: bool, moved_by: User) -> None:
    """Swap a block with the one before (up) or after it."""
    edition = _editable(block.edition)
    blocks = list(edition.blocks.select_for_update().order_by("position", "pk"))
    index = next(i for i, b in enumerate(blocks) if b.pk == block.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(blocks):
        blocks[index], blocks[other] = blocks[other], blocks[index]
        for position, each in enumerate(blocks, start=1):
            each.position = position
        Block.objects.bulk_update(blocks, ["position"])
        _reset_confirmation(edition)
        audit.record(actor=moved_by, action="edition.block_moved", target=edition)


@transaction.atomic
def send_test(*, edition: Edition, to: User, now: datetime | None = None) -> None:
    """The edition as a subscriber would get it, to the team member's own address, marked as a test. Its links to
    unsubscribe and change preferences lead to a page that says it was a test."""
    now = now or timezone.now()
    rendered = rendering.render_edition(edition, list(edition.blocks.all()))
    text, html = rendering.personalise_test(rendered)
    mail.queue_mail(
        key=f"newsletter-test:{edition.pk}:{to.pk}:{now:%Y%m%dT%H%M%S%f}",
        kind="newsletter.test",
        to=[to.email],
        subject=_("[Test] %(subject)s") % {"subject": edition.title},
        body=text,
        body_html=html,
        priority=mail.Priority.PERSONAL,
    )
    audit.record(actor=to, action="edition.test_sent", target=edition)


def is_to_everyone(edition: Edition) -> bool:
    """No segment: every subscriber (then a second team member confirms)."""
    return not (
        edition.challenges.exists()
        or edition.provinces.exists()
        or edition.sectors.exists()
        or edition.local_alliance_ids
    )


@transaction.atomic
def submit_edition(*, edition: Edition, submitted_by: User, scheduled_for: datetime | None, now=None) -> Edition:
    """The team member has seen the recipients and a sample and sends (now or at `scheduled_for`). An edition to every
    subscriber then waits for a second team member; a segment goes as planned."""
    now = now or timezone.now()
    locked = _editable(edition)
    if not locked.blocks.exists() and not locked.intro:
        raise ValidationError(_("Deze editie is leeg. Schrijf een inleiding of voeg blokken toe."))
    if scheduled_for is not None and scheduled_for < now - timedelta(minutes=5):
        raise ValidationError(
            {"scheduled_for": _("Dit moment is al voorbij. Kies een later moment, of laat het leeg.")}
        )
    locked.scheduled_for = scheduled_for or now
    locked.prepared_by, locked.prepared_at = submitted_by, now
    if is_to_everyone(locked):
        locked.status, locked.confirmed_by, locked.confirmed_at = Edition.Status.AWAITING, None, None
    else:
        locked.status, locked.confirmed_by, locked.confirmed_at = Edition.Status.SCHEDULED, submitted_by, now
    locked.save()
    audit.record(actor=submitted_by, action="edition.submitted", target=locked, status=locked.status)
    if locked.status == Edition.Status.SCHEDULED and locked.scheduled_for <= now:
        _start_sending(locked, by=submitted_by, now=now)
    return locked


@transaction.atomic
def confirm_edition(*, edition: Edition, confirmed_by: User, now=None) -> Edition:
    """A second team member confirms an edition to every subscriber; it goes at its planned moment."""
    now = now or timezone.now()
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.status != Edition.Status.AWAITING:
        raise ValidationError(_("Deze editie wacht niet op een bevestiging."))
    if locked.prepared_by_id == confirmed_by.pk:
        raise ValidationError(
            _("U heeft deze editie zelf klaargezet. Een tweede lid van het projectteam moet haar bevestigen.")
        )
    locked.status, locked.confirmed_by, locked.confirmed_at = Edition.Status.SCHEDULED, confirmed_by, now
    locked.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    audit.record(actor=confirmed_by, action="edition.confirmed", target=locked)
    if locked.scheduled_for is None or locked.scheduled_for <= now:
        _start_sending(locked, by=confirmed_by, now=now)
    return locked


def _start_sending(edition: Edition, *, by: User | None, now: datetime) -> None:
    """Give the edition its number (the archive's order) and start the background job that queues its mail."""
    edition.number = (Edition.objects.aggregate(last=Max("number"))["last"] or 0) + 1
    edition.status, edition.send_started_at = Edition.Status.SENDING, now
    edition.job = jobs.start(
        kind="newsletter",
        title=_("Nieuwsbrief %(number)s versturen: %(title)s") % {"number": edition.number, "title": edition.title},
        handler="alliantie.newsletters.jobs.queue_edition",
        created_by=by,
        params={"edition_id": edition.pk},
    )
    edition.save(update_fields=["number", "status", "send_started_at", "job"])
    audit.record(actor=by, action="edition.sending", target=edition, number=edition.number)


def start_due_editions(*, now: datetime | None = None) -> str:
    """Periodic (every minute): editions whose planned moment came start sending. Safe to run twice at once (each
    edition is started under its row lock, once)."""
    now = now or timezone.now()
    started = 0
    due = Edition.objects.filter(status=Edition.Status.SCHEDULED, scheduled_for__lte=now).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            edition = Edition.objects.select_for_update().get(pk=pk)
            if edition.status == Edition.Status.SCHEDULED:
                _start_sending(edition, by=edition.confirmed_by, now=now)
                started += 1
    return _("%(n)s edities gestart") % {"n": started}


@transaction.atomic
def cancel_edition(*, edition: Edition, cancelled_by: User, now=None) -> Edition:
    """Stop an edition. Before it goes out it becomes a draft again; while it is being sent, what still waits in the
    outbox is withdrawn and the queueing stops (what was sent stays sent, and it is not archived)."""
    now = now or timezone.now()
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.status in (Edition.Status.AWAITING, Edition.Status.SCHEDULED):
        _reset_confirmation(locked)
        locked.scheduled_for = None
        locked.save(update_fields=["scheduled_for"])
        audit.record(actor=cancelled_by, action="edition.unscheduled", target=locked)
        return locked
    if locked.status != Edition.Status.SENDING:
        raise ValidationError(_("Deze editie wordt niet verstuurd."))
    withdrawn = OutboxMessage.objects.filter(kind=locked.mail_kind, status=OutboxMessage.Status.WAITING).update(
        status=OutboxMessage.Status.CANCELLED
    )
    locked.status, locked.cancelled_at = Edition.Status.CANCELLED, now
    locked.save(update_fields=["status", "cancelled_at"])
    audit.record(actor=cancelled_by, action="edition.cancelled", target=locked, withdrawn=withdrawn)
    return locked


# -- bounces and held addresses -------------------------------------------------------------------------------------


def fingerprint(*parts: str) -> str:
    """A stable hash of the parts, to recognise a bounce report read twice."""
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()


@transaction.atomic
def record_bounce(
    *, email: str, kind: str, status: str, diagnostic: str, source: str, fingerprint: str, now: datetime | None = None
) -> Bounce | None:
    """A message to `email` bounced. A hard bounce holds the address at once; soft bounces hold it when there were
    NEWSLETTER_SOFT_BOUNCE_LIMIT within NEWSLETTER_SOFT_BOUNCE_DAYS. The same report twice counts once (None)."""
    now = now or timezone.now()
    email = email.strip().lower()
    bounce = Bounce(
        email=email,
        kind=kind,
        status=status[:12],
        diagnostic=" ".join(diagnostic.split())[:300],
        source=source,
        fingerprint=fingerprint,
        received_at=now,
    )
    bounce.full_clean(exclude=["fingerprint"])
    if Bounce.objects.filter(fingerprint=fingerprint).exists():
        return None
    bounce.save()
    if AddressHold.objects.current().filter(email=email).exists():
        return bounce
    detail = " ".join(p for p in (bounce.status, bounce.diagnostic) if p)[:300]
    if kind == Bounce.Kind.HARD:
        hold_address(email=email, reason=AddressHold.Reason.HARD, detail=detail, bounces=1, now=now)
    else:
        window = now - timedelta(days=settings.NEWSLETTER_SOFT_BOUNCE_DAYS)
        count = Bounce.objects.filter(email=email, kind=Bounce.Kind.SOFT, received_at__gte=window).count()
        if count >= settings.NEWSLETTER_SOFT_BOUNCE_LIMIT:
            hold_address(email=email, reason=AddressHold.Reason.SOFT, detail=detail, bounces=count, now=now)
    return bounce


def hold_address(*, email: str, reason: str, detail: str, bounces: int, now: datetime) -> AddressHold:
    """Stop mailing an address: its waiting newsletters are withdrawn from the outbox (call inside a transaction)."""
    hold = AddressHold(email=email, reason=reason, detail=detail, bounces=bounces, held_at=now)
    hold.full_clean()
    hold.save()
    subscriber_ids = Subscriber.objects.filter(email=email).values_list("pk", flat=True)
    withdrawn = mail.cancel_keys([key for pk in subscriber_ids for key in _waiting_keys(pk)])
    audit.record(actor=None, action="address.held", target=hold, reason=reason, withdrawn=withdrawn)
    return hold


def _release_holds(email: str, *, released_by: User | None, now: datetime) -> int:
    return AddressHold.objects.current().filter(email=email).update(released_at=now, released_by=released_by)


@transaction.atomic
def release_hold(*, hold: AddressHold, released_by: User, now: datetime | None = None) -> AddressHold:
    """The team releases a held address (the person says their mailbox works again)."""
    now = now or timezone.now()
    _release_holds(hold.email, released_by=released_by, now=now)
    audit.record(actor=released_by, action="address.released", target=hold)
    hold.refresh_from_db()
    return hold
