"""The targets for the local alliances and the pool (seed 001 §4.2, seed 002) as editable defaults on the dashboard.

As in reports/0002_seed_targets, the seeds' periods have passed: the defaults keep their lengths (two years, three
years) from the year the platform is installed. A target the team already has for the same definition is left alone,
so running this twice (or after the team made its own) adds nothing."""

from datetime import date

from django.db import migrations
from django.utils import timezone

DEFAULTS = [
    # title, definition, value, years, public, source, position
    ("15 lokale allianties in twee jaar", "lokale-allianties", 15, 2, True, "Projectplan 2022–2023, §4.2", 50),
    (
        "100 extra ervaringsdeskundigen",
        "ervaringsdeskundigen",
        100,
        3,
        False,
        "Alliantie Kinderarmoede, januari 2019: binnen drie jaar minimaal 100 ervaringsdeskundigen erbij",
        60,
    ),
]


def load(apps, schema_editor):
    Target = apps.get_model("reports", "Target")
    year = timezone.localdate().year
    for title, definition, value, years, public, source, position in DEFAULTS:
        if Target.objects.filter(definition=definition).exists():
            continue
        Target.objects.create(
            title=title,
            definition=definition,
            value=value,
            period_start=date(year, 1, 1),
            period_end=date(year + years - 1, 12, 31),
            public=public,
            source=source,
            position=position,
        )


class Migration(migrations.Migration):
    dependencies = [("localalliances", "0002_names_sorted_ignoring_case"), ("reports", "0002_seed_targets")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
