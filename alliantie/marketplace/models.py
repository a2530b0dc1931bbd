"""The marketplace: partners' requests and offers, the field's synonyms, and introductions to their outcome."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core import tokens
from alliantie.core.fields import NameField
from alliantie.core.models import Challenge, Municipality, Province
from alliantie.core.validators import ChoicesList
from alliantie.partners.models import Membership, Organisation


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
    """Only for migration 0001, which made the tokens that are no longer stored."""
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
    message = models.TextField(_("persoonlijk bericht"), max_length=2000, blank=True)
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.PROPOSED)
    outcome = models.TextField(_("uitkomst"), max_length=2000, blank=True)
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

    LINK_PURPOSE = "introduction-answer"

    @property
    def answer_token(self) -> str:
        """The key in the follow-up mail's answer links, derived from the id (never stored)."""
        return tokens.make(self.LINK_PURPOSE, self.pk)


class DigestSubscription(models.Model):
    """A person who asked for the weekly e-mail of new posts that fit their organisation (opt-in). It belongs to
    the membership: when the person leaves the organisation, the subscription goes with it."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="digest")
    last_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("wekelijks overzicht")
        verbose_name_plural = _("wekelijkse overzichten")

    def __str__(self) -> str:
        return str(self.membership)


class MatchingIndex(models.Model):
    """A built matching index (offers, requests or partners), stored where every app server reads it. A background
    task builds it when its data changed (`data_version`); pages use the last one built."""

    name = models.CharField(max_length=20, unique=True)
    data_version = models.CharField(max_length=200)
    rebuild_requested_for = models.CharField(max_length=200, blank=True)
    built_at = models.DateTimeField()
    payload = models.BinaryField()

    class Meta:
        verbose_name = _("matching-index")
        verbose_name_plural = _("matching-indexen")

    def __str__(self) -> str:
        return f"{self.name} ({self.built_at:%Y-%m-%d %H:%M})"
