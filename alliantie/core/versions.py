"""Data versions: what cached pages, figures and matching indexes depend on.

Every service that changes such data calls `bump(name)` inside its transaction (the admin does it through
`core.admin.BumpsVersionsAdmin`); a cache key includes `current(name, …)`, read in one query. Because the counter
lives in the same database and changes in the same transaction as the data, a reader either sees the old data with
the old version or the new data with the new one, on every app server at once. The names:

- ``partners``: organisations, their pledges, activities and progress (directory, report, partner matching);
- ``posts:request`` / ``posts:offer``: marketplace posts of a kind; ``synonyms``: the field's synonym list;
- ``monitor:<round id>``: the responses, answers and codes of one monitor round.
"""

from django.db import connection, transaction

from alliantie.core.models import DataVersion

PARTNERS = "partners"
SYNONYMS = "synonyms"


def posts(kind: str) -> str:
    return f"posts:{kind}"


def monitor_round(round_id: int | None) -> str:
    return f"monitor:{round_id}"


def bump(*names: str) -> None:
    """Mark the data behind `names` as changed (one atomic upsert each, in the caller's transaction)."""
    table = DataVersion._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        for name in sorted(set(names)):
            cursor.execute(
                f"INSERT INTO {table} (name, version) VALUES (%s, 1) "  # noqa: S608 - our own table name
                f"ON CONFLICT (name) DO UPDATE SET version = {table}.version + 1",
                [name],
            )


def current(*names: str) -> tuple[int, ...]:
    """The versions of `names`, in that order (0 for data never changed), in one query."""
    found = dict(DataVersion.objects.filter(name__in=names).values_list("name", "version"))
    return tuple(found.get(name, 0) for name in names)
