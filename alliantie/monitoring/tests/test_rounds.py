"""Rounds: opening invites every active partner and mails a personal link in the background, with retry when the
mail server is down; reminders; the response dashboard."""

from datetime import timedelta

import pytest
import time_machine
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


def open_as_team(personas, monitor_round, **data):
    """Confirm opening, as the team does after seeing who gets the mail; the background work runs after commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return personas.client("project_team").post(
            reverse("monitoring:round-open", args=[monitor_round.pk]), {"confirmed": "on", **data}
        )


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
    invitation = Invitation.objects.select_related("mail").get(round=monitor_round, organisation=personas.organisation)
    assert invitation.mail.status == "sent"
    body = next(mailbox.body(i) for i, m in enumerate(mailbox.messages) if m["To"] == "contact@example.org")
    assert f"http://testserver/monitor/antwoorden/{invitation.token}/" in body
    assert open_as_team(personas, monitor_round).status_code == 400  # a second open changes nothing
    assert len(mailbox.messages) == 2


def test_opening_first_shows_who_will_be_mailed_and_without_confirmation_sends_nothing(personas, mailbox):
    monitor_round = make_round(status="draft")
    client = personas.client("project_team")
    page = client.get(reverse("monitoring:round-open", args=[monitor_round.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 organisaties" in html and "contact@example.org" in html and "buiten@example.org" in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        refused = client.post(reverse("monitoring:round-open", args=[monitor_round.pk]), {})
    assert refused.status_code == 400
    assert "Vink aan dat u de ontvangers heeft gezien" in refused.content.decode()
    monitor_round.refresh_from_db()
    assert monitor_round.status == "draft" and not Invitation.objects.exists() and not mailbox.messages


def test_a_second_open_round_in_the_same_year_needs_a_reason(personas, mailbox):
    from alliantie.core.models import AuditEntry

    make_round(status="open", name="Monitor 2026")
    second = make_round(status="draft", name="Monitor 2026 (extra)")
    page = personas.client("project_team").get(reverse("monitoring:round-open", args=[second.pk]))
    assert "Er is al een open ronde voor 2026" in page.content.decode()
    refused = open_as_team(personas, second)
    assert refused.status_code == 400
    assert "Schrijf waarom deze ronde er ook moet zijn" in refused.content.decode()
    assert MonitorRound.objects.get(pk=second.pk).status == "draft"
    assert open_as_team(personas, second, reason="Aparte ronde voor werkgevers.").status_code == 302
    assert AuditEntry.objects.get(action="round.opened").data == {"reason": "Aparte ronde voor werkgevers."}


def test_with_the_mail_server_down_nothing_is_lost_and_sending_resumes(personas, mailbox):
    from alliantie.core.models import OutboxMessage

    monitor_round = make_round(status="draft")
    mailbox.stop()
    open_as_team(personas, monitor_round)
    waiting = Invitation.objects.filter(round=monitor_round).select_related("mail")
    assert waiting.count() == 2 and {i.mail.status for i in waiting} == {"waiting"}
    first = [i for i in waiting if i.mail.attempts][0]
    assert "Error" in first.mail.last_error and first.mail.next_attempt_at > timezone.now()
    page = personas.client("project_team").get(monitor_round.get_absolute_url()).content.decode()
    assert "0 uitnodigingen verstuurd" in page
    mailbox.start()
    # The run stopped at the first failure; the message it never tried goes now, the failed one not before its
    # next attempt is due …
    assert mailbox.deliver() == 1
    # … and then, once.
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert mailbox.deliver() == 1
        assert mailbox.deliver() == 0
    assert len(mailbox.messages) == 2
    assert OutboxMessage.objects.filter(kind="monitor.invitation", status="sent").count() == 2


def test_a_partner_without_a_contact_person_is_shown_as_not_mailed_with_the_reason(personas, mailbox):
    lonely = make_organisation(name="Zonder contact")
    monitor_round = make_round(status="draft")
    open_as_team(personas, monitor_round)
    invitation = Invitation.objects.select_related("mail").get(organisation=lonely)
    assert invitation.mail.status == "failed"
    assert "geen contactpersoon" in invitation.mail.last_error
    page = personas.client("project_team").get(monitor_round.get_absolute_url()).content.decode()
    assert "uitnodiging niet verstuurd" in page


def test_the_daily_command_queues_what_was_interrupted_reminds_and_closes_and_twice_sends_nothing_twice(
    personas, mailbox
):
    monitor_round = make_round(closes_on=timezone.localdate() + timedelta(days=3))
    waiting = make_invitation(monitor_round, personas.organisation)  # opened, then the worker died
    expired = make_round(year=2025, closes_on=timezone.localdate() - timedelta(days=1))
    call_command("monitor_daily")
    call_command("monitor_daily")
    waiting.refresh_from_db()
    assert waiting.mail is not None
    assert mailbox.deliver() == 1  # the invitation; a reminder only follows a sent invitation
    call_command("monitor_daily")
    call_command("monitor_daily")
    assert mailbox.deliver() == 1  # the reminder due three days before closing, once
    assert [m["Subject"].split(":")[0] for m in mailbox.messages] == ["Monitor 2026", "Herinnering"]
    assert MonitorRound.objects.get(pk=expired.pk).status == "closed"


def test_a_database_task_waits_for_the_worker(live_personas, settings, mailbox):
    """With the production backend, opening stores a task; `db_worker` (which manages its own database
    connection, hence a committing test) sends the mails."""
    personas = live_personas
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monitor_round = make_round(status="draft")
    personas.client("project_team").post(reverse("monitoring:round-open", args=[monitor_round.pk]), {"confirmed": "on"})
    assert DBTaskResult.objects.count() == 1 and not mailbox.messages
    call_command("db_worker", "--batch", "--no-startup-delay", "-v", "0")
    assert len(mailbox.messages) == 2
    # one task made the invitations, which queued one delivery run
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


class TestReminders:
    def test_due_reminders_go_to_partners_that_did_not_submit_once_per_day_setting(self, personas, mailbox):
        monitor_round = make_round(closes_on=timezone.localdate() + timedelta(days=3), reminder_days=[14, 3])
        make_invitation(monitor_round, personas.organisation, mailed=True)
        make_invitation(monitor_round, personas.other_organisation, mailed=True)
        make_response(monitor_round, personas.organisation, {"belofte-hoe": "Klaar."})
        assert services.queue_due_reminders() == 1
        assert mailbox.deliver() == 1
        assert [m["To"] for m in mailbox.messages] == ["buiten@example.org"]
        assert "sluit op" in mailbox.messages[0]["Subject"]
        assert services.queue_due_reminders() == 0  # 14 and 3 both done
        assert mailbox.deliver() == 0

    def test_a_draft_is_not_an_answer(self, personas, mailbox):
        monitor_round = make_round(closes_on=timezone.localdate() + timedelta(days=14), reminder_days=[14])
        make_invitation(monitor_round, personas.organisation, mailed=True)
        make_response(monitor_round, personas.organisation, {"belofte-hoe": "Half."}, status="draft")
        assert services.queue_due_reminders() == 1

    def test_the_team_sees_who_it_reminds_confirms_and_not_twice_a_day(self, personas, mailbox):
        monitor_round = make_round()
        make_invitation(monitor_round, personas.organisation, mailed=True)
        make_invitation(monitor_round, personas.other_organisation, mailed=True)
        client = personas.client("project_team")
        url = reverse("monitoring:round-remind", args=[monitor_round.pk])
        preview = client.get(url).content.decode()
        assert "2 organisaties" in preview and "buiten@example.org" in preview
        assert client.post(url, {}).status_code == 400 and not mailbox.messages
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post(url, {"confirmed": "on"}, follow=True)
        assert "2 partners krijgen een herinnering" in response.content.decode()
        assert len(mailbox.messages) == 2
        assert "0 organisaties" in client.get(url).content.decode()
        with TestCase.captureOnCommitCallbacks(execute=True):
            client.post(url, {"confirmed": "on"})
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
