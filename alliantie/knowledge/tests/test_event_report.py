"""After an event its organiser records what was shared; it becomes a kennisbank item of kind verslag, linked to the
event and tagged like it. A partner's report goes to the team first."""

import pytest
from django.urls import reverse

from alliantie.core.tests.factories import make_event
from alliantie.knowledge.models import Item

pytestmark = pytest.mark.django_db
REPORT = {
    "summary": "Wat we leerden over armoede in de klas.",
    "shared": "Leerkrachten deelden signalen.",
    "lessons": "",
}


def test_the_teams_report_is_published_at_once_and_found(personas, client):
    event = make_event(in_days=-2, title="Kenniskring 4: Schulden en stress")
    response = personas.client("project_team").post(
        reverse("knowledge:event-report", kwargs={"slug": event.slug}), REPORT
    )
    item = Item.objects.get()
    assert response["Location"] == item.get_absolute_url()
    assert (item.kind, item.status, item.event, item.title) == (
        "verslag",
        "published",
        event,
        "Verslag: Kenniskring 4: Schulden en stress",
    )
    assert list(item.challenges.all()) == list(event.challenges.all())
    found = client.get(reverse("knowledge:search"), {"zoek": "armoede klas", "soort": "verslag"}).context["page"]
    assert [r.document.title for r in found.object_list] == [item.title]
    # writing it again updates the same item
    personas.client("project_team").post(
        reverse("knowledge:event-report", kwargs={"slug": event.slug}), REPORT | {"lessons": "Vraag zonder oordeel."}
    )
    assert Item.objects.get().lessons == "Vraag zonder oordeel."


def test_a_co_organising_partners_report_waits_for_the_team(personas):
    event = make_event(in_days=-2)
    event.organisers.set([personas.organisation])
    personas.client("member").post(reverse("knowledge:event-report", kwargs={"slug": event.slug}), REPORT)
    assert Item.objects.get().status == "in_review"


def test_a_report_before_the_event_or_by_an_outsider_is_refused(personas):
    upcoming = make_event(in_days=3)
    response = personas.client("project_team").post(
        reverse("knowledge:event-report", kwargs={"slug": upcoming.slug}), REPORT
    )
    assert response.status_code == 400 and "na de bijeenkomst" in response.content.decode()
    past = make_event(in_days=-3)
    assert (
        personas.client("outsider")
        .post(reverse("knowledge:event-report", kwargs={"slug": past.slug}), REPORT)
        .status_code
        == 403
    )
    assert (
        personas.client("project_team")
        .post(reverse("knowledge:event-report", kwargs={"slug": past.slug}), {"summary": ""})
        .status_code
        == 400
    )
    assert not Item.objects.exists()
    assert (
        personas.client("project_team").put(reverse("knowledge:event-report", kwargs={"slug": past.slug})).status_code
        == 405
    )
