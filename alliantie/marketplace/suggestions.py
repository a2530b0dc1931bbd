"""The matching for posts in the database: indexes of open posts and of partner organisations, built once per
process and rebuilt only when posts, partners or the synonyms change (checked in one query per request)."""

from dataclasses import dataclass
from threading import Lock

from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone

from alliantie.marketplace.matching.matcher import Matcher, OfferIndex, Suggestion
from alliantie.marketplace.matching.matcher import Post as MatchPost
from alliantie.marketplace.models import Post, SynonymGroup
from alliantie.partners.models import Organisation

_indexes: dict[str, tuple[tuple, OfferIndex]] = {}
_lock = Lock()


def _version() -> tuple:
    """Changes when a post, a partner, an activity or the synonyms change, and every day (posts expire)."""
    tables = {
        "posts": Post._meta.db_table,
        "organisations": Organisation._meta.db_table,
        "activities": Organisation._meta.get_field("activities").related_model._meta.db_table,
        "synonyms": SynonymGroup._meta.db_table,
    }
    sql = (
        f"SELECT (SELECT MAX(updated_at) FROM {tables['posts']}), "  # noqa: S608 - table names from the models
        f"(SELECT MAX(updated_at) FROM {tables['organisations']}), "
        f"(SELECT MAX(updated_at) FROM {tables['activities']}), (SELECT MAX(id) FROM {tables['synonyms']})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
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
        Post.objects.filter(
            kind=kind,
            status=Post.Status.OPEN,
            open_until__gte=timezone.localdate(),
        )
        .select_related("organisation__sector", "organisation__scope")
        .prefetch_related("challenges", "area_municipalities", "area_provinces")
    )


def _organisations_as_offers() -> list[MatchPost]:
    """Every partner as an offer: its description and activities say what it can help with."""
    activity_model = Organisation._meta.get_field("activities").related_model
    partners = (
        Organisation.objects.partners()
        .select_related("sector", "scope")
        .prefetch_related(
            "area_municipalities",
            "area_provinces",
            Prefetch("activities", queryset=activity_model.objects.prefetch_related("challenges")),
        )
    )
    result = []
    for organisation in partners:
        activities = list(organisation.activities.all())
        result.append(
            MatchPost(
                id=str(organisation.pk),
                kind="offer",
                title=organisation.name,
                body=" ".join([organisation.description] + [f"{a.title}. {a.description}" for a in activities]),
                challenges=sorted({c.slug for a in activities for c in a.challenges.all()}),
                area=[m.code for m in organisation.area_municipalities.all()]
                + [p.code for p in organisation.area_provinces.all()],
                sector=organisation.sector.slug,
                scope=organisation.scope.code,
                organisation=organisation.name,
            )
        )
    return result


def index(name: str) -> OfferIndex:
    """The index of open offers, open requests or partners, rebuilt when the data changed."""
    version = _version()
    with _lock:
        cached = _indexes.get(name)
        if cached and cached[0] == version:
            return cached[1]
        matcher = Matcher(list(SynonymGroup.objects.values_list("terms", flat=True)))
        if name == "partners":
            documents = _organisations_as_offers()
        else:
            documents = [as_match_post(p) for p in open_posts(name)]
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
