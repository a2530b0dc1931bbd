"""Demo newsletter: subscribers (1,000 per scale step: 50,000 at scale 50) with interests and consent records, twelve
sent editions in the archive (six a year, as seed 001 promises), a draft with the platform's proposals, and a few
addresses on hold after bounces. Everything in bulk: no per-row service calls at national scale."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from alliantie.core.models import Challenge, PersonalConsent, Province, Sector
from alliantie.events.models import Audience, Event
from alliantie.knowledge.models import Item, Visibility
from alliantie.newsletters import services
from alliantie.newsletters.models import AddressHold, Block, Bounce, Edition, Subscriber

SUBSCRIBERS_PER_SCALE = 1000
CONSENT_TEXT = services.CONSENT_TEXT
EDITION_TITLES = [
    "Een gezonde start van het schooljaar",
    "Werkende ouders met geldzorgen",
    "Lokaal doen, landelijk delen",
    "Ervaringskennis telt mee",
    "Vijf jaar alliantie: wat werkt",
    "Schulden en stress in het gezin",
    "Meedoen met sport en cultuur",
    "Een fijn thuis voor elk kind",
    "De monitor: wat partners vertellen",
    "Kansrijke start in de eerste 1000 dagen",
    "Samen tegen energiearmoede",
    "Van verzachten naar veranderen",
]


def _moment(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


class NewsletterBuilder:
    def __init__(self, *, scale: int, seed: int, team_member, reference_day: date) -> None:
        self.scale, self.rng = scale, random.Random(seed + 17)
        self.team, self.today = team_member, reference_day
        self.challenges = list(Challenge.objects.order_by("number"))
        self.provinces = list(Province.objects.order_by("code"))
        self.sectors = list(Sector.objects.order_by("order"))

    @transaction.atomic
    def build(self) -> tuple[int, int]:
        subscribers = self.subscribers()
        editions = self.editions()
        self.holds(subscribers)
        return len(subscribers), editions

    def subscribers(self) -> list[Subscriber]:
        total = SUBSCRIBERS_PER_SCALE * self.scale
        rows, consents = [], []
        for n in range(total):
            created = _moment(self.today - timedelta(days=self.rng.randrange(1, 5 * 365)), self.rng.randrange(7, 23))
            state = self.rng.random()
            confirmed = created + timedelta(minutes=self.rng.randrange(2, 600)) if state < 0.99 else None
            left = confirmed + timedelta(days=self.rng.randrange(30, 700)) if confirmed and state > 0.85 else None
            if left and left.date() > self.today:
                left = None
            pending = confirmed is None
            if pending:  # an unconfirmed address is forgotten after two weeks: only recent ones are still waiting
                created = _moment(self.today - timedelta(days=self.rng.randrange(0, 13)))
            email = f"lezer{n:06d}@example.org"
            rows.append(
                Subscriber(
                    email=email,
                    method=Subscriber.Method.FORM,
                    sector=self.rng.choice(self.sectors) if self.rng.random() < 0.6 else None,
                    created_at=created,
                    confirmed_at=confirmed,
                    unsubscribed_at=left,
                    unsubscribed_how="afmeldlink (één klik)" if left else "",
                    confirm_nonce=f"{n:032x}" if pending else "",
                    confirm_sent_at=created if pending else None,
                )
            )
            consents.append(
                PersonalConsent(
                    email=email,
                    purpose=PersonalConsent.Purpose.NEWSLETTER,
                    text=CONSENT_TEXT,
                    method=PersonalConsent.Method.FORM,
                    given_at=created,
                    confirmed_at=confirmed,
                    withdrawn_at=left,
                    withdrawn_how="afmeldlink (één klik)" if left else "",
                )
            )
        Subscriber.objects.bulk_create(rows, batch_size=5000)
        PersonalConsent.objects.bulk_create(consents, batch_size=5000)
        ChallengeLink, ProvinceLink = Subscriber.challenges.through, Subscriber.provinces.through
        challenge_links, province_links = [], []
        for subscriber in rows:
            if self.rng.random() < 0.55:
                for challenge in self.rng.sample(self.challenges, self.rng.randint(1, 3)):
                    challenge_links.append(ChallengeLink(subscriber_id=subscriber.pk, challenge_id=challenge.pk))
            if self.rng.random() < 0.4:
                province_links.append(
                    ProvinceLink(subscriber_id=subscriber.pk, province_id=self.rng.choice(self.provinces).pk)
                )
        ChallengeLink.objects.bulk_create(challenge_links, batch_size=10_000)
        ProvinceLink.objects.bulk_create(province_links, batch_size=10_000)
        return rows

    def editions(self) -> int:
        events = list(
            Event.objects.filter(audience=Audience.PUBLIC, status=Event.Status.PUBLISHED)
            .order_by("starts_at")
            .values_list("pk", "title", "slug", "starts_at")
        )
        items = list(
            Item.objects.filter(status=Item.Status.PUBLISHED, visibility=Visibility.PUBLIC)
            .order_by("published_at")
            .values_list("pk", "title", "slug", "summary")[:400]
        )
        blocks = []
        count = len(EDITION_TITLES)
        for number, title in enumerate(EDITION_TITLES, start=1):
            sent = _moment(self.today - timedelta(days=61 * (count - number) + 20), 10)
            edition = Edition.objects.create(
                number=number,
                title=title,
                intro=(
                    "Beste lezer,\n\nIn deze nieuwsbrief: nieuwe partners, bijeenkomsten die eraan komen en kennis uit "
                    "de praktijk. Samen zorgen we ervoor dat in 2030 geen kind meer de dupe is van armoede."
                ),
                period_start=sent - timedelta(days=61),
                status=Edition.Status.SENT,
                created_by=self.team,
                prepared_by=self.team,
                prepared_at=sent - timedelta(days=1),
                confirmed_by=self.team,
                confirmed_at=sent - timedelta(hours=20),
                send_started_at=sent,
                sent_at=sent,
                queued=int(SUBSCRIBERS_PER_SCALE * self.scale * 0.8),
            )
            position = 0
            coming = [e for e in events if sent < e[3] <= sent + timedelta(days=90)]  # what was upcoming then
            for pk, event_title, slug, _starts in self.rng.sample(coming, min(2, len(coming))):
                position += 1
                blocks.append(
                    Block(
                        edition=edition,
                        position=position,
                        kind=Block.Kind.EVENT,
                        source_key=f"event:{pk}",
                        title=event_title,
                        body="Meld u aan via de agenda; de bijeenkomst is gratis.",
                        url=f"/agenda/{slug}/",
                    )
                )
            for pk, item_title, slug, summary in self.rng.sample(items, min(2, len(items))):
                position += 1
                blocks.append(
                    Block(
                        edition=edition,
                        position=position,
                        kind=Block.Kind.ITEM,
                        source_key=f"item:{pk}",
                        title=item_title,
                        body=summary[:400],
                        url=f"/kennisbank/{slug}/",
                    )
                )
            blocks.append(
                Block(
                    edition=edition,
                    position=position + 1,
                    kind=Block.Kind.FREE,
                    title="Van het projectteam",
                    body="Heeft u een verhaal voor de volgende nieuwsbrief? Mail het projectteam.",
                )
            )
        Block.objects.bulk_create(blocks)
        services.create_edition(
            title="Nieuwsbrief december: een warme winter", intro="Beste lezer,", created_by=self.team
        )
        return count

    def holds(self, subscribers: list[Subscriber]) -> None:
        active = [s for s in subscribers if s.confirmed_at and not s.unsubscribed_at]
        bounced = self.rng.sample(active, min(len(active), 3 * self.scale))
        now = _moment(self.today - timedelta(days=3), 11)
        Bounce.objects.bulk_create(
            [
                Bounce(
                    email=s.email,
                    kind=Bounce.Kind.HARD,
                    status="5.1.1",
                    diagnostic="550 5.1.1 Recipient address rejected: User unknown",
                    source=Bounce.Source.MAILBOX,
                    fingerprint=services.fingerprint("demo", s.email),
                    received_at=now,
                )
                for s in bounced
            ]
        )
        AddressHold.objects.bulk_create(
            [
                AddressHold(email=s.email, reason=AddressHold.Reason.HARD, detail="5.1.1 User unknown", held_at=now)
                for s in bounced
            ]
        )
