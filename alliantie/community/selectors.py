"""Every read of the community, each with a fixed number of queries whatever the number of groups, threads and posts."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.safestring import SafeString

from alliantie.accounts.models import User
from alliantie.community import permissions, text
from alliantie.community.models import (
    Attachment,
    Flag,
    Frequency,
    Group,
    GroupMember,
    Notification,
    Post,
    Profile,
    Removal,
    Thread,
    ThreadRead,
)
from alliantie.core import consent, search
from alliantie.core.models import PersonalConsent
from alliantie.partners.models import Organisation

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 50
NOTIFICATIONS_PER_PAGE = 30
MEMBER_HINTS = 40


def _unread_threads(user, group_ids) -> dict[int, int]:
    """Per group: threads with posts after the person last read them (or joined the group). One grouped query."""
    read = ThreadRead.objects.filter(user=user, thread=OuterRef("pk")).values("last_read_at")[:1]
    joined = GroupMember.objects.filter(user=user, group=OuterRef("group_id")).values("joined_at")[:1]
    rows = (
        Thread.objects.filter(group_id__in=group_ids)
        .annotate(seen=Coalesce(Subquery(read), Subquery(joined)))
        .filter(seen__isnull=False, last_post_at__gt=F("seen"))
        .values("group_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["group_id"]: row["n"] for row in rows}


def unread_notifications(user) -> int:
    """How many notifications the person has not read."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def overview(user) -> dict:
    """The community's front page: the groups (mine first) with their activity and what is new to me, the latest
    threads everywhere, and whether I get mail."""
    # 1: the groups
    groups = list(permissions.visible_groups(user).select_related("challenge").order_by("kind", Lower("name")))
    # 2: my memberships
    mine = dict(GroupMember.objects.filter(user=user).values_list("group_id", "email_frequency"))
    # 3: unread threads per group of mine
    unread = _unread_threads(user, list(mine))
    for group in groups:
        group.is_mine, group.unread = group.pk in mine, unread.get(group.pk, 0)
    # 4: the latest threads in groups I may read
    latest = list(
        Thread.objects.filter(group__in=[g.pk for g in groups])
        .select_related("group", "author")
        .order_by("-last_post_at", "-pk")[:10]
    )
    return {
        "my_groups": [g for g in groups if g.is_mine],
        "other_groups": [g for g in groups if not g.is_mine],
        "latest": latest,
        # 5: unread notifications; 6: consent for mail
        "unread_notifications": unread_notifications(user),
        "gets_mail": consent.active(user.email, PersonalConsent.Purpose.COMMUNITY) is not None
        and any(f != Frequency.NEVER for f in mine.values()),
        # 7: the moderation queue's size (for moderators)
        "queue_size": moderation_queue_size(user),
    }


def moderation_queue_size(user) -> int:
    """How many flagged or hidden posts wait for this moderator (0 for others)."""
    if not permissions.can_moderate_anything(user):
        return 0
    return _queue(user).count()


def _queue(user):
    groups = permissions.moderated_groups(user)
    return Post.objects.filter(thread__group__in=groups).filter(Q(open_flags__gt=0) | Q(status=Post.Status.HIDDEN))


def group_page(user, group: Group, page_number: object) -> dict:
    """A group: its threads, most recently active first, with what is new to me; whether I joined."""
    read = ThreadRead.objects.filter(user=user, thread=OuterRef("pk")).values("last_read_at")[:1]
    # 1: my membership
    member = GroupMember.objects.filter(group=group, user=user).first()
    # 2: the count, 3: the page of threads with the first post's author and whether I read them
    threads = (
        Thread.objects.filter(group=group)
        .select_related("author")
        .annotate(last_read_at=Subquery(read))
        .order_by("-last_post_at", "-pk")
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    rows = list(page.object_list)
    since = member.joined_at if member else None
    for thread in rows:
        thread.group = group  # the links need the group's address; no query per thread
        seen = thread.last_read_at or since
        thread.is_new = seen is not None and thread.last_post_at > seen
    page.object_list = rows
    return {
        "group": group,
        "page": page,
        "member": member,
        # 4: the moderators
        "moderators": list(group.moderators.order_by(Lower("name")).only("pk", "name")),
        "can_moderate": permissions.can_moderate(user, group),
    }


@dataclass
class ShownPost:
    post: Post
    html: SafeString
    readable: bool
    flagged_by_me: bool
    can_edit: bool
    can_flag: bool
    can_accept: bool


def names_for(bodies: list[str]) -> tuple[dict[int, str], dict[int, tuple[str, str]]]:
    """The current names of the people and organisations mentioned in these texts (two queries)."""
    people_ids, organisation_ids = text.token_ids(bodies)
    # Always both queries (an empty list would skip one), so a page costs the same whatever was mentioned.
    people = dict(User.objects.filter(pk__in=[*people_ids, 0]).values_list("pk", "name"))
    organisations = {
        o.pk: (o.name, reverse("partners:organisation-detail", kwargs={"slug": o.slug}))
        for o in Organisation.objects.filter(pk__in=[*organisation_ids, 0]).only("pk", "name", "slug")
    }
    return people, organisations


def thread_page(user, group: Group, thread: Thread, page_number: object, post_id: object = None) -> dict:
    """A thread with its posts shown safely (a hidden or removed post as such, except to its author and moderators),
    its attachments, what I flagged, and who in the group I can mention."""
    moderator = permissions.can_moderate(user, group)
    # 1: the count, 2: the posts with their authors and moderators, 3: their attachments
    posts = Post.objects.filter(thread=thread).select_related("author", "moderated_by").order_by("created_at", "pk")
    paginator = Paginator(
        posts.prefetch_related(Prefetch("attachments", Attachment.objects.order_by("pk"))), POSTS_PER_PAGE
    )
    if str(post_id or "").isdigit():  # a link to one post: the page it is on (one more query)
        before = Post.objects.filter(thread=thread, pk__lt=int(post_id)).count()
        page_number = before // POSTS_PER_PAGE + 1
    elif page_number == "last":
        page_number = paginator.num_pages
    page = paginator.get_page(page_number)
    rows = list(page.object_list)
    # 4, 5: the names of the people and organisations mentioned
    people, organisations = names_for([p.body for p in rows])
    # 6: which of these posts I flagged
    flagged = set(Flag.objects.filter(post__in=rows, flagged_by=user).values_list("post_id", flat=True))
    accept = permissions.can_accept_answer(user, thread)
    member_ok = permissions.can_post(user, group, thread)
    shown = []
    for post in rows:
        readable = post.status == Post.Status.VISIBLE or post.author_id == user.pk or moderator
        shown.append(
            ShownPost(
                post=post,
                html=text.render(post.body, people, organisations) if readable else SafeString(""),
                readable=readable,
                flagged_by_me=post.pk in flagged,
                can_edit=member_ok and post.author_id == user.pk and post.status != Post.Status.REMOVED,
                can_flag=post.author_id != user.pk and post.status == Post.Status.VISIBLE and post.pk not in flagged,
                can_accept=accept and not post.is_opening and post.status == Post.Status.VISIBLE,
            )
        )
    page.object_list = shown
    # 7: who can be mentioned here (a hint; the form takes any member's handle), 8: how many members
    hints = list(
        Profile.objects.filter(user__community_groups__group=group, user__is_active=True)
        .select_related("user")
        .order_by(Lower("user__name"))[:MEMBER_HINTS]
    )
    return {
        "group": group,
        "thread": thread,
        "page": page,
        "can_moderate": moderator,
        "can_post": member_ok,
        "can_to_knowledge": permissions.can_turn_into_knowledge(user) and not thread.knowledge_item_id,
        "mention_hints": hints,
        "member_count": GroupMember.objects.filter(group=group).count(),
    }


def notifications_page(user, page_number: object) -> dict:
    """My notifications, newest first (three queries)."""
    found = (
        Notification.objects.filter(user=user).select_related("thread__group", "actor").order_by("-created_at", "-pk")
    )
    page = Paginator(found, NOTIFICATIONS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    return {"page": page, "unread": unread_notifications(user)}


def moderation_page(user, page_number: object) -> dict:
    """Posts with open flags or hidden, in the groups I moderate, oldest first, with the flags' reasons."""
    queue = (
        _queue(user)
        .select_related("thread__group", "author")
        .prefetch_related(Prefetch("flags", Flag.objects.filter(decided_at__isnull=True).select_related("flagged_by")))
        .order_by("created_at", "pk")
    )
    page = Paginator(queue, THREADS_PER_PAGE).get_page(page_number)
    rows = list(page.object_list)
    people, organisations = names_for([p.body for p in rows])
    for post in rows:
        post.html = text.render(post.body, people, organisations)
    page.object_list = rows
    removals = list(
        Removal.objects.filter(lifted_at__isnull=True).select_related("user", "removed_by")[:100]
        if permissions.can_remove_members(user)
        else []
    )
    return {"page": page, "removals": removals, "can_remove": permissions.can_remove_members(user)}


def search_page(user, query: str, page_number: object) -> dict:
    """Threads whose title or a visible post matches every word (Dutch stemming on PostgreSQL), in groups I read.
    Only for members; the community is never in the site's public search."""
    groups = permissions.visible_groups(user)
    if not query:
        return {"page": None, "query": ""}
    by_title = search.search(Thread.objects.filter(group__in=groups), query, "title").values("pk")
    by_post = search.search(
        Post.objects.filter(status=Post.Status.VISIBLE, thread__group__in=groups), query, "body"
    ).values("thread_id")
    found = (
        Thread.objects.filter(Q(pk__in=by_title) | Q(pk__in=by_post))
        .select_related("group", "author")
        .order_by("-last_post_at", "-pk")
    )
    page = Paginator(found, THREADS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    return {"page": page, "query": query}


def settings_page(user) -> dict:
    """My e-mail per group, my default for new groups, and whether I agreed to community mail."""
    profile = Profile.objects.filter(user=user).first()
    members = list(GroupMember.objects.filter(user=user).select_related("group").order_by(Lower("group__name")))
    return {
        "profile": profile,
        "members": members,
        "consent": consent.active(user.email, PersonalConsent.Purpose.COMMUNITY),
    }


def my_groups_with_unread(user) -> list[dict]:
    """For the API: the groups I joined, with their unread threads (three queries)."""
    members = list(GroupMember.objects.filter(user=user).select_related("group").order_by(Lower("group__name")))
    unread = _unread_threads(user, [m.group_id for m in members])
    return [
        {"group": m.group, "frequency": m.email_frequency, "unread": unread.get(m.group_id, 0)}
        for m in members
        if not m.group.is_archived
    ]


def removable_user(email: str) -> User | None:
    """The person the team wants to remove, found by their address."""
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def unread_total(user) -> dict:
    """For the API: unread notifications and threads with news in my groups."""
    groups = my_groups_with_unread(user)
    return {"notifications": unread_notifications(user), "threads": sum(g["unread"] for g in groups)}
