"""Every write to the contact log."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliantie.accountability.models import ContactMoment
from alliantie.accounts.models import User
from alliantie.core import audit, summaries
from alliantie.partners.models import Organisation


@transaction.atomic
def record_contact(
    *,
    organisation: Organisation,
    recorded_by: User,
    kind: str,
    happened_on: date,
    summary: str,
    follow_up_on: date | None = None,
) -> ContactMoment:
    """Record a conversation, call, e-mail or work visit with a partner, and when to follow it up."""
    today = timezone.localdate()
    if happened_on > today:
        raise ValidationError(
            {"happened_on": _("De datum ligt in de toekomst. Leg een contact vast als het is geweest.")}
        )
    if follow_up_on and follow_up_on <= happened_on:
        raise ValidationError({"follow_up_on": _("Het vervolg moet na de datum van dit contact liggen.")})
    moment = ContactMoment(
        organisation=organisation,
        kind=kind,
        happened_on=happened_on,
        summary=summary.strip(),
        follow_up_on=follow_up_on,
        recorded_by=recorded_by,
    )
    moment.full_clean()
    moment.save()
    audit.record(
        actor=recorded_by,
        action="contact.recorded",
        target=organisation,
        kind=moment.get_kind_display(),
        happened_on=happened_on.isoformat(),
    )
    summaries.organisations_changed([organisation.pk])
    return moment
