"""Reads for the activity pages."""

from django.db.models import Prefetch, Sum
from django.db.models.functions import Lower

from alliantie.activities import permissions
from alliantie.activities.models import Activity, ProgressUpdate
from alliantie.core.models import Challenge, Municipality
from alliantie.partners.models import Organisation


def _with_relations(queryset):
    return queryset.select_related("organisation", "change_line").prefetch_related(
        Prefetch("challenges", queryset=Challenge.objects.only("id", "name", "number").order_by("number")),
        Prefetch("municipalities", queryset=Municipality.objects.only("id", "name").order_by(Lower("name"))),
        Prefetch("co_partners", queryset=Organisation.objects.only("id", "name", "slug").order_by(Lower("name"))),
    )


def organisation_activities(organisation: Organisation) -> list[Activity]:
    """An organisation's activities with their tags and reach so far, newest first."""
    activities = Activity.objects.filter(organisation=organisation).annotate(
        children_reached=Sum("progress_updates__children_reached"),
        families_reached=Sum("progress_updates__families_reached"),
    )
    return list(_with_relations(activities).order_by("-starts_on", Lower("title")))


def activity_detail(user, activity: Activity) -> dict:
    """The public part of an activity; its progress notes only for those who may edit it."""
    activity = _with_relations(Activity.objects.filter(pk=activity.pk)).get()
    can_edit = permissions.can_edit_activities_of(user, activity.organisation)
    updates = list(ProgressUpdate.objects.filter(activity=activity).order_by("-reported_on", "-created_at"))
    totals = {
        "children": sum(u.children_reached or 0 for u in updates),
        "families": sum(u.families_reached or 0 for u in updates),
    }
    return {"activity": activity, "can_edit": can_edit, "updates": updates if can_edit else [], "totals": totals}
