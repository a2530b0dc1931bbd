"""Who may read, write and moderate in the community. The only place that decides it for this app.

The community is for the people of partner organisations (active or dormant), coordinators of local alliances and the
project team; anyone else who is logged in gets 403, visitors go to the login page, and a member the team removed loses
access on their next request. Moderators are the team (every group) and a group's own moderators (the coordinators of
its local alliance). A post that is hidden or removed is shown as such to everyone but its author and the moderators.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from alliantie.accounts.permissions import is_coordinator, is_project_team
from alliantie.community import local_alliances
from alliantie.community.models import Attachment, Group, Post, Removal, Thread
from alliantie.core import tokens
from alliantie.partners.models import Membership, Organisation

EMAIL_LINK_PURPOSE = "community-email"


def _partner_member(user) -> bool:
    if "_community_partner" not in user.__dict__:
        user.__dict__["_community_partner"] = Membership.objects.filter(
            user=user, organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.DORMANT]
        ).exists()
    return user.__dict__["_community_partner"]


def is_removed(user) -> bool:
    """Removed from the community by the team (and not let back in); asked once per request."""
    if "_community_removed" not in user.__dict__:
        user.__dict__["_community_removed"] = Removal.objects.filter(user=user, lifted_at__isnull=True).exists()
    return user.__dict__["_community_removed"]


def is_community_member(user) -> bool:
    """Partners' people, coordinators and the team, unless the team removed them."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not (is_project_team(user) or is_coordinator(user) or _partner_member(user)):
        return False
    return not is_removed(user)


def require_member(user) -> None:
    """403 for anyone who is not a member of the community."""
    if not is_community_member(user):
        raise PermissionDenied


def visible_groups(user) -> QuerySet[Group]:
    """The groups a member may read: all that are open (the team also sees archived ones)."""
    require_member(user)
    groups = Group.objects.all() if is_project_team(user) else Group.objects.filter(is_archived=False)
    return groups


def get_group_for_user(user, slug: str) -> Group:
    """A group the person may read: 404 for an unknown or hidden one."""
    group = visible_groups(user).select_related("challenge").filter(slug=slug[:140]).first()
    if group is None or (
        group.kind == Group.Kind.LOCAL and not local_alliances.may_read(user, group.local_alliance_id)
    ):
        raise Http404
    return group


def can_moderate(user, group: Group) -> bool:
    """The team moderates every group; a group's own moderators (its local alliance's coordinators) theirs."""
    if not is_community_member(user):
        return False
    if is_project_team(user):
        return True
    if local_alliances.coordinates(user, group.local_alliance_id):
        return True
    known = user.__dict__.setdefault("_community_moderates", {})
    if group.pk not in known:
        known[group.pk] = group.moderators.filter(pk=user.pk).exists()
    return known[group.pk]


def moderated_groups(user) -> QuerySet[Group]:
    """The groups whose moderation queue the user sees."""
    if not is_community_member(user):
        return Group.objects.none()
    if is_project_team(user):
        return Group.objects.all()
    return Group.objects.filter(moderators=user)


def can_moderate_anything(user) -> bool:
    """The team, and members who moderate at least one group."""
    return is_project_team(user) or (is_community_member(user) and moderated_groups(user).exists())


def can_post(user, group: Group, thread: Thread | None = None) -> bool:
    """A member may post in a group that is not archived, in a thread that is not locked."""
    return is_community_member(user) and not group.is_archived and (thread is None or not thread.is_locked)


def get_thread_for_user(user, group: Group, pk: int) -> Thread:
    """A thread of the group: 404 for an unknown one."""
    thread = (
        Thread.objects.select_related("group", "author", "answer", "knowledge_item").filter(group=group, pk=pk).first()
    )
    if thread is None:
        raise Http404
    return thread


def post_is_readable(user, post: Post, group: Group) -> bool:
    """Everyone reads visible posts; the author and moderators also what was hidden or removed."""
    return post.status == Post.Status.VISIBLE or post.author_id == user.pk or can_moderate(user, group)


def get_post_for_user(user, pk: int) -> Post:
    """A post in a group the member may read (404 otherwise)."""
    require_member(user)
    posts = Post.objects.select_related("thread__group", "author", "moderated_by").filter(pk=pk)
    if not is_project_team(user):
        posts = posts.filter(thread__group__is_archived=False)
    post = posts.first()
    if post is None or not post_is_readable(user, post, post.thread.group):
        raise Http404
    group = post.thread.group
    if group.kind == Group.Kind.LOCAL and not local_alliances.may_read(user, group.local_alliance_id):
        raise Http404
    return post


def can_edit_post(user, post: Post) -> bool:
    """The author changes their own post, as long as a moderator has not removed it."""
    return post.author_id == user.pk and post.status != Post.Status.REMOVED and can_post(user, post.thread.group)


def get_post_for_editing(user, pk: int) -> Post:
    """A post its author may still change: 404 if unseen, 403 for others."""
    post = get_post_for_user(user, pk)
    if not can_edit_post(user, post):
        raise PermissionDenied
    return post


def can_flag(user, post: Post) -> bool:
    """Any member may flag someone else's visible post, once."""
    return is_community_member(user) and post.author_id != user.pk and post.status == Post.Status.VISIBLE


def get_post_for_moderation(user, pk: int) -> Post:
    """A post for a moderator of its group: 404 if unseen, 403 for others."""
    post = get_post_for_user(user, pk)
    if not can_moderate(user, post.thread.group):
        raise PermissionDenied
    return post


def can_accept_answer(user, thread: Thread) -> bool:
    """The person who asked the question marks the answer that helped."""
    return thread.is_question and thread.author_id == user.pk and is_community_member(user)


def can_turn_into_knowledge(user) -> bool:
    """The team turns a good thread into a kennisbank item."""
    return is_project_team(user)


def can_manage_groups(user) -> bool:
    """The team makes and changes groups and names their moderators."""
    return is_project_team(user)


def can_remove_members(user) -> bool:
    """The team removes a member from the community (and lets them back in)."""
    return is_project_team(user)


def get_removal_for_user(user, pk: int) -> Removal:
    """A current removal from the community, for the team: 403 for others, 404 if unknown."""
    if not can_remove_members(user):
        raise PermissionDenied
    removal = Removal.objects.select_related("user").filter(pk=pk, lifted_at__isnull=True).first()
    if removal is None:
        raise Http404
    return removal


def get_attachment_for_user(user, pk: int) -> Attachment:
    """An attachment of a post the person may read: 404 otherwise."""
    attachment = Attachment.objects.select_related("post__thread__group").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    get_post_for_user(user, attachment.post_id)
    return attachment


def email_token(user) -> str:
    """The person's own link in community mail to stop that mail (no login needed)."""
    return tokens.make(EMAIL_LINK_PURPOSE, user.pk)


def get_person_for_email_token(token: str):
    """The person whose community-mail link this is; None for a link we did not make."""
    from alliantie.accounts.models import User

    pk = tokens.read(EMAIL_LINK_PURPOSE, token)
    return User.objects.filter(pk=pk).first() if pk is not None else None


def get_reply_target(thread: Thread, pk: int | None) -> Post | None:
    """The post a reply answers, if it is in the same thread."""
    return thread.posts.filter(pk=pk).first() if pk else None
