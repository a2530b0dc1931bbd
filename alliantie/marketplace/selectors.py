"""Reads for the marketplace pages, each in a fixed number of queries."""

import statistics
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Min, Q
from django.db.models.functions import Lower
from django.utils import timezone

from alliantie.core import tokens
from alliantie.core.search import search
from alliantie.marketplace import permissions
from alliantie.marketplace.matching.matcher import Post as MatchPost
from alliantie.marketplace.models import DigestSubscription, HelpType, Introduction, Post
from alliantie.marketplace.suggestions import index, suggestions_for
from alliantie.partners.models import Organisation

PAGE_SIZE = 20
AreaMunicipality = Post.area_municipalities.through
AreaProvince = Post.area_provinces.through


def filtered_posts(user, data: dict):
    """Open posts with the filters (kind, help, opgave, province, municipalities; the search words in Dutch)."""
    posts = permissions.visible_posts(user).filter(status=Post.Status.OPEN, open_until__gte=timezone.localdate())
    if data.get("soort"):
        posts = posts.filter(kind=data["soort"])
    if data.get("hulp"):
        # The JSON list as text holds each chosen kind in quotes; this reads the same on PostgreSQL and SQLite.
        posts = posts.filter(help_types__icontains=f'"{data["hulp"]}"')
    if data.get("opgave"):
        posts = posts.filter(challenges=data["opgave"])
    # Uncorrelated subqueries: PostgreSQL hashes each once, where EXISTS per row cost three probes a post.
    placed = Q(pk__in=AreaMunicipality.objects.values("post_id")) | Q(pk__in=AreaProvince.objects.values("post_id"))
    if data.get("provincie"):
        province = data["provincie"]
        posts = posts.filter(
            ~placed
            | Q(pk__in=AreaProvince.objects.filter(province=province).values("post_id"))
            | Q(pk__in=AreaMunicipality.objects.filter(municipality__province=province).values("post_id"))
        )
    for municipality in data.get("gemeente") or []:
        posts = posts.filter(
            ~placed
            | Q(pk__in=AreaMunicipality.objects.filter(municipality=municipality).values("post_id"))
            | Q(pk__in=AreaProvince.objects.filter(province_id=municipality.province_id).values("post_id"))
        )
    if data.get("zoek") and data.get("sorteer") != "best":
        posts = search(posts, data["zoek"], "title", "body")
    return posts


def post_list(user, data: dict, page_number: object) -> dict:
    """Open posts with the filters; newest first, or best matching the search words."""
    posts = filtered_posts(user, data)
    ranked_ids = (
        _best_matching(data["zoek"], data.get("soort")) if data.get("zoek") and data.get("sorteer") == "best" else None
    )
    if ranked_ids is not None:
        found = set(posts.values_list("pk", flat=True))
        page: Page = Paginator([pk for pk in ranked_ids if pk in found], PAGE_SIZE).get_page(page_number)
    else:
        page = Paginator(posts.order_by("-created_at", "-pk").values_list("pk", flat=True), PAGE_SIZE).get_page(
            page_number
        )
    # The page's posts in a second query: joined into the filters, PostgreSQL misjudged the plan (seconds).
    ids = list(page.object_list)
    rows = Post.objects.filter(pk__in=ids).select_related("organisation").prefetch_related("challenges")
    by_pk = {post.pk: post for post in rows}
    page.object_list = [by_pk[pk] for pk in ids]
    return {"page": page}


def _best_matching(words: str, kind: str | None) -> list[int]:
    """Open posts ranked by the matching for the search words, as if they were a request."""
    query = MatchPost(id="zoek", kind="request", title=words, body="")
    kinds = [kind] if kind else ["offer", "request"]
    scored = []
    for name in kinds:
        built = index(name)
        scored += built.match(query, 200) if built is not None else []
    scored.sort(key=lambda s: -s.score)
    return [int(s.id) for s in scored]


def post_detail(user, post: Post) -> dict:
    """A post, who may do what with it, its introductions and (for those who may introduce) the suggestions."""
    can_edit = permissions.can_edit_post(user, post)
    can_introduce = permissions.can_introduce(user, post)
    introductions = list(
        permissions.visible_introductions(user).filter(post=post).select_related("other", "other_post")
    )
    return {
        "post": post,
        "challenges": list(post.challenges.order_by("number")),
        "municipalities": list(post.area_municipalities.order_by(Lower("name"))),
        "provinces": list(post.area_provinces.order_by(Lower("name"))),
        "help_labels": [str(HelpType(h).label) for h in post.help_types if h in HelpType.values],
        "can_edit": can_edit,
        "can_introduce": can_introduce and post.is_open,
        "introductions": introductions,
        "introduced": {i.other_id for i in introductions},
        "suggestions": suggestions_for(post) if can_introduce and post.is_open else None,
    }


@dataclass
class IntroductionStats:
    total: int
    by_status: dict[str, int]
    median_days_to_first: float | None


def introductions_overview(user) -> dict:
    """Every introduction the user may see, with the outcome counts and the time from post to introduction."""
    introductions = list(
        permissions.visible_introductions(user)
        .select_related("post", "poster", "other", "introduced_by")
        .order_by("-created_at")[:500]
    )
    by_status = {label: 0 for _value, label in Introduction.Status.choices}
    for introduction in introductions:
        by_status[introduction.get_status_display()] += 1
    firsts = (
        Post.objects.filter(pk__in={i.post_id for i in introductions})
        .annotate(first=Min("introductions__created_at"))
        .values_list("created_at", "first")
    )
    days = [(first - created).total_seconds() / 86400 for created, first in firsts if first]
    stats = IntroductionStats(len(introductions), by_status, round(statistics.median(days), 1) if days else None)
    return {"introductions": introductions, "stats": stats}


def organisation_for_introduction(pk: int) -> Organisation | None:
    """The partner to introduce, or None when it is no partner (any more)."""
    return Organisation.objects.partners().filter(pk=pk).first()


def post_for_introduction(pk: int | None) -> Post | None:
    """The open post an introduction is about, or None."""
    return Post.objects.filter(pk=pk, status=Post.Status.OPEN).first() if pk else None


def digest_choices(user) -> list[tuple[Organisation, bool]]:
    """Per organisation the user posts for, whether the weekly e-mail is on."""
    on = set(
        DigestSubscription.objects.filter(membership__user=user).values_list("membership__organisation_id", flat=True)
    )
    return [(o, o.pk in on) for o in permissions.posting_organisations(user)]


def organisation_of(post: Post):
    """The organisation of a post as the only choice of the edit form (a post does not change hands)."""
    return Organisation.objects.filter(pk=post.organisation_id)


def find_introduction_by_token(token: str) -> Introduction | None:
    """The introduction behind a signed answer link, or None for a link that is wrong or not ours."""
    pk = tokens.read(Introduction.LINK_PURPOSE, token)
    return Introduction.objects.select_related("post", "poster", "other").filter(pk=pk).first() if pk else None
