"""Every write of the community: groups and who joined them, threads and posts (with mentions and attachments),
answers, reading, notifications and their mail, flags and moderation, removing members, and turning a thread into a
kennisbank item.

Notifications are written in the transaction of the post that causes them; mail for people who want it at once is
queued in the same transaction, the daily and weekly overviews by periodic jobs. Every mail asks the person's consent
for community mail and skips addresses on hold after bounces."""

import secrets
from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from alliantie.accounts.models import User
from alliantie.community import attachments, permissions, text
from alliantie.community.models import (
    Attachment,
    Flag,
    Frequency,
    Group,
    GroupMember,
    Mention,
    Notification,
    Post,
    Profile,
    Removal,
    Thread,
    ThreadRead,
)
from alliantie.core import audit, consent, mail
from alliantie.core.models import Challenge, PersonalConsent
from alliantie.knowledge import services as knowledge
from alliantie.knowledge.models import Item, ItemKind, KnowledgeSource, Visibility
from alliantie.newsletters.selectors import held_emails
from alliantie.partners.models import Membership, Organisation

Purpose = PersonalConsent.Purpose
EMAIL_CONSENT_TEXT = (
    "Ja, ik wil e-mail over de community van de Alliantie Kinderarmoede: over de groepen en zo vaak als ik hier kies. "
    "Ik kan dat altijd uitzetten, ook met de link onder elke mail."
)


def _site(path: str = "") -> str:
    return settings.SITE_URL.rstrip("/") + path


# -- profiles and groups --------------------------------------------------------------------------------------------


def ensure_profile(*, user: User) -> Profile:
    """A member's community profile, made the first time (in its own transaction): a handle from their name that no
    person or partner organisation has yet."""
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    base = slugify(user.name)[:60].strip("-") or "lid"
    handle, n = base, 2
    while Profile.objects.filter(handle=handle).exists() or Organisation.objects.filter(slug=handle).exists():
        handle, n = f"{base}-{n}", n + 1
    try:
        with transaction.atomic():
            return Profile.objects.create(user=user, handle=handle)
    except IntegrityError:  # two first visits at once
        return Profile.objects.get(user=user)


# Addresses under /community/ that are pages, not groups.
RESERVED_SLUGS = {
    "zoeken",
    "meldingen",
    "instellingen",
    "mail-stoppen",
    "moderatie",
    "groepen",
    "berichten",
    "bijlagen",
}


def _unique_group_slug(name: str) -> str:
    base = slugify(name)[:120] or "groep"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Group.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_group(
    *,
    saved_by: User,
    name: str,
    kind: str,
    description: str,
    challenge: Challenge | None = None,
    local_alliance_id: int | None = None,
    moderators: list[User] = (),
    is_archived: bool = False,
    group: Group | None = None,
) -> Group:
    """Make or change a group (the team): per opgave, per local alliance, or on an open topic."""
    created = group is None
    group = group or Group(created_by=saved_by)
    group.name, group.kind, group.description = name.strip(), kind, description.strip()
    group.challenge = challenge if kind == Group.Kind.CHALLENGE else None
    group.local_alliance_id = local_alliance_id if kind == Group.Kind.LOCAL else None
    group.is_archived = is_archived
    if kind == Group.Kind.CHALLENGE and challenge is None:
        raise ValidationError({"challenge": _("Kies de opgave van deze groep.")})
    if created:
        group.slug = _unique_group_slug(group.name)
    group.full_clean(exclude=["moderators"])
    group.save()
    group.moderators.set(moderators)
    audit.record(actor=saved_by, action="group.created" if created else "group.changed", target=group)
    return group


@transaction.atomic
def join_group(*, group: Group, user: User) -> GroupMember:
    """Join a group: be mentionable in it and hear of it, by e-mail as often as the person's default says."""
    profile = ensure_profile(user=user)
    member, created = GroupMember.objects.get_or_create(
        group=group, user=user, defaults={"email_frequency": profile.default_frequency}
    )
    if created:
        audit.record(actor=user, action="group.joined", target=group)
    return member


@transaction.atomic
def leave_group(*, group: Group, user: User) -> None:
    """A member leaves a group (audited); leaving one they are not in does nothing."""
    deleted, _counts = GroupMember.objects.filter(group=group, user=user).delete()
    if deleted:
        audit.record(actor=user, action="group.left", target=group)


# -- mentions -------------------------------------------------------------------------------------------------------


def resolve_mentions(body: str, group: Group) -> tuple[str, set[int], set[int]]:
    """Turn @handles of the group's members and @slugs of partner organisations into tokens; anything else (someone
    outside the group, a typo) stays as typed, so no name of an outsider is shown and nobody outside is notified."""
    body = text.neutralise_tokens(body)
    handles = {h.lower() for h in text.HANDLE.findall(body)}
    if not handles:
        return body, set(), set()
    members = GroupMember.objects.filter(group=group).values("user_id")
    people = dict(Profile.objects.filter(handle__in=handles, user__in=members).values_list("handle", "user_id"))
    organisations = dict(
        Organisation.objects.partners().filter(slug__in=handles - people.keys()).values_list("slug", "pk")
    )

    def token(match):
        handle = match.group(1).lower()
        if handle in people:
            return f"@[persoon:{people[handle]}]"
        if handle in organisations:
            return f"@[organisatie:{organisations[handle]}]"
        return match.group(0)

    return text.HANDLE.sub(token, body), set(people.values()), set(organisations.values())


def body_for_editing(post: Post) -> str:
    """A post's text as its author typed it: tokens back to @handles."""
    people_ids, organisation_ids = text.token_ids([post.body])
    handles = dict(Profile.objects.filter(user_id__in=people_ids).values_list("user_id", "handle"))
    slugs = dict(Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "slug"))

    def back(match):
        pk = int(match.group(2))
        found = handles.get(pk) if match.group(1) == "persoon" else slugs.get(pk)
        return f"@{found}" if found else text.FORMER_MEMBER

    return text.TOKEN.sub(back, post.body)


# -- notifications and their mail -----------------------------------------------------------------------------------


def _mailable(users: list[User]) -> dict[int, User]:
    """Of these people: who may get community mail now (active, not removed, consent open, address not on hold)."""
    if not users:
        return {}
    emails = {u.email.lower() for u in users}
    agreed = set(
        PersonalConsent.objects.filter(
            purpose=Purpose.COMMUNITY, withdrawn_at__isnull=True, confirmed_at__isnull=False, email__in=emails
        ).values_list("email", flat=True)
    )
    held = set(held_emails().filter(email__in=emails).values_list("email", flat=True))
    removed = set(Removal.objects.filter(user__in=users, lifted_at__isnull=True).values_list("user_id", flat=True))
    return {
        u.pk: u
        for u in users
        if u.is_active and u.email.lower() in agreed and u.email.lower() not in held and u.pk not in removed
    }


def list_headers(user: User) -> dict[str, str]:
    """The List-Unsubscribe headers (RFC 8058 one-click) that stop community mail for this person."""
    stop = _site(reverse("community:email-stop", kwargs={"token": permissions.email_token(user)}))
    return {"List-Unsubscribe": f"<{stop}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _notify(
    *, kind: str, thread: Thread, post: Post | None, actor: User | None, user_ids: set[int], now: datetime
) -> list[Notification]:
    """Write notifications for these people and queue mail now for those who want it at once for this group."""
    user_ids = set(user_ids) - ({actor.pk} if actor else set())
    if not user_ids:
        return []
    notifications = Notification.objects.bulk_create(
        [
            Notification(user_id=pk, kind=kind, thread=thread, post=post, actor=actor, created_at=now)
            for pk in sorted(user_ids)
        ]
    )
    immediate = set(
        GroupMember.objects.filter(
            group_id=thread.group_id, user_id__in=user_ids, email_frequency=Frequency.IMMEDIATE
        ).values_list("user_id", flat=True)
    )
    if immediate:
        mailable = _mailable(list(User.objects.filter(pk__in=immediate)))
        for notification in notifications:
            user = mailable.get(notification.user_id)
            if user is not None:
                _mail_notification(notification, user, thread, post, actor)
                notification.emailed_at = now
        Notification.objects.bulk_update([n for n in notifications if n.emailed_at], ["emailed_at"])
    return notifications


def notification_line(notification: Notification, thread: Thread, actor: User | None) -> str:
    """One notification as a sentence: who did what in which thread and group."""
    who = actor.name if actor else _("Iemand")
    return {
        Notification.Kind.NEW_THREAD: _("%(who)s begon “%(title)s” in %(group)s"),
        Notification.Kind.REPLY: _("%(who)s reageerde op “%(title)s” in %(group)s"),
        Notification.Kind.MENTION: _("%(who)s noemde u in “%(title)s” in %(group)s"),
        Notification.Kind.ANSWER: _("%(who)s koos uw antwoord bij “%(title)s” in %(group)s"),
        Notification.Kind.MODERATED: _("Een moderator besloot over uw bericht in “%(title)s” in %(group)s"),
    }[notification.kind] % {"who": who, "title": thread.title, "group": thread.group.name}


def _mail_notification(notification: Notification, user: User, thread: Thread, post: Post | None, actor) -> None:
    with override(settings.LANGUAGE_CODE):
        line = notification_line(notification, thread, actor)
        mail.queue_mail(
            key=f"community-notification:{notification.pk}",
            kind="community.notification",
            to=[user.email],
            subject=line[:300],
            template="community/email/notification.txt",
            context={
                "line": line,
                "url": _site(notification.get_absolute_url()),
                "settings_url": _site(reverse("community:settings")),
                "stop_url": _site(reverse("community:email-stop", kwargs={"token": permissions.email_token(user)})),
            },
            headers=list_headers(user),
            priority=mail.Priority.NOTICE,
        )


def send_digests(*, frequency: str, now: datetime | None = None) -> str:
    """A daily or weekly overview for each person who chose it for a group: only notifications they have not read and
    that no mail told them of yet, and only of posts still visible. Safe to run twice (each notification is marked as
    mailed in the transaction that queues its overview; the outbox key is per person and day or week)."""
    now = now or timezone.now()
    window = timedelta(days=2 if frequency == Frequency.DAILY else 8)
    wanted = GroupMember.objects.filter(
        user_id=OuterRef("user_id"), group_id=OuterRef("thread__group_id"), email_frequency=frequency
    )
    due = (
        Notification.objects.filter(read_at__isnull=True, emailed_at__isnull=True, created_at__gte=now - window)
        .filter(Exists(wanted))
        .filter(Q(post__isnull=True) | Q(post__status=Post.Status.VISIBLE))
        .select_related("thread__group", "actor", "user")
        .order_by("user_id", Lower("thread__group__name"), "-created_at")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    users: dict[int, User] = {}
    for notification in due.iterator(chunk_size=2000):
        by_user[notification.user_id].append(notification)
        users[notification.user_id] = notification.user
    mailable = _mailable(list(users.values()))
    stamp = f"{now:%Y%m%d}" if frequency == Frequency.DAILY else f"{now:%G-W%V}"
    sent = 0
    for user_id, notifications in by_user.items():
        user = mailable.get(user_id)
        with transaction.atomic():
            if user is not None:
                _mail_digest(user, notifications, frequency=frequency, stamp=stamp)
                sent += 1
            Notification.objects.filter(pk__in=[n.pk for n in notifications], emailed_at__isnull=True).update(
                emailed_at=now
            )
    return _("%(n)s overzichten verstuurd") % {"n": sent}


def _mail_digest(user: User, notifications: list[Notification], *, frequency: str, stamp: str) -> None:
    groups: dict[str, list[dict]] = defaultdict(list)
    with override(settings.LANGUAGE_CODE):
        for n in notifications:
            line = notification_line(n, n.thread, n.actor)
            groups[n.thread.group.name].append({"line": line, "url": _site(n.get_absolute_url())})
        subject = (
            _("Uw dagelijkse overzicht van de community")
            if frequency == Frequency.DAILY
            else _("Uw wekelijkse overzicht van de community")
        )
        mail.queue_mail(
            key=f"community-digest:{frequency}:{user.pk}:{stamp}",
            kind="community.digest",
            to=[user.email],
            subject=subject,
            template="community/email/digest.txt",
            context={
                "groups": dict(groups),
                "count": len(notifications),
                "settings_url": _site(reverse("community:settings")),
                "stop_url": _site(reverse("community:email-stop", kwargs={"token": permissions.email_token(user)})),
            },
            headers=list_headers(user),
            priority=mail.Priority.BULK,
        )


def send_daily_digests() -> str:
    """The daily overview for everyone who chose it (periodic job, safe to run twice)."""
    return send_digests(frequency=Frequency.DAILY)


def send_weekly_digests() -> str:
    """The weekly overview for everyone who chose it (periodic job, safe to run twice)."""
    return send_digests(frequency=Frequency.WEEKLY)


@transaction.atomic
def save_email_settings(
    *, user: User, default_frequency: str, frequencies: dict[int, str], consent_given: bool
) -> None:
    """How often the person gets mail, per group and for groups they join later. Any mail needs their consent for
    community mail (recorded word for word); choosing "nooit" everywhere withdraws it."""
    wants_mail = default_frequency != Frequency.NEVER or any(f != Frequency.NEVER for f in frequencies.values())
    if wants_mail and not consent_given and consent.active(user.email, Purpose.COMMUNITY) is None:
        raise ValidationError({"consent": _("Vink aan dat u e-mail van de community wilt, of kies overal “nooit”.")})
    profile = ensure_profile(user=user)
    profile.default_frequency = default_frequency
    profile.full_clean()
    profile.save(update_fields=["default_frequency"])
    for member in GroupMember.objects.filter(user=user, group_id__in=frequencies):
        if member.email_frequency != frequencies[member.group_id]:
            member.email_frequency = frequencies[member.group_id]
            member.full_clean()
            member.save(update_fields=["email_frequency"])
    active = consent.active(user.email, Purpose.COMMUNITY)
    if wants_mail and active is None:
        consent.give(
            email=user.email,
            purpose=Purpose.COMMUNITY,
            text=EMAIL_CONSENT_TEXT,
            method=consent.Method.ACCOUNT,
            user=user,
        )
    elif not wants_mail and active is not None:
        consent.withdraw(email=user.email, purpose=Purpose.COMMUNITY, how="instellingen van de community", actor=user)
    audit.record(actor=user, action="community.email_settings", target=profile)


@transaction.atomic
def stop_email(*, user: User, how: str) -> None:
    """The link under every community mail (RFC 8058 one-click): no more community mail, consent withdrawn."""
    GroupMember.objects.filter(user=user).exclude(email_frequency=Frequency.NEVER).update(
        email_frequency=Frequency.NEVER
    )
    Profile.objects.filter(user=user).update(default_frequency=Frequency.NEVER)
    consent.withdraw(email=user.email, purpose=Purpose.COMMUNITY, how=how)
    audit.record(actor=None, action="community.email_stopped", target=user)


# -- threads and posts ----------------------------------------------------------------------------------------------


def _attach(post: Post, upload) -> Attachment:
    checked = attachments.check(upload.name, upload, upload.size)
    attachment = Attachment(
        post=post,
        token=secrets.token_hex(16),
        filename=upload.name[-200:],
        kind=checked.kind,
        content_type=checked.content_type,
        size=upload.size,
    )
    attachment.full_clean(exclude=["post", "file"])
    upload.seek(0)
    attachment.file.save(checked.kind, File(upload), save=False)
    attachment.save()
    return attachment


def _new_post(*, thread: Thread, author: User, body: str, opening: bool, reply_to: Post | None, now) -> tuple:
    resolved, people, organisations = resolve_mentions(body.strip(), thread.group)
    post = Post(thread=thread, author=author, body=resolved, is_opening=opening, reply_to=reply_to, created_at=now)
    post.full_clean(exclude=["thread", "author", "reply_to"])
    post.save()
    Mention.objects.bulk_create(
        [Mention(post=post, user_id=pk) for pk in people]
        + [Mention(post=post, organisation_id=pk) for pk in organisations]
    )
    return post, people, organisations


def _organisation_people(group: Group, organisation_ids: set[int]) -> set[int]:
    """Members of the group who belong to a mentioned organisation (they are notified; nobody outside the group)."""
    if not organisation_ids:
        return set()
    return set(
        Membership.objects.filter(
            organisation_id__in=organisation_ids, user__community_groups__group=group
        ).values_list("user_id", flat=True)
    )


def _read(user: User, thread: Thread, now: datetime) -> None:
    if not ThreadRead.objects.filter(user=user, thread=thread).update(last_read_at=now):
        try:
            with transaction.atomic():
                ThreadRead.objects.create(user=user, thread=thread, last_read_at=now)
        except IntegrityError:  # the same person in two tabs at once
            ThreadRead.objects.filter(user=user, thread=thread).update(last_read_at=now)


@transaction.atomic
def start_thread(*, group: Group, author: User, kind: str, title: str, body: str, upload=None, now=None) -> Thread:
    """A new discussion or question in a group; the author joins the group. Its members hear of it, mentioned people
    and organisations (within the group) are notified."""
    now = now or timezone.now()
    if group.is_archived:
        raise ValidationError(_("Deze groep is gearchiveerd; er kan niets meer bij."))
    join_group(group=group, user=author)
    thread = Thread(group=group, kind=kind, title=title.strip(), author=author, created_at=now, last_post_at=now)
    thread.full_clean(exclude=["group", "author", "answer", "knowledge_item"])
    thread.save()
    post, people, organisations = _new_post(
        thread=thread, author=author, body=body, opening=True, reply_to=None, now=now
    )
    if upload is not None:
        _attach(post, upload)
    Group.objects.filter(pk=group.pk).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + 1, last_activity_at=now
    )
    _read(author, thread, now)
    mentioned = people | _organisation_people(group, organisations)
    _notify(kind=Notification.Kind.MENTION, thread=thread, post=post, actor=author, user_ids=mentioned, now=now)
    members = set(GroupMember.objects.filter(group=group).values_list("user_id", flat=True)) - mentioned
    _notify(kind=Notification.Kind.NEW_THREAD, thread=thread, post=post, actor=author, user_ids=members, now=now)
    audit.record(actor=author, action="thread.started", target=thread, group=group.pk)
    return thread


@transaction.atomic
def reply(*, thread: Thread, author: User, body: str, upload=None, reply_to: Post | None = None, now=None) -> Post:
    """A reply (or, to a question, an answer). Everyone who took part in the thread hears of it."""
    now = now or timezone.now()
    locked = Thread.objects.select_for_update(of=("self",)).select_related("group").get(pk=thread.pk)
    if locked.is_locked or locked.group.is_archived:
        raise ValidationError(_("Op dit gesprek kan niet meer worden gereageerd."))
    if reply_to is not None and reply_to.thread_id != locked.pk:
        reply_to = None
    join_group(group=locked.group, user=author)
    post, people, organisations = _new_post(
        thread=locked, author=author, body=body, opening=False, reply_to=reply_to, now=now
    )
    if upload is not None:
        _attach(post, upload)
    locked.reply_count, locked.last_post_at = locked.reply_count + 1, now
    locked.save(update_fields=["reply_count", "last_post_at"])
    Group.objects.filter(pk=locked.group_id).update(post_count=F("post_count") + 1, last_activity_at=now)
    _read(author, locked, now)
    mentioned = people | _organisation_people(locked.group, organisations)
    participants = set(
        Post.objects.filter(thread=locked, author__isnull=False).values_list("author_id", flat=True).distinct()
    )
    _notify(kind=Notification.Kind.MENTION, thread=locked, post=post, actor=author, user_ids=mentioned, now=now)
    _notify(
        kind=Notification.Kind.REPLY, thread=locked, post=post, actor=author, user_ids=participants - mentioned, now=now
    )
    audit.record(actor=author, action="post.replied", target=post, thread=locked.pk)
    return post


@transaction.atomic
def edit_post(*, post: Post, editor: User, body: str, now=None) -> Post:
    """The author changes their post; only people mentioned for the first time are notified."""
    now = now or timezone.now()
    locked = Post.objects.select_for_update(of=("self",)).select_related("thread__group").get(pk=post.pk)
    if locked.status == Post.Status.REMOVED:
        raise ValidationError(_("Een moderator heeft dit bericht verwijderd; het kan niet meer veranderen."))
    before = set(locked.mentions.exclude(user=None).values_list("user_id", flat=True))
    resolved, people, organisations = resolve_mentions(body.strip(), locked.thread.group)
    locked.body, locked.edited_at = resolved, now
    locked.full_clean(exclude=["thread", "author", "reply_to"])
    locked.save(update_fields=["body", "edited_at"])
    locked.mentions.all().delete()
    Mention.objects.bulk_create(
        [Mention(post=locked, user_id=pk) for pk in people]
        + [Mention(post=locked, organisation_id=pk) for pk in organisations]
    )
    new = (people | _organisation_people(locked.thread.group, organisations)) - before
    _notify(kind=Notification.Kind.MENTION, thread=locked.thread, post=locked, actor=editor, user_ids=new, now=now)
    audit.record(actor=editor, action="post.edited", target=locked)
    return locked


@transaction.atomic
def accept_answer(*, thread: Thread, post: Post, accepted_by: User, now=None) -> Thread:
    """The asker marks the answer that helped (choosing another replaces it); its author hears of it."""
    now = now or timezone.now()
    locked = Thread.objects.select_for_update(of=("self",)).select_related("group").get(pk=thread.pk)
    if not locked.is_question:
        raise ValidationError(_("Alleen bij een vraag kiest u een antwoord."))
    if post.thread_id != locked.pk or post.is_opening or post.status != Post.Status.VISIBLE:
        raise ValidationError(_("Kies een zichtbaar antwoord in dit gesprek."))
    locked.answer, locked.answered_at = post, now
    locked.save(update_fields=["answer", "answered_at"])
    if post.author_id:
        _notify(
            kind=Notification.Kind.ANSWER,
            thread=locked,
            post=post,
            actor=accepted_by,
            user_ids={post.author_id},
            now=now,
        )
    audit.record(actor=accepted_by, action="thread.answered", target=locked, post=post.pk)
    return locked


@transaction.atomic
def mark_thread_read(*, user: User, thread: Thread, now=None) -> None:
    """The person read the thread: it is no longer new, and its notifications are read (and left out of digests)."""
    now = now or timezone.now()
    _read(user, thread, now)
    Notification.objects.filter(user=user, thread=thread, read_at__isnull=True).update(read_at=now)


@transaction.atomic
def mark_all_read(*, user: User, now=None) -> int:
    """Marks every unread notification of the person read; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=now or timezone.now())


# -- flags and moderation -------------------------------------------------------------------------------------------


@transaction.atomic
def flag_post(*, post: Post, flagged_by: User, reason: str, note: str = "", now=None) -> Flag:
    """A member reports a post with a reason. After COMMUNITY_FLAGS_TO_HIDE open flags it is hidden until a
    moderator decides. The same person flags a post once."""
    now = now or timezone.now()
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if locked.author_id == flagged_by.pk:
        raise ValidationError(_("Uw eigen bericht kunt u niet melden; u kunt het wel wijzigen."))
    if Flag.objects.filter(post=locked, flagged_by=flagged_by).exists():
        raise ValidationError(_("U heeft dit bericht al gemeld. Een moderator kijkt ernaar."))
    flag = Flag(post=locked, flagged_by=flagged_by, reason=reason, note=note.strip(), created_at=now)
    flag.full_clean(exclude=["post", "flagged_by"])
    flag.save()
    locked.open_flags += 1
    fields = ["open_flags"]
    if locked.status == Post.Status.VISIBLE and locked.open_flags >= settings.COMMUNITY_FLAGS_TO_HIDE:
        locked.status = Post.Status.HIDDEN
        fields.append("status")
    locked.save(update_fields=fields)
    audit.record(actor=flagged_by, action="post.flagged", target=locked, reason=reason, hidden="status" in fields)
    return flag


class Action:
    HIDE = "verbergen"
    RESTORE = "terugzetten"
    REMOVE = "verwijderen"


@transaction.atomic
def moderate_post(*, post: Post, moderator: User, action: str, reason: str = "", now=None) -> Post:
    """A moderator decides: hide (until decided otherwise), restore (the flags were not right), or remove with a
    reason the author is shown and told."""
    now = now or timezone.now()
    locked = Post.objects.select_for_update(of=("self",)).select_related("thread__group").get(pk=post.pk)
    reason = reason.strip()
    if action == Action.REMOVE and not reason:
        raise ValidationError({"reason": _("Schrijf waarom het bericht wordt verwijderd; de schrijver ziet dat.")})
    if action == Action.HIDE:
        locked.status = Post.Status.HIDDEN
    elif action == Action.RESTORE:
        locked.status, locked.open_flags = Post.Status.VISIBLE, 0
        locked.flags.filter(decided_at__isnull=True).update(decided_at=now, decision=Flag.Decision.DISMISSED)
    elif action == Action.REMOVE:
        locked.status, locked.open_flags = Post.Status.REMOVED, 0
        locked.flags.filter(decided_at__isnull=True).update(decided_at=now, decision=Flag.Decision.UPHELD)
    else:
        raise ValidationError(_("Kies wat er met het bericht gebeurt."))
    locked.moderated_by, locked.moderated_at, locked.moderation_reason = moderator, now, reason
    locked.save(update_fields=["status", "open_flags", "moderated_by", "moderated_at", "moderation_reason"])
    if action == Action.REMOVE and locked.thread.answer_id == locked.pk:
        Thread.objects.filter(pk=locked.thread_id).update(answer=None, answered_at=None)
    if action in (Action.REMOVE, Action.HIDE) and locked.author_id:
        _notify(
            kind=Notification.Kind.MODERATED,
            thread=locked.thread,
            post=locked,
            actor=None,
            user_ids={locked.author_id},
            now=now,
        )
    audit.record(actor=moderator, action=f"post.{action}", target=locked, reason=reason[:200])
    return locked


@transaction.atomic
def remove_member(*, user: User, removed_by: User, reason: str, now=None) -> Removal:
    """The team removes someone from the community: they lose access on their next request, stop getting its mail,
    and are told why. Their posts stay, with their name."""
    now = now or timezone.now()
    if Removal.objects.filter(user=user, lifted_at__isnull=True).exists():
        raise ValidationError(_("%(name)s is al uit de community verwijderd.") % {"name": user.name})
    if user.pk == removed_by.pk:
        raise ValidationError(_("U kunt uzelf niet uit de community verwijderen."))
    removal = Removal(user=user, reason=reason.strip(), removed_by=removed_by, removed_at=now)
    removal.full_clean(exclude=["user", "removed_by"])
    removal.save()
    user.moderated_groups.clear()
    mail.queue_mail(
        key=f"community-removed:{removal.pk}",
        kind="community.removed",
        to=[user.email],
        subject=_("U bent uit de community van de Alliantie Kinderarmoede verwijderd"),
        template="community/email/removed.txt",
        context={"reason": removal.reason, "name": user.name},
        priority=mail.Priority.PERSONAL,
    )
    audit.record(actor=removed_by, action="community.member_removed", target=user)
    return removal


@transaction.atomic
def lift_removal(*, removal: Removal, lifted_by: User, now=None) -> Removal:
    """The team lets a removed member back into the community (audited)."""
    removal.lifted_at, removal.lifted_by = now or timezone.now(), lifted_by
    removal.save(update_fields=["lifted_at", "lifted_by"])
    audit.record(actor=lifted_by, action="community.member_returned", target=removal.user)
    return removal


# -- to the kennisbank ----------------------------------------------------------------------------------------------


@transaction.atomic
def turn_into_knowledge(*, thread: Thread, by: User) -> Item:
    """The team turns a good thread into a draft kennisbank item (for partners, until the team publishes it for
    everyone): the question, the chosen answer and the other visible replies, with the organisations of who wrote
    them; people mentioned are left out by name."""
    locked = Thread.objects.select_for_update(of=("self",)).select_related("group__challenge").get(pk=thread.pk)
    if locked.knowledge_item_id:
        raise ValidationError(_("Van dit gesprek is al een kennisbank-item gemaakt."))
    posts = list(locked.posts.filter(status=Post.Status.VISIBLE).select_related("author").order_by("created_at"))
    if not posts:
        raise ValidationError(_("Dit gesprek heeft geen zichtbare berichten."))
    people_ids, organisation_ids = text.token_ids([p.body for p in posts])
    organisations = {o.pk: (o.name, "") for o in Organisation.objects.filter(pk__in=organisation_ids)}
    anonymous = dict.fromkeys(people_ids, _("een collega"))

    def plain(post: Post) -> str:
        return text.plain(post.body, anonymous, organisations)

    opening = next((p for p in posts if p.is_opening), posts[0])
    parts = [plain(opening)]
    answer = next((p for p in posts if p.pk == locked.answer_id), None)
    if answer is not None:
        parts.append(_("Het antwoord dat hielp:") + "\n" + plain(answer))
    others = [p for p in posts if p is not opening and p is not answer]
    if others:
        parts.append(_("Andere reacties:") + "\n\n" + "\n\n".join(plain(p) for p in others))
    authors = {p.author_id for p in ([opening] + ([answer] if answer else [])) if p.author_id}
    author_organisations = list(
        Organisation.objects.partners().filter(memberships__user_id__in=authors).distinct().order_by(Lower("name"))
    )
    summary = " ".join(plain(opening).split())
    item = knowledge.save_item(
        data=knowledge.ItemData(
            kind=ItemKind.GOOD_PRACTICE,
            knowledge_source=KnowledgeSource.PRACTICE,
            title=locked.title,
            summary=summary[:797] + "…" if len(summary) > 800 else summary,
            body="\n\n".join(parts)[:50_000],
            visibility=Visibility.PARTNERS,
            challenges=[locked.group.challenge] if locked.group.challenge_id else [],
            author_organisations=author_organisations,
        ),
        saved_by=by,
    )
    locked.knowledge_item = item
    locked.save(update_fields=["knowledge_item"])
    audit.record(actor=by, action="thread.to_knowledge", target=locked, item=item.pk)
    return item
