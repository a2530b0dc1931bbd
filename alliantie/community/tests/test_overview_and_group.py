"""The community's front page and a group's page: only for partners' people, coordinators and the team (visitors go to
the login page, anyone else gets 403), never indexed; joining and leaving a group; what is new to me; the same
queries with one group or thread as with thirty."""

import pytest
from django.test import Client
from django.urls import reverse

from alliantie.community import services
from alliantie.community.models import Group, GroupMember
from alliantie.community.tests.helpers import gezonde_dag, start
from alliantie.core.tests.factories import make_membership, make_organisation, make_user

pytestmark = pytest.mark.django_db
OVERVIEW = reverse("community:overview")


@pytest.mark.smoke
def test_members_coordinators_and_the_team_see_the_groups_and_it_is_never_indexed(personas):
    for role in ("member", "contact", "outsider", "coordinator", "project_team", "administrator"):
        response = personas.client(role).get(OVERVIEW)
        assert response.status_code == 200, role
        assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    page = personas.client("member").get(OVERVIEW).content.decode()
    assert "Een gezonde dag" in page and "Kennismaken en partners vinden" in page


def test_visitors_go_to_the_login_page_and_people_without_a_partner_get_403(personas):
    assert Client().get(OVERVIEW)["Location"].startswith("/account/inloggen/")
    applicant = make_user(email="aanvrager@example.org")
    make_membership(applicant, make_organisation(status="applied"))
    client = Client()
    client.force_login(applicant)
    assert client.get(OVERVIEW).status_code == 403
    assert client.get(gezonde_dag().get_absolute_url()).status_code == 403


def test_joining_and_leaving_a_group(personas):
    client = personas.client("member")
    url = reverse("community:group-membership", args=["een-gezonde-dag"])
    assert client.post(url).status_code == 302
    assert GroupMember.objects.filter(user=personas.users["member"], group=gezonde_dag()).exists()
    assert "U bent lid" in client.get(gezonde_dag().get_absolute_url()).content.decode()
    client.post(url, {"actie": "verlaten"})
    assert not GroupMember.objects.exists()
    assert client.get(url).status_code == 405


def test_a_thread_with_news_is_marked_until_read(personas):
    services.join_group(group=gezonde_dag(), user=personas.users["contact"])
    thread = start(gezonde_dag(), personas.users["member"], title="Nieuw gesprek")
    client = personas.client("contact")
    assert "1 gesprek met nieuwe berichten" in client.get(OVERVIEW).content.decode()
    client.get(thread.get_absolute_url())
    assert "nieuwe berichten" not in client.get(OVERVIEW).content.decode()
    services.reply(thread=thread, author=personas.users["member"], body="Nog iets")
    assert "1 gesprek met nieuwe berichten" in client.get(OVERVIEW).content.decode()


def test_an_archived_group_is_read_only_and_hidden_for_members(personas):
    thread = start(gezonde_dag(), personas.users["member"])
    Group.objects.filter(pk=gezonde_dag().pk).update(is_archived=True)
    assert personas.client("member").get(thread.get_absolute_url()).status_code == 404
    assert personas.client("project_team").get(thread.get_absolute_url()).status_code == 200
    assert (
        personas.client("project_team").get(reverse("community:thread-create", args=["een-gezonde-dag"])).status_code
        == 403
    )


def test_the_team_makes_a_group_with_moderators_and_others_cannot(personas):
    data = {
        "name": "Lokale alliantie Zoetermeer",
        "kind": "lokaal",
        "description": "Voor Zoetermeer.",
        "moderators": [personas.users["coordinator"].pk],
    }
    assert personas.client("member").post(reverse("community:group-create"), data).status_code == 403
    response = personas.client("project_team").post(reverse("community:group-create"), data)
    group = Group.objects.get(name="Lokale alliantie Zoetermeer")
    assert response.status_code == 302 and list(group.moderators.all()) == [personas.users["coordinator"]]
    refused = personas.client("project_team").post(reverse("community:group-create"), {"name": "X", "kind": "opgave"})
    assert refused.status_code == 400 and "Kies de opgave van deze groep" in refused.content.decode()
    reserved = personas.client("project_team").post(
        reverse("community:group-create"), {"name": "Zoeken", "kind": "onderwerp"}
    )
    assert Group.objects.get(name="Zoeken").slug == "zoeken-2" and reserved.status_code == 302


def test_the_overview_costs_the_same_queries_with_one_group_or_thirty(personas, django_assert_num_queries):
    client = personas.client("member")
    services.join_group(group=gezonde_dag(), user=personas.users["member"])
    client.get(OVERVIEW)
    # 1-2 session and user; 3 partner member; 4 removed?; 5 profile; 6 groups; 7 my memberships; 8 unread per group;
    # 9 latest threads; 10 unread notifications; 11 consent for mail; 12 moderator anywhere?
    with django_assert_num_queries(12):
        assert client.get(OVERVIEW).status_code == 200
    for n in range(30):
        group = services.save_group(
            saved_by=personas.users["project_team"], name=f"Onderwerp {n}", kind="onderwerp", description=""
        )
        services.join_group(group=group, user=personas.users["member"])
        start(group, personas.users["contact"], title=f"Gesprek {n}")
    with django_assert_num_queries(12):
        assert client.get(OVERVIEW).status_code == 200


def test_a_group_page_costs_the_same_queries_with_one_thread_or_thirty(personas, django_assert_num_queries):
    client = personas.client("member")
    group = gezonde_dag()
    start(group, personas.users["contact"], title="Eerste")
    client.get(group.get_absolute_url())
    # 1-2 session and user; 3 partner member; 4 removed?; 5 profile; 6 group; 7 my membership; 8 count; 9 threads with
    # their author and my read mark; 10 moderators; 11 moderator?
    with django_assert_num_queries(11):
        assert client.get(group.get_absolute_url()).status_code == 200
    for n in range(30):
        start(group, personas.users["contact"], title=f"Gesprek {n}")
    with django_assert_num_queries(11):
        assert client.get(group.get_absolute_url()).status_code == 200
