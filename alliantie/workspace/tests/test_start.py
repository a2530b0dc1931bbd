"""'Mijn werk': every role lands on its own tasks after logging in."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import OutboxMessage
from alliantie.core.tests.factories import (
    PASSWORD,
    make_activity,
    make_introduction,
    make_invitation,
    make_membership,
    make_organisation,
    make_post,
    make_response,
    make_round,
    make_user,
)
from alliantie.partners.models import Membership, Organisation

pytestmark = pytest.mark.django_db
START = reverse("workspace:start")


def page(personas, role: str) -> str:
    response = personas.client(role).get(START)
    assert response.status_code == 200
    return response.content.decode()


def test_logging_in_lands_on_my_work(personas, client):
    response = client.post(reverse("accounts:login"), {"username": "contact@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == START


def test_a_partner_contact_sees_the_monitor_to_answer_and_what_is_missing(personas):
    organisation = personas.organisation
    monitor_round = make_round(closes_on=timezone.localdate() + timedelta(days=10))
    invitation = make_invitation(monitor_round, organisation)
    html = page(personas, "contact")
    assert "Vul de monitor 2026 in." in html
    assert reverse("monitoring:answer", kwargs={"token": invitation.token}) in html
    assert "nu doen" in html  # closes within two weeks
    assert "nog geen activiteit gemeld" in html
    assert reverse("partners:nominate", kwargs={"slug": organisation.slug}) in html

    make_response(monitor_round, organisation, status="draft")
    assert "Maak de monitor 2026 af" in page(personas, "contact")
    monitor_round.responses.update(status="submitted")
    assert "monitor 2026" not in page(personas, "contact")


def test_running_activities_without_progress_this_year_are_counted(personas):
    today = timezone.localdate()
    organisation = personas.organisation
    make_activity(organisation, starts_on=date(today.year - 1, 3, 1))
    make_activity(organisation, starts_on=date(today.year - 1, 3, 1), ends_on=date(today.year - 1, 6, 1))  # ended
    updated = make_activity(organisation, starts_on=date(today.year - 1, 3, 1))
    updated.progress_updates.create(reported_on=today, note="Gestart", created_by=personas.users["contact"])
    html = page(personas, "member")
    assert f"1 lopende activiteit heeft in {today.year} nog geen voortgang." in html
    assert "nog geen activiteit gemeld" not in html


def test_open_and_expired_posts_and_introductions_to_answer(personas):
    today = timezone.localdate()
    organisation = personas.organisation
    make_post(organisation, title="Wie helpt met schoolspullen?", open_until=today - timedelta(days=1))
    make_post(organisation, title="Wij bieden sportkleding", kind="offer", open_until=today + timedelta(days=20))
    request = make_post(personas.other_organisation, title="Vraag van elders")
    make_introduction(request, organisation)
    html = page(personas, "contact")
    assert "2 berichten van uw organisatie staan open op de marktplaats." in html
    assert "1 is verlopen" in html
    assert "Wie helpt met schoolspullen?" in html
    assert "1 kennismaking wacht op uw antwoord" in html
    outsider = page(personas, "outsider")
    assert "1 kennismaking wacht op uw antwoord" in outsider
    assert "schoolspullen" not in outsider


def test_an_applicant_is_asked_to_sign_and_then_told_to_wait(personas):
    applicant = make_organisation(name="Stichting Nieuw", slug="stichting-nieuw", status=Organisation.Status.APPLIED)
    person = make_user(email="nieuw@example.org", name="Nina Nieuw")
    make_membership(person, applicant, Membership.Role.CONTACT)
    personas.users["applicant"] = person
    html = page(personas, "applicant")
    assert reverse("partners:pledge-sign", kwargs={"slug": applicant.slug}) in html
    assert "Vul de monitor" not in html and "marktplaats" not in html


def test_the_team_sees_applications_worklist_response_and_failed_mail(personas):
    make_organisation(name="Stichting Wacht", slug="stichting-wacht", status=Organisation.Status.APPLIED)
    monitor_round = make_round()
    make_invitation(monitor_round, personas.organisation)
    make_invitation(monitor_round, personas.other_organisation)
    make_response(monitor_round, personas.organisation)
    OutboxMessage.objects.create(
        key="kapot", kind="test", subject="Test", body_text="", message_id="<kapot@example.org>", status="failed"
    )
    html = page(personas, "project_team")
    assert "1 aanmelding wacht op een besluit." in html
    assert "Monitor 2026: 1 van 2 partners hebben ingediend (50%)." in html
    assert "1 e-mail kon niet worden verstuurd." in html
    assert reverse("accountability:worklist") in html or "opvolglijst" not in html


def test_a_person_without_organisation_is_told_how_to_join(personas):
    personas.users["loose"] = make_user(email="los@example.org", name="Lo Los")
    html = page(personas, "loose")
    assert "U hoort nog niet bij een organisatie" in html


def test_queries_do_not_grow_with_the_work(personas, django_assert_max_num_queries):
    organisation = personas.organisation
    monitor_round = make_round()
    make_invitation(monitor_round, organisation)
    for number in range(3):
        make_activity(organisation, title=f"Activiteit {number}")
        make_post(organisation, title=f"Bericht {number}")
    client = personas.client("contact")
    with django_assert_max_num_queries(10) as counted:
        assert client.get(START).status_code == 200
    first = len(counted.captured_queries)
    second_org = make_organisation(name="Tweede Partner", slug="tweede-partner")
    make_membership(personas.users["contact"], second_org, Membership.Role.CONTACT)
    for number in range(5):
        make_activity(second_org, title=f"Meer {number}")
        make_post(second_org, title=f"Meer bericht {number}")
    with django_assert_max_num_queries(first) as counted:
        assert client.get(START).status_code == 200
