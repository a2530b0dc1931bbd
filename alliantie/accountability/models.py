"""The project team's contact log: conversations and work visits with partners."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

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
