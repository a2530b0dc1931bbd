"""The shared cache as an optimisation only: when it cannot be reached (Redis restarting), pages are computed from the
database as if nothing was cached, and nothing waits longer than the client's one-second timeout."""

import logging
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Set for one request by the benchmark (QueryCountHeaderMiddleware, only with QUERY_COUNT_HEADER on): every value
# is computed from the database and nothing is read from or written to the cache, so `make bench` can time a cached
# page both ways in the same run.
computing_only: ContextVar[bool] = ContextVar("computing_only", default=False)


def get_or_compute(key: str, compute: Callable[[], T], timeout: int) -> T:
    """The cached value for `key`, or `compute()` stored for `timeout` seconds."""
    if computing_only.get():
        return compute()
    try:
        found = cache.get(key)
    except Exception as error:  # noqa: BLE001 - whatever the cache's client raises, the page must still work
        logger.warning("Cache unavailable, computing %s: %s", key.split(":")[0], error)
        return compute()
    if found is None:
        found = compute()
        try:
            cache.set(key, found, timeout)
        except Exception as error:  # noqa: BLE001
            logger.warning("Cache unavailable, not keeping %s: %s", key.split(":")[0], error)
    return found
