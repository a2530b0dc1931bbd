"""Seed the reference data: provinces, municipalities with aliases, opgaven, 3V lines, sectors, scopes."""

import csv
import re
import unicodedata
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "gemeenten.csv"

ALIASES = {
    "GM0518": ["Den Haag", "The Hague"],
    "GM0796": ["Den Bosch"],
    "GM0373": ["Bergen NH", "Bergen (Noord-Holland)"],
    "GM0893": ["Bergen L", "Bergen (Limburg)"],
    "GM0820": ["Nuenen"],
    "GM1900": ["Zuidwest-Friesland"],
    "GM1970": ["Noordoost-Friesland"],
    "GM1940": ["De Friese Meren"],
    "GM1891": ["Dantumadeel"],
    "GM0737": ["Tietjerksteradeel"],
}

CHALLENGES = [
    ("meedoen", "Meedoen",
     "Elk kind doet mee met sport, muziek en uitjes van school. Alle gezinnen met weinig geld krijgen de hulp die er al is."),
    ("een-fijn-thuis", "Een fijn thuis",
     "Elk kind woont in een veilig huis dat het gezin kan betalen. Geen gezin hoeft zijn huis uit."),
    ("een-gezonde-dag", "Een gezonde dag",
     "Gezond eten is gewoon voor elk kind, thuis en op school. Geen kind zit met honger in de klas."),
    ("het-gezin-versterken", "Het gezin versterken",
     "Ouders krijgen steun bij het opvoeden. Zo wordt het gezin sterk, al vanaf de zwangerschap."),
    ("extra-ontwikkelkansen-bieden", "Extra ontwikkelkansen bieden",
     "Kinderen krijgen extra kansen om te leren en te groeien. Denk aan voorlezen en hulp bij huiswerk."),
    ("leren-omgaan-met-geld", "Leren omgaan met geld",
     "Kinderen, jongeren en ouders leren omgaan met geld. Zo krijgen geldzorgen minder kans."),
    ("ervaringskennis-als-derde-kennisbron", "Ervaringskennis als derde kennisbron",
     "Mensen die zelf armoede kennen, denken en beslissen mee. Hun kennis telt net zo zwaar als die uit onderzoek en werk."),
    ("stress-reduceren-door-schulden-hanteerbaar-te-maken", "Stress reduceren door schulden hanteerbaar te maken",
     "Schulden worden vroeg gezien en op tijd aangepakt. Zo krijgt het gezin rust."),
    ("opgroeien-in-een-kindvriendelijke-omgeving", "Opgroeien in een kindvriendelijke omgeving",
     "Kinderen groeien op in een veilige, gezonde buurt. Er zijn plekken om te spelen en elkaar te zien."),
    ("signaleren-en-ondersteunen-als-werkgever", "Signaleren en ondersteunen als werkgever",
     "Werkgevers zien het als werkende ouders geldzorgen hebben. Ze bieden hun steun."),
]

CHANGE_LINES = [
    ("soften", 1, "verzachten", "korte termijn",
     "De persoonlijke situatie van kinderen en gezinnen nu verzachten, bijvoorbeeld met een ontbijt op school "
     "of een laptop voor school."),
    ("strengthen", 2, "versterken", "middellange termijn",
     "De maatschappelijke positie van kinderen en ouders versterken, bijvoorbeeld door armoede vroeg te "
     "signaleren, ouders te steunen en stress te verminderen."),
    ("transform", 3, "veranderen", "lange termijn",
     "De geschreven en ongeschreven regels veranderen, zodat er geen nieuwe gezinnen in armoede komen."),
]

SECTORS = [
    ("gemeente", "Gemeente"),
    ("onderwijs", "Onderwijs"),
    ("kinderopvang", "Kinderopvang"),
    ("jeugdgezondheidszorg", "Jeugdgezondheidszorg / GGD"),
    ("zorg", "Zorg"),
    ("zorgverzekeraar", "Zorgverzekeraar"),
    ("werkgever", "Werkgever / bedrijfsleven"),
    ("woningcorporatie", "Woningcorporatie"),
    ("fonds", "Fonds (ook Sam&)"),
    ("maatschappelijke-organisatie", "Maatschappelijke organisatie"),
    ("kennisinstelling", "Kennisinstelling"),
    ("landelijke-overheid", "Landelijke overheid"),
    ("ervaringsdeskundigen", "Ervaringsdeskundigenorganisatie"),
    ("levensbeschouwelijk", "Levensbeschouwelijke organisatie"),
    ("energie", "Energie- en nutsbedrijf"),
    ("schuldhulp", "Schuldhulp en bewindvoering"),
]

SCOPES = [
    ("local", 1, "lokaal", "Werkt in één gemeente of een deel ervan."),
    ("regional", 2, "regionaal", "Werkt in meerdere gemeenten of een of meer provincies."),
    ("national", 3, "landelijk", "Werkt in heel Nederland."),
]


def search_key(text):
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", plain.lower()).strip()


def load(apps, schema_editor):
    Province = apps.get_model("core", "Province")
    Municipality = apps.get_model("core", "Municipality")
    Alias = apps.get_model("core", "MunicipalityAlias")
    with DATA.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    provinces = {}
    for row in rows:
        if row["provincie_code"] not in provinces:
            provinces[row["provincie_code"]] = Province.objects.create(
                code=row["provincie_code"], name=row["provincie"]
            )
    aliases = []
    for row in rows:
        municipality = Municipality.objects.create(
            code=row["code"],
            name=row["naam"],
            short_name=row["naam_kort"],
            search_name=search_key(row["naam"]),
            province=provinces[row["provincie_code"]],
            inhabitants=int(row["inwoners_2023"]) if row["inwoners_2023"] else None,
            households=int(row["huishoudens_2023"]) if row["huishoudens_2023"] else None,
            latitude=float(row["lat"]),
            longitude=float(row["lon"]),
        )
        names = set(ALIASES.get(row["code"], []))
        if row["naam_kort"] != row["naam"]:
            names.add(row["naam_kort"])
        aliases += [Alias(municipality=municipality, name=n, search_name=search_key(n)) for n in sorted(names)]
    Alias.objects.bulk_create(aliases)

    Challenge = apps.get_model("core", "Challenge")
    for number, (slug, name, description) in enumerate(CHALLENGES, start=1):
        Challenge.objects.create(number=number, slug=slug, name=name, description=description)
    ChangeLine = apps.get_model("core", "ChangeLine")
    for code, order, name, horizon, description in CHANGE_LINES:
        ChangeLine.objects.create(code=code, order=order, name=name, horizon=horizon, description=description)
    Sector = apps.get_model("core", "Sector")
    for order, (slug, name) in enumerate(SECTORS, start=1):
        Sector.objects.create(slug=slug, name=name, order=order)
    Scope = apps.get_model("core", "Scope")
    for code, order, name, description in SCOPES:
        Scope.objects.create(code=code, order=order, name=name, description=description)


def unload(apps, schema_editor):
    for model in ("MunicipalityAlias", "Municipality", "Province", "Challenge", "ChangeLine", "Sector", "Scope"):
        apps.get_model("core", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
