"""The shared rate limits: counted in the database (or Redis, in CI), keyed by the visitor's real address."""

import pytest
from django.test import RequestFactory

from alliantie.core import ratelimit
from alliantie.core.models import RateLimitCounter

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_it_allows_up_to_the_limit_in_a_window_and_then_refuses_with_the_time_to_wait():
    verdicts = [ratelimit.hit("test", "1.2.3.4", limit=3, window=60) for _ in range(5)]
    assert [bool(v) for v in verdicts] == [True, True, True, False, False]
    assert verdicts[-1].count == 5
    assert 1 <= verdicts[-1].retry_after <= 60
    # another subject has its own bucket
    assert ratelimit.hit("test", "5.6.7.8", limit=3, window=60)


def test_the_stored_key_holds_a_hash_not_the_address(settings):
    ratelimit.hit("test", "203.0.113.9", limit=3, window=60)
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        assert RateLimitCounter.objects.count() == 1
        assert "203.0.113.9" not in RateLimitCounter.objects.get().key


def test_reset_and_peek():
    for _ in range(3):
        ratelimit.hit("login", "a@example.org", limit=3, window=600)
    assert not ratelimit.peek("login", "a@example.org", limit=3, window=600)
    ratelimit.reset("login", "a@example.org", window=600)
    assert ratelimit.peek("login", "a@example.org", limit=3, window=600)


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("198.51.100.7", "", [], "198.51.100.7"),
        # Without trusted proxies a forwarded header is the visitor's own claim and is ignored.
        ("198.51.100.7", "1.1.1.1", [], "198.51.100.7"),
        # Behind our proxy: the address the proxy saw.
        ("10.0.0.2", "203.0.113.5", ["10.0.0.0/8"], "203.0.113.5"),
        # A visitor who sends their own X-Forwarded-For cannot choose their bucket: the proxy appends the real one.
        ("10.0.0.2", "6.6.6.6, 203.0.113.5", ["10.0.0.0/8"], "203.0.113.5"),
        # Two proxies of ours in a row.
        ("10.0.0.2", "203.0.113.5, 10.0.0.9", ["10.0.0.0/8"], "203.0.113.5"),
        ("10.0.0.2", "", ["10.0.0.0/8"], "10.0.0.2"),
        ("10.0.0.2", "niet-een-adres", ["10.0.0.0/8"], "niet-een-adres"),
    ],
)
def test_the_client_address_comes_from_trusted_proxies_only(settings, remote, forwarded, trusted, expected):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert ratelimit.client_ip(request) == expected


def test_expired_counters_are_removed():
    from datetime import timedelta

    from django.utils import timezone

    RateLimitCounter.objects.create(key="rl:oud", count=3, expires_at=timezone.now() - timedelta(seconds=1))
    RateLimitCounter.objects.create(key="rl:nieuw", count=3, expires_at=timezone.now() + timedelta(seconds=60))
    assert ratelimit.remove_expired() == 1
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["rl:nieuw"]


def test_a_visitor_asking_the_finder_too_often_gets_a_dutch_429_and_a_logged_in_person_does_not(personas, settings):
    from django.urls import reverse

    settings.VISITOR_PAGES_PER_MINUTE = 3
    visitor = personas.client("anonymous")
    answers = [visitor.get(reverse("socialmap:find"), REMOTE_ADDR="203.0.113.1").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = visitor.get(reverse("partners:directory"), {"zoek": "x"}, REMOTE_ADDR="203.0.113.2")
    assert limited.status_code == 200  # each page has its own count
    blocked = visitor.get(reverse("socialmap:find"), REMOTE_ADDR="203.0.113.1")
    assert "Even wachten" in blocked.content.decode() and 1 <= int(blocked["Retry-After"]) <= 60
    member = personas.client("member")
    assert all(member.get(reverse("socialmap:find")).status_code == 200 for _ in range(5))
