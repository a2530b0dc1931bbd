"""A person's own registrations and their secret calendar address; the kenniskring series with figures per year."""

import pytest
from django.urls import reverse

from alliantie.core.tests.factories import make_event, make_item, make_registration

pytestmark = pytest.mark.django_db


def test_a_person_sees_their_registrations_and_their_calendar_address(personas):
    event = make_event(title="Kenniskring 12")
    make_registration(event, user=personas.users["member"], email="medewerker@example.org")
    make_registration(make_event(title="Van een ander"))
    page = personas.client("member").get(reverse("events:my-registrations")).content.decode()
    assert "Kenniskring 12" in page and "Van een ander" not in page and "/agenda/persoonlijk/" in page
    assert personas.client("anonymous").get(reverse("events:my-registrations")).status_code == 302
    assert personas.client("member").get(reverse("events:renew-feed")).status_code == 405


def test_the_series_lists_every_edition_with_its_report_and_the_figures_per_year(client):
    held = make_event(title="Kenniskring 1: De feiten", series_number=1, in_days=-400)
    make_registration(held, attended_at=held.starts_at)
    make_item(title="Verslag: Kenniskring 1", kind="verslag", event=held)
    make_event(title="Kenniskring 2: Later", series_number=2, in_days=20)
    make_event(kind="webinar", title="Geen kenniskring")
    response = client.get(reverse("events:series"))
    html = response.content.decode()
    assert "Kenniskring 1: De feiten" in html and "Kenniskring 2: Later" in html and "Geen kenniskring" not in html
    assert "Lees het verslag" in html
    figures = response.context["figures"]
    assert [(f.year, f.held, f.people) for f in figures] == [(held.starts_at.year, 1, 1)]
    assert client.post(reverse("events:series")).status_code == 405
