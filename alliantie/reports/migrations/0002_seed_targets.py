"""The targets the alliance promised the ministries (seed 001 §3 and §4, seed 002), as editable defaults.

The seeds' period (2022–2023) has passed; the defaults keep the lengths (two years, or one year for what is promised
"per jaar") from the year the platform is installed, and the team changes them on the dashboard. Targets whose
counts need apps that are not installed yet (local alliances, newsletters, the pool of ervaringsdeskundigen) are not
loaded here: see docs/dashboard.md."""

from datetime import date

from django.db import migrations
from django.utils import timezone

DEFAULTS = [
    # title, definition, value, years, sectors, public, source
    ("Netwerk van minimaal 350 partners", "partners", 350, 2, [], True, "Projectplan 2022–2023, §3"),
    (
        "75 nieuwe partners uit sectoren die de opgaven nodig hebben",
        "nieuwe-partners",
        75,
        2,
        ["woningcorporatie", "werkgever", "energie"],
        True,
        "Projectplan 2022–2023, §4.1",
    ),
    ("Minimaal 8 kenniskringen per jaar", "kenniskringen", 8, 1, [], True, "Projectplan 2022–2023, §4.1"),
    ("Leernetwerk lokale allianties 4 keer per jaar", "leernetwerk", 4, 1, [], False, "Projectplan 2022–2023, §4.2"),
]


def load(apps, schema_editor):
    Target = apps.get_model("reports", "Target")
    Sector = apps.get_model("core", "Sector")
    if Target.objects.exists():
        return
    year = timezone.localdate().year
    for position, (title, definition, value, years, sectors, public, source) in enumerate(DEFAULTS, start=1):
        target = Target.objects.create(
            title=title,
            definition=definition,
            value=value,
            period_start=date(year, 1, 1),
            period_end=date(year + years - 1, 12, 31),
            public=public,
            source=source,
            position=position * 10,
        )
        target.sectors.set(Sector.objects.filter(slug__in=sectors))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_targets_and_precomputed_figures"), ("core", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
