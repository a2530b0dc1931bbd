"""Who may see, post, change and introduce in the marketplace. The only place that decides it."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from alliantie.accounts.permissions import is_project_team
from alliantie.marketplace.models import Introduction, Post
from alliantie.partners.models import Membership, Organisation

PARTNER = [Organisation.Status.ACTIVE, Organisation.Status.DORMANT]


def posting_organisations(user) -> QuerySet[Organisation]:
    """The partner organisations the user belongs to: it posts on their behalf."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    own = Membership.objects.filter(user=user).values("organisation_id")
    return Organisation.objects.filter(pk__in=own, status__in=PARTNER).order_by(Lower("name"))


def can_use_marketplace(user) -> bool:
    """Posts are for logged-in partners and the project team, not the public."""
    return is_project_team(user) or posting_organisations(user).exists()


def visible_posts(user) -> QuerySet[Post]:
    """All posts for partners and the team (only partners post, and a former partner's posts are closed when
    it stops: `signals.py`); nothing for others."""
    if not can_use_marketplace(user):
        return Post.objects.none()
    return Post.objects.all()


def is_poster(user, post: Post) -> bool:
    """Whether the user posts for the post's organisation."""
    return posting_organisations(user).filter(pk=post.organisation_id).exists()


def can_edit_post(user, post: Post) -> bool:
    """The poster's people change and close a post; the team may too."""
    return is_project_team(user) or is_poster(user, post)


def get_post_for_user(user, pk: int, *, write: bool = False) -> Post:
    """A post the user may see (403 for non-partners, 404 if unknown); with write, one it may change (403)."""
    if not can_use_marketplace(user):
        raise PermissionDenied
    post = visible_posts(user).select_related("organisation", "organisation__sector").filter(pk=pk).first()
    if post is None:
        raise Http404
    if write and not can_edit_post(user, post):
        raise PermissionDenied
    return post


def can_introduce(user, post: Post) -> bool:
    """The team introduces partners, and so do the poster's own people from a suggestion."""
    return is_project_team(user) or is_poster(user, post)


def can_see_all_introductions(user) -> bool:
    """The project team sees every introduction."""
    return is_project_team(user)


def visible_introductions(user) -> QuerySet[Introduction]:
    """The team sees every introduction; a partner the ones its organisation is part of."""
    if is_project_team(user):
        return Introduction.objects.all()
    own = posting_organisations(user).values("pk")
    return Introduction.objects.filter(poster__in=own) | Introduction.objects.filter(other__in=own)


def get_introduction_for_user(user, pk: int) -> Introduction:
    """An introduction the user is part of, or any for the team (404 otherwise)."""
    if not can_use_marketplace(user):
        raise PermissionDenied
    introduction = (
        visible_introductions(user).select_related("post", "poster", "other", "other_post").filter(pk=pk).first()
    )
    if introduction is None:
        raise Http404
    return introduction
