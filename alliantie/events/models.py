"""The agenda: kenniskringen, publieksacademies, the leernetwerk and other meetings, with registrations, a waiting
list and attendance."""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from alliantie.core.fields import NameField
from alliantie.core.models import Challenge, ChangeLine, Municipality
from alliantie.partners.models import Organisation


class EventKind(models.TextChoices):
    KENNISKRING = "kenniskring", _("kenniskring")
    PUBLIEKSACADEMIE = "publieksacademie", _("publieksacademie")
    LEERNETWERK = "leernetwerk", _("leernetwerk lokale allianties")
    INFORMATIEBIJEENKOMST = "informatiebijeenkomst", _("informatiebijeenkomst")
    WEBINAR = "webinar", _("webinar")
    WERKBEZOEK = "werkbezoek", _("werkbezoek")


# Addresses use the Dutch plural of a kind (/agenda/soort/kenniskringen/).
KIND_SLUGS = {
    EventKind.KENNISKRING: "kenniskringen",
    EventKind.PUBLIEKSACADEMIE: "publieksacademies",
    EventKind.LEERNETWERK: "leernetwerk",
    EventKind.INFORMATIEBIJEENKOMST: "informatiebijeenkomsten",
    EventKind.WEBINAR: "webinars",
    EventKind.WERKBEZOEK: "werkbezoeken",
}
KINDS_BY_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}


class Audience(models.TextChoices):
    PUBLIC = "public", _("iedereen")
    PARTNERS = "partners", _("partners van de alliantie")
    LOCAL_ALLIANCES = "local", _("leden van lokale allianties")
    TEAM = "team", _("alleen het projectteam")


# Who a kind is for unless the organiser says otherwise (seed 001).
DEFAULT_AUDIENCE = {
    EventKind.KENNISKRING: Audience.PUBLIC,
    EventKind.PUBLIEKSACADEMIE: Audience.PUBLIC,
    EventKind.LEERNETWERK: Audience.LOCAL_ALLIANCES,
    EventKind.INFORMATIEBIJEENKOMST: Audience.PARTNERS,
    EventKind.WEBINAR: Audience.PUBLIC,
    EventKind.WERKBEZOEK: Audience.TEAM,
}


def default_reminder_days() -> list[int]:
    return [7, 1]


class EventQuerySet(models.QuerySet):
    def upcoming(self, now=None) -> "EventQuerySet":
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None) -> "EventQuerySet":
        return self.filter(ends_at__lt=now or timezone.now())

    def published(self) -> "EventQuerySet":
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])


class Event(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("gepubliceerd")
        CANCELLED = "cancelled", _("geannuleerd")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("soort"), max_length=24, choices=EventKind.choices)
    series_number = models.PositiveIntegerField(
        _("nummer in de reeks"), null=True, blank=True, help_text=_("Bij een kenniskring: het volgnummer, zoals 11.")
    )
    title = NameField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam in adressen"), max_length=220, unique=True)
    summary = models.TextField(_("korte omschrijving"), max_length=600, help_text=_("In eenvoudig Nederlands (B1)."))
    description = models.TextField(_("programma en toelichting"), max_length=10_000, blank=True)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    venue = models.CharField(_("locatie"), max_length=200, blank=True, help_text=_("Naam van de zaal of het gebouw."))
    address = models.CharField(_("adres"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("gemeente")
    )
    online_url = models.URLField(
        _("link voor online deelname"),
        blank=True,
        help_text=_("Alleen wie is aangemeld ziet deze link."),
    )
    organisers = models.ManyToManyField(
        Organisation, blank=True, related_name="organised_events", verbose_name=_("organiserende partners")
    )
    challenges = models.ManyToManyField(Challenge, blank=True, related_name="events", verbose_name=_("opgaven"))
    change_line = models.ForeignKey(
        ChangeLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("verandertheorie-lijn"),
    )
    audience = models.CharField(_("voor wie"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Leeg: geen maximum."),
    )
    registration_deadline = models.DateTimeField(
        _("aanmelden kan tot"), null=True, blank=True, help_text=_("Leeg: tot het begin.")
    )
    reminder_days = models.JSONField(_("herinneringen (dagen vooraf)"), default=default_reminder_days, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    cancel_reason = models.TextField(_("reden van annuleren"), max_length=2000, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    # Raised whenever the time or place changes, so calendar programs replace their copy (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        indexes = [
            models.Index(fields=["status", "audience", "starts_at"], name="event_agenda"),
            models.Index(fields=["kind", "starts_at"], name="event_kind_start"),
            models.Index(fields=["ends_at"], name="event_ends_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["kind", "series_number"],
                condition=models.Q(series_number__isnull=False),
                name="one_event_per_series_number",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Het einde ligt voor het begin. Kies een eindtijd na de begintijd.")
        if self.registration_deadline and self.ends_at and self.registration_deadline > self.ends_at:
            errors["registration_deadline"] = _("Aanmelden kan niet na afloop van de bijeenkomst.")
        if not (self.venue or self.address or self.online_url):
            errors["venue"] = _("Vul een locatie in, een link voor online deelname, of allebei.")
        if self.series_number and self.kind != EventKind.KENNISKRING:
            errors["series_number"] = _("Alleen kenniskringen hebben een nummer in de reeks.")
        days = self.reminder_days if isinstance(self.reminder_days, list) else None
        if days is None or any(not isinstance(d, int) or not 0 < d <= 60 for d in days):
            errors["reminder_days"] = _("Herinneringen gaan 1 tot 60 dagen vooraf; bijvoorbeeld 7, 1.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def deadline(self):
        return self.registration_deadline or self.starts_at

    @property
    def registration_open(self) -> bool:
        return not self.is_cancelled and timezone.now() < self.deadline

    @property
    def place_label(self) -> str:
        parts = [p for p in (self.venue, self.address) if p]
        if self.municipality_id and self.municipality.short_name not in " ".join(parts):
            parts.append(self.municipality.short_name)
        if self.online_url:
            parts.append(str(_("online")))
        return ", ".join(parts)


def new_checkin_code() -> str:
    """Ten characters without look-alikes, for the QR code and to type in when a camera fails."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class RegistrationQuerySet(models.QuerySet):
    def holding_a_place(self, now=None) -> "RegistrationQuerySet":
        """Confirmed places and offers that have not expired: together they may not exceed the capacity."""
        now = now or timezone.now()
        return self.filter(
            models.Q(status=Registration.Status.CONFIRMED)
            | models.Q(status=Registration.Status.OFFERED, offer_expires_at__gt=now)
        )

    def active(self) -> "RegistrationQuerySet":
        return self.filter(status__in=Registration.ACTIVE)


class Registration(models.Model):
    """A person's place at an event (or on its waiting list). Without an account the e-mail address is confirmed by a
    link first; the links in the mails carry a signed id, so the database alone gives no one a working link."""

    class Status(models.TextChoices):
        PENDING = "pending", _("e-mailadres nog niet bevestigd")
        CONFIRMED = "confirmed", pgettext_lazy("status van een aanmelding voor een bijeenkomst", "aangemeld")
        WAITING = "waiting", _("op de wachtlijst")
        OFFERED = "offered", _("plaats aangeboden")
        EXPIRED = "expired", _("aanbod verlopen")
        CANCELLED = "cancelled", _("afgemeld")

    # These statuses count as "registered": one per e-mail address per event.
    ACTIVE = [Status.PENDING, Status.CONFIRMED, Status.WAITING, Status.OFFERED]

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    name = NameField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    organisation_name = NameField(_("organisatie"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    checkin_code = models.CharField(max_length=12, default=new_checkin_code, editable=False)
    registered_at = models.DateTimeField(_("aangemeld op"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("plaats sinds"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("op de wachtlijst sinds"), null=True, blank=True)
    offered_at = models.DateTimeField(_("plaats aangeboden op"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("aanbod geldig tot"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    attended_at = models.DateTimeField(_("aanwezig"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        indexes = [
            models.Index(fields=["event", "status", "waiting_since"], name="registration_event_status"),
            models.Index(fields=["user", "status"], name="registration_user_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=["pending", "confirmed", "waiting", "offered"]),
                name="one_active_registration_per_email",
            ),
            models.UniqueConstraint(fields=["event", "checkin_code"], name="unique_checkin_code_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    @property
    def has_place(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def offer_open(self) -> bool:
        return (
            self.status == self.Status.OFFERED
            and self.offer_expires_at is not None
            and self.offer_expires_at > timezone.now()
        )


class PersonalFeed(models.Model):
    """The secret behind a person's own calendar feed; a new key makes the old address stop working."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed")
    key = models.UUIDField(default=uuid.uuid4, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("persoonlijke agenda-feed")
        verbose_name_plural = _("persoonlijke agenda-feeds")

    def __str__(self) -> str:
        return str(self.user)


OFFER_HOURS_DEFAULT = 48
PENDING_KEEP = timedelta(days=7)
