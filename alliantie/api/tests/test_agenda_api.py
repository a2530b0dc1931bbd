"""The agenda and the kennisbank in the API: public reads with the pages' filters, problem+json for bad input."""

import pytest

from alliantie.core.tests.factories import make_event, make_item

pytestmark = pytest.mark.django_db


def test_events_are_listed_with_their_filters_and_only_public_ones(client):
    event = make_event(title="Kenniskring 11: Armoede signaleren")
    make_event(kind="webinar", title="Webinar geld")
    make_event(audience="partners", title="Alleen partners")
    body = client.get("/api/v1/bijeenkomsten?soort=kenniskring").json()
    assert [e["titel"] for e in body["results"]] == [event.title]
    assert body["results"][0]["opgaven"] == ["meedoen"] and body["results"][0]["ical"].endswith(".ics")
    assert client.get(f"/api/v1/bijeenkomsten/{event.slug}").json()["slug"] == event.slug
    assert client.get("/api/v1/bijeenkomsten/alleen-partners").status_code == 404


def test_bad_filters_are_problems_in_dutch(client):
    response = client.get("/api/v1/bijeenkomsten?maand=2026-13")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["maand"]
    misspelt = client.get("/api/v1/bijeenkomsten?soortt=kenniskring")
    assert misspelt.status_code == 400 and misspelt.json()["invalidParams"][0]["name"] == "soortt"
    assert client.get("/api/v1/kennisbank?zoek=%00").status_code == 400


def test_the_kennisbank_is_searched_in_dutch_through_the_api(client):
    item = make_item(title="Schuld en stress", body="Over schuld.")
    make_item(title="Sport", body="Meedoen.", status="draft", published_at=None)
    body = client.get("/api/v1/kennisbank?zoek=schulden").json()
    assert [i["slug"] for i in body["results"]] == [item.slug]
    assert client.get(f"/api/v1/kennisbank/{item.slug}").json()["kennisbron"] == "praktijk"


def test_the_figures_count_held_events_and_people_who_came(client):
    from alliantie.core.tests.factories import make_registration

    past = make_event(in_days=-30)
    make_registration(past, attended_at=past.starts_at)
    make_registration(past)
    figures = client.get("/api/v1/bijeenkomsten/cijfers?soort=kenniskring").json()
    assert figures == [{"jaar": past.starts_at.year, "gehouden": 1, "aanwezigen": 1}]
