"""Moderation: anyone flags a post with a reason; after COMMUNITY_FLAGS_TO_HIDE flags it is hidden until a moderator
decides; moderators (the team everywhere, a group's own moderators there) see a queue, hide, restore, or remove with a
reason shown to the author; a member the team removes loses access at once, and their posts keep their name."""

import pytest
from django.test import TestCase
from django.urls import reverse

from alliantie.community import services
from alliantie.community.models import Flag, Group, Notification, Post, Removal
from alliantie.community.tests.helpers import gezonde_dag, start, thread_url
from alliantie.core.tests.factories import make_membership, make_user

pytestmark = pytest.mark.django_db


def flag(client, post, reason="kwetsend", note=""):
    return client.post(reverse("community:post-flag", args=[post.pk]), {"reason": reason, "note": note})


def moderate(client, post, action, reason=""):
    prefix = f"m{post.pk}"
    return client.post(
        reverse("community:post-moderate", args=[post.pk]), {f"{prefix}-action": action, f"{prefix}-reason": reason}
    )


@pytest.fixture
def post(personas):
    thread = start(gezonde_dag(), personas.users["member"], title="Gratis ontbijt", body="Kijk op mijn site")
    return thread.posts.get()


def partner_member(personas, email):
    person = make_user(email=email, name=email.split("@")[0].capitalize())
    make_membership(person, personas.other_organisation)
    return person


@pytest.mark.smoke
def test_a_post_flagged_twice_is_hidden_until_a_moderator_decides(personas, post, client):
    assert flag(personas.client("contact"), post, note="Reclame").status_code == 302
    post.refresh_from_db()
    assert (post.status, post.open_flags) == ("visible", 1)
    assert flag(personas.client("outsider"), post, reason="spam").status_code == 302
    post.refresh_from_db()
    assert post.status == "hidden"
    others = personas.client("contact").get(thread_url(post.thread)).content.decode()
    assert "verborgen na meldingen" in others and "Kijk op mijn site" not in others
    own = personas.client("member").get(thread_url(post.thread)).content.decode()
    assert "verborgen na meldingen" in own and "Kijk op mijn site" in own  # the author still reads their post
    queue = personas.client("project_team").get(reverse("community:moderation")).content.decode()
    assert "Gratis ontbijt" in queue and "Reclame" in queue


def test_the_number_of_flags_that_hides_a_post_is_a_setting(personas, post, settings):
    settings.COMMUNITY_FLAGS_TO_HIDE = 3
    flag(personas.client("contact"), post)
    flag(personas.client("outsider"), post)
    post.refresh_from_db()
    assert post.status == "visible" and post.open_flags == 2


def test_nobody_flags_their_own_post_or_the_same_post_twice(personas, post):
    assert flag(personas.client("member"), post).status_code == 403
    flag(personas.client("contact"), post)
    again = flag(personas.client("contact"), post)
    assert again.status_code == 400 and "U heeft dit bericht al gemeld" in again.content.decode()
    assert Flag.objects.count() == 1


def test_a_flag_needs_a_reason(personas, post):
    response = flag(personas.client("contact"), post, reason="")
    assert response.status_code == 400 and "Dit veld is verplicht" in response.content.decode()
    assert not Flag.objects.exists()


def test_removing_needs_a_reason_which_the_author_is_shown_and_told(personas, post):
    team = personas.client("project_team")
    assert moderate(team, post, "verwijderen").status_code == 302
    post.refresh_from_db()
    assert post.status == "visible"
    moderate(team, post, "verwijderen", reason="Reclame hoort niet in de community.")
    post.refresh_from_db()
    assert post.status == "removed" and post.moderated_by == personas.users["project_team"]
    own = personas.client("member").get(thread_url(post.thread)).content.decode()
    assert "Reden: Reclame hoort niet in de community." in own
    others = personas.client("contact").get(thread_url(post.thread)).content.decode()
    assert "verwijderd door een moderator" in others and "Reclame hoort niet" not in others
    assert Notification.objects.filter(user=personas.users["member"], kind="moderated").exists()
    assert personas.client("member").get(reverse("community:post-edit", args=[post.pk])).status_code == 403


def test_restoring_clears_the_flags(personas, post):
    flag(personas.client("contact"), post)
    flag(personas.client("outsider"), post)
    moderate(personas.client("project_team"), post, "terugzetten")
    post.refresh_from_db()
    assert (post.status, post.open_flags) == ("visible", 0)
    assert set(Flag.objects.values_list("decision", flat=True)) == {"dismissed"}
    assert "Gratis ontbijt" not in personas.client("project_team").get(reverse("community:moderation")).content.decode()


def test_a_coordinator_moderates_only_the_groups_they_moderate(personas, post):
    coordinator = personas.client("coordinator")
    assert coordinator.get(reverse("community:moderation")).status_code == 403
    gezonde_dag().moderators.add(personas.users["coordinator"])
    assert coordinator.get(reverse("community:moderation")).status_code == 200
    assert moderate(coordinator, post, "verbergen").status_code == 302
    other = start(Group.objects.get(slug="meedoen"), personas.users["contact"]).posts.get()
    assert moderate(coordinator, other, "verbergen").status_code == 403
    assert moderate(personas.client("member"), post, "terugzetten").status_code == 403
    post.refresh_from_db()
    assert post.status == "hidden"


def test_a_removed_member_loses_access_at_once_and_their_posts_keep_their_name(personas, post, mailbox):
    member = personas.client("member")
    assert member.get(reverse("community:overview")).status_code == 200
    team = personas.client("project_team")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = team.post(
            reverse("community:member-remove"), {"email": "medewerker@example.org", "reason": "Herhaaldelijk reclame."}
        )
    assert response.status_code == 302
    assert member.get(reverse("community:overview")).status_code == 403  # the same session, the next request
    assert member.get(thread_url(post.thread)).status_code == 403
    assert "Herhaaldelijk reclame." in mailbox.body()
    assert "Mila Medewerker" in personas.client("contact").get(thread_url(post.thread)).content.decode()
    removal = Removal.objects.get()
    team.post(reverse("community:removal-lift", args=[removal.pk]))
    assert member.get(reverse("community:overview")).status_code == 200


def test_removing_refuses_an_unknown_address_and_is_for_the_team_only(personas):
    response = personas.client("project_team").post(
        reverse("community:member-remove"), {"email": "niemand@example.org", "reason": "x"}
    )
    assert response.status_code == 400 and "Er is geen actief account" in response.content.decode()
    gezonde_dag().moderators.add(personas.users["coordinator"])
    refused = personas.client("coordinator").post(
        reverse("community:member-remove"), {"email": "medewerker@example.org", "reason": "x"}
    )
    assert refused.status_code == 403 and not Removal.objects.exists()


def test_wrong_methods(personas, post):
    team = personas.client("project_team")
    assert team.get(reverse("community:post-moderate", args=[post.pk])).status_code == 405
    assert team.post(reverse("community:moderation")).status_code == 405


def test_the_queue_costs_the_same_queries_with_one_flagged_post_or_thirty(personas, post, django_assert_num_queries):
    flaggers = [partner_member(personas, f"melder{n}@example.org") for n in range(2)]
    team = personas.client("project_team")
    team.get(reverse("community:moderation"))

    def flag_all():
        for each in Post.objects.filter(open_flags=0):
            for person in flaggers:
                services.flag_post(post=each, flagged_by=person, reason="spam")

    flag_all()
    # 1-2 session and user; 3 removed?; 4 profile; 5 moderated groups exist?; 6 count; 7 posts with thread, group,
    # author; 8 their open flags with who flagged; 9-10 names mentioned; 11 removals
    with django_assert_num_queries(11):
        assert team.get(reverse("community:moderation")).status_code == 200
    thread = post.thread
    for n in range(29):
        services.reply(thread=thread, author=personas.users["contact"], body=f"Reclame {n}")
    flag_all()
    with django_assert_num_queries(11):
        assert team.get(reverse("community:moderation")).status_code == 200
