"""A question's asker marks the answer that helped; the team turns a good thread into a draft kennisbank item (for
partners until published) with the question, the answer and the organisations of who wrote them."""

import pytest
from django.urls import reverse

from alliantie.community import services
from alliantie.community.models import Notification, Thread
from alliantie.community.tests.helpers import gezonde_dag, start, thread_url
from alliantie.knowledge.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(personas):
    thread = start(gezonde_dag(), personas.users["member"], title="Hoe start je een schoolontbijt?", body="Tips?")
    services.join_group(group=gezonde_dag(), user=personas.users["contact"])
    answer = services.reply(
        thread=thread, author=personas.users["outsider"], body="Begin klein, met @cas-contact en ouders erbij."
    )
    return thread, answer


def accept(client, thread, post):
    return client.post(reverse("community:accept-answer", args=[thread.group.slug, thread.pk, post.pk]))


@pytest.mark.smoke
def test_the_asker_marks_the_answer_that_helped(personas, question):
    thread, answer = question
    page = personas.client("member").get(thread_url(thread)).content.decode()
    assert "Dit antwoord hielp mij" in page
    assert accept(personas.client("member"), thread, answer).status_code == 302
    thread.refresh_from_db()
    assert thread.answer == answer
    assert Notification.objects.filter(user=personas.users["outsider"], kind="answer").exists()
    page = personas.client("contact").get(thread_url(thread)).content.decode()
    assert "Het antwoord dat hielp" in page and "beantwoorde vraag" in page


def test_only_the_asker_marks_an_answer_and_only_a_reply(personas, question):
    thread, answer = question
    assert accept(personas.client("contact"), thread, answer).status_code == 403
    assert accept(personas.client("project_team"), thread, answer).status_code == 403
    refused = accept(personas.client("member"), thread, thread.posts.get(is_opening=True))
    assert refused.status_code == 302 and Thread.objects.get().answer is None
    assert "Dit antwoord hielp mij" not in personas.client("contact").get(thread_url(thread)).content.decode()


def test_the_team_turns_the_thread_into_a_draft_kennisbank_item(personas, question):
    thread, answer = question
    services.accept_answer(thread=thread, post=answer, accepted_by=personas.users["member"])
    response = personas.client("project_team").post(
        reverse("community:to-knowledge", args=[thread.group.slug, thread.pk])
    )
    item = Item.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert (item.status, item.visibility, item.kind) == ("draft", "partners", "goede_praktijk")
    assert item.title == "Hoe start je een schoolontbijt?"
    assert "Het antwoord dat hielp:" in item.body and "Begin klein" in item.body
    assert "Cas Contact" not in item.body and "een collega" in item.body  # people mentioned are left out by name
    assert [c.slug for c in item.challenges.all()] == ["een-gezonde-dag"]
    assert {o.name for o in item.author_organisations.all()} == {"Gemeente Testdorp", "Voedselbank Elders"}
    thread.refresh_from_db()
    assert thread.knowledge_item == item
    again = personas.client("project_team").post(reverse("community:to-knowledge", args=[thread.group.slug, thread.pk]))
    assert again.status_code == 302 and Item.objects.count() == 1
    assert item.title in personas.client("member").get(thread_url(thread)).content.decode()


def test_only_the_team_turns_a_thread_into_knowledge(personas, question):
    thread, _answer = question
    for role in ("member", "coordinator", "outsider"):
        response = personas.client(role).post(reverse("community:to-knowledge", args=[thread.group.slug, thread.pk]))
        assert response.status_code == 403
    assert (
        personas.client("member")
        .get(reverse("community:to-knowledge", args=[thread.group.slug, thread.pk]))
        .status_code
        == 405
    )
    assert not Item.objects.exists()
