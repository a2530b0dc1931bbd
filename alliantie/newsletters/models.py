"""The newsletter: subscribers with their interests, editions composed from blocks, bounces and held addresses.

A subscriber's consent lives in core.PersonalConsent (purpose "newsletter"); the subscriber row holds what they chose
and the state of the double opt-in. An edition is composed from blocks (items the platform proposed, free text), sent
to a segment through the shared outbox, and published in the archive without any personal data."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameField
from alliantie.core.models import BackgroundJob, Challenge, Province, Sector

# Addresses in the reserved top-level domain .invalid (RFC 2606) never receive mail; core/privacy.py writes them in
# place of an erased address. Real addresses are unique; erased ones may repeat.
REAL_ADDRESS = ~Q(email__endswith=".invalid")


def validate_link(value: str) -> None:
    """A block's link: a page of this site ("/agenda/…", made absolute when the mail is made) or an http(s) address."""
    if value.startswith("/") and not value.startswith("//"):
        if any(ch.isspace() for ch in value):
            raise ValidationError(_("Een link bevat geen spaties."))
        return
    URLValidator(
        schemes=["http", "https"], message=_("Voer een geldige link in: een webadres dat begint met https://.")
    )(value)


class SubscriberQuerySet(models.QuerySet):
    def active(self) -> "SubscriberQuerySet":
        """Confirmed (double opt-in done) and not unsubscribed."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def pending(self) -> "SubscriberQuerySet":
        return self.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True)


class Subscriber(models.Model):
    """Someone who wants the newsletter (or wanted it). What they agreed to is their consent record."""

    class Method(models.TextChoices):
        FORM = "form", _("formulier op de website")
        ACCOUNT = "account", _("eigen account")
        IMPORT = "import", _("import")

    email = models.EmailField(_("e-mailadres"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="newsletter_subscriptions",
        verbose_name=_("account"),
    )
    method = models.CharField(_("aangemeld via"), max_length=10, choices=Method.choices, default=Method.FORM)
    challenges = models.ManyToManyField(Challenge, blank=True, related_name="+", verbose_name=_("opgaven"))
    provinces = models.ManyToManyField(Province, blank=True, related_name="+", verbose_name=_("provincies"))
    sector = models.ForeignKey(
        Sector, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("rol")
    )
    language = models.CharField(_("taal"), max_length=5, default="nl")
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    unsubscribed_how = models.CharField(_("hoe afgemeld"), max_length=200, blank=True)
    # The double opt-in: the nonce in the confirmation link (emptied when used, so a link works once) and when the last
    # confirmation mail went out (at most one an hour, however often the form is sent).
    confirm_nonce = models.CharField(max_length=32, blank=True, editable=False)
    confirm_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        constraints = [
            models.UniqueConstraint(fields=["email"], condition=REAL_ADDRESS, name="one_subscriber_per_address")
        ]
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at"], name="subscriber_state")]

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @property
    def is_pending(self) -> bool:
        return self.confirmed_at is None and self.unsubscribed_at is None


class LocalAllianceInterest(models.Model):
    """A subscriber follows a local alliance. `local_alliance_id` becomes a foreign key to localalliances.LocalAlliance
    when that app is merged (see newsletters/local_alliances.py)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="local_alliances")
    local_alliance_id = models.PositiveBigIntegerField(_("lokale alliantie"), db_index=True)

    class Meta:
        verbose_name = _("gevolgde lokale alliantie")
        verbose_name_plural = _("gevolgde lokale allianties")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "local_alliance_id"], name="follow_a_local_alliance_once")
        ]

    def __str__(self) -> str:
        return f"{self.subscriber_id}: {self.local_alliance_id}"


class Edition(models.Model):
    """One newsletter: composed by the team, confirmed, sent once to the subscribers of its segment, then archived."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        AWAITING = "awaiting", _("wacht op een tweede bevestiging")
        SCHEDULED = "scheduled", _("ingepland")
        SENDING = "sending", _("wordt verstuurd")
        SENT = "sent", _("verstuurd")
        CANCELLED = "cancelled", _("gestopt")

    number = models.PositiveIntegerField(_("nummer"), null=True, blank=True, unique=True)
    title = NameField(_("onderwerp"), max_length=200)
    intro = models.TextField(_("inleiding"), max_length=5000, blank=True)
    period_start = models.DateTimeField(_("voorstellen sinds"))
    # The segment: empty everywhere is every subscriber. A subscriber who chose nothing for a part counts as
    # interested in all of it, unless `strict` (then only who chose it).
    challenges = models.ManyToManyField(Challenge, blank=True, related_name="+", verbose_name=_("opgaven"))
    provinces = models.ManyToManyField(Province, blank=True, related_name="+", verbose_name=_("provincies"))
    sectors = models.ManyToManyField(Sector, blank=True, related_name="+", verbose_name=_("rollen"))
    local_alliance_ids = models.JSONField(_("lokale allianties"), default=list, blank=True)
    strict = models.BooleanField(_("alleen wie dit zelf koos"), default=False)
    dismissed_keys = models.JSONField(default=list, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("klaargezet door"),
    )
    prepared_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bevestigd door"),
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    scheduled_for = models.DateTimeField(_("versturen op"), null=True, blank=True)
    job = models.ForeignKey(BackgroundJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Sending: the recipients are queued in the order of their id; `queued_up_to` is the last one queued (the resume
    # point after a crash) and `queued` how many, so every message keeps its place in the pacing.
    send_started_at = models.DateTimeField(null=True, blank=True)
    queued_up_to = models.PositiveBigIntegerField(default=0)
    queued = models.PositiveIntegerField(_("in de wachtrij gezet"), default=0)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("editie")
        verbose_name_plural = _("edities")
        indexes = [models.Index(fields=["status", "-sent_at"], name="edition_archive")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.number:
            return reverse("newsletters:edition-public", kwargs={"number": self.number})
        return reverse("newsletters:edition-edit", kwargs={"pk": self.pk})

    @property
    def mail_kind(self) -> str:
        """The outbox's kind for this edition's messages (indexed), to count and stop them."""
        return f"newsletter:{self.pk}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.AWAITING, self.Status.SCHEDULED)

    @property
    def is_in_archive(self) -> bool:
        return self.status == self.Status.SENT and self.number is not None


class Block(models.Model):
    """One part of an edition: an item the platform proposed (an event, a kennisbank item, new partners …), or text
    the team wrote. Everything in it is public once the edition is in the archive."""

    class Kind(models.TextChoices):
        PARTNERS = "partners", _("nieuwe partners")
        EVENT = "event", _("bijeenkomst")
        ITEM = "item", _("kennisbank")
        LOCAL = "local", _("nieuws van een lokale alliantie")
        MARKETPLACE = "marketplace", _("uit de marktplaats")
        MONITOR = "monitor", _("monitorresultaten")
        FREE = "free", _("eigen tekst")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    source_key = models.CharField(max_length=60, blank=True, editable=False)
    title = NameField(_("kop"), max_length=200)
    body = models.TextField(_("tekst"), max_length=3000, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True, validators=[validate_link])

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("blok")
        verbose_name_plural = _("blokken")

    def __str__(self) -> str:
        return self.title

    def absolute_url(self, site: str) -> str:
        """The link as it goes in a mail or a feed: a page of this site gets the site's address in front."""
        return site.rstrip("/") + self.url if self.url.startswith("/") else self.url


class Bounce(models.Model):
    """A message could not be delivered to an address (a DSN from the mailbox, or the mail provider's webhook)."""

    class Kind(models.TextChoices):
        HARD = "hard", _("blijvend (hard)")
        SOFT = "soft", _("tijdelijk (zacht)")

    class Source(models.TextChoices):
        MAILBOX = "mailbox", _("postbus")
        WEBHOOK = "webhook", _("webhook")

    email = models.EmailField(_("e-mailadres"), db_index=True)
    kind = models.CharField(_("soort"), max_length=4, choices=Kind.choices)
    status = models.CharField(_("statuscode"), max_length=12, blank=True)
    diagnostic = models.CharField(_("melding van de mailserver"), max_length=300, blank=True)
    source = models.CharField(_("bron"), max_length=8, choices=Source.choices)
    # A hash of the report and the recipient: the same report read twice counts once.
    fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    received_at = models.DateTimeField(_("ontvangen"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("bounce")
        verbose_name_plural = _("bounces")

    def __str__(self) -> str:
        return f"{self.email}: {self.status}"


class AddressHoldQuerySet(models.QuerySet):
    def current(self) -> "AddressHoldQuerySet":
        return self.filter(released_at__isnull=True)


class AddressHold(models.Model):
    """An address we no longer mail (newsletter and community mail) because mail to it bounced; the team sees why
    and may release it, and a new double opt-in releases it too (the address works again)."""

    class Reason(models.TextChoices):
        HARD = "hard", _("blijvende bounce")
        SOFT = "soft", _("herhaalde tijdelijke bounces")

    email = models.EmailField(_("e-mailadres"), db_index=True)
    reason = models.CharField(_("reden"), max_length=4, choices=Reason.choices)
    detail = models.CharField(_("toelichting"), max_length=300, blank=True)
    bounces = models.PositiveIntegerField(_("aantal bounces"), default=1)
    held_at = models.DateTimeField(_("sinds"), default=timezone.now)
    released_at = models.DateTimeField(_("vrijgegeven op"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AddressHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("onbereikbaar adres")
        verbose_name_plural = _("onbereikbare adressen")

    def __str__(self) -> str:
        return f"{self.email} ({self.get_reason_display()})"
