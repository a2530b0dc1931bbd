"""Consent per person and purpose (AVG art. 7: the platform must be able to show that someone agreed, to what, when
and how). Services that mail or list people for a purpose ask `active_emails(purpose)`; a form that asks for consent
calls `give`; an unsubscribe link or a person's account calls `withdraw`."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from alliantie.core import audit
from alliantie.core.models import AuditEntry, PersonalConsent

Purpose = PersonalConsent.Purpose
Method = PersonalConsent.Method


@transaction.atomic
def give(*, email: str, purpose: str, text: str, method: str, user=None, confirmed: bool = True) -> PersonalConsent:
    """Record consent (unconfirmed until `confirm` when it still needs a double opt-in). A new consent for the same
    address and purpose replaces the open one, so the record shows what was agreed last."""
    email = email.strip().lower()
    now = timezone.now()
    PersonalConsent.objects.filter(email=email, purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_how="vervangen door een nieuwe toestemming"
    )
    consent = PersonalConsent(
        email=email,
        user=user,
        purpose=purpose,
        text=text,
        method=method,
        given_at=now,
        confirmed_at=now if confirmed else None,
    )
    consent.full_clean()
    consent.save()
    audit.record(actor=user, action="consent.given", target=consent, purpose=purpose, method=method)
    return consent


@transaction.atomic
def confirm(*, consent: PersonalConsent) -> PersonalConsent:
    """The double opt-in: the person clicked the link in the confirmation mail."""
    if consent.confirmed_at is None and consent.withdrawn_at is None:
        consent.confirmed_at = timezone.now()
        consent.save(update_fields=["confirmed_at"])
        audit.record(actor=consent.user, action="consent.confirmed", target=consent, purpose=consent.purpose)
    return consent


@transaction.atomic
def withdraw(*, email: str, purpose: str, how: str, actor=None) -> int:
    """Withdraw consent (an unsubscribe link, the account page, a request to the team). Returns how many records."""
    open_records = list(
        PersonalConsent.objects.select_for_update().filter(
            email=email.strip().lower(), purpose=purpose, withdrawn_at__isnull=True
        )
    )
    for consent in open_records:
        consent.withdrawn_at, consent.withdrawn_how = timezone.now(), how[:200]
        consent.save(update_fields=["withdrawn_at", "withdrawn_how"])
        audit.record(actor=actor, action="consent.withdrawn", target=consent, purpose=purpose, how=how)
    return len(open_records)


def active(email: str, purpose: str) -> PersonalConsent | None:
    """The consent that holds now for this address and purpose, if any."""
    return PersonalConsent.objects.filter(
        email=email.strip().lower(), purpose=purpose, withdrawn_at__isnull=True, confirmed_at__isnull=False
    ).first()


def active_emails(purpose: str) -> QuerySet:
    """The addresses that agreed to `purpose` and did not withdraw (a values query to filter recipients with)."""
    return PersonalConsent.objects.filter(
        purpose=purpose, withdrawn_at__isnull=True, confirmed_at__isnull=False
    ).values("email")


@transaction.atomic
def forget(*, email: str, purpose: str) -> int:
    """A person who deletes what they gave for `purpose` (an entry in the pool) is forgotten for it: their consent
    records go, and the audit entries about those records no longer show the address. Returns how many records."""
    records = PersonalConsent.objects.filter(email=email.strip().lower(), purpose=purpose)
    ids = [str(pk) for pk in records.values_list("pk", flat=True)]
    AuditEntry.objects.filter(target_type=PersonalConsent._meta.label_lower, target_id__in=ids).update(
        target_repr=f"toestemming voor {purpose} (vergeten)"
    )
    deleted, _ = records.delete()
    return deleted
