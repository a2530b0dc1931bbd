"""Rate limits shared by every app server: counters live in Redis (atomic INCR) when that is the cache, otherwise in
a database table updated with one atomic upsert, never in a process's memory. A subject (an address, an account)
is stored only as a hash. The client's address comes from `client_ip`, which trusts X-Forwarded-For only from the
proxies listed in TRUSTED_PROXIES, so behind a load balancer every visitor still has their own bucket.
"""

import hashlib
import ipaddress
import logging
import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache as memoise
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core.models import RateLimitCounter

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    limit: int
    retry_after: int  # seconds until the window ends

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def unavailable(self) -> bool:
        """Refused because the counters could not be reached (not because of the count)."""
        return not self.allowed and self.count == 0


UNAVAILABLE_MESSAGE = _("Dit kan op dit moment even niet. Probeer het over een paar minuten opnieuw.")


def hit(scope: str, subject: str, *, limit: int, window: int, fail_closed: bool = True) -> Verdict:
    """Count one attempt of `subject` in `scope`; allowed while at most `limit` attempts fell in the current window
    of `window` seconds. When the counter store cannot be reached the answer is `not fail_closed`: writes are
    refused, reads may go on."""
    key, retry_after = _window_key(scope, subject, window)
    try:
        count = _increment(key, window, retry_after)
    except Exception as error:  # noqa: BLE001 - whatever the store's client raises (Redis, the database)
        logger.warning("Rate limit store unavailable for %s: %s", scope, error)
        return Verdict(not fail_closed, 0, limit, retry_after)
    return Verdict(count <= limit, count, limit, retry_after)


def peek(scope: str, subject: str, *, limit: int, window: int, fail_closed: bool = False) -> Verdict:
    """The current state without counting (for limits that count only failures)."""
    key, retry_after = _window_key(scope, subject, window)
    try:
        count = _current(key)
    except Exception as error:  # noqa: BLE001 - whatever the store's client raises
        logger.warning("Rate limit store unavailable for %s: %s", scope, error)
        return Verdict(not fail_closed, 0, limit, retry_after)
    return Verdict(count < limit, count, limit, retry_after)


def reset(scope: str, subject: str, *, window: int) -> None:
    """Forget the current window's count (after a successful login, say)."""
    key, _retry_after = _window_key(scope, subject, window)
    try:
        if _uses_redis():
            cache.delete(key)
        else:
            RateLimitCounter.objects.filter(key=key).delete()
    except Exception as error:  # noqa: BLE001 - a count that stays is harmless
        logger.warning("Rate limit store unavailable for %s: %s", scope, error)


def remove_expired(*, now: datetime | None = None) -> int:
    """Delete counters of windows that ended (the periodic clean-up; Redis expires its own keys)."""
    deleted, _ = RateLimitCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted


def limit_visitors(scope: str):
    """A view decorator: anonymous visitors may ask this page at most VISITOR_PAGES_PER_MINUTE times a minute from
    one address (pages a visitor can make expensive: searches, the finder, the check). Over it: a Dutch 429 page
    with Retry-After. People who are logged in are not limited here."""

    def decorator(view):
        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                per_minute = settings.VISITOR_PAGES_PER_MINUTE
                verdict = hit(scope, client_ip(request), limit=per_minute, window=60, fail_closed=False)
                if not verdict:
                    response = render(request, "429.html", {"retry_after": verdict.retry_after}, status=429)
                    response["Retry-After"] = str(verdict.retry_after)
                    return response
            return view(request, *args, **kwargs)

        return limited

    return decorator


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: REMOTE_ADDR, unless that is one of our TRUSTED_PROXIES; then the nearest address in
    X-Forwarded-For that is not one of them (addresses further left could be made up by the visitor)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if not _is_trusted(address):
            return address
    return forwarded[0] if forwarded else remote


def _window_key(scope: str, subject: str, window: int) -> tuple[str, int]:
    now = time.time()
    start = int(now // window) * window
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{start}", max(1, math.ceil(start + window - now))


def _increment(key: str, window: int, retry_after: int) -> int:
    if _uses_redis():
        cache.add(key, 0, timeout=window + 1)
        return cache.incr(key)
    table = RateLimitCounter._meta.db_table
    expires = timezone.now() + timedelta(seconds=retry_after)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, count, expires_at) VALUES (%s, 1, %s) "  # noqa: S608 - our own table name
            f"ON CONFLICT (key) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [key, expires],
        )
        return cursor.fetchone()[0]


def _current(key: str) -> int:
    if _uses_redis():
        return cache.get(key, 0)
    return RateLimitCounter.objects.filter(key=key).values_list("count", flat=True).first() or 0


def _uses_redis() -> bool:
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


@memoise
def _trusted_networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))
