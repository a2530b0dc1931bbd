"""Suggested organisations for a missing sector: partners working in the municipality, nearby or nationally, local
organisations of other alliances, and providers of the sociale kaart active there; never a member; each with why."""

import pytest

from alliantie.core.models import Municipality, Scope, Sector
from alliantie.core.tests.factories import (
    make_activity,
    make_goal,
    make_local_alliance,
    make_organisation,
    make_service,
)
from alliantie.localalliances import selectors

pytestmark = pytest.mark.django_db


def sector(slug):
    return Sector.objects.get(slug=slug)


def suggested(alliance, user) -> dict[str, list]:
    context = selectors.alliance_detail(user, alliance)
    return {s.slug: s.suggestions for s in context["suggestions"]}


def test_a_local_employer_comes_before_a_national_one_and_a_member_is_never_suggested(personas):
    alliance = personas.alliance
    zoetermeer = Municipality.objects.get(code="GM0637")
    local = make_organisation(name="Bakkerij Zoet", sector=sector("werkgever"), municipality=zoetermeer)
    national = make_organisation(
        name="Landelijke Werkgever",
        sector=sector("werkgever"),
        scope=Scope.objects.get(code="national"),
        municipality=Municipality.objects.get(code="GM0344"),
    )
    far = make_organisation(
        name="Werkgever Groningen", sector=sector("werkgever"), municipality=Municipality.objects.get(code="GM0014")
    )
    member = make_organisation(name="Al Lid", sector=sector("werkgever"), municipality=zoetermeer)
    alliance.members.create(organisation=member)
    # with the employer member the sector is present, so drop it again to see the suggestions
    alliance.members.filter(organisation=member).delete()
    found = suggested(alliance, personas.users["coordinator"])["werkgever"]
    names = [s.name for s in found]
    assert names.index("Bakkerij Zoet") < names.index("Landelijke Werkgever")
    assert "Werkgever Groningen" not in names
    assert found[0].reasons[:2] == ["vult de ontbrekende sector Werkgever / bedrijfsleven", "gevestigd in Zoetermeer"]
    assert any("landelijk aanbod" in r for s in found if s.name == "Landelijke Werkgever" for r in s.reasons)
    alliance.members.create(organisation=local)
    again = suggested(alliance, personas.users["coordinator"])
    assert "werkgever" not in again  # present now: no longer missing
    assert far.pk and national.pk


def test_a_partner_that_already_works_on_the_agendas_opgave_says_so(personas):
    alliance = personas.alliance
    make_goal(alliance)  # Een gezonde dag
    fund = make_organisation(
        name="Fonds Ontbijt", sector=sector("fonds"), municipality=Municipality.objects.get(code="GM0637")
    )
    activity = make_activity(fund, title="Ontbijt op school")
    activity.municipalities.set([Municipality.objects.get(code="GM0637")])
    reasons = next(
        s for s in suggested(alliance, personas.users["coordinator"])["fonds"] if s.name == "Fonds Ontbijt"
    ).reasons
    assert "werkt al aan Een gezonde dag, net als uw agenda" in reasons
    assert "heeft 1 activiteiten in Zoetermeer" in reasons


def test_a_nearby_partner_in_the_same_province_and_a_local_organisation_of_another_alliance_are_suggested(personas):
    alliance = personas.alliance
    leiden = Municipality.objects.get(code="GM0546")  # Leiden, about 20 km from Zoetermeer
    nearby = make_organisation(name="GGD Hollands Midden", sector=sector("jeugdgezondheidszorg"), municipality=leiden)
    nearby.area_municipalities.set([leiden])
    other = make_local_alliance(codes=("GM0599",))
    local = make_organisation(
        name="Consultatiebureau Rotterdam",
        sector=sector("jeugdgezondheidszorg"),
        status="local",
        municipality=Municipality.objects.get(code="GM0599"),
    )
    other.members.create(organisation=local)
    found = {s.name: s for s in suggested(alliance, personas.users["coordinator"])["jeugdgezondheidszorg"]}
    assert any(r.startswith("in de buurt (") for r in found["GGD Hollands Midden"].reasons)
    assert found["Consultatiebureau Rotterdam"].kind == "lokaal"
    assert "doet al mee in een andere lokale alliantie" in found["Consultatiebureau Rotterdam"].reasons


def test_a_provider_of_the_sociale_kaart_active_here_fills_a_sector_by_the_help_it_gives(personas):
    alliance = personas.alliance
    debts = make_service(national=False, name="Schuldhulp aan huis", needs=["geld-schulden"])
    debts.provider.area_municipalities.set(alliance.municipalities.all())
    elsewhere = make_service(national=False, name="Schuldhulp Groningen", needs=["geld-schulden"])
    elsewhere.provider.area_municipalities.set([Municipality.objects.get(code="GM0014")])
    found = suggested(alliance, personas.users["coordinator"])["schuldhulp"]
    assert [s.name for s in found] == [debts.provider.name]
    assert found[0].kind == "sociale-kaart"
    assert found[0].reasons[0] == "op de sociale kaart in Zoetermeer: Schuldhulp aan huis"


def test_an_organisation_already_invited_is_marked_so(personas, mailbox):
    from alliantie.localalliances import services

    alliance = personas.alliance
    employer = make_organisation(
        name="Bakkerij Zoet", sector=sector("werkgever"), municipality=Municipality.objects.get(code="GM0637")
    )
    services.invite_organisation(
        alliance=alliance,
        invited_by=personas.users["coordinator"],
        organisation=employer,
        email="bakker@example.org",
        reason="vult de sector werkgever",
    )
    found = {s.name: s for s in suggested(alliance, personas.users["coordinator"])["werkgever"]}
    assert found["Bakkerij Zoet"].invited
