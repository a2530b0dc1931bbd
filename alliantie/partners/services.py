"""Every write to organisations, memberships and invitations."""

import logging
import secrets
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alliantie.accounts.models import User, hash_token
from alliantie.core import audit
from alliantie.partners.models import Invitation, Membership, Organisation

logger = logging.getLogger(__name__)


def invitation_link(*, base_url: str, raw_token: str) -> str:
    return base_url.rstrip("/") + reverse("partners:invitation-accept", kwargs={"token": raw_token})


@transaction.atomic
def invite_member(*, organisation: Organisation, email: str, role: str, invited_by: User, base_url: str) -> Invitation:
    """Invite someone by e-mail; an earlier open invitation for the same address is replaced."""
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email=email).exists():
        raise ValidationError({"email": _("Deze persoon hoort al bij %(org)s.") % {"org": organisation.name}})
    Invitation.objects.filter(organisation=organisation, email=email, accepted_at__isnull=True).delete()
    raw = secrets.token_urlsafe(32)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=hash_token(raw),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit.record(actor=invited_by, action="invitation.created", target=invitation, email=email, role=role)
    link = invitation_link(base_url=base_url, raw_token=raw)
    transaction.on_commit(lambda: send_invitation_mail(invitation=invitation, link=link))
    return invitation


def send_invitation_mail(*, invitation: Invitation, link: str) -> bool:
    """Send the invitation; a mail server that is down is logged, and the contact can send it again."""
    context = {"invitation": invitation, "link": link, "valid_days": settings.INVITATION_VALID_DAYS}
    try:
        send_mail(
            subject=_("Uitnodiging: doe mee met %(org)s op Alliantie Kinderarmoede")
            % {"org": invitation.organisation.name},
            message=render_to_string("partners/email/invitation.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
    except (smtplib.SMTPException, OSError):
        logger.exception("Invitation mail to invitation %s could not be sent", invitation.pk)
        return False
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return True


def find_open_invitation(raw_token: str) -> Invitation | None:
    """The invitation for a link's token if it is still usable."""
    invitation = Invitation.objects.select_related("organisation").filter(token_hash=hash_token(raw_token)).first()
    return invitation if invitation is not None and invitation.is_open else None


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """Join the organisation; the invitation is used up, even when the person was already a member."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise ValidationError(_("Deze uitnodiging is al gebruikt of verlopen. Vraag de contactpersoon om een nieuwe."))
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=locked.organisation, defaults={"role": locked.role}
    )
    if not created and locked.role == Membership.Role.CONTACT and membership.role != Membership.Role.CONTACT:
        membership.role = Membership.Role.CONTACT
        membership.save(update_fields=["role"])
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(actor=user, action="invitation.accepted", target=locked)
    return membership


@transaction.atomic
def register_and_accept_invitation(*, invitation: Invitation, name: str, password: str) -> User:
    """Create the account for an invited address and join the organisation in one step."""
    if User.objects.filter(email=invitation.email).exists():
        raise ValidationError(_("Er is al een account met dit e-mailadres. Log in om de uitnodiging aan te nemen."))
    user = User.objects.create_user(email=invitation.email, password=password, name=name)
    accept_invitation(invitation=invitation, user=user)
    return user
