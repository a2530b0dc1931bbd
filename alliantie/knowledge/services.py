"""Every write to the kennisbank: items and their review, attachments, consent for stories, collections, and the
report of an event. Publishing puts an item in the search index in the same transaction; withdrawing it (or the
consent of a story) takes it out in that transaction, so it is gone from every page, feed and API at once."""

import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alliantie.accounts.models import User
from alliantie.accounts.permissions import is_project_team
from alliantie.core import audit, mail
from alliantie.core.models import Challenge, ChangeLine, SearchDocument, Sector
from alliantie.core.search import Document, index_document, remove_document
from alliantie.events.models import Audience, Event
from alliantie.knowledge.attachments import inspect
from alliantie.knowledge.models import (
    Attachment,
    Collection,
    CollectionEntry,
    Consent,
    Item,
    ItemKind,
    KnowledgeSource,
    Link,
    Visibility,
)
from alliantie.partners.models import Organisation

Status = Item.Status


@dataclass
class ItemData:
    kind: str
    knowledge_source: str
    title: str
    summary: str
    body: str
    visibility: str
    lessons: str = ""
    change_line: ChangeLine | None = None
    challenges: list[Challenge] = field(default_factory=list)
    sectors: list[Sector] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    author_organisations: list[Organisation] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


def _unique_slug(title: str, item: Item) -> str:
    base = slugify(title)[:200] or "item"
    slug, n = base, 2
    while Item.objects.filter(slug=slug).exclude(pk=item.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# -- the index ------------------------------------------------------------------------------------------------------


def search_document(item: Item) -> Document:
    """What the search knows of a published item: its texts, its attachments' text, its facets."""
    authors = ", ".join(o.name for o in item.author_organisations.all())
    meta = " · ".join(
        p for p in (str(item.get_kind_display()).capitalize(), str(item.get_knowledge_source_display()), authors) if p
    )
    valid_until = None
    if item.kind == ItemKind.STORY:
        dates = [c.valid_until for c in item.consents.all() if c.is_valid]
        valid_until = None if any(d is None for d in dates) else max(dates, default=None)
    return Document(
        key=f"item:{item.pk}",
        kind=item.kind,
        knowledge_source=item.knowledge_source,
        title=item.title,
        summary=item.summary,
        body="\n\n".join(p for p in (item.body, item.lessons, item.attachment_text) if p),
        meta=meta[:300],
        url=item.get_absolute_url(),
        audience=SearchDocument.Audience.PUBLIC
        if item.visibility == Visibility.PUBLIC
        else SearchDocument.Audience.PARTNERS,
        date=item.published_at or item.created_at,
        change_line=item.change_line,
        challenge_ids=[c.pk for c in item.challenges.all()],
        sector_ids=[s.pk for s in item.sectors.all()],
        visible_until=valid_until,
    )


def _refresh_index(item: Item) -> None:
    """In the index exactly while it may be found: published (and, for a story, with consent)."""
    if item.status == Status.PUBLISHED and (item.kind != ItemKind.STORY or _has_valid_consent(item)):
        index_document(search_document(item))
    else:
        remove_document(f"item:{item.pk}")


def _has_valid_consent(item: Item) -> bool:
    return any(c.is_valid for c in item.consents.all())


# -- items ----------------------------------------------------------------------------------------------------------


def _apply(item: Item, data: ItemData) -> None:
    for name in ("kind", "knowledge_source", "title", "summary", "body", "visibility", "lessons", "change_line"):
        setattr(item, name, getattr(data, name))
    item.title, item.summary = item.title.strip(), item.summary.strip()
    item.target_groups = list(data.target_groups)


@transaction.atomic
def save_item(
    *, data: ItemData, saved_by: User, item: Item | None = None, activity=None, event: Event | None = None
) -> Item:
    """Write a new item (a draft) or change one; a published item changed by the team is re-indexed at once."""
    created = item is None
    item = item or Item(created_by=saved_by, activity=activity, event=event)
    _apply(item, data)
    if created:
        item.slug = _unique_slug(item.title, item)
    item.full_clean(exclude=["challenges", "sectors", "author_organisations", "slug"])
    item.save()
    item.challenges.set(data.challenges)
    item.sectors.set(data.sectors)
    item.author_organisations.set(data.author_organisations)
    item.links.all().delete()
    links = [Link(item=item, title=title[:200], url=url, position=i) for i, (title, url) in enumerate(data.links)]
    for link in links:
        link.full_clean(exclude=["item"])
    Link.objects.bulk_create(links)
    _refresh_index(item)
    audit.record(actor=saved_by, action="item.created" if created else "item.changed", target=item)
    return item


def _team_addresses() -> list[str]:
    return list(
        User.objects.filter(team_role=User.TeamRole.PROJECT_TEAM, is_active=True).values_list("email", flat=True)
    )


@transaction.atomic
def submit_item(*, item: Item, submitted_by: User, base_url: str) -> Item:
    """A partner hands a draft to the project team for review; the team is told by mail."""
    locked = Item.objects.select_for_update().get(pk=item.pk)
    if locked.status != Status.DRAFT:
        raise ValidationError(_("Alleen een concept kan worden ingediend."))
    locked.status, locked.submitted_by, locked.submitted_at, locked.review_note = (
        Status.IN_REVIEW,
        submitted_by,
        timezone.now(),
        "",
    )
    locked.save()
    audit.record(actor=submitted_by, action="item.submitted", target=locked)
    mail.queue_mail(
        key=f"item-submitted:{locked.pk}:{locked.submitted_at:%Y%m%dT%H%M%S}",
        kind="knowledge.submitted",
        to=_team_addresses(),
        subject=_("Ter beoordeling in de kennisbank: %(title)s") % {"title": locked.title},
        template="knowledge/email/submitted.txt",
        context={"item": locked, "by": submitted_by, "link": base_url.rstrip("/") + locked.get_absolute_url()},
        priority=mail.Priority.NOTICE,
    )
    return locked


@transaction.atomic
def publish_item(*, item: Item, published_by: User) -> Item:
    """The team publishes an item: it is findable at once. A story needs a valid consent record for the website."""
    locked = Item.objects.select_for_update().get(pk=item.pk)
    if locked.kind == ItemKind.STORY and not _has_valid_consent(locked):
        raise ValidationError(
            _(
                "Een ervaringsverhaal wordt pas gepubliceerd met een geldige toestemming voor de website. Leg eerst de "
                "toestemming vast."
            )
        )
    locked.status, locked.published_by, locked.published_at = Status.PUBLISHED, published_by, timezone.now()
    locked.withdrawn_at, locked.withdrawn_by, locked.withdrawn_reason = None, None, ""
    locked.save()
    _refresh_index(locked)
    audit.record(actor=published_by, action="item.published", target=locked)
    return locked


@transaction.atomic
def return_item(*, item: Item, returned_by: User, note: str, base_url: str) -> Item:
    """The team sends a submitted item back to its authors with what to change."""
    locked = Item.objects.select_for_update().get(pk=item.pk)
    if locked.status != Status.IN_REVIEW:
        raise ValidationError(_("Alleen een ingediend item kan worden teruggestuurd."))
    if not note.strip():
        raise ValidationError({"note": _("Schrijf kort wat er anders moet.")})
    locked.status, locked.review_note = Status.DRAFT, note.strip()
    locked.save()
    audit.record(actor=returned_by, action="item.returned", target=locked)
    if locked.submitted_by_id:
        mail.queue_mail(
            key=f"item-returned:{locked.pk}:{timezone.now():%Y%m%dT%H%M%S}",
            kind="knowledge.returned",
            to=[locked.submitted_by.email],
            subject=_("Uw bijdrage aan de kennisbank: %(title)s") % {"title": locked.title},
            template="knowledge/email/returned.txt",
            context={"item": locked, "link": base_url.rstrip("/") + locked.get_absolute_url()},
            priority=mail.Priority.NOTICE,
        )
    return locked


@transaction.atomic
def withdraw_item(*, item: Item, withdrawn_by: User, reason: str) -> Item:
    """Take an item offline everywhere at once (search, lists, collections, feeds, API), with who, when and why."""
    locked = Item.objects.select_for_update().get(pk=item.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf kort waarom het item wordt ingetrokken.")})
    locked.status = Status.WITHDRAWN
    locked.withdrawn_by, locked.withdrawn_at, locked.withdrawn_reason = withdrawn_by, timezone.now(), reason.strip()
    locked.save()
    remove_document(f"item:{locked.pk}")
    audit.record(actor=withdrawn_by, action="item.withdrawn", target=locked)
    return locked


# -- attachments ----------------------------------------------------------------------------------------------------


def _attachment_text(item: Item) -> str:
    return "\n\n".join(item.attachments.values_list("text", flat=True))[:300_000]


@transaction.atomic
def add_attachment(*, item: Item, upload, uploaded_by: User) -> Attachment:
    """Check the file by its content (raises AttachmentRefused with the reason), store it under a name of our own and
    add its text to what the search finds."""
    checked = inspect(upload.name, upload, upload.size)
    attachment = Attachment(
        item=item,
        token=secrets.token_hex(16),
        filename=upload.name[-200:],
        kind=checked.kind,
        content_type=checked.content_type,
        size=upload.size,
        pages=checked.pages,
        text=checked.text,
        uploaded_by=uploaded_by,
    )
    upload.seek(0)
    attachment.file.save(f"{checked.kind}", File(upload), save=False)
    attachment.save()
    item.attachment_text = _attachment_text(item)
    item.save(update_fields=["attachment_text", "updated_at"])
    _refresh_index(item)
    audit.record(actor=uploaded_by, action="item.attachment_added", target=item, filename=attachment.filename)
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, removed_by: User) -> None:
    """Delete an attachment (its file once the transaction commits) and re-index the item's text without it."""
    item = attachment.item
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
    item.attachment_text = _attachment_text(item)
    item.save(update_fields=["attachment_text", "updated_at"])
    _refresh_index(item)
    audit.record(actor=removed_by, action="item.attachment_removed", target=item, filename=attachment.filename)


# -- consent --------------------------------------------------------------------------------------------------------


@transaction.atomic
def record_consent(
    *,
    item: Item,
    recorded_by: User,
    given_by: str,
    relation: str,
    uses: list[str],
    method: str,
    valid_until=None,
    note: str = "",
) -> Consent:
    """Record who allowed a story to be used, for what and until when."""
    if item.kind != ItemKind.STORY:
        raise ValidationError(_("Toestemming hoort bij een ervaringsverhaal."))
    if valid_until and valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("Deze datum is al voorbij.")})
    consent = Consent(
        item=item,
        recorded_by=recorded_by,
        given_by=given_by.strip(),
        relation=relation,
        uses=sorted(set(uses)),
        method=method,
        valid_until=valid_until,
        note=note.strip(),
    )
    consent.full_clean(exclude=["item", "recorded_by"])
    consent.save()
    audit.record(actor=recorded_by, action="consent.recorded", target=item, uses=consent.uses)
    _refresh_index(Item.objects.get(pk=item.pk))
    return consent


@transaction.atomic
def withdraw_consent(*, consent: Consent, withdrawn_by: User, note: str) -> Consent:
    """The storyteller withdrew consent: recorded with who and when, and without another valid consent the story is
    withdrawn and out of the search in the same transaction."""
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at is None:
        locked.withdrawn_at, locked.withdrawn_by, locked.withdrawal_note = timezone.now(), withdrawn_by, note.strip()
        locked.save()
        audit.record(actor=withdrawn_by, action="consent.withdrawn", target=locked.item)
    item = Item.objects.select_for_update().get(pk=locked.item_id)
    if not _has_valid_consent(item) and item.status in (Status.PUBLISHED, Status.IN_REVIEW):
        item.status, item.withdrawn_by, item.withdrawn_at = Status.WITHDRAWN, withdrawn_by, timezone.now()
        item.withdrawn_reason = _("Toestemming ingetrokken.")
        item.save()
    _refresh_index(item)
    return locked


# -- collections ----------------------------------------------------------------------------------------------------


@transaction.atomic
def save_collection(
    *, title: str, description: str, saved_by: User, collection: Collection | None = None
) -> Collection:
    """Create or change a collection of kennisbank items; audited."""
    created = collection is None
    collection = collection or Collection()
    collection.title, collection.description = title.strip(), description.strip()
    if created:
        base = slugify(collection.title)[:200] or "collectie"
        slug, n = base, 2
        while Collection.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        collection.slug = slug
    collection.full_clean()
    collection.save()
    audit.record(actor=saved_by, action="collection.saved", target=collection)
    return collection


@transaction.atomic
def add_to_collection(*, collection: Collection, item: Item, added_by: User) -> CollectionEntry:
    """Add an item at the end of a collection; an item already in it is refused."""
    if collection.entries.filter(item=item).exists():
        raise ValidationError(_("Dit item staat al in de collectie."))
    last = collection.entries.aggregate(last=Max("position"))["last"]
    entry = CollectionEntry.objects.create(collection=collection, item=item, position=(last or 0) + 1)
    audit.record(actor=added_by, action="collection.item_added", target=collection, item=item.pk)
    return entry


@transaction.atomic
def move_in_collection(*, collection: Collection, entry_id: int, up: bool, moved_by: User) -> None:
    """Swap an item with the one before (up) or after it."""
    entries = list(collection.entries.select_for_update().order_by("position", "pk"))
    index = next((i for i, e in enumerate(entries) if e.pk == entry_id), None)
    if index is None:
        raise ValidationError(_("Dit item staat niet in de collectie."))
    other = index - 1 if up else index + 1
    if 0 <= other < len(entries):
        entries[index], entries[other] = entries[other], entries[index]
        for position, entry in enumerate(entries, start=1):
            entry.position = position
        CollectionEntry.objects.bulk_update(entries, ["position"])
        audit.record(actor=moved_by, action="collection.reordered", target=collection)


@transaction.atomic
def remove_from_collection(*, collection: Collection, entry_id: int, removed_by: User) -> None:
    """Take an entry out of a collection (nothing happens for an entry of another collection); audited."""
    collection.entries.filter(pk=entry_id).delete()
    audit.record(actor=removed_by, action="collection.item_removed", target=collection)


# -- event to knowledge ---------------------------------------------------------------------------------------------


@transaction.atomic
def record_event_report(
    *, event: Event, written_by: User, shared: str, lessons: str, summary: str, slides=None
) -> Item:
    """After an event the organiser writes what was shared and learned: it becomes (or updates) the kennisbank item of
    kind verslag linked to the event, tagged like the event. The team's report is published at once; a partner's goes
    to the team for review."""
    if event.starts_at > timezone.now():
        raise ValidationError(_("Een verslag schrijft u na de bijeenkomst."))
    item = Item.objects.select_for_update().filter(event=event, kind=ItemKind.REPORT).first()
    data = ItemData(
        kind=ItemKind.REPORT,
        knowledge_source=KnowledgeSource.PRACTICE,
        title=_("Verslag: %(title)s") % {"title": event.title},
        summary=summary,
        body=shared,
        lessons=lessons,
        visibility=Visibility.PUBLIC if event.audience == Audience.PUBLIC else Visibility.PARTNERS,
        change_line=event.change_line,
        challenges=list(event.challenges.all()),
        author_organisations=list(event.organisers.all()),
    )
    item = save_item(data=data, saved_by=written_by, item=item, event=event)
    if slides is not None:
        add_attachment(item=item, upload=slides, uploaded_by=written_by)
    if is_project_team(written_by):
        if item.status != Status.PUBLISHED:
            item = publish_item(item=item, published_by=written_by)
    elif item.status == Status.DRAFT:
        item.status, item.submitted_by, item.submitted_at = Status.IN_REVIEW, written_by, timezone.now()
        item.save()
    audit.record(actor=written_by, action="event.report_recorded", target=event, item=item.pk)
    return item
