"""A partner's reporting status, readable at a glance like the traffic light of the UN partnership registries."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.partners.models import Organisation


class ReportingStatus(models.TextChoices):
    NEW = "new", _("nieuw, nog niets gemeld")
    UP_TO_DATE = "up_to_date", _("actueel")
    DUE = "due", _("update nodig")
    OVERDUE = "overdue", _("achterstallig")
    INACTIVE = "inactive", _("inactief")


@dataclass(frozen=True)
class Reporting:
    status: ReportingStatus
    last_report_on: date | None  # the last new activity or progress update; None when there is none

    @property
    def label(self) -> str:
        return self.status.label

    @property
    def css_class(self) -> str:
        return f"reporting--{self.status.value.replace('_', '-')}"


def reporting_status(organisation: Organisation, today: date | None = None) -> Reporting | None:
    """The traffic light of one organisation, without a query; None when it is not a partner (applicant, ended).

    The days since its last report (the day it joined, when it has none) against `REPORTING_STATUS_DAYS`;
    a dormant partner is inactive."""
    if not organisation.is_partner:
        return None
    last_report_on = timezone.localdate(organisation.last_reported_at) if organisation.last_reported_at else None
    if organisation.status == Organisation.Status.DORMANT:
        return Reporting(ReportingStatus.INACTIVE, last_report_on)
    today = today or timezone.localdate()
    days = (today - (last_report_on or organisation.joined_on or today)).days
    limits = settings.REPORTING_STATUS_DAYS
    if days < limits["due"]:
        # A partner that joined recently and reported nothing yet is new, not "up to date".
        status = ReportingStatus.UP_TO_DATE if last_report_on else ReportingStatus.NEW
    elif days < limits["overdue"]:
        status = ReportingStatus.DUE
    elif days < limits["inactive"]:
        status = ReportingStatus.OVERDUE
    else:
        status = ReportingStatus.INACTIVE
    return Reporting(status, last_report_on)
