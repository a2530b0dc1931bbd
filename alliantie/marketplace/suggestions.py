"""The matching for posts in the database: indexes of open posts and of partner organisations.

An index is built by a background task (`tasks.build_matching_index`) when the data it depends on changed, and
stored in the database (`MatchingIndex`) where every app server reads it. A page uses the last index built: it
never builds one itself. Each process keeps a read copy of the stored index it loaded, by build time, so an index is
unpickled once per process per build, and all servers serve the same build.
"""

import pickle  # noqa: S403 - we only unpickle what our own task stored in our own database
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from alliantie.core import versions
from alliantie.marketplace import synonyms
from alliantie.marketplace.matching.matcher import Matcher, OfferIndex, Suggestion
from alliantie.marketplace.matching.matcher import Post as MatchPost
from alliantie.marketplace.models import MatchingIndex, Post
from alliantie.partners.models import Organisation

INDEXES = ("offer", "request", "partners")

# Read copies of stored indexes, by name: (built_at, index). Never a source of truth: the database decides which
# build is current, this only saves unpickling it on every request.
_loaded: dict[str, tuple[object, OfferIndex]] = {}


def data_version(name: str) -> str:
    """What an index depends on: the posts of its kind (a new request leaves the offer index alone) or the
    partners and activities; the synonyms; and the day (posts expire). One query."""
    depends = versions.PARTNERS if name == "partners" else versions.posts(name)
    numbers = versions.current(depends, versions.SYNONYMS)
    return f"{name}:{numbers[0]}:{numbers[1]}:{timezone.localdate().isoformat()}"


def as_match_post(post: Post) -> MatchPost:
    """A post as the matching reads it (challenges, places and sector loaded with it)."""
    return MatchPost(
        id=str(post.pk),
        kind=post.kind,
        title=post.title,
        body=post.body,
        challenges=[c.slug for c in post.challenges.all()],
        help=list(post.help_types),
        area=[m.code for m in post.area_municipalities.all()] + [p.code for p in post.area_provinces.all()],
        sector=post.organisation.sector.slug,
        scope=post.organisation.scope.code,
        organisation=post.organisation.name,
    )


def open_posts(kind: str):
    return (
        Post.objects.filter(kind=kind, status=Post.Status.OPEN, open_until__gte=timezone.localdate())
        .select_related("organisation__sector", "organisation__scope")
        .prefetch_related("challenges", "area_municipalities", "area_provinces")
    )


def _grouped(rows) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for key, value in rows:
        result.setdefault(key, []).append(value)
    return result


def _open_posts_as_match_posts(kind: str) -> list[MatchPost]:
    """Every open post of a kind in five flat queries (prefetching took seconds at national scale)."""
    posts = Post.objects.filter(kind=kind, status=Post.Status.OPEN, open_until__gte=timezone.localdate())
    ids = posts.values("pk")
    challenges = _grouped(
        Post.challenges.through.objects.filter(post__in=ids).values_list("post_id", "challenge__slug")
    )
    places = _grouped(
        Post.area_municipalities.through.objects.filter(post__in=ids).values_list("post_id", "municipality__code")
    )
    provinces = _grouped(
        Post.area_provinces.through.objects.filter(post__in=ids).values_list("post_id", "province__code")
    )
    fields = ("pk", "title", "body", "help_types", "organisation__sector__slug", "organisation__scope__code")
    return [
        MatchPost(
            id=str(pk),
            kind=kind,
            title=title,
            body=body,
            challenges=challenges.get(pk, []),
            help=list(help_types),
            area=places.get(pk, []) + provinces.get(pk, []),
            sector=sector,
            scope=scope,
        )
        for pk, title, body, help_types, sector, scope in posts.values_list(*fields)
    ]


def _organisations_as_offers() -> list[MatchPost]:
    """Every partner as an offer: its description and activities say what it can help with. Flat queries."""
    activity_model = Organisation._meta.get_field("activities").related_model
    partners = Organisation.objects.partners()
    ids = partners.values("pk")
    texts = _grouped(
        (organisation_id, f"{title}. {description}")
        for organisation_id, title, description in activity_model.objects.filter(organisation__in=ids).values_list(
            "organisation_id", "title", "description"
        )
    )
    challenges = _grouped(
        activity_model.challenges.through.objects.filter(activity__organisation__in=ids)
        .values_list("activity__organisation_id", "challenge__slug")
        .distinct()
    )
    places = _grouped(
        Organisation.area_municipalities.through.objects.filter(organisation__in=ids).values_list(
            "organisation_id", "municipality__code"
        )
    )
    provinces = _grouped(
        Organisation.area_provinces.through.objects.filter(organisation__in=ids).values_list(
            "organisation_id", "province__code"
        )
    )
    return [
        MatchPost(
            id=str(pk),
            kind="offer",
            title=name,
            body=" ".join([description, *texts.get(pk, [])]),
            challenges=sorted(set(challenges.get(pk, []))),
            area=places.get(pk, []) + provinces.get(pk, []),
            sector=sector,
            scope=scope,
            organisation=name,
        )
        for pk, name, description, sector, scope in partners.values_list(
            "pk", "name", "description", "sector__slug", "scope__code"
        )
    ]


def build(name: str) -> OfferIndex:
    """Analyse every open post of a kind, or every partner, into an index (seconds at national scale)."""
    matcher = Matcher(synonyms.team_lines())
    documents = _organisations_as_offers() if name == "partners" else _open_posts_as_match_posts(name)
    return OfferIndex(matcher, documents, partners=name == "partners")


def store(name: str, *, force: bool = False) -> bool:
    """Build and store an index unless the stored one is already of the current data (the background task).
    Returns whether it built."""
    wanted = data_version(name)
    if not force and MatchingIndex.objects.filter(name=name, data_version=wanted).exists():
        return False
    payload = pickle.dumps(build(name), protocol=pickle.HIGHEST_PROTOCOL)
    MatchingIndex.objects.update_or_create(
        name=name,
        defaults={"data_version": wanted, "built_at": timezone.now(), "payload": payload, "rebuild_requested_for": ""},
    )
    return True


def index(name: str) -> OfferIndex | None:
    """The last built index of open offers, open requests or partners (None before the first build). When its
    data changed since, a rebuild is asked for once, in the background. Two small queries."""
    wanted = data_version(name)
    stored = MatchingIndex.objects.filter(name=name).values("data_version", "built_at").first()
    if stored is None or stored["data_version"] != wanted:
        _request_rebuild(name, wanted, exists=stored is not None)
    if stored is None:
        return None
    loaded = _loaded.get(name)
    if loaded is None or loaded[0] != stored["built_at"]:
        row = MatchingIndex.objects.filter(name=name).values("built_at", "payload").first()
        if row is None:
            return None
        loaded = (row["built_at"], pickle.loads(bytes(row["payload"])))  # noqa: S301 - our own stored index
        _loaded[name] = loaded
    return loaded[1]


def _request_rebuild(name: str, wanted: str, *, exists: bool) -> None:
    """Ask for one rebuild per data version, however many requests notice it (a conditional update)."""
    from alliantie.marketplace.tasks import build_matching_index

    if exists:
        asked = (
            MatchingIndex.objects.filter(name=name)
            .exclude(rebuild_requested_for=wanted)
            .update(rebuild_requested_for=wanted)
        )
        if not asked:
            return
    transaction.on_commit(lambda: build_matching_index.enqueue(name))


def _match(built: OfferIndex | None, query: MatchPost, top: int, reverse: bool = False) -> list[Suggestion]:
    return built.match(query, top, reverse=reverse) if built is not None else []


@dataclass
class Suggested:
    post: Post | None
    organisation: Organisation
    suggestion: Suggestion
    others: list["Suggested"] = field(default_factory=list)  # the same text posted by other organisations

    @property
    def organisations(self) -> list[Organisation]:
        return [self.organisation, *(other.organisation for other in self.others)]


def _same_text(post: Post) -> str:
    return " ".join(f"{post.title} {post.body}".casefold().split())


def merge_same_texts(items: list[Suggested]) -> list[Suggested]:
    """One suggestion per text: an offer that two organisations posted in the same words is shown once, with both
    (a network often shares one text); the best-ranked keeps its place."""
    merged: dict[str, Suggested] = {}
    for item in items:
        key = _same_text(item.post) if item.post is not None else f"organisation:{item.organisation.pk}"
        if key in merged:
            if item.organisation.pk not in {o.pk for o in merged[key].organisations}:
                merged[key].others.append(item)  # the same organisation's second copy is left out
        else:
            merged[key] = item
    return list(merged.values())


def suggestions_for(post: Post, top: int = 8) -> dict[str, list[Suggested]]:
    """For a request: open offers and partner organisations; for an offer: open requests. Never its own."""
    query = as_match_post(post)
    own = post.organisation_id
    if post.kind == Post.Kind.REQUEST:
        offers = _match(index("offer"), query, top * 2)
        partners = _match(index("partners"), query, top * 2)
    else:
        offers = _match(index("request"), query, top * 2, reverse=True)
        partners = []
    posts = {str(p.pk): p for p in Post.objects.filter(pk__in=[s.id for s in offers]).select_related("organisation")}
    organisations = Organisation.objects.in_bulk([int(s.id) for s in partners])
    return {
        "posts": merge_same_texts(
            [
                Suggested(posts[s.id], posts[s.id].organisation, s)
                for s in offers
                if s.id in posts and posts[s.id].organisation_id != own
            ]
        )[:top],
        "partners": [
            Suggested(None, organisations[int(s.id)], s)
            for s in partners
            if int(s.id) in organisations and int(s.id) != own
        ][:top],
    }
