"""The audit trail: every service that changes something records it here."""

from typing import Any

from django.db import models

from alliantie.core.models import AuditEntry


def record(*, actor: Any, action: str, target: models.Model, **data: Any) -> AuditEntry:
    """Record that `actor` did `action` to `target`; `data` holds what changed (never secrets)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:200],
        organisation_id=organisation_of(target),
        data=data,
    )


def organisation_of(target: models.Model) -> int | None:
    """The organisation an entry is about: the target itself, or the organisation it belongs to."""
    if target._meta.label_lower == "partners.organisation":
        return target.pk
    for attribute in ("organisation_id", "poster_id"):
        if getattr(target, attribute, None):
            return getattr(target, attribute)
    return None
