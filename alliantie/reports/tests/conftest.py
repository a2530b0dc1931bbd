"""Shared data for the dashboard's tests: partners with activities in places, built at two sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliantie.core.models import Challenge, ChangeLine, Municipality, Sector
from alliantie.core.tests.factories import make_activity, make_organisation


def make_partners(count: int, *, sector: str = "maatschappelijke-organisatie", code: str = "GM0363", **extra) -> list:
    """`count` partners seated in municipality `code`, each with one running activity there on Een gezonde dag."""
    found = []
    municipality = Municipality.objects.get(code=code)
    for _ in range(count):
        organisation = make_organisation(sector=Sector.objects.get(slug=sector), municipality=municipality, **extra)
        activity = make_activity(organisation)
        activity.municipalities.set([municipality])
        found.append(organisation)
    return found


def grow(size: int) -> None:
    """A small alliance of `size` partners spread over sectors, places, lines and opgaven, with ties."""
    sectors = list(Sector.objects.order_by("order"))
    places = list(Municipality.objects.order_by("code")[:40])
    challenges = list(Challenge.objects.order_by("number"))
    lines = list(ChangeLine.objects.order_by("order"))
    partners = []
    for i in range(size):
        organisation = make_organisation(sector=sectors[i % len(sectors)], municipality=places[i % len(places)])
        activity = make_activity(organisation, change_line=lines[i % 3], involvement=["co_designed", "not_yet"][i % 2])
        activity.challenges.set([challenges[i % len(challenges)]])
        activity.municipalities.set([places[i % len(places)]])
        if partners:
            activity.co_partners.set([partners[-1]])
        partners.append(organisation)


class Queries:
    def __init__(self) -> None:
        self.context = CaptureQueriesContext(connection)

    def __enter__(self):
        self.context.__enter__()
        return self

    def __exit__(self, *args):
        self.context.__exit__(*args)

    @property
    def count(self) -> int:
        return len(self.context.captured_queries)


@pytest.fixture
def team(personas):
    return personas.client("project_team")
