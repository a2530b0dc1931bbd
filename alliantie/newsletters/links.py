"""The links in newsletter mail. None is stored: each is made with the server's secret, so a copy of the database opens
nothing, and a changed character makes a link that is refused.

- The subscriber's own link (unsubscribe, preferences) is `<id>-<HMAC>` (core/tokens.py): it keeps working in every
  mail they ever got, as RFC 8058 expects of a one-click address.
- The confirmation link of the double opt-in carries the id and a nonce with a timestamp: it expires after
  NEWSLETTER_CONFIRM_HOURS, and works once (the nonce is emptied when used).
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from alliantie.core import tokens
from alliantie.newsletters.models import Subscriber

PURPOSE = "newsletter-subscriber"
_CONFIRM = signing.TimestampSigner(salt="alliantie.newsletters.confirm")


class LinkExpired(Exception):
    """A genuine confirmation link that is too old."""


def subscriber_token(subscriber: Subscriber) -> str:
    return tokens.make(PURPOSE, subscriber.pk)


def subscriber_id_from(token: str) -> int | None:
    return tokens.read(PURPOSE, token)


def confirm_token(subscriber: Subscriber) -> str:
    return _CONFIRM.sign(f"{subscriber.pk}.{subscriber.confirm_nonce}")


def confirm_parts(token: str) -> tuple[int, str] | None:
    """(subscriber id, nonce) of a genuine confirmation link; None for one we did not make. Raises LinkExpired."""
    try:
        value = _CONFIRM.unsign(token[:200], max_age=settings.NEWSLETTER_CONFIRM_HOURS * 3600)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        return None
    pk, _, nonce = value.partition(".")
    return (int(pk), nonce) if pk.isdigit() and len(pk) < 19 else None


def site(base_url: str | None = None) -> str:
    return (base_url or settings.SITE_URL).rstrip("/")


def unsubscribe_url(subscriber: Subscriber, base_url: str | None = None) -> str:
    """The one-click address (RFC 8058): a POST unsubscribes, a GET shows the button."""
    return site(base_url) + reverse("newsletters:unsubscribe", kwargs={"token": subscriber_token(subscriber)})


def preferences_url(subscriber: Subscriber, base_url: str | None = None) -> str:
    return site(base_url) + reverse("newsletters:preferences", kwargs={"token": subscriber_token(subscriber)})


def confirm_url(subscriber: Subscriber, base_url: str | None = None) -> str:
    return site(base_url) + reverse("newsletters:confirm", kwargs={"token": confirm_token(subscriber)})
