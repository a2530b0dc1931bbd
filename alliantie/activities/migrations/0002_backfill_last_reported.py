from django.db import migrations
from django.db.models import F, Max


def backfill(apps, schema_editor):
    """Organisations get their last report (new activity or progress update) and the day their status began."""
    Organisation = apps.get_model("partners", "Organisation")
    Activity = apps.get_model("activities", "Activity")
    ProgressUpdate = apps.get_model("activities", "ProgressUpdate")
    latest = {}
    for rows in (
        Activity.objects.order_by().values_list("organisation").annotate(m=Max("created_at")),
        ProgressUpdate.objects.order_by().values_list("activity__organisation").annotate(m=Max("created_at")),
    ):
        for pk, moment in rows:
            latest[pk] = max(moment, latest.get(pk, moment))
    Organisation.objects.bulk_update(
        [Organisation(pk=pk, last_reported_at=moment) for pk, moment in latest.items()],
        ["last_reported_at"],
        batch_size=1000,
    )
    Organisation.objects.filter(status_since__isnull=True, joined_on__isnull=False).update(status_since=F("joined_on"))


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
        ("partners", "0008_lifecycle_and_reporting"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
