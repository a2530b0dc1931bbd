"""The marketplace: partners' requests and offers, the field's synonyms, and introductions to their outcome."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameField
from alliantie.core.models import Challenge, Municipality, Province
from alliantie.core.validators import ChoicesList
from alliantie.partners.models import Organisation


class HelpType(models.TextChoices):
    KNOWLEDGE = "kennis", _("kennis")
    PEOPLE = "mensen", _("mensen of vrijwilligers")
    MEANS = "middelen", _("spullen of geld")
    LOCATION = "locatie", _("een locatie")
    NETWORK = "netwerk", _("netwerk en contacten")
    PILOT = "pilot", _("een pilotplek")


validate_help_types = ChoicesList(HelpType.values, _("Kies alleen soorten hulp uit de lijst."))


class Post(models.Model):
    class Kind(models.TextChoices):
        REQUEST = "request", _("vraag")
        OFFER = "offer", _("aanbod")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("gesloten")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="posts", verbose_name=_("organisatie")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=7, choices=Kind.choices)
    title = NameField(_("titel"), max_length=200)
    body = models.TextField(_("omschrijving"), max_length=5000)
    help_types = models.JSONField(_("soort hulp"), default=list, blank=True, validators=[validate_help_types])
    challenges = models.ManyToManyField(Challenge, blank=True, related_name="posts", verbose_name=_("opgaven"))
    area_municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="posts", verbose_name=_("gemeenten")
    )
    area_provinces = models.ManyToManyField(Province, blank=True, related_name="posts", verbose_name=_("provincies"))
    open_until = models.DateField(_("staat open tot"))
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(_("uitkomst"), max_length=2000, blank=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vraag of aanbod")
        verbose_name_plural = _("vragen en aanbod")
        indexes = [
            models.Index(fields=["status", "open_until", "-created_at"], name="post_open_newest"),
            models.Index(fields=["kind", "updated_at"], name="post_kind_updated_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("marketplace:post-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN and self.open_until >= timezone.localdate()


class SynonymGroup(models.Model):
    """Words the field uses for the same thing, added by the team to the list shipped with the matching."""

    terms = models.TextField(
        _("woorden"),
        max_length=1000,
        help_text=_(
            "Woorden of korte zinnen die hetzelfde betekenen, gescheiden door |, bijvoorbeeld: "
            "laptop | computer | device"
        ),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("synoniemen")
        verbose_name_plural = _("synoniemen")

    def __str__(self) -> str:
        return self.terms[:80]


def new_answer_token() -> str:
    return secrets.token_urlsafe(24)


class Introduction(models.Model):
    """Two partners introduced to each other about a post, and what came of it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        MET = "met", _("kennisgemaakt")
        COLLABORATING = "collaborating", _("werken samen")
        NO_MATCH = "no_match", _("geen match")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="introductions", verbose_name=_("vraag"))
    other_post = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("aanbod")
    )
    poster = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("van"))
    other = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("met"))
    reason = models.TextField(_("waarom"), max_length=2000)
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.PROPOSED)
    outcome = models.TextField(_("uitkomst"), max_length=2000, blank=True)
    answer_token = models.CharField(max_length=40, unique=True, default=new_answer_token, editable=False)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    created_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        constraints = [
            models.UniqueConstraint(fields=["post", "other"], name="one_introduction_per_post_and_partner"),
            models.CheckConstraint(condition=~models.Q(poster=models.F("other")), name="introduction_between_two"),
        ]

    def __str__(self) -> str:
        return f"{self.poster} ↔ {self.other}"


class DigestSubscription(models.Model):
    """A person who asked for the weekly e-mail of new posts that fit their organisation (opt-in)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    last_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("wekelijks overzicht")
        verbose_name_plural = _("wekelijkse overzichten")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_digest_per_person")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"
