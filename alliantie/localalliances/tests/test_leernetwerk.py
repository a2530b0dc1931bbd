"""The leernetwerk: its meetings are events of kind leernetwerk for the members of local alliances (the team, the
coordinators of an active alliance, and the people of its member organisations); the page lists them with the lessons
of every alliance; the team invites every alliance by mail after seeing who receives it."""

import pytest
from django.test import TestCase
from django.urls import reverse

from alliantie.core.tests.factories import make_event, make_membership, make_organisation, make_user
from alliantie.events import permissions as event_permissions

pytestmark = pytest.mark.django_db
PAGE = reverse("localalliances:leernetwerk")


@pytest.fixture
def meeting(db):
    return make_event(kind="leernetwerk", audience="local", title="Leernetwerk lokale allianties 2027-1")


def test_the_people_of_member_organisations_and_coordinators_see_the_meetings_others_do_not(personas, meeting, client):
    for role in ("member", "contact", "coordinator", "other_coordinator", "project_team"):
        assert meeting.title in personas.client(role).get(PAGE).content.decode(), role
    assert meeting.title not in personas.client("outsider").get(PAGE).content.decode()
    assert meeting.title not in client.get(PAGE).content.decode()
    assert personas.client("outsider").get(meeting.get_absolute_url()).status_code == 404


def test_a_local_organisations_people_take_part_and_a_stopped_alliance_no_longer_counts(personas, meeting):
    local = make_organisation(name="Buurthuis De Schakel", status="local")
    person = make_user()
    make_membership(person, local)
    assert not event_permissions.is_local_alliance_member(person)
    personas.alliance.members.create(organisation=local)
    person = type(person).objects.get(pk=person.pk)
    assert event_permissions.is_local_alliance_member(person)
    personas.alliance.ended_on = personas.alliance.created_at.date()
    personas.alliance.save()
    assert not event_permissions.is_local_alliance_member(type(person).objects.get(pk=person.pk))


def test_a_member_of_an_alliance_registers_for_a_meeting(personas, meeting, mailbox):
    client = personas.client("member")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("events:event-register", args=[meeting.slug]), {"organisation_name": "x"})
    assert response.status_code == 302 and meeting.registrations.get().email == "medewerker@example.org"


def test_the_team_sees_who_receives_the_invitation_and_every_address_gets_one_once(personas, meeting, mailbox):
    other = make_organisation(name="Bakkerij Zoet")
    make_membership(make_user(email="bakker@example.org"), other, "contact")
    personas.other_alliance.members.create(organisation=other)
    url = reverse("localalliances:leernetwerk-invite", args=[meeting.slug])
    client = personas.client("project_team")
    preview = client.get(url).content.decode()
    assert "2 organisaties" in preview and "bakker@example.org" in preview and "contact@example.org" in preview
    assert "naar 2 coördinatoren" in preview
    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 400 and not mailbox.messages
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"confirmed": "on"})
    assert sorted(m["To"] for m in mailbox.messages) == [
        "andere.coordinator@example.org",
        "bakker@example.org",
        "contact@example.org",
        "coordinator@example.org",
    ]
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"confirmed": "on"})
    assert len(mailbox.messages) == 4


@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_only_the_team_mails_every_alliance(personas, meeting, role):
    url = reverse("localalliances:leernetwerk-invite", args=[meeting.slug])
    assert personas.client(role).post(url, {"confirmed": "on"}).status_code == 403


def test_only_leernetwerk_meetings_are_sent_and_the_page_is_get_only(personas, client):
    circle = make_event(kind="kenniskring")
    assert (
        personas.client("project_team")
        .get(reverse("localalliances:leernetwerk-invite", args=[circle.slug]))
        .status_code
        == 404
    )
    assert client.post(PAGE).status_code == 405


def test_the_page_costs_the_same_queries_with_one_lesson_or_thirty(personas, client, django_assert_num_queries):
    from alliantie.localalliances import services

    past = make_event(kind="leernetwerk", audience="local", in_days=-3)

    def record(n):
        for i in range(n):
            services.record_lesson(
                alliance=personas.alliance,
                recorded_by=personas.users["project_team"],
                title=f"Les {i}",
                summary="Samen gaat het beter.",
                body="",
                factor="succes",
                phase="bouwen",
                challenges=[],
                sectors=[],
                event=past,
            )

    record(1)
    # 1 the sector choices of the filter; 2 upcoming meetings; 3 past meetings with their lessons; 4 the lessons' count
    # and 5 the page of them with alliance, item and event
    with django_assert_num_queries(5):
        assert client.get(PAGE).status_code == 200
    record(29)
    with django_assert_num_queries(5):
        assert client.get(PAGE).status_code == 200
