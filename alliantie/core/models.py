"""Reference data: provinces, municipalities, the 10 opgaven, the Verandertheorie lines, sectors, scopes."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameField
from alliantie.core.text import search_key


class Province(models.Model):
    code = models.CharField(_("CBS-code"), max_length=4, unique=True, help_text=_("Bijvoorbeeld PV27."))
    name = NameField(_("naam"), max_length=100)

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def in_province(self, province: Province) -> "MunicipalityQuerySet":
        return self.filter(province=province)


class Municipality(models.Model):
    code = models.CharField(_("CBS-code"), max_length=6, unique=True, help_text=_("Bijvoorbeeld GM0363."))
    name = NameField(_("naam"), max_length=100, help_text=_("De officiële CBS-naam."))
    short_name = NameField(_("korte naam"), max_length=100)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("provincie")
    )
    inhabitants = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    households = models.PositiveIntegerField(_("huishoudens"), null=True, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    search_name = models.CharField(max_length=100, editable=False, db_index=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)


class MunicipalityAlias(models.Model):
    """Another name people use for a municipality ("Den Haag" for 's-Gravenhage)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="aliases")
    name = NameField(_("naam"), max_length=100)
    search_name = models.CharField(max_length=100, editable=False, db_index=True)

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("andere naam")
        verbose_name_plural = _("andere namen")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "search_name"], name="unique_alias_per_municipality")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)


class Challenge(models.Model):
    """One of the 10 opgaven of the alliance's work agenda."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    slug = models.SlugField(_("korte naam in adressen"), max_length=80, unique=True)
    name = NameField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")

    def __str__(self) -> str:
        return self.name


class ChangeLine(models.Model):
    """A line of the Verandertheorie: verzachten, versterken or veranderen."""

    class Code(models.TextChoices):
        SOFTEN = "soften", _("verzachten")
        STRENGTHEN = "strengthen", _("versterken")
        TRANSFORM = "transform", _("veranderen")

    code = models.CharField(_("code"), max_length=12, choices=Code.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), unique=True)
    name = NameField(_("naam"), max_length=60)
    horizon = models.CharField(_("termijn"), max_length=60)
    description = models.TextField(_("omschrijving"))

    class Meta:
        ordering = ["order"]
        verbose_name = _("verandertheorie-lijn")
        verbose_name_plural = _("verandertheorie-lijnen")

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    slug = models.SlugField(_("korte naam in adressen"), max_length=60, unique=True)
    name = NameField(_("naam"), max_length=100)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", Lower("name")]
        verbose_name = _("sector")
        verbose_name_plural = _("sectoren")

    def __str__(self) -> str:
        return self.name


class Scope(models.Model):
    """How far an organisation reaches; the code drives rules (a national partner works everywhere)."""

    class Code(models.TextChoices):
        LOCAL = "local", _("lokaal")
        REGIONAL = "regional", _("regionaal")
        NATIONAL = "national", _("landelijk")

    code = models.CharField(_("code"), max_length=10, choices=Code.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), unique=True)
    name = NameField(_("naam"), max_length=60)
    description = models.CharField(_("omschrijving"), max_length=200)

    class Meta:
        ordering = ["order"]
        verbose_name = _("schaal")
        verbose_name_plural = _("schalen")

    def __str__(self) -> str:
        return self.name


class OutboxMessage(models.Model):
    """One e-mail the platform owes someone: written in the same transaction as the change that causes it and
    sent by the background worker (core/mail.py), so a mail server that is down or a crash loses nothing.
    `key` names the reason for the mail (``monitor-invitation:12``), so the same reason never queues twice."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("wacht")
        SENT = "sent", _("verstuurd")
        FAILED = "failed", _("mislukt")
        CANCELLED = "cancelled", _("geannuleerd")

    class Priority(models.IntegerChoices):
        # Lower goes first: a login or invitation mail never waits behind a newsletter.
        PERSONAL = 10, _("persoonlijk")
        NOTICE = 50, _("bericht")
        BULK = 90, _("massamail")

    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=60, db_index=True)
    recipients = models.JSONField(_("ontvangers"), default=list)
    subject = models.CharField(_("onderwerp"), max_length=300)
    body_text = models.TextField(_("tekst"))
    body_html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("extra kopregels"), default=dict, blank=True)
    attachments = models.JSONField(_("bijlagen"), default=list, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=250, unique=True)
    priority = models.PositiveSmallIntegerField(_("voorrang"), choices=Priority.choices, default=Priority.NOTICE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitgaande mail")
        verbose_name_plural = _("uitgaande mail")
        indexes = [
            models.Index(
                fields=["priority", "next_attempt_at"],
                condition=models.Q(status="waiting"),
                name="outbox_due",
            ),
            # The mails not (yet) sent, few once the outbox has done its work: the monitor's dashboard counts the
            # unsent invitations of a round through it instead of reading every sent one.
            models.Index(fields=["id"], condition=~models.Q(status="sent"), name="outbox_not_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.recipients)[:80]}"


class RateLimitCounter(models.Model):
    """One rate-limit window's count (core/ratelimit.py) when the cache is not Redis; the key holds a hash, never
    an address."""

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class DataVersion(models.Model):
    """A counter per kind of data that cached pages and indexes depend on (core/versions.py): bumped in the same
    transaction as every change, read in one query, so every app server sees a change at the same moment."""

    name = models.CharField(max_length=100, unique=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.version}"


class PeriodicRun(models.Model):
    """The state of one periodic job (core/periodic.py): when it last ran, and a lease that one runner holds while
    it runs, so two machines (or two cron entries) never run the same job at the same time."""

    name = models.CharField(_("taak"), max_length=60, unique=True)
    last_started_at = models.DateTimeField(_("laatst gestart"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("laatst klaar"), null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    locked_by = models.CharField(max_length=100, blank=True)
    last_result = models.CharField(_("laatste resultaat"), max_length=300, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    runs = models.PositiveIntegerField(_("aantal keer"), default=0)

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("periodieke taak")
        verbose_name_plural = _("periodieke taken")

    def __str__(self) -> str:
        return self.name


class BackgroundJob(models.Model):
    """Heavy work a person started (an import, an export, a PDF), run by the background worker with its progress
    kept here, so the page that shows it works on any app server and survives a reload (core/jobs.py)."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("wacht")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("soort"), max_length=40, db_index=True)
    title = models.CharField(_("omschrijving"), max_length=200)
    handler = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    input_file = models.FileField(upload_to="jobs/in/", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    message = models.CharField(_("stand van zaken"), max_length=300, blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_file = models.FileField(upload_to="jobs/out/", blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    result_content_type = models.CharField(max_length=100, blank=True)
    error = models.TextField(_("fout"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gestart"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class PersonalConsent(models.Model):
    """A person's consent for one purpose (core/consent.py): what they agreed to, word for word, when and how, and
    when they withdrew it. One open record per address and purpose; every mail and list for that purpose asks it.
    (A story's consent, which covers a text and its uses, is the kennisbank's own.)"""

    class Purpose(models.TextChoices):
        NEWSLETTER = "newsletter", _("de nieuwsbrief")
        COMMUNITY = "community", _("berichten uit de community")
        EVENT_REMINDERS = "event_reminders", _("herinneringen aan bijeenkomsten")
        EXPERT_POOL = "expert_pool", _("de pool van ervaringsdeskundigen")

    class Method(models.TextChoices):
        FORM = "form", _("via een formulier op de website")
        ACCOUNT = "account", _("in het eigen account")
        IMPORT = "import", _("met een import (toestemming elders gegeven)")
        TEAM = "team", _("door het projectteam vastgelegd op verzoek")

    email = models.EmailField(_("e-mailadres"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="consents"
    )
    purpose = models.CharField(_("waarvoor"), max_length=30, choices=Purpose.choices)
    text = models.TextField(_("waarmee ingestemd"))
    method = models.CharField(_("hoe"), max_length=10, choices=Method.choices)
    given_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_how = models.CharField(_("hoe ingetrokken"), max_length=200, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "purpose"], condition=models.Q(withdrawn_at__isnull=True), name="one_open_consent"
            )
        ]
        indexes = [models.Index(fields=["purpose", "email"])]

    def __str__(self) -> str:
        return f"{self.email}: {self.get_purpose_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and self.confirmed_at is not None


class AuditEntry(models.Model):
    """Who did what to which object, when: written by services, read by the team and administrators."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    action = models.CharField(_("handeling"), max_length=60)
    target_type = models.CharField(_("soort"), max_length=60)
    target_id = models.CharField(_("id"), max_length=40)
    target_repr = models.CharField(_("object"), max_length=200)
    # The organisation the entry is about (its own, or the one its activity, pledge … belongs to), for the audit
    # log's filter. Not a foreign key: an audit entry outlives what it is about.
    organisation_id = models.BigIntegerField(_("organisatie"), null=True, blank=True, db_index=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"


class SearchDocument(models.Model):
    """One thing the site-wide search finds (a kennisbank item, an event): its text and its facets, written by the
    service that publishes it (core/search.py) and removed the moment it may no longer be found. It holds only what
    its audience may read; drafts are never indexed."""

    class Audience(models.TextChoices):
        PUBLIC = "public", _("iedereen")
        PARTNERS = "partners", _("partners")
        LOCAL_ALLIANCES = "local", _("lokale allianties")
        TEAM = "team", _("projectteam")

    key = models.CharField(_("sleutel"), max_length=60, unique=True)
    kind = models.CharField(_("soort"), max_length=40, db_index=True)
    knowledge_source = models.CharField(_("kennisbron"), max_length=12, blank=True)
    title = models.CharField(_("titel"), max_length=300)
    summary = models.TextField(_("samenvatting"), blank=True)
    body = models.TextField(_("tekst"), blank=True)
    meta = models.CharField(_("kenmerken"), max_length=300, blank=True)
    url = models.CharField(_("adres"), max_length=300)
    audience = models.CharField(_("voor wie"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    date = models.DateTimeField(_("datum"))
    visible_until = models.DateField(_("zichtbaar tot"), null=True, blank=True)
    change_line = models.ForeignKey(
        ChangeLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("lijn")
    )
    challenges = models.ManyToManyField(Challenge, blank=True, related_name="+", verbose_name=_("opgaven"))
    sectors = models.ManyToManyField(Sector, blank=True, related_name="+", verbose_name=_("sectoren"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekindex")
        indexes = [models.Index(fields=["audience", "-date"], name="searchdoc_audience_date")]

    def __str__(self) -> str:
        return self.title
