"""Summary tables: counts that key pages read instead of counting at every request (the worklist's reasons, the
directory's facets, the monitor's answers per question).

A summary belongs to the app that reads it, but the data it counts is changed by services of earlier apps (a partner's
status in `partners`, an activity in `activities`), which may not import later apps. So every service that changes
an organisation's data calls `organisations_changed(ids)` explicitly, inside its transaction, next to
`versions.bump`; each summary registers, from its app's `ready()`, the function that brings its rows for those
organisations up to date in that same transaction. A reader therefore sees the data and its counts change together.

This is not a signal: nothing happens on a model's save; the services name the moment, and a test per kind of change
compares every summary with a full recount. Two periodic jobs (alliantie/schedule.py) keep them whole: `tellingen`
every ten minutes builds what was never built (after a migration) and rebuilds the worklist on a new day (its reasons
move with the calendar); `tellingen-herbouwen` rebuilds every summary each night, which also catches what changed
outside the services (a bulk load, a shell). A page reads a summary only once it was built, and until then counts
as before.
"""

from collections.abc import Callable, Iterable

Refresher = Callable[[set[int]], None]
Rebuilder = Callable[[], str]

_organisation_refreshers: dict[str, Refresher] = {}
_rebuilders: dict[str, Rebuilder] = {}
_due: dict[str, Rebuilder] = {}


def register(name: str, *, rebuild: Rebuilder, due: Rebuilder, organisations: Refresher | None = None) -> None:
    """Register a summary: `organisations(ids)` refreshes its rows for those organisations (when organisations'
    data feeds it), `rebuild()` all of it, `due()` rebuilds what needs it now (never built, or out of date by the
    calendar)."""
    if organisations is not None:
        _organisation_refreshers[name] = organisations
    _rebuilders[name] = rebuild
    _due[name] = due


def organisations_changed(ids: Iterable[int | None]) -> None:
    """Bring every summary up to date for these organisations (call inside the service's transaction)."""
    found = {pk for pk in ids if pk is not None}
    if not found:
        return
    for name in sorted(_organisation_refreshers):
        _organisation_refreshers[name](found)


def rebuild_all() -> str:
    """Rebuild every summary from the data (the nightly job, and after a bulk load such as the demo)."""
    return "; ".join(f"{name}: {_rebuilders[name]()}" for name in sorted(_rebuilders))


def rebuild_due() -> str:
    """Build the summaries that were never built, and those the calendar made out of date (every ten minutes)."""
    return "; ".join(f"{name}: {_due[name]()}" for name in sorted(_due))
