"""Every write to activities and their progress."""

from datetime import date, datetime

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from alliantie.accounts.models import User
from alliantie.activities import figures
from alliantie.activities.models import Activity, ProgressUpdate
from alliantie.core import audit, summaries, versions
from alliantie.partners.models import Organisation


def _mark_reported(organisation: Organisation, at: datetime) -> None:
    """A new activity or progress update is a report: it resets the partner's reporting status."""
    Organisation.objects.filter(pk=organisation.pk).update(last_reported_at=at, updated_at=timezone.now())
    organisation.last_reported_at = at
    versions.bump(versions.PARTNERS)


def recompute_last_reported(organisations: QuerySet[Organisation] | None = None) -> int:
    """Set each organisation's last report from its activities and progress updates (after a bulk load).

    Two grouped queries and batched updates: a correlated subquery per organisation is far slower at scale."""
    organisations = organisations if organisations is not None else Organisation.objects.all()
    ids = organisations.values("pk")
    latest: dict[int, datetime] = {}
    for rows in (
        Activity.objects.filter(organisation__in=ids).values_list("organisation").annotate(m=Max("created_at")),
        ProgressUpdate.objects.filter(activity__organisation__in=ids)
        .values_list("activity__organisation")
        .annotate(m=Max("created_at")),
    ):
        for pk, moment in rows.order_by():
            latest[pk] = max(moment, latest.get(pk, moment))
    changed = [Organisation(pk=pk, last_reported_at=moment) for pk, moment in latest.items()]
    Organisation.objects.bulk_update(changed, ["last_reported_at"], batch_size=1000)
    organisations.exclude(pk__in=list(latest)).update(last_reported_at=None)
    versions.bump(versions.PARTNERS)
    return len(changed)


@transaction.atomic
def save_activity(
    *, organisation: Organisation, saved_by: User, activity: Activity | None = None, **fields
) -> Activity:
    """Create an activity for an organisation, or change one of its activities."""
    many = {key: fields.pop(key) for key in ("challenges", "municipalities", "co_partners")}
    created = activity is None
    before = Activity.objects.filter(pk=activity.pk).values_list("starts_on", "ends_on").get() if activity else None
    activity = activity or Activity(organisation=organisation)
    for key, value in fields.items():
        setattr(activity, key, value)
    activity.full_clean(exclude=["challenges", "municipalities", "co_partners"])
    activity.save()
    activity.challenges.set(many["challenges"])
    activity.municipalities.set(many["municipalities"])
    activity.co_partners.set([o for o in many["co_partners"] if o.pk != organisation.pk])
    audit.record(actor=saved_by, action="activity.created" if created else "activity.changed", target=activity)
    if created:
        _mark_reported(organisation, activity.created_at)
    versions.bump(versions.PARTNERS)
    summaries.organisations_changed([organisation.pk])
    figures.recount_years(figures.activity_years(activity, *([before] if before else [])))
    return activity


@transaction.atomic
def add_progress_update(
    *,
    activity: Activity,
    reported_by: User,
    reported_on: date,
    children_reached: int | None,
    families_reached: int | None,
    note: str,
) -> ProgressUpdate:
    """Record what an activity reached by a date."""
    update = ProgressUpdate(
        activity=activity,
        reported_on=reported_on,
        children_reached=children_reached,
        families_reached=families_reached,
        note=note,
        created_by=reported_by,
    )
    update.full_clean()
    update.save()
    audit.record(actor=reported_by, action="activity.progress", target=activity, reported_on=reported_on.isoformat())
    _mark_reported(activity.organisation, update.created_at)
    summaries.organisations_changed([activity.organisation_id])
    figures.recount_years([reported_on.year])
    return update


@transaction.atomic
def update_activity_fields(
    *,
    activity: Activity,
    changed_by: User,
    title: str | None = None,
    description: str | None = None,
    ends_on: date | None = None,
) -> Activity:
    """Change a few fields of an activity (the API's partial update); what is left out stays as it is, and a
    change to nothing new writes nothing (no audit entry, no new `updated_at`)."""
    wanted = {"title": title, "description": description, "ends_on": ends_on}
    changed = sorted(f for f, value in wanted.items() if value is not None and getattr(activity, f) != value)
    if not changed:
        return activity
    before = (activity.starts_on, activity.ends_on)
    for field in changed:
        setattr(activity, field, wanted[field])
    # Only what changes is checked (and the activity's own rules, such as the end after the start): a title stored
    # before a rule existed must not block a new end date.
    activity.full_clean(exclude=[f.name for f in Activity._meta.get_fields() if f.name not in changed])
    activity.save(update_fields=[*changed, "updated_at"])
    audit.record(actor=changed_by, action="activity.changed", target=activity, fields=changed)
    versions.bump(versions.PARTNERS)
    summaries.organisations_changed([activity.organisation_id])
    figures.recount_years(figures.activity_years(activity, before))
    return activity
