"""Who may read, contribute to and review the kennisbank. The only place that decides it for this app.

Published public items are for everyone, partners-only items for partners (and the team and coordinators); a draft
is seen by its authors' organisations and the team. Outsiders get 404; people who see an item but may not change it
get 403."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from alliantie.accounts.permissions import is_coordinator, is_project_team
from alliantie.core.models import SearchDocument
from alliantie.events import permissions as event_permissions
from alliantie.knowledge.models import Attachment, Collection, Consent, Item, Visibility


def partner_organisation_ids(user) -> list[int]:
    """The partner organisations the user belongs to."""
    return event_permissions.partner_organisation_ids(user)


def sees_partner_items(user) -> bool:
    """Partners' people, coordinators and the team read what is for partners only."""
    return is_project_team(user) or is_coordinator(user) or bool(partner_organisation_ids(user))


def search_audiences(user) -> list[str]:
    """The search index audiences the user may find (the agenda's and the kennisbank's)."""
    audiences = set(event_permissions.audiences_for(user))
    if sees_partner_items(user):
        audiences.add(SearchDocument.Audience.PARTNERS)
    return sorted(audiences)


def _own(user) -> Q:
    own = partner_organisation_ids(user)
    authored = Item.author_organisations.through.objects.filter(organisation_id__in=own).values("item_id")
    return Q(created_by=user) | Q(pk__in=authored)


def visible_items(user) -> QuerySet[Item]:
    """Published items for the user's audience (stories only with consent), and drafts of the user's own
    organisations; the team sees everything."""
    if is_project_team(user):
        return Item.objects.all()
    published = Item.objects.published()
    if not sees_partner_items(user):
        published = published.filter(visibility=Visibility.PUBLIC)
    if not user.is_authenticated:
        return published
    return Item.objects.filter(Q(pk__in=published.values("pk")) | _own(user))


def can_contribute(user) -> bool:
    """Partners' people and the team write items; partners' go to the team for review."""
    return is_project_team(user) or bool(partner_organisation_ids(user))


def can_review(user) -> bool:
    """The project team publishes, sends back and withdraws items, and keeps consent records."""
    return is_project_team(user)


def is_author(user, item: Item) -> bool:
    """Whether the user wrote the item, or belongs to one of its author organisations."""
    if not user.is_authenticated:
        return False
    own = partner_organisation_ids(user)
    return item.created_by_id == user.pk or (bool(own) and item.author_organisations.filter(pk__in=own).exists())


def can_edit_item(user, item: Item) -> bool:
    """The team always; the authors while it is a draft (once submitted, the team takes it from there)."""
    return can_review(user) or (item.status == Item.Status.DRAFT and is_author(user, item))


def can_submit_item(user, item: Item) -> bool:
    """A draft may be sent for review by its authors and the reviewers."""
    return item.status == Item.Status.DRAFT and (is_author(user, item) or can_review(user))


def get_item_for_user(user, slug: str, *, write: bool = False) -> Item:
    """An item the user may see (404 otherwise); with write, one the user may change (403 otherwise)."""
    item = visible_items(user).select_related("change_line", "event", "activity").filter(slug=slug[:220]).first()
    if item is None:
        raise Http404
    if write and not can_edit_item(user, item):
        raise PermissionDenied
    return item


def get_attachment_for_user(user, item: Item, pk: int) -> Attachment:
    """An attachment of an item the user may already see (404 otherwise)."""
    attachment = item.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment


def get_consent_for_user(user, item: Item, pk: int) -> Consent:
    """A consent record of an item, for reviewers only (403 for others, 404 for another item's)."""
    if not can_review(user):
        raise PermissionDenied
    consent = item.consents.filter(pk=pk).first()
    if consent is None:
        raise Http404
    return consent


def can_manage_collections(user) -> bool:
    """The project team makes and orders collections."""
    return is_project_team(user)


def get_collection_for_user(user, slug: str, *, write: bool = False) -> Collection:
    """A collection (404 when unknown); with write, only for those who manage collections (403)."""
    collection = Collection.objects.filter(slug=slug[:220]).first()
    if collection is None:
        raise Http404
    if write and not can_manage_collections(user):
        raise PermissionDenied
    return collection
