"""Every write to activities and their progress."""

from datetime import date

from django.db import transaction

from alliantie.accounts.models import User
from alliantie.activities.models import Activity, ProgressUpdate
from alliantie.core import audit
from alliantie.partners.models import Organisation


@transaction.atomic
def save_activity(
    *, organisation: Organisation, saved_by: User, activity: Activity | None = None, **fields
) -> Activity:
    """Create an activity for an organisation, or change one of its activities."""
    many = {key: fields.pop(key) for key in ("challenges", "municipalities", "co_partners")}
    created = activity is None
    activity = activity or Activity(organisation=organisation)
    for key, value in fields.items():
        setattr(activity, key, value)
    activity.full_clean(exclude=["challenges", "municipalities", "co_partners"])
    activity.save()
    activity.challenges.set(many["challenges"])
    activity.municipalities.set(many["municipalities"])
    activity.co_partners.set([o for o in many["co_partners"] if o.pk != organisation.pk])
    audit.record(actor=saved_by, action="activity.created" if created else "activity.changed", target=activity)
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
    """Change a few fields of an activity (the API's partial update); what is left out stays as it is."""
    for field, value in (("title", title), ("description", description), ("ends_on", ends_on)):
        if value is not None:
            setattr(activity, field, value)
    activity.full_clean(exclude=["challenges", "municipalities", "co_partners"])
    activity.save()
    audit.record(actor=changed_by, action="activity.changed", target=activity)
    return activity
