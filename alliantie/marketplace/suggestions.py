"""The matching for posts in the database: indexes of open posts and of partner organisations, built once per
process and rebuilt only when posts, partners or the synonyms change (checked in one query per request)."""

from dataclasses import dataclass
from threading import Lock

from django.db import connection
from django.utils import timezone

from alliantie.marketplace.matching.matcher import Matcher, OfferIndex, Suggestion
from alliantie.marketplace.matching.matcher import Post as MatchPost
from alliantie.marketplace.models import Post, SynonymGroup
from alliantie.partners.models import Organisation

_indexes: dict[str, tuple[tuple, OfferIndex]] = {}
_lock = Lock()


def _version(name: str) -> tuple:
    """What an index depends on, in one indexed query: the posts of its kind for a post index (a new request
    leaves the offer index alone), partners and activities for the partner index; the synonyms for both; and
    the day (posts expire)."""
    synonyms = f"(SELECT MAX(id) FROM {SynonymGroup._meta.db_table})"  # noqa: S608 - table names from the models
    if name == "partners":
        activities = Organisation._meta.get_field("activities").related_model._meta.db_table
        sql = (
            f"SELECT (SELECT MAX(updated_at) FROM {Organisation._meta.db_table}), "  # noqa: S608
            f"(SELECT MAX(updated_at) FROM {activities}), {synonyms}"
        )
        params: list[str] = []
    else:
        sql = f"SELECT (SELECT MAX(updated_at) FROM {Post._meta.db_table} WHERE kind = %s), {synonyms}"  # noqa: S608
        params = [name]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return (*cursor.fetchone(), timezone.localdate())


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


def index(name: str) -> OfferIndex:
    """The index of open offers, open requests or partners, rebuilt when the data changed."""
    version = _version(name)
    with _lock:
        cached = _indexes.get(name)
        if cached and cached[0] == version:
            return cached[1]
        matcher = Matcher(list(SynonymGroup.objects.values_list("terms", flat=True)))
        if name == "partners":
            documents = _organisations_as_offers()
        else:
            documents = _open_posts_as_match_posts(name)
        built = OfferIndex(matcher, documents)
        _indexes[name] = (version, built)
        return built


@dataclass
class Suggested:
    post: Post | None
    organisation: Organisation
    suggestion: Suggestion


def suggestions_for(post: Post, top: int = 8) -> dict[str, list[Suggested]]:
    """For a request: open offers and partner organisations; for an offer: open requests. Never its own."""
    query = as_match_post(post)
    own = post.organisation_id
    if post.kind == Post.Kind.REQUEST:
        offers = index("offer").match(query, top * 2)
        partners = index("partners").match(query, top * 2)
    else:
        offers = index("request").match(query, top * 2, reverse=True)
        partners = []
    posts = {str(p.pk): p for p in Post.objects.filter(pk__in=[s.id for s in offers]).select_related("organisation")}
    organisations = Organisation.objects.in_bulk([int(s.id) for s in partners])
    return {
        "posts": [
            Suggested(posts[s.id], posts[s.id].organisation, s)
            for s in offers
            if s.id in posts and posts[s.id].organisation_id != own
        ][:top],
        "partners": [
            Suggested(None, organisations[int(s.id)], s)
            for s in partners
            if int(s.id) in organisations and int(s.id) != own
        ][:top],
    }
