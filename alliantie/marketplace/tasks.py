"""Background tasks of the marketplace: building the matching indexes."""

from django_tasks import task

from alliantie.marketplace import suggestions


@task()
def build_matching_index(name: str) -> bool:
    """Build and store one matching index if its data changed since the last build."""
    return suggestions.store(name)


def rebuild_stale_indexes() -> int:
    """The periodic safety net: rebuild every index whose data changed (a lost task, the day's expiry)."""
    return sum(suggestions.store(name) for name in suggestions.INDEXES)
