"""Coverage and blind spots: what the precomputed cells say per opgave, province and sector, and which sectors each
opgave needs (a blind spot is a needed sector without any activity on the opgave in a province)."""

from dataclasses import dataclass, field

from django.db.models import Sum
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from alliantie.core.models import Challenge, ChangeLine, Province, Sector
from alliantie.reports.models import CoverageCell

# The sectors each opgave needs in every province (after seed 001 §4.1 and DOMAIN.md §1.3): where none of them is
# active on the opgave, that is a blind spot. Kept in code with this comment so a change is reviewed; the data
# dictionary (docs/dashboard.md) repeats it.
NEEDED_SECTORS = {
    "meedoen": ["fonds", "gemeente", "onderwijs"],
    "een-fijn-thuis": ["woningcorporatie", "energie"],
    "een-gezonde-dag": ["onderwijs", "jeugdgezondheidszorg"],
    "het-gezin-versterken": ["jeugdgezondheidszorg", "kinderopvang"],
    "extra-ontwikkelkansen-bieden": ["onderwijs", "kinderopvang"],
    "leren-omgaan-met-geld": ["onderwijs", "schuldhulp"],
    "ervaringskennis-als-derde-kennisbron": ["ervaringsdeskundigen"],
    "stress-reduceren-door-schulden-hanteerbaar-te-maken": ["schuldhulp", "zorgverzekeraar"],
    "opgroeien-in-een-kindvriendelijke-omgeving": ["gemeente", "woningcorporatie"],
    "signaleren-en-ondersteunen-als-werkgever": ["werkgever"],
}

# What families look for on the sociale kaart (socialmap.Need) that serves each opgave: a provider whose services meet
# such a need (or are tagged with the opgave) is a candidate for the opgave's blind spots.
NEEDS_FOR_CHALLENGE = {
    "meedoen": ["sport-cultuur", "verjaardag", "vakantie", "kleding-speelgoed"],
    "een-fijn-thuis": ["wonen-energie"],
    "een-gezonde-dag": ["eten", "gezondheid"],
    "het-gezin-versterken": ["opvoeden"],
    "extra-ontwikkelkansen-bieden": ["school"],
    "leren-omgaan-met-geld": ["geld-schulden"],
    "stress-reduceren-door-schulden-hanteerbaar-te-maken": ["geld-schulden"],
    "opgroeien-in-een-kindvriendelijke-omgeving": ["sport-cultuur", "vakantie"],
}

# How a blind spot names a sector in a sentence ("in Zeeland geen woningcorporatie actief").
SECTOR_NOUNS = {
    "gemeente": "gemeente",
    "onderwijs": "school of onderwijsorganisatie",
    "kinderopvang": "kinderopvang",
    "jeugdgezondheidszorg": "jeugdgezondheidszorg of GGD",
    "zorg": "zorgorganisatie",
    "zorgverzekeraar": "zorgverzekeraar",
    "werkgever": "werkgever of bedrijf",
    "woningcorporatie": "woningcorporatie",
    "fonds": "fonds",
    "maatschappelijke-organisatie": "maatschappelijke organisatie",
    "kennisinstelling": "kennisinstelling",
    "ervaringsdeskundigen": "organisatie van ervaringsdeskundigen",
    "energie": "energie- of nutsbedrijf",
    "schuldhulp": "organisatie voor schuldhulp of bewindvoering",
}


@dataclass
class Filters:
    change_line: ChangeLine | None = None
    sector: Sector | None = None
    province: Province | None = None


@dataclass
class Cell:
    activities: int = 0
    partners: int = 0
    lived: int = 0
    province_code: str = ""  # empty: activities without a place (national)

    @property
    def lived_percent(self) -> int | None:
        return round(100 * self.lived / self.activities) if self.activities else None


@dataclass
class Row:
    challenge: Challenge
    cells: list[Cell] = field(default_factory=list)


@dataclass
class BlindSpot:
    challenge: Challenge
    province: Province
    sector: Sector

    @property
    def text(self) -> str:
        noun = SECTOR_NOUNS.get(self.sector.slug, self.sector.name.lower())
        return _("%(opgave)s: in %(province)s geen %(sector)s actief") % {
            "opgave": self.challenge.name,
            "province": self.province.name,
            "sector": noun,
        }

    @property
    def url(self) -> str:
        query = urlencode({"opgave": self.challenge.slug, "provincie": self.province.code, "sector": self.sector.slug})
        return reverse("reports:candidates") + "?" + query


def matrix(filters: Filters, challenges: list[Challenge], provinces: list[Province]) -> list[Row]:
    """Opgaven × provinces (and activities without a place), with activities, partners and the share with lived
    experience; one query on the precomputed cells."""
    cells = CoverageCell.objects.filter(change_line=filters.change_line)
    if filters.sector:
        cells = cells.filter(sector=filters.sector)
    sums = cells.values("challenge_id", "province_id").annotate(
        a=Sum("activities"), p=Sum("partners"), lived=Sum("lived_experience")
    )
    found = {(row["challenge_id"], row["province_id"]): (row["a"], row["p"], row["lived"]) for row in sums}
    columns = [(p.pk, p.code) for p in provinces] + [(None, "")]
    return [
        Row(c, [Cell(*found.get((c.pk, pk), (0, 0, 0)), province_code=code) for pk, code in columns])
        for c in challenges
    ]


def blind_spots(
    filters: Filters, challenges: list[Challenge], provinces: list[Province], sectors: list[Sector]
) -> list[BlindSpot]:
    """Each needed sector (or the chosen sector) without an activity on the opgave in a province; one query."""
    present = set(
        CoverageCell.objects.filter(change_line=filters.change_line, activities__gt=0, province__isnull=False)
        .values_list("challenge_id", "province_id", "sector_id")
        .distinct()
    )
    by_slug = {s.slug: s for s in sectors}
    spots = []
    for challenge in challenges:
        wanted = [filters.sector] if filters.sector else [by_slug[s] for s in NEEDED_SECTORS.get(challenge.slug, [])]
        for province in provinces:
            if filters.province and province != filters.province:
                continue
            spots.extend(
                BlindSpot(challenge, province, sector)
                for sector in wanted
                if sector and (challenge.pk, province.pk, sector.pk) not in present
            )
    return spots
