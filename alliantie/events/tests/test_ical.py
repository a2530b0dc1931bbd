"""Calendars parsed by an independent parser (the icalendar package): stable UIDs, Amsterdam time with its
VTIMEZONE across summer and winter time, no ORGANIZER, the online link only for registered people; the Atom feed."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from icalendar import Calendar

from alliantie.core.models import Challenge
from alliantie.core.tests.factories import make_event, make_registration
from alliantie.events import links
from alliantie.events.services import personal_feed

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_an_event_across_the_change_to_winter_time_keeps_its_local_hours_and_uid(client):
    # 25 October 2026 is the last Sunday of October: summer time ends at 03:00.
    start = datetime(2026, 10, 25, 14, 0, tzinfo=AMSTERDAM)
    event = make_event(starts_at=start, ends_at=start + timedelta(hours=2), online_url="https://meet.example.org/x")
    calendar = parse(client.get(reverse("events:event-ical", kwargs={"slug": event.slug})))
    assert calendar["VERSION"] == "2.0" and "Alliantie" in str(calendar["PRODID"])
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Amsterdam"]
    assert {c.name for c in timezones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == start and vevent.decoded("DTSTART").utcoffset() == timedelta(hours=1)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert str(vevent["UID"]) == f"{event.uid}@alliantie-kinderarmoede"
    assert "ORGANIZER" not in vevent and "ATTENDEE" not in vevent
    assert (
        "meet.example.org" not in client.get(reverse("events:event-ical", kwargs={"slug": event.slug})).content.decode()
    )
    again = parse(client.get(reverse("events:event-ical", kwargs={"slug": event.slug})))
    assert str(again.walk("VEVENT")[0]["UID"]) == str(vevent["UID"])
    for line in client.get(reverse("events:event-ical", kwargs={"slug": event.slug})).content.split(b"\r\n"):
        assert len(line) <= 75  # folded as RFC 5545 asks


def test_feeds_per_kind_and_opgave_hold_only_their_events_and_cancelled_ones_say_so(client):
    circle = make_event(kind="kenniskring")
    academy = make_event(kind="publieksacademie", challenges=[Challenge.objects.get(slug="een-gezonde-dag")])
    academy.status = "cancelled"
    academy.save()
    make_event(audience="partners", title="Alleen voor partners")

    def uids(name, **kwargs) -> set[str]:
        return {str(e["UID"]).split("@")[0] for e in parse(client.get(reverse(name, kwargs=kwargs))).walk("VEVENT")}

    assert uids("events:feed-ical") == {str(circle.uid), str(academy.uid)}
    assert uids("events:feed-kind", kind_slug="kenniskringen") == {str(circle.uid)}
    assert uids("events:feed-challenge", slug="een-gezonde-dag") == {str(academy.uid)}
    cancelled = parse(client.get(reverse("events:feed-kind", kwargs={"kind_slug": "publieksacademies"})))
    assert str(cancelled.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    assert client.get(reverse("events:feed-kind", kwargs={"kind_slug": "bestaat-niet"})).status_code == 404


def test_the_personal_feed_behind_a_secret_address_has_ones_own_events_with_the_online_link(client, personas):
    event = make_event(online_url="https://meet.example.org/kk")
    make_event(title="Niet aangemeld")
    make_registration(event, user=personas.users["member"], email="medewerker@example.org")
    feed = personal_feed(user=personas.users["member"])
    url = reverse("events:feed-personal", kwargs={"token": links.feed_token(feed)})
    calendar = parse(client.get(url))
    (vevent,) = calendar.walk("VEVENT")
    assert "meet.example.org/kk" in str(vevent["DESCRIPTION"])
    renewed = personas.client("member").post(reverse("events:renew-feed"))
    assert renewed.status_code == 302
    assert client.get(url).status_code == 404  # the old address stops working
    assert client.get(reverse("events:feed-personal", kwargs={"token": "x:y"})).status_code == 404


def test_the_agenda_announces_its_feeds_and_the_atom_feed_lists_upcoming_events(client):
    event = make_event(title="Publieksacademie <Brabant>")
    html = client.get(reverse("events:agenda")).content.decode()
    assert '<link rel="alternate" type="text/calendar"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    response = client.get(reverse("events:feed-atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert any(t.startswith("Publieksacademie <Brabant>") for t in titles)
    assert feed.find("a:entry/a:id", ns).text == f"urn:uuid:{event.uid}"


def test_feeds_are_get_only(client):
    assert client.post(reverse("events:feed-ical")).status_code == 405
