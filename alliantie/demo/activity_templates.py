"""Activities as partners describe them, per sector: (title, description, opgave slugs, 3V line, target groups,
involvement). Written for the demo in plain Dutch; the seed organisations' own pledges come first."""

SEED_ACTIVITIES = {
    "Gemeente Zoetermeer": (
        "Gezond schoolontbijt",
        "Met twee basisscholen, Aldi, De Nederlandse Uitdaging en het Rode Kruis krijgen ruim 300 leerlingen elke schooldag een gezond ontbijt. Alle basisscholen krijgen scholing over omgaan met armoede.",
        ["een-gezonde-dag", "meedoen"],
        "soften",
        ["children_4_12"],
        "consulted",
    ),
    "Aldi": (
        "Brood voor scholen",
        "Onze winkels doneren brood aan scholen, zodat kinderen ontbijt of lunch krijgen. Geen kind zit met honger in de klas.",
        ["een-gezonde-dag"],
        "soften",
        ["children_4_12", "children_12_18"],
        "not_yet",
    ),
    "Menzis": (
        "Betalingsregeling premieschulden",
        "Samen met de gemeente Den Haag bieden we gezinnen in de bijstand met premieschulden een haalbare regeling. Daarna schelden we de restschuld kwijt.",
        ["stress-reduceren-door-schulden-hanteerbaar-te-maken"],
        "strengthen",
        ["parents"],
        "consulted",
    ),
    "GGD Twente": (
        "Gezond opvoeden in krappe tijden",
        "Met ouders, Twentse gemeenten, de voedselbank en het maatschappelijk werk ontwikkelen en onderzoeken we een aanpak voor gezond opvoeden met weinig geld.",
        ["het-gezin-versterken", "een-gezonde-dag"],
        "strengthen",
        ["parents", "children_0_4"],
        "co_designed",
    ),
    "Eneco": (
        "Energie besparen met gezinnen",
        "We helpen gezinnen met weinig geld energie te besparen en zien betalingsproblemen vroeg, samen met gemeenten.",
        ["een-fijn-thuis", "stress-reduceren-door-schulden-hanteerbaar-te-maken"],
        "soften",
        ["parents"],
        "consulted",
    ),
    "Gemeente Zwijndrecht": (
        "Deltaplan Armoede",
        "We brengen inwoners rond de armoedegrens beter in beeld, zien betalingsachterstanden vroeg en zorgen bij een crisis binnen 48 uur voor rust.",
        ["stress-reduceren-door-schulden-hanteerbaar-te-maken", "meedoen"],
        "transform",
        ["parents", "professionals"],
        "consulted",
    ),
    "Hogeschool Rotterdam": (
        "Armoede signaleren op school",
        "Met vijf scholen ontwikkelen we werkwijzen om armoede te zien, leerlingen en ouders te steunen en door te verwijzen. Kinderen en ouders proberen ze mee uit.",
        ["extra-ontwikkelkansen-bieden", "het-gezin-versterken"],
        "strengthen",
        ["professionals", "children_12_18"],
        "co_designed",
    ),
    "Stichting Jarige Job": (
        "Verjaardagsboxen",
        "Kinderen uit gezinnen met weinig geld krijgen een verjaardagsbox, zodat ook zij hun verjaardag kunnen vieren.",
        ["meedoen"],
        "soften",
        ["children_4_12"],
        "consulted",
    ),
    "Jeugdfonds Sport & Cultuur": (
        "Contributie en lesgeld betalen",
        "We betalen contributie, lesgeld en spullen voor sport en cultuur, rechtstreeks aan de club of de les.",
        ["meedoen"],
        "soften",
        ["children_4_12", "children_12_18"],
        "consulted",
    ),
    "Sterk uit Armoede": (
        "Training voor professionals door ervaringsdeskundigen",
        "Ervaringsdeskundigen trainen professionals om armoede te herkennen en het gesprek erover te voeren.",
        ["ervaringskennis-als-derde-kennisbron"],
        "transform",
        ["professionals"],
        "co_designed",
    ),
}

BY_SECTOR = {
    "gemeente": [
        (
            "Kindpakket",
            "Eén aanvraag voor sport, cultuur, schoolspullen en een laptop voor kinderen in gezinnen met een laag inkomen.",
            ["meedoen"],
            "soften",
            ["children_4_12", "children_12_18"],
            "consulted",
        ),
        (
            "Vroegsignalering van schulden",
            "Met woningcorporaties, energie- en waterbedrijven zien we betalingsachterstanden vroeg en bieden we hulp.",
            ["stress-reduceren-door-schulden-hanteerbaar-te-maken"],
            "strengthen",
            ["parents"],
            "not_yet",
        ),
        (
            "Lokale alliantie tegen kinderarmoede",
            "We brengen scholen, welzijn, fondsen en bedrijven samen rond één lokale agenda.",
            ["meedoen", "ervaringskennis-als-derde-kennisbron"],
            "transform",
            ["professionals"],
            "co_designed",
        ),
    ],
    "onderwijs": [
        (
            "Ontbijt op school",
            "Leerlingen die zonder ontbijt komen, krijgen op school een gezond ontbijt.",
            ["een-gezonde-dag"],
            "soften",
            ["children_4_12"],
            "consulted",
        ),
        (
            "Armoede bespreekbaar in de klas",
            "Leraren leren armoede te zien en er met ouders over te praten.",
            ["extra-ontwikkelkansen-bieden"],
            "strengthen",
            ["professionals"],
            "not_yet",
        ),
        (
            "Gratis schoolreis voor iedereen",
            "Geen ouderbijdrage meer voor de schoolreis, zodat elk kind mee kan.",
            ["meedoen"],
            "transform",
            ["children_4_12"],
            "consulted",
        ),
    ],
    "kinderopvang": [
        (
            "Voorschoolse plek voor elk kind",
            "Peuters uit gezinnen met weinig geld krijgen een plek in de voorschool.",
            ["extra-ontwikkelkansen-bieden"],
            "strengthen",
            ["children_0_4"],
            "consulted",
        )
    ],
    "jeugdgezondheidszorg": [
        (
            "Geldzorgen bespreken op het consultatiebureau",
            "Jeugdverpleegkundigen vragen naar geldzorgen en verwijzen door.",
            ["het-gezin-versterken"],
            "strengthen",
            ["parents", "children_0_4"],
            "consulted",
        ),
        (
            "Kansrijke start",
            "Zwangeren in een kwetsbare situatie krijgen vroeg steun van verloskundige, wijkteam en JGZ samen.",
            ["het-gezin-versterken"],
            "strengthen",
            ["parents"],
            "co_designed",
        ),
    ],
    "zorg": [
        (
            "Armoede herkennen in de huisartsenpraktijk",
            "Huisartsen en praktijkondersteuners vragen naar geldzorgen en weten waar gezinnen terechtkunnen.",
            ["het-gezin-versterken"],
            "strengthen",
            ["parents", "professionals"],
            "not_yet",
        )
    ],
    "zorgverzekeraar": [
        (
            "Premieschulden voorkomen",
            "We bellen verzekerden met een achterstand en spreken een haalbare regeling af.",
            ["stress-reduceren-door-schulden-hanteerbaar-te-maken"],
            "strengthen",
            ["parents"],
            "consulted",
        )
    ],
    "werkgever": [
        (
            "Geldzorgen bespreekbaar op de werkvloer",
            "Leidinggevenden leren geldzorgen te zien en medewerkers door te verwijzen.",
            ["signaleren-en-ondersteunen-als-werkgever"],
            "strengthen",
            ["parents"],
            "not_yet",
        ),
        (
            "Producten voor de voedselbank",
            "We doneren producten en leveren vrijwilligers voor de voedselbank.",
            ["een-gezonde-dag"],
            "soften",
            ["parents"],
            "not_yet",
        ),
    ],
    "woningcorporatie": [
        (
            "Huurachterstand vroeg aanpakken",
            "Bij twee maanden achterstand gaan we op huisbezoek en bieden we hulp, zodat niemand zijn huis uit hoeft.",
            ["een-fijn-thuis", "stress-reduceren-door-schulden-hanteerbaar-te-maken"],
            "strengthen",
            ["parents"],
            "consulted",
        )
    ],
    "fonds": [
        (
            "Laptop voor school",
            "Scholieren uit gezinnen met weinig geld krijgen een laptop, aangevraagd via een intermediair.",
            ["meedoen", "extra-ontwikkelkansen-bieden"],
            "soften",
            ["children_12_18"],
            "consulted",
        )
    ],
    "maatschappelijke-organisatie": [
        (
            "Voedselpakketten voor gezinnen",
            "Gezinnen met weinig geld halen wekelijks een pakket met gezond eten.",
            ["een-gezonde-dag"],
            "soften",
            ["parents"],
            "consulted",
        ),
        (
            "Speelgoed en kleding",
            "Gezinnen kiezen gratis speelgoed en kleding in onze winkel.",
            ["meedoen"],
            "soften",
            ["children_0_4", "children_4_12"],
            "consulted",
        ),
        (
            "Huiswerkbegeleiding",
            "Vrijwilligers helpen kinderen na school met huiswerk.",
            ["extra-ontwikkelkansen-bieden"],
            "strengthen",
            ["children_4_12", "children_12_18"],
            "consulted",
        ),
        (
            "Maatjes voor jongeren",
            "Jongeren krijgen een maatje dat een positief rolmodel is.",
            ["extra-ontwikkelkansen-bieden"],
            "strengthen",
            ["children_12_18", "young_adults"],
            "co_designed",
        ),
    ],
    "kennisinstelling": [
        (
            "Onderzoek naar wat werkt",
            "We onderzoeken samen met gemeenten en ervaringsdeskundigen welke aanpak werkt.",
            ["ervaringskennis-als-derde-kennisbron"],
            "transform",
            ["professionals"],
            "co_designed",
        )
    ],
    "landelijke-overheid": [
        (
            "Regels toetsen op gevolgen voor kinderen",
            "Nieuwe regels worden getoetst op wat ze betekenen voor kinderen in armoede.",
            ["opgroeien-in-een-kindvriendelijke-omgeving"],
            "transform",
            ["professionals"],
            "consulted",
        )
    ],
    "ervaringsdeskundigen": [
        (
            "Ervaringsdeskundigen aan tafel",
            "We zitten aan tafel bij beleid en projecten en trainen professionals.",
            ["ervaringskennis-als-derde-kennisbron"],
            "transform",
            ["professionals"],
            "co_designed",
        )
    ],
    "levensbeschouwelijk": [
        (
            "Kinderkleding- en speelgoedmarkt",
            "Twee keer per jaar gratis kleding en speelgoed voor gezinnen in de wijk.",
            ["meedoen"],
            "soften",
            ["children_0_4", "children_4_12"],
            "consulted",
        )
    ],
    "energie": [
        (
            "Energiecoaches",
            "Vrijwillige energiecoaches helpen gezinnen hun energierekening omlaag te brengen.",
            ["een-fijn-thuis"],
            "soften",
            ["parents"],
            "not_yet",
        )
    ],
    "schuldhulp": [
        (
            "Geldlessen voor ouders",
            "Ouders leren budgetteren en hun administratie op orde te houden.",
            ["leren-omgaan-met-geld"],
            "strengthen",
            ["parents"],
            "co_designed",
        ),
        (
            "Schuldhulpmaatje",
            "Een getrainde vrijwilliger helpt gezinnen met schulden stap voor stap.",
            ["stress-reduceren-door-schulden-hanteerbaar-te-maken"],
            "strengthen",
            ["parents"],
            "consulted",
        ),
    ],
}
