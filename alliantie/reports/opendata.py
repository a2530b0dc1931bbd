"""Open data: the public figures and the public partner list as a Frictionless data package (CSV and JSON files with
a datapackage.json that describes every field), licence CC BY 4.0. Made once a day by the periodic job `open-data`
(and by `alliantie demo`), served as stored; the same files are in the API (/api/v1/open-data)."""

import csv
import io
import json

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import Challenge
from alliantie.monitoring import results
from alliantie.partners.models import Organisation
from alliantie.reports.models import MunicipalityFigures, Snapshot, SnapshotFile
from alliantie.reports.precompute import running_activities

MIN_GROUP = 5
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Naamsvermelding 4.0 Internationaal",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}

# Per resource: its fields as (name, Frictionless type, description). The order is the column order.
RESOURCES = {
    "partners": (
        "De openbare lijst van partners van de Alliantie Kinderarmoede (actief of slapend).",
        [
            ("slug", "string", "Vaste korte naam van de partner, ook in het adres van het profiel."),
            ("naam", "string", "Naam van de organisatie."),
            ("sector", "string", "Sector van de organisatie."),
            ("schaal", "string", "Lokaal, regionaal of landelijk."),
            ("gemeentecode", "string", "CBS-code van de vestigingsgemeente (GMxxxx); leeg als onbekend."),
            ("gemeente", "string", "Naam van de vestigingsgemeente."),
            ("provinciecode", "string", "CBS-code van de provincie van de vestigingsgemeente (PVxx)."),
            ("partnerSinds", "date", "De dag waarop de organisatie partner werd."),
            ("website", "string", "Website van de organisatie; leeg als onbekend."),
            ("profiel", "string", "Adres van het openbare profiel op het platform."),
        ],
    ),
    "partners-per-sector": (
        "Aantal partners per sector. Minder dan 5 partners: geen getal (leeg).",
        [
            ("sector", "string", "Sector."),
            ("partners", "integer", "Aantal partners in de sector; leeg bij minder dan 5."),
        ],
    ),
    "opgaven": (
        "Lopende activiteiten van partners per opgave van de werkagenda, en de kinderen die ze bereikten volgens de "
        "voortgang van het jaar. Minder dan 5 partners achter een getal: geen getal (leeg).",
        [
            ("nummer", "integer", "Nummer van de opgave (1 tot en met 10)."),
            ("opgave", "string", "Naam van de opgave."),
            (
                "activiteiten",
                "integer",
                "Lopende activiteiten van partners op deze opgave; leeg bij minder dan 5 partners.",
            ),
            ("partners", "integer", "Partners met een lopende activiteit op deze opgave; leeg bij minder dan 5."),
            (
                "kinderenBereikt",
                "integer",
                "Kinderen bereikt volgens de voortgang van dit jaar; leeg bij minder dan 5 partners.",
            ),
        ],
    ),
    "gemeenten": (
        "Alle 342 gemeenten met wat er gebeurt. Het aantal kinderen is een schatting: inwoners op 1 januari 2023 maal "
        "het door het CBS afgeronde aandeel 0 tot 15 jaar (bron: CBS, Kerncijfers wijken en buurten 2023). Minder dan "
        "5 partners actief: geen getallen (leeg).",
        [
            ("gemeentecode", "string", "CBS-code van de gemeente (GMxxxx)."),
            ("gemeente", "string", "Naam van de gemeente."),
            ("provinciecode", "string", "CBS-code van de provincie (PVxx)."),
            ("kinderenSchatting", "integer", "Geschat aantal kinderen van 0 tot 15 jaar (2023)."),
            ("partners", "integer", "Partners actief in de gemeente (vestiging of werkgebied); leeg bij minder dan 5."),
            ("activiteiten", "integer", "Lopende activiteiten in de gemeente; leeg bij minder dan 5 partners."),
            ("voorzieningen", "integer", "Voorzieningen op de sociale kaart in de gemeente (niet de landelijke)."),
        ],
    ),
}


def _rows_partners(base_url: str) -> list[dict]:
    found = (
        Organisation.objects.partners()
        .select_related("sector", "scope", "municipality__province")
        .order_by(Lower("name"), "pk")
    )
    return [
        {
            "slug": o.slug,
            "naam": o.name,
            "sector": o.sector.name,
            "schaal": o.scope.name,
            "gemeentecode": o.municipality.code if o.municipality else None,
            "gemeente": o.municipality.name if o.municipality else None,
            "provinciecode": o.municipality.province.code if o.municipality else None,
            "partnerSinds": o.joined_on.isoformat() if o.joined_on else None,
            "website": o.website or None,
            "profiel": base_url + reverse("partners:organisation-detail", kwargs={"slug": o.slug}),
        }
        for o in found.iterator(chunk_size=2000)
    ]


def _small(count: int, partners: int) -> int | None:
    return count if partners >= MIN_GROUP else None


def _rows_sectors() -> list[dict]:
    rows = (
        Organisation.objects.partners()
        .values("sector__name", "sector__order")
        .annotate(n=Count("pk"))
        .order_by("sector__order", Lower("sector__name"))
    )
    return [{"sector": row["sector__name"], "partners": _small(row["n"], row["n"])} for row in rows]


def _rows_challenges(today) -> list[dict]:
    per_challenge = {
        row["challenges"]: row
        for row in running_activities(today)
        .values("challenges")
        .annotate(activities=Count("pk", distinct=True), partners=Count("organisation", distinct=True))
        .order_by()
    }
    reach = {row.code: row for row in results.reach(today.year, public=True)["challenges"]}
    rows = []
    for challenge in Challenge.objects.order_by("number"):
        found = per_challenge.get(challenge.pk, {})
        partners = found.get("partners", 0)
        reached = reach.get(str(challenge.number))
        rows.append(
            {
                "nummer": challenge.number,
                "opgave": challenge.name,
                "activiteiten": _small(found.get("activities", 0), partners),
                "partners": _small(partners, partners),
                "kinderenBereikt": reached.children if reached and reached.partners >= MIN_GROUP else None,
            }
        )
    return rows


def _rows_municipalities() -> list[dict]:
    rows = MunicipalityFigures.objects.select_related("municipality__province").order_by("municipality__code")
    return [
        {
            "gemeentecode": r.municipality.code,
            "gemeente": r.municipality.name,
            "provinciecode": r.municipality.province.code,
            "kinderenSchatting": r.children,
            "partners": _small(r.partners, r.partners),
            "activiteiten": _small(r.activities, r.partners),
            "voorzieningen": r.services,
        }
        for r in rows
    ]


def _csv(fields: list, rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([name for name, _type, _description in fields])
    for row in rows:
        writer.writerow(["" if row[name] is None else _neutral(row[name]) for name, _t, _d in fields])
    return buffer.getvalue()


def _neutral(value):
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def descriptor(made_at, base_url: str = "") -> dict:
    """The datapackage.json: the package, its licence and sources, and every resource with every field."""
    resources = []
    for name, (description, fields) in RESOURCES.items():
        schema = {
            "fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
            "missingValues": [""],
        }
        for fmt, mediatype in (("csv", "text/csv"), ("json", "application/json")):
            resources.append(
                {
                    "name": f"{name}-{fmt}",
                    "path": f"{base_url}{name}.{fmt}",
                    "title": name,
                    "description": description,
                    "format": fmt,
                    "mediatype": mediatype,
                    "encoding": "utf-8",
                    "schema": schema,
                    **({"dialect": {"delimiter": ",", "header": True}} if fmt == "csv" else {}),
                }
            )
    return {
        "name": "alliantie-kinderarmoede",
        "title": "Alliantie Kinderarmoede: partners en cijfers",
        "description": "De openbare cijfers van de Alliantie Kinderarmoede en de lijst van partners. Groepen van "
        "minder dan 5 partners krijgen geen getal.",
        "version": made_at.date().isoformat(),
        "created": made_at.isoformat(timespec="seconds"),
        "licenses": [LICENCE],
        "sources": [
            {"title": "Platform Alliantie Kinderarmoede"},
            {"title": "CBS (Centraal Bureau voor de Statistiek), PDOK: Kerncijfers wijken en buurten 2023"},
        ],
        "resources": resources,
    }


def build(base_url: str = "") -> Snapshot:
    """Make the package again and replace the stored one (safe to run twice: the second replaces the first)."""
    made_at = timezone.now().replace(microsecond=0)
    today = timezone.localdate()
    base_url = base_url or settings.SITE_URL
    rows = {
        "partners": _rows_partners(base_url),
        "partners-per-sector": _rows_sectors(),
        "opgaven": _rows_challenges(today),
        "gemeenten": _rows_municipalities(),
    }
    with transaction.atomic():
        snapshot, _created = Snapshot.objects.update_or_create(
            name="open-data",
            defaults={"made_at": made_at, "summary": {"rows": {name: len(found) for name, found in rows.items()}}},
        )
        snapshot.files.all().delete()
        files = [
            SnapshotFile(
                snapshot=snapshot,
                name="datapackage.json",
                content_type="application/json",
                content=json.dumps(descriptor(made_at), ensure_ascii=False, indent=2),
            )
        ]
        for name, (_description, fields) in RESOURCES.items():
            files.append(
                SnapshotFile(
                    snapshot=snapshot,
                    name=f"{name}.csv",
                    content_type="text/csv; charset=utf-8",
                    content=_csv(fields, rows[name]),
                )
            )
            files.append(
                SnapshotFile(
                    snapshot=snapshot,
                    name=f"{name}.json",
                    content_type="application/json",
                    content=json.dumps(rows[name], ensure_ascii=False),
                )
            )
        SnapshotFile.objects.bulk_create(files)
    return snapshot


def build_daily() -> str:
    """The periodic job: the figures first (if they changed), then the package."""
    from alliantie.reports import precompute

    precompute.refresh()
    snapshot = build()
    return ", ".join(f"{name}: {n}" for name, n in snapshot.summary["rows"].items())
