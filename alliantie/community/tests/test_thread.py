"""Threads and replies: a partner asks a question in "Een gezonde dag", another answers; what people write is shown
inert (HTML and script escaped, only http(s) links, with rel="nofollow ugc"); mentions of group members notify them,
a mention of someone outside the group neither notifies them nor shows their name; the page costs the same queries
with one post or thirty."""

import pytest
from django.urls import reverse

from alliantie.community import services
from alliantie.community.models import GroupMember, Mention, Notification, Post, Thread
from alliantie.community.tests.helpers import answer, ask, gezonde_dag, start, thread_url

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_a_partner_asks_a_question_and_another_answers(personas):
    group = gezonde_dag()
    asked = ask(personas.client("member"), group)
    thread = Thread.objects.get()
    assert asked.status_code == 302 and asked["Location"] == thread_url(thread)
    assert thread.is_question and thread.author == personas.users["member"]
    assert GroupMember.objects.filter(group=group, user=personas.users["member"]).exists()  # posting joins
    replied = answer(personas.client("outsider"), thread)
    assert replied.status_code == 302
    page = personas.client("member").get(thread_url(thread)).content.decode()
    assert "Wij starten in maart." in page and "Wij doen het al twee jaar" in page
    assert "Olga Outsider" in page
    assert Notification.objects.filter(user=personas.users["member"], kind="reply").exists()
    group.refresh_from_db()
    assert (group.thread_count, group.post_count) == (1, 2)


def test_html_and_script_in_a_post_are_shown_as_text_and_links_get_nofollow_ugc(personas):
    body = (
        '<script>alert("x")</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">klik</a>\n'
        "Zie https://example.org/ontbijt?a=1&b=<2> en javascript:alert(2)"
    )
    ask(personas.client("member"), gezonde_dag(), body=body, title="<b>Vet</b>")
    thread = Thread.objects.get()
    html = personas.client("contact").get(thread_url(thread)).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<a href="https://example.org/ontbijt?a=1&amp;b=" rel="nofollow ugc noopener">' in html
    assert "&lt;b&gt;Vet&lt;/b&gt;" in html


def test_a_mention_of_a_group_member_notifies_them_and_shows_their_name(personas):
    group = gezonde_dag()
    services.join_group(group=group, user=personas.users["contact"])  # handle: cas-contact
    ask(personas.client("member"), group, body="@cas-contact weet jij dit?")
    post = Post.objects.get()
    assert post.body == f"@[persoon:{personas.users['contact'].pk}] weet jij dit?"
    assert Notification.objects.filter(user=personas.users["contact"], kind="mention").exists()
    page = personas.client("outsider").get(thread_url(post.thread)).content.decode()
    assert '<span class="mention">@Cas Contact</span>' in page


def test_a_mention_of_someone_outside_the_group_neither_notifies_nor_shows_their_name(personas):
    services.ensure_profile(user=personas.users["outsider"])  # handle olga-outsider, not in the group
    ask(
        personas.client("member"),
        gezonde_dag(),
        body=f"@olga-outsider en @[persoon:{personas.users['outsider'].pk}] zie dit",
    )
    post = Post.objects.get()
    assert not Mention.objects.exists()
    assert not Notification.objects.filter(user=personas.users["outsider"]).exists()
    page = personas.client("contact").get(thread_url(post.thread)).content.decode()
    assert "Olga Outsider" not in page  # a typed token is neutralised, not resolved
    assert "@olga-outsider" in page


def test_mentioning_an_organisation_notifies_its_people_in_the_group(personas):
    group = gezonde_dag()
    services.join_group(group=group, user=personas.users["outsider"])  # of Voedselbank Elders
    ask(personas.client("member"), group, body="Misschien kan @voedselbank-elders helpen?")
    assert Notification.objects.filter(user=personas.users["outsider"], kind="mention").exists()
    page = personas.client("member").get(thread_url(Thread.objects.get())).content.decode()
    assert (
        "@Voedselbank Elders" in page and reverse("partners:organisation-detail", args=["voedselbank-elders"]) in page
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Dit veld is verplicht"),
        ({"body": ""}, "Dit veld is verplicht"),
        ({"title": "Vraag\u202e"}, "leesrichting"),
        ({"kind": "peiling"}, "Selecteer een geldige keuze"),
        ({"body": "x" * 20_001}, "niet meer dan 20000"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message_and_nothing_is_saved(personas, data, message):
    response = ask(personas.client("member"), gezonde_dag(), **data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Thread.objects.exists() and not Post.objects.exists()


def test_posting_often_is_stopped_for_a_while(personas, settings):
    settings.COMMUNITY_POSTS_PER_HOUR = 1
    client = personas.client("member")
    assert ask(client, gezonde_dag()).status_code == 302
    limited = ask(client, gezonde_dag(), title="Nog een")
    assert limited.status_code == 429 and "Probeer het straks opnieuw" in limited.content.decode()


def test_outsiders_of_the_community_and_wrong_methods(personas, client):
    from alliantie.core.tests.factories import make_user

    thread = start(gezonde_dag(), personas.users["member"])
    assert client.get(thread_url(thread)).status_code == 302  # to the login page
    stranger = make_user(email="geen-partner@example.org")
    client.force_login(stranger)
    assert client.get(thread_url(thread)).status_code == 403
    member = personas.client("member")
    assert member.post(thread_url(thread)).status_code == 405
    assert member.get(reverse("community:reply", args=[thread.group.slug, thread.pk])).status_code == 405
    assert member.get(reverse("community:thread", args=[thread.group.slug, 999999])).status_code == 404
    assert member.get(reverse("community:thread", args=["meedoen", thread.pk])).status_code == 404


def test_the_thread_page_costs_the_same_queries_with_one_post_or_thirty(personas, django_assert_num_queries):
    group = gezonde_dag()
    thread = start(group, personas.users["member"], body="@cas-contact vraag")
    client = personas.client("contact")
    client.get(thread_url(thread))  # makes the profile once

    # 1-2 session and user; 3 member of a partner (community access); 4 removed?; 5 profile; 6 group; 7 thread;
    # 8 moderator of the group?; 9 count; 10 posts with authors; 11 attachments; 12-13 names mentioned (people,
    # organisations); 14 my flags; 15 who can be mentioned; 16 member count; 17-20 marking it read (savepoint, the read
    # mark, the thread's notifications, release)
    def queries():
        with django_assert_num_queries(20):
            assert client.get(thread_url(thread)).status_code == 200

    queries()
    for n in range(29):
        services.reply(thread=thread, author=personas.users["outsider"], body=f"Reactie {n} voor @voedselbank-elders")
    queries()
