"""Who may do what with the newsletter. The only place that decides it for this app.

Anyone subscribes, reads the archive and follows its feed. A subscriber changes their own subscription through the
personal link in every mail (no login), or from their account. The project team composes, sends and sees subscribers
and held addresses; everyone else who is logged in gets 403 there, and an edition that is not in the archive is 404 for
anyone but the team."""

import hmac

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404

from alliantie.accounts.permissions import is_project_team
from alliantie.newsletters import links
from alliantie.newsletters.models import AddressHold, Block, Edition, Subscriber


def can_manage_newsletter(user) -> bool:
    """The project team composes and sends editions and looks after subscribers and bounces."""
    return is_project_team(user)


def require_team(user) -> None:
    """403 for everyone who may not manage the newsletter."""
    if not can_manage_newsletter(user):
        raise PermissionDenied


def get_edition_for_user(user, pk: int) -> Edition:
    """An edition to compose or send: for the team (403 for everyone else, 404 for an unknown one)."""
    require_team(user)
    edition = Edition.objects.select_related("prepared_by", "confirmed_by", "job").filter(pk=pk).first()
    if edition is None:
        raise Http404
    return edition


def get_block_for_user(user, edition: Edition, block_pk: int) -> Block:
    """A block of an edition the team composes (404 when it is not one of its blocks)."""
    require_team(user)
    block = edition.blocks.filter(pk=block_pk).first()
    if block is None:
        raise Http404
    block.edition = edition
    return block


def can_confirm_edition(user, edition: Edition) -> bool:
    """An edition to every subscriber is confirmed by a second team member, not the one who prepared it."""
    return (
        can_manage_newsletter(user)
        and edition.status == Edition.Status.AWAITING
        and edition.prepared_by_id is not None
        and edition.prepared_by_id != user.pk
    )


def get_public_edition(number: int) -> Edition:
    """A sent edition in the archive, for everyone; anything else is 404."""
    edition = Edition.objects.filter(number=number, status=Edition.Status.SENT).first()
    if edition is None:
        raise Http404
    return edition


def get_subscriber_for_token(token: str) -> Subscriber | None:
    """The subscriber a personal link belongs to; None for a link we did not make (or whose subscriber is gone)."""
    pk = links.subscriber_id_from(token)
    if pk is None:
        return None
    return Subscriber.objects.select_related("sector").filter(pk=pk).first()


def get_subscriber_for_confirmation(token: str) -> tuple[Subscriber | None, str]:
    """The subscriber and nonce of a confirmation link; (None, "") for a link we did not make. Raises
    links.LinkExpired for a genuine link that is too old."""
    parts = links.confirm_parts(token)
    if parts is None:
        return None, ""
    pk, nonce = parts
    return Subscriber.objects.filter(pk=pk).first(), nonce


def own_subscriber(user) -> Subscriber | None:
    """A logged-in person's own subscription: the one made from their account, or the one for their address."""
    if not user.is_authenticated:
        return None
    found = Subscriber.objects.filter(user=user).select_related("sector").first()
    return found or Subscriber.objects.filter(email=user.email.lower()).select_related("sector").first()


def get_hold_for_user(user, pk: int) -> AddressHold:
    """A current hold of an address, for the team: 403 for others, 404 if unknown."""
    require_team(user)
    hold = AddressHold.objects.current().filter(pk=pk).first()
    if hold is None:
        raise Http404
    return hold


def webhook_is_on() -> bool:
    """The bounce webhook answers only when its secret is set."""
    return bool(settings.BOUNCE_WEBHOOK_SECRET)


def webhook_caller_is_trusted(authorization: str) -> bool:
    """The mail provider proves itself with the shared secret as a Bearer token (compared in constant time)."""
    scheme, _, secret = authorization.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        secret.strip().encode(), settings.BOUNCE_WEBHOOK_SECRET.encode()
    )
