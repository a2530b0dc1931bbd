"""The sociale kaart: providers (an HSDS organization; national ones with their local branches), their
services (voorzieningen) and the locations where families can go."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameField
from alliantie.core.models import Challenge, Municipality, Province
from alliantie.core.validators import ChoicesList
from alliantie.partners.models import Organisation


class Need(models.TextChoices):
    """What a family looks for; the finder groups its results by these."""

    SPORT_CULTURE = "sport-cultuur", _("Sport en cultuur")
    SCHOOL = "school", _("Schoolkosten en een laptop")
    FOOD = "eten", _("Eten")
    CLOTHING_TOYS = "kleding-speelgoed", _("Kleding en speelgoed")
    BIRTHDAY = "verjaardag", _("Verjaardag")
    HOLIDAYS = "vakantie", _("Vakantie en uitjes")
    MONEY = "geld-schulden", _("Geld en schulden")
    HOUSING = "wonen-energie", _("Wonen en energie")
    HEALTH = "gezondheid", _("Gezondheid")
    PARENTING = "opvoeden", _("Opvoeden")


class Offer(models.TextChoices):
    MONEY = "money", _("geld")
    GOODS = "goods", _("spullen")
    ACTIVITY = "activity", _("activiteit")
    ADVICE = "advice", _("advies")
    CARE = "care", _("zorg")


validate_needs = ChoicesList(Need.values, _("Kies alleen waarden uit de lijst."))
validate_offers = ChoicesList(Offer.values, _("Kies alleen waarden uit de lijst."))


class Provider(models.Model):
    """Who provides services: a partner or not; a national organisation's local branch has it as parent."""

    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, unique=True, editable=False)
    name = NameField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in adressen"), max_length=220, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="branches",
        verbose_name=_("landelijke organisatie"),
        help_text=_("Voor een lokale afdeling: de landelijke organisatie waar zij bij hoort."),
    )
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="providers",
        verbose_name=_("partner van de alliantie"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    area_municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="providers", verbose_name=_("werkt in gemeenten")
    )
    area_provinces = models.ManyToManyField(
        Province, blank=True, related_name="providers", verbose_name=_("werkt in provincies")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A voorziening, described once by its provider; a national one is available where its branches work."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("actief")
        INACTIVE = "inactive", _("niet actief")

    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="services", verbose_name=_("aanbieder")
    )
    name = NameField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in adressen"), max_length=220, unique=True)
    description = models.TextField(_("wat is het?"), max_length=3000, help_text=_("In eenvoudige taal (B1)."))
    offers = models.JSONField(_("wat biedt het?"), default=list, validators=[validate_offers])
    needs = models.JSONField(_("waarbij helpt het?"), default=list, validators=[validate_needs])
    challenges = models.ManyToManyField(Challenge, blank=True, related_name="services", verbose_name=_("opgaven"))
    minimum_age = models.PositiveSmallIntegerField(_("vanaf leeftijd"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("tot en met leeftijd"), null=True, blank=True)
    for_parents = models.BooleanField(_("ook voor ouders"), default=False)
    for_household = models.BooleanField(_("voor het hele huishouden"), default=False)
    income_limit_percent = models.PositiveSmallIntegerField(
        _("inkomensgrens (% van het sociaal minimum)"), null=True, blank=True
    )
    residents_only = models.BooleanField(_("alleen voor inwoners van het gebied"), default=True)
    referral_needed = models.BooleanField(_("aanvragen via een hulpverlener"), default=False)
    eligibility = models.TextField(_("voor wie precies?"), max_length=2000, blank=True)
    how_to_apply = models.TextField(_("zo vraagt u het aan"), max_length=2000)
    bring = models.TextField(_("neem mee"), max_length=1000, blank=True)
    url = models.URLField(_("webadres"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    opening_hours = models.CharField(_("openingstijden"), max_length=200, blank=True)
    costs = models.CharField(_("kosten"), max_length=200, blank=True, default="gratis")
    languages = models.JSONField(_("talen"), default=list, blank=True)
    national = models.BooleanField(
        _("in heel Nederland"),
        default=False,
        help_text=_("Aan: overal beschikbaar. Uit: waar de aanbieder of haar lokale afdelingen werken."),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    last_verified_on = models.DateField(_("laatst gecontroleerd op"), default=timezone.localdate)
    verification_requested_on = models.DateField(_("om controle gevraagd op"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        indexes = [
            models.Index(fields=["national"], condition=models.Q(national=True), name="service_national"),
            models.Index(Lower("name"), name="service_name_ci"),  # lists and the HSDS API sort ignoring case
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(maximum_age__gte=models.F("minimum_age")),
                name="service_age_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("socialmap:service-detail", kwargs={"slug": self.slug})

    def verification_due(self, today: date | None = None) -> bool:
        """Not checked by its owner for SOCIALMAP_VERIFY_DAYS (a year): the owner is asked to check it."""
        today = today or timezone.localdate()
        return self.last_verified_on <= today - timedelta(days=settings.SOCIALMAP_VERIFY_DAYS)

    def is_stale(self, today: date | None = None) -> bool:
        """Still unchecked SOCIALMAP_REMINDER_GRACE_DAYS after the owner was asked: visitors see
        "niet recent gecontroleerd"."""
        today = today or timezone.localdate()
        return (
            self.verification_due(today)
            and self.verification_requested_on is not None
            and self.verification_requested_on <= today - timedelta(days=settings.SOCIALMAP_REMINDER_GRACE_DAYS)
        )


class Location(models.Model):
    """A place where a family can go (an HSDS location) and the services offered there."""

    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="locations", verbose_name=_("aanbieder")
    )
    name = NameField(_("naam"), max_length=200)
    address = models.CharField(_("adres"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = NameField(_("plaats"), max_length=100)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="service_locations", verbose_name=_("gemeente")
    )
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    services = models.ManyToManyField(Service, blank=True, related_name="locations", verbose_name=_("voorzieningen"))

    class Meta:
        ordering = ["city", Lower("name")]
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"


class ErrorReport(models.Model):
    """A visitor's note that something on a service page is wrong; it goes to whoever keeps the service."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="error_reports", verbose_name=_("voorziening")
    )
    message = models.TextField(_("wat klopt er niet?"), max_length=1000)
    reply_email = models.EmailField(_("e-mailadres voor een antwoord"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("foutmelding")
        verbose_name_plural = _("foutmeldingen")

    def __str__(self) -> str:
        return f"{self.service}: {self.message[:40]}"
