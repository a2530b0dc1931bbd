"""Rounds: opening invites every active partner and mails a personal link in the background, with retry when the
mail server is down; reminders; the response dashboard."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alliantie.core.tests.factories import (
    make_invitation,
    make_membership,
    make_organisation,
    make_response,
    make_round,
    make_user,
)
from alliantie.monitoring import services
from alliantie.monitoring.models import Invitation, MonitorRound
from alliantie.partners.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def open_as_team(personas, monitor_round):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return personas.client("project_team").post(reverse("monitoring:round-open", args=[monitor_round.pk]))


def test_the_template_is_the_2023_partner_survey_with_activity_progress(db):
    questionnaire = services.template()
    keys = set(questionnaire.sections.values_list("questions__key", flat=True))
    assert {"belofte-hoe", "opgaven", "behoeften", "bereik-kinderen", "samenwerking-met"} <= keys
    follow_up = questionnaire.sections.get(position=2).questions.get(key="samenwerking-met")
    assert follow_up.follow_up_of.key == "samenwerking"


def test_the_team_creates_a_round_from_the_template(personas):
    client = personas.client("project_team")
    page = client.get(reverse("monitoring:round-create"))
    assert page.context["form"].initial["questionnaire"] == services.template()
    today = timezone.localdate()
    data = {
        "name": "Monitor 2026",
        "year": "2026",
        "questionnaire": str(services.template().pk),
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=30)).isoformat(),
        "reminder_days": "3, 14",
    }
    response = client.post(reverse("monitoring:round-create"), data)
    assert response.status_code == 302
    created = MonitorRound.objects.get()
    assert created.status == "draft" and created.reminder_days == [14, 3]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"closes_on": "2020-01-01"}, "closes_on"),
        ({"reminder_days": "morgen"}, "reminder_days"),
        ({"reminder_days": "1,2,3,4,5,6"}, "reminder_days"),
        ({"year": "twintig"}, "year"),
        ({"name": ""}, "name"),
    ],
)
def test_a_bad_round_is_refused_at_the_field(personas, changes, field):
    today = timezone.localdate()
    data = {
        "name": "Monitor",
        "year": "2026",
        "questionnaire": str(services.template().pk),
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=30)).isoformat(),
        "reminder_days": "14",
    } | changes
    response = personas.client("project_team").post(reverse("monitoring:round-create"), data)
    assert response.status_code == 400 and response.context["form"].errors[field]
    assert not MonitorRound.objects.exists()


@pytest.mark.smoke
def test_opening_invites_active_partners_and_mails_each_contact_a_personal_link(personas, mailbox):
    dormant = make_organisation(name="Slapende partner", status=Organisation.Status.DORMANT)
    make_membership(make_user(email="slaap@example.org"), dormant, Membership.Role.CONTACT)
    monitor_round = make_round(status="draft")
    response = open_as_team(personas, monitor_round)
    assert response.status_code == 302
    monitor_round.refresh_from_db()
    assert monitor_round.status == "open"
    invited = set(Invitation.objects.filter(round=monitor_round).values_list("organisation__name", flat=True))
    assert invited == {"Gemeente Testdorp", "Voedselbank Elders"}
    to = sorted(m["To"] for m in mailbox.messages)
    assert to == ["buiten@example.org", "contact@example.org"]  # contacts, not every member
    invitation = Invitation.objects.get(round=monitor_round, organisation=personas.organisation)
    assert invitation.sent_at is not None
    body = next(mailbox.body(i) for i, m in enumerate(mailbox.messages) if m["To"] == "contact@example.org")
    assert f"/monitor/antwoorden/{invitation.token}/" in body
    assert open_as_team(personas, monitor_round).status_code == 302  # a second open changes nothing
    assert len(mailbox.messages) == 2


def test_with_the_mail_server_down_nothing_is_lost_and_sending_resumes(personas, mailbox):
    monitor_round = make_round(status="draft")
    mailbox.stop()
    open_as_team(personas, monitor_round)
    waiting = Invitation.objects.filter(round=monitor_round)
    assert waiting.count() == 2 and not waiting.filter(sent_at__isnull=False).exists()
    first = waiting.first()
    assert first.attempts == 1 and "Error" in first.last_error and first.next_attempt_at > timezone.now()
    page = personas.client("project_team").get(monitor_round.get_absolute_url()).content.decode()
    assert "2 wachten op een nieuwe poging" in page
    mailbox.start()
    # Not before the next attempt is due …
    assert services.send_pending_invitations(monitor_round.pk, "http://x") == (0, 2)
    # … then all of them, once.
    later = timezone.now() + timedelta(minutes=5)
    assert services.send_pending_invitations(monitor_round.pk, "http://x", now=later) == (2, 0)
    assert services.send_pending_invitations(monitor_round.pk, "http://x", now=later) == (0, 0)
    assert len(mailbox.messages) == 2


def test_the_daily_command_sends_what_waits_reminds_and_closes(personas, mailbox):
    monitor_round = make_round(closes_on=timezone.localdate() + timedelta(days=3))
    waiting = make_invitation(monitor_round, personas.organisation, attempts=1, next_attempt_at=timezone.now())
    expired = make_round(year=2025, closes_on=timezone.localdate() - timedelta(days=1))
    call_command("monitor_daily", "--base-url", "https://alliantie.example")
    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    assert MonitorRound.objects.get(pk=expired.pk).status == "closed"


def test_a_database_task_waits_for_the_worker(live_personas, settings, mailbox):
    """With the production backend, opening stores a task; `db_worker` (which manages its own database
    connection, hence a committing test) sends the mails."""
    personas = live_personas
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monitor_round = make_round(status="draft")
    personas.client("project_team").post(reverse("monitoring:round-open", args=[monitor_round.pk]))
    assert DBTaskResult.objects.count() == 1 and not mailbox.messages
    call_command("db_worker", "--batch", "--no-startup-delay", "-v", "0")
    assert len(mailbox.messages) == 2
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


class TestReminders:
    def test_due_reminders_go_to_partners_that_did_not_submit_once_per_day_setting(self, personas, mailbox):
        monitor_round = make_round(closes_on=timezone.localdate() + timedelta(days=3), reminder_days=[14, 3])
        sent_at = timezone.now() - timedelta(days=20)
        make_invitation(monitor_round, personas.organisation, sent_at=sent_at)
        make_invitation(monitor_round, personas.other_organisation, sent_at=sent_at)
        make_response(monitor_round, personas.organisation, {"belofte-hoe": "Klaar."})
        assert services.send_due_reminders(base_url="http://x") == 1
        assert [m["To"] for m in mailbox.messages] == ["buiten@example.org"]
        assert "sluit op" in mailbox.messages[0]["Subject"]
        assert services.send_due_reminders(base_url="http://x") == 0  # 14 and 3 both done

    def test_a_draft_is_not_an_answer(self, personas, mailbox):
        monitor_round = make_round(closes_on=timezone.localdate() + timedelta(days=14), reminder_days=[14])
        make_invitation(monitor_round, personas.organisation, sent_at=timezone.now())
        make_response(monitor_round, personas.organisation, {"belofte-hoe": "Half."}, status="draft")
        assert services.send_due_reminders(base_url="http://x") == 1

    def test_the_team_reminds_everyone_who_has_not_answered_with_one_action(self, personas, mailbox):
        monitor_round = make_round()
        make_invitation(monitor_round, personas.organisation, sent_at=timezone.now())
        make_invitation(monitor_round, personas.other_organisation, sent_at=timezone.now())
        client = personas.client("project_team")
        response = client.post(reverse("monitoring:round-remind", args=[monitor_round.pk]), follow=True)
        assert "2 partners kregen een herinnering" in response.content.decode()
        assert len(mailbox.messages) == 2
        client.post(reverse("monitoring:round-remind", args=[monitor_round.pk]))
        assert len(mailbox.messages) == 2  # not twice on one day


class TestDashboard:
    def test_response_rate_overall_and_by_sector_scope_and_province(self, personas):
        monitor_round = make_round()
        make_invitation(monitor_round, personas.organisation)
        make_invitation(monitor_round, personas.other_organisation)
        make_response(monitor_round, personas.organisation, {"belofte-hoe": "Ja."})
        page = personas.client("project_team").get(monitor_round.get_absolute_url())
        stats = page.context["stats"]
        assert stats["overall"]["rate"] == 50 and stats["overall"]["answered"] == 1
        assert {row["label"]: row["rate"] for row in stats["by_province"]} == {"Zuid-Holland": 50}
        assert [i.organisation.name for i in page.context["waiting"]] == ["Voedselbank Elders"]

    def test_the_dashboard_takes_the_same_queries_for_few_and_many_partners(self, personas):
        monitor_round = make_round()
        client = personas.client("project_team")

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                client.get(monitor_round.get_absolute_url())
            return len(queries)

        make_invitation(monitor_round, personas.organisation)
        few = count()
        for n in range(12):
            organisation = make_organisation(name=f"Partner {n}")
            make_invitation(monitor_round, organisation)
            if n % 2:
                make_response(monitor_round, organisation, {"belofte-hoe": "Ja."})
        assert count() == few


def test_a_round_can_invite_dormant_partners_too(personas, mailbox):
    dormant = make_organisation(name="Slapende partner", status=Organisation.Status.DORMANT)
    monitor_round = make_round(status="draft", include_dormant=True)
    open_as_team(personas, monitor_round)
    assert Invitation.objects.filter(round=monitor_round, organisation=dormant).exists()


def test_the_team_starts_a_new_questionnaire_from_scratch(personas):
    client = personas.client("project_team")
    response = client.post(reverse("monitoring:questionnaire-create"), {"name": "Werkgeversmonitor"})
    assert response.status_code == 302
    from alliantie.monitoring.models import Questionnaire

    created = Questionnaire.objects.get(name="Werkgeversmonitor")
    assert not created.is_template and created.version == 1 and not created.sections.exists()
    assert client.post(reverse("monitoring:questionnaire-create"), {"name": ""}).status_code == 400
