"""Members: partners of the national alliance and local organisations that join only here (recorded once, so they
become a national partner later without retyping). A coordinator of another alliance gets 403 and nothing changes."""

import pytest
from django.urls import reverse

from alliantie.core.models import Sector
from alliantie.core.tests.factories import make_organisation
from alliantie.localalliances.models import Member
from alliantie.partners.models import Organisation

pytestmark = pytest.mark.django_db


def page(alliance):
    return reverse("localalliances:members", args=[alliance.slug])


def add(alliance):
    return reverse("localalliances:member-add", args=[alliance.slug])


def add_local(alliance):
    return reverse("localalliances:member-add-local", args=[alliance.slug])


def local_form(alliance, **changes):
    return {
        "name": "Buurthuis De Schakel",
        "sector": Sector.objects.get(slug="maatschappelijke-organisatie").pk,
        "municipality": alliance.municipalities.get().pk,
        "website": "",
        "email": "info@deschakel.example.org",
        "contribution": "Een ruimte voor het ontbijt",
    } | changes


@pytest.mark.smoke
def test_the_coordinator_adds_a_partner_by_its_name(personas):
    partner = make_organisation(name="Voedselbank Zoetermeer")
    response = personas.client("coordinator").post(
        add(personas.alliance), {"organisation": "voedselbank zoetermeer", "contribution": "Pakketten"}
    )
    assert response["Location"] == page(personas.alliance)
    member = personas.alliance.members.get(organisation=partner)
    assert member.contribution == "Pakketten" and member.added_by == personas.users["coordinator"]


def test_a_local_organisation_joins_only_here_and_is_recorded_once(personas):
    client = personas.client("coordinator")
    client.post(add_local(personas.alliance), local_form(personas.alliance))
    organisation = Organisation.objects.get(name="Buurthuis De Schakel")
    assert organisation.status == "local" and not organisation.is_partner
    assert organisation.scope.code == "local" and list(organisation.area_municipalities.all()) == list(
        personas.alliance.municipalities.all()
    )
    again = client.post(add_local(personas.alliance), local_form(personas.alliance, name="buurthuis de schakel"))
    assert again.status_code == 400 and "staat al op het platform" in again.content.decode()
    assert Organisation.objects.filter(name__iexact="Buurthuis De Schakel").count() == 1
    # another alliance adds the same organisation by its name, without typing its details again
    other = personas.client("other_coordinator").post(
        add(personas.other_alliance), {"organisation": "Buurthuis De Schakel"}
    )
    assert other.status_code == 302 and personas.other_alliance.members.filter(organisation=organisation).exists()


def test_an_organisation_we_do_not_know_or_that_takes_part_already_is_refused_at_the_field(personas):
    client = personas.client("coordinator")
    unknown = client.post(add(personas.alliance), {"organisation": "Nergens Bekend"})
    assert unknown.status_code == 400 and 'id="id_organisation_error"' in unknown.content.decode()
    twice = client.post(add(personas.alliance), {"organisation": "Gemeente Testdorp"})
    assert twice.status_code == 400 and "Gemeente Testdorp doet al mee in deze alliantie." in twice.content.decode()
    assert personas.alliance.members.count() == 1


def test_html_and_a_bidi_control_in_a_local_organisation_are_handled_at_the_field(personas):
    client = personas.client("coordinator")
    refused = client.post(add_local(personas.alliance), local_form(personas.alliance, name="Buurt\u202ehuis"))
    assert refused.status_code == 400 and "U+202E" in refused.content.decode()
    client.post(
        add_local(personas.alliance),
        local_form(personas.alliance, name="<b>Buurthuis</b>", contribution="<script>x()</script>"),
    )
    html = client.get(page(personas.alliance)).content.decode()
    assert "&lt;b&gt;Buurthuis&lt;/b&gt;" in html and "<script>x()" not in html


def test_a_coordinator_of_another_alliance_gets_403_and_nothing_changes(personas):
    client = personas.client("other_coordinator")
    member = personas.alliance.members.get()
    assert client.get(page(personas.alliance)).status_code == 403
    assert client.post(add_local(personas.alliance), local_form(personas.alliance)).status_code == 403
    remove = reverse("localalliances:member-remove", args=[personas.alliance.slug, member.pk])
    assert client.post(remove).status_code == 403
    assert list(personas.alliance.members.all()) == [member]
    assert not Organisation.objects.filter(name="Buurthuis De Schakel").exists()


def test_a_member_stops_and_its_goals_go_on_without_it(personas):
    from alliantie.core.tests.factories import make_goal

    member = personas.alliance.members.get()
    goal = make_goal(personas.alliance)
    goal.participants.add(member)
    personas.client("coordinator").post(
        reverse("localalliances:member-remove", args=[personas.alliance.slug, member.pk])
    )
    assert not Member.objects.filter(pk=member.pk).exists() and not goal.participants.exists()


def test_the_pages_methods(personas):
    client = personas.client("coordinator")
    assert client.post(page(personas.alliance)).status_code == 405
    assert client.get(add(personas.alliance)).status_code == 405
    assert client.get(add_local(personas.alliance)).status_code == 405


def test_the_members_page_costs_the_same_queries_with_one_member_or_thirty(personas, django_assert_num_queries):
    client = personas.client("coordinator")
    client.get(page(personas.alliance))
    # 1-3 session, person, authenticator; 4 the alliance; 5 the alliances the person coordinates; 6 members with their
    # organisations and sectors; 7 invitations; 8 sectors and 9-10 the municipalities for the local organisation's form
    # (the select reads its choices as it renders them, twice)
    with django_assert_num_queries(10):
        assert client.get(page(personas.alliance)).status_code == 200
    for _ in range(29):
        personas.alliance.members.create(organisation=make_organisation())
    with django_assert_num_queries(10):
        assert client.get(page(personas.alliance)).status_code == 200
