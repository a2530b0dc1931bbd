"""Plain helpers for the newsletter's tests."""

import itertools
import re

from django.utils import timezone

from alliantie.core import consent
from alliantie.core.models import PersonalConsent
from alliantie.newsletters.models import Edition, Subscriber

_counter = itertools.count(1)


def make_subscriber(email: str = "", *, active: bool = True, challenges=(), provinces=(), sector=None, user=None):
    """A subscriber; active ones have a confirmed newsletter consent, as after the double opt-in."""
    email = email or f"lezer{next(_counter)}@example.org"
    now = timezone.now()
    subscriber = Subscriber.objects.create(
        email=email, user=user, confirmed_at=now if active else None, confirm_nonce="" if active else "abc"
    )
    subscriber.challenges.set(challenges)
    subscriber.provinces.set(provinces)
    if sector is not None:
        subscriber.sector = sector
        subscriber.save()
    consent.give(
        email=email,
        purpose=PersonalConsent.Purpose.NEWSLETTER,
        text="test",
        method=consent.Method.FORM,
        confirmed=active,
    )
    return subscriber


def make_edition(created_by=None, **overrides) -> Edition:
    fields = {"title": "Nieuws van de alliantie", "intro": "Beste lezer,", "period_start": timezone.now()} | overrides
    return Edition.objects.create(created_by=created_by, **fields)


def link(body: str, pattern: str) -> str:
    """The first address in a mail body whose path matches `pattern`."""
    return re.search(rf"https?://[^/\s]+({pattern})", body).group(1)
