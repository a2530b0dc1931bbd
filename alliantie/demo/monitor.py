"""Answers for the demo monitor rounds: how partners of each sector tend to answer (not uniform noise).
Texts after the 2023 partner survey (shared seed 004)."""

# How many partners of a sector submit, and what they work on most (opgave numbers with weights).
RESPONSE_RATE = {
    "gemeente": 0.8,
    "onderwijs": 0.5,
    "kinderopvang": 0.55,
    "jeugdgezondheidszorg": 0.75,
    "zorg": 0.6,
    "zorgverzekeraar": 0.7,
    "werkgever": 0.45,
    "woningcorporatie": 0.6,
    "fonds": 0.7,
    "maatschappelijke-organisatie": 0.65,
    "kennisinstelling": 0.7,
    "landelijke-overheid": 0.8,
    "ervaringsdeskundigen": 0.6,
    "levensbeschouwelijk": 0.5,
    "energie": 0.4,
    "schuldhulp": 0.75,
}
FOCUS = {
    "gemeente": {1: 5, 8: 4, 4: 3, 6: 2, 9: 2},
    "onderwijs": {3: 5, 5: 5, 1: 3, 9: 1},
    "kinderopvang": {5: 5, 3: 3, 4: 2},
    "jeugdgezondheidszorg": {4: 5, 3: 4, 2: 2},
    "zorg": {3: 4, 4: 4, 2: 2},
    "zorgverzekeraar": {3: 5, 8: 2, 10: 2},
    "werkgever": {10: 6, 6: 3, 8: 2},
    "woningcorporatie": {2: 6, 8: 3, 9: 2},
    "fonds": {1: 6, 5: 4, 2: 2},
    "maatschappelijke-organisatie": {1: 4, 4: 3, 2: 3, 6: 2},
    "kennisinstelling": {7: 4, 5: 2, 8: 2},
    "landelijke-overheid": {8: 3, 1: 2, 6: 2},
    "ervaringsdeskundigen": {7: 6, 4: 2},
    "levensbeschouwelijk": {1: 4, 2: 3, 4: 2},
    "energie": {2: 5, 8: 2},
    "schuldhulp": {8: 6, 6: 5, 4: 2},
}
HOW = [
    "We blijven het onderwerp agenderen en bespreekbaar maken, in onze eigen organisatie en daarbuiten.",
    "We doen onderzoek om de praktijk te verbeteren en delen wat we leren.",
    "We organiseren kinderfeestjes voor kinderen die opgroeien in armoede.",
    "We koppelen kinderen aan een mentor die een positief rolmodel is.",
    "We zetten vrijwilligers in die gezinnen in armoede helpen.",
    "We organiseren zomerkampen voor kinderen en jongeren die niet op vakantie kunnen.",
    "We werken actief samen en bouwen aan een lokaal netwerk voor meer impact.",
    "We bieden een weekendschool voor kinderen uit achterstandssituaties.",
    "We geven workshops en trainingen over omgaan met geld en het inzetten van talenten.",
    "We leveren babystartpakketten aan ouders op of onder 130 procent van het sociaal minimum.",
]
# The needs partners named, each with ways of saying it, and the team's category.
NEEDS = [
    (
        "Een hoger sociaal minimum",
        9,
        [
            "Een hoger sociaal minimum voor gezinnen, anders blijven we pleisters plakken.",
            "Het minimumloon en de bijstand moeten omhoog.",
            "Structureel meer inkomen voor gezinnen met weinig geld.",
        ],
    ),
    (
        "Inzicht in voorzieningen (sociale kaart)",
        7,
        [
            "Inzicht in de activiteiten en voorzieningen, bijvoorbeeld een landelijke of regionale sociale kaart.",
            "Een overzicht van wat er in onze regio is voor gezinnen.",
            "Merkbare en meetbare instrumenten en interventies.",
        ],
    ),
    (
        "Bereik van gezinnen in stille armoede",
        6,
        [
            "Meer zicht op en bereik van ouders en gezinnen in stille armoede.",
            "Hoe vinden we de gezinnen die zich schamen en niet aankloppen?",
        ],
    ),
    (
        "Samenwerking en netwerk",
        5,
        [
            "Betere samenwerking en uitbreiding van ons netwerk.",
            "Contact met andere partners in onze gemeente.",
            "Samenwerkingsverbanden met scholen en het wijkteam.",
        ],
    ),
    (
        "Hulp voor gezinnen net boven het minimum",
        4,
        [
            "Informatie over wat we kunnen doen voor gezinnen die net boven het minimum verdienen.",
            "Gezinnen die door de inflatie hard geraakt worden vallen tussen wal en schip.",
        ],
    ),
    (
        "Geld en capaciteit",
        3,
        [
            "Structurele financiering voor ons project.",
            "Meer vrijwilligers en tijd.",
        ],
    ),
]
RESULTS = [
    "Meer kinderen konden sporten en naar muziekles.",
    "Ons netwerk in de wijk is gegroeid; scholen weten ons te vinden.",
    "Ouders met ervaringskennis denken nu mee over onze aanpak.",
    "Minder gezinnen kwamen met schulden bij ons binnen dankzij vroegsignalering.",
    "Elke leerling kreeg een gezond ontbijt op school.",
]
# What organisations of ervaringsdeskundigen write in their open answers: fictional, in the voice of parents and
# young people who lived it. Quoted in the progress report only with the response's consent.
VOICES = [
    (
        "Toen ik zelf in de schulden zat, schaamde ik me om hulp te vragen. Nu zit ik aan tafel bij de "
        "gemeente en zeg ik wat ouders nodig hebben."
    ),
    (
        "Kinderen merken alles. Wij vertellen scholen hoe je een schoolreisje regelt zonder dat een kind zich"
        " anders voelt."
    ),
    (
        "Een formulier van twaalf pagina's haalt niemand. Samen met de gemeente hebben we de aanvraag voor "
        "het kindpakket korter gemaakt."
    ),
    ("Wij lazen de brieven van de sociale dienst mee. Nu staat er in gewone taal wat je moet doen en wanneer."),
    ("Ouders willen niet geholpen worden als een geval. Ze willen dat iemand vraagt wat er thuis speelt."),
    (
        "Jongeren uit ons panel hebben de vakantieweek zelf bedacht. Daardoor kwamen er ook kinderen die "
        "anders thuisblijven."
    ),
]
COLLABORATION = [
    "Met de voedselbank en het wijkteam, aan vroegsignalering.",
    "Met Stichting Leergeld, aan schoolspullen en laptops.",
    "Met scholen in de buurt, aan ontbijt en huiswerkbegeleiding.",
    "Met het Jeugdfonds Sport & Cultuur.",
]
SUPPORT = [
    "Kennis en voorbeelden",
    "Contact met andere partners",
    "Bijeenkomsten",
    "Aandacht in de media",
    "Lobby bij het Rijk",
]
INVOLVEMENT = {
    "ervaringsdeskundigen": [0.8, 0.15, 0.05],
    "gemeente": [0.3, 0.5, 0.2],
    "onderwijs": [0.2, 0.4, 0.4],
    "werkgever": [0.1, 0.3, 0.6],
    "fonds": [0.2, 0.4, 0.4],
}
SATISFACTION = {"gemeente": 4, "fonds": 4, "werkgever": 3, "onderwijs": 3, "ervaringsdeskundigen": 3}
