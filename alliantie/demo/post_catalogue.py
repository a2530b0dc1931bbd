"""What kind of organisation a demo partner is, and the requests and offers such an organisation plausibly posts:
a bakery offers bread for a school breakfast, not swimming lessons; Divosa shares what municipalities do, it does
not run a toy shop. Texts may name the place ({m}) or the province ({province})."""
# ruff: noqa: E501 - a table of texts, one post per line

# (kind, title, body, help, opgaven)
Template = tuple[str, str, str, list[str], list[str]]

GEZOND = "een-gezonde-dag"
MEEDOEN = "meedoen"
THUIS = "een-fijn-thuis"
GEZIN = "het-gezin-versterken"
ONTWIKKEL = "extra-ontwikkelkansen-bieden"
GELD = "leren-omgaan-met-geld"
ERVARING = "ervaringskennis-als-derde-kennisbron"
SCHULDEN = "stress-reduceren-door-schulden-hanteerbaar-te-maken"
OMGEVING = "opgroeien-in-een-kindvriendelijke-omgeving"
WERKGEVER = "signaleren-en-ondersteunen-als-werkgever"

# Organisations named in the seeds, by their exact name.
SEED_KINDS = {
    "Nederlands Centrum Jeugdgezondheid (NCJ)": "kennis-jgz",
    "Divosa": "landelijk-netwerk",
    "Sardes": "kennis-lokale-allianties",
    "Alles is Gezondheid": "landelijk-netwerk",
    "Missing Chapter Foundation": "stem-van-kinderen",
    "Voedingscentrum": "kennis-voeding",
    "Sterk uit Armoede": "ervaringsdeskundigen",
    "Aldi": "supermarkt",
    "Menzis": "zorgverzekeraar",
    "Eneco": "energie",
    "BPBI": "bewindvoering",
    "Stichting Uitgestelde Kinderfeestjes": "verjaardag",
    "Vereniging voor Jeugdartsen (AJN)": "kennis-jgz",
    "De Nederlandse Uitdaging": "bedrijvennetwerk",
    "Het Nederlandse Rode Kruis": "hulporganisatie",
    "Kenniscentrum Sport & Bewegen": "kennis-sport",
    "AWVN": "werkgeversvereniging",
    "Ingrado": "leerplicht",
    "Zwitsal": "verzorging",
    "Lemniscaat": "uitgeverij",
    "Haarlemse Alliantie Kinderarmoede (HATKA)": "lokale-alliantie",
    "Jeugdfonds Sport & Cultuur": "jeugdfonds",
    "Stichting Leergeld Nederland": "leergeld",
    "Nationaal Fonds Kinderhulp": "kinderhulp",
    "Stichting Jarige Job": "verjaardag-fonds",
}

# The start of a generated name (demo/builders.py NAME_PATTERNS) says what the organisation does.
NAME_KINDS = [
    ("Supermarkt", "supermarkt"),
    ("Bakkerij", "bakkerij"),
    ("Bank", "bank"),
    ("Bouwbedrijf", "bedrijf"),
    ("Technisch Bedrijf", "bedrijf"),
    ("Transport", "bedrijf"),
    ("Stichting Leergeld", "leergeld"),
    ("Jeugdfonds", "jeugdfonds"),
    ("Sam&", "sam"),
    ("Stichting Kinderhulp", "kinderhulp"),
    ("Fonds", "fonds"),
    ("Voedselbank", "voedselbank"),
    ("Kledingbank", "kledingbank"),
    ("Speelgoedbank", "speelgoedbank"),
    ("Welzijn", "welzijn"),
    ("Humanitas", "thuisadministratie"),
    ("Buurthuis", "buurthuis"),
    ("Stichting Present", "present"),
    ("Huiswerkklas", "huiswerkklas"),
    ("Jongerenwerk", "jongerenwerk"),
    ("Hogeschool", "onderzoek"),
    ("Lectoraat", "onderzoek"),
    ("Kenniscentrum", "onderzoek"),
    ("Ministerie", "rijk"),
    ("De Kinderombudsman", "kinderombudsman"),
    ("Sociale Verzekeringsbank", "uitvoering"),
    ("UWV", "uitvoering"),
    ("Diaconie", "diaconie"),
    ("Energiecoöperatie", "energie"),
    ("Waterbedrijf", "nutsbedrijf"),
    ("Netbeheerder", "nutsbedrijf"),
    ("SchuldHulpMaatje", "schuldhulpmaatje"),
    ("Bewindvoering", "bewindvoering"),
    ("Stadsbank", "schuldhulp"),
    ("Thuisadministratie", "thuisadministratie"),
    ("Centrum voor Jeugd en Gezin", "cjg"),
    ("Consultatiebureau", "jgz"),
    ("GGD", "jgz"),
    ("JGZ", "jgz"),
    ("Huisartsenpraktijk", "huisarts"),
    ("Verloskundigenpraktijk", "geboortezorg"),
    ("Kraamzorg", "geboortezorg"),
]

# What an organisation of a sector is when its name says nothing more.
SECTOR_KINDS = {
    "gemeente": "gemeente",
    "onderwijs": "school",
    "kinderopvang": "kinderopvang",
    "jeugdgezondheidszorg": "jgz",
    "zorg": "zorg",
    "zorgverzekeraar": "zorgverzekeraar",
    "werkgever": "bedrijf",
    "woningcorporatie": "woningcorporatie",
    "fonds": "fonds",
    "maatschappelijke-organisatie": "welzijn",
    "kennisinstelling": "onderzoek",
    "landelijke-overheid": "rijk",
    "ervaringsdeskundigen": "ervaringsdeskundigen",
    "levensbeschouwelijk": "kerk",
    "energie": "energie",
    "schuldhulp": "schuldhulp",
}

OFFERS: dict[str, list[tuple[str, str, list[str], list[str]]]] = {
    "supermarkt": [
        (
            "Fruit en brood voor het schoolontbijt in {m}",
            "Wat wij over hebben aan brood en fruit brengen we elke ochtend naar scholen en ontbijtclubs in de buurt.",
            ["middelen"],
            [GEZOND],
        ),
        (
            "Boodschappenpakketten voor de voedselbank",
            "Klanten kunnen bij de kassa een pakket kopen; wij vullen het aan en brengen het naar de voedselbank.",
            ["middelen"],
            [GEZOND],
        ),
    ],
    "bakkerij": [
        (
            "Brood voor ontbijtclubs in {m}",
            "Elke ochtend brood van gisteren voor een ontbijtclub of school in de buurt. Wij brengen het.",
            ["middelen"],
            [GEZOND],
        ),
        (
            "Een dag meebakken voor jongeren",
            "Jongeren kunnen een dag meedraaien in onze bakkerij en zien hoe het vak werkt.",
            ["pilot"],
            [ONTWIKKEL],
        ),
    ],
    "bank": [
        (
            "Gastles over geld door onze medewerkers",
            "Onze medewerkers geven in groep 7 en 8 een gastles over sparen, lenen en verleidingen.",
            ["kennis", "mensen"],
            [GELD],
        ),
        (
            "Vrijwilligers uit de bank voor de thuisadministratie",
            "Medewerkers helpen gezinnen een paar uur per maand om hun post en rekeningen op orde te krijgen.",
            ["mensen"],
            [SCHULDEN],
        ),
    ],
    "bedrijf": [
        (
            "Onze mensen klussen een dag mee in {m}",
            "Met een team van ons bedrijf knappen we een schoolplein, speeltuin of buurthuis op.",
            ["mensen"],
            [OMGEVING],
        ),
        (
            "Meeloopdagen en stages voor jongeren",
            "Jongeren uit {m} kunnen bij ons een dag meelopen of stage lopen en een vak leren kennen.",
            ["pilot"],
            [ONTWIKKEL],
        ),
    ],
    "werkgeversvereniging": [
        (
            "Werkgevers bereiken over geldzorgen van medewerkers",
            "Via ons netwerk van werkgevers delen wij hoe je geldzorgen bij medewerkers herkent en bespreekt.",
            ["netwerk", "kennis"],
            [WERKGEVER],
        ),
    ],
    "bedrijvennetwerk": [
        (
            "Bedrijven verbinden aan een school of buurt",
            "Wij brengen lokale ondernemers en scholen samen voor een concreet project, zoals een schoolontbijt.",
            ["netwerk"],
            [GEZOND],
        ),
    ],
    "verzorging": [
        (
            "Verzorgingspakketten voor jonge ouders",
            "Babyverzorging via consultatiebureaus en kinderopvang voor gezinnen met weinig geld.",
            ["middelen"],
            [GEZIN],
        ),
    ],
    "uitgeverij": [
        (
            "Prentenboeken voor kinderen in {m}",
            "Wij geven prentenboeken aan scholen, bibliotheken en voorleesprojecten voor kinderen zonder boeken thuis.",
            ["middelen"],
            [ONTWIKKEL],
        ),
    ],
    "leergeld": [
        (
            "Schoolspullen, een laptop of een fiets in {m}",
            "Wij betalen wat een kind nodig heeft om mee te doen op school: spullen, een laptop, een fiets of de schoolreis.",
            ["middelen"],
            [MEEDOEN],
        ),
    ],
    "jeugdfonds": [
        (
            "Contributie voor sport of muziekles betaald",
            "Wij betalen de contributie of het lesgeld rechtstreeks aan de club, via een intermediair.",
            ["middelen"],
            [MEEDOEN],
        ),
    ],
    "sam": [
        (
            "Eén aanvraag voor alle kinderfondsen in {m}",
            "Een hulpverlener doet één aanvraag en wij zorgen dat het juiste fonds helpt.",
            ["netwerk", "middelen"],
            [MEEDOEN],
        ),
    ],
    "kinderhulp": [
        (
            "Geld voor zwemles, een kamp of een fiets",
            "Wij geven geld voor iets concreets dat een kind nodig heeft, aangevraagd door een hulpverlener.",
            ["middelen"],
            [MEEDOEN],
        ),
    ],
    "verjaardag-fonds": [
        (
            "Verjaardagsboxen voor kinderen",
            "Een box met alles voor een verjaardag thuis en op school, aangevraagd via een hulpverlener.",
            ["middelen"],
            [MEEDOEN],
        ),
    ],
    "verjaardag": [
        (
            "Een verjaardagsfeestje voor kinderen die het niet kunnen vieren",
            "Vrijwilligers organiseren een feestje met taart, cadeau en vriendjes.",
            ["mensen", "middelen"],
            [MEEDOEN],
        ),
    ],
    "fonds": [
        (
            "Subsidie voor projecten tegen kinderarmoede in {province}",
            "Wij steunen lokale projecten die kinderen laten meedoen; aanvragen kan het hele jaar.",
            ["middelen"],
            [MEEDOEN],
        ),
    ],
    "stem-van-kinderen": [
        (
            "Een Raad van Kinderen denkt mee",
            "Kinderen geven advies over uw plannen, vanuit hoe zij het zelf beleven.",
            ["kennis"],
            [ERVARING],
        ),
    ],
    "voedselbank": [
        (
            "Voedselpakketten in {m}",
            "Gezinnen met weinig geld halen elke week een pakket; wij verwijzen ook door naar andere hulp.",
            ["middelen"],
            [GEZOND],
        ),
    ],
    "kledingbank": [
        (
            "Kinderkleding en winterjassen",
            "Gezinnen kiezen gratis kleding uit onze winkel, met een verwijzing van een hulpverlener.",
            ["middelen"],
            [MEEDOEN],
        ),
    ],
    "speelgoedbank": [
        (
            "Speelgoed en cadeaus voor de feestdagen",
            "Ouders kiezen zelf een cadeau voor hun kind in onze speelgoedwinkel.",
            ["middelen"],
            [MEEDOEN],
        ),
    ],
    "welzijn": [
        (
            "Een ruimte in het wijkcentrum in {m}",
            "Voor een ontbijtclub, huiswerkklas of ouderbijeenkomst: onze ruimte en keuken zijn overdag vrij.",
            ["locatie"],
            [OMGEVING],
        ),
        (
            "Opbouwwerkers die gezinnen kennen",
            "Onze opbouwwerkers brengen u in contact met gezinnen en sleutelfiguren in de wijk.",
            ["netwerk"],
            [GEZIN],
        ),
    ],
    "buurthuis": [
        (
            "Onze zaal voor activiteiten met kinderen",
            "Het buurthuis heeft een zaal en een keuken die u kunt gebruiken voor activiteiten.",
            ["locatie"],
            [OMGEVING],
        ),
    ],
    "present": [
        (
            "Vrijwilligers klussen bij gezinnen thuis",
            "Groepen vrijwilligers schilderen, ruimen op of richten een kinderkamer in.",
            ["mensen"],
            [THUIS],
        ),
    ],
    "huiswerkklas": [
        (
            "Huiswerkbegeleiding voor kinderen van 10 tot 14",
            "Na schooltijd helpen vrijwilligers en studenten met huiswerk en plannen.",
            ["mensen"],
            [ONTWIKKEL],
        ),
    ],
    "jongerenwerk": [
        (
            "Activiteiten in de vakantie voor jongeren in {m}",
            "Jongerenwerkers organiseren sport en uitjes in de zomervakantie.",
            ["mensen"],
            [MEEDOEN],
        ),
    ],
    "thuisadministratie": [
        (
            "Vrijwilligers voor de thuisadministratie",
            "Getrainde vrijwilligers helpen gezinnen hun post en rekeningen op orde te krijgen.",
            ["mensen"],
            [SCHULDEN],
        ),
    ],
    "hulporganisatie": [
        (
            "Vrijwilligers voor noodhulp aan gezinnen",
            "Onze vrijwilligers helpen bij de uitgifte van boodschappenkaarten en schoolmaaltijden.",
            ["mensen"],
            [GEZOND],
        ),
    ],
    "landelijk-netwerk": [
        (
            "Wat gemeenten doen tegen kinderarmoede",
            "Wij delen voorbeelden en contacten van sociale diensten en gemeenten in het hele land.",
            ["kennis", "netwerk"],
            [MEEDOEN],
        ),
    ],
    "lokale-alliantie": [
        (
            "Ervaring met het bouwen van een lokale alliantie",
            "Wij vertellen hoe wij partners vonden en een werkagenda maakten.",
            ["kennis", "netwerk"],
            [OMGEVING],
        ),
    ],
    "gemeente": [
        (
            "Een pilotplek in onze wijken",
            "Wij zoeken een partner die samen met ons een nieuwe aanpak uitprobeert in {m}.",
            ["pilot"],
            [GEZIN],
        ),
        (
            "Ruimte in het gemeentehuis voor bijeenkomsten",
            "Voor een bijeenkomst met partners of ouders stellen wij een zaal beschikbaar.",
            ["locatie"],
            [OMGEVING],
        ),
    ],
    "cjg": [
        (
            "Opvoedspreekuur en oudercursussen",
            "Ouders kunnen bij ons terecht met vragen over opvoeden, ook over spanning door geldzorgen.",
            ["kennis"],
            [GEZIN],
        ),
    ],
    "school": [
        (
            "Ons schoolgebouw na schooltijd",
            "Lokalen en de gymzaal zijn na schooltijd vrij voor activiteiten voor kinderen.",
            ["locatie"],
            [MEEDOEN],
        ),
    ],
    "leerplicht": [
        (
            "Leerplichtambtenaren die armoede signaleren",
            "Wij delen hoe leerplicht armoede herkent achter verzuim en doorverwijst.",
            ["kennis"],
            [ONTWIKKEL],
        ),
    ],
    "kinderopvang": [
        (
            "Een peutergroep voor een pilot met jonge gezinnen",
            "Onze groep doet graag mee aan een aanpak voor gezinnen met weinig geld.",
            ["pilot"],
            [GEZIN],
        ),
    ],
    "jgz": [
        (
            "Training geldzorgen bespreken",
            "Voor professionals: hoe bespreekt u geldzorgen met ouders, en waar verwijst u heen?",
            ["kennis"],
            [GEZIN],
        ),
    ],
    "kennis-jgz": [
        (
            "Handreiking armoede in de jeugdgezondheid",
            "Wij helpen jeugdartsen en verpleegkundigen om armoede te signaleren en bespreekbaar te maken.",
            ["kennis"],
            [GEZIN],
        ),
    ],
    "huisarts": [
        (
            "Huisartsen die verwijzen bij geldzorgen",
            "Wij vragen naar geldzorgen en verwijzen door naar schuldhulp en het wijkteam.",
            ["kennis"],
            [SCHULDEN],
        ),
    ],
    "geboortezorg": [
        (
            "Kansrijke start voor zwangere vrouwen",
            "Wij bespreken geldzorgen al tijdens de zwangerschap en werken samen met de JGZ.",
            ["kennis"],
            [GEZIN],
        ),
    ],
    "zorg": [
        (
            "Doorverwijzen bij geldzorgen in de zorg",
            "Onze zorgverleners kennen de hulp in {m} en verwijzen gezinnen door.",
            ["kennis", "netwerk"],
            [GEZIN],
        ),
    ],
    "zorgverzekeraar": [
        (
            "Een betalingsregeling voor premieachterstand",
            "Gezinnen met een achterstand krijgen een haalbare regeling; de rest schelden wij kwijt.",
            ["kennis"],
            [SCHULDEN],
        ),
    ],
    "woningcorporatie": [
        (
            "Vroegsignalering van huurachterstand",
            "Bij een achterstand gaan wij langs en brengen het gezin in contact met schuldhulp.",
            ["kennis"],
            [THUIS],
        ),
        (
            "Een lege woning als ontmoetingsplek",
            "Een woning in de wijk kan tijdelijk dienen als plek voor ouders en kinderen.",
            ["locatie"],
            [OMGEVING],
        ),
    ],
    "onderzoek": [
        (
            "Onderzoek naar het effect van uw aanpak",
            "Onze studenten en onderzoekers meten samen met u wat uw aanpak oplevert.",
            ["kennis"],
            [ERVARING],
        ),
    ],
    "kennis-voeding": [
        (
            "Lesmateriaal over gezond eten",
            "Lessen en tips voor scholen en ouders over gezond eten met weinig geld.",
            ["kennis"],
            [GEZOND],
        ),
    ],
    "kennis-sport": [
        (
            "Kennis over meedoen door sport",
            "Wij delen wat werkt om kinderen uit gezinnen met weinig geld te laten sporten.",
            ["kennis"],
            [MEEDOEN],
        ),
    ],
    "kennis-lokale-allianties": [
        (
            "Begeleiding bij het bouwen van een lokale alliantie",
            "Wij helpen partners op weg met een werkagenda en het leernetwerk.",
            ["kennis", "netwerk"],
            [OMGEVING],
        ),
    ],
    "rijk": [
        (
            "Informatie over landelijke regelingen",
            "Wij leggen uit welke landelijke regelingen er zijn voor gezinnen met weinig geld.",
            ["kennis"],
            [MEEDOEN],
        ),
    ],
    "kinderombudsman": [
        (
            "Het perspectief van kinderen in uw beleid",
            "Wij delen wat kinderen ons vertellen over armoede en wat dat vraagt van beleid.",
            ["kennis"],
            [ERVARING],
        ),
    ],
    "uitvoering": [
        (
            "Voorlichting over toeslagen en kinderbijslag",
            "Onze medewerkers vertellen professionals waar gezinnen recht op hebben.",
            ["kennis"],
            [GELD],
        ),
    ],
    "ervaringsdeskundigen": [
        (
            "Ervaringsdeskundigen denken mee over uw plannen",
            "Mensen die armoede zelf meemaakten, geven advies over uw aanpak en teksten.",
            ["kennis"],
            [ERVARING],
        ),
    ],
    "kerk": [
        (
            "Een maaltijd en een ruimte in de wijk",
            "Onze vrijwilligers koken elke week een maaltijd voor gezinnen in onze zaal.",
            ["mensen", "locatie"],
            [GEZOND],
        ),
    ],
    "diaconie": [
        (
            "Noodhulp in geld voor gezinnen",
            "Als er echt niets meer is, helpen wij snel met een bijdrage, via een hulpverlener.",
            ["middelen"],
            [SCHULDEN],
        ),
    ],
    "energie": [
        (
            "Energiecoaches die langskomen",
            "Een energiecoach helpt gratis om de energierekening omlaag te krijgen.",
            ["mensen"],
            [THUIS],
        ),
    ],
    "nutsbedrijf": [
        (
            "Een regeling bij betalingsachterstand",
            "Wij sluiten niet af bij gezinnen met kinderen en zoeken samen een regeling.",
            ["kennis"],
            [THUIS],
        ),
    ],
    "schuldhulpmaatje": [
        (
            "Maatjes die helpen met schulden",
            "Een getraind maatje helpt een gezin met de post, de schulden en de weg naar hulp.",
            ["mensen"],
            [SCHULDEN],
        ),
    ],
    "bewindvoering": [
        (
            "Kennis over beschermingsbewind",
            "Wij leggen uit wanneer bewind helpt en hoe kinderen daarbij niet vergeten worden.",
            ["kennis"],
            [SCHULDEN],
        ),
    ],
    "schuldhulp": [
        (
            "Vroegsignalering van betalingsachterstanden",
            "Wij benaderen gezinnen met een achterstand en bieden hulp voordat schulden groeien.",
            ["kennis"],
            [SCHULDEN],
        ),
    ],
}

REQUESTS: dict[str, list[tuple[str, str, list[str], list[str]]]] = {
    "school": [
        (
            "Ontbijt voor onze leerlingen",
            "Veel kinderen komen zonder ontbijt naar school. Wie helpt ons aan een dagelijks ontbijt in de klas?",
            ["middelen"],
            [GEZOND],
        ),
        (
            "Laptops voor leerlingen",
            "Niet alle leerlingen hebben thuis een computer voor hun huiswerk.",
            ["middelen"],
            [ONTWIKKEL],
        ),
    ],
    "buurthuis": [
        (
            "Wie helpt ons aan ontbijt voor de kinderclub?",
            "Op woensdagochtend komen dertig kinderen; wij zoeken brood, beleg en fruit.",
            ["middelen"],
            [GEZOND],
        ),
    ],
    "welzijn": [
        (
            "Vrijwilligers voor ons maatjesproject",
            "Wij zoeken mensen die een kind een jaar lang elke week meenemen voor iets leuks.",
            ["mensen"],
            [MEEDOEN],
        ),
    ],
    "voedselbank": [
        (
            "Vrijwilligers voor het uitdelen van pakketten",
            "Op vrijdagmiddag zoeken wij handen om pakketten klaar te zetten en uit te delen.",
            ["mensen"],
            [GEZOND],
        ),
    ],
    "kledingbank": [
        (
            "Opslagruimte gezocht voor kleding",
            "Wij krijgen veel kleding binnen en zoeken een droge ruimte in {m}.",
            ["locatie"],
            [MEEDOEN],
        ),
    ],
    "gemeente": [
        (
            "Werkende ouders met geldzorgen bereiken",
            "Wie helpt ons werkgevers in {m} te betrekken, zodat werkende ouders hulp vinden?",
            ["netwerk"],
            [WERKGEVER],
        ),
        (
            "Partners voor een lokale alliantie in {m}",
            "Wij willen een lokale alliantie beginnen en zoeken partners uit onderwijs, zorg en bedrijven.",
            ["netwerk"],
            [OMGEVING],
        ),
    ],
    "kinderopvang": [
        (
            "Gezonde tussendoortjes voor de peuters",
            "Wij zoeken fruit en groente voor onze peutergroepen.",
            ["middelen"],
            [GEZOND],
        ),
    ],
    "jgz": [
        (
            "Waar verwijzen wij ouders met geldzorgen naar?",
            "Wij spreken ouders op het consultatiebureau en zoeken hulp in de buurt om naar te verwijzen.",
            ["netwerk"],
            [GEZIN],
        ),
    ],
    "bedrijf": [
        (
            "Hoe helpen wij medewerkers met geldzorgen?",
            "Wij willen geldzorgen bij onze medewerkers eerder zien en weten waar we kunnen verwijzen.",
            ["kennis"],
            [WERKGEVER],
        ),
    ],
    "supermarkt": [
        (
            "Hoe herkennen onze medewerkers geldzorgen?",
            "Wij zoeken een training voor leidinggevenden over geldzorgen bij medewerkers.",
            ["kennis"],
            [WERKGEVER],
        ),
    ],
    "jongerenwerk": [
        (
            "Sportkleding voor jongeren",
            "Jongeren willen meedoen met ons voetbaltoernooi maar hebben geen schoenen of kleding.",
            ["middelen"],
            [MEEDOEN],
        ),
    ],
    "huiswerkklas": [
        (
            "Vrijwilligers voor de huiswerkklas",
            "Wij zoeken studenten of gepensioneerden die een middag per week helpen.",
            ["mensen"],
            [ONTWIKKEL],
        ),
    ],
    "ervaringsdeskundigen": [
        (
            "Een plek om ervaringsdeskundigen op te leiden",
            "Wij zoeken een zaal en een partner die de training mee betaalt.",
            ["locatie", "middelen"],
            [ERVARING],
        ),
    ],
    "schuldhulp": [
        (
            "Vrijwilligers gezocht voor thuisadministratie",
            "Wij hebben een wachtlijst en zoeken mensen die gezinnen willen helpen met hun post.",
            ["mensen"],
            [SCHULDEN],
        ),
    ],
    "woningcorporatie": [
        (
            "Partner voor energiebesparing bij huurders",
            "Wij zoeken energiecoaches die huurders met een hoge rekening helpen.",
            ["mensen"],
            [THUIS],
        ),
    ],
    "onderzoek": [
        (
            "Ervaringsdeskundigen voor ons onderzoek",
            "Wij zoeken ouders die willen vertellen hoe zij regelingen ervaren.",
            ["mensen"],
            [ERVARING],
        ),
    ],
}


def kind_of(name: str, sector: str) -> str:
    """What the organisation does, from its name (seed organisations by exact name), else from its sector."""
    if name in SEED_KINDS:
        return SEED_KINDS[name]
    for prefix, kind in NAME_KINDS:
        if name.startswith(prefix):
            return kind
    return SECTOR_KINDS.get(sector, "welzijn")


def templates_for(kind: str) -> list[Template]:
    """The requests and offers an organisation of this kind plausibly posts."""
    return [("offer", *row) for row in OFFERS.get(kind, [])] + [("request", *row) for row in REQUESTS.get(kind, [])]


# Activities of a sector (activity_templates.BY_SECTOR) that only some kinds of organisation in it do: a toy and
# clothing shop is run by a kledingbank or speelgoedbank, not by Divosa.
ACTIVITY_KINDS = {
    "Speelgoed en kleding": {"kledingbank", "speelgoedbank"},
    "Voedselpakketten voor gezinnen": {"voedselbank", "hulporganisatie"},
    "Huiswerkbegeleiding": {"huiswerkklas", "buurthuis", "welzijn", "jongerenwerk"},
    "Maatjes voor jongeren": {"welzijn", "jongerenwerk", "buurthuis", "present"},
    "Producten voor de voedselbank": {"supermarkt", "bakkerij", "verzorging"},
    "Laptop voor school": {"leergeld", "fonds", "kinderhulp"},
    "Armoede herkennen in de huisartsenpraktijk": {"huisarts", "zorg"},
    "Ontbijt op school": {"school"},
    "Armoede bespreekbaar in de klas": {"school"},
    "Gratis schoolreis voor iedereen": {"school"},
    "Kindpakket": {"gemeente"},
    "Schuldhulpmaatje": {"schuldhulpmaatje", "schuldhulp", "thuisadministratie"},
    "Geldlessen voor ouders": {"schuldhulp", "schuldhulpmaatje", "thuisadministratie"},
    "Geldzorgen bespreken op het consultatiebureau": {"jgz"},
}


def activities_for(kind: str, sector_options: list[tuple], words: dict[str, str]) -> list[tuple]:
    """The sector's activities this kind of organisation does; when none fits, what it offers, as an activity."""
    fitting = [row for row in sector_options if kind in ACTIVITY_KINDS.get(row[0], {kind})]
    if fitting:
        return fitting
    return [
        (title.format(**words), body.format(**words), opgaven, "strengthen", ["parents"], "consulted")
        for title, body, _help, opgaven in OFFERS.get(kind, [])[:1]
    ]
