"""The annual monitor: versioned questionnaires, monitor rounds with their invitations (the mail outbox),
partners' responses and answers, the team's coding of open answers, and the progress report."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core import tokens
from alliantie.core.fields import NameField
from alliantie.core.models import OutboxMessage
from alliantie.partners.models import Organisation


class Questionnaire(models.Model):
    """One version of a questionnaire. Once a round has answers its questions are fixed; changing them makes a
    new version (`previous` points back), so earlier answers keep their meaning."""

    name = NameField(_("naam"), max_length=200)
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    previous = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_versions")
    is_template = models.BooleanField(_("sjabloon"), default=False)
    description = models.TextField(_("toelichting voor partners"), blank=True, max_length=3000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = [Lower("name"), "-version"]
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")

    def __str__(self) -> str:
        return f"{self.name} (versie {self.version})"


class Section(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    title = NameField(_("titel"), max_length=200)
    intro = models.TextField(_("inleiding"), blank=True, max_length=2000)

    class Meta:
        ordering = ["questionnaire", "position"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "position"], name="section_position_unique")]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("één keuze")
        MULTIPLE = "multiple", _("meerdere keuzes")
        NUMBER = "number", _("getal")
        SHORT_TEXT = "short_text", _("korte tekst")
        LONG_TEXT = "long_text", _("lange tekst")
        LIKERT = "likert", _("schaal van 1 tot 5")
        CHALLENGES = "challenges", _("welke opgaven")
        MUNICIPALITIES = "municipalities", _("welke gemeenten")
        YES_NO = "yes_no", _("ja of nee")

    OPEN_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    key = models.SlugField(
        _("vaste code"),
        max_length=60,
        help_text=_(
            "Dezelfde code in een volgende vragenlijst betekent dezelfde vraag: antwoorden worden vergeleken "
            "en vooraf ingevuld."
        ),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    text = NameField(_("vraag"), max_length=500)
    help_text = models.CharField(_("uitleg"), max_length=500, blank=True)
    required = models.BooleanField(_("verplicht"), default=False)
    options = models.JSONField(_("keuzes"), default=list, blank=True, help_text=_("Voor één of meerdere keuzes."))
    follow_up_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("vervolgvraag op"),
        help_text=_("Alleen gesteld als op die ja/nee-vraag ja is geantwoord."),
    )
    prefill = models.CharField(
        _("vooraf invullen uit"),
        max_length=30,
        blank=True,
        choices=[
            ("", _("het antwoord van vorig jaar")),
            ("activity_challenges", _("de opgaven van de lopende activiteiten")),
            ("activity_municipalities", _("de gemeenten van de lopende activiteiten")),
            ("children_reached", _("kinderen bereikt volgens de voortgang van dit jaar")),
            ("families_reached", _("gezinnen bereikt volgens de voortgang van dit jaar")),
        ],
    )

    class Meta:
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "position"], name="question_position_unique"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


class MonitorRound(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("in voorbereiding")
        OPEN = "open", _("open")
        CLOSED = "closed", _("gesloten")

    name = NameField(_("naam"), max_length=200)
    year = models.PositiveSmallIntegerField(_("jaar"))
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("vragenlijst")
    )
    opens_on = models.DateField(_("opent op"))
    closes_on = models.DateField(_("sluit op"))
    reminder_days = models.JSONField(
        _("herinneringen, dagen voor sluiten"), default=list, blank=True, help_text=_("Bijvoorbeeld 14, 3.")
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    include_dormant = models.BooleanField(
        _("ook slapende partners uitnodigen"),
        default=False,
        help_text=_("Uit: alleen actieve partners krijgen de monitor."),
    )
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Whether RoundMember, RoundCount, AnswerCount and CodeCount hold this round (monitoring/counts.py): set when the
    # service makes the round, or when a rebuild counted it; until then its pages count the answers themselves.
    counted = models.BooleanField(default=False, editable=False)
    results_published_at = models.DateTimeField(_("samenvatting gepubliceerd op"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-year", "-opens_on"]
        verbose_name = _("monitorronde")
        verbose_name_plural = _("monitorrondes")
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")), name="round_dates_order")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("monitoring:round-detail", kwargs={"pk": self.pk})

    def accepts_answers(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and today <= self.closes_on


def new_token() -> str:
    """Only for migration 0001, which made the tokens that are no longer stored."""
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A partner invited to a round. Its mail is in the shared outbox (`mail`, made by a background task after the
    round opens); the link in it carries a token derived from the id, so no token is stored."""

    LINK_PURPOSE = "monitor-invitation"

    round = models.ForeignKey(MonitorRound, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="monitor_invitations")
    mail = models.ForeignKey(OutboxMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reminders_sent = models.JSONField(default=list, blank=True)  # days-before-closing already reminded
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", Lower("organisation__name")]
        constraints = [models.UniqueConstraint(fields=["round", "organisation"], name="invitation_unique")]

    def __str__(self) -> str:
        return f"{self.round} – {self.organisation}"

    @property
    def token(self) -> str:
        return tokens.make(self.LINK_PURPOSE, self.pk)


class Response(models.Model):
    """A partner's answers to a round: a draft until submitted once; `revision` guards against two tabs."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        SUBMITTED = "submitted", _("ingediend")

    round = models.ForeignKey(MonitorRound, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="monitor_responses")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(default=0)
    public_uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agrees_to_be_named = models.BooleanField(
        _("onze organisatie mag bij naam genoemd worden in openbare cijfers"), default=False
    )
    # A quote in the Voortgangsrapportage needs this consent, given with the answers it quotes; the name appears
    # with it only when agrees_to_be_named is also given. Withdrawing it before publication removes the quote.
    agrees_to_be_quoted = models.BooleanField(
        _("zinnen uit onze open antwoorden mogen letterlijk in de voortgangsrapportage staan"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "organisation"], name="response_unique")]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.round}"


class Answer(models.Model):
    """One value of one answer: a choice question has a row per chosen option, so the database counts them."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.CharField(max_length=100, blank=True)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True, max_length=5000)

    class Meta:
        indexes = [models.Index(fields=["question", "option"])]

    def __str__(self) -> str:
        return self.option or self.text[:40] or str(self.number)


class Code(models.Model):
    """A category the team assigns to open answers of a question ("een hoger sociaal minimum")."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="codes")
    label = NameField(_("categorie"), max_length=200)
    answers = models.ManyToManyField(Answer, blank=True, related_name="codes")

    class Meta:
        ordering = ["label"]
        constraints = [models.UniqueConstraint(fields=["question", "label"], name="code_label_unique")]

    def __str__(self) -> str:
        return self.label


class Report(models.Model):
    """A Voortgangsrapportage for a year: drafted by one team member, published after a second confirms."""

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    round = models.ForeignKey(MonitorRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports")
    introduction = models.TextField(_("inleiding"), blank=True, max_length=5000)
    highlighted_activities = models.ManyToManyField(
        "activities.Activity", blank=True, related_name="+", verbose_name=_("uitgelichte activiteiten")
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")

    def __str__(self) -> str:
        return f"Voortgangsrapportage {self.year}"


class ReportPdf(models.Model):
    """The rendered PDF of a published report, made once per version of its contents and language by a background
    job, so a visitor's download never renders it (core/jobs.py, monitoring/jobs.py)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="pdfs")
    language = models.CharField(max_length=8)
    version = models.CharField(max_length=64)
    file = models.FileField(upload_to="reports/", blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    requested_version = models.CharField(max_length=64, blank=True)
    job = models.ForeignKey("core.BackgroundJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "language"], name="one_pdf_per_report_language")]

    def __str__(self) -> str:
        return f"{self.report} ({self.language})"


# The round's counts, kept as answers arrive (monitoring/counts.py) ---------------------------------------------


class RoundMember(models.Model):
    """A partner in a round as the round's counts hold it: invited, with a mail, its response's status, whether it
    agreed to be named, and the group it was counted in (its sector, scale and province at the time, as codes), so
    a partner that moves to another sector is taken out of the old group and added to the new one."""

    round = models.ForeignKey(MonitorRound, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    sector = models.CharField(max_length=60)
    scope = models.CharField(max_length=20)
    province = models.CharField(max_length=8, blank=True)
    invited = models.BooleanField(default=False)
    mailed = models.BooleanField(default=False)
    status = models.CharField(max_length=10, blank=True)  # "", or the response's status
    named = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "organisation"], name="one_round_member")]
        indexes = [models.Index(fields=["organisation"], name="round_member_organisation")]

    def __str__(self) -> str:
        return f"{self.round_id} {self.organisation_id}"


class RoundCount(models.Model):
    """Per round and group of partners (sector, scale, province as codes; "*" for any): invited, with a mail,
    submitted, drafts."""

    round = models.ForeignKey(MonitorRound, on_delete=models.CASCADE, related_name="+")
    sector = models.CharField(max_length=60)
    scope = models.CharField(max_length=20)
    province = models.CharField(max_length=8, blank=True)
    invited = models.IntegerField(default=0)
    mailed = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)  # invited and submitted
    submitted = models.IntegerField(default=0)  # invited or not
    drafts = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "sector", "scope", "province"], name="one_round_count_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.round_id} {self.sector}/{self.scope}/{self.province}"


class AnswerCount(models.Model):
    """Per round, question, option ("" for: answered the question at all) and group of partners: the submitted
    responses with it, those that agreed to be named, and the sum and number of the numbers given."""

    round = models.ForeignKey(MonitorRound, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    option = models.CharField(max_length=100, blank=True)
    sector = models.CharField(max_length=60)
    scope = models.CharField(max_length=20)
    province = models.CharField(max_length=8, blank=True)
    n = models.IntegerField(default=0)
    named = models.IntegerField(default=0)
    number_total = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    number_count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "sector", "scope", "province", "question", "option"], name="one_answer_count"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id} {self.question_id} {self.option}: {self.n}"


class CodeCount(models.Model):
    """Per round, code of the team and group of partners: the submitted answers with that code, and those of
    partners that agreed to be named."""

    round = models.ForeignKey(MonitorRound, on_delete=models.CASCADE, related_name="+")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="+")
    sector = models.CharField(max_length=60)
    scope = models.CharField(max_length=20)
    province = models.CharField(max_length=8, blank=True)
    n = models.IntegerField(default=0)
    named = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "sector", "scope", "province", "code"], name="one_code_count")
        ]

    def __str__(self) -> str:
        return f"{self.round_id} {self.code_id}: {self.n}"
