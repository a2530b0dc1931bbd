"""The kennisbank: good practices, research, stories of lived experience, handreikingen, toolkit items and reports of
events, with attachments, consent records for stories, and curated collections."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.activities.models import Activity, TargetGroup
from alliantie.core.fields import NameField
from alliantie.core.models import Challenge, ChangeLine, Sector
from alliantie.core.validators import ChoicesList
from alliantie.events.models import Event
from alliantie.partners.models import Organisation


class ItemKind(models.TextChoices):
    GOOD_PRACTICE = "goede_praktijk", _("goede praktijk")
    RESEARCH = "onderzoek", _("onderzoek")
    STORY = "ervaringsverhaal", _("ervaringsverhaal")
    GUIDE = "handreiking", _("handreiking")
    TOOLKIT = "toolkit", _("toolkit-onderdeel")
    REPORT = "verslag", _("verslag")


class KnowledgeSource(models.TextChoices):
    """The three sources of knowledge the alliance names every time (seed 001)."""

    SCIENCE = "wetenschap", _("wetenschap")
    PRACTICE = "praktijk", _("praktijk")
    EXPERIENCE = "ervaring", _("ervaring")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("iedereen")
    PARTNERS = "partners", _("alleen partners")


class ConsentUse(models.TextChoices):
    SITE = "site", _("op de website")
    NEWSLETTER = "newsletter", _("in de nieuwsbrief")
    REPORT = "report", _("in rapportages")


validate_target_groups = ChoicesList(TargetGroup.values, _("Kies doelgroepen uit de lijst."))
validate_consent_uses = ChoicesList(ConsentUse.values, _("Kies waarvoor de toestemming geldt."), required=True)


def valid_consent(today=None) -> Exists:
    """A consent record for the item that is not withdrawn, not expired, and covers the website."""
    today = today or timezone.localdate()
    return Exists(
        Consent.objects.filter(item=OuterRef("pk"), withdrawn_at__isnull=True, uses__icontains='"site"').filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )
    )


class ItemQuerySet(models.QuerySet):
    def published(self) -> "ItemQuerySet":
        """Published, and a story only while its consent holds: no story is shown without consent."""
        return self.filter(status=Item.Status.PUBLISHED).filter(~Q(kind=ItemKind.STORY) | Q(valid_consent()))


class Item(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        IN_REVIEW = "in_review", _("ter beoordeling")
        PUBLISHED = "published", _("gepubliceerd")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    kind = models.CharField(_("soort"), max_length=20, choices=ItemKind.choices)
    knowledge_source = models.CharField(_("kennisbron"), max_length=12, choices=KnowledgeSource.choices)
    title = NameField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam in adressen"), max_length=220, unique=True)
    summary = models.TextField(
        _("samenvatting in eenvoudig Nederlands"),
        max_length=800,
        help_text=_("Taalniveau B1: korte zinnen, gewone woorden."),
    )
    body = models.TextField(_("tekst"), max_length=50_000, blank=True)
    lessons = models.TextField(_("lessen"), max_length=10_000, blank=True)
    challenges = models.ManyToManyField(
        Challenge, blank=True, related_name="knowledge_items", verbose_name=_("opgaven")
    )
    change_line = models.ForeignKey(
        ChangeLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="knowledge_items",
        verbose_name=_("verandertheorie-lijn"),
    )
    sectors = models.ManyToManyField(Sector, blank=True, related_name="knowledge_items", verbose_name=_("sectoren"))
    target_groups = models.JSONField(_("doelgroepen"), default=list, blank=True, validators=[validate_target_groups])
    author_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="knowledge_items", verbose_name=_("organisaties van de auteurs")
    )
    visibility = models.CharField(
        _("zichtbaar voor"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports", verbose_name=_("bijeenkomst")
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_items",
        verbose_name=_("activiteit"),
    )
    attachment_text = models.TextField(blank=True, editable=False)
    review_note = models.TextField(_("opmerking van het projectteam"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reden van intrekken"), max_length=2000, blank=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("kennisbank-item")
        verbose_name_plural = _("kennisbank")
        indexes = [
            models.Index(fields=["status", "visibility", "-published_at"], name="item_published"),
            models.Index(fields=["status", "submitted_at"], name="item_review_queue"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:item-detail", kwargs={"slug": self.slug})

    @property
    def target_group_labels(self) -> list[str]:
        return [TargetGroup(value).label for value in self.target_groups if value in TargetGroup.values]


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is never the uploaded one: no path tricks, no guessing other files' names.
    return f"kennisbank/{timezone.now():%Y/%m}/{instance.item_id}-{instance.token}.{instance.kind}"


class Attachment(models.Model):
    """A PDF, Word document or presentation, checked by its content; its text is extracted for the search."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=32, editable=False)
    file = models.FileField(upload_to=attachment_path, max_length=200)
    filename = NameField(_("bestandsnaam"), max_length=200)
    kind = models.CharField(_("soort bestand"), max_length=5)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(_("grootte"))
    pages = models.PositiveIntegerField(_("pagina's"), null=True, blank=True)
    text = models.TextField(blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.filename


class Link(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="links")
    title = NameField(_("titel"), max_length=200)
    url = models.URLField(_("adres"), max_length=500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title


class Consent(models.Model):
    """Who allowed a story of lived experience to be used, for what, until when, and how it was given. Withdrawing it
    unpublishes the story everywhere at once."""

    class Relation(models.TextChoices):
        NARRATOR = "narrator", _("de verteller zelf")
        PARENT = "parent", _("ouder of verzorger (voor een kind)")
        REPRESENTATIVE = "representative", _("een vertegenwoordiger")

    class Method(models.TextChoices):
        WRITTEN = "written", _("schriftelijk, ondertekend")
        EMAIL = "email", _("per e-mail")
        VERBAL = "verbal", _("mondeling, vastgelegd door het projectteam")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(
        _("gegeven door"), max_length=150, help_text=_("Een naam of omschrijving; die komt nooit op de website.")
    )
    relation = models.CharField(_("wie is dat"), max_length=16, choices=Relation.choices)
    uses = models.JSONField(_("mag gebruikt worden"), default=list, validators=[validate_consent_uses])
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True, help_text=_("Leeg: tot intrekking."))
    method = models.CharField(_("hoe gegeven"), max_length=10, choices=Method.choices)
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawal_note = models.TextField(_("toelichting bij intrekken"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self) -> str:
        return f"{self.item} – {self.get_relation_display()}"

    @property
    def is_valid(self) -> bool:
        return (
            self.withdrawn_at is None
            and ConsentUse.SITE in self.uses
            and (self.valid_until is None or self.valid_until >= timezone.localdate())
        )

    @property
    def use_labels(self) -> list[str]:
        return [ConsentUse(u).label for u in self.uses if u in ConsentUse.values]


class Collection(models.Model):
    """Items in an order the team chose: the toolkit for local alliances, the three handreikingen."""

    title = NameField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam in adressen"), max_length=220, unique=True)
    description = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    items = models.ManyToManyField(Item, through="CollectionEntry", related_name="collections")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = [Lower("title")]
        verbose_name = _("collectie")
        verbose_name_plural = _("collecties")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:collection-detail", kwargs={"slug": self.slug})


class CollectionEntry(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("onderdeel van een collectie")
        verbose_name_plural = _("onderdelen van collecties")
        constraints = [models.UniqueConstraint(fields=["collection", "item"], name="item_once_per_collection")]

    def __str__(self) -> str:
        return f"{self.collection}: {self.item}"
