"""The demo agenda and kennisbank: the real series (kenniskringen 1-10 held, with reports, and upcoming ones),
publieksacademies in several provinces, the leernetwerk four times a year, and a kennisbank after DOMAIN.md and the
seeds. Everything is bulk-inserted so scale 50 (about 2,000 events, 100,000 registrations, 10,000 items) builds in
minutes. The titles of the first ten kenniskringen are not in the sources; they are made up around the opgaven."""

import random
import uuid
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.text import slugify

from alliantie.core.models import Challenge, ChangeLine, Municipality, SearchDocument, Sector
from alliantie.core.search import Document, index_documents
from alliantie.events.models import DEFAULT_AUDIENCE, Audience, Event, EventKind, Registration, new_checkin_code
from alliantie.knowledge.models import Collection, CollectionEntry, Consent, Item, ItemKind, KnowledgeSource, Visibility

EVENTS_PER_SCALE = 40
REGISTRATIONS_PER_EVENT = 60  # about 50 after werkbezoeken, cancellations and repeats: 100,000 at scale 50
ITEMS_PER_SCALE = 200
AMSTERDAM = timezone.get_default_timezone()

# (title, opgave slug, 3V line): the first ten kenniskringen (2019-2021).
KENNISKRINGEN = [
    ("Kinderarmoede in Nederland: wat weten we?", "meedoen", "transform"),
    ("Armoede signaleren in de klas", "extra-ontwikkelkansen-bieden", "strengthen"),
    ("Gezond opgroeien met weinig geld", "een-gezonde-dag", "soften"),
    ("Schulden en stress in gezinnen", "stress-reduceren-door-schulden-hanteerbaar-te-maken", "strengthen"),
    ("Ervaringskennis als derde kennisbron", "ervaringskennis-als-derde-kennisbron", "transform"),
    ("Meedoen aan sport en cultuur", "meedoen", "soften"),
    ("Werkende ouders met geldzorgen", "signaleren-en-ondersteunen-als-werkgever", "strengthen"),
    ("Kansrijke Start: de eerste 1000 dagen", "het-gezin-versterken", "strengthen"),
    ("Een fijn thuis: wonen en energie", "een-fijn-thuis", "soften"),
    ("Samenwerken in een lokale alliantie", "opgroeien-in-een-kindvriendelijke-omgeving", "transform"),
    ("De rol van werkgevers", "signaleren-en-ondersteunen-als-werkgever", "strengthen"),
    ("Leren omgaan met geld, thuis en op school", "leren-omgaan-met-geld", "strengthen"),
    ("Een gezonde schooldag voor ieder kind", "een-gezonde-dag", "soften"),
    ("Kinderen en jongeren zelf aan het woord", "ervaringskennis-als-derde-kennisbron", "transform"),
]
ACADEMIES = [
    ("Friesland", "GM0080"),
    ("Brabant", "GM0785"),
    ("Utrecht", "GM0344"),
    ("Gelderland", "GM0202"),
    ("Zuid-Holland", "GM0637"),
    ("Limburg", "GM0935"),
    ("Overijssel", "GM0153"),
    ("Groningen", "GM0014"),
    ("Noord-Holland", "GM0392"),
    ("Zeeland", "GM0687"),
]

# (kind, source, title, summary, body, opgave slug, line, sector slugs, author organisation)
ITEMS = [
    (
        "goede_praktijk",
        "praktijk",
        "Gezond schoolontbijt in Zoetermeer",
        "Vijf partijen zorgen samen dat ruim 300 leerlingen op twee scholen elke dag gezond ontbijten.",
        "De gemeente, twee basisscholen, Aldi, De Nederlandse Uitdaging en het Rode Kruis werken samen. Geen van hen had "
        "het schoolontbijt alleen kunnen organiseren. Alle basisscholen kregen daarnaast scholing over omgaan met armoede.",
        "een-gezonde-dag",
        "soften",
        ["onderwijs", "gemeente"],
        "Gemeente Zoetermeer",
    ),
    (
        "goede_praktijk",
        "praktijk",
        "Gezond opvoeden in krappe tijden",
        "De GGD ontwikkelt met ouders, gemeenten en de voedselbank een aanpak voor gezond opvoeden met weinig geld.",
        "In de academische werkplaats is gezondheid van kinderen in armoede het hoofdthema. Ouders denken mee over wat "
        "helpt: praktische tips, geen oordeel, en hulp die je makkelijk vindt.",
        "het-gezin-versterken",
        "strengthen",
        ["jeugdgezondheidszorg", "gemeente"],
        "GGD Twente",
    ),
    (
        "handreiking",
        "wetenschap",
        "Omgaan met armoede op scholen: handreiking voor po en vo",
        "Hoe signaleer je armoede op school, hoe praat je erover zonder oordeel en wat doe je met de kosten?",
        "Een denk- en werkkader voor scholen, geen blauwdruk: signaleren, in gesprek met ouders en leerlingen, kosten "
        "zoals de ouderbijdrage en schoolreisjes, de rolverdeling in de school en doorverwijzen naar gemeente en fondsen.",
        "extra-ontwikkelkansen-bieden",
        "strengthen",
        ["onderwijs"],
        "Hogeschool Rotterdam",
    ),
    (
        "handreiking",
        "wetenschap",
        "Omgaan met kinderarmoede in het sociaal domein",
        "Een handreiking voor professionals in wijkteams, schuldhulp en inkomen: armoede zien en kinderen steunen.",
        "Gemaakt met gemeenten, werkplaatsen sociaal domein en ervaringswerkers. Helpt professionals kinderen, jongeren "
        "en ouders te signaleren, te steunen en te stimuleren.",
        "het-gezin-versterken",
        "strengthen",
        ["gemeente", "schuldhulp-bewindvoering"],
        "Divosa",
    ),
    (
        "handreiking",
        "wetenschap",
        "Omgaan met armoede in de jeugdgezondheid",
        "Voor de geboortezorg en de jeugdgezondheidszorg: geldzorgen bespreken en gezinnen doorverwijzen.",
        "De handreiking helpt consultatiebureaus en verloskundigen om geldzorgen bespreekbaar te maken en sluit aan op "
        "de handreikingen voor school en sociaal domein.",
        "het-gezin-versterken",
        "strengthen",
        ["jeugdgezondheidszorg"],
        "Nederlands Centrum Jeugdgezondheid (NCJ)",
    ),
    (
        "onderzoek",
        "wetenschap",
        "Werkende ouders onder de armoedegrens",
        "Ongeveer 40% van de kinderen in armoede heeft werkende ouders; deze groep wordt minder bereikt.",
        "Een studie onder werkende ouders met weinig geld laat zien dat zij vaak buiten beeld blijven. Werkgevers kunnen "
        "signaleren en steunen.",
        "signaleren-en-ondersteunen-als-werkgever",
        "transform",
        ["werkgever-bedrijfsleven"],
        "Divosa",
    ),
    (
        "goede_praktijk",
        "praktijk",
        "Betalingsregeling voor premieschulden",
        "Gezinnen in de bijstand met premieschulden krijgen een haalbare regeling; de restschuld wordt kwijtgescholden.",
        "De zorgverzekeraar en de gemeente spreken af dat gezinnen een regeling krijgen die zij kunnen betalen. Dat "
        "haalt stress weg en voorkomt nieuwe schulden.",
        "stress-reduceren-door-schulden-hanteerbaar-te-maken",
        "strengthen",
        ["zorgverzekeraar", "gemeente"],
        "Menzis",
    ),
    (
        "toolkit",
        "praktijk",
        "Een lokale alliantie starten: waar begin je?",
        "Stappen om met gemeente, scholen, fondsen en bedrijven een lokale alliantie te bouwen.",
        "Begin bij een lokale wens. Breng partijen uit alle sectoren bij elkaar, betrek ervaringsdeskundigen en gebruik "
        "de verandertheorie en de tien opgaven als kader.",
        "opgroeien-in-een-kindvriendelijke-omgeving",
        "transform",
        ["gemeente"],
        "Sardes",
    ),
    (
        "toolkit",
        "ervaring",
        "De meerwaarde van ervaringsdeskundigheid",
        "Waarom ervaringsdeskundigen aan tafel horen, en hoe je dat goed regelt.",
        "Ervaringsdeskundigen weten waar het systeem mensen in de steek laat. Betaal hen voor hun tijd en betrek hen "
        "vanaf het begin.",
        "ervaringskennis-als-derde-kennisbron",
        "transform",
        ["ervaringsdeskundigenorganisatie"],
        "Sterk uit Armoede",
    ),
    (
        "toolkit",
        "praktijk",
        "Kinderen en jongeren betrekken bij lokale plannen",
        "Tips om kinderen en jongeren mee te laten praten over wat zij nodig hebben.",
        "Vraag kinderen zelf wat zij nodig hebben voor een fijn leven, bijvoorbeeld in een Raad van Kinderen.",
        "ervaringskennis-als-derde-kennisbron",
        "transform",
        ["onderwijs"],
        "Missing Chapter Foundation",
    ),
    (
        "goede_praktijk",
        "praktijk",
        "Vroeg signaleren van betalingsachterstanden",
        "Woningcorporatie, energieleverancier en gemeente melden achterstanden vroeg, zodat hulp op tijd komt.",
        "Met vroegsignalering krijgt een gezin al na een of twee gemiste betalingen een aanbod van hulp.",
        "stress-reduceren-door-schulden-hanteerbaar-te-maken",
        "strengthen",
        ["woningcorporatie", "energie-nutsbedrijf"],
        "Gemeente Zwijndrecht",
    ),
    (
        "goede_praktijk",
        "praktijk",
        "Sport en cultuur via één loket",
        "Ouders en intermediairs vragen met één aanvraag hulp aan bij de vier landelijke fondsen.",
        "Via één digitaal loket gaat de aanvraag naar het juiste fonds. De hulp gaat naar de club of winkel, niet als "
        "geld naar ouders.",
        "meedoen",
        "soften",
        ["fonds"],
        "Jeugdfonds Sport & Cultuur",
    ),
]
STORIES = [
    ("Het is een recht om niet arm te zijn", "Een moeder vertelt hoe het is om elke maand te rekenen, en wat hielp."),
    ("We beginnen er zelf niet over", "Een vader over schaamte, en de leerkracht die wél vroeg hoe het ging."),
    ("Meedoen op de voetbalclub", "Een jongere over de contributie die het Jeugdfonds betaalde."),
]
SHARED = (
    "Sprekers uit wetenschap, praktijk en ervaring deelden wat zij zien. Deelnemers bespraken in kleine groepen hoe "
    "zij armoede signaleren en bespreekbaar maken, en welke organisaties zij erbij halen."
)
LESSONS = "Begin bij het kind en het gezin. Vraag zonder oordeel. Zoek elkaar lokaal op: niemand kan het alleen."


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)), AMSTERDAM)


class AgendaBuilder:
    def __init__(self, *, scale: int, seed: int, organisations: list, team_member, users: list, reference_day: date):
        self.scale, self.rng = scale, random.Random(seed + 15)
        self.organisations = {o.name: o for o in organisations}
        self.partners = [o for o in organisations if o.status in ("active", "dormant")]
        self.team, self.users, self.today = team_member, users, reference_day
        self.challenges = {c.slug: c for c in Challenge.objects.all()}
        self.lines = {line.code: line for line in ChangeLine.objects.all()}
        self.sectors = {s.slug: s for s in Sector.objects.all()}
        self.municipalities = {m.code: m for m in Municipality.objects.select_related("province")}
        self.slugs: set[str] = set()

    def _slug(self, text: str) -> str:
        base = slugify(text)[:200] or "x"
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    # -- events ------------------------------------------------------------------------------------------------

    def _event(self, kind, title, day, *, challenge, line, municipality=None, online=False, capacity=None, hour=14):
        start = _at(day, hour)
        event = Event(
            kind=kind,
            title=title,
            slug=self._slug(f"{title} {day:%Y-%m-%d}"),
            summary=f"{EventKind(kind).label.capitalize()} over {title.split(': ')[-1].lower()}.",
            description=SHARED,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            venue="" if online else "Stadskantoor",
            municipality=self.municipalities.get(municipality) if municipality else None,
            online_url="https://meet.example.org/" + slugify(title)[:40] if online else "",
            audience=DEFAULT_AUDIENCE[kind],
            capacity=capacity,
            created_by=self.team,
            change_line=self.lines[line],
        )
        event.demo_challenges = [self.challenges[challenge]]
        return event

    def events(self) -> list[Event]:
        events = []
        first = date(2019, 9, 12)
        for number, (theme, challenge, line) in enumerate(KENNISKRINGEN, start=1):
            day = (
                first + timedelta(days=80 * (number - 1))
                if number <= 10
                else self.today + timedelta(days=30 * (number - 10))
            )
            event = self._event(
                "kenniskring",
                f"Kenniskring {number}: {theme}",
                day,
                challenge=challenge,
                line=line,
                online=True,
                capacity=80,
            )
            event.series_number = number
            events.append(event)
        for n, (region, code) in enumerate(ACADEMIES):
            day = date(2020, 2, 1) + timedelta(days=150 * n)
            events.append(
                self._event(
                    "publieksacademie",
                    f"Publieksacademie Kinderarmoede {region}",
                    day,
                    challenge="meedoen",
                    line="transform",
                    municipality=code,
                    capacity=150,
                    hour=13,
                )
            )
        for quarter in range(12):
            day = self.today - timedelta(days=365 * 2) + timedelta(days=91 * quarter)
            events.append(
                self._event(
                    "leernetwerk",
                    f"Leernetwerk lokale allianties {day:%Y}-{quarter % 4 + 1}",
                    day,
                    challenge="opgroeien-in-een-kindvriendelijke-omgeving",
                    line="transform",
                    online=True,
                    capacity=40,
                    hour=10,
                )
            )
        events.append(
            self._event(
                "informatiebijeenkomst",
                "Informatiebijeenkomst: een lokale alliantie bouwen",
                self.today + timedelta(days=21),
                challenge="opgroeien-in-een-kindvriendelijke-omgeving",
                line="transform",
                online=True,
                capacity=100,
                hour=15,
            )
        )
        codes = list(self.municipalities)
        total = EVENTS_PER_SCALE * self.scale
        while len(events) < total:
            kind = self.rng.choice(["webinar", "informatiebijeenkomst", "werkbezoek", "publieksacademie", "webinar"])
            theme, challenge, line = self.rng.choice(KENNISKRINGEN)
            day = self.today + timedelta(days=self.rng.randrange(-700, 200))
            where = self.rng.choice(codes)
            title = f"{EventKind(kind).label.capitalize()}: {theme}"
            if kind == "werkbezoek":
                title = f"Werkbezoek {self.municipalities[where].short_name}: {theme.lower()}"
            events.append(
                self._event(
                    kind,
                    title,
                    day,
                    challenge=challenge,
                    line=line,
                    municipality=where,
                    online=kind == "webinar",
                    capacity=self.rng.choice([None, 30, 60, 120]),
                )
            )
        Event.objects.bulk_create(events, batch_size=2000)
        Through = Event.challenges.through
        Through.objects.bulk_create(
            [Through(event_id=e.pk, challenge_id=c.pk) for e in events for c in e.demo_challenges], batch_size=5000
        )
        organisers = Event.organisers.through
        sardes = self.organisations.get("Sardes")
        if sardes:
            organisers.objects.bulk_create(
                [organisers(event_id=e.pk, organisation_id=sardes.pk) for e in events if e.kind == "kenniskring"]
            )
        return events

    def registrations(self, events: list[Event]) -> int:
        """About 50 per event: people of partners and visitors without an account; past ones mostly attended."""
        now = timezone.now()
        rows = []
        for event in events:
            if event.kind == "werkbezoek":
                continue
            wanted = self.rng.randrange(REGISTRATIONS_PER_EVENT // 2, REGISTRATIONS_PER_EVENT * 3 // 2)
            places = event.capacity or wanted
            codes: set[str] = set()
            emails: set[str] = set()
            held = 0
            for n in range(wanted):
                user = self.users[self.rng.randrange(len(self.users))] if self.rng.random() < 0.5 else None
                email = user.email if user else f"deelnemer{event.pk}-{n}@example.org"
                if email in emails:  # one registration per address and event
                    continue
                emails.add(email)
                registered = event.starts_at - timedelta(days=self.rng.randrange(2, 40))
                if self.rng.random() < 0.06:
                    status = "cancelled"
                elif held < places:
                    status, held = "confirmed", held + 1
                else:
                    status = "waiting"
                code = new_checkin_code()
                while code in codes:
                    code = new_checkin_code()
                codes.add(code)
                past = event.ends_at < now
                rows.append(
                    Registration(
                        public_id=uuid.UUID(int=self.rng.getrandbits(128)),
                        event=event,
                        user=user,
                        name=user.name if user else f"Deelnemer {n + 1}",
                        email=email,
                        organisation_name=self.rng.choice(self.partners).name if self.partners else "",
                        status=status,
                        checkin_code=code,
                        registered_at=registered,
                        confirmed_at=registered if status == "confirmed" else None,
                        waiting_since=registered if status == "waiting" else None,
                        cancelled_at=registered + timedelta(days=1) if status == "cancelled" else None,
                        attended_at=event.starts_at + timedelta(minutes=5)
                        if past and status == "confirmed" and self.rng.random() < 0.8
                        else None,
                    )
                )
        Registration.objects.bulk_create(rows, batch_size=5000)
        return len(rows)

    # -- kennisbank --------------------------------------------------------------------------------------------

    def _item(self, kind, source, title, summary, body, challenge, line, sectors, author, *, published: date, **extra):
        item = Item(
            kind=kind,
            knowledge_source=source,
            title=title,
            slug=self._slug(title),
            summary=summary,
            body=body,
            lessons=extra.pop("lessons", ""),
            change_line=self.lines[line],
            visibility=extra.pop("visibility", Visibility.PUBLIC),
            status=Item.Status.PUBLISHED,
            published_at=_at(published, 10),
            published_by=self.team,
            created_by=self.team,
            created_at=_at(published, 9),
            **extra,
        )
        item.demo_challenges = [self.challenges[challenge]]
        item.demo_sectors = [self.sectors[s] for s in sectors if s in self.sectors]
        item.demo_authors = [self.organisations[author]] if author in self.organisations else []
        return item

    def items(self, events: list[Event]) -> list[Item]:
        items = []
        for n, row in enumerate(ITEMS):
            items.append(self._item(*row, published=date(2020, 3, 1) + timedelta(days=60 * n)))
        for n, (title, summary) in enumerate(STORIES):
            items.append(
                self._item(
                    "ervaringsverhaal",
                    "ervaring",
                    title,
                    summary,
                    summary + " " + LESSONS,
                    "ervaringskennis-als-derde-kennisbron",
                    "transform",
                    ["ervaringsdeskundigenorganisatie"],
                    "Sterk uit Armoede",
                    published=date(2021, 5, 1) + timedelta(days=90 * n),
                )
            )
        now = timezone.now()
        for event in events:
            if event.ends_at < now and event.kind in ("kenniskring", "publieksacademie", "leernetwerk"):
                challenge = event.demo_challenges[0].slug
                items.append(
                    self._item(
                        "verslag",
                        "praktijk",
                        f"Verslag: {event.title}",
                        f"Wat is er gedeeld op {event.title.split(':')[0].lower()} en wat nemen we mee?",
                        SHARED,
                        challenge,
                        event.change_line.code,
                        ["gemeente", "onderwijs"],
                        "Sardes",
                        published=timezone.localdate(event.ends_at) + timedelta(days=7),
                        event=event,
                        lessons=LESSONS,
                        visibility=Visibility.PUBLIC if event.audience == Audience.PUBLIC else Visibility.PARTNERS,
                    )
                )
        places = [m for m in self.municipalities.values()]
        total = ITEMS_PER_SCALE * self.scale
        while len(items) < total:
            kind, source, title, summary, body, challenge, line, sectors, author = self.rng.choice(ITEMS)
            place = self.rng.choice(places).short_name
            variant = kind if kind != "handreiking" else "goede_praktijk"
            items.append(
                self._item(
                    variant,
                    source,
                    f"{title} in {place}",
                    summary,
                    f"In {place}: {body}",
                    challenge,
                    line,
                    sectors,
                    author,
                    published=self.today - timedelta(days=self.rng.randrange(0, 1500)),
                )
            )
        Item.objects.bulk_create(items, batch_size=2000)
        for name, attribute in (
            ("challenges", "demo_challenges"),
            ("sectors", "demo_sectors"),
            ("author_organisations", "demo_authors"),
        ):
            through = getattr(Item, name).through
            column = {"challenges": "challenge_id", "sectors": "sector_id", "author_organisations": "organisation_id"}[
                name
            ]
            through.objects.bulk_create(
                [through(item_id=i.pk, **{column: o.pk}) for i in items for o in getattr(i, attribute)], batch_size=5000
            )
        Consent.objects.bulk_create(
            [
                Consent(
                    item=i,
                    given_by="De verteller zelf (naam bij het projectteam)",
                    relation="narrator",
                    uses=["newsletter", "report", "site"],
                    method="written",
                    recorded_by=self.team,
                )
                for i in items
                if i.kind == ItemKind.STORY
            ]
        )
        return items

    def collections(self, items: list[Item]) -> None:
        by_title = {i.title: i for i in items}
        toolkit = Collection.objects.create(
            title="Toolkit lokale allianties",
            slug="toolkit-lokale-allianties",
            description="Wat helpt bij de start van een lokale alliantie, in een volgorde om te lezen.",
        )
        guides = Collection.objects.create(
            title="De drie handreikingen Omgaan met armoede",
            slug="handreikingen-omgaan-met-armoede",
            description="Voor school, sociaal domein en jeugdgezondheid: samen een drieluik rond het kind.",
        )
        entries = [
            CollectionEntry(collection=toolkit, item=i, position=n)
            for n, i in enumerate(i for i in items[: len(ITEMS)] if i.kind == "toolkit")
        ]
        entries += [
            CollectionEntry(collection=guides, item=by_title[row[2]], position=n)
            for n, row in enumerate(r for r in ITEMS if r[0] == "handreiking")
        ]
        CollectionEntry.objects.bulk_create(entries)

    def index(self, events: list[Event], items: list[Item]) -> None:
        audience = {
            Audience.PUBLIC: "public",
            Audience.PARTNERS: "partners",
            Audience.LOCAL_ALLIANCES: "local",
            Audience.TEAM: "team",
        }
        documents = [
            Document(
                key=f"event:{e.pk}",
                kind=e.kind,
                title=e.title,
                summary=e.summary,
                body=e.description,
                meta=EventKind(e.kind).label.capitalize(),
                url=e.get_absolute_url(),
                audience=audience[e.audience],
                date=e.starts_at,
                change_line=e.change_line,
                challenge_ids=[c.pk for c in e.demo_challenges],
            )
            for e in events
        ]
        documents += [
            Document(
                key=f"item:{i.pk}",
                kind=i.kind,
                knowledge_source=i.knowledge_source,
                title=i.title,
                summary=i.summary,
                body=f"{i.body}\n\n{i.lessons}",
                meta=f"{ItemKind(i.kind).label.capitalize()} · {KnowledgeSource(i.knowledge_source).label}",
                url=i.get_absolute_url(),
                audience=SearchDocument.Audience.PUBLIC if i.visibility == Visibility.PUBLIC else "partners",
                date=i.published_at,
                change_line=i.change_line,
                challenge_ids=[c.pk for c in i.demo_challenges],
                sector_ids=[s.pk for s in i.demo_sectors],
            )
            for i in items
        ]
        index_documents(documents)

    def build(self) -> tuple[int, int, int]:
        events = self.events()
        registrations = self.registrations(events)
        items = self.items(events)
        self.collections(items)
        self.index(events, items)
        return len(events), registrations, len(items)
