"""The alliance in figures: targets with their definitions, and the tables the periodic job precomputes (coverage,
municipalities, the partner network, the open-data release) so that pages read a few rows instead of counting."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameField
from alliantie.core.models import Challenge, ChangeLine, Municipality, Province, Sector
from alliantie.partners.models import Organisation
from alliantie.socialmap.models import Provider


class Target(models.Model):
    """A promise to the ministries (seed 001): what is counted (a definition from reports/definitions.py), how many,
    in which period and who watches it. The team decides which targets the public impact page shows."""

    definition = models.CharField(_("wat wordt geteld"), max_length=60)
    title = NameField(_("naam"), max_length=120)
    value = models.PositiveIntegerField(
        _("streefwaarde"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)]
    )
    period_start = models.DateField(_("periode van"))
    period_end = models.DateField(_("periode tot en met"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    sectors = models.ManyToManyField(
        Sector,
        blank=True,
        related_name="+",
        verbose_name=_("alleen deze sectoren"),
        help_text=_("Voor tellingen van partners: leeg is alle sectoren."),
    )
    public = models.BooleanField(_("ook op de openbare pagina"), default=False)
    source = models.CharField(_("afspraak uit"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="target_period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Het einde van de periode ligt voor het begin.")})


class CoverageCell(models.Model):
    """Running activities of current partners counted per opgave × line × province × sector (precomputed).
    A row with `change_line` empty counts all lines together; `province` empty is activities without a place
    (national)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="+")
    change_line = models.ForeignKey(ChangeLine, on_delete=models.CASCADE, null=True, related_name="+")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, null=True, related_name="+")
    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="+")
    activities = models.PositiveIntegerField(default=0)
    partners = models.PositiveIntegerField(default=0)
    lived_experience = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["challenge", "province"], name="coverage_challenge_province")]

    def __str__(self) -> str:
        return f"{self.challenge_id}/{self.change_line_id}/{self.province_id}/{self.sector_id}: {self.activities}"


class MunicipalityFigures(models.Model):
    """What happens in one municipality (precomputed; one row for each of the 342, also where nothing happens)."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="figures")
    children = models.PositiveIntegerField(_("kinderen 0-14 (schatting)"), null=True)
    partners = models.PositiveIntegerField(_("partners actief"), default=0)
    activities = models.PositiveIntegerField(_("activiteiten"), default=0)
    services = models.PositiveIntegerField(_("voorzieningen"), default=0)
    local_alliance = models.CharField(_("lokale alliantie"), max_length=200, blank=True)
    local_alliance_phase = models.CharField(_("fase"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("cijfers van een gemeente")
        verbose_name_plural = _("cijfers van gemeenten")

    def __str__(self) -> str:
        return str(self.municipality_id)


class NetworkEdge(models.Model):
    """Two partners that work together, and how (precomputed from activities, introductions, events …)."""

    source = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kinds = models.JSONField(default=list)
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [
            models.Index(fields=["source"], name="edge_source"),
            models.Index(fields=["target"], name="edge_target"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id}–{self.target_id}"


class NetworkPosition(models.Model):
    """One partner's place in the network (precomputed): how many partners and sectors it is connected with."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="network_position")
    connections = models.PositiveIntegerField(default=0)
    sectors_reached = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["connections"], name="position_connections")]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.connections}"


class Snapshot(models.Model):
    """Something precomputed, with when and from what state of the data it was made: the figures (`cijfers`), the
    network (`netwerk`) and the open-data package (`open-data`); `summary` holds its small numbers."""

    name = models.CharField(max_length=40, unique=True)
    fingerprint = models.CharField(max_length=300, blank=True)
    made_at = models.DateTimeField(default=timezone.now)
    summary = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return self.name


class SnapshotFile(models.Model):
    """A file made with a snapshot (the network as GEXF, the open data as CSV …), served as it is."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=80)
    content_type = models.CharField(max_length=100)
    content = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["snapshot", "name"], name="one_file_per_snapshot_name")]

    def __str__(self) -> str:
        return self.name


class RecruitmentCandidate(models.Model):
    """An organisation the team wants to ask to join, found for a blind spot: an organisation that is not (yet) a
    partner, a provider from the sociale kaart, or a partner to ask for an activity on the missing opgave."""

    class Status(models.TextChoices):
        OPEN = "open", _("nog benaderen")
        CONTACTED = "benaderd", _("benaderd")
        JOINED = "aangesloten", _("aangesloten")
        DECLINED = "afgezien", _("ziet ervan af")

    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="+", verbose_name=_("opgave"))
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("provincie"))
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sector")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("organisatie")
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("aanbieder")
    )
    name = NameField(_("naam"), max_length=200)
    note = models.TextField(_("notitie"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-added_at", "-pk"]
        verbose_name = _("kandidaat om te werven")
        verbose_name_plural = _("werflijst")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(provider__isnull=False),
                name="candidate_is_organisation_or_provider",
            ),
            models.UniqueConstraint(
                fields=["organisation", "challenge", "province"],
                condition=models.Q(organisation__isnull=False),
                name="one_candidate_per_organisation_spot",
            ),
            models.UniqueConstraint(
                fields=["provider", "challenge", "province"],
                condition=models.Q(provider__isnull=False),
                name="one_candidate_per_provider_spot",
            ),
        ]

    def __str__(self) -> str:
        return self.name
