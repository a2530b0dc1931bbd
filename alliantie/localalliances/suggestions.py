"""Organisations that could fill a sector a local alliance misses, each with the reasons in plain Dutch.

Candidates are partners (and organisations that take part in another local alliance) of that sector whose working
area includes the alliance's municipalities, that are seated nearby, or that work nationally; and providers from the
sociale kaart that are active there and whose help fits the sector. The place and its reason come from the
marketplace's matching (`Geography.fit`: "in Zoetermeer", "werkt in heel Zuid-Holland", "in de buurt (12 km)",
"landelijk aanbod"), so a suggestion reads the same wherever the platform makes one. Ten queries, whatever the number
of organisations: candidates are ranked per sector in the database and only the best are read."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When, Window
from django.db.models.functions import Lower, RowNumber
from django.utils.translation import gettext as _

from alliantie.activities.models import Activity
from alliantie.core.models import Municipality
from alliantie.marketplace.matching.places import Area, Geography
from alliantie.partners.models import Organisation
from alliantie.socialmap.models import Need, Offer, Provider, Service

CANDIDATES_PER_SECTOR = 6
SHOWN_PER_SECTOR = 3
MAX_PROVIDERS = 300

# Help on the sociale kaart that shows a provider works like an organisation of a sector (a fund pays for sport and
# school costs; debt help is schuldhulp; a food or clothing bank is a social organisation).
PROVIDER_SECTORS = {
    "fonds": ({Need.SPORT_CULTURE, Need.SCHOOL, Need.BIRTHDAY, Need.HOLIDAYS}, {Offer.MONEY, Offer.GOODS}),
    "schuldhulp": ({Need.MONEY}, set()),
    "maatschappelijke-organisatie": ({Need.FOOD, Need.CLOTHING_TOYS}, set()),
    "jeugdgezondheidszorg": ({Need.HEALTH, Need.PARENTING}, {Offer.CARE, Offer.ADVICE}),
    "woningcorporatie": ({Need.HOUSING}, set()),
}


@dataclass
class Suggested:
    kind: str  # "partner", "lokaal" (takes part only locally elsewhere) or "sociale-kaart"
    name: str
    sector: str
    reasons: list[str]
    score: float
    organisation: Organisation | None = None
    provider_id: int | None = None
    provider_slug: str = ""
    email: str = ""
    invited: bool = False


@dataclass
class SectorSuggestions:
    slug: str
    name: str
    advice: str
    suggestions: list[Suggested] = field(default_factory=list)


def _area_codes(ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    municipalities: dict[int, list[str]] = {}
    for organisation_id, code in Organisation.area_municipalities.through.objects.filter(
        organisation_id__in=ids
    ).values_list("organisation_id", "municipality__code"):
        municipalities.setdefault(organisation_id, []).append(code)
    provinces: dict[int, list[str]] = {}
    for organisation_id, code in Organisation.area_provinces.through.objects.filter(
        organisation_id__in=ids
    ).values_list("organisation_id", "province__code"):
        provinces.setdefault(organisation_id, []).append(code)
    return municipalities, provinces


def _partner_candidates(missing: list[str], places: list[int], provinces: set[int], members: set[int], goals: set[int]):
    """The best partners (and local organisations) per missing sector, ranked in the database."""
    through_places = Organisation.area_municipalities.through.objects.filter(organisation=OuterRef("pk"))
    through_provinces = Organisation.area_provinces.through.objects.filter(organisation=OuterRef("pk"))
    fit = Case(
        When(municipality_id__in=places, then=Value(5)),
        When(Exists(through_places.filter(municipality_id__in=places)), then=Value(5)),
        When(Exists(through_provinces.filter(province_id__in=provinces)), then=Value(4)),
        When(municipality__province_id__in=provinces, then=Value(3)),
        When(Exists(through_places.filter(municipality__province_id__in=provinces)), then=Value(3)),
        When(scope__code="national", then=Value(2)),
        default=Value(0),
        output_field=IntegerField(),
    )
    works_on = Exists(
        Activity.challenges.through.objects.filter(activity__organisation=OuterRef("pk"), challenge_id__in=goals)
    )
    ranked = (
        Organisation.objects.filter(
            status__in=[Organisation.Status.ACTIVE, Organisation.Status.LOCAL], sector__slug__in=missing
        )
        .exclude(pk__in=members)
        .annotate(fit=fit, works_on=works_on)
        .filter(fit__gt=0)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("sector_id")],
                order_by=[F("fit").desc(), F("works_on").desc(), F("name").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=CANDIDATES_PER_SECTOR)
    )
    # 1: the candidates with their sector, scope and seat
    return list(ranked.select_related("sector", "scope", "municipality"))


def _provider_candidates(places: list[int], provinces: set[int], partners_known: set[int]):
    """Providers of the sociale kaart active in the alliance's municipalities that are not a partner, with the needs
    and offers of their services (a local branch has its national organisation's services)."""
    here = Provider.objects.filter(
        Q(area_municipalities__in=places) | Q(area_provinces__in=provinces) | Q(locations__municipality__in=places)
    ).filter(partner__isnull=True)
    # 2: the providers
    providers = list(
        Provider.objects.filter(pk__in=here.values("pk"))
        .order_by(Lower("name"), "pk")
        .values("pk", "name", "slug", "parent_id", "email", "website")[:MAX_PROVIDERS]
    )
    ids = {p["pk"] for p in providers} | {p["parent_id"] for p in providers if p["parent_id"]}
    # 3: their services (and their national organisations')
    services: dict[int, list[tuple[str, list, list]]] = {}
    for provider_id, name, needs, offers in Service.objects.filter(
        provider_id__in=ids, status=Service.Status.ACTIVE
    ).values_list("provider_id", "name", "needs", "offers"):
        services.setdefault(provider_id, []).append((name, needs or [], offers or []))
    return [
        (p, services.get(p["pk"], []) + (services.get(p["parent_id"], []) if p["parent_id"] else []))
        for p in providers
        if p["pk"] not in partners_known
    ]


def for_alliance(
    alliance,
    *,
    missing: list[str],
    sector_names: dict[str, str],
    advice: dict[str, str],
    municipalities: list[Municipality],
    members: set[int],
    goal_challenges: dict[int, str],
) -> list[SectorSuggestions]:
    """Per missing sector the best few organisations to invite, with why. `members` are the ids of the member
    organisations; `goal_challenges` the opgaven of the alliance's agenda (id to name)."""
    result = [SectorSuggestions(slug, sector_names.get(slug, slug), advice.get(slug, "")) for slug in missing]
    if not missing or not municipalities:
        return result
    by_sector = {s.slug: s for s in result}
    places = [m.pk for m in municipalities]
    provinces = {m.province_id for m in municipalities}
    candidates = _partner_candidates(missing, places, provinces, members, set(goal_challenges))
    ids = [o.pk for o in candidates]
    # 4-5: their working areas, for the place and its reason
    area_municipalities, area_provinces = _area_codes(ids)
    # 6: the opgaven of the agenda they already work on
    shared: dict[int, set[str]] = {}
    for organisation_id, challenge_id in (
        Activity.challenges.through.objects.filter(activity__organisation__in=ids, challenge_id__in=goal_challenges)
        .values_list("activity__organisation_id", "challenge_id")
        .distinct()
    ):
        shared.setdefault(organisation_id, set()).add(goal_challenges[challenge_id])
    # 7: their activities in the alliance's municipalities
    active_here = dict(
        Activity.municipalities.through.objects.filter(activity__organisation__in=ids, municipality_id__in=places)
        .values("activity__organisation_id")
        .annotate(n=Count("activity_id", distinct=True))
        .values_list("activity__organisation_id", "n")
    )
    # 8-9: the municipalities and provinces, for the marketplace's place reasons
    geography = Geography()
    wanted = Area(frozenset(m.code for m in municipalities), frozenset())
    # 10: open invitations, so a suggestion already invited says so
    invited = alliance.invitations.filter(status="open").values_list("organisation_id", "provider_id")
    invited_organisations = {o for o, _p in invited if o}
    invited_providers = {p for _o, p in invited if p}
    place_names = ", ".join(sorted(m.short_name for m in municipalities))
    for organisation in candidates:
        codes = area_municipalities.get(organisation.pk, []) + area_provinces.get(organisation.pk, [])
        if not codes and organisation.scope.code != "national" and organisation.municipality_id:
            codes = [organisation.municipality.code]
        offered = Area(
            frozenset(c for c in codes if c.startswith("GM")), frozenset(c for c in codes if c.startswith("PV"))
        )
        place_score, place_reason = geography.fit(wanted, offered)
        if offered.national:
            place_score = 0.6  # serves everywhere, but a local alliance is better served by someone nearby
        if organisation.municipality_id in places and organisation.scope.code != "national":
            place_score, place_reason = (
                1.0,
                _("gevestigd in %(place)s") % {"place": organisation.municipality.short_name},
            )
        reasons = [_("vult de ontbrekende sector %(sector)s") % {"sector": organisation.sector.name}]
        if place_reason:
            reasons.append(place_reason)
        if organisation.pk in shared:
            reasons.append(
                _("werkt al aan %(opgaven)s, net als uw agenda")
                % {"opgaven": ", ".join(sorted(shared[organisation.pk]))}
            )
        if active_here.get(organisation.pk):
            reasons.append(
                _("heeft %(n)s activiteiten in %(place)s") % {"n": active_here[organisation.pk], "place": place_names}
            )
        if organisation.status == Organisation.Status.LOCAL:
            reasons.append(_("doet al mee in een andere lokale alliantie"))
        score = place_score + 0.3 * bool(organisation.pk in shared) + 0.2 * bool(active_here.get(organisation.pk))
        by_sector[organisation.sector.slug].suggestions.append(
            Suggested(
                kind="partner" if organisation.is_partner else "lokaal",
                name=organisation.name,
                sector=organisation.sector.slug,
                reasons=reasons,
                score=round(score, 3),
                organisation=organisation,
                email=organisation.email,
                invited=organisation.pk in invited_organisations,
            )
        )
    for provider, services in _provider_candidates(places, provinces, set()):
        needs = {n for _name, ns, _os in services for n in ns}
        offers = {o for _name, _ns, os_ in services for o in os_}
        for slug in missing:
            wanted_needs, wanted_offers = PROVIDER_SECTORS.get(slug, (set(), set()))
            fitting = needs & wanted_needs
            if not fitting or (wanted_offers and not offers & wanted_offers):
                continue
            examples = [name for name, ns, _os in services if set(ns) & fitting][:2]
            reasons = [
                _("op de sociale kaart in %(place)s: %(services)s")
                % {"place": place_names, "services": ", ".join(examples)},
                _("helpt gezinnen met %(needs)s, zoals %(sector)s doet")
                % {
                    "needs": ", ".join(sorted(str(Need(n).label).lower() for n in fitting)),
                    "sector": by_sector[slug].name,
                },
            ]
            by_sector[slug].suggestions.append(
                Suggested(
                    kind="sociale-kaart",
                    name=provider["name"],
                    sector=slug,
                    reasons=reasons,
                    score=0.8 + 0.05 * len(fitting),
                    provider_id=provider["pk"],
                    provider_slug=provider["slug"],
                    email=provider["email"],
                    invited=provider["pk"] in invited_providers,
                )
            )
    for sector in result:
        sector.suggestions.sort(key=lambda s: (-s.score, s.name))
        sector.suggestions = sector.suggestions[:SHOWN_PER_SECTOR]
    return result
