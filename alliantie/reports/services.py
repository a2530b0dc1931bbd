"""Every write of the dashboard: targets, and the recruitment list fed from the blind spots."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from alliantie.core import audit
from alliantie.core.models import Challenge, Province, Sector
from alliantie.partners.models import Organisation
from alliantie.reports import definitions
from alliantie.reports.models import RecruitmentCandidate, Target
from alliantie.socialmap.models import Provider


@transaction.atomic
def save_target(*, target: Target, sectors: list[Sector], changed_by) -> Target:
    """Create or change a target; a definition that is not registered or a period that ends before it starts is
    refused at its field."""
    if definitions.get(target.definition) is None:
        raise ValidationError({"definition": _("Kies wat er geteld wordt uit de lijst.")})
    target.full_clean()
    created = target.pk is None
    target.save()
    target.sectors.set(sectors)
    audit.record(
        actor=changed_by,
        action="target.created" if created else "target.changed",
        target=target,
        value=target.value,
        period=f"{target.period_start}–{target.period_end}",
        public=target.public,
    )
    return target


@transaction.atomic
def delete_target(*, target: Target, deleted_by) -> None:
    """Remove a target (the records behind it stay)."""
    audit.record(actor=deleted_by, action="target.deleted", target=target)
    target.delete()


@transaction.atomic
def add_candidate(
    *,
    challenge: Challenge,
    province: Province,
    sector: Sector | None,
    organisation: Organisation | None = None,
    provider: Provider | None = None,
    note: str = "",
    added_by,
) -> RecruitmentCandidate:
    """Put an organisation or a provider on the recruitment list for a blind spot (once per spot)."""
    if (organisation is None) == (provider is None):
        raise ValidationError(_("Kies één organisatie of één aanbieder."))
    candidate = RecruitmentCandidate(
        challenge=challenge,
        province=province,
        sector=sector or (organisation.sector if organisation else None),
        organisation=organisation,
        provider=provider,
        name=(organisation or provider).name,
        note=note,
        added_by=added_by,
    )
    candidate.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError as error:
        raise ValidationError(
            _("%(name)s staat al op de werflijst voor deze blinde vlek.") % {"name": candidate.name}
        ) from error
    audit.record(
        actor=added_by,
        action="recruitment.added",
        target=candidate,
        opgave=challenge.slug,
        provincie=province.code,
    )
    return candidate


@transaction.atomic
def set_candidate_status(*, candidate: RecruitmentCandidate, status: str, changed_by) -> RecruitmentCandidate:
    """Record how far the team got with a candidate."""
    if status not in RecruitmentCandidate.Status.values:
        raise ValidationError({"status": _("Kies een status uit de lijst.")})
    candidate.status = status
    candidate.save(update_fields=["status"])
    audit.record(actor=changed_by, action="recruitment.status", target=candidate, status=status)
    return candidate
