"""Links in the agenda's mails and the personal calendar feed: a signed id, so a link works only with the server's
secret key and the database alone gives nobody a working link (a stolen backup cannot cancel anyone's place)."""

from django.core import signing
from django.urls import reverse

from alliantie.events.models import PersonalFeed, Registration

_REGISTRATION = signing.Signer(salt="alliantie.events.registration")
_FEED = signing.Signer(salt="alliantie.events.feed")


def registration_token(registration: Registration) -> str:
    return _REGISTRATION.sign(registration.public_id.hex)


def registration_id_from(token: str) -> str | None:
    """The registration's public id in a token, or None when the token was not made by us."""
    try:
        value = _REGISTRATION.unsign(token[:200])
    except signing.BadSignature:
        return None
    return value if len(value) == 32 else None


def manage_url(registration: Registration) -> str:
    return reverse("events:registration-manage", kwargs={"token": registration_token(registration)})


def confirm_url(registration: Registration) -> str:
    return reverse("events:registration-confirm", kwargs={"token": registration_token(registration)})


def checkin_url(registration: Registration) -> str:
    return reverse("events:checkin-scan", kwargs={"slug": registration.event.slug, "code": registration.checkin_code})


def feed_token(feed: PersonalFeed) -> str:
    return _FEED.sign(feed.key.hex)


def feed_key_from(token: str) -> str | None:
    try:
        value = _FEED.unsign(token[:200])
    except signing.BadSignature:
        return None
    return value if len(value) == 32 else None
