"""Reads for the partner pages."""

from django.utils import timezone

from alliantie.accounts.models import User
from alliantie.partners import permissions
from alliantie.partners.models import Invitation, Membership, Organisation


def my_memberships(user) -> list[Membership]:
    """The organisations a person belongs to, with their role in each."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("organisation", "organisation__sector", "organisation__scope")
        .order_by("organisation__name")
    )


def organisation_members(user, organisation: Organisation) -> dict:
    """Members of an organisation and, for those who manage it, the open invitations."""
    # 1: memberships with their users
    members = list(
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("-role", "user__name")
    )
    can_manage = permissions.can_manage_members(user, organisation)
    invitations = []
    if can_manage:
        # 2: open invitations
        invitations = list(
            Invitation.objects.filter(
                organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
            ).select_related("invited_by")
        )
    return {
        "organisation": organisation,
        "members": members,
        "invitations": invitations,
        "can_manage": can_manage,
    }


def partner_count() -> int:
    """How many organisations are partner today."""
    return Organisation.objects.partners().count()


def account_exists(email: str) -> bool:
    """Whether someone already has an account with this address."""
    return User.objects.filter(email=email).exists()
