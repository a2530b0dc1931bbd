"""Searching the community: threads whose title or a visible post has every word (Dutch stemming on PostgreSQL), only
for members, never hidden or removed posts, and never in the site's public search."""

import pytest
from django.test import Client
from django.urls import reverse

from alliantie.community import services
from alliantie.community.tests.helpers import gezonde_dag, start

pytestmark = pytest.mark.django_db
URL = reverse("community:search")


@pytest.mark.smoke
def test_members_find_threads_by_title_and_by_what_was_answered(personas):
    thread = start(gezonde_dag(), personas.users["member"], title="Schoolontbijt starten", body="Tips?")
    other = start(gezonde_dag(), personas.users["member"], title="Iets anders", body="Over huiswerk")
    services.reply(thread=other, author=personas.users["contact"], body="Wij organiseren een ontbijtclub")
    client = personas.client("outsider")
    found = client.get(URL, {"zoek": "schoolontbijt"}).content.decode()
    assert thread.title in found and "Iets anders" not in found
    assert "Iets anders" in client.get(URL, {"zoek": "ontbijtclub"}).content.decode()


def test_hidden_posts_are_not_found_and_outsiders_cannot_search(personas):
    thread = start(gezonde_dag(), personas.users["member"], title="Vraag", body="geheimwoord")
    services.moderate_post(post=thread.posts.get(), moderator=personas.users["project_team"], action="verbergen")
    assert "Vraag" not in personas.client("contact").get(URL, {"zoek": "geheimwoord"}).content.decode()
    assert Client().get(URL, {"zoek": "geheimwoord"}).status_code == 302
    public = Client().get(reverse("knowledge:search"), {"zoek": "geheimwoord"}).content.decode()
    assert "Vraag" not in public
    assert personas.client("contact").get(URL, {"zoek": "x" * 201}).status_code == 400
