"""Reads for the follow-up pages."""

from django.db.models.functions import Lower

from alliantie.accountability.models import ContactMoment
from alliantie.accountability.worklist import reasons_for
from alliantie.partners.models import Membership, Organisation


def contact_log(organisation: Organisation) -> dict:
    """An organisation's contacts, why it is on the worklist, and the log of the team's contact moments."""
    return {
        "organisation": organisation,
        "row": reasons_for(organisation),
        "contacts": list(
            Membership.objects.filter(organisation=organisation, role=Membership.Role.CONTACT)
            .select_related("user")
            .order_by(Lower("user__name"))
        ),
        "moments": list(
            ContactMoment.objects.filter(organisation=organisation)
            .select_related("recorded_by")
            .order_by("-happened_on", "-created_at")
        ),
    }
