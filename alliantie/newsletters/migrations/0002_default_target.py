"""The target for the newsletter (seed 001 §4.1: "Uitbrengen van 6 nieuwsbrieven per jaar") as an editable default
on the dashboard, for the year the platform is installed (as reports/0002_seed_targets). A target the team already
has for newsletters is left alone, so running this twice adds nothing."""

from datetime import date

from django.db import migrations
from django.utils import timezone


def load(apps, schema_editor):
    Target = apps.get_model("reports", "Target")
    if Target.objects.filter(definition="nieuwsbrieven").exists():
        return
    year = timezone.localdate().year
    Target.objects.create(
        title="6 nieuwsbrieven per jaar",
        definition="nieuwsbrieven",
        value=6,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        public=False,
        source="Projectplan 2022–2023, §4.1",
        position=70,
    )


class Migration(migrations.Migration):
    dependencies = [("newsletters", "0001_subscribers_editions_bounces"), ("reports", "0002_seed_targets")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
