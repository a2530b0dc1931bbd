"""The agenda page: upcoming events filtered by kind, opgave, province and month; past events with their report;
the same number of queries with one event or thirty."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import Challenge, Municipality
from alliantie.core.tests.factories import make_event, make_item, make_registration

pytestmark = pytest.mark.django_db
AGENDA = reverse("events:agenda")


def titles(response) -> list[str]:
    return [card.event.title for card in response.context["page"].object_list]


@pytest.mark.smoke
def test_upcoming_events_are_filtered_by_kind_opgave_province_and_month(client):
    circle = make_event(title="Kenniskring 11", in_days=5)
    academy = make_event(
        kind="publieksacademie",
        title="Publieksacademie Friesland",
        municipality=Municipality.objects.get(code="GM0080"),
        challenges=[Challenge.objects.get(slug="een-gezonde-dag")],
        in_days=40,
    )
    make_event(title="Voorbij", in_days=-10)
    assert titles(client.get(AGENDA)) == [circle.title, academy.title]
    assert titles(client.get(AGENDA, {"soort": "publieksacademie"})) == [academy.title]
    assert titles(client.get(AGENDA, {"opgave": "een-gezonde-dag"})) == [academy.title]
    assert titles(client.get(AGENDA, {"provincie": "PV21"})) == [academy.title]
    month = timezone.localtime(academy.starts_at).strftime("%Y-%m")
    assert academy.title in titles(client.get(AGENDA, {"maand": month}))
    assert client.get(AGENDA, {"maand": "0000-01"}).status_code == 400


def test_past_events_stay_findable_with_their_report(client):
    past = make_event(title="Kenniskring 3", in_days=-30)
    report = make_item(title="Verslag: Kenniskring 3", kind="verslag", event=past)
    response = client.get(AGENDA, {"wanneer": "voorbij"})
    assert titles(response) == [past.title]
    assert reverse("knowledge:item-detail", kwargs={"slug": report.slug}) in response.content.decode()


def test_the_agenda_costs_the_same_queries_with_one_event_or_thirty(client, django_assert_num_queries):
    def fill(n):
        for _ in range(n):
            event = make_event(capacity=10)
            make_registration(event)

    fill(1)
    # 1-2 the filter form's opgaven and provinces; 3 the count; 4 the page's ids; 5 the page's events with places,
    # attendance and report; 6 their opgaven
    with django_assert_num_queries(6):
        assert client.get(AGENDA).status_code == 200
    fill(29)
    with django_assert_num_queries(6):
        response = client.get(AGENDA)
    assert response.status_code == 200 and response.context["page"].paginator.count == 30


def test_an_event_page_costs_the_same_queries_with_one_registration_or_thirty(client, django_assert_num_queries):
    event = make_event(capacity=40)
    make_registration(event)
    # 1 the event, 2 its places and report, 3 organisers, 4 opgaven
    with django_assert_num_queries(4):
        assert client.get(event.get_absolute_url()).status_code == 200
    for _ in range(29):
        make_registration(event)
    with django_assert_num_queries(4):
        response = client.get(event.get_absolute_url())
    assert response.status_code == 200 and response.context["free"] == 10


def test_the_agenda_is_get_only(client):
    assert client.post(AGENDA).status_code == 405


def test_a_team_only_werkbezoek_is_not_shown_to_partners(client, personas):
    visit = make_event(kind="werkbezoek", audience="team", title="Werkbezoek Zoetermeer")
    assert visit.title not in titles(personas.client("member").get(AGENDA))
    assert personas.client("member").get(visit.get_absolute_url()).status_code == 404
    assert visit.title in titles(personas.client("project_team").get(AGENDA))
    assert timezone.now() < visit.starts_at + timedelta(days=1)
