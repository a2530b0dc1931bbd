"""Lessons: after a leernetwerk meeting an alliance records a succes- or faalfactor; it is published at once as a
kennisbank item of kind "les" and found from every alliance's page by searching ("what did other alliances learn about
involving employers?")."""

from datetime import timedelta

import pytest
from django.urls import reverse

from alliantie.core.models import Challenge, Sector
from alliantie.core.tests.factories import make_event
from alliantie.knowledge.models import Item
from alliantie.localalliances.models import Lesson

pytestmark = pytest.mark.django_db


def url(alliance):
    return reverse("localalliances:lesson-create", args=[alliance.slug])


def lesson_form(event=None, **changes) -> dict:
    return {
        "title": "Werkgevers bereik je via de ondernemersvereniging",
        "factor": "succes",
        "summary": "Een brief aan werkgevers leverde niets op; een bijeenkomst bij de ondernemersvereniging wel.",
        "body": "Vraag een werkgever die al meedoet om anderen uit te nodigen.",
        "phase": "bouwen",
        "event": event.pk if event else "",
        "challenges": [Challenge.objects.get(slug="signaleren-en-ondersteunen-als-werkgever").pk],
        "sectors": [Sector.objects.get(slug="werkgever").pk],
        "visibility": "public",
    } | changes


@pytest.fixture
def meeting(db):
    return make_event(kind="leernetwerk", audience="local", title="Leernetwerk 2026-3", in_days=-2)


@pytest.mark.smoke
def test_a_lesson_becomes_a_published_les_that_another_alliance_finds_by_searching(personas, meeting, client):
    response = personas.client("coordinator").post(url(personas.alliance), lesson_form(meeting))
    lesson = Lesson.objects.get()
    assert response["Location"] == lesson.item.get_absolute_url()
    assert (lesson.item.kind, lesson.item.status, lesson.factor, lesson.phase, lesson.event) == (
        "les",
        "published",
        "succes",
        "bouwen",
        meeting,
    )
    assert lesson.item.body.startswith("Lokale alliantie Testdorp (Zoetermeer), fase bouwen, succesfactor.")
    assert lesson.item.event is None  # the meeting is the lesson's; an item of an event is its report
    meeting_page = personas.client("member").get(meeting.get_absolute_url())
    assert meeting_page.status_code == 200 and "Lees het verslag" not in meeting_page.content.decode()
    # from the other alliance's page, its coordinator searches the lessons
    other_page = personas.client("other_coordinator").get(personas.other_alliance.get_absolute_url()).content.decode()
    assert 'name="soort" value="les"' in other_page
    found = personas.client("other_coordinator").get(
        reverse("knowledge:search"), {"soort": "les", "zoek": "werkgevers betrekken"}
    )
    assert [r.document.title for r in found.context["page"].object_list] == [lesson.item.title]
    # and the alliance's own page lists it, also for visitors
    assert lesson.item.title in client.get(personas.alliance.get_absolute_url()).content.decode()


def test_a_lesson_for_partners_only_is_not_found_by_visitors(personas, client):
    personas.client("coordinator").post(url(personas.alliance), lesson_form(visibility="partners"))
    item = Item.objects.get(kind="les")
    assert client.get(item.get_absolute_url()).status_code == 404
    assert personas.client("member").get(item.get_absolute_url()).status_code == 200


def test_the_event_must_be_a_leernetwerk_meeting_that_took_place(personas, meeting):
    other = make_event(kind="kenniskring", in_days=-5)
    future = make_event(kind="leernetwerk", audience="local", in_days=10)
    client = personas.client("coordinator")
    for event in (other, future):
        response = client.post(url(personas.alliance), lesson_form(event))
        assert response.status_code == 400 and 'id="id_event_error"' in response.content.decode()
    assert not Lesson.objects.exists() and not Item.objects.filter(kind="les").exists()


def test_hostile_input_is_refused_at_the_field_and_html_stays_text(personas):
    client = personas.client("coordinator")
    refused = client.post(url(personas.alliance), lesson_form(title="", summary="", factor="beide"))
    assert refused.status_code == 400
    for field in ("title", "summary", "factor"):
        assert f'id="id_{field}_error"' in refused.content.decode()
    client.post(url(personas.alliance), lesson_form(summary="<script>x()</script>"))
    html = client.get(Item.objects.get(kind="les").get_absolute_url()).content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt;" in html and "<script>x()" not in html


def test_a_coordinator_of_another_alliance_cannot_record_for_it(personas):
    response = personas.client("other_coordinator").post(url(personas.alliance), lesson_form())
    assert response.status_code == 403 and not Lesson.objects.exists()


def test_the_form_takes_get_and_post_only(personas):
    assert personas.client("coordinator").put(url(personas.alliance)).status_code == 405
    assert timedelta  # noqa: B018 - imported for the fixtures' dates
