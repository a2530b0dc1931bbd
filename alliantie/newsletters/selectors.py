"""Every read of the newsletter: who receives an edition, the team's pages, the archive and its feed."""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from alliantie.core.consent import active_emails
from alliantie.core.models import Challenge, OutboxMessage, PersonalConsent, Province
from alliantie.newsletters import local_alliances
from alliantie.newsletters.models import AddressHold, Block, Bounce, Edition, LocalAllianceInterest, Subscriber

SAMPLE = 10
PAGE_SIZE = 50
ARCHIVE_PAGE_SIZE = 24
FEED_SIZE = 20


def held_emails() -> QuerySet:
    """The addresses on hold (a values query to exclude recipients with)."""
    return AddressHold.objects.current().values("email")


def recipients(edition: Edition) -> QuerySet[Subscriber]:
    """The subscribers an edition goes to: confirmed, not unsubscribed, with their newsletter consent open and
    confirmed (asked again here: every list asks the consent), not on hold, and in the edition's segment. Within each
    part of the segment a subscriber who chose nothing counts as interested in all of it, unless the edition is
    strict. Ordered by id: the order in which they are queued and resumed."""
    chosen = Subscriber.objects.active().filter(email__in=active_emails(PersonalConsent.Purpose.NEWSLETTER))
    chosen = chosen.exclude(email__in=held_emails())
    challenge_ids = [c.pk for c in edition.challenges.all()]
    province_ids = [p.pk for p in edition.provinces.all()]
    sector_ids = [s.pk for s in edition.sectors.all()]
    through = Subscriber.challenges.through
    if challenge_ids:
        chosen = chosen.filter(_any_or_none(through, "challenge_id", challenge_ids, strict=edition.strict))
    if province_ids:
        chosen = chosen.filter(
            _any_or_none(Subscriber.provinces.through, "province_id", province_ids, strict=edition.strict)
        )
    if sector_ids:
        in_sector = Q(sector_id__in=sector_ids)
        chosen = chosen.filter(in_sector if edition.strict else in_sector | Q(sector__isnull=True))
    if edition.local_alliance_ids:
        chosen = chosen.filter(
            _any_or_none(LocalAllianceInterest, "local_alliance_id", edition.local_alliance_ids, strict=edition.strict)
        )
    return chosen.order_by("pk")


def _any_or_none(model, column: str, ids: list[int], *, strict: bool) -> Q:
    """Chose one of `ids`, or (unless strict) chose nothing in this part."""
    chose_one = Exists(model.objects.filter(subscriber_id=OuterRef("pk"), **{f"{column}__in": ids}))
    if strict:
        return Q(chose_one)
    return Q(chose_one) | ~Q(Exists(model.objects.filter(subscriber_id=OuterRef("pk"))))


def recipient_preview(edition: Edition) -> dict:
    """Who an edition reaches, for the page that asks to confirm: how many, and the first few with their interests.
    Five queries whatever the number of subscribers."""
    chosen = recipients(edition)
    # 1: the count (the segment's three subqueries run in the database)
    count = chosen.count()
    # 2-4: the sample with its interests
    sample = list(
        chosen.select_related("sector").prefetch_related(
            Prefetch("challenges", queryset=Challenge.objects.only("pk", "name")),
            Prefetch("provinces", queryset=Province.objects.only("pk", "name")),
        )[:SAMPLE]
    )
    for subscriber in sample:
        parts = [
            ", ".join(c.name for c in subscriber.challenges.all()),
            ", ".join(p.name for p in subscriber.provinces.all()),
            subscriber.sector.name if subscriber.sector else "",
        ]
        subscriber.chose = " · ".join(part for part in parts if part)
    # 5: everyone active, to say how many the segment leaves out
    everyone = Subscriber.objects.active().count()
    return {"count": count, "sample": sample, "left_out": max(0, everyone - count)}


def segment_labels(edition: Edition) -> list[str]:
    """The segment in words, for the team's pages (the edition's many-to-many relations must be prefetched)."""
    labels = [c.name for c in edition.challenges.all()]
    labels += [p.name for p in edition.provinces.all()]
    labels += [s.name for s in edition.sectors.all()]
    labels += list(local_alliances.names(edition.local_alliance_ids).values())
    return labels


def manage_overview() -> dict:
    """The team's newsletter page: subscribers in numbers, the editions, and the addresses on hold."""
    # 1: subscribers by state
    counts = Subscriber.objects.aggregate(
        active=Count("pk", filter=Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True)),
        pending=Count("pk", filter=Q(confirmed_at__isnull=True, unsubscribed_at__isnull=True)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
    )
    # 2: editions, 3-5: their segments
    editions = list(
        Edition.objects.select_related("prepared_by", "confirmed_by")
        .prefetch_related("challenges", "provinces", "sectors")
        .order_by("-created_at")[:50]
    )
    for edition in editions:
        edition.segment = segment_labels(edition)
    # 6: addresses on hold
    held = AddressHold.objects.current().count()
    return {"counts": counts, "editions": editions, "held": held}


def edition_detail(edition: Edition) -> dict:
    """The composer: the edition's blocks, its segment, and (once it is being sent) how its mail is doing."""
    # 1: blocks; 2-4: the segment
    blocks = list(edition.blocks.all())
    edition = Edition.objects.prefetch_related("challenges", "provinces", "sectors").get(pk=edition.pk)
    delivery = {}
    if edition.status in (Edition.Status.SENDING, Edition.Status.SENT, Edition.Status.CANCELLED):
        # 5: the outbox's messages of this edition by status (its kind is indexed)
        counted = (
            OutboxMessage.objects.filter(kind=edition.mail_kind).values("status").annotate(n=Count("pk")).order_by()
        )
        delivery = {str(OutboxMessage.Status(row["status"]).label): row["n"] for row in counted}
    return {
        "edition": edition,
        "blocks": blocks,
        "segment": segment_labels(edition),
        "delivery": delivery,
        "local_alliance_choices": local_alliances.choices(),
    }


def subscriber_page(query: str, page_number: object) -> dict:
    """The team's list of subscribers (with a search on the address), newest first, paginated."""
    found = Subscriber.objects.all()
    if query:
        found = found.filter(email__icontains=query.strip().lower())
    held = AddressHold.objects.current().filter(email=OuterRef("email"))
    page = Paginator(
        found.annotate(held=Exists(held)).select_related("sector").order_by("-created_at", "-pk"), PAGE_SIZE
    ).get_page(page_number)
    page.object_list = list(page.object_list)
    return {"page": page, "query": query}


def holds_page(page_number: object) -> dict:
    """The addresses on hold, why, and the bounces behind them (three queries whatever the number)."""
    page = Paginator(AddressHold.objects.current().order_by("-held_at", "-pk"), PAGE_SIZE).get_page(page_number)
    holds = list(page.object_list)
    recent = {}
    for bounce in Bounce.objects.filter(email__in=[h.email for h in holds]).order_by("-received_at")[:500]:
        recent.setdefault(bounce.email, []).append(bounce)
    for hold in holds:
        hold.recent_bounces = recent.get(hold.email, [])[:3]
    page.object_list = holds
    return {"page": page}


def sent_editions() -> QuerySet[Edition]:
    """The archive: editions that were sent, newest first."""
    return Edition.objects.filter(status=Edition.Status.SENT, number__isnull=False).order_by("-number")


def editions_sent_in(year: int) -> int:
    """How many editions were sent in a year (the progress report's figure for "6 per jaar"). One query."""
    return Edition.objects.filter(status=Edition.Status.SENT, sent_at__year=year).count()


def archive_page(page_number: object) -> dict:
    """The public archive: every edition that was sent, newest first."""
    page = Paginator(sent_editions().only("pk", "number", "title", "intro", "sent_at"), ARCHIVE_PAGE_SIZE).get_page(
        page_number
    )
    page.object_list = list(page.object_list)
    return {"page": page}


def public_edition(edition: Edition) -> dict:
    """An edition's web version: its own text and blocks, nothing personal, with its neighbours in the archive."""
    blocks = list(edition.blocks.all())
    newer = sent_editions().filter(number__gt=edition.number).order_by("number").only("number", "title").first()
    older = sent_editions().filter(number__lt=edition.number).only("number", "title").first()
    return {"edition": edition, "blocks": blocks, "newer": newer, "older": older}


def feed_editions() -> list[Edition]:
    """The latest editions with their blocks, for the feeds (two queries)."""
    return list(
        sent_editions().prefetch_related(Prefetch("blocks", queryset=Block.objects.order_by("position", "pk")))[
            :FEED_SIZE
        ]
    )


def own_subscription(subscriber: Subscriber | None) -> dict:
    """A subscriber's current choices, for their preferences form."""
    if subscriber is None:
        return {"subscriber": None}
    return {
        "subscriber": subscriber,
        "initial": {
            "challenges": list(subscriber.challenges.all()),
            "provinces": list(subscriber.provinces.all()),
            "sector": subscriber.sector,
            "local_alliances": [str(i.local_alliance_id) for i in subscriber.local_alliances.all()],
        },
    }


def is_held(email: str) -> bool:
    """Whether mail to this address is on hold after bounces."""
    return AddressHold.objects.current().filter(email=email.strip().lower()).exists()
