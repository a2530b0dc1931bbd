"""An organisation's history as people read it: the audit entries about it, its pledge, invitations and activities.

Reads activities through the reverse relation only, so this app does not import a later one."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from alliantie.core.models import AuditEntry
from alliantie.partners.models import Invitation, Organisation, Pledge

PAGE_SIZE = 50

ACTION_LABELS = {
    "organisation.applied": _("Aangemeld als partner"),
    "organisation.approved": _("Aanmelding goedgekeurd"),
    "organisation.declined": _("Aanmelding afgewezen"),
    "organisation.status": _("Status gewijzigd"),
    "organisation.changed": _("Profiel gewijzigd"),
    "organisation.imported": _("Aangemaakt met een import"),
    "organisation.import_updated": _("Bijgewerkt met een import"),
    "pledge.signed": _("Belofte ondertekend"),
    "invitation.created": _("Collega uitgenodigd"),
    "invitation.accepted": _("Uitnodiging aangenomen"),
    "membership.removed": _("Medewerker verwijderd"),
    "membership.made_contact": _("Nieuwe contactpersoon"),
    "nomination.created": _("Nieuwe partner voorgedragen"),
    "activity.created": _("Activiteit toegevoegd"),
    "activity.changed": _("Activiteit gewijzigd"),
    "activity.progress": _("Voortgang gemeld"),
    "contact.recorded": _("Contactmoment vastgelegd"),
}

DETAIL_LABELS = {
    "previous": _("van"),
    "status": _("naar"),
    "since": _("met ingang van"),
    "reason": _("reden"),
    "message": _("bericht"),
    "fields": _("gegevens"),
    "email": _("e-mailadres"),
    "role": _("rol"),
    "nominee": _("voorgedragen organisatie"),
    "version": _("versie van de tekst"),
    "reported_on": _("datum"),
    "kind": _("soort"),
    "happened_on": _("datum"),
}
STATUS_LABELS = dict(Organisation.Status.choices)


@dataclass
class HistoryLine:
    entry: AuditEntry
    label: str
    details: list[tuple[str, str]]


def _readable(key: str, value: object) -> str:
    if key in ("previous", "status") and value in STATUS_LABELS:
        return str(STATUS_LABELS[value])
    if key in ("since", "reported_on", "happened_on") and isinstance(value, str):
        try:
            return date_format(date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def describe(entry: AuditEntry) -> HistoryLine:
    details = [
        (str(DETAIL_LABELS[key]), _readable(key, value))
        for key, value in entry.data.items()
        if key in DETAIL_LABELS and value not in ("", None, [])
    ]
    return HistoryLine(entry=entry, label=str(ACTION_LABELS.get(entry.action, entry.action)), details=details)


def organisation_history(organisation: Organisation, page_number: object) -> Page:
    """One page of what happened to the organisation, newest first; three queries."""

    def about(model, ids) -> Q:
        return Q(target_type=model._meta.label_lower, target_id__in=[str(pk) for pk in ids])

    activity_model = Organisation._meta.get_field("activities").related_model
    related = (
        about(Organisation, [organisation.pk])
        | about(Pledge, Pledge.objects.filter(organisation=organisation).values_list("pk", flat=True))
        | about(Invitation, Invitation.objects.filter(organisation=organisation).values_list("pk", flat=True))
        | about(activity_model, organisation.activities.values_list("pk", flat=True))
    )
    entries = AuditEntry.objects.filter(related).select_related("actor").order_by("-created_at", "-pk")
    page = Paginator(entries, PAGE_SIZE).get_page(page_number)
    page.object_list = [describe(entry) for entry in page.object_list]
    return page
