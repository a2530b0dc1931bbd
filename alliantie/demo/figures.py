"""Demo data for the dashboard: partners that work together (co-partners on activities, introductions that led to
cooperation, events organised together), partners from the sectors the opgaven need that joined this year, this
year's kenniskringen; then the figures, the network and the open-data package are computed once."""

import random
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from alliantie.activities.models import Activity
from alliantie.core.models import Challenge, ChangeLine
from alliantie.core.search import index_documents
from alliantie.events.models import DEFAULT_AUDIENCE, Event, EventKind
from alliantie.events.services import search_document
from alliantie.marketplace.models import Introduction, Post
from alliantie.partners.models import Organisation
from alliantie.reports import opendata, precompute

THEMES = [
    ("Werkende ouders met geldzorgen", "signaleren-en-ondersteunen-als-werkgever", "strengthen"),
    ("Een fijn thuis: huurachterstanden vroeg zien", "een-fijn-thuis", "strengthen"),
    ("Ervaringskennis in de gemeentelijke aanpak", "ervaringskennis-als-derde-kennisbron", "transform"),
    ("Schoolkosten en de rijke schooldag", "extra-ontwikkelkansen-bieden", "soften"),
    ("Stress en schulden in jonge gezinnen", "stress-reduceren-door-schulden-hanteerbaar-te-maken", "strengthen"),
    ("Energiearmoede in de winter", "een-fijn-thuis", "soften"),
]


class FiguresBuilder:
    def __init__(self, *, scale: int, seed: int, team_member, today: date) -> None:
        self.rng = random.Random(seed * 7 + 3)
        self.scale, self.team, self.today = scale, team_member, today
        self.partners = list(
            Organisation.objects.partners()
            .select_related("municipality")
            .only("pk", "municipality__province_id")
            .order_by("pk")
        )
        self.by_province: dict[int, list[int]] = {}
        for o in self.partners:
            if o.municipality:
                self.by_province.setdefault(o.municipality.province_id, []).append(o.pk)

    def build(self) -> None:
        self.co_partners()
        self.introductions()
        self.co_organisers()
        self.recent_partners()
        self.kenniskringen()
        if connection.vendor == "postgresql":
            # Freshly bulk-inserted tables have no statistics yet; without them the planner takes the pairs of
            # services and municipalities for empty tables and nests loops for many minutes.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        precompute.refresh(force=True)
        opendata.build()

    def _nearby(self, organisation_id: int, province_id: int | None, count: int) -> list[int]:
        pool = self.by_province.get(province_id) or [o.pk for o in self.partners]
        found = {self.rng.choice(pool) for _ in range(count)} - {organisation_id}
        return sorted(found)

    def co_partners(self) -> None:
        """About a third of the activities are done together with one or two partners nearby."""
        rows = []
        Through = Activity.co_partners.through
        activities = Activity.objects.order_by("pk").values_list(
            "pk", "organisation_id", "organisation__municipality__province_id"
        )
        for pk, organisation_id, province_id in activities.iterator(chunk_size=5000):
            if self.rng.random() < 0.3:
                for other in self._nearby(organisation_id, province_id, self.rng.choice([1, 1, 2])):
                    rows.append(Through(activity_id=pk, organisation_id=other))
        Through.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)

    def introductions(self) -> None:
        """Requests on the marketplace that the team introduced to a partner, and what came of it."""
        statuses = [
            Introduction.Status.PROPOSED,
            Introduction.Status.MET,
            Introduction.Status.COLLABORATING,
            Introduction.Status.COLLABORATING,
            Introduction.Status.NO_MATCH,
        ]
        rows = []
        posts = (
            Post.objects.filter(kind=Post.Kind.REQUEST)
            .order_by("pk")
            .values_list("pk", "organisation_id", "organisation__municipality__province_id")
        )
        for pk, organisation_id, province_id in posts.iterator(chunk_size=5000):
            if self.rng.random() < 0.5:
                for other in self._nearby(organisation_id, province_id, 1):
                    status = self.rng.choice(statuses)
                    rows.append(
                        Introduction(
                            post_id=pk,
                            poster_id=organisation_id,
                            other_id=other,
                            reason="Beide werken aan dezelfde opgave in de regio.",
                            introduced_by=self.team,
                            status=status,
                            outcome="We zijn samen een project gestart." if status == "collaborating" else "",
                        )
                    )
        Introduction.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)

    def co_organisers(self) -> None:
        """Publieksacademies are organised with two or three local partners."""
        Through = Event.organisers.through
        rows = []
        events = Event.objects.filter(kind=EventKind.PUBLIEKSACADEMIE, municipality__isnull=False).order_by("pk")
        for pk, province_id in events.values_list("pk", "municipality__province_id"):
            rows += [Through(event_id=pk, organisation_id=o) for o in self._nearby(0, province_id, 3)]
        Through.objects.bulk_create(rows, ignore_conflicts=True)

    def recent_partners(self) -> None:
        """Partners from the sectors the opgaven need (housing, employers, energy) that joined this year."""
        needed = [
            o
            for o in Organisation.objects.partners()
            .filter(sector__slug__in=["woningcorporatie", "werkgever", "energie"])
            .order_by("pk")
        ]
        start = date(self.today.year, 1, 1)
        span = max((self.today - start).days, 1)
        chosen = self.rng.sample(needed, min(len(needed), 12 * self.scale))
        for organisation in chosen:
            organisation.joined_on = start + timedelta(days=self.rng.randrange(span))
        Organisation.objects.bulk_update(chosen, ["joined_on"], batch_size=2000)

    def kenniskringen(self) -> None:
        """This year's (online) kenniskringen so far, about one every six weeks."""
        challenges = {c.slug: c for c in Challenge.objects.all()}
        lines = {line.code: line for line in ChangeLine.objects.all()}
        start = date(self.today.year, 1, 20)
        events = []
        for n, (theme, challenge, line) in enumerate(THEMES):
            day = start + timedelta(days=45 * n)
            if day >= self.today:
                break
            moment = datetime.combine(day, time(13), tzinfo=UTC)
            event = Event(
                kind=EventKind.KENNISKRING,
                title=f"Kenniskring: {theme}",
                slug=slugify(f"kenniskring {theme} {day:%Y-%m-%d}")[:200],
                summary=f"Online kenniskring over {theme.lower()}.",
                starts_at=moment,
                ends_at=moment + timedelta(hours=2),
                online_url="https://meet.example.org/" + slugify(theme)[:40],
                audience=DEFAULT_AUDIENCE[EventKind.KENNISKRING],
                capacity=80,
                created_by=self.team,
                change_line=lines[line],
            )
            event.demo_challenge = challenges[challenge]
            events.append(event)
        Event.objects.bulk_create(events)
        Event.challenges.through.objects.bulk_create(
            [Event.challenges.through(event_id=e.pk, challenge_id=e.demo_challenge.pk) for e in events]
        )
        index_documents([search_document(e, [e.demo_challenge.pk]) for e in events])  # findable in the kennisbank


def build_figures(*, scale: int, seed: int, team_member) -> None:
    FiguresBuilder(scale=scale, seed=seed, team_member=team_member, today=timezone.localdate()).build()
