"""The project team's contact log: conversations and work visits with partners."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameField
from alliantie.partners.models import Organisation


class ContactMoment(models.Model):
    class Kind(models.TextChoices):
        CONVERSATION = "conversation", _("gesprek")
        PHONE = "phone", _("telefoongesprek")
        EMAIL = "email", _("e-mail")
        WORK_VISIT = "work_visit", _("werkbezoek")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contact_moments", verbose_name=_("organisatie")
    )
    kind = models.CharField(_("soort contact"), max_length=20, choices=Kind.choices)
    happened_on = models.DateField(_("datum"))
    summary = models.TextField(_("verslag"), max_length=5000)
    follow_up_on = models.DateField(_("vervolg op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-happened_on", "-created_at"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        indexes = [models.Index(fields=["organisation", "-happened_on"], name="contact_by_organisation")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.organisation} {date_format(self.happened_on, 'DATE_FORMAT')}"


class WorklistEntry(models.Model):
    """A partner's reasons to be on the worklist as worked out for the day of the summary (see WorklistCount): the
    worklist reads these rows instead of working out every condition for every partner at each request. Kept by
    `accountability.worklist.refresh_entries`, which the services that change a partner's data call, and rebuilt
    every new day (the reasons move with the calendar)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="worklist_entry"
    )
    name = NameField(max_length=200)  # the organisation's, for the order of the list
    recently_contacted = models.BooleanField(default=False)
    reason_geen_update = models.BooleanField(default=False)
    reason_geen_voordracht = models.BooleanField(default=False)
    reason_geen_belofte = models.BooleanField(default=False)
    reason_activiteit_loopt_af = models.BooleanField(default=False)
    reason_vervolg = models.BooleanField(default=False)
    reason_geen_monitor = models.BooleanField(default=False)
    # Reasons that later apps register (worklist.register_reason), as ",code,code," so a filter can look for one.
    extra_reasons = models.CharField(max_length=500, blank=True, default="")
    on_list = models.BooleanField(default=False)  # any of the reasons
    last_contact_on = models.DateField(null=True)
    follow_up_on = models.DateField(null=True)

    class Meta:
        indexes = [
            # The list's order; the filters on the flags are checked along it, so a page reads about its own rows.
            models.Index(
                F("reason_vervolg").desc(),
                "last_contact_on",
                Lower("name"),  # names sort ignoring case, as everywhere
                "organisation",
                name="worklist_entry_order",
                condition=models.Q(on_list=True),
            )
        ]

    def __str__(self) -> str:
        return self.name


class WorklistCount(models.Model):
    """How many partners the worklist shows per reason ("" for any reason), without and with the partners spoken to
    recently; `computed_on` is the day the summary was last rebuilt for, and the worklist uses it only on that day."""

    include_recent = models.BooleanField()
    reason = models.CharField(max_length=30, blank=True)
    n = models.IntegerField(default=0)
    computed_on = models.DateField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["include_recent", "reason"], name="one_worklist_count_per_reason")
        ]

    def __str__(self) -> str:
        return f"{self.reason or '*'} {'+recent' if self.include_recent else ''}: {self.n}"
