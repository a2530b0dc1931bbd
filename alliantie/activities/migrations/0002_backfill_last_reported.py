from django.db import migrations
from django.db.models import F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest


def backfill(apps, schema_editor):
    """Organisations get their last report (new activity or progress update) and the day their status began."""
    Organisation = apps.get_model("partners", "Organisation")
    Activity = apps.get_model("activities", "Activity")
    ProgressUpdate = apps.get_model("activities", "ProgressUpdate")
    activity_at = Subquery(
        Activity.objects.filter(organisation=OuterRef("pk"))
        .order_by()
        .values("organisation")
        .annotate(m=Max("created_at"))
        .values("m")
    )
    progress_at = Subquery(
        ProgressUpdate.objects.filter(activity__organisation=OuterRef("pk"))
        .order_by()
        .values("activity__organisation")
        .annotate(m=Max("created_at"))
        .values("m")
    )
    Organisation.objects.update(
        last_reported_at=Greatest(Coalesce(activity_at, progress_at), Coalesce(progress_at, activity_at))
    )
    Organisation.objects.filter(status_since__isnull=True, joined_on__isnull=False).update(status_since=F("joined_on"))


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
        ("partners", "0008_lifecycle_and_reporting"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
