"""Demo community: members of partners with a handle, who joined groups; threads (questions and discussions) with
replies, accepted answers, mentions of partner organisations, a few flags; notifications and read marks for the demo
logins. 4,000 posts per scale step (200,000 at scale 50); "Een gezonde dag" always has more than 1,000, so the
benchmark has a big group at every scale. Everything in bulk."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.text import slugify

from alliantie.community.models import (
    Flag,
    Frequency,
    Group,
    GroupMember,
    Notification,
    Post,
    Profile,
    Thread,
    ThreadRead,
)
from alliantie.community.services import EMAIL_CONSENT_TEXT
from alliantie.core.models import PersonalConsent

POSTS_PER_SCALE = 4000
BIG_GROUP = "een-gezonde-dag"
QUESTIONS = [
    "Wie heeft ervaring met {topic}?",
    "Hoe pakken jullie {topic} aan?",
    "Tips gezocht: {topic}",
    "Zoeken partner voor {topic}",
    "Hoe bereik je ouders bij {topic}?",
]
DISCUSSIONS = [
    "Ervaring gedeeld: {topic}",
    "Oproep: doe mee met {topic}",
    "Wat we leerden van {topic}",
    "Uitnodiging: bijeenkomst over {topic}",
]
TOPICS = [
    "een schoolontbijt",
    "fruit in de klas",
    "gratis sportlessen",
    "het Jeugdfonds Sport & Cultuur",
    "vroegsignalering van huurachterstand",
    "een kledingbank op school",
    "geldzorgen bij werkende ouders",
    "een ervaringsdeskundige in het team",
    "de eerste 1000 dagen",
    "huiswerkbegeleiding",
    "energiearmoede",
    "een budgetcursus voor jongeren",
    "schoolkosten zonder drempels",
    "verjaardagsboxen",
    "een lokale alliantie starten",
]
OPENINGS = [
    "Wij starten na de zomer met {topic} op drie basisscholen. Wie heeft tips over de aanpak en de samenwerking met "
    "ouders?",
    "Bij ons loopt {topic} nu een jaar. Kinderen komen beter voorbereid in de klas. Graag delen we wat werkte.",
    "We zoeken een partner voor {topic}, liefst in de regio. Wie denkt mee?",
    "Wat doen jullie als ouders niet reageren op het aanbod voor {topic}? Wij merken drempels.",
]
REPLIES = [
    "Goed initiatief! Wij werken hiervoor samen met de GGD en het wijkteam.",
    "Begin klein, met één school, en betrek ouders vanaf het begin. Ervaringsdeskundigen helpen enorm.",
    "Misschien kan @{org} helpen; zij hebben hier veel ervaring mee.",
    "Wij hebben een handreiking gemaakt; die staat in de kennisbank.",
    "Let op de privacy van gezinnen: noem nooit namen in de groep.",
    "Bel ons gerust, dan vertellen we hoe we de financiering rond kregen.",
    "Mooi om te lezen. Hoe houden jullie het vol na de subsidie?",
    "Wij doen mee! Kunnen we volgende maand een keer afspreken?",
]


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class CommunityBuilder:
    def __init__(self, *, scale: int, seed: int, users: list, organisations: list, demo_users: dict, today: date):
        self.scale, self.rng, self.today = scale, random.Random(seed + 31), today
        self.partners = [o for o in organisations if o.status in ("active", "dormant")]
        self.demo = demo_users
        pool = [u for u in users if not u.team_role]
        self.members = self.rng.sample(pool, max(1, int(len(pool) * 0.45))) + list(demo_users.values())
        self.groups = list(Group.objects.filter(is_archived=False).order_by("pk"))

    @transaction.atomic
    def build(self) -> tuple[int, int]:
        self.profiles()
        local = Group.objects.create(
            kind=Group.Kind.LOCAL,
            name="Lokale alliantie Zoetermeer",
            slug="lokale-alliantie-zoetermeer",
            description="Voor de partners van de lokale alliantie in Zoetermeer.",
        )
        if "coordinator" in self.demo:
            local.moderators.add(self.demo["coordinator"])
        self.groups.append(local)
        memberships = self.memberships()
        threads, posts = self.threads(memberships)
        self.flags(posts)
        self.demo_inbox(threads)
        self.counters()
        return len(threads), len(posts)

    def profiles(self) -> None:
        taken: set[str] = set()
        rows = []
        for user in self.members:
            base = slugify(user.name)[:60] or "lid"
            handle, n = base, 2
            while handle in taken:
                handle, n = f"{base}-{n}", n + 1
            taken.add(handle)
            rows.append(Profile(user=user, handle=handle, default_frequency=Frequency.NEVER))
        Profile.objects.bulk_create(rows, batch_size=5000)

    def memberships(self) -> dict[int, list]:
        """Group id -> members. Everyone joins one to three groups; the big group has many members."""
        by_group: dict[int, list] = {g.pk: [] for g in self.groups}
        big = next(g for g in self.groups if g.slug == BIG_GROUP)
        rows = []
        for user in self.members:
            chosen = set(self.rng.sample(self.groups, min(len(self.groups), self.rng.randint(1, 3))))
            if self.rng.random() < 0.35 or user in self.demo.values():
                chosen.add(big)
            for group in chosen:
                by_group[group.pk].append(user)
                frequency = Frequency.NEVER
                if user is self.demo.get("contact") and group is big:
                    frequency = Frequency.DAILY
                rows.append(GroupMember(group=group, user=user, email_frequency=frequency))
        GroupMember.objects.bulk_create(rows, batch_size=10_000)
        contact = self.demo.get("contact")
        if contact is not None:
            PersonalConsent.objects.create(
                email=contact.email,
                user=contact,
                purpose=PersonalConsent.Purpose.COMMUNITY,
                text=EMAIL_CONSENT_TEXT,
                method=PersonalConsent.Method.ACCOUNT,
                confirmed_at=timezone.now(),
            )
        return by_group

    def threads(self, members: dict[int, list]) -> tuple[list[Thread], list[Post]]:
        total_posts = POSTS_PER_SCALE * self.scale
        big = next(g for g in self.groups if g.slug == BIG_GROUP)
        plans = []  # (group, replies)
        planned = 0
        while planned < total_posts:
            group = big if self.rng.random() < 0.3 or planned < 1100 else self.rng.choice(self.groups)
            if not members[group.pk]:
                group = big
            replies = self.rng.choice([0, 1, 2, 3, 3, 4, 5, 6, 8])
            plans.append((group, replies))
            planned += 1 + replies
        threads = []
        for group, replies in plans:
            topic = self.rng.choice(TOPICS)
            question = self.rng.random() < 0.45
            started = _moment(self.today - timedelta(days=self.rng.randrange(1, 900)), self.rng.randrange(8, 21))
            title = self.rng.choice(QUESTIONS if question else DISCUSSIONS).format(topic=topic)
            thread = Thread(
                group=group,
                kind=Thread.Kind.QUESTION if question else Thread.Kind.DISCUSSION,
                title=title[:200],
                author=self.rng.choice(members[group.pk]),
                created_at=started,
                last_post_at=started,
                reply_count=replies,
            )
            thread.plan = (topic, replies)
            threads.append(thread)
        Thread.objects.bulk_create(threads, batch_size=5000)
        posts = []
        now = timezone.now()
        for thread in threads:
            topic, replies = thread.plan
            moment = thread.created_at
            # replies follow within three days each, and never after now
            gap = min(72 * 60, max(1, int((now - moment).total_seconds() // 60) // (replies + 1)))
            posts.append(
                Post(
                    thread=thread,
                    author=thread.author,
                    body=self.rng.choice(OPENINGS).format(topic=topic),
                    is_opening=True,
                    created_at=moment,
                )
            )
            for _ in range(replies):
                moment += timedelta(minutes=self.rng.randint(1, gap))
                body = self.rng.choice(REPLIES)
                if "{org}" in body:
                    organisation = self.rng.choice(self.partners)
                    body = body.replace("@{org}", f"@[organisatie:{organisation.pk}]")
                posts.append(
                    Post(thread=thread, author=self.rng.choice(members[thread.group_id]), body=body, created_at=moment)
                )
            thread.last_post_at = moment
        Post.objects.bulk_create(posts, batch_size=5000)
        answered = []
        first_reply: dict[int, Post] = {}
        for post in posts:
            if not post.is_opening and post.thread_id not in first_reply:
                first_reply[post.thread_id] = post
        for thread in threads:
            if thread.kind == Thread.Kind.QUESTION and thread.pk in first_reply and self.rng.random() < 0.6:
                thread.answer, thread.answered_at = first_reply[thread.pk], first_reply[thread.pk].created_at
                answered.append(thread)
        Thread.objects.bulk_update(threads, ["last_post_at"], batch_size=5000)
        Thread.objects.bulk_update(answered, ["answer", "answered_at"], batch_size=5000)
        return threads, posts

    def flags(self, posts: list[Post]) -> None:
        replies = [p for p in posts if not p.is_opening]
        flagged = self.rng.sample(replies, min(len(replies), 4 * self.scale))
        rows, hidden = [], []
        for n, post in enumerate(flagged):
            people = [u for u in self.members if u.pk != post.author_id]
            count = 2 if n % 4 == 0 else 1
            for person in self.rng.sample(people, count):
                rows.append(Flag(post=post, flagged_by=person, reason=self.rng.choice(Flag.Reason.values)))
            post.open_flags = count
            if count >= 2:
                post.status = Post.Status.HIDDEN
            hidden.append(post)
        Flag.objects.bulk_create(rows)
        Post.objects.bulk_update(hidden, ["open_flags", "status"])

    def demo_inbox(self, threads: list[Thread]) -> None:
        """The demo logins have notifications (some unread) and have read some threads."""
        recent = sorted(threads, key=lambda t: t.last_post_at, reverse=True)
        notifications, reads = [], []
        for user in self.demo.values():
            for n, thread in enumerate(recent[:12]):
                notifications.append(
                    Notification(
                        user=user,
                        kind=Notification.Kind.NEW_THREAD if n % 3 else Notification.Kind.REPLY,
                        thread=thread,
                        actor=thread.author,
                        created_at=thread.last_post_at,
                        read_at=thread.last_post_at if n >= 5 else None,
                    )
                )
            for thread in recent[5:40]:
                reads.append(ThreadRead(user=user, thread=thread, last_read_at=thread.last_post_at))
        Notification.objects.bulk_create(notifications)
        ThreadRead.objects.bulk_create(reads)

    def counters(self) -> None:
        threads = dict(Thread.objects.values("group_id").annotate(n=Count("pk")).values_list("group_id", "n"))
        posts = dict(
            Post.objects.values("thread__group_id").annotate(n=Count("pk")).values_list("thread__group_id", "n")
        )
        last = dict(Thread.objects.values("group_id").annotate(at=Max("last_post_at")).values_list("group_id", "at"))
        for group in self.groups:
            group.thread_count, group.post_count = threads.get(group.pk, 0), posts.get(group.pk, 0)
            group.last_activity_at = last.get(group.pk)
        Group.objects.bulk_update(self.groups, ["thread_count", "post_count", "last_activity_at"])
