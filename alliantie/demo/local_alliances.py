"""The demo's local alliances, after seed 001 ("lokaal doen & landelijk delen"): Zoetermeer with its school breakfast of
five parties, Haarlem started from church welfare work, Dongen after the Publieksacademie Kinderarmoede Brabant,
Leeuwarden after the Publieksacademie Friesland, and about a dozen more in different phases, each with realistic gaps
in the check (an employer is missing most often); their agendas, lessons after leernetwerk meetings, the toolkit per
phase, requests to start one, and a pool of fictional ervaringsdeskundigen.

Everything is bulk-inserted: scale 50 builds 400 alliances with about 20,000 members in a minute or two. No real
person's name: people are made up, e-mail addresses are @example.org."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.text import slugify

from alliantie.accounts.models import User
from alliantie.activities.models import Activity
from alliantie.core.models import Challenge, ChangeLine, Municipality, PersonalConsent, Province, Scope, Sector
from alliantie.core.search import Document, index_documents
from alliantie.events.models import Event, EventKind
from alliantie.knowledge.models import Collection, Item, ItemKind, KnowledgeSource, Visibility
from alliantie.localalliances.models import (
    PHASE_ORDER,
    AllianceRequest,
    Coordinator,
    Goal,
    Lesson,
    LocalAlliance,
    Member,
    MemberInvitation,
    Phase,
    PhaseStep,
    PoolIntroduction,
    PoolMember,
    PoolRequest,
    ProgressNote,
    ToolkitPhases,
)
from alliantie.localalliances.services import pool_consent_text

ALLIANCES_PER_SCALE = 8  # scale 1: the 4 of the seeds and 12 more; scale 50: 400
POOL_PER_SCALE = 60
CHECKED = [
    "werkgever",
    "fonds",
    "onderwijs",
    "jeugdgezondheidszorg",
    "gemeente",
    "maatschappelijke-organisatie",
    "kinderopvang",
    "woningcorporatie",
    "zorgverzekeraar",
    "schuldhulp",
]


@dataclass
class Seed:
    name: str
    codes: list[str]
    phase: str
    started: date
    origin: str
    summary: str
    initiator: str
    members: list[tuple[str, str]]  # (name, sector) of organisations found by name or made as local ones
    missing: set[str] = field(default_factory=set)  # sectors deliberately left out: the gaps the check shows
    goals: list[tuple] = field(default_factory=list)  # (title, opgave, line, target, number, unit, status, involvement)
    lessons: list[tuple] = field(default_factory=list)  # (title, factor, summary, opgave, sectors)


SEEDS = [
    Seed(
        "Lokale alliantie Zoetermeer",
        ["GM0637"],
        Phase.BUILDING,
        date(2021, 6, 1),
        "Vijf partijen (de gemeente, twee scholen voor primair onderwijs, Aldi, De Nederlandse Uitdaging en het Rode "
        "Kruis) organiseerden samen een gezond schoolontbijt; geen van hen had dat alleen gekund.",
        "Samen zorgen we dat kinderen in Zoetermeer gezond aan de schooldag beginnen, en dat scholen armoede zien en "
        "bespreekbaar maken.",
        "Gemeente Zoetermeer",
        [
            ("Gemeente Zoetermeer", "gemeente"),
            ("Basisschool De Regenboog Zoetermeer", "onderwijs"),
            ("Basisschool Het Kompas Zoetermeer", "onderwijs"),
            ("Aldi", "werkgever"),
            ("De Nederlandse Uitdaging", "maatschappelijke-organisatie"),
            ("Het Nederlandse Rode Kruis", "maatschappelijke-organisatie"),
            ("Stichting Leergeld Zoetermeer", "fonds"),
        ],
        missing={"jeugdgezondheidszorg", "woningcorporatie", "zorgverzekeraar", "schuldhulp", "kinderopvang"},
        goals=[
            (
                "Gezond schoolontbijt op twee basisscholen",
                "een-gezonde-dag",
                "soften",
                "Ruim 300 leerlingen op twee scholen beginnen elke schooldag met een gezond ontbijt.",
                300,
                "kinderen",
                "loopt",
                "consulted",
            ),
            (
                "Scholing omgaan met armoede voor alle basisscholen",
                "extra-ontwikkelkansen-bieden",
                "strengthen",
                "Leerkrachten van alle basisscholen zien armoede en weten wat zij kunnen doen.",
                30,
                "scholen",
                "loopt",
                "co_designed",
            ),
            (
                "Meedoen aan sport en cultuur via één loket",
                "meedoen",
                "soften",
                "Elk kind uit een gezin met weinig geld kan op sport of muziekles.",
                200,
                "kinderen",
                "gepland",
                "not_yet",
            ),
        ],
        lessons=[
            (
                "Ieder levert een stukje van de puzzel",
                "succes",
                "Het ontbijt lukte omdat elke partij één ding deed: de school de ruimte, de supermarkt het eten, "
                "vrijwilligers de handen. Spreek dat vooraf af.",
                "een-gezonde-dag",
                ["onderwijs", "werkgever"],
            ),
        ],
    ),
    Seed(
        "Haarlemse Alliantie Tegen Kinderarmoede",
        ["GM0392"],
        Phase.BUILDING,
        date(2020, 9, 1),
        "Vanuit het kerkelijk welzijnswerk genomen initiatief; de landelijke alliantie hielp met een werkagenda en een "
        "lokale bijeenkomst om partners te vinden.",
        "Een netwerk van zo'n dertig formele en informele organisaties rond Haarlem. Een werkgroep richt zich op "
        "werkende ouders met geldzorgen en benadert werkgevers in de regio.",
        "Stichting Kerkelijk Welzijnswerk Haarlem",
        [
            ("Stichting Kerkelijk Welzijnswerk Haarlem", "levensbeschouwelijk"),
            ("Gemeente Haarlem", "gemeente"),
            ("Voedselbank Haarlem", "maatschappelijke-organisatie"),
            ("Stichting Leergeld Haarlem", "fonds"),
            ("Jeugdfonds Sport & Cultuur", "fonds"),
            ("AWVN", "werkgever"),
            ("Schuldhulpmaatje Haarlem", "schuldhulp"),
            ("Woonstichting Spaarnestad", "woningcorporatie"),
            ("Basisschool De Linde Haarlem", "onderwijs"),
            ("Sterk uit Armoede", "ervaringsdeskundigen"),
        ],
        missing={"jeugdgezondheidszorg", "kinderopvang", "zorgverzekeraar"},
        goals=[
            (
                "Werkende ouders met geldzorgen in beeld",
                "signaleren-en-ondersteunen-als-werkgever",
                "strengthen",
                "Werkgevers in de regio herkennen geldzorgen bij hun mensen en weten waar ze naartoe kunnen.",
                25,
                "professionals",
                "loopt",
                "co_designed",
            ),
            (
                "Een bijeenkomst voor werkgevers",
                "signaleren-en-ondersteunen-als-werkgever",
                "transform",
                "Werkgevers spreken af wat zij doen, zoals een voorschot of hulp bij schulden.",
                None,
                "",
                "bereikt",
                "consulted",
            ),
            (
                "Geen kind zonder zwemles",
                "meedoen",
                "soften",
                "Elk kind in Haarlem haalt een zwemdiploma, ook als er thuis weinig geld is.",
                150,
                "kinderen",
                "loopt",
                "consulted",
            ),
        ],
        lessons=[
            (
                "Werkgevers bereik je via hun eigen netwerk",
                "succes",
                "Een brief aan werkgevers leverde niets op; een bijeenkomst bij de werkgeversvereniging wel. Werkgevers "
                "betrekken lukt via mensen die zij al kennen.",
                "signaleren-en-ondersteunen-als-werkgever",
                ["werkgever"],
            ),
            (
                "Ervaringsdeskundigen vanaf de eerste bijeenkomst",
                "succes",
                "Toen ervaringsdeskundigen meepraatten over de agenda, veranderde de volgorde: eerst de kosten van school, "
                "dan pas voorlichting.",
                "ervaringskennis-als-derde-kennisbron",
                ["ervaringsdeskundigen"],
            ),
        ],
    ),
    Seed(
        "Lokale alliantie Dongen",
        ["GM0766"],
        Phase.KICKSTART,
        date(2022, 3, 1),
        "Na de Publieksacademie Kinderarmoede Brabant wil de gemeente samenwerking met private partijen op gang "
        "brengen; het landelijke netwerk levert kansrijke contacten.",
        "De gemeente Dongen zoekt bedrijven en fondsen om samen meer kinderen te laten meedoen.",
        "Gemeente Dongen",
        [
            ("Gemeente Dongen", "gemeente"),
            ("Stichting Leergeld Dongen", "fonds"),
            ("Welzijn Dongen", "maatschappelijke-organisatie"),
        ],
        missing={
            "onderwijs",
            "jeugdgezondheidszorg",
            "werkgever",
            "kinderopvang",
            "woningcorporatie",
            "zorgverzekeraar",
            "schuldhulp",
        },
        goals=[
            (
                "Bedrijven betrekken bij meedoen",
                "meedoen",
                "soften",
                "Lokale bedrijven steunen sport en cultuur voor kinderen uit gezinnen met weinig geld.",
                100,
                "kinderen",
                "gepland",
                "not_yet",
            ),
        ],
        lessons=[
            (
                "Vraag scholen en de JGZ vanaf het begin",
                "faal",
                "We begonnen met de gemeente en bedrijven; scholen en jeugdgezondheidszorg kwamen pas later aan tafel. "
                "Daardoor misten we de signalen die zij zien.",
                "het-gezin-versterken",
                ["onderwijs", "jeugdgezondheidszorg"],
            ),
        ],
    ),
    Seed(
        "Lokale alliantie Leeuwarden",
        ["GM0080"],
        Phase.BUILDING,
        date(2021, 10, 1),
        "Na de Publieksacademie Friesland werkten de partners in de stad aan een nieuwe beleids- en doe-agenda; begin "
        "2022 deed Leeuwarden mee met het project 'Samenwerken in de aanpak van kinderarmoede'.",
        "Hoe zijn we er eerder bij? Professionals die een stukje van de puzzel zien, vinden elkaar, en het gezin zit "
        "zelf mee aan tafel.",
        "Gemeente Leeuwarden",
        [
            ("Gemeente Leeuwarden", "gemeente"),
            ("GGD Fryslân", "jeugdgezondheidszorg"),
            ("Stichting Leergeld Leeuwarden", "fonds"),
            ("Kinderopvang Friesland", "kinderopvang"),
            ("Basisschool De Toermalijn Leeuwarden", "onderwijs"),
            ("Voedselbank Leeuwarden", "maatschappelijke-organisatie"),
            ("Schuldhulp Leeuwarden", "schuldhulp"),
        ],
        missing={"werkgever", "woningcorporatie", "zorgverzekeraar"},
        goals=[
            (
                "Eerder erbij: één gezin, één plan",
                "het-gezin-versterken",
                "strengthen",
                "Gezinnen met geldzorgen krijgen binnen een maand één plan met alle hulp.",
                80,
                "gezinnen",
                "loopt",
                "co_designed",
            ),
            (
                "Regels die gezinnen vastzetten aanpassen",
                "stress-reduceren-door-schulden-hanteerbaar-te-maken",
                "transform",
                "De gemeente verandert twee regels die gezinnen met schulden extra stress geven.",
                2,
                "",
                "gepland",
                "consulted",
            ),
            (
                "Gezond opgroeien vanaf de geboorte",
                "een-gezonde-dag",
                "strengthen",
                "Consultatiebureaus bespreken geldzorgen met alle nieuwe ouders.",
                600,
                "ouders",
                "loopt",
                "consulted",
            ),
            (
                "Een fijn thuis zonder huurschuld",
                "een-fijn-thuis",
                "soften",
                "Geen gezin met kinderen uit huis gezet om huurschuld.",
                None,
                "",
                "loopt",
                "not_yet",
            ),
            (
                "Kinderen praten mee over de stad",
                "opgroeien-in-een-kindvriendelijke-omgeving",
                "transform",
                "Een kinderraad geeft twee keer per jaar advies aan de gemeente.",
                None,
                "",
                "gepland",
                "co_designed",
            ),
        ],
        lessons=[
            (
                "Een publieksacademie geeft een gemeenschappelijke taal",
                "succes",
                "Na de publieksacademie hadden professionals dezelfde woorden voor wat ze zagen. Dat maakte de agenda "
                "makkelijker.",
                "opgroeien-in-een-kindvriendelijke-omgeving",
                ["gemeente", "jeugdgezondheidszorg"],
            ),
        ],
    ),
]

# More alliances, in different phases: (name, CBS codes, phase, origin)
MORE = [
    (
        "Armoedepact Woensdrecht",
        ["GM0873"],
        Phase.INDEPENDENT,
        "Meer dan zestig lokale organisaties tekenden een lokaal armoedepact.",
    ),
    ("Zaanse Alliantie Kinderarmoede", ["GM0479"], Phase.BUILDING, "De gemeente tekende in 2019 het convenant."),
    ("Lokale alliantie Noordenveld", ["GM1699"], Phase.KICKSTART, "Na de ondertekening van het convenant in 2019."),
    ("Arnhem Samen tegen Kinderarmoede", ["GM0202"], Phase.BUILDING, "De gemeente werkte al met scholen en fondsen."),
    ("Lokale alliantie Utrecht", ["GM0344"], Phase.EXPLORING, "Na een werkbezoek van het projectteam."),
    ("Enschede Kansrijk", ["GM0153"], Phase.KICKSTART, "Vanuit de academische werkplaats van de GGD."),
    ("Alliantie Kinderarmoede Groningen", ["GM0014"], Phase.EXPLORING, "Na de Publieksacademie Groningen."),
    ("Lokale alliantie Tilburg", ["GM0855"], Phase.BUILDING, "Vanuit de voedselbank en het welzijnswerk."),
    ("Almere Doet Mee", ["GM0034"], Phase.KICKSTART, "Een wens van scholen in Almere Haven."),
    (
        "Maastricht Heuvelland tegen Kinderarmoede",
        ["GM0935", "GM0994"],
        Phase.EXPLORING,
        "Na de Publieksacademie Limburg, samen met een buurgemeente.",
    ),
    ("Lokale alliantie Emmen", ["GM0114"], Phase.INDEPENDENT, "Vanuit het programma Kansrijke Start."),
    ("Helmondse Alliantie Kinderarmoede", ["GM0794"], Phase.BUILDING, "Na een informatiebijeenkomst."),
]

LOCAL_NAMES = {
    "gemeente": ["Gemeente {m}"],
    "onderwijs": ["Basisschool De Springplank {m}", "Basisschool Het Baken {m}", "Brede school De Horizon {m}"],
    "kinderopvang": ["Kinderopvang De Kikker {m}", "Kinderdagverblijf 't Kabouterhuis {m}"],
    "jeugdgezondheidszorg": ["Consultatiebureau {m}", "Jeugdgezondheidszorg {m}"],
    "werkgever": ["Ondernemersvereniging {m}", "Bakkerij Van den Berg {m}", "Bouwbedrijf {m}"],
    "woningcorporatie": ["Woonstichting {m}", "Wooncorporatie Thuis in {m}"],
    "fonds": ["Stichting Leergeld {m}", "Sam& {m}", "Jeugdfonds Sport & Cultuur {m}"],
    "maatschappelijke-organisatie": ["Voedselbank {m}", "Buurthuis De Schakel {m}", "Welzijn {m}", "Kledingbank {m}"],
    "zorgverzekeraar": ["Zorgverzekeraar Regio {m}"],
    "schuldhulp": ["SchuldHulpMaatje {m}", "Schuldhulp {m}"],
    "ervaringsdeskundigen": ["Ervaringsdeskundigen {m}"],
    "levensbeschouwelijk": ["Diaconie {m}", "Moskee {m}"],
    "zorg": ["Huisartsenpraktijk {m}"],
}
GOAL_TEMPLATES = [
    (
        "Gezond ontbijt op school",
        "een-gezonde-dag",
        "soften",
        "Kinderen beginnen de schooldag met een gezond ontbijt.",
        "kinderen",
    ),
    ("Iedereen op sport of muziek", "meedoen", "soften", "Elk kind kan op een club of les.", "kinderen"),
    (
        "Geldzorgen vroeg signaleren",
        "stress-reduceren-door-schulden-hanteerbaar-te-maken",
        "strengthen",
        "Gezinnen met betalingsachterstanden krijgen binnen twee weken hulp.",
        "gezinnen",
    ),
    (
        "Een brugfunctionaris op school",
        "extra-ontwikkelkansen-bieden",
        "strengthen",
        "Ouders hebben één vast aanspreekpunt op school.",
        "gezinnen",
    ),
    (
        "Werkgevers herkennen geldzorgen",
        "signaleren-en-ondersteunen-als-werkgever",
        "strengthen",
        "Werkgevers weten hoe zij werkende ouders met geldzorgen helpen.",
        "professionals",
    ),
    (
        "Regels die knellen aanpakken",
        "stress-reduceren-door-schulden-hanteerbaar-te-maken",
        "transform",
        "De gemeente past regels aan die gezinnen in armoede vastzetten.",
        "",
    ),
    (
        "Leren omgaan met geld",
        "leren-omgaan-met-geld",
        "strengthen",
        "Jongeren leren op school omgaan met geld.",
        "kinderen",
    ),
    (
        "Een fijn en betaalbaar thuis",
        "een-fijn-thuis",
        "soften",
        "Geen gezin met kinderen zonder warm huis.",
        "gezinnen",
    ),
    (
        "Kinderen denken mee",
        "ervaringskennis-als-derde-kennisbron",
        "transform",
        "Kinderen en ouders met ervaring praten mee over de plannen.",
        "",
    ),
    (
        "Sterk gezin vanaf de start",
        "het-gezin-versterken",
        "strengthen",
        "Aanstaande ouders met geldzorgen krijgen hulp voor de geboorte.",
        "ouders",
    ),
]
LESSON_TEMPLATES = [
    (
        "Een vaste trekker houdt de vaart erin",
        "succes",
        "Met één coördinator die iedereen kent, kwamen afspraken ook na de eerste bijeenkomst terug.",
        "opgroeien-in-een-kindvriendelijke-omgeving",
        ["gemeente"],
    ),
    (
        "Te veel doelen tegelijk",
        "faal",
        "We zetten tien doelen op de agenda en haalden er twee. Begin met twee of drie.",
        "meedoen",
        [],
    ),
    (
        "Werkgevers haken af bij lange vergaderingen",
        "faal",
        "Ondernemers kwamen één keer en daarna niet meer. Korte, concrete vragen werken beter.",
        "signaleren-en-ondersteunen-als-werkgever",
        ["werkgever"],
    ),
    (
        "De school als vindplaats",
        "succes",
        "Leerkrachten zien als eersten dat een kind zonder lunch komt. Via de school "
        "bereikten we gezinnen die de gemeente niet kende.",
        "extra-ontwikkelkansen-bieden",
        ["onderwijs"],
    ),
    (
        "Fondsen samen aan één loket",
        "succes",
        "Toen de fondsen samen één aanvraag deden, vroegen meer ouders hulp.",
        "meedoen",
        ["fonds"],
    ),
]
POOL_FIRST = [
    "Anouk",
    "Bilal",
    "Chantal",
    "Dewi",
    "Esra",
    "Fenna",
    "Gerda",
    "Hamza",
    "Iris",
    "Jolanda",
    "Karim",
    "Lisanne",
    "Marco",
    "Nadia",
    "Oumaima",
    "Priscilla",
    "Ria",
    "Samira",
    "Tamara",
    "Yvonne",
    "Wendy",
    "Ilse",
    "Rachid",
    "Petra",
    "Kees",
]
POOL_LAST = [
    "de Jong",
    "Bakker",
    "Mulder",
    "El Idrissi",
    "Kramer",
    "Hoekstra",
    "van den Bosch",
    "Yıldız",
    "Tromp",
    "Martina",
    "Dijkman",
    "Osei",
    "Veenstra",
    "Haddou",
    "Smit",
]
POOL_ABOUT = [
    "Ik was jarenlang alleenstaande moeder met schulden. Nu help ik anderen de weg te vinden.",
    "Ik weet hoe het is als je kind niet mee kan op schoolreis. Ik vertel daar graag over op scholen.",
    "Als vader met een baan en toch geldzorgen weet ik wat werkgevers kunnen doen.",
    "Ik ben opgegroeid in armoede en wil dat kinderen nu wel mee kunnen doen.",
    "",
]
REQUESTS = [
    (
        "Kampen",
        "GM0166",
        "Stichting Kerk en Samenleving Kampen",
        "levensbeschouwelijk",
        "Wij willen met de gemeente, scholen en de voedselbank een lokale alliantie starten. De voedselbank ziet steeds "
        "meer werkende gezinnen.",
    ),
    (
        "Oss",
        "GM0828",
        "Stichting Leergeld Oss",
        "fonds",
        "Na de informatiebijeenkomst willen we met de gemeente en het onderwijs een agenda maken voor meedoen.",
    ),
    (
        "Vlissingen",
        "GM0718",
        "Welzijn Vlissingen",
        "maatschappelijke-organisatie",
        "Wij zoeken partners om armoede onder kinderen in Vlissingen samen aan te pakken.",
    ),
]
REFERENCE_DAY = date(2026, 11, 1)


def _moment(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


class LocalAllianceBuilder:
    def __init__(self, *, scale: int, seed: int, organisations: list, users: list, coordinator, team_member) -> None:
        self.scale, self.rng = scale, random.Random(seed + 16)
        self.organisations = organisations
        self.by_name = {o.name.lower(): o for o in organisations}
        self.coordinator, self.team = coordinator, team_member
        self.users = users
        self.sectors = {s.slug: s for s in Sector.objects.all()}
        self.challenges = {c.slug: c for c in Challenge.objects.all()}
        self.lines = {line.code: line for line in ChangeLine.objects.all()}
        self.municipalities = {m.code: m for m in Municipality.objects.select_related("province").order_by("code")}
        self.by_municipality: dict[int, list] = {}
        self.by_province: dict[int, list] = {}
        for organisation in organisations:
            if organisation.status not in ("active", "dormant") or organisation.municipality_id is None:
                continue
            self.by_municipality.setdefault(organisation.municipality_id, []).append(organisation)
            self.by_province.setdefault(organisation.municipality.province_id, []).append(organisation)
        self.local_scope = Scope.objects.get(code=Scope.Code.LOCAL)
        self.slugs = set(
            slugify(o.slug) for o in organisations
        )  # organisation slugs in use (local organisations are added to them)
        self.alliance_slugs: set[str] = set()
        self.new_organisations: list = []
        self.password = make_password(None)

    # -- helpers ---------------------------------------------------------------------------------------------------

    def _unique(self, text: str, taken: set[str]) -> str:
        base = slugify(text)[:200] or "x"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        return slug

    def _local_organisation(self, name: str, sector: str, municipality: Municipality):
        """An organisation that takes part only locally (made once per name)."""
        found = self.by_name.get(name.lower())
        if found is not None:
            return found
        from alliantie.partners.models import Organisation

        organisation = Organisation(
            name=name,
            slug=self._unique(name, self.slugs),
            sector=self.sectors[sector],
            scope=self.local_scope,
            municipality=municipality,
            city=municipality.short_name,
            status=Organisation.Status.LOCAL,
            status_since=REFERENCE_DAY - timedelta(days=self.rng.randrange(30, 900)),
            website=f"https://{slugify(name)[:40]}.example.org",
            email=f"info@{slugify(name)[:40]}.example.org",
        )
        organisation.demo_area = municipality
        self.by_name[name.lower()] = organisation
        self.new_organisations.append(organisation)
        return organisation

    def _pick_places(self, taken_sets: set[frozenset]) -> list[Municipality]:
        """One municipality, or a few neighbours when that one already has an alliance of its own."""
        codes = list(self.municipalities)
        primary = self.municipalities[self.rng.choice(codes)]
        places = [primary]
        neighbours = sorted(
            (m for m in self.municipalities.values() if m.province_id == primary.province_id and m.pk != primary.pk),
            key=lambda m: (
                ((m.latitude or 0) - (primary.latitude or 0)) ** 2
                + ((m.longitude or 0) - (primary.longitude or 0)) ** 2
            ),
        )
        while frozenset(m.pk for m in places) in taken_sets and neighbours:
            places.append(neighbours.pop(0))
        return places

    # -- the alliances ---------------------------------------------------------------------------------------------

    def build(self) -> dict:
        plans = []
        taken: set[frozenset] = set()
        for seed in SEEDS:
            places = [self.municipalities[c] for c in seed.codes]
            taken.add(frozenset(m.pk for m in places))
            plans.append((seed, places))
        for name, codes, phase, origin in MORE:
            places = [self.municipalities[c] for c in codes]
            taken.add(frozenset(m.pk for m in places))
            plans.append((Seed(name, codes, phase, date(2022, 1, 1), origin, "", "", []), places))
        total = ALLIANCES_PER_SCALE * self.scale if self.scale > 1 else len(plans)
        while len(plans) < total:
            places = self._pick_places(taken)
            key = frozenset(m.pk for m in places)
            if key in taken:
                continue
            taken.add(key)
            name = (
                "Lokale alliantie "
                + " en ".join(m.short_name for m in places[:2])
                + (" e.o." if len(places) > 2 else "")
            )
            phase = self.rng.choices(PHASE_ORDER, weights=[20, 25, 40, 15])[0]
            plans.append((Seed(name, [m.code for m in places], phase, date(2022, 1, 1), "", "", "", []), places))

        alliances, member_plans = [], []
        for seed, places in plans:
            started = seed.started if seed.members else REFERENCE_DAY - timedelta(days=self.rng.randrange(120, 1400))
            alliance = LocalAlliance(
                name=seed.name,
                slug=self._unique(seed.name, self.alliance_slugs),
                summary=seed.summary
                or f"Organisaties in {', '.join(m.short_name for m in places)} werken samen aan een agenda tegen "
                "kinderarmoede, met ervaringsdeskundigen aan tafel.",
                origin=seed.origin,
                phase=seed.phase,
                contact_email=f"info@{slugify(seed.name)[:40]}.example.org",
                created_by=self.team,
                created_at=_moment(started),
            )
            alliance.demo_places, alliance.demo_started, alliance.demo_seed = places, started, seed
            members = self._members(seed, places)
            alliance.demo_initiator = members[0] if members else None
            alliances.append(alliance)
            member_plans.append(members)

        from alliantie.partners.models import Organisation

        Organisation.objects.bulk_create(self.new_organisations, batch_size=2000)
        Organisation.area_municipalities.through.objects.bulk_create(
            [
                Organisation.area_municipalities.through(organisation_id=o.pk, municipality_id=o.demo_area.pk)
                for o in self.new_organisations
            ],
            batch_size=5000,
        )
        for alliance in alliances:
            alliance.initiator = alliance.demo_initiator
        LocalAlliance.objects.bulk_create(alliances, batch_size=2000)
        Places = LocalAlliance.municipalities.through
        Places.objects.bulk_create(
            [Places(localalliance_id=a.pk, municipality_id=m.pk) for a in alliances for m in a.demo_places],
            batch_size=5000,
        )
        self._phases(alliances)
        members = self._store_members(alliances, member_plans)
        self._coordinators(alliances)
        goals = self._goals(alliances, members)
        lessons = self._lessons(alliances)
        self._invitations(alliances)
        self._toolkit()
        self._requests()
        pool = self._pool()
        return {"alliances": len(alliances), "members": len(members), "goals": goals, "lessons": lessons, "pool": pool}

    def _members(self, seed: Seed, places: list[Municipality]) -> list:
        """The seed's members by name (made as local organisations when the demo has none of that name); for the
        others a realistic mix of partners seated there or in the province, and local organisations, leaving out a
        sector or two (an employer most often)."""
        first = places[0]
        if seed.members:
            return [self._local_organisation(name, sector, first) for name, sector in seed.members]
        wanted = 6 + self.rng.randrange(0, 13) + (self.scale * 38) // 50
        skip = {
            s
            for s in CHECKED
            if self.rng.random() < {"werkgever": 0.6, "woningcorporatie": 0.5, "zorgverzekeraar": 0.6}.get(s, 0.2)
        }
        chosen, seen = [], set()
        gemeente = self._local_organisation(f"Gemeente {first.short_name}", "gemeente", first)
        chosen.append(gemeente)
        seen.add(gemeente.name)
        candidates = [o for m in places for o in self.by_municipality.get(m.pk, [])]
        nearby = list(self.by_province.get(first.province_id, []))
        self.rng.shuffle(nearby)
        for organisation in candidates + nearby:
            if len(chosen) >= wanted:
                break
            if organisation.name in seen or organisation.sector.slug in skip:
                continue
            chosen.append(organisation)
            seen.add(organisation.name)
        for sector in CHECKED:
            if len(chosen) >= wanted + 4:
                break
            if sector in skip or any(o.sector.slug == sector for o in chosen):
                continue
            name = self.rng.choice(LOCAL_NAMES[sector]).format(m=first.short_name)
            if name not in seen:
                chosen.append(self._local_organisation(name, sector, first))
                seen.add(name)
        return chosen

    def _phases(self, alliances: list[LocalAlliance]) -> None:
        steps = []
        for alliance in alliances:
            day = alliance.demo_started
            for phase in PHASE_ORDER[: PHASE_ORDER.index(alliance.phase) + 1]:
                steps.append(
                    PhaseStep(
                        alliance=alliance, phase=phase, started_on=day, recorded_by=self.team, recorded_at=_moment(day)
                    )
                )
                day = min(day + timedelta(days=self.rng.randrange(90, 270)), REFERENCE_DAY)
        PhaseStep.objects.bulk_create(steps, batch_size=5000)

    def _store_members(self, alliances, member_plans) -> list[Member]:
        rows = []
        for alliance, organisations in zip(alliances, member_plans, strict=True):
            for organisation in organisations:
                joined = alliance.demo_started + timedelta(days=self.rng.randrange(0, 200))
                rows.append(
                    Member(
                        alliance=alliance,
                        organisation=organisation,
                        joined_on=min(joined, REFERENCE_DAY),
                        added_by=self.team,
                    )
                )
        Member.objects.bulk_create(rows, batch_size=5000)
        for alliance in alliances:
            alliance.demo_members = []
        by_alliance = {a.pk: a for a in alliances}
        for member in rows:
            by_alliance[member.alliance_id].demo_members.append(member)
        return rows

    def _coordinators(self, alliances) -> None:
        """The demo coordinator coordinates Zoetermeer; every other alliance gets a coordinator of its own (except a
        few the team still looks for)."""
        people, roles = [], []
        for index, alliance in enumerate(alliances):
            if index == 0:
                roles.append(
                    Coordinator(
                        alliance=alliance, user=self.coordinator, since=alliance.demo_started, named_by=self.team
                    )
                )
                continue
            if alliance.phase == Phase.EXPLORING and self.rng.random() < 0.4:
                continue  # no coordinator yet: on the team's worklist
            person = User(
                email=f"coordinator{index}@example.org",
                name=f"{self.rng.choice(POOL_FIRST)} {self.rng.choice(POOL_LAST)}",
                team_role=User.TeamRole.COORDINATOR,
                password=self.password,
            )
            person.demo_alliance = alliance
            people.append(person)
        User.objects.bulk_create(people, batch_size=2000)
        roles += [
            Coordinator(alliance=p.demo_alliance, user=p, since=p.demo_alliance.demo_started, named_by=self.team)
            for p in people
        ]
        Coordinator.objects.bulk_create(roles, batch_size=2000)

    def _goals(self, alliances, members) -> int:
        activity_rows = {}
        member_organisations = {m.organisation_id for m in members}
        for activity_id, organisation_id, municipality_id in Activity.municipalities.through.objects.filter(
            activity__organisation_id__in=member_organisations
        ).values_list("activity_id", "activity__organisation_id", "municipality_id"):
            activity_rows.setdefault((organisation_id, municipality_id), []).append(activity_id)
        goals, plans = [], []
        for alliance in alliances:
            seed = alliance.demo_seed
            if seed.goals:
                templates = [
                    (t, c, line, target, n, unit, status, involvement)
                    for t, c, line, target, n, unit, status, involvement in seed.goals
                ]
            else:
                count = {Phase.EXPLORING: 1, Phase.KICKSTART: 2, Phase.BUILDING: 4, Phase.INDEPENDENT: 6}[
                    alliance.phase
                ]
                picked = self.rng.sample(GOAL_TEMPLATES, k=min(len(GOAL_TEMPLATES), count + self.rng.randrange(0, 2)))
                templates = [
                    (
                        t,
                        c,
                        line,
                        target,
                        self.rng.choice([None, 50, 120, 300]) if unit else None,
                        unit,
                        self.rng.choice(["gepland", "loopt", "loopt", "bereikt"]),
                        self.rng.choices(["co_designed", "consulted", "not_yet"], weights=[25, 40, 35])[0],
                    )
                    for t, c, line, target, unit in picked
                ]
            for title, challenge, line, target, number, unit, status, involvement in templates:
                goal = Goal(
                    alliance=alliance,
                    title=title,
                    challenge=self.challenges[challenge],
                    change_line=self.lines[line],
                    target=target,
                    target_number=number,
                    target_unit=unit if number else "",
                    reached_number=int(number * self.rng.uniform(0.2, 0.9)) if number and status != "gepland" else None,
                    status=status,
                    lived_experience=involvement,
                    lived_experience_note={
                        "co_designed": "Ouders met ervaring bedachten het mee.",
                        "consulted": "We vroegen ouders en kinderen wat zij nodig hebben.",
                        "not_yet": "",
                    }[involvement],
                    created_by=self.team,
                    created_at=_moment(alliance.demo_started + timedelta(days=30)),
                )
                participants = self.rng.sample(alliance.demo_members, k=min(len(alliance.demo_members), 3))
                places = {m.pk for m in alliance.demo_places}
                linked = [
                    a
                    for p in participants
                    for place in places
                    for a in activity_rows.get((p.organisation_id, place), [])
                ][:2]
                plans.append((goal, participants, linked))
                goals.append(goal)
        Goal.objects.bulk_create(goals, batch_size=5000)
        Participants, Linked = Goal.participants.through, Goal.activities.through
        Participants.objects.bulk_create(
            [Participants(goal_id=g.pk, member_id=m.pk) for g, ms, _a in plans for m in ms], batch_size=5000
        )
        Linked.objects.bulk_create(
            [Linked(goal_id=g.pk, activity_id=a) for g, _ms, acts in plans for a in dict.fromkeys(acts)],
            batch_size=5000,
        )
        notes = [
            ProgressNote(
                goal=g,
                written_on=REFERENCE_DAY - timedelta(days=self.rng.randrange(10, 200)),
                note=self.rng.choice(
                    [
                        "Eerste resultaten binnen; meer scholen willen meedoen.",
                        "Vrijwilligers gevonden; het loopt.",
                        "Langzamer dan gedacht: de gemeente zocht eerst budget.",
                    ]
                ),
                reached_number=g.reached_number,
                written_by=self.team,
            )
            for g in goals
            if g.status != "gepland"
        ]
        ProgressNote.objects.bulk_create(notes, batch_size=5000)
        return len(goals)

    def _lessons(self, alliances) -> int:
        meetings = list(
            Event.objects.filter(kind=EventKind.LEERNETWERK, ends_at__lt=timezone.now()).order_by("starts_at")
        )
        items, lessons = [], []
        item_slugs = set(Item.objects.values_list("slug", flat=True))
        for index, alliance in enumerate(alliances):
            rows = alliance.demo_seed.lessons or (
                [self.rng.choice(LESSON_TEMPLATES)] if alliance.phase != Phase.EXPLORING and index % 3 == 0 else []
            )
            for title, factor, summary, challenge, sectors in rows:
                event = self.rng.choice(meetings) if meetings else None
                day = timezone.localdate(event.ends_at) if event else REFERENCE_DAY
                places = ", ".join(m.short_name for m in alliance.demo_places)
                phase = alliance.phase
                factor_label = Lesson.Factor(factor).label
                item = Item(
                    kind=ItemKind.LESSON,
                    knowledge_source=KnowledgeSource.PRACTICE,
                    title=title,
                    slug=self._unique(f"les {title} {alliance.slug}", item_slugs),
                    summary=summary,
                    body=f"{alliance.name} ({places}), fase {Phase(phase).label}, {factor_label}.\n\n{summary}",
                    lessons=str(factor_label).capitalize(),
                    change_line=None,
                    visibility=Visibility.PUBLIC,
                    status=Item.Status.PUBLISHED,
                    published_at=_moment(day, 16),
                    published_by=self.coordinator if index == 0 else self.team,
                    created_by=self.coordinator if index == 0 else self.team,
                    created_at=_moment(day, 15),
                )
                item.demo_challenge = self.challenges[challenge]
                item.demo_sectors = [self.sectors[s] for s in sectors if s in self.sectors]
                items.append(item)
                lessons.append(
                    Lesson(
                        alliance=alliance,
                        item=item,
                        event=event,
                        factor=factor,
                        phase=phase,
                        recorded_by=item.created_by,
                        created_at=item.created_at,
                    )
                )
        Item.objects.bulk_create(items, batch_size=2000)
        Item.challenges.through.objects.bulk_create(
            [Item.challenges.through(item_id=i.pk, challenge_id=i.demo_challenge.pk) for i in items], batch_size=5000
        )
        Item.sectors.through.objects.bulk_create(
            [Item.sectors.through(item_id=i.pk, sector_id=s.pk) for i in items for s in i.demo_sectors],
            batch_size=5000,
        )
        Lesson.objects.bulk_create(lessons, batch_size=2000)
        index_documents(
            Document(
                key=f"item:{i.pk}",
                kind=i.kind,
                knowledge_source=i.knowledge_source,
                title=i.title,
                summary=i.summary,
                body=f"{i.body}\n\n{i.lessons}",
                meta=f"{ItemKind(i.kind).label.capitalize()} · {KnowledgeSource(i.knowledge_source).label}",
                url=i.get_absolute_url(),
                date=i.published_at,
                challenge_ids=[i.demo_challenge.pk],
                sector_ids=[s.pk for s in i.demo_sectors],
            )
            for i in items
        )
        return len(lessons)

    def _invitations(self, alliances) -> None:
        """A few organisations invited to fill a sector, without an answer yet."""
        invitations = []
        members_of = {a.pk: {m.organisation_id for m in a.demo_members} for a in alliances}
        for alliance in alliances[:40]:
            province = alliance.demo_places[0].province_id
            options = [
                o
                for o in self.by_province.get(province, [])
                if o.pk not in members_of[alliance.pk]
                and o.sector.slug in ("werkgever", "jeugdgezondheidszorg", "woningcorporatie")
            ]
            if not options or self.rng.random() < 0.5:
                continue
            organisation = self.rng.choice(options)
            invitations.append(
                MemberInvitation(
                    alliance=alliance,
                    organisation=organisation,
                    organisation_name=organisation.name,
                    email=f"info@{organisation.slug[:40]}.example.org",
                    sector=organisation.sector,
                    reason=f"vult de ontbrekende sector {organisation.sector.name}",
                    message="We zouden u graag aan tafel hebben.",
                    invited_by=self.team,
                    created_at=timezone.now() - timedelta(days=self.rng.randrange(3, 40)),
                    expires_at=timezone.now() + timedelta(days=self.rng.randrange(1, 28)),
                )
            )
        MemberInvitation.objects.bulk_create(invitations, batch_size=2000)

    def _toolkit(self) -> None:
        """The team placed each toolkit item in the phases where it helps most."""
        collection = Collection.objects.filter(slug="toolkit-lokale-allianties").first()
        if collection is None:
            return
        phases = [
            [Phase.EXPLORING, Phase.KICKSTART],
            [Phase.KICKSTART, Phase.BUILDING],
            [Phase.BUILDING],
            [Phase.BUILDING, Phase.INDEPENDENT],
        ]
        ToolkitPhases.objects.bulk_create(
            [
                ToolkitPhases(entry=entry, phases=phases[n % len(phases)])
                for n, entry in enumerate(collection.entries.order_by("position"))
            ]
        )

    def _requests(self) -> None:
        rows = []
        for n, (_place, code, organisation, sector, message) in enumerate(REQUESTS):
            request = AllianceRequest(
                name=f"{self.rng.choice(POOL_FIRST)} {self.rng.choice(POOL_LAST)}",
                email=f"aanvraag{n}@example.org",
                organisation_name=organisation,
                sector=self.sectors[sector],
                message=message,
                created_at=timezone.now() - timedelta(days=3 + 5 * n),
            )
            request.demo_place = self.municipalities[code]
            rows.append(request)
        AllianceRequest.objects.bulk_create(rows)
        Places = AllianceRequest.municipalities.through
        Places.objects.bulk_create([Places(alliancerequest_id=r.pk, municipality_id=r.demo_place.pk) for r in rows])

    # -- the pool --------------------------------------------------------------------------------------------------

    def _pool(self) -> int:
        provinces = list(Province.objects.order_by("code"))
        themes = list(self.challenges.values())
        members, consents = [], []
        registrar = self.by_name.get("sterk uit armoede")
        now = timezone.now()
        for n in range(POOL_PER_SCALE * self.scale):
            first, last = self.rng.choice(POOL_FIRST), self.rng.choice(POOL_LAST)
            email = f"ervaringsdeskundige{n}@example.org"
            confirmed = now - timedelta(days=self.rng.randrange(5, 700))
            named = self.rng.random() < 0.25
            member = PoolMember(
                name=f"{first} {last}",
                email=email,
                roles=self.rng.sample(
                    ["meedenken", "brugfunctionaris", "spreker", "training"], k=self.rng.choice([1, 1, 2, 3])
                ),
                nationwide=self.rng.random() < 0.1,
                themes_note=self.rng.choice(["", "schulden", "wonen", "werk en inkomen"]),
                availability=self.rng.choice(["af-en-toe", "maandelijks", "wekelijks"]),
                fee=self.rng.choice(["geen", "onkosten", "vergoeding", "vergoeding"]),
                about=self.rng.choice(POOL_ABOUT),
                show_publicly=named,
                public_name=first if named else "",
                status=PoolMember.Status.PAUSED if self.rng.random() < 0.1 else PoolMember.Status.ACTIVE,
                registered_by_organisation=registrar if registrar and self.rng.random() < 0.2 else None,
                created_at=confirmed - timedelta(days=1),
                confirmed_at=confirmed,
                checked_at=confirmed,
            )
            member.demo_provinces = (
                [] if member.nationwide else self.rng.sample(provinces, k=self.rng.choice([1, 1, 2]))
            )
            member.demo_themes = self.rng.sample(themes, k=self.rng.randrange(1, 4))
            members.append(member)
            consents.append(
                PersonalConsent(
                    email=email,
                    purpose=PersonalConsent.Purpose.EXPERT_POOL,
                    text=str(pool_consent_text()),
                    method=PersonalConsent.Method.FORM,
                    given_at=confirmed - timedelta(days=1),
                    confirmed_at=confirmed,
                )
            )
        PersonalConsent.objects.bulk_create(consents, batch_size=2000)
        for member, consent in zip(members, consents, strict=True):
            member.consent = consent
        PoolMember.objects.bulk_create(members, batch_size=2000)
        PoolMember.provinces.through.objects.bulk_create(
            [
                PoolMember.provinces.through(poolmember_id=m.pk, province_id=p.pk)
                for m in members
                for p in m.demo_provinces
            ],
            batch_size=5000,
        )
        PoolMember.themes.through.objects.bulk_create(
            [PoolMember.themes.through(poolmember_id=m.pk, challenge_id=c.pk) for m in members for c in m.demo_themes],
            batch_size=5000,
        )
        self._pool_requests(members)
        return len(members)

    def _pool_requests(self, members: list[PoolMember]) -> None:
        """Dongen asked for a brugfunctionaris; someone said yes and they work together. An open request waits."""
        dongen = LocalAlliance.objects.filter(name="Lokale alliantie Dongen").first()
        zoetermeer = LocalAlliance.objects.filter(name="Lokale alliantie Zoetermeer").first()
        if dongen is None or zoetermeer is None:
            return
        done = PoolRequest.objects.create(
            requested_by=self.team,
            alliance=dongen,
            role="brugfunctionaris",
            municipality=self.municipalities["GM0766"],
            challenge=self.challenges["meedoen"],
            question="Een brugfunctionaris tussen de scholen en gezinnen met weinig geld, twee ochtenden per week.",
            fee_offered=True,
            status=PoolRequest.Status.INTRODUCED,
            handled_by=self.team,
        )
        brabant = next((m for m in members if m.status == PoolMember.Status.ACTIVE), None)
        if brabant is not None:
            PoolIntroduction.objects.create(
                request=done,
                member=brabant,
                status=PoolIntroduction.Status.COLLABORATING,
                introduced_by=self.team,
                introduced_at=timezone.now() - timedelta(days=60),
                follow_up_sent_at=timezone.now() - timedelta(days=30),
                answered_at=timezone.now() - timedelta(days=28),
                outcome="Start na de herfstvakantie op twee scholen.",
            )
        PoolRequest.objects.create(
            requested_by=self.coordinator,
            alliance=zoetermeer,
            role="spreker",
            municipality=self.municipalities["GM0637"],
            challenge=self.challenges["een-gezonde-dag"],
            question="Iemand die op de ouderavond vertelt hoe het is om met weinig geld kinderen groot te brengen.",
            when="ouderavond in maart",
            fee_offered=True,
        )
