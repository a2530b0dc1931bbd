"""Organisations, the people who belong to them, and invitations to join one."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameField
from alliantie.core.models import Municipality, Province, Scope, Sector

kvk_validator = RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678."))


class OrganisationQuerySet(models.QuerySet):
    def partners(self) -> "OrganisationQuerySet":
        """Organisations that are partner now: approved and not ended."""
        return self.filter(status__in=Organisation.PARTNER_STATUSES)


class Organisation(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("aangemeld")
        ACTIVE = "active", _("actief")
        DORMANT = "dormant", _("slapend")
        ENDED = "ended", _("beëindigd")
        DECLINED = "declined", _("afgewezen")
        # Takes part in a local alliance only, without the national pledge; becomes a partner by applying
        # (services.request_partnership), with everything it already filled in.
        LOCAL = "local", _("alleen lokaal")

    PARTNER_STATUSES = (Status.ACTIVE, Status.DORMANT)

    name = NameField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in adressen"), max_length=220, unique=True)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("sector"))
    scope = models.ForeignKey(Scope, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("schaal"))
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True, validators=[kvk_validator])
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("algemeen e-mailadres"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True, help_text=_("Straat en huisnummer."))
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = NameField(_("plaats"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seated_organisations",
        verbose_name=_("vestigingsgemeente"),
    )
    area_municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="working_organisations",
        verbose_name=_("werkgebied: gemeenten"),
    )
    area_provinces = models.ManyToManyField(
        Province, blank=True, related_name="working_organisations", verbose_name=_("werkgebied: provincies")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APPLIED)
    joined_on = models.DateField(_("partner sinds"), null=True, blank=True)
    status_since = models.DateField(_("status sinds"), null=True, blank=True)
    status_reason = models.TextField(_("reden van de status"), blank=True)
    # Kept by the services that take a report (a new activity, a progress update); drives the reporting status.
    last_reported_at = models.DateTimeField(_("laatste verantwoording"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("besluit over aanmelding"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decision_message = models.TextField(_("bericht bij het besluit"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        indexes = [
            models.Index(fields=["status", "name"]),
            models.Index(fields=["name"], name="organisation_name"),
            models.Index(Lower("name"), name="organisation_name_ci"),  # the directory sorts ignoring case
            models.Index(fields=["updated_at"], name="organisation_updated_at"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:organisation-members", kwargs={"slug": self.slug})

    @property
    def is_partner(self) -> bool:
        return self.status in self.PARTNER_STATUSES


# The project team moves a partner along its lifecycle; applications are decided separately (approve or decline).
STATUS_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Organisation.Status.ACTIVE: (Organisation.Status.DORMANT, Organisation.Status.ENDED),
    Organisation.Status.DORMANT: (Organisation.Status.ACTIVE, Organisation.Status.ENDED),
    Organisation.Status.ENDED: (Organisation.Status.ACTIVE,),
}


class Membership(models.Model):
    """A person belongs to an organisation as a member or as its contact; one person may have several."""

    class Role(models.TextChoices):
        MEMBER = "member", _("medewerker")
        CONTACT = "contact", _("contactpersoon")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = [Lower("organisation__name")]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_person")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class Invitation(models.Model):
    """An e-mailed, single-use, expiring link to join an organisation; only the token's hash is stored."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    mail = models.ForeignKey(
        "core.OutboxMessage", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class PledgeText(models.Model):
    """A version of the pledge's wording. A signed pledge keeps the text it was signed with."""

    version = models.PositiveIntegerField(_("versie"), unique=True)
    title = NameField(_("titel"), max_length=200)
    text = models.TextField(
        _("tekst"), help_text=_("Elke alinea op een eigen regel; regels met '- ' worden een lijst.")
    )
    published_on = models.DateField(_("geldig vanaf"))

    class Meta:
        ordering = ["-version"]
        verbose_name = _("tekst van de belofte")
        verbose_name_plural = _("teksten van de belofte")

    def __str__(self) -> str:
        return f"{self.title} (versie {self.version})"


class Pledge(models.Model):
    """An organisation's signed pledge: who signed which text when. Never changed after signing."""

    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="pledge")
    text_version = models.ForeignKey(PledgeText, on_delete=models.PROTECT, related_name="pledges")
    text = models.TextField(_("ondertekende tekst"))
    signatory_name = NameField(_("naam van de ondertekenaar"), max_length=150)
    signatory_function = NameField(_("functie van de ondertekenaar"), max_length=150)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("ondertekend op"))
    checksum = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("ondertekende belofte")
        verbose_name_plural = _("ondertekende beloften")

    def __str__(self) -> str:
        return f"{self.organisation} – {date_format(self.signed_at, 'DATE_FORMAT')}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("A signed pledge cannot be changed.")
        super().save(*args, **kwargs)


class Nomination(models.Model):
    """A partner proposes a new organisation; kept so that "who brought whom" is known when it joins."""

    nominated_by = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="nominations_made")
    nominated_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation_name = NameField(_("naam van de organisatie"), max_length=200)
    contact_email = models.EmailField(_("e-mailadres van de contactpersoon"))
    reason = models.TextField(_("waarom deze organisatie?"), max_length=2000)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    joined_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations_received",
        verbose_name=_("aangesloten als"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("voordracht")
        verbose_name_plural = _("voordrachten")

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.nominated_by})"


class DirectoryFacet(models.Model):
    """One filter value of a partner in the public directory: its sector, its scale, an opgave or 3V line of its
    activities, a province it works in (national partners: every province), and ("", "") for being a partner. The
    directory counts these rows for the partners it found instead of joining activities and areas at each request;
    kept by `partners.facets` (see core/summaries.py)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="directory_facets")
    facet = models.CharField(max_length=12)
    value = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "facet", "value"], name="one_directory_facet_per_value")
        ]
        indexes = [models.Index(fields=["facet", "value", "organisation"], name="directory_facet_value")]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.facet}={self.value}"


class DirectoryFacetCount(models.Model):
    """Among the partners with one filter value, how many have another: the directory's counts without a filter
    (facet and value "") and with any one filter, read in one query. The row with all four "" holds the number of
    partners and exists once the summary was built."""

    facet = models.CharField(max_length=12)
    value = models.CharField(max_length=60)
    other_facet = models.CharField(max_length=12)
    other_value = models.CharField(max_length=60)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["facet", "value", "other_facet", "other_value"], name="one_directory_count_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value} & {self.other_facet}={self.other_value}: {self.n}"
