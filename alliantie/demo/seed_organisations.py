"""Organisations named in the alliance's own documents (shared/seeds and DOMAIN.md), with what they pledged,
in our own words. They made public pledges, so they appear under their own names; people stay fictional."""

# (name, sector slug, scope code, seat municipality code, website, pledge summary)
SEED_ORGANISATIONS = [
    ("Nederlands Centrum Jeugdgezondheid (NCJ)", "jeugdgezondheidszorg", "national", "GM0344", "https://www.ncj.nl",
     "Kernpartner en mede-oprichter. Brengt kennis uit de jeugdgezondheidszorg in en helpt jeugdartsen en "
     "-verpleegkundigen om armoede te signaleren en bespreekbaar te maken."),
    ("Divosa", "maatschappelijke-organisatie", "national", "GM0344", "https://www.divosa.nl",
     "Kernpartner sinds 2021. Verbindt de sociale diensten van gemeenten met de alliantie en deelt wat lokaal werkt."),
    ("Sardes", "kennisinstelling", "national", "GM0344", "https://www.sardes.nl",
     "Kernpartner en projectleider. Ondersteunt lokale allianties en het landelijke netwerk."),
    ("Alles is Gezondheid", "maatschappelijke-organisatie", "national", "GM0344", "",
     "Mede-oprichter. Verbindt partners die werken aan gezondheid en kansrijk opgroeien."),
    ("Missing Chapter Foundation", "fonds", "national", "GM0518", "",
     "Mede-oprichter. Brengt de stem van kinderen in via Raden van Kinderen."),
    ("Voedingscentrum", "kennisinstelling", "national", "GM0518", "",
     "Kernpartner voor de opgave Een gezonde dag: een gezonde maaltijd op elke schooldag in 2030."),
    ("Sterk uit Armoede", "ervaringsdeskundigen", "national", "GM0200", "",
     "Organisatie van ervaringsdeskundigen in het kernteam. Schrijft mee aan handreikingen en traint professionals."),
    ("Gemeente Zwijndrecht", "gemeente", "local", "GM0642", "",
     "Deltaplan Armoede: mensen rond de armoedegrens beter in beeld krijgen, betalingsachterstanden vroeg "
     "signaleren met de Sociale Dienst Drechtsteden en het wijkteam, en bij een crisis binnen 48 uur rust creëren."),
    ("Aldi", "werkgever", "national", "GM0216", "",
     "Doneert vanuit de winkels brood aan scholen, zodat geen kind met honger in de klas zit. Partner in het "
     "gezonde schoolontbijt in Zoetermeer."),
    ("Menzis", "zorgverzekeraar", "national", "GM0153", "",
     "Biedt samen met de gemeente Den Haag gezinnen in de bijstand met premieschulden een haalbare "
     "betalingsregeling, waarna de restschuld wordt kwijtgescholden."),
    ("GGD Twente", "jeugdgezondheidszorg", "regional", "GM0153", "",
     "Maakt gezondheid van kinderen in armoede het hoofdthema van de academische werkplaats en ontwikkelt met "
     "ouders, gemeenten, voedselbank en maatschappelijk werk de aanpak 'gezond opvoeden in krappe tijden'."),
    ("Eneco", "energie", "national", "GM0599", "",
     "Helpt gezinnen in armoede energie te besparen en signaleert betalingsproblemen vroeg, samen met gemeenten "
     "en het Schuldenlab."),
    ("BPBI", "schuldhulp", "national", "GM0344", "",
     "Branchevereniging van bewindvoerders: maakt leden bewust van signalen van armoede en bundelt "
     "systeemfouten."),
    ("Hogeschool Rotterdam", "kennisinstelling", "regional", "GM0599", "",
     "Ontwikkelt met vijf scholen werkwijzen om armoede te signaleren, leerlingen en ouders te steunen en ouders "
     "door te verwijzen naar regelingen."),
    ("Stichting Uitgestelde Kinderfeestjes", "maatschappelijke-organisatie", "national", "GM0363", "",
     "Organiseert kinderfeestjes voor kinderen die opgroeien in armoede."),
    ("Vereniging voor Jeugdartsen (AJN)", "jeugdgezondheidszorg", "national", "GM0344", "",
     "Beroepsvereniging van jeugdartsen: maakt armoede bespreekbaar in de jeugdgezondheidszorg."),
    ("Gemeente Arnhem", "gemeente", "local", "GM0202", "",
     "Werkt lokaal samen met scholen, fondsen en welzijn aan meedoen voor alle kinderen."),
    ("Gemeente Zoetermeer", "gemeente", "local", "GM0637", "",
     "Regisseur van het gezonde schoolontbijt: met twee basisscholen, Aldi, De Nederlandse Uitdaging en het "
     "Rode Kruis krijgen ruim 300 leerlingen een gezond ontbijt op school."),
    ("De Nederlandse Uitdaging", "maatschappelijke-organisatie", "national", "GM0344", "",
     "Verbindt bedrijven met maatschappelijke organisaties; partner in het schoolontbijt in Zoetermeer."),
    ("Het Nederlandse Rode Kruis", "maatschappelijke-organisatie", "national", "GM0518", "",
     "Vrijwilligers helpen bij het schoolontbijt in Zoetermeer en bij noodhulp aan gezinnen."),
    ("Kenniscentrum Sport & Bewegen", "kennisinstelling", "national", "GM0228", "",
     "Werkt aan meedoen door sport en bewegen voor kinderen in armoede."),
    ("AWVN", "werkgever", "national", "GM0518", "",
     "Werkgeversvereniging: roept leden op geldzorgen bij werkende ouders te signaleren en te steunen."),
    ("Ingrado", "onderwijs", "national", "GM0344", "",
     "Brancheorganisatie voor leerplicht: neemt het signaleren van armoede op in de aanpak van schoolverzuim."),
    ("Zwitsal", "werkgever", "national", "GM0599", "",
     "Geeft verzorgingsproducten via consultatiebureaus en kinderopvang aan gezinnen onder de armoedegrens."),
    ("Lemniscaat", "werkgever", "national", "GM0599", "",
     "Voorleescampagne 'Geef een (prenten)boek cadeau!' voor kinderen die thuis weinig boeken hebben."),
    ("Gemeente Zaanstad", "gemeente", "local", "GM0479", "",
     "Ondertekende de belofte in 2019 en werkt aan meedoen en schuldenpreventie."),
    ("Gemeente Woensdrecht", "gemeente", "local", "GM0873", "",
     "Sloot zich aan bij de alliantie; meer dan 60 lokale organisaties tekenden een lokaal armoedepact."),
    ("Gemeente Noordenveld", "gemeente", "local", "GM1699", "",
     "Ondertekende de belofte in 2019."),
    ("Haarlemse Alliantie Kinderarmoede (HATKA)", "maatschappelijke-organisatie", "local", "GM0392", "",
     "Netwerk van zo'n dertig organisaties rond Haarlem, met een werkgroep voor werkende ouders met geldzorgen."),
    ("Jeugdfonds Sport & Cultuur", "fonds", "national", "GM0363", "",
     "Betaalt contributie, lesgeld en spullen voor sport en cultuur van kinderen uit gezinnen met weinig geld, "
     "rechtstreeks aan de club of les. Lid van Sam&."),
    ("Stichting Leergeld Nederland", "fonds", "national", "GM0200", "",
     "Lokale Leergeld-stichtingen helpen met schoolspullen, een fiets of laptop, zodat kinderen mee kunnen doen. "
     "Lid van Sam&."),
    ("Nationaal Fonds Kinderhulp", "fonds", "national", "GM0344", "",
     "Helpt kinderen met basisbehoeften als kleding, een bed of een vakantie, via hulpverleners. Lid van Sam&."),
    ("Stichting Jarige Job", "fonds", "national", "GM0344", "",
     "Geeft verjaardagsboxen zodat ook kinderen uit gezinnen met weinig geld hun verjaardag kunnen vieren. "
     "Lid van Sam&."),
]
