"""Activities: what a partner concretely does (the "A4"), tagged with opgaven and a 3V line, and its progress."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameField
from alliantie.core.models import Challenge, ChangeLine, Municipality
from alliantie.core.validators import ChoicesList
from alliantie.partners.models import Organisation


class TargetGroup(models.TextChoices):
    CHILDREN_0_4 = "children_0_4", _("kinderen 0-4 jaar")
    CHILDREN_4_12 = "children_4_12", _("kinderen 4-12 jaar")
    CHILDREN_12_18 = "children_12_18", _("jongeren 12-18 jaar")
    YOUNG_ADULTS = "young_adults", _("jongvolwassenen 18-23 jaar")
    PARENTS = "parents", _("ouders en verzorgers")
    PROFESSIONALS = "professionals", _("professionals")


class Involvement(models.TextChoices):
    """How lived-experience experts, children or parents take part: no activity without lived experience."""

    CO_DESIGNED = "co_designed", _("samen ontworpen")
    CONSULTED = "consulted", _("geraadpleegd")
    NOT_YET = "not_yet", _("nog niet")


validate_target_groups = ChoicesList(TargetGroup.values, _("Kies een of meer doelgroepen uit de lijst."), required=True)


class Activity(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="activities")
    title = NameField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=5000)
    challenges = models.ManyToManyField(Challenge, related_name="activities", verbose_name=_("opgaven"))
    change_line = models.ForeignKey(
        ChangeLine, on_delete=models.PROTECT, related_name="activities", verbose_name=_("verandertheorie-lijn")
    )
    target_groups = models.JSONField(_("doelgroepen"), default=list, validators=[validate_target_groups])
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="activities", verbose_name=_("gemeenten")
    )
    planned_children = models.PositiveIntegerField(_("beoogd aantal kinderen"), null=True, blank=True)
    planned_families = models.PositiveIntegerField(_("beoogd aantal gezinnen"), null=True, blank=True)
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"), null=True, blank=True)
    co_partners = models.ManyToManyField(
        Organisation, blank=True, related_name="co_activities", verbose_name=_("samen met")
    )
    involvement = models.CharField(
        _("betrokkenheid van ervaringsdeskundigen"), max_length=12, choices=Involvement.choices
    )
    involvement_explanation = models.TextField(_("toelichting op de betrokkenheid"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", Lower("title")]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        indexes = [models.Index(fields=["updated_at"], name="activity_updated_at")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:activity-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("De einddatum ligt voor de begindatum.")})

    @property
    def target_group_labels(self) -> list[str]:
        return [TargetGroup(value).label for value in self.target_groups if value in TargetGroup.values]


class ProgressUpdate(models.Model):
    """A dated report of what an activity reached."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="progress_updates")
    reported_on = models.DateField(_("datum"))
    children_reached = models.PositiveIntegerField(_("kinderen bereikt"), null=True, blank=True)
    families_reached = models.PositiveIntegerField(_("gezinnen bereikt"), null=True, blank=True)
    note = models.TextField(_("wat is er gebeurd?"), max_length=3000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-reported_on", "-created_at"]
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")

    def __str__(self) -> str:
        return f"{self.activity} – {self.reported_on}"


class YearFigure(models.Model):
    """A figure of one year that the monitor's results and the Voortgangsrapportage show, kept by the services that
    change activities and progress (activities/figures.py): for all activities ("total", `key` "0"), per opgave
    (`kind` "challenge", `key` its id) and per 3V line ("line") the children and families reached by the progress of
    that year and the partners behind it; per
    kind of involvement ("involvement") the activities running that year. The row with `kind` "" marks a counted
    year."""

    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, blank=True)
    key = models.CharField(max_length=20, blank=True)
    children = models.BigIntegerField(default=0)
    families = models.BigIntegerField(default=0)
    partners = models.IntegerField(default=0)
    activities = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "kind", "key"], name="one_year_figure")]

    def __str__(self) -> str:
        return f"{self.year} {self.kind} {self.key}"
