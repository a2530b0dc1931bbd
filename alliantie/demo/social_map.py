"""Services of the demo sociale kaart, after the national provisions in the shared DOMAIN.md (§2.2)."""

# (provider, description, website, branches: "province" | "municipality" | None, services)
# service: (name, description, needs, offers, min age, max age, income %, referral needed, how to apply, bring)
NATIONAL_PROVIDERS = [
    (
        "Jeugdfonds Sport & Cultuur",
        "Zorgt dat kinderen uit gezinnen met weinig geld kunnen sporten, dansen of muziek maken.",
        "https://www.jeugdfondssportencultuur.nl",
        "province",
        [
            (
                "Sportclub of muziekles betaald",
                "Het Jeugdfonds betaalt de contributie of het lesgeld, soms ook kleding of een instrument. "
                "Het geld gaat naar de club, niet naar u.",
                ["sport-cultuur"],
                ["money"],
                4,
                18,
                120,
                True,
                "Vraag het aan via iemand die uw kind kent: de leerkracht, het wijkteam, de buurtsportcoach "
                "of de schuldhulpverlener. Die vraagt het voor u aan.",
                "",
            ),
        ],
    ),
    (
        "Stichting Leergeld",
        "Helpt bij alles wat een kind nodig heeft op en rond school.",
        "https://www.leergeld.nl",
        "municipality",
        [
            (
                "Schoolspullen, fiets en laptop",
                "Leergeld betaalt of regelt wat uw kind nodig heeft voor school: een fiets, een laptop, de "
                "schoolreis of de werkweek.",
                ["school"],
                ["goods", "money"],
                4,
                17,
                120,
                False,
                "U vraagt het zelf aan bij Leergeld in uw gemeente. Een vrijwilliger komt bij u thuis en kijkt "
                "ook welke andere hulp er is.",
                "Uw loonstrook of uitkering en een bankafschrift van de laatste maand.",
            ),
        ],
    ),
    (
        "Nationaal Fonds Kinderhulp",
        "Geeft een bijdrage als een kind door geldzorgen niet mee kan doen.",
        "https://kinderhulp.nl",
        None,
        [
            (
                "Bijdrage voor zwemles, kamp of fiets",
                "Kinderhulp geeft geld voor iets concreets dat uw kind nodig heeft, zoals zwemles, een "
                "kampweek of een fiets.",
                ["sport-cultuur", "vakantie", "school"],
                ["money"],
                0,
                21,
                None,
                True,
                "Alleen via een hulpverlener, school, wijkteam, Leergeld of bewindvoerder. Die vraagt het aan.",
                "",
            ),
        ],
    ),
    (
        "Stichting Jarige Job",
        "Zorgt dat ieder kind zijn verjaardag kan vieren.",
        "https://www.jarigejob.nl",
        None,
        [
            (
                "Verjaardagsbox",
                "Een doos met alles voor een feestje: slingers, iets om te trakteren in de klas en een cadeau.",
                ["verjaardag"],
                ["goods"],
                1,
                12,
                None,
                False,
                "Vraag de box aan op de website van Jarige Job. Een hulpverlener kan het ook voor u doen. "
                "Krijgt u een pakket van de voedselbank? Dan krijgt u de box vanzelf.",
                "",
            ),
        ],
    ),
    (
        "Voedselbanken Nederland",
        "Voedselbanken geven tijdelijk eten aan huishoudens die niet genoeg geld hebben.",
        "https://voedselbankennederland.nl",
        "municipality",
        [
            (
                "Voedselpakket",
                "Elke week een pakket met eten, tijdelijk, terwijl er hulp komt voor uw geldzaken.",
                ["eten"],
                ["goods"],
                None,
                None,
                None,
                True,
                "Een hulpverlener meldt u aan. In een gesprek kijken we samen naar uw inkomsten en vaste lasten.",
                "Bankafschriften van de laatste maand en uw vaste lasten.",
            ),
        ],
    ),
    (
        "Programma Schoolmaaltijden",
        "Eten op school voor leerlingen op scholen met veel gezinnen met weinig geld.",
        "https://schoolmaaltijden.nl",
        None,
        [
            (
                "Schoolmaaltijden",
                "Uw kind krijgt eten op school, of u krijgt een boodschappenkaart. De school meldt zich aan.",
                ["eten", "school"],
                ["goods"],
                4,
                18,
                None,
                False,
                "Vraag op school of uw school meedoet. De school regelt het.",
                "",
            ),
        ],
    ),
]

# Every gemeente partner offers these to its own residents.
MUNICIPAL_SERVICES = [
    (
        "Kindpakket",
        "Elk jaar een bedrag per kind voor sport, cultuur, schoolkosten, zwemles of een computer.",
        ["sport-cultuur", "school"],
        ["money"],
        0,
        17,
        120,
        False,
        "Vraag het aan op de website van de gemeente met DigiD, of bel de gemeente.",
        "Uw DigiD, en de gegevens van uw inkomen.",
    ),
    (
        "Schuldhulp van de gemeente",
        "Hulp als u schulden heeft of rekeningen niet meer kunt betalen. Gratis en vertrouwelijk.",
        ["geld-schulden"],
        ["advice"],
        None,
        None,
        None,
        False,
        "Bel of mail de gemeente. U krijgt binnen drie dagen een eerste gesprek.",
        "Uw post van schuldeisers en bankafschriften.",
    ),
    (
        "Consultatiebureau",
        "Gratis zorg voor baby's en jonge kinderen: groei, ontwikkeling en vaccinaties. Ook met vragen "
        "over opvoeden kunt u hier terecht.",
        ["gezondheid", "opvoeden"],
        ["care", "advice"],
        0,
        4,
        None,
        False,
        "U krijgt vanzelf een uitnodiging. Bel voor een vraag of een extra afspraak.",
        "",
    ),
]
