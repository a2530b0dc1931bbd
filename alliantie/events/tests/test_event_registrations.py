"""The organiser's list of registrations, its export, and the check-in list on a phone (the QR code's address)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from alliantie.core.tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(personas):
    event = make_event(capacity=2)
    event.organisers.set([personas.organisation])
    return event


def url(name, event, **kwargs) -> str:
    return reverse(f"events:{name}", kwargs={"slug": event.slug, **kwargs})


def test_the_organiser_sees_everyone_with_status_and_exports_them(personas, event):
    make_registration(event, name='=HYPERLINK("x")', email="a@example.org")
    make_registration(event, name="Bo", status="waiting", confirmed_at=None)
    page = personas.client("contact").get(url("event-registrations", event))
    assert page.status_code == 200 and "Bo" in page.content.decode() and "nummer 1" in page.content.decode()
    csv = personas.client("member").get(url("event-export", event, fmt="csv"))
    assert csv.status_code == 200 and "'=HYPERLINK" in csv.content.decode("utf-8-sig")
    xlsx = personas.client("project_team").get(url("event-export", event, fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "Naam" and sheet.max_row == 3
    assert personas.client("project_team").get(url("event-export", event, fmt="pdf")).status_code == 404
    assert personas.client("outsider").get(url("event-registrations", event)).status_code == 403
    assert personas.client("anonymous").get(url("event-export", event, fmt="csv")).status_code == 302


def test_the_list_costs_the_same_queries_with_one_or_thirty_registrations(personas, event, django_assert_num_queries):
    client = personas.client("project_team")
    make_registration(event)
    client.get(url("event-registrations", event))  # warm the session and the second-factor device
    # 1 session, 2 user, 3 the second-factor device, 4 the user's partner organisations (for events they
    # co-organise), 5 the event, 6 the registrations with their accounts
    with django_assert_num_queries(6):
        assert client.get(url("event-registrations", event)).status_code == 200
    for _ in range(29):
        make_registration(event)
    with django_assert_num_queries(6):
        assert client.get(url("event-registrations", event)).status_code == 200


def test_scanning_a_qr_code_checks_the_person_in_once_and_the_list_counts(personas, event):
    registration = make_registration(event, name="Sem")
    client = personas.client("member")
    scan = url("checkin-scan", event, code=registration.checkin_code.lower())
    assert "Sem" in client.get(scan).content.decode()
    assert client.post(scan).status_code == 302
    registration.refresh_from_db()
    assert registration.attended_at and registration.checked_in_by == personas.users["member"]
    again = client.post(scan, follow=True).content.decode()
    assert "was al aanwezig gemeld" in again and "1 van 1 aanwezig" in again
    client.post(url("checkin-toggle", event, pk=registration.pk), {"actie": "ongedaan"})
    registration.refresh_from_db()
    assert registration.attended_at is None
    assert client.get(url("checkin-scan", event, code="ONBEKEND")).status_code == 404
    assert personas.client("outsider").post(scan).status_code == 403


def test_someone_without_a_place_is_not_checked_in(personas, event):
    waiting = make_registration(event, name="Wacht", status="waiting", confirmed_at=None)
    page = personas.client("project_team").post(url("checkin-scan", event, code=waiting.checkin_code), follow=True)
    assert "heeft geen plaats" in page.content.decode()
    waiting.refresh_from_db()
    assert waiting.attended_at is None


def test_the_check_in_list_filters_by_name_and_is_get_only(personas, event):
    make_registration(event, name="Anna")
    make_registration(event, name="Bram")
    page = personas.client("project_team").get(url("checkin", event), {"zoek": "bra"}).content.decode()
    assert "Bram" in page and "Anna" not in page
    assert personas.client("project_team").post(url("checkin", event)).status_code == 405
