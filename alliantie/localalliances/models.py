"""Local alliances ("lokaal doen"): the alliance in one or more municipalities with its coordinators, members, phases
and local work agenda; the requests to start one; the lessons it shares through the leernetwerk; and the pool of
ervaringsdeskundigen (people with lived experience of poverty) whom organisations and alliances ask to meet."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.activities.models import Activity, Involvement
from alliantie.core.fields import NameField
from alliantie.core.models import Challenge, ChangeLine, Municipality, PersonalConsent, Province, Sector
from alliantie.core.validators import ChoicesList
from alliantie.events.models import Event
from alliantie.knowledge.models import CollectionEntry, Item
from alliantie.partners.models import Organisation
from alliantie.socialmap.models import Provider


class Phase(models.TextChoices):
    """The route of a local alliance (seed 001): a local wish, a kickstart by the project team, building the network
    and its agenda, and going on on its own."""

    EXPLORING = "verkennen", _("verkennen")
    KICKSTART = "kickstart", _("kickstart")
    BUILDING = "bouwen", _("bouwen")
    INDEPENDENT = "zelfstandig", _("zelfstandig")


PHASE_ORDER = [Phase.EXPLORING, Phase.KICKSTART, Phase.BUILDING, Phase.INDEPENDENT]


class LocalAllianceQuerySet(models.QuerySet):
    def active(self) -> "LocalAllianceQuerySet":
        return self.filter(ended_on__isnull=True)


class LocalAlliance(models.Model):
    """A local alliance: cross-sector partners in one or more municipalities, started from a local wish."""

    name = NameField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in adressen"), max_length=220, unique=True)
    municipalities = models.ManyToManyField(Municipality, related_name="local_alliances", verbose_name=_("gemeenten"))
    summary = models.TextField(
        _("waar werken we aan?"), max_length=1500, blank=True, help_text=_("In eenvoudig Nederlands (B1).")
    )
    origin = models.TextField(
        _("hoe het begon"),
        max_length=2000,
        blank=True,
        help_text=_("Bijvoorbeeld: na de Publieksacademie Kinderarmoede, of vanuit het kerkelijk welzijnswerk."),
    )
    initiator = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiated_local_alliances",
        verbose_name=_("initiatiefnemer"),
    )
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices, default=Phase.EXPLORING)
    contact_email = models.EmailField(
        _("e-mailadres voor contact"), blank=True, help_text=_("Staat op de openbare pagina.")
    )
    website = models.URLField(_("website"), blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Coordinator",
        through_fields=("alliance", "user"),
        related_name="coordinated_alliances",
        verbose_name=_("coördinatoren"),
    )
    ended_on = models.DateField(_("gestopt op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LocalAllianceQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("lokale alliantie")
        verbose_name_plural = _("lokale allianties")
        indexes = [models.Index(fields=["phase", "name"], name="alliance_phase_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("localalliances:alliance-detail", kwargs={"slug": self.slug})

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class PhaseStep(models.Model):
    """The date an alliance entered a phase; recording a phase again moves its date."""

    alliance = models.ForeignKey(LocalAlliance, on_delete=models.CASCADE, related_name="phase_steps")
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices)
    started_on = models.DateField(_("begonnen op"))
    note = models.TextField(_("toelichting"), max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        constraints = [models.UniqueConstraint(fields=["alliance", "phase"], name="one_step_per_phase")]

    def __str__(self) -> str:
        return f"{self.alliance}: {self.get_phase_display()}"


class Coordinator(models.Model):
    """A person who coordinates an alliance: what a coordinator may do follows the alliances in this table."""

    alliance = models.ForeignKey(LocalAlliance, on_delete=models.CASCADE, related_name="coordinator_roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator_roles")
    since = models.DateField(_("sinds"), default=timezone.localdate)
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["since", "pk"]
        verbose_name = _("coördinator")
        verbose_name_plural = _("coördinatoren")
        constraints = [models.UniqueConstraint(fields=["alliance", "user"], name="one_role_per_coordinator")]

    def __str__(self) -> str:
        return f"{self.alliance}: coördinator {self.pk}"


class CoordinatorInvitation(models.Model):
    """The team named someone without an account as coordinator: an e-mailed link to make the account (and set up the
    second factor). The link's token is derived from the id with the server's secret (core/tokens.py)."""

    LINK_PURPOSE = "coordinator-invitation"

    alliance = models.ForeignKey(LocalAlliance, on_delete=models.CASCADE, related_name="coordinator_invitations")
    name = NameField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging als coördinator")
        verbose_name_plural = _("uitnodigingen als coördinator")

    def __str__(self) -> str:
        return f"{self.alliance}: uitnodiging {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class Member(models.Model):
    """An organisation that takes part: a partner of the national alliance, or a local organisation that joins only
    here (an Organisation with status "local"; it becomes a national partner later without retyping anything)."""

    alliance = models.ForeignKey(LocalAlliance, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="local_alliance_memberships")
    contribution = models.TextField(
        _("wat brengt deze organisatie in?"),
        max_length=1000,
        blank=True,
        help_text=_("Bijvoorbeeld: een locatie, vrijwilligers, kennis van de wijk."),
    )
    joined_on = models.DateField(_("doet mee sinds"), default=timezone.localdate)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = [Lower("organisation__name")]
        verbose_name = _("lid")
        verbose_name_plural = _("leden")
        constraints = [models.UniqueConstraint(fields=["alliance", "organisation"], name="one_membership_per_alliance")]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.alliance}"


class MemberInvitation(models.Model):
    """An organisation asked to join, often one the check suggested for a missing sector: a partner, a local
    organisation or a provider from the sociale kaart. The answer link's token is derived from the id."""

    LINK_PURPOSE = "local-alliance-invitation"

    class Status(models.TextChoices):
        OPEN = "open", _("verstuurd")
        ACCEPTED = "accepted", _("doet mee")
        DECLINED = "declined", _("doet niet mee")
        EXPIRED = "expired", _("verlopen")

    alliance = models.ForeignKey(LocalAlliance, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="local_alliance_invitations"
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, null=True, blank=True, related_name="local_alliance_invitations"
    )
    organisation_name = NameField(_("organisatie"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sector")
    )
    reason = models.TextField(_("waarom deze organisatie?"), max_length=2000)
    message = models.TextField(_("persoonlijk bericht"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    member = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging om mee te doen")
        verbose_name_plural = _("uitnodigingen om mee te doen")
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "organisation"],
                condition=models.Q(status="open", organisation__isnull=False),
                name="one_open_invitation_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["alliance", "provider"],
                condition=models.Q(status="open", provider__isnull=False),
                name="one_open_invitation_per_provider",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name} → {self.alliance}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN and self.expires_at > timezone.now()


class TargetUnit(models.TextChoices):
    CHILDREN = "kinderen", _("kinderen")
    FAMILIES = "gezinnen", _("gezinnen")
    PARENTS = "ouders", _("ouders")
    SCHOOLS = "scholen", _("scholen")
    PROFESSIONALS = "professionals", _("professionals")


class Goal(models.Model):
    """A goal of the local work agenda: one opgave and one line of the Verandertheorie, who takes part, what it should
    reach for children and families, and how far it is."""

    class Status(models.TextChoices):
        PLANNED = "gepland", _("gepland")
        RUNNING = "loopt", _("loopt")
        REACHED = "bereikt", _("bereikt")
        STOPPED = "gestopt", _("gestopt")

    alliance = models.ForeignKey(LocalAlliance, on_delete=models.CASCADE, related_name="goals")
    title = NameField(_("titel"), max_length=200)
    challenge = models.ForeignKey(
        Challenge, on_delete=models.PROTECT, related_name="local_goals", verbose_name=_("opgave")
    )
    change_line = models.ForeignKey(
        ChangeLine, on_delete=models.PROTECT, related_name="local_goals", verbose_name=_("verandertheorie-lijn")
    )
    description = models.TextField(_("wat gaan we doen?"), max_length=3000, blank=True)
    target = models.TextField(
        _("wat moet het opleveren voor kinderen en gezinnen?"),
        max_length=1000,
        help_text=_("Bijvoorbeeld: elke leerling van de twee scholen begint de dag met een gezond ontbijt."),
    )
    target_number = models.PositiveIntegerField(
        _("streefaantal"), null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )
    target_unit = models.CharField(_("eenheid"), max_length=14, choices=TargetUnit.choices, blank=True)
    reached_number = models.PositiveIntegerField(
        _("bereikt tot nu toe"), null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PLANNED)
    lived_experience = models.CharField(
        _("betrokkenheid van ervaringsdeskundigen, kinderen of ouders"),
        max_length=12,
        choices=Involvement.choices,
    )
    lived_experience_note = models.TextField(_("hoe zijn zij betrokken?"), max_length=1000, blank=True)
    participants = models.ManyToManyField(Member, blank=True, related_name="goals", verbose_name=_("wie doen mee"))
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="local_goals", verbose_name=_("activiteiten van partners")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["challenge__number", Lower("title"), "pk"]
        verbose_name = _("doel van de lokale agenda")
        verbose_name_plural = _("lokale agenda")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.target_number is not None and not self.target_unit:
            raise ValidationError({"target_unit": _("Kies waar het streefaantal over gaat: kinderen, gezinnen …")})

    @property
    def percent_reached(self) -> int | None:
        if not self.target_number or self.reached_number is None:
            return None
        return min(100, round(100 * self.reached_number / self.target_number))


class ProgressNote(models.Model):
    """What happened with a goal, with what it reached so far."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField(_("datum"), default=timezone.localdate)
    note = models.TextField(_("wat is er gebeurd?"), max_length=2000)
    reached_number = models.PositiveIntegerField(
        _("bereikt tot nu toe"), null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-written_on", "-pk"]
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")

    def __str__(self) -> str:
        return f"{self.goal}: {self.written_on}"


class Lesson(models.Model):
    """A succes- or faalfactor an alliance learned, recorded after a leernetwerk meeting: its text is a kennisbank item
    of kind "les", so every alliance finds it in the search; the context (phase, factor) lives here."""

    class Factor(models.TextChoices):
        SUCCESS = "succes", _("succesfactor")
        FAILURE = "faal", _("faalfactor")

    alliance = models.ForeignKey(LocalAlliance, on_delete=models.CASCADE, related_name="lessons")
    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="local_lesson")
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="local_lessons",
        verbose_name=_("bijeenkomst van het leernetwerk"),
    )
    factor = models.CharField(_("soort les"), max_length=8, choices=Factor.choices)
    phase = models.CharField(_("in welke fase?"), max_length=12, choices=Phase.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("les")
        verbose_name_plural = _("lessen")

    def __str__(self) -> str:
        return f"{self.alliance}: les {self.pk}"


validate_phases = ChoicesList(Phase.values, _("Kies fasen uit de lijst."))


class ToolkitPhases(models.Model):
    """The phases in which an item of the toolkit collection helps; without phases it is shown in every phase."""

    entry = models.OneToOneField(CollectionEntry, on_delete=models.CASCADE, related_name="local_phases")
    phases = models.JSONField(_("fasen"), default=list, blank=True, validators=[validate_phases])

    class Meta:
        verbose_name = _("fasen van een toolkit-onderdeel")
        verbose_name_plural = _("fasen van toolkit-onderdelen")

    def __str__(self) -> str:
        return f"{self.entry}: {', '.join(self.phases)}"


class AllianceRequest(models.Model):
    """ "Wij willen een lokale alliantie starten in …": a public request the team answers from its worklist."""

    class Status(models.TextChoices):
        NEW = "nieuw", _("nieuw")
        ACCEPTED = "geaccepteerd", _("geaccepteerd")
        DECLINED = "afgewezen", _("afgewezen")

    municipalities = models.ManyToManyField(
        Municipality, related_name="local_alliance_requests", verbose_name=_("gemeenten")
    )
    name = NameField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    organisation_name = NameField(_("organisatie"), max_length=200)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sector")
    )
    message = models.TextField(_("wat willen jullie bereiken?"), max_length=3000)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.NEW)
    answer = models.TextField(_("antwoord van het projectteam"), max_length=3000, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    alliance = models.ForeignKey(
        LocalAlliance, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests"
    )
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aanvraag lokale alliantie")
        verbose_name_plural = _("aanvragen lokale allianties")
        indexes = [models.Index(fields=["status", "created_at"], name="alliance_request_status")]

    def __str__(self) -> str:
        return f"aanvraag {self.pk}"


# -- the pool of ervaringsdeskundigen ---------------------------------------------------------------------------------


class PoolRole(models.TextChoices):
    THINKING = "meedenken", _("meedenken")
    BRIDGE = "brugfunctionaris", _("brugfunctionaris")
    SPEAKER = "spreker", _("spreker")
    TRAINER = "training", _("training geven")


class Availability(models.TextChoices):
    SOMETIMES = "af-en-toe", _("af en toe, een paar keer per jaar")
    MONTHLY = "maandelijks", _("ongeveer een keer per maand")
    WEEKLY = "wekelijks", _("wekelijks")


class Fee(models.TextChoices):
    NONE = "geen", _("geen vergoeding nodig")
    EXPENSES = "onkosten", _("alleen reiskosten en onkosten")
    FEE = "vergoeding", _("een vergoeding voor mijn tijd")


validate_pool_roles = ChoicesList(PoolRole.values, _("Kies minstens één rol."), required=True)


class PoolMember(models.Model):
    """A person with lived experience of poverty in the pool. Only the team and the coordinators of alliances in their
    region see the entry; the public sees only a name the person chose to show. Everything here belongs to the person:
    they change or delete it themselves at any time (with their account, or the link mailed to them), and deleting it
    leaves nothing behind."""

    class Status(models.TextChoices):
        PENDING = "wacht", _("wacht op bevestiging")
        ACTIVE = "actief", _("beschikbaar")
        PAUSED = "pauze", _("tijdelijk niet beschikbaar")

    LINK_PURPOSE = "pool-entry"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="pool_entries"
    )
    name = NameField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), unique=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    roles = models.JSONField(_("rollen"), default=list, validators=[validate_pool_roles])
    nationwide = models.BooleanField(_("in heel Nederland"), default=False)
    provinces = models.ManyToManyField(Province, blank=True, related_name="pool_members", verbose_name=_("provincies"))
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="pool_members", verbose_name=_("gemeenten")
    )
    themes = models.ManyToManyField(Challenge, blank=True, related_name="pool_members", verbose_name=_("thema's"))
    themes_note = models.CharField(_("andere onderwerpen"), max_length=300, blank=True)
    availability = models.CharField(_("beschikbaarheid"), max_length=12, choices=Availability.choices)
    availability_note = models.CharField(_("toelichting op de beschikbaarheid"), max_length=300, blank=True)
    fee = models.CharField(_("vergoeding"), max_length=10, choices=Fee.choices)
    about = models.TextField(
        _("over mij"),
        max_length=2000,
        blank=True,
        help_text=_("Wat u wilt delen over uw ervaring en wat u graag doet. Alleen wat u zelf kwijt wilt."),
    )
    show_publicly = models.BooleanField(_("mijn naam mag op de website"), default=False)
    public_name = NameField(
        _("naam op de website"), max_length=80, blank=True, help_text=_("Bijvoorbeeld alleen uw voornaam.")
    )
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.PENDING)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_by_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_pool_members",
        verbose_name=_("aangemeld door"),
    )
    consent = models.ForeignKey(
        PersonalConsent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    checked_at = models.DateTimeField(_("laatst bevestigd dat het klopt"), null=True, blank=True)
    check_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ervaringsdeskundige in de pool")
        verbose_name_plural = _("pool van ervaringsdeskundigen")
        indexes = [models.Index(fields=["status", "confirmed_at"], name="pool_status_confirmed")]

    def __str__(self) -> str:
        # Never the name or address: this text goes into the audit log, which outlives the entry.
        return f"ervaringsdeskundige {self.pk}"

    def clean(self) -> None:
        if self.show_publicly and not self.public_name.strip():
            raise ValidationError({"public_name": _("Vul de naam in die op de website mag staan.")})

    @property
    def role_labels(self) -> list[str]:
        return [PoolRole(value).label for value in self.roles if value in PoolRole.values]


class PoolRequest(models.Model):
    """An organisation or a local alliance asks the team to be put in touch with an ervaringsdeskundige."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        INTRODUCED = "voorgesteld", _("iemand voorgesteld")
        CLOSED = "gesloten", _("gesloten")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pool_requests",
        verbose_name=_("organisatie"),
    )
    alliance = models.ForeignKey(
        LocalAlliance,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pool_requests",
        verbose_name=_("lokale alliantie"),
    )
    role = models.CharField(_("welke rol?"), max_length=16, choices=PoolRole.choices)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("waar?"))
    challenge = models.ForeignKey(
        Challenge, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("opgave")
    )
    question = models.TextField(_("waarvoor zoekt u iemand?"), max_length=2000)
    when = models.CharField(_("wanneer?"), max_length=200, blank=True)
    fee_offered = models.BooleanField(_("wij bieden een vergoeding"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_note = models.TextField(_("toelichting bij sluiten"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vraag om een ervaringsdeskundige")
        verbose_name_plural = _("vragen om een ervaringsdeskundige")

    def __str__(self) -> str:
        return f"vraag {self.pk}"

    @property
    def requester_name(self) -> str:
        if self.alliance_id:
            return self.alliance.name
        return self.organisation.name if self.organisation_id else ""


class PoolIntroduction(models.Model):
    """The team proposes a person from the pool for a request. The person is asked first; only when they say yes do
    both sides get each other's contact. Four weeks later both are asked what came of it (as in the marketplace)."""

    LINK_PURPOSE = "pool-introduction"

    class Status(models.TextChoices):
        ASKED = "gevraagd", _("gevraagd aan de ervaringsdeskundige")
        DECLINED = "nee", _("past nu niet")
        INTRODUCED = "voorgesteld", _("voorgesteld")
        MET = "kennisgemaakt", _("kennisgemaakt")
        COLLABORATING = "samenwerking", _("werken samen")
        NO_MATCH = "geen-match", _("geen match")

    request = models.ForeignKey(PoolRequest, on_delete=models.CASCADE, related_name="introductions")
    member = models.ForeignKey(PoolMember, on_delete=models.CASCADE, related_name="introductions")
    message = models.TextField(_("bericht van het projectteam"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.ASKED)
    outcome = models.TextField(_("uitkomst"), max_length=2000, blank=True)
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    introduced_at = models.DateTimeField(null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kennismaking met een ervaringsdeskundige")
        verbose_name_plural = _("kennismakingen met ervaringsdeskundigen")
        constraints = [models.UniqueConstraint(fields=["request", "member"], name="one_introduction_per_person")]

    def __str__(self) -> str:
        return f"kennismaking {self.pk}"


# Who can be a member of a local alliance: partners, organisations that take part only locally, and applicants.
MEMBER_STATUSES = [
    Organisation.Status.ACTIVE,
    Organisation.Status.DORMANT,
    Organisation.Status.LOCAL,
    Organisation.Status.APPLIED,
]
