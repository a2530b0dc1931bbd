"""Reads for the partner pages."""

from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone

from alliantie.accounts.models import User, hash_token
from alliantie.core.models import Challenge, ChangeLine, Province, Scope, Sector
from alliantie.partners import permissions
from alliantie.partners.models import Invitation, Membership, Nomination, Organisation, Pledge, PledgeText
from alliantie.partners.reporting import reporting_status


def contact_emails(organisation: Organisation) -> list[str]:
    """The e-mail addresses of an organisation's contact persons (active accounts only)."""
    return contact_emails_of([organisation.pk]).get(organisation.pk, [])


def contact_emails_of(organisation_ids: list[int]) -> dict[int, list[str]]:
    """The contact persons' addresses of many organisations in one query, by organisation id."""
    found: dict[int, list[str]] = {}
    rows = (
        Membership.objects.filter(
            organisation_id__in=organisation_ids, role=Membership.Role.CONTACT, user__is_active=True
        )
        .order_by("organisation_id", "user__email")
        .values_list("organisation_id", "user__email")
    )
    for organisation_id, email in rows:
        found.setdefault(organisation_id, []).append(email)
    return found


MAIL_PREVIEW_SAMPLE = 10


def mail_preview(organisation_ids) -> dict:
    """Who a mail to many organisations reaches, for the page that asks to confirm it: the number of
    organisations and of addresses, how many have no contact person, and a sample with their addresses.
    `organisation_ids` is a query of ids; three queries whatever its size."""
    # 1: organisations and addresses counted in the database
    contacts = Membership.objects.filter(
        organisation_id__in=organisation_ids, role=Membership.Role.CONTACT, user__is_active=True
    )
    counts = contacts.aggregate(
        organisations=models.Count("organisation_id", distinct=True),
        addresses=models.Count("user__email", distinct=True),
    )
    # 2: all organisations, for the number without a contact
    total = Organisation.objects.filter(pk__in=organisation_ids).count()
    # 3: the sample, in alphabetical order
    sample_ids = list(
        Organisation.objects.filter(pk__in=organisation_ids)
        .order_by(Lower("name"))
        .values_list("pk", "name")[:MAIL_PREVIEW_SAMPLE]
    )
    emails = contact_emails_of([pk for pk, _name in sample_ids])
    return {
        "organisations": total,
        "addresses": counts["addresses"],
        "without_contact": total - counts["organisations"],
        "sample": [(name, emails.get(pk, [])) for pk, name in sample_ids],
    }


def my_memberships(user) -> list[Membership]:
    """The organisations a person belongs to, with their role in each."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("organisation", "organisation__sector", "organisation__scope")
        .order_by(Lower("organisation__name"))
    )


def organisation_members(user, organisation: Organisation) -> dict:
    """Members of an organisation and, for those who manage it, the open invitations."""
    # 1: memberships with their users
    members = list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-role", Lower("user__name"))
    )
    contacts = sum(m.role == Membership.Role.CONTACT for m in members)
    for membership in members:
        # the only contact person cannot leave before handing the role over: no button that would only say so
        membership.removable = not (membership.role == Membership.Role.CONTACT and contacts == 1)
    can_manage = permissions.can_manage_members(user, organisation)
    invitations = []
    if can_manage:
        # 2: open invitations
        invitations = list(
            Invitation.objects.filter(
                organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
            ).select_related("invited_by", "mail")
        )
    return {
        "organisation": organisation,
        "members": members,
        "invitations": invitations,
        "can_manage": can_manage,
        "has_pledge": getattr(organisation, "pledge", None) is not None,  # loaded with the organisation
        # whoever may see this page (permissions.can_see_members) may see the traffic light too
        "reporting": reporting_status(organisation),
    }


def partner_count() -> int:
    """How many organisations are partner today."""
    return Organisation.objects.partners().count()


def account_exists(email: str) -> bool:
    """Whether someone already has an account with this address."""
    return User.objects.filter(email=email).exists()


def pledge_page(user, organisation: Organisation) -> dict:
    """The pledge text to sign, or the signed pledge, and whether this user may sign."""
    pledge = Pledge.objects.select_related("text_version").filter(organisation=organisation).first()
    text = pledge.text if pledge else PledgeText.objects.order_by("-version").values_list("text", flat=True).first()
    membership = permissions.membership_of(user, organisation)
    return {
        "organisation": organisation,
        "pledge": pledge,
        "paragraphs": pledge_paragraphs(text or ""),
        "can_sign": pledge is None and membership is not None and membership.role == Membership.Role.CONTACT,
    }


def pledge_paragraphs(text: str) -> list[dict]:
    """The pledge text as paragraphs and lists, for the page and the PDF."""
    blocks: list[dict] = []
    for line in text.splitlines():
        if line.startswith("- "):
            if not blocks or blocks[-1]["kind"] != "list":
                blocks.append({"kind": "list", "items": []})
            blocks[-1]["items"].append(line[2:])
        elif line.strip():
            blocks.append({"kind": "paragraph", "text": line})
    return blocks


def signed_pledge(organisation: Organisation) -> Pledge:
    """The organisation's signed pledge, or 404."""
    pledge = Pledge.objects.select_related("organisation", "text_version").filter(organisation=organisation).first()
    if pledge is None:
        raise Http404
    return pledge


def open_applications() -> list[Organisation]:
    """Applications waiting for a decision, oldest first, with whether the pledge is signed."""
    return list(
        Organisation.objects.filter(status=Organisation.Status.APPLIED)
        .select_related("sector", "scope", "municipality", "pledge")
        .order_by("created_at")
    )


def application_detail(organisation: Organisation) -> dict:
    """Everything the team needs to decide on an application."""
    return {
        "organisation": organisation,
        "pledge": Pledge.objects.filter(organisation=organisation).first(),
        "area_municipalities": list(organisation.area_municipalities.order_by(Lower("name"))),
        "area_provinces": list(organisation.area_provinces.order_by(Lower("name"))),
        "contacts": list(
            Membership.objects.filter(organisation=organisation, role=Membership.Role.CONTACT).select_related("user")
        ),
    }


def directory_choices() -> dict:
    """The values the directory can be filtered on, in their order."""
    return {
        "sectors": list(Sector.objects.order_by("order", Lower("name"))),
        "scopes": list(Scope.objects.order_by("order")),
        "challenges": list(Challenge.objects.order_by("number")),
        "change_lines": list(ChangeLine.objects.order_by("order")),
        "provinces": list(Province.objects.order_by(Lower("name"))),
    }


def query_without(params, *names: str) -> str:
    """The current query string without some parameters, for links that change only those."""
    kept = params.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()


def organisation_profile(user, organisation: Organisation) -> dict:
    """An organisation's public profile with its area and the public part of its activities; the reporting status
    for those who may see it, else only the day of the last report."""
    activities = list(
        organisation.activities.select_related("change_line")
        .prefetch_related(Prefetch("challenges", queryset=Challenge.objects.order_by("number")))
        .order_by("-starts_on", Lower("title"))
    )
    return {
        "organisation": organisation,
        "pledge": getattr(organisation, "pledge", None),
        "area_municipalities": list(organisation.area_municipalities.order_by(Lower("name"))),
        "area_provinces": list(organisation.area_provinces.order_by(Lower("name"))),
        "activities": activities,
        **reporting_context(user, organisation),
    }


def reporting_context(user, organisation: Organisation) -> dict:
    """`reporting` (the traffic light) for the team and the partner itself; `last_report_on` for everyone."""
    reporting = reporting_status(organisation)
    return {
        "reporting": reporting if permissions.can_see_reporting_status(user, organisation) else None,
        "last_report_on": reporting.last_report_on if reporting else None,
    }


def nominations_of(organisation: Organisation) -> list[Nomination]:
    """The organisations this partner proposed, and which of them joined."""
    return list(
        Nomination.objects.filter(nominated_by=organisation)
        .select_related("joined_organisation")
        .order_by("-created_at")
    )


def find_open_invitation(raw_token: str) -> Invitation | None:
    """The invitation for a link's token if it is still usable."""
    invitation = Invitation.objects.select_related("organisation").filter(token_hash=hash_token(raw_token)).first()
    return invitation if invitation is not None and invitation.is_open else None


def current_pledge_text() -> PledgeText:
    """The newest version of the pledge text, the one new partners sign."""
    return PledgeText.objects.order_by("-version").first()


def find_nomination(raw_token: str) -> Nomination | None:
    """The open nomination behind an application link, if any."""
    if not raw_token or len(raw_token) > 100:
        return None
    return (
        Nomination.objects.select_related("nominated_by")
        .filter(token_hash=hash_token(raw_token), joined_organisation__isnull=True)
        .first()
    )
