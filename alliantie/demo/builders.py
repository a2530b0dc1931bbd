"""The demo alliance: a realistic national network of partner organisations, people in every role.

Deterministic for a given seed. Scale 1 gives about 350 organisations; scale N gives N times as many.
Later parts add their own builders here (activities, monitor rounds, posts, services)."""

import csv
import hashlib
import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliantie.accountability.models import ContactMoment
from alliantie.accounts.models import User
from alliantie.activities.models import Activity, ProgressUpdate
from alliantie.activities.services import recompute_last_reported
from alliantie.core import summaries
from alliantie.core.models import Challenge, ChangeLine, Municipality, OutboxMessage, Province, Scope, Sector
from alliantie.demo.activity_templates import BY_SECTOR, SEED_ACTIVITIES
from alliantie.demo.agenda import AgendaBuilder
from alliantie.demo.community import CommunityBuilder
from alliantie.demo.figures import build_figures
from alliantie.demo.local_alliances import LocalAllianceBuilder
from alliantie.demo.newsletter import NewsletterBuilder
from alliantie.demo.post_catalogue import activities_for, kind_of, templates_for
from alliantie.demo.seed_organisations import SEED_ORGANISATIONS
from alliantie.demo.social_map import LOCAL_SERVICES, MUNICIPAL_SERVICES, NATIONAL_PROVIDERS
from alliantie.marketplace.models import Post
from alliantie.monitoring.models import (
    Answer,
    Code,
    Invitation,
    MonitorRound,
    Question,
    Questionnaire,
    Report,
    Response,
)
from alliantie.partners.models import Membership, Nomination, Organisation, Pledge, PledgeText
from alliantie.socialmap.models import Location, Provider, Service

ORGANISATIONS_PER_SCALE = 350
POSTS_PER_SCALE = 400  # scale 50: 20,000 requests and offers
DEMO_PASSWORD = "Kinderarmoede-2030"  # noqa: S105 - printed for testers on purpose; demo data only
LAUNCH = date(2019, 3, 26)
REFERENCE_DAY = date(2026, 11, 1)
POSTCODES = Path(__file__).resolve().parent.parent / "core" / "data" / "postcodes_pc4.csv"

# Share of generated organisations per sector, with the scopes such organisations usually have.
SECTOR_MIX = {
    "gemeente": (55, {"local": 1}),
    "onderwijs": (40, {"local": 85, "regional": 15}),
    "kinderopvang": (12, {"local": 80, "regional": 20}),
    "jeugdgezondheidszorg": (18, {"local": 30, "regional": 70}),
    "zorg": (14, {"local": 70, "regional": 30}),
    "zorgverzekeraar": (4, {"regional": 40, "national": 60}),
    "werkgever": (32, {"local": 50, "regional": 30, "national": 20}),
    "woningcorporatie": (14, {"local": 60, "regional": 40}),
    "fonds": (22, {"local": 50, "regional": 30, "national": 20}),
    "maatschappelijke-organisatie": (60, {"local": 75, "regional": 15, "national": 10}),
    "kennisinstelling": (14, {"regional": 50, "national": 50}),
    "landelijke-overheid": (6, {"national": 1}),
    "ervaringsdeskundigen": (10, {"local": 50, "regional": 30, "national": 20}),
    "levensbeschouwelijk": (12, {"local": 85, "regional": 15}),
    "energie": (5, {"regional": 60, "national": 40}),
    "schuldhulp": (16, {"local": 70, "regional": 30}),
}

SCHOOL_NAMES = [
    "De Regenboog",
    "De Zonnewijzer",
    "Het Kompas",
    "De Vlinder",
    "De Springplank",
    "Het Baken",
    "De Wegwijzer",
    "De Klimop",
    "'t Palet",
    "De Linde",
    "De Toermalijn",
    "Het Mozaïek",
    "De Horizon",
    "De Fontein",
    "Het Anker",
    "De Piramide",
    "De Windroos",
    "Het Kleurrijk",
    "De Bolster",
    "De Esch",
]
SURNAMES = [
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "Yılmaz",
    "El Amrani",
    "Kaya",
    "Bouzid",
    "Nguyen",
    "Pinas",
    "Tjon",
    "Şahin",
    "Boateng",
    "Wiersma",
    "Postma",
]
FIRST_NAMES = [
    "Anna",
    "Fatima",
    "Sanne",
    "Lotte",
    "Emma",
    "Noor",
    "Yasmina",
    "Eva",
    "Iris",
    "Marieke",
    "Daan",
    "Mohammed",
    "Bram",
    "Sem",
    "Thijs",
    "Ruben",
    "Youssef",
    "Jeroen",
    "Mehmet",
    "Kees",
    "Anouk",
    "Sarita",
    "Ingrid",
    "Priya",
    "Linda",
    "Hanneke",
    "Marco",
    "Pieter",
    "Ahmed",
    "Joost",
]
DISTRICTS = ["Noord", "Oost", "Zuid", "West", "Centrum"]

NAME_PATTERNS = {
    "gemeente": ["Sociaal wijkteam {m} {district}", "Centrum voor Jeugd en Gezin {m}", "Werk en Inkomen {m}"],
    "onderwijs": [
        "Basisschool {school}",
        "OBS {school}",
        "CBS {school}",
        "Kindcentrum {school}",
        "Scholengemeenschap {m}",
        "Stichting Openbaar Onderwijs {m}",
    ],
    "kinderopvang": ["Kinderopvang {school}", "Peuterspeelzaal {school}", "Kinderdagverblijf {school}"],
    "jeugdgezondheidszorg": ["GGD {province}", "JGZ {m}", "Consultatiebureau {m} {district}"],
    "zorg": [
        "Huisartsenpraktijk {m} {district}",
        "Zorggroep {m}",
        "Verloskundigenpraktijk {m}",
        "Kraamzorg {m}",
    ],
    "zorgverzekeraar": ["Zorgverzekeraar {province}", "Coöperatieve Zorgverzekeraar {m}"],
    "werkgever": [
        "Supermarkt {surname} {m}",
        "Bouwbedrijf {surname}",
        "Bakkerij {surname}",
        "Technisch Bedrijf {surname} {m}",
        "Transport {surname}",
        "Bank {m}",
    ],
    "woningcorporatie": ["Woonstichting {m}", "Wooncorporatie {school}", "Woonbedrijf {m}"],
    "fonds": [
        "Stichting Leergeld {m}",
        "Jeugdfonds Sport & Cultuur {province}",
        "Sam& {m}",
        "Fonds {surname}",
        "Stichting Kinderhulp {m}",
    ],
    "maatschappelijke-organisatie": [
        "Voedselbank {m}",
        "Kledingbank {m}",
        "Speelgoedbank {m}",
        "Welzijn {m}",
        "Humanitas {m}",
        "Buurthuis {school}",
        "Stichting Present {m}",
        "Huiswerkklas {m}",
        "Jongerenwerk {m}",
    ],
    "kennisinstelling": [
        "Hogeschool {m}",
        "Lectoraat Armoede en Opvoeden {m}",
        "Kenniscentrum Jeugd {province}",
    ],
    "landelijke-overheid": [
        "Ministerie van Sociale Zaken en Werkgelegenheid",
        "Ministerie van VWS",
        "Ministerie van OCW",
        "De Kinderombudsman",
        "Sociale Verzekeringsbank",
        "UWV",
    ],
    "ervaringsdeskundigen": [
        "Ervaringsdeskundigen {m}",
        "Platform Ervaringsdeskundigen {province}",
        "Stichting Stem van Ouders {m}",
    ],
    "levensbeschouwelijk": [
        "Protestantse Gemeente {m}",
        "Diaconie {m}",
        "Parochie {m}",
        "Moskee {school} {m}",
    ],
    "energie": ["Energiecoöperatie {m}", "Waterbedrijf {province}", "Netbeheerder {province}"],
    "schuldhulp": [
        "SchuldHulpMaatje {m}",
        "Bewindvoering {surname}",
        "Stadsbank {m}",
        "Thuisadministratie {m}",
    ],
}
INFORMAL = {"ervaringsdeskundigen", "levensbeschouwelijk"}

INVOLVEMENT_TEXT = {
    "co_designed": "Ervaringsdeskundigen en ouders bedachten de aanpak met ons en denken mee over verbeteringen.",
    "consulted": "We hebben ouders en kinderen gevraagd wat zij nodig hebben en hun antwoorden gebruikt.",
    "not_yet": "Nog niet; we zoeken contact met ervaringsdeskundigen in de regio.",
}
PROGRESS_NOTES = [
    "Loopt goed; meer aanmeldingen dan verwacht.",
    "Minder bereik in de zomer; na de vakantie weer op gang.",
    "Nieuwe samenwerking met de school in de wijk.",
    "Vrijwilligers gevonden; de wachtlijst is weg.",
]
SIGNATORY_FUNCTIONS = ["directeur", "wethouder", "bestuurder", "voorzitter", "manager", "coördinator"]
STATUS_MIX = [("active", 85), ("dormant", 8), ("ended", 4), ("applied", 3)]
STATUS_REASONS = {
    "dormant": [
        "Tijdelijk geen capaciteit; de vrijwilliger die dit deed is gestopt.",
        "Reorganisatie; na de zomer weer in gesprek.",
        "Project afgerond, nieuw project nog niet gestart.",
    ],
    "ended": [
        "De organisatie is opgeheven.",
        "Opgegaan in een fusieorganisatie die zelf partner is.",
        "Past niet meer bij de koers van de organisatie.",
    ],
}
NOMINATION_REASONS = [
    "Zij zien veel gezinnen met geldzorgen en willen meer doen.",
    "Werkt al met ons samen in de wijk; past goed bij de alliantie.",
    "Heeft een aanpak voor schoolkosten die andere gemeenten kunnen gebruiken.",
]
CONTACT_SUMMARIES = [
    "Gesproken over de voortgang. Ze werken aan een nieuwe activiteit en melden die voor het eind van het jaar.",
    "Werkbezoek bij het ontbijtproject. Ze zoeken vrijwilligers; gewezen op de marktplaats.",
    "Telefonisch: contactpersoon is vertrokken, nieuwe contactpersoon volgt.",
    "Mail gestuurd over de monitor en de ontbrekende voortgang.",
]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    name: str
    team_role: str = ""
    superuser: bool = False
    organisations: tuple[tuple[str, str], ...] = ()  # (organisation name, membership role)

    @property
    def needs_two_factor(self) -> bool:
        return bool(self.team_role or self.superuser)


DEMO_LOGINS = [
    DemoLogin(
        "partnercontactpersoon",
        "contactpersoon@example.org",
        "Sanne de Vries",
        organisations=(("Gemeente Zoetermeer", "contact"), ("De Nederlandse Uitdaging", "member")),
    ),
    DemoLogin(
        "partnermedewerker",
        "medewerker@example.org",
        "Daan Jansen",
        organisations=(("Gemeente Zoetermeer", "member"),),
    ),
    # Coordinates the local alliance of Zoetermeer (demo/local_alliances.py), and so keeps the sociale kaart there.
    DemoLogin(
        "coördinator lokale alliantie",
        "coordinator@example.org",
        "Fatima El Amrani",
        team_role="coordinator",
        organisations=(("Gemeente Zoetermeer", "member"),),
    ),
    DemoLogin("projectteam", "projectteam@example.org", "Marieke Bakker", team_role="project_team"),
    DemoLogin("beheerder", "beheerder@example.org", "Joost Visser", superuser=True),
]


def totp_key(email: str, seed: int) -> str:
    """A fixed TOTP key per demo login, so the printed secret stays valid across rebuilds."""
    return hashlib.sha1(f"alliantie-demo-{seed}-{email}".encode(), usedforsecurity=False).hexdigest()


@dataclass
class Summary:
    organisations: int = 0
    users: int = 0
    memberships: int = 0
    by_sector: dict[str, int] = field(default_factory=dict)
    activities: int = 0
    subscribers: int = 0
    community_posts: int = 0


def _weighted(rng: random.Random, mix: dict[Any, int] | list[tuple[Any, int]]) -> Any:
    items = list(mix.items()) if isinstance(mix, dict) else mix
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


def _distance(a: Municipality, b: Municipality) -> float:
    return math.hypot(a.latitude - b.latitude, (a.longitude - b.longitude) * 0.62)


class Builder:
    def __init__(self, *, scale: int, seed: int) -> None:
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        self.municipalities = list(Municipality.objects.select_related("province").order_by("code"))
        self.by_code = {m.code: m for m in self.municipalities}
        self.provinces = {p.code: p for p in Province.objects.all()}
        self.sectors = {s.slug: s for s in Sector.objects.all()}
        self.scopes = {s.code: s for s in Scope.objects.all()}
        self.weights = [m.inhabitants or 1 for m in self.municipalities]
        self.postcodes: dict[str, list[tuple[str, str]]] = {}
        with POSTCODES.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                self.postcodes.setdefault(row["gemeente_code"], []).append(
                    (row["pc4"], row["plaats"], float(row["lat"]), float(row["lon"]))
                )
        self.names: set[str] = set()
        self.slugs: set[str] = set()
        self.gemeenten_used: set[str] = set()
        self.password_hash = make_password(DEMO_PASSWORD)

    # -- organisations -------------------------------------------------------------------------------

    def unique_slug(self, name: str) -> str:
        base = slugify(name)[:200] or "organisatie"
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def unique_name(self, name: str, municipality: Municipality) -> str:
        candidate, n = name, 2
        if candidate in self.names and municipality.short_name not in candidate:
            candidate = f"{name} ({municipality.short_name})"
        while candidate in self.names:
            candidate, n = f"{name} {n}", n + 1
        self.names.add(candidate)
        return candidate

    def pick_municipality(self) -> Municipality:
        return self.rng.choices(self.municipalities, weights=self.weights)[0]

    def generated_name(self, sector: str, municipality: Municipality) -> str:
        if sector == "gemeente" and municipality.code not in self.gemeenten_used:
            self.gemeenten_used.add(municipality.code)
            return f"Gemeente {municipality.short_name}"
        pattern = self.rng.choice(NAME_PATTERNS[sector])
        return pattern.format(
            m=municipality.short_name,
            province=municipality.province.name,
            district=self.rng.choice(DISTRICTS),
            school=self.rng.choice(SCHOOL_NAMES),
            surname=self.rng.choice(SURNAMES).replace("van ", "Van ").replace("de ", "De "),
        )

    def postcode_for(self, municipality: Municipality) -> tuple[str, str]:
        postcode, place, _lat, _lon = self.address_in(municipality)
        return postcode, place

    def address_in(self, municipality: Municipality) -> tuple[str, str, float, float]:
        """A made-up postcode in one of the municipality's PC4 areas, its place, and a point near its centre."""
        fallback = [("1000", municipality.short_name, municipality.latitude or 52.1, municipality.longitude or 5.1)]
        pc4, place, lat, lon = self.rng.choice(self.postcodes.get(municipality.code) or fallback)
        place = place or municipality.short_name
        letters = "".join(self.rng.choice("ABCEFGHJKLMNPRTVWXZ") for _ in range(2))
        jitter = lambda: self.rng.uniform(-0.004, 0.004)  # noqa: E731 - about 300 m
        return f"{pc4} {letters}", place, round(lat + jitter(), 5), round(lon + jitter(), 5)

    def location(self, provider: Provider, municipality: Municipality, name: str) -> Location:
        postcode, place, lat, lon = self.address_in(municipality)
        street = self.rng.choice(["Dorpsstraat", "Kerkplein", "Stationsweg", "Schoolstraat", "Marktplein", "Parkweg"])
        return Location(
            provider=provider,
            name=name,
            address=f"{street} {self.rng.randrange(1, 120)}",
            postcode=postcode,
            city=place,
            municipality=municipality,
            latitude=lat,
            longitude=lon,
        )

    def joined_on(self, founder: bool = False) -> date:
        if founder or self.rng.random() < 0.25:
            return LAUNCH
        return LAUNCH + timedelta(days=self.rng.randrange((REFERENCE_DAY - LAUNCH).days))

    def area_for(self, scope: str, seat: Municipality) -> tuple[list[Municipality], list[Province]]:
        if scope == "national":
            return [], []
        if scope == "local":
            return [seat], []
        if self.rng.random() < 0.3:
            return [], [seat.province]
        same_province = [m for m in self.municipalities if m.province_id == seat.province_id]
        same_province.sort(key=lambda m: _distance(seat, m))
        return same_province[: self.rng.randint(3, 12)], []

    def organisation(
        self,
        *,
        name: str,
        sector: str,
        scope: str,
        seat: Municipality,
        website: str = "",
        description: str = "",
        status: str = "active",
        founder: bool = False,
    ) -> Organisation:
        postcode, city = self.postcode_for(seat)
        slug = self.unique_slug(name)
        organisation = Organisation(
            name=name,
            slug=slug,
            sector=self.sectors[sector],
            scope=self.scopes[scope],
            kvk_number="" if sector in INFORMAL and self.rng.random() < 0.5 else f"{self.rng.randrange(10**7, 10**8)}",
            website=website or f"https://{slug}.example.org",
            description=description,
            postcode=postcode,
            city=city,
            municipality=seat,
            status=status,
            joined_on=None if status == "applied" else self.joined_on(founder),
        )
        if organisation.joined_on:
            organisation.status_since = organisation.joined_on
        if status in STATUS_REASONS:
            days = max(1, (REFERENCE_DAY - organisation.joined_on).days)
            organisation.status_since = organisation.joined_on + timedelta(days=self.rng.randrange(days))
            organisation.status_reason = self.rng.choice(STATUS_REASONS[status])
        organisation.area = self.area_for(scope, seat)  # saved after bulk_create
        return organisation

    def organisations(self) -> list[Organisation]:
        result = []
        for name, sector, scope, seat_code, website, pledge in SEED_ORGANISATIONS:
            self.names.add(name)
            if name.startswith("Gemeente "):
                self.gemeenten_used.add(seat_code)
            result.append(
                self.organisation(
                    name=name,
                    sector=sector,
                    scope=scope,
                    seat=self.by_code[seat_code],
                    website=website,
                    description=pledge,
                    founder=True,
                )
            )
        total = ORGANISATIONS_PER_SCALE * self.scale - len(SEED_ORGANISATIONS)
        sector_weights = {slug: weight for slug, (weight, _) in SECTOR_MIX.items()}
        for _ in range(total):
            sector = _weighted(self.rng, sector_weights)
            scope = _weighted(self.rng, SECTOR_MIX[sector][1])
            seat = self.pick_municipality()
            name = self.unique_name(self.generated_name(sector, seat), seat)
            status = _weighted(self.rng, STATUS_MIX)
            result.append(self.organisation(name=name, sector=sector, scope=scope, seat=seat, status=status))
        return result

    # -- people --------------------------------------------------------------------------------------

    def person_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    def user(self, email: str, name: str, **extra) -> User:
        return User(email=email, name=name, password=self.password_hash, **extra)

    def pledge(self, organisation: Organisation, contact: User, text: PledgeText, signed_on: date) -> Pledge:
        signed_at = datetime.combine(signed_on, time(10, 30), tzinfo=UTC)
        function = self.rng.choice(SIGNATORY_FUNCTIONS)
        fingerprint = "\n".join([organisation.name, text.text, contact.name, function, signed_at.isoformat()])
        return Pledge(
            organisation=organisation,
            text_version=text,
            text=text.text,
            signatory_name=contact.name,
            signatory_function=function,
            signed_by=contact,
            signed_at=signed_at,
            checksum=hashlib.sha256(fingerprint.encode()).hexdigest(),
        )

    def pledges(self, organisations: list[Organisation], contacts: dict[int, User]) -> None:
        """Every partner signed the pledge when it joined; about half of the applicants have signed already."""
        text = PledgeText.objects.order_by("version").first()
        pledges = []
        for organisation in organisations:
            if organisation.status != Organisation.Status.APPLIED:
                pledges.append(self.pledge(organisation, contacts[organisation.pk], text, organisation.joined_on))
            elif self.rng.random() < 0.5:
                pledges.append(self.pledge(organisation, contacts[organisation.pk], text, REFERENCE_DAY))
        Pledge.objects.bulk_create(pledges, batch_size=2000)

    def activities(self, organisations: list[Organisation], contacts: dict[int, User]) -> int:
        """One to three activities per partner, tagged and placed; most with progress reported."""
        challenges = {c.slug: c for c in Challenge.objects.all()}
        lines = {line.code: line for line in ChangeLine.objects.all()}
        Through = Activity.challenges.through
        Places = Activity.municipalities.through
        activities, tags, places, updates = [], [], [], []
        for organisation in organisations:
            if organisation.status == Organisation.Status.APPLIED:
                continue
            if organisation.name in SEED_ACTIVITIES:
                chosen = [SEED_ACTIVITIES[organisation.name]]
            else:
                place = organisation.municipality
                options = activities_for(
                    kind_of(organisation.name, organisation.sector.slug),
                    BY_SECTOR[organisation.sector.slug],
                    {"m": place.short_name if place else "de regio", "province": place.province.name if place else ""},
                )
                chosen = self.rng.sample(options, k=min(len(options), self.rng.choice([1, 1, 2, 3])))
            for title, description, slugs, line, groups, involvement in chosen:
                starts = organisation.joined_on + timedelta(days=self.rng.randrange(0, 200))
                starts = min(starts, REFERENCE_DAY)
                ends = starts + timedelta(days=365 * self.rng.choice([1, 2, 3])) if self.rng.random() < 0.4 else None
                planned = self.rng.choice([20, 50, 100, 300, 1000])
                activity = Activity(
                    organisation=organisation,
                    title=title,
                    description=description,
                    change_line=lines[line],
                    target_groups=groups,
                    planned_children=planned,
                    planned_families=planned // 2,
                    starts_on=starts,
                    ends_on=ends,
                    involvement=involvement,
                    involvement_explanation=INVOLVEMENT_TEXT[involvement],
                    created_at=_moment(starts),
                )
                activity.demo_tags = [challenges[slug] for slug in slugs]
                area = organisation.area[0]
                activity.demo_places = area[: self.rng.randint(1, 3)] if area else []
                activities.append(activity)
        Activity.objects.bulk_create(activities, batch_size=2000)
        # Most partners report every year; some stop after a while, a few never do: the worklist shows them.
        stop_chance = {o.pk: _weighted(self.rng, [(0.03, 60), (0.4, 30), (1.0, 10)]) for o in organisations}
        for activity in activities:
            tags += [Through(activity_id=activity.pk, challenge_id=c.pk) for c in activity.demo_tags]
            places += [Places(activity_id=activity.pk, municipality_id=m.pk) for m in activity.demo_places]
            reached = 0
            for months in range(6, 120, 12):
                reported = activity.starts_on + timedelta(days=30 * months)
                if reported > REFERENCE_DAY or self.rng.random() < stop_chance[activity.organisation_id]:
                    break
                step = int(activity.planned_children * self.rng.uniform(0.2, 0.5))
                reached += step
                updates.append(
                    ProgressUpdate(
                        activity=activity,
                        reported_on=reported,
                        children_reached=step,
                        families_reached=step // 2,
                        note=self.rng.choice(PROGRESS_NOTES),
                        created_by=contacts.get(activity.organisation_id),
                        created_at=_moment(reported),
                    )
                )
        Through.objects.bulk_create(tags, batch_size=5000)
        Places.objects.bulk_create(places, batch_size=5000)
        ProgressUpdate.objects.bulk_create(updates, batch_size=5000)
        return len(activities)

    def nominations(self, organisations: list[Organisation], contacts: dict[int, User]) -> None:
        """Most partners proposed one new organisation; some of the applicants came that way."""
        applicants = [o for o in organisations if o.status == Organisation.Status.APPLIED]
        nominations = []
        for index, organisation in enumerate(organisations):
            if organisation.status == Organisation.Status.APPLIED or self.rng.random() < 0.35:
                continue
            joined = applicants.pop() if applicants and self.rng.random() < 0.3 else None
            name = joined.name if joined else self.generated_name(organisation.sector.slug, organisation.municipality)
            nominations.append(
                Nomination(
                    nominated_by=organisation,
                    nominated_by_user=contacts.get(organisation.pk),
                    organisation_name=name,
                    contact_email=f"info@voorgedragen-{index}.example.org",
                    reason=self.rng.choice(NOMINATION_REASONS),
                    token_hash=hashlib.sha256(f"demo-nomination-{self.seed}-{index}".encode()).hexdigest(),
                    created_at=_moment(organisation.joined_on + timedelta(days=self.rng.randrange(1, 120))),
                    joined_organisation=joined,
                )
            )
        Nomination.objects.bulk_create(nominations, batch_size=2000)

    def contact_moments(self, organisations: list[Organisation], team_member: User) -> None:
        """The project team spoke to some partners; a few follow-ups are due."""
        moments = []
        for organisation in organisations:
            if organisation.status != Organisation.Status.ACTIVE or self.rng.random() > 0.1:
                continue
            happened = REFERENCE_DAY - timedelta(days=self.rng.randrange(0, 400))
            happened = max(happened, organisation.joined_on)
            follow_up = happened + timedelta(days=self.rng.choice([14, 30, 60])) if self.rng.random() < 0.4 else None
            moments.append(
                ContactMoment(
                    organisation=organisation,
                    kind=self.rng.choice(ContactMoment.Kind.values),
                    happened_on=happened,
                    summary=self.rng.choice(CONTACT_SUMMARIES),
                    follow_up_on=follow_up,
                    recorded_by=team_member,
                    created_at=_moment(happened),
                )
            )
        ContactMoment.objects.bulk_create(moments, batch_size=2000)

    def posts(self, organisations: list[Organisation], contacts: dict[int, User]) -> int:
        """Requests and offers that fit the organisation that posts them (demo/post_catalogue.py: a bakery offers
        bread for a school breakfast, a school asks for one), in its own place or province; some are closed with an
        outcome."""
        partners = [o for o in organisations if o.status == Organisation.Status.ACTIVE]
        challenges = {c.slug: c for c in Challenge.objects.all()}
        posts, places = [], []
        for _ in range(POSTS_PER_SCALE * self.scale):
            organisation, options = None, []
            for _attempt in range(20):
                organisation = self.rng.choice(partners)
                options = templates_for(kind_of(organisation.name, organisation.sector.slug))
                if options:
                    break
            if not options:
                continue
            wanted = "offer" if self.rng.random() < 0.7 else "request"
            kind, title, body, help_types, opgaven = self.rng.choice([t for t in options if t[0] == wanted] or options)
            municipality = organisation.municipality
            words = {
                "m": municipality.short_name if municipality else "de regio",
                "province": municipality.province.name if municipality else "Nederland",
            }
            created = REFERENCE_DAY - timedelta(days=self.rng.randrange(0, 120))
            post = Post(
                organisation=organisation,
                created_by=contacts.get(organisation.pk),
                kind=kind,
                title=title.format(**words),
                body=body.format(**words),
                help_types=help_types,
                open_until=created + timedelta(days=self.rng.choice([60, 120, 180])),
                created_at=_moment(created),
            )
            if self.rng.random() < 0.1:
                post.status, post.outcome = Post.Status.CLOSED, "Geholpen door een andere partner."
            post.demo_challenges = [challenges[s] for s in opgaven if s in challenges]
            scope = organisation.scope.code
            post.demo_area = (
                []
                if scope == "national" or municipality is None
                else [municipality.province.code]
                if scope == "regional"
                else [municipality.code]
            )
            posts.append(post)
        Post.objects.bulk_create(posts, batch_size=2000)
        Places, ProvincePlaces = Post.area_municipalities.through, Post.area_provinces.through
        municipality_ids = dict(Municipality.objects.values_list("code", "pk"))
        province_ids = dict(Province.objects.values_list("code", "pk"))
        provinces = []
        for post in posts:
            places += [
                Places(post_id=post.pk, municipality_id=municipality_ids[c]) for c in post.demo_area if c[:2] == "GM"
            ]
            provinces += [
                ProvincePlaces(post_id=post.pk, province_id=province_ids[c]) for c in post.demo_area if c[:2] == "PV"
            ]
        Places.objects.bulk_create(places, batch_size=5000)
        ProvincePlaces.objects.bulk_create(provinces, batch_size=5000)
        Topics = Post.challenges.through
        Topics.objects.bulk_create(
            [Topics(post_id=post.pk, challenge_id=c.pk) for post in posts for c in post.demo_challenges],
            batch_size=5000,
        )
        return len(posts)

    def social_map(self, organisations: list[Organisation]) -> int:
        """National providers with local branches where demo partners are seated (Leergeld and food banks per
        municipality, the Jeugdfonds per province), and the municipal services of every gemeente partner."""
        seats = sorted({o.municipality for o in organisations if o.municipality}, key=lambda m: m.code)
        providers, services, areas, provinces = [], [], [], []
        ProviderArea, ProviderProvince = Provider.area_municipalities.through, Provider.area_provinces.through

        def branch_name(name: str) -> str:
            return name.removeprefix("Stichting ") if name.startswith("Stichting") else "Voedselbank"

        def service(provider: Provider, row: tuple, *, national: bool, place: str = "") -> Service:
            return self.service_from(
                row,
                provider=provider,
                name=f"{row[0]} {place}".strip(),
                slug_text=f"{row[0]} {provider.name}",
                national=national,
                max_age_days=500,
            )

        for name, description, website, branches, rows in NATIONAL_PROVIDERS:
            national = Provider(name=name, slug=self.unique_slug(name), description=description, website=website)
            national.save()
            for row in rows:
                services.append(service(national, row, national=branches is None))
            if branches == "municipality":
                for seat in seats:
                    providers.append(
                        Provider(
                            name=f"{branch_name(name)} {seat.short_name}",
                            slug=self.unique_slug(f"{name} {seat.short_name}"),
                            parent=national,
                            phone=f"0{self.rng.randrange(10, 80)}-{self.rng.randrange(1000000, 9999999)}",
                        )
                    )
                    providers[-1].demo_area = [seat]
            elif branches == "province":
                for province in Province.objects.order_by("code"):
                    providers.append(
                        Provider(
                            name=f"{name} {province.name}",
                            slug=self.unique_slug(f"{name} {province.name}"),
                            parent=national,
                            email=f"info@{slugify(province.name)}.jeugdfonds.example.org",
                        )
                    )
                    providers[-1].demo_province = province
        for organisation in organisations:
            # The gemeente itself (not its wijkteams or departments) runs the municipal schemes.
            if organisation.name.startswith("Gemeente ") and organisation.is_partner and organisation.municipality:
                providers.append(
                    Provider(
                        name=organisation.name,
                        slug=self.unique_slug(f"{organisation.name} voorzieningen"),
                        partner=organisation,
                        website=organisation.website,
                        phone="14 0" + str(self.rng.randrange(10, 99)),
                    )
                )
                providers[-1].demo_area = [organisation.municipality]
                providers[-1].demo_municipal = True
        Provider.objects.bulk_create(providers, batch_size=2000)
        for provider in providers:
            areas += [
                ProviderArea(provider_id=provider.pk, municipality_id=m.pk) for m in getattr(provider, "demo_area", [])
            ]
            if getattr(provider, "demo_province", None):
                provinces.append(ProviderProvince(provider_id=provider.pk, province_id=provider.demo_province.pk))
            if getattr(provider, "demo_municipal", False):
                place = provider.name.removeprefix("Gemeente ")
                services += [service(provider, row, national=False, place=place) for row in MUNICIPAL_SERVICES]
        ProviderArea.objects.bulk_create(areas, batch_size=5000)
        ProviderProvince.objects.bulk_create(provinces, batch_size=5000)
        Service.objects.bulk_create(services, batch_size=2000)
        # Where families go for the national organisations' help: the local branches' addresses.
        services_of = {}
        for item in services:
            services_of.setdefault(item.provider_id, []).append(item)
        locations, links = [], []
        for provider in providers:
            if provider.parent_id and getattr(provider, "demo_area", None):
                locations.append(self.location(provider, provider.demo_area[0], provider.name))
                locations[-1].demo_services = services_of.get(provider.parent_id, [])
        Location.objects.bulk_create(locations, batch_size=2000)
        ServiceLocation = Location.services.through
        links = [
            ServiceLocation(location_id=loc.pk, service_id=item.pk) for loc in locations for item in loc.demo_services
        ]
        ServiceLocation.objects.bulk_create(links, batch_size=5000)
        return len(services) + self.local_services()

    def service_from(
        self,
        row: tuple,
        *,
        provider: Provider | None,
        name: str,
        slug_text: str,
        national: bool = False,
        max_age_days: int,
    ) -> Service:
        """A service from a row of demo/social_map.py, last checked up to `max_age_days` before the reference day."""
        _name, description, needs, offers, low, high, income, referral, how, bring = row
        return Service(
            provider=provider,
            name=name,
            slug=self.unique_slug(slug_text),
            description=description,
            needs=needs,
            offers=offers,
            minimum_age=low,
            maximum_age=high,
            income_limit_percent=income,
            referral_needed=referral,
            how_to_apply=how,
            bring=bring,
            national=national,
            last_verified_on=REFERENCE_DAY - timedelta(days=self.rng.randrange(0, max_age_days)),
        )

    def local_services(self) -> int:
        """LOCAL_SERVICES in every municipality, scale times, each with its own provider and address; written per
        group of municipalities so that national scale (about 200,000 services) does not sit in memory."""
        ProviderArea = Provider.area_municipalities.through
        ServiceLocation = Location.services.through
        municipalities = list(Municipality.objects.order_by("code"))
        total = 0
        for start in range(0, len(municipalities), 20):
            providers, services, locations = [], [], []
            for municipality in municipalities[start : start + 20]:
                for _copy in range(self.scale):
                    for provider_name, row in LOCAL_SERVICES:
                        _postcode, place, _lat, _lon = self.address_in(municipality)
                        name = provider_name.format(place=place)
                        provider = Provider(name=name, slug=self.unique_slug(name), description="")
                        provider.demo_municipality = municipality
                        providers.append(provider)
                        service = self.service_from(
                            row, provider=None, name=row[0], slug_text=f"{row[0]} {name}", max_age_days=540
                        )
                        service.costs = "gratis" if "money" not in row[3] else ""
                        if self.rng.random() < 0.1:  # asked to check it a month or two ago
                            service.verification_requested_on = REFERENCE_DAY - timedelta(
                                days=self.rng.randrange(30, 90)
                            )
                        services.append(service)
            Provider.objects.bulk_create(providers, batch_size=2000)
            for provider, service in zip(providers, services, strict=True):
                service.provider = provider
                locations.append(self.location(provider, provider.demo_municipality, provider.name))
            Service.objects.bulk_create(services, batch_size=2000)
            Location.objects.bulk_create(locations, batch_size=2000)
            ProviderArea.objects.bulk_create(
                [ProviderArea(provider_id=p.pk, municipality_id=p.demo_municipality.pk) for p in providers],
                batch_size=5000,
            )
            ServiceLocation.objects.bulk_create(
                [
                    ServiceLocation(location_id=loc.pk, service_id=svc.pk)
                    for loc, svc in zip(locations, services, strict=True)
                ],
                batch_size=5000,
            )
            total += len(services)
        return total

    def monitor_rounds(self, organisations: list[Organisation], contacts: dict[int, User], team: User) -> int:
        """Three closed yearly rounds of the partner monitor and this year's open one, answered as partners of each
        sector tend to answer; the open answers about needs coded by the team; the 2025 report published."""
        from alliantie.demo import monitor as texts

        template = Questionnaire.objects.filter(is_template=True).order_by("-version").first()
        questions = {q.key: q for q in Question.objects.filter(section__questionnaire=template)}
        challenges = {c.number: c.slug for c in Challenge.objects.all()}
        codes = {}
        rounds = []
        for year, status, published in (
            (2023, "closed", True),
            (2024, "closed", True),
            (2025, "closed", False),
            (2026, "open", False),
        ):
            opens = date(year, 10, 15) if year == 2026 else date(year, 6, 1)
            rounds.append(
                MonitorRound.objects.create(
                    name=f"Monitor {year}",
                    year=year,
                    questionnaire=template,
                    opens_on=opens,
                    closes_on=opens + timedelta(days=61),
                    reminder_days=[14, 3],
                    status=status,
                    created_by=team,
                    opened_at=timezone.make_aware(datetime.combine(opens, time(9))),
                    results_published_at=timezone.make_aware(datetime.combine(opens + timedelta(days=90), time(9)))
                    if published
                    else None,
                )
            )
        for question in (questions["behoeften"],):
            for label, _weight, _phrases in texts.NEEDS:
                codes[label], _created = Code.objects.get_or_create(question=question, label=label)
        answers, coded = [], []
        total = 0
        for monitor_round in rounds:
            invitations, responses, response_answers = [], [], []
            for organisation in organisations:
                if organisation.status not in ("active", "dormant") or organisation.joined_on > monitor_round.opens_on:
                    continue
                sector = organisation.sector.slug
                invitations.append(Invitation(round=monitor_round, organisation=organisation))
                rate = texts.RESPONSE_RATE.get(sector, 0.55) * (0.55 if monitor_round.status == "open" else 1)
                roll = self.rng.random()
                if roll > rate + 0.1:
                    continue
                done = roll <= rate
                submitted_at = monitor_round.opened_at + timedelta(days=self.rng.randrange(1, 60 if done else 20))
                responses.append(
                    Response(
                        round=monitor_round,
                        organisation=organisation,
                        status="submitted" if done else "draft",
                        revision=1,
                        agrees_to_be_named=self.rng.random() < 0.3,
                        agrees_to_be_quoted=sector == "ervaringsdeskundigen" and self.rng.random() < 0.7,
                        submitted_at=submitted_at if done else None,
                        submitted_by=contacts.get(organisation.pk) if done else None,
                    )
                )
                response_answers.append(self.monitor_answers(organisation, questions, challenges, texts))
            Invitation.objects.bulk_create(invitations, batch_size=5000)
            self.record_sent_invitations(invitations, monitor_round)
            Response.objects.bulk_create(responses, batch_size=5000)
            for response, rows in zip(responses, response_answers, strict=True):
                for row in rows:
                    row.response = response
                    answers.append(row)
            Answer.objects.bulk_create(answers, batch_size=5000)
            # The team coded the needs of closed rounds (most of the last one).
            share = 1.0 if monitor_round.year < 2025 else (0.6 if monitor_round.status == "closed" else 0)
            Through = Code.answers.through
            for row in answers:
                label = getattr(row, "demo_need", None)
                if label and row.response.status == "submitted" and self.rng.random() < share:
                    coded.append(Through(code_id=codes[label].pk, answer_id=row.pk))
            Through.objects.bulk_create(coded, batch_size=5000)
            total += len(answers)
            answers, coded = [], []
        Report.objects.filter(year=2025).delete()
        report = Report.objects.create(
            year=2025,
            round=rounds[2],
            prepared_by=team,
            introduction=(
                "In 2025 groeide de alliantie verder. Partners werkten vooral aan meedoen, een gezonde dag en het "
                "hanteerbaar maken van schulden. Deze rapportage laat zien wat zij bereikten en wat zij nog "
                "nodig hebben."
            ),
        )
        confirmer = User.objects.filter(is_superuser=True).exclude(pk=team.pk).first()
        if confirmer:
            report.confirmed_by, report.published_at = confirmer, datetime(2026, 2, 1, 9, tzinfo=UTC)
            report.save()
        report.highlighted_activities.set(Activity.objects.order_by("pk").values_list("pk", flat=True)[:3])
        return total

    @staticmethod
    def record_sent_invitations(invitations: list[Invitation], monitor_round: MonitorRound) -> None:
        """The demo's invitations were mailed when their round opened: the outbox holds a record of each (without
        the text), so the daily job does not invite the demo partners again."""
        messages = OutboxMessage.objects.bulk_create(
            [
                OutboxMessage(
                    key=f"monitor-invitation:{invitation.pk}",
                    kind="monitor.invitation",
                    subject=f"Monitor {monitor_round.year}",
                    body_text="",
                    message_id=f"<demo-monitor-invitation.{invitation.pk}@example.org>",
                    status=OutboxMessage.Status.SENT,
                    attempts=1,
                    sent_at=monitor_round.opened_at,
                )
                for invitation in invitations
            ],
            batch_size=5000,
        )
        for invitation, message in zip(invitations, messages, strict=True):
            invitation.mail = message
        Invitation.objects.bulk_update(invitations, ["mail"], batch_size=5000)

    def monitor_answers(self, organisation: Organisation, questions: dict, challenges: dict, texts) -> list[Answer]:
        sector = organisation.sector.slug
        rng = self.rng
        rows = [Answer(question=questions["belofte-hoe"], text=rng.choice(texts.HOW))]
        focus = texts.FOCUS.get(sector, {1: 3, 4: 2, 2: 2})
        chosen = set()
        for _ in range(rng.choice([1, 2, 2, 3, 4])):
            chosen.add(_weighted(rng, focus) if rng.random() < 0.8 else rng.randrange(1, 11))
        rows += [Answer(question=questions["opgaven"], option=challenges[n]) for n in sorted(chosen)]
        if organisation.municipality_id:
            rows.append(Answer(question=questions["gemeenten"], option=organisation.municipality.code))
        if rng.random() < 0.85:
            index = _weighted(rng, {n: need[1] for n, need in enumerate(texts.NEEDS)})
            label, _weight, phrases = texts.NEEDS[index]
            row = Answer(question=questions["behoeften"], text=rng.choice(phrases))
            row.demo_need = label
            rows.append(row)
        works_together = rng.random() < 0.7
        rows.append(Answer(question=questions["samenwerking"], option="ja" if works_together else "nee"))
        if works_together and rng.random() < 0.8:
            rows.append(Answer(question=questions["samenwerking-met"], text=rng.choice(texts.COLLABORATION)))
        weights = texts.INVOLVEMENT.get(sector, [0.25, 0.45, 0.3])
        rows.append(
            Answer(
                question=questions["ervaringskennis"],
                option=rng.choices(["Samen ontworpen", "Geraadpleegd", "Nog niet"], weights=weights)[0],
            )
        )
        centre = texts.SATISFACTION.get(sector, 4)
        rows.append(
            Answer(
                question=questions["tevredenheid"], option=str(max(1, min(5, centre + rng.choice([-1, 0, 0, 0, 1]))))
            )
        )
        for option in rng.sample(texts.SUPPORT, rng.randrange(1, 3)):
            rows.append(Answer(question=questions["ondersteuning"], option=option))
        scale = {"national": 2000, "regional": 400}.get(organisation.scope.code, 60)
        rows.append(Answer(question=questions["bereik-kinderen"], number=rng.randrange(scale // 4, scale)))
        rows.append(Answer(question=questions["bereik-gezinnen"], number=rng.randrange(scale // 10, scale // 2)))
        if sector == "ervaringsdeskundigen":
            rows.append(Answer(question=questions["resultaat"], text=rng.choice(texts.VOICES)))
        elif rng.random() < 0.6:
            rows.append(Answer(question=questions["resultaat"], text=rng.choice(texts.RESULTS)))
        return rows

    @transaction.atomic
    def build(self) -> Summary:
        organisations = self.organisations()
        Organisation.objects.bulk_create(organisations, batch_size=2000)
        Area = Organisation.area_municipalities.through
        ProvinceArea = Organisation.area_provinces.through
        Area.objects.bulk_create(
            [Area(organisation_id=o.pk, municipality_id=m.pk) for o in organisations for m in o.area[0]],
            batch_size=5000,
        )
        ProvinceArea.objects.bulk_create(
            [ProvinceArea(organisation_id=o.pk, province_id=p.pk) for o in organisations for p in o.area[1]],
            batch_size=5000,
        )

        users, memberships = [], []
        for index, organisation in enumerate(organisations):
            for position in range(1 + self.rng.choice([0, 0, 1, 1, 2])):
                users.append(self.user(f"persoon{index}-{position}@example.org", self.person_name()))
                role = "contact" if position == 0 else "member"
                memberships.append((len(users) - 1, organisation, role))
        by_name = {o.name: o for o in organisations}
        for login in DEMO_LOGINS:
            users.append(
                self.user(
                    login.email,
                    login.name,
                    team_role=login.team_role,
                    is_superuser=login.superuser,
                    is_staff=login.superuser,
                )
            )
            for organisation_name, role in login.organisations:
                memberships.append((len(users) - 1, by_name[organisation_name], role))
        User.objects.bulk_create(users, batch_size=2000)
        Membership.objects.bulk_create(
            [Membership(user=users[i], organisation=o, role=role) for i, o, role in memberships],
            batch_size=5000,
        )
        contacts = {o.pk: users[i] for i, o, role in memberships if role == "contact"}
        self.pledges(organisations, contacts)
        activity_count = self.activities(organisations, contacts)
        recompute_last_reported(Organisation.objects.filter(pk__in=[o.pk for o in organisations]))
        self.nominations(organisations, contacts)
        team_member = next(user for user in users if user.team_role == "project_team")
        self.contact_moments(organisations, team_member)
        self.posts(organisations, contacts)
        self.social_map(organisations)
        self.monitor_rounds(organisations, contacts, team_member)
        AgendaBuilder(
            scale=self.scale,
            seed=self.seed,
            organisations=organisations,
            team_member=team_member,
            users=users[: -len(DEMO_LOGINS)],
            reference_day=timezone.localdate(),
        ).build()
        coordinator = next(user for user in users if user.email == "coordinator@example.org")
        LocalAllianceBuilder(
            scale=self.scale,
            seed=self.seed,
            organisations=organisations,
            users=users,
            coordinator=coordinator,
            team_member=team_member,
        ).build()
        demo_users = dict(
            zip(("contact", "member", "coordinator", "project_team"), users[-len(DEMO_LOGINS) :], strict=False)
        )
        subscribers, _editions = NewsletterBuilder(
            scale=self.scale, seed=self.seed, team_member=team_member, reference_day=timezone.localdate()
        ).build()
        _threads, community_posts = CommunityBuilder(
            scale=self.scale,
            seed=self.seed,
            users=users[: -len(DEMO_LOGINS)],
            organisations=organisations,
            demo_users=demo_users,
            today=timezone.localdate(),
        ).build()
        build_figures(scale=self.scale, seed=self.seed, team_member=team_member)
        TOTPDevice.objects.bulk_create(
            [
                TOTPDevice(user=user, name="Demo-app", confirmed=True, key=totp_key(user.email, self.seed))
                for user in users[-len(DEMO_LOGINS) :]
                if user.is_superuser or user.team_role
            ]
        )
        if connection.vendor == "postgresql":
            # The planner's row counts of what was just loaded, in this transaction: without them it took the new
            # tables for empty and joined the monitor's answers in nested loops for minutes when counting them.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        summaries.rebuild_all()  # the counts the pages read, as the services would have kept them
        by_sector: dict[str, int] = {}
        for organisation in organisations:
            by_sector[organisation.sector.name] = by_sector.get(organisation.sector.name, 0) + 1
        return Summary(
            len(organisations), len(users), len(memberships), by_sector, activity_count, subscribers, community_posts
        )


def _moment(day: date) -> datetime:
    """A time of day on a demo date, so that dates stay what they say in every time zone."""
    return datetime.combine(day, time(10), tzinfo=UTC)


def build_demo(*, scale: int, seed: int) -> Summary:
    """Fill an empty database with the demo alliance."""
    return Builder(scale=scale, seed=seed).build()


def demo_is_loaded() -> bool:
    """Whether the database already holds organisations (then the demo is not loaded again)."""
    return Organisation.objects.exists()
