"""Reads for the kennisbank's pages, each in a fixed number of queries."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import BigIntegerField, Count, Q
from django.db.models.functions import Cast, Lower, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.activities import permissions as activity_permissions
from alliantie.activities.models import Activity
from alliantie.core.models import Challenge, ChangeLine, SearchDocument, Sector
from alliantie.core.search import highlight, match_documents, snippets
from alliantie.events.models import EventKind
from alliantie.knowledge import permissions
from alliantie.knowledge.models import Collection, CollectionEntry, Item, ItemKind, KnowledgeSource

PAGE_SIZE = 20
KIND_LABELS = {**dict(ItemKind.choices), **dict(EventKind.choices)}
FACETS = ("soort", "bron", "opgave", "lijn", "sector")


@dataclass
class SearchFilters:
    query: str = ""
    kind: str = ""
    source: str = ""
    challenge: str = ""  # slug
    line: str = ""  # code
    sector: str = ""  # slug

    def as_params(self) -> dict[str, str]:
        values = {
            "zoek": self.query,
            "soort": self.kind,
            "bron": self.source,
            "opgave": self.challenge,
            "lijn": self.line,
            "sector": self.sector,
        }
        return {k: v for k, v in values.items() if v}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    active: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


@dataclass
class Result:
    document: SearchDocument
    kind_label: str
    title: str
    snippet: str


def _visible_documents(user):
    today = timezone.localdate()
    return SearchDocument.objects.filter(audience__in=permissions.search_audiences(user)).filter(
        Q(visible_until__isnull=True) | Q(visible_until__gte=today)
    )


def _apply(documents, filters: SearchFilters, skip: str = "", references: dict | None = None):
    references = references or {}
    if filters.kind and skip != "soort":
        documents = documents.filter(kind=filters.kind)
    if filters.source and skip != "bron":
        documents = documents.filter(knowledge_source=filters.source)
    if filters.line and skip != "lijn":
        documents = documents.filter(change_line__code=filters.line)
    if filters.challenge and skip != "opgave":
        challenge = references.get("challenges_by_slug", {}).get(filters.challenge)
        through = SearchDocument.challenges.through.objects.filter(challenge_id=challenge.pk if challenge else 0)
        documents = documents.filter(pk__in=through.values("searchdocument_id"))
    if filters.sector and skip != "sector":
        sector = references.get("sectors_by_slug", {}).get(filters.sector)
        through = SearchDocument.sectors.through.objects.filter(sector_id=sector.pk if sector else 0)
        documents = documents.filter(pk__in=through.values("searchdocument_id"))
    return documents


def _references() -> dict:
    challenges = list(Challenge.objects.order_by("number"))
    sectors = list(Sector.objects.order_by("order", Lower("name")))
    lines = list(ChangeLine.objects.order_by("order"))
    return {
        "challenges": challenges,
        "sectors": sectors,
        "lines": lines,
        "challenges_by_slug": {c.slug: c for c in challenges},
        "sectors_by_slug": {s.slug: s for s in sectors},
    }


def search(user, filters: SearchFilters, page_number: object) -> dict:
    """The kennisbank's search over items and events: every word must occur (Dutch stems); when nothing holds them
    all, results with any of them, said so. Facets count over the results with the other facets applied.

    Queries: the reference lists (3), the page's count and rows (2), one per facet (5), the snippets on PostgreSQL (1);
    a search that finds nothing with every word runs its count once more with any word."""
    references = _references()
    base = _visible_documents(user)
    any_word = False
    matched = None
    if filters.query.strip():
        matched = match_documents(base, filters.query)
        if matched is not None and not _apply(matched, filters, references=references).exists():
            any_word = True
            matched = match_documents(base, filters.query, any_word=True)
    documents = matched if matched is not None else base
    results = _apply(documents, filters, references=references)
    order = ("-rank", "-date", "-pk") if matched is not None else ("-date", "-pk")
    page: Page = Paginator(
        results.order_by(*order).only("pk", "key", "kind", "title", "summary", "body", "meta", "url", "date"),
        PAGE_SIZE,
    ).get_page(page_number)
    rows = list(page.object_list)
    marked = snippets(rows, filters.query) if matched is not None else {}
    page.object_list = [
        Result(
            document=row,
            kind_label=str(KIND_LABELS.get(row.kind, row.kind)).capitalize(),
            title=highlight(row.title, filters.query) if matched is not None else row.title,
            snippet=marked.get(row.pk) or row.summary[:300],
        )
        for row in rows
    ]
    return {
        "page": page,
        "any_word": any_word,
        "facets": _facets(documents, filters, references),
        "active": _active_filters(filters, references),
    }


def _url(filters: SearchFilters, name: str, value: str) -> str:
    params = filters.as_params()
    if value:
        params[name] = value
    else:
        params.pop(name, None)
    return "?" + urlencode(params)


def _counts(documents, filters: SearchFilters, name: str, references: dict) -> dict:
    scoped = _apply(documents, filters, skip=name, references=references)
    if name == "soort":
        return dict(scoped.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    if name == "bron":
        return dict(
            scoped.exclude(knowledge_source="")
            .values("knowledge_source")
            .annotate(n=Count("pk"))
            .values_list("knowledge_source", "n")
        )
    if name == "lijn":
        return dict(
            scoped.exclude(change_line=None)
            .values("change_line__code")
            .annotate(n=Count("pk"))
            .values_list("change_line__code", "n")
        )
    through = SearchDocument.challenges.through if name == "opgave" else SearchDocument.sectors.through
    column = "challenge_id" if name == "opgave" else "sector_id"
    return dict(
        through.objects.filter(searchdocument_id__in=scoped.values("pk"))
        .values(column)
        .annotate(n=Count("pk"))
        .values_list(column, "n")
    )


def _facets(documents, filters: SearchFilters, references: dict) -> list[Facet]:
    current = {
        "soort": filters.kind,
        "bron": filters.source,
        "opgave": filters.challenge,
        "lijn": filters.line,
        "sector": filters.sector,
    }
    options = {
        "soort": [(value, str(label).capitalize()) for value, label in KIND_LABELS.items()],
        "bron": [(value, str(label).capitalize()) for value, label in KnowledgeSource.choices],
        "opgave": [(c.slug, c.name) for c in references["challenges"]],
        "lijn": [(line.code, line.name.capitalize()) for line in references["lines"]],
        "sector": [(s.slug, s.name) for s in references["sectors"]],
    }
    ids = {
        "opgave": {c.slug: c.pk for c in references["challenges"]},
        "sector": {s.slug: s.pk for s in references["sectors"]},
    }
    labels = {
        "soort": _("Soort"),
        "bron": _("Kennisbron"),
        "opgave": _("Opgave"),
        "lijn": _("Verandertheorie"),
        "sector": _("Sector"),
    }
    facets = []
    for name in FACETS:
        counts = _counts(documents, filters, name, references)
        facet = Facet(name, labels[name])
        for value, label in options[name]:
            count = counts.get(ids[name][value] if name in ids else value, 0)
            active = current[name] == value
            if count or active:
                facet.values.append(
                    FacetValue(value, label, count, active, _url(filters, name, "" if active else value))
                )
        facets.append(facet)
    return facets


def _active_filters(filters: SearchFilters, references: dict) -> list[tuple[str, str]]:
    """(label, url without it) for each filter in use, to remove it with one link."""
    names = {
        "soort": lambda v: str(KIND_LABELS.get(v, v)).capitalize(),
        "bron": lambda v: str(dict(KnowledgeSource.choices).get(v, v)).capitalize(),
        "opgave": lambda v: getattr(references["challenges_by_slug"].get(v), "name", v),
        "lijn": lambda v: next((line.name for line in references["lines"] if line.code == v), v),
        "sector": lambda v: getattr(references["sectors_by_slug"].get(v), "name", v),
    }
    params = filters.as_params()
    return [(names[n](params[n]), _url(filters, n, "")) for n in FACETS if params.get(n)]


def item_detail(user, item: Item) -> dict:
    """An item with everything it shows, and what the user may do with it."""
    consents = list(item.consents.select_related("recorded_by", "withdrawn_by")) if permissions.can_review(user) else []
    return {
        "item": item,
        "challenges": list(item.challenges.order_by("number")),
        "sectors": list(item.sectors.order_by("order", Lower("name"))),
        "authors": list(item.author_organisations.order_by(Lower("name")).only("name", "slug")),
        "attachments": list(item.attachments.order_by("created_at", "pk")),
        "links": list(item.links.all()),
        "collections": list(Collection.objects.filter(entries__item=item).order_by(Lower("title")).distinct()),
        "consents": consents,
        "can_edit": permissions.can_edit_item(user, item),
        "can_submit": permissions.can_submit_item(user, item),
        "can_review": permissions.can_review(user),
        "people": _people(item),
    }


def _people(item: Item) -> dict:
    return {
        "submitted_by": item.submitted_by.name if item.submitted_by_id else "",
        "published_by": item.published_by.name if item.published_by_id else "",
        "withdrawn_by": item.withdrawn_by.name if item.withdrawn_by_id else "",
    }


def review_queue() -> list[Item]:
    """Items partners submitted, oldest first, for the team."""
    return list(
        Item.objects.filter(status=Item.Status.IN_REVIEW)
        .select_related("submitted_by")
        .prefetch_related("author_organisations")
        .order_by("submitted_at", "pk")
    )


def my_contributions(user) -> list[Item]:
    """The items the user's organisations wrote or the user started, any status."""
    own = permissions.partner_organisation_ids(user)
    authored = Item.author_organisations.through.objects.filter(organisation_id__in=own).values("item_id")
    return list(Item.objects.filter(Q(created_by=user) | Q(pk__in=authored)).order_by("-updated_at")[:200])


def collection_list() -> list[Collection]:
    """Every collection with its number of items, by title."""
    return list(Collection.objects.annotate(n=Count("entries")).order_by(Lower("title")))


def collection_detail(user, collection: Collection) -> dict:
    """A collection's items in their order, only those the user may see."""
    visible = permissions.visible_items(user).values("pk")
    entries = list(
        CollectionEntry.objects.filter(collection=collection, item__in=visible)
        .select_related("item")
        .order_by("position", "pk")
    )
    return {"collection": collection, "entries": entries, "can_manage": permissions.can_manage_collections(user)}


def items_for_collection(user, query: str) -> list[Item]:
    """Published items to add to a collection, found by title."""
    items = Item.objects.filter(status=Item.Status.PUBLISHED)
    if query.strip():
        items = items.filter(title__icontains=query.strip()[:100])
    return list(items.order_by("-published_at")[:20])


def activity_for_prefill(user, activity_id: object) -> Activity | None:
    """One of the user's own activities, to start a good practice from (None when it is not theirs)."""
    try:
        pk = int(activity_id)
    except (TypeError, ValueError):
        return None
    activity = (
        activity_permissions.visible_activities(user)
        .select_related("organisation", "change_line")
        .filter(pk=pk)
        .first()
    )
    if activity is None or not activity_permissions.can_edit_activities_of(user, activity.organisation):
        return None
    return activity


def prefill_from_activity(activity: Activity) -> dict:
    """The good-practice form filled from an activity: title, description, opgaven, line, target groups, authors."""
    return {
        "kind": ItemKind.GOOD_PRACTICE,
        "knowledge_source": KnowledgeSource.PRACTICE,
        "title": activity.title,
        "summary": activity.description[:800],
        "body": activity.description + "\n\n" + activity.involvement_explanation,
        "challenges": list(activity.challenges.all()),
        "change_line": activity.change_line,
        "target_groups": activity.target_groups,
        "author_organisations": activity.organisation.name,
    }


def report_initial(event) -> dict:
    """The report form of an event, filled with the report written before (if any)."""
    item = Item.objects.filter(event=event, kind=ItemKind.REPORT).first()
    if item is None:
        return {}
    return {"summary": item.summary, "shared": item.body, "lessons": item.lessons}


def api_items(user, filters: SearchFilters):
    """Published items the user may read that match the search and filters, newest first (the API's list)."""
    documents = _visible_documents(user).filter(key__startswith="item:")
    if filters.query.strip():
        documents = match_documents(documents, filters.query) or documents.none()
    documents = _apply(documents, filters, references=_references())
    ids = documents.annotate(item_id=Cast(Substr("key", 6), BigIntegerField())).values("item_id")
    return (
        permissions.visible_items(user)
        .filter(status=Item.Status.PUBLISHED, pk__in=ids)
        .select_related("change_line", "event")
        .prefetch_related("challenges", "sectors")
        .order_by("-published_at", "-pk")
    )
