"""The local work agenda: goals per opgave with a 3V line, who takes part, what it should reach (a number where one
fits), the involvement of ervaringsdeskundigen, the activities of member partners there, and progress notes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import Challenge, ChangeLine, Municipality
from alliantie.core.tests.factories import make_activity, make_goal, make_organisation
from alliantie.localalliances.models import Goal

pytestmark = pytest.mark.django_db


def create_url(alliance):
    return reverse("localalliances:goal-create", args=[alliance.slug])


def goal_form(**changes) -> dict:
    return {
        "title": "Gezond ontbijt op twee scholen",
        "challenge": Challenge.objects.get(slug="een-gezonde-dag").pk,
        "change_line": ChangeLine.objects.get(code="soften").pk,
        "target": "Elke leerling begint de dag met een gezond ontbijt.",
        "target_number": "300",
        "target_unit": "kinderen",
        "status": "loopt",
        "lived_experience": "consulted",
    } | changes


@pytest.mark.smoke
def test_the_coordinator_adds_a_goal_with_its_participants_and_what_partners_already_do(personas):
    alliance = personas.alliance
    member = alliance.members.get()
    activity = make_activity(personas.organisation, title="Ontbijtclub")
    activity.municipalities.set([Municipality.objects.get(code="GM0637")])
    client = personas.client("coordinator")
    assert "Ontbijtclub (Gemeente Testdorp)" in client.get(create_url(alliance)).content.decode()
    response = client.post(create_url(alliance), goal_form(participants=[member.pk], activities=[activity.pk]))
    assert response["Location"] == alliance.get_absolute_url() + "#agenda"
    goal = Goal.objects.get()
    assert (goal.target_number, goal.target_unit, list(goal.participants.all()), list(goal.activities.all())) == (
        300,
        "kinderen",
        [member],
        [activity],
    )


def test_a_number_needs_what_it_counts_and_activities_must_be_of_members_here(personas):
    alliance = personas.alliance
    client = personas.client("coordinator")
    response = client.post(create_url(alliance), goal_form(target_unit=""))
    assert response.status_code == 400 and 'id="id_target_unit_error"' in response.content.decode()
    outsider = make_activity(make_organisation(), title="Elders")
    refused = client.post(create_url(alliance), goal_form(activities=[outsider.pk]))
    assert refused.status_code == 400 and 'id="id_activities_error"' in refused.content.decode()
    assert not Goal.objects.exists()


def test_html_in_every_text_is_kept_as_text(personas):
    client = personas.client("coordinator")
    client.post(
        create_url(personas.alliance),
        goal_form(title="<b>Ontbijt</b>", target="<script>x()</script>", description="<img src=x onerror=y>"),
    )
    html = client.get(personas.alliance.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Ontbijt&lt;/b&gt;" in html and "<script>x()" not in html and "<img src=x" not in html


def test_progress_is_recorded_with_what_was_reached_and_shown_on_the_agenda(personas):
    goal = make_goal(personas.alliance)
    client = personas.client("coordinator")
    url = reverse("localalliances:goal-progress", args=[personas.alliance.slug, goal.pk])
    client.post(url, {"written_on": timezone.localdate(), "note": "Tweede school doet mee.", "reached_number": "150"})
    goal.refresh_from_db()
    assert goal.reached_number == 150 and goal.percent_reached == 50
    future = client.post(url, {"written_on": timezone.localdate() + timedelta(days=2), "note": "Later."})
    assert future.status_code == 400 and "Deze datum ligt in de toekomst." in future.content.decode()
    html = client.get(personas.alliance.get_absolute_url()).content.decode()
    assert "Tweede school doet mee." in html and "nu 150" in html


def test_a_coordinator_of_another_alliance_gets_403_and_nothing_changes(personas):
    goal = make_goal(personas.alliance, title="Origineel")
    client = personas.client("other_coordinator")
    edit = reverse("localalliances:goal-edit", args=[personas.alliance.slug, goal.pk])
    assert client.post(edit, goal_form(title="Overgenomen")).status_code == 403
    assert client.post(create_url(personas.alliance), goal_form()).status_code == 403
    goal.refresh_from_db()
    assert goal.title == "Origineel" and Goal.objects.count() == 1


def test_a_goal_of_another_alliance_is_a_404_here(personas):
    other_goal = make_goal(personas.other_alliance)
    url = reverse("localalliances:goal-edit", args=[personas.alliance.slug, other_goal.pk])
    assert personas.client("coordinator").get(url).status_code == 404


def test_the_pages_methods(personas):
    goal = make_goal(personas.alliance)
    client = personas.client("coordinator")
    assert client.put(create_url(personas.alliance)).status_code == 405
    assert (
        client.get(reverse("localalliances:goal-progress", args=[personas.alliance.slug, goal.pk])).status_code == 405
    )


def test_the_goal_form_costs_the_same_queries_with_one_member_or_thirty(personas, django_assert_num_queries):
    client = personas.client("coordinator")
    goal = make_goal(personas.alliance)
    url = reverse("localalliances:goal-edit", args=[personas.alliance.slug, goal.pk])
    client.get(url)
    # 1-3 session, person, authenticator; 4 the alliance; 5 the alliances the person coordinates; 6 the goal; 7-8 its
    # participants and activities for the form; 9 its notes; 10-13 the choices: opgaven, lines, members, activities here
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200
    for _ in range(29):
        goal.participants.add(personas.alliance.members.create(organisation=make_organisation()))
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200
