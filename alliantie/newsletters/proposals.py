"""What the platform proposes for an edition: what happened since the last one. Every proposal is public information
(the agenda's public events, the kennisbank's public items, partners who joined, published monitor results); a
marketplace highlight names only the offer and who offers it, with a link that asks partners to log in."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alliantie.events.models import Audience, Event
from alliantie.knowledge.models import Item, Visibility
from alliantie.marketplace.models import Post
from alliantie.monitoring.models import MonitorRound, Report
from alliantie.newsletters import local_alliances
from alliantie.newsletters.models import Block
from alliantie.partners.models import Organisation

EVENTS_AHEAD_DAYS = 90
MAX_PER_KIND = 5
MAX_PARTNER_NAMES = 25


@dataclass(frozen=True)
class Proposal:
    key: str
    kind: str
    title: str
    body: str
    url: str  # a path on this site, or an address elsewhere


def _summary(text: str, limit: int = 400) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def proposals(since: datetime, now: datetime | None = None) -> list[Proposal]:
    """Everything worth telling since `since`, in the order of an edition; about ten queries whatever the data."""
    now = now or timezone.now()
    found: list[Proposal] = []
    partners = list(
        Organisation.objects.partners()
        .filter(joined_on__gte=timezone.localdate(since))
        .order_by(Lower("name"))
        .values_list("name", "slug")[: MAX_PARTNER_NAMES + 1]
    )
    if partners:
        names = ", ".join(name for name, _slug in partners[:MAX_PARTNER_NAMES])
        if len(partners) > MAX_PARTNER_NAMES:
            names += " " + _("en meer")
        found.append(
            Proposal(
                key=f"partners:{timezone.localdate(since):%Y%m%d}",
                kind=Block.Kind.PARTNERS,
                title=_("Welkom, nieuwe partners"),
                body=_("Sinds de vorige nieuwsbrief sloten zich aan: %(names)s.") % {"names": names},
                url=reverse("partners:directory"),
            )
        )
    events = (
        Event.objects.filter(
            status=Event.Status.PUBLISHED,
            audience=Audience.PUBLIC,
            starts_at__gte=now,
            starts_at__lte=now + timedelta(days=EVENTS_AHEAD_DAYS),
        )
        .select_related("municipality")
        .order_by("starts_at", "pk")[:MAX_PER_KIND]
    )
    for event in events:
        when = date_format(timezone.localtime(event.starts_at), "l j F Y, H:i")
        found.append(
            Proposal(
                key=f"event:{event.pk}",
                kind=Block.Kind.EVENT,
                title=event.title,
                body=f"{when} · {event.place_label}\n{_summary(event.summary)}",
                url=event.get_absolute_url(),
            )
        )
    items = (
        Item.objects.published()
        .filter(visibility=Visibility.PUBLIC, published_at__gte=since)
        .order_by("-published_at", "-pk")[:MAX_PER_KIND]
    )
    for item in items:
        found.append(
            Proposal(
                key=f"item:{item.pk}",
                kind=Block.Kind.ITEM,
                title=item.title,
                body=_summary(item.summary),
                url=item.get_absolute_url(),
            )
        )
    for news in local_alliances.news_since(since, MAX_PER_KIND):
        found.append(Proposal(news.key, Block.Kind.LOCAL, news.title, _summary(news.summary), news.url))
    offer = (
        Post.objects.filter(
            kind=Post.Kind.OFFER,
            status=Post.Status.OPEN,
            open_until__gte=timezone.localdate(now),
            created_at__gte=since,
            organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.DORMANT],
        )
        .select_related("organisation")
        .order_by("-created_at", "-pk")
        .first()
    )
    if offer is not None:
        found.append(
            Proposal(
                key=f"post:{offer.pk}",
                kind=Block.Kind.MARKETPLACE,
                title=_("Aanbod van %(organisation)s: %(title)s")
                % {"organisation": offer.organisation, "title": offer.title},
                body=_(
                    "In de marktplaats bieden partners elkaar kennis, mensen en middelen aan. Log in om te reageren."
                ),
                url=offer.get_absolute_url(),
            )
        )
    for monitor_round in MonitorRound.objects.filter(results_published_at__gte=since).order_by("-results_published_at"):
        found.append(
            Proposal(
                key=f"monitor:{monitor_round.pk}",
                kind=Block.Kind.MONITOR,
                title=_("Resultaten van %(name)s") % {"name": monitor_round.name},
                body=_("Wat partners in de monitor antwoordden, samengevat per vraag."),
                url=reverse("monitoring:public-results", kwargs={"pk": monitor_round.pk}),
            )
        )
    for report in Report.objects.filter(published_at__gte=since).order_by("-year"):
        found.append(
            Proposal(
                key=f"report:{report.pk}",
                kind=Block.Kind.MONITOR,
                title=_("Voortgangsrapportage %(year)s") % {"year": report.year},
                body=_("Hoe de alliantie ervoor staat: bereik, activiteiten per opgave en wat partners leerden."),
                url=reverse("monitoring:report", kwargs={"year": report.year}),
            )
        )
    return found
