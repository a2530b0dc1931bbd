"""Every write to the marketplace: posts, introductions and their outcome."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alliantie.accounts.models import User
from alliantie.core import audit, mail, ratelimit, versions
from alliantie.core.models import Challenge, Municipality, Province
from alliantie.marketplace.models import DigestSubscription, Introduction, Post
from alliantie.marketplace.tasks import build_matching_index
from alliantie.partners.models import Membership, Organisation
from alliantie.partners.selectors import contact_emails


def _check_rate(user: User) -> None:
    """Spam protection: a person places at most MARKETPLACE_POSTS_PER_DAY posts in 24 hours."""
    since = timezone.now() - timedelta(days=1)
    if Post.objects.filter(created_by=user, created_at__gte=since).count() >= settings.MARKETPLACE_POSTS_PER_DAY:
        raise ValidationError(
            _("U heeft vandaag al %(n)s berichten geplaatst. Probeer het morgen opnieuw of vraag het projectteam.")
            % {"n": settings.MARKETPLACE_POSTS_PER_DAY}
        )


def _posts_changed(kind: str) -> None:
    """The posts of a kind changed: new versions for what shows them, and a new matching index in the background."""
    versions.bump(versions.posts(kind))
    transaction.on_commit(lambda: build_matching_index.enqueue(kind))


def _changes(post: Post, fields: dict, relations: dict) -> list[str]:
    """The names of the fields and relations whose new value differs from the post's."""
    changed = [name for name, value in fields.items() if getattr(post, name) != value]
    for name, objects in relations.items():
        if set(getattr(post, name).values_list("pk", flat=True)) != {item.pk for item in objects}:
            changed.append(name)
    return changed


@transaction.atomic
def save_post(
    *,
    organisation: Organisation,
    saved_by: User,
    kind: str,
    title: str,
    body: str,
    help_types: list[str],
    challenges: list[Challenge],
    municipalities: list[Municipality],
    provinces: list[Province],
    open_until: date,
    post: Post | None = None,
) -> Post:
    """Place a request or offer, or change one; the area is municipalities, provinces, or empty for the country.
    A change to nothing new writes nothing (no audit entry, no new `updated_at`)."""
    created = post is None
    kinds = {kind} if created else {kind, post.kind}
    if created:
        _check_rate(saved_by)
    elif not _changes(
        post,
        {"kind": kind, "title": title, "body": body, "help_types": help_types, "open_until": open_until},
        {"challenges": challenges, "area_municipalities": municipalities, "area_provinces": provinces},
    ):
        return post
    if open_until < timezone.localdate():
        raise ValidationError({"open_until": _("Deze datum is al voorbij. Kies een dag vanaf vandaag.")})
    post = post or Post(organisation=organisation, created_by=saved_by)
    post.kind, post.title, post.body, post.help_types, post.open_until = kind, title, body, help_types, open_until
    post.full_clean(exclude=["challenges", "area_municipalities", "area_provinces"])
    post.save()
    post.challenges.set(challenges)
    post.area_municipalities.set(municipalities)
    post.area_provinces.set(provinces)
    audit.record(actor=saved_by, action="post.created" if created else "post.changed", target=post)
    for changed_kind in kinds:
        _posts_changed(changed_kind)
    return post


@transaction.atomic
def close_post(*, post: Post, closed_by: User, outcome: str) -> Post:
    """Close a post with what came of it; it no longer appears anywhere but in its own page."""
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if locked.status == Post.Status.CLOSED:
        raise ValidationError(_("Dit bericht is al gesloten."))
    locked.status, locked.outcome, locked.closed_at = Post.Status.CLOSED, outcome.strip(), timezone.now()
    locked.full_clean(exclude=["challenges", "area_municipalities", "area_provinces"])
    locked.save()
    audit.record(actor=closed_by, action="post.closed", target=locked)
    _posts_changed(locked.kind)
    return locked


@transaction.atomic
def close_posts_of_former_partners(*, organisation_ids: list[int] | None = None) -> int:
    """Close the open posts of organisations that are no longer partner (ended, declined), so lists never need to
    join the organisation to check (that join misled PostgreSQL's planner into seconds-long plans at national
    scale). Without ids it sweeps every organisation (the periodic job); closing twice finds nothing."""
    former = Organisation.objects.exclude(status__in=[*Organisation.PARTNER_STATUSES, Organisation.Status.APPLIED])
    if organisation_ids is not None:
        former = former.filter(pk__in=organisation_ids)
    open_posts = Post.objects.select_for_update().filter(organisation__in=former.values("pk"), status=Post.Status.OPEN)
    closing = list(open_posts.only("pk", "kind", "title", "organisation_id"))
    for post in closing:
        audit.record(actor=None, action="post.closed", target=post, reason="organisation is geen partner meer")
    now = timezone.now()
    Post.objects.filter(pk__in=[post.pk for post in closing]).update(
        status=Post.Status.CLOSED,
        outcome="Gesloten: de organisatie is geen partner meer.",
        closed_at=now,
        updated_at=now,
    )
    for kind in {post.kind for post in closing}:
        _posts_changed(kind)
    return len(closing)


@transaction.atomic
def introduce(
    *,
    post: Post,
    other: Organisation,
    reason: str,
    introduced_by: User,
    base_url: str,
    other_post: Post | None = None,
    message: str = "",
) -> Introduction:
    """Introduce the poster and another partner about a post; both contacts get an e-mail with the reason and the
    optional personal message. At most MARKETPLACE_INTRODUCTIONS_PER_DAY a person a day."""
    if other_post is not None and other_post.organisation_id != other.pk:
        raise ValidationError(
            _("Het gekozen aanbod is niet van %(org)s. Kies een aanbod van deze partner, of geen aanbod.")
            % {"org": other.name}
        )
    if other.pk == post.organisation_id:
        raise ValidationError(_("Een organisatie kan niet aan zichzelf worden voorgesteld."))
    if not other.is_partner:
        raise ValidationError(_("%(org)s is geen partner van de alliantie.") % {"org": other.name})
    if not post.is_open:
        raise ValidationError(_("Dit bericht is gesloten of verlopen; voorstellen kan niet meer."))
    introduction = Introduction(
        post=post,
        other_post=other_post,
        poster=post.organisation,
        other=other,
        reason=reason.strip(),
        message=message.strip(),
        introduced_by=introduced_by,
    )
    introduction.full_clean(exclude=["post", "other"])
    limit = settings.MARKETPLACE_INTRODUCTIONS_PER_DAY
    verdict = ratelimit.hit("marketplace-introductions", str(introduced_by.pk), limit=limit, window=86400)
    if verdict.unavailable:
        raise ValidationError(ratelimit.UNAVAILABLE_MESSAGE)
    if not verdict:
        raise ValidationError(
            _(
                "U heeft vandaag al %(n)s koppelingen gemaakt. Morgen kan het weer; "
                "vraag het projectteam als het dringt."
            )
            % {"n": limit}
        )
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError:
        raise ValidationError(_("%(org)s is al voorgesteld voor dit bericht.") % {"org": other.name}) from None
    audit.record(actor=introduced_by, action="introduction.created", target=introduction, other=other.name)
    link = base_url.rstrip("/") + reverse("marketplace:introduction-detail", kwargs={"pk": introduction.pk})
    mail.queue_mail(
        key=f"introduction:{introduction.pk}",
        kind="marketplace.introduction",
        to=contact_emails(post.organisation) + contact_emails(other),
        subject=_("Kennismaking via de Alliantie Kinderarmoede: %(title)s") % {"title": post.title[:80]},
        template="marketplace/email/introduction.txt",
        context={"introduction": introduction, "post": post, "link": link},
        priority=mail.Priority.PERSONAL,
    )
    return introduction


@transaction.atomic
def record_outcome(*, introduction: Introduction, status: str, outcome: str, recorded_by: User | None) -> Introduction:
    """Record what an introduction led to (by the team, by either partner, or from the e-mail answer)."""
    locked = Introduction.objects.select_for_update().get(pk=introduction.pk)
    locked.status = status
    if outcome.strip():
        locked.outcome = outcome.strip()
    locked.answered_at = timezone.now()
    locked.full_clean(exclude=["post", "other"])
    locked.save()
    audit.record(actor=recorded_by, action="introduction.outcome", target=locked, status=status)
    return locked


def send_follow_ups(*, base_url: str = "", now=None) -> int:
    """Ask both sides of introductions made MARKETPLACE_FOLLOW_UP_DAYS ago whether they led to anything (daily job;
    each introduction is asked once, whatever how often it runs)."""
    now = now or timezone.now()
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    due = Introduction.objects.filter(
        follow_up_sent_at__isnull=True,
        answered_at__isnull=True,
        created_at__lte=now - timedelta(days=settings.MARKETPLACE_FOLLOW_UP_DAYS),
    ).select_related("post", "poster", "other")
    queued = 0
    for introduction in due:
        with transaction.atomic():
            answer = base_url + reverse("marketplace:introduction-answer", kwargs={"token": introduction.answer_token})
            mail.queue_mail(
                key=f"introduction-follow-up:{introduction.pk}",
                kind="marketplace.follow_up",
                to=contact_emails(introduction.poster) + contact_emails(introduction.other),
                subject=_("Heeft de kennismaking iets opgeleverd?"),
                template="marketplace/email/follow_up.txt",
                context={"introduction": introduction, "answer": answer, "statuses": Introduction.Status},
            )
            Introduction.objects.filter(pk=introduction.pk).update(follow_up_sent_at=now)
            queued += 1
    return queued


@transaction.atomic
def set_digest(*, user: User, organisation: Organisation, wanted: bool) -> bool:
    """Switch the weekly e-mail of new fitting posts on or off for a person and one of their organisations."""
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership is None:
        raise ValidationError(_("U hoort niet bij %(org)s.") % {"org": organisation.name})
    if wanted:
        DigestSubscription.objects.get_or_create(membership=membership)
    else:
        DigestSubscription.objects.filter(membership=membership).delete()
    audit.record(actor=user, action="digest.on" if wanted else "digest.off", target=organisation)
    return wanted


def send_digests(*, base_url: str = "", now=None, top: int = 5) -> int:
    """E-mail each subscriber the posts of the past week that fit their organisation best, with the reasons.
    The week's new posts are indexed once; each organisation is a query (its profile, activities, open posts).
    Weekly job: a subscriber mailed in the past six days is skipped, and the mail's key is the subscription and
    the ISO week, so running it twice (or on two machines) sends nobody two."""
    from alliantie.marketplace.matching.matcher import Matcher, OfferIndex
    from alliantie.marketplace.matching.matcher import Post as MatchPost
    from alliantie.marketplace.suggestions import as_match_post, open_posts

    now = now or timezone.now()
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    week = now - timedelta(days=7)
    new_posts = {}
    for kind in (Post.Kind.REQUEST, Post.Kind.OFFER):
        for post in open_posts(kind).filter(created_at__gte=week):
            new_posts[str(post.pk)] = post
    subscriptions = list(
        DigestSubscription.objects.filter(
            membership__organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.DORMANT],
            membership__user__is_active=True,
        )
        .exclude(last_sent_at__gt=now - timedelta(days=6))
        .select_related("membership__user", "membership__organisation__sector")
        .prefetch_related("membership__organisation__area_municipalities", "membership__organisation__area_provinces")
    )
    if not new_posts or not subscriptions:
        return 0
    index = OfferIndex(Matcher(), [as_match_post(p) for p in new_posts.values()])
    sent = 0
    for subscription in subscriptions:
        organisation = subscription.membership.organisation
        own_texts = " ".join(
            f"{p.title} {p.body}" for p in Post.objects.filter(organisation=organisation, status=Post.Status.OPEN)[:20]
        )
        query = MatchPost(
            id="digest",
            kind="request",
            title=organisation.name,
            body=f"{organisation.description} {own_texts}",
            area=[m.code for m in organisation.area_municipalities.all()]
            + [p.code for p in organisation.area_provinces.all()],
            sector=organisation.sector.slug,
        )
        found = [
            (new_posts[s.id], s)
            for s in index.match(query, top * 2)
            if new_posts[s.id].organisation_id != organisation.pk
        ][:top]
        if not found:
            continue
        year, week_number, _weekday = timezone.localtime(now).isocalendar()
        with transaction.atomic():
            mail.queue_mail(
                key=f"marketplace-digest:{subscription.pk}:{year}-W{week_number:02d}",
                kind="marketplace.digest",
                to=[subscription.membership.user.email],
                subject=_("Nieuw op de marktplaats voor %(org)s") % {"org": organisation.name},
                template="marketplace/email/digest.txt",
                context={
                    "organisation": organisation,
                    "found": found,
                    "base_url": base_url,
                    "link": base_url + reverse("marketplace:post-list"),
                },
                priority=mail.Priority.BULK,
            )
            DigestSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
        sent += 1
    return sent
