"""The seam to the local alliances (issue 16, app `localalliances`, built in parallel).

Subscribers may follow local alliances and an edition may be meant for the followers of some; the composer proposes a
local alliance's news. Until that app is merged there are no local alliances: these functions say so, and everything
that uses them already works with the ids they will return. When it lands, wire these three functions to it (and turn
`LocalAllianceInterest.local_alliance_id` and `Edition.local_alliance_ids` into references to it): nothing else in this
app changes.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class News:
    """One piece of a local alliance's news, as the composer proposes it."""

    key: str  # unique per piece, e.g. "local-news:12"
    title: str
    summary: str
    url: str


def choices() -> list[tuple[int, str]]:
    """(id, name) of every local alliance a subscriber may follow; none yet."""
    return []


def names(ids: list[int]) -> dict[int, str]:
    """The names of these local alliances by id; none yet."""
    return {}


def news_since(since: datetime, limit: int = 5) -> list[News]:
    """Local alliances' news published since `since`, newest first; none yet."""
    return []
