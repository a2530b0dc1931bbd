"""The team's view of the platform: the outbox with retry, periodic jobs and background jobs."""

import pytest
from django.test import TestCase
from django.urls import reverse

from alliantie.core import jobs, mail
from alliantie.core.models import BackgroundJob, OutboxMessage

pytestmark = pytest.mark.django_db


def failed_message(n: int = 1) -> OutboxMessage:
    return OutboxMessage.objects.create(
        key=f"test:{n}",
        kind="test.kind",
        recipients=[f"iemand{n}@example.org"],
        subject=f"Onderwerp {n}",
        body_text="Tekst",
        message_id=f"<{n}@example.org>",
        status="failed",
        attempts=8,
        last_error="SMTPRecipientsRefused: 550 onbekend",
    )


def test_the_team_sees_the_outbox_with_the_reason_and_retries_a_failed_mail(personas, mailbox):
    message = failed_message()
    client = personas.client("project_team")
    page = client.get(reverse("backoffice:outbox"), {"status": "failed"}).content.decode()
    assert "Onderwerp 1" in page and "550 onbekend" in page and "iemand1@example.org" in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("backoffice:outbox-retry", args=[message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == "sent" and [m["To"] for m in mailbox.messages] == ["iemand1@example.org"]


def test_the_outbox_takes_the_same_queries_for_one_or_thirty_messages(personas, django_assert_num_queries):
    client = personas.client("project_team")
    failed_message(0)
    # 1 session, 2 user, 3 second-factor device, 4 counts per status, 5 count for the pager, 6 the page, 7 the kinds
    with django_assert_num_queries(7):
        assert client.get(reverse("backoffice:outbox")).status_code == 200
    for n in range(1, 30):
        failed_message(n)
    with django_assert_num_queries(7):
        assert client.get(reverse("backoffice:outbox")).status_code == 200


@pytest.mark.parametrize("role", ["member", "contact", "coordinator"])
def test_others_do_not_see_the_outbox_or_retry(personas, role):
    message = failed_message()
    client = personas.client(role)
    assert client.get(reverse("backoffice:outbox")).status_code == 403
    assert client.post(reverse("backoffice:outbox-retry", args=[message.pk])).status_code == 404
    assert OutboxMessage.objects.get(pk=message.pk).status == "failed"


def test_hostile_filters_are_ignored_or_escaped(personas):
    client = personas.client("project_team")
    page = client.get(reverse("backoffice:outbox"), {"status": "'; drop", "adres": "<script>x</script>" * 50})
    assert page.status_code == 200 and "<script>x</script>" not in page.content.decode()


def test_a_job_page_shows_progress_to_its_maker_and_the_team_and_nobody_else(personas):
    job = BackgroundJob.objects.create(
        kind="test",
        title="Import van leden",
        handler="alliantie.x",
        created_by=personas.users["member"],
        total=10,
        done=4,
    )
    url = reverse("backoffice:job-detail", args=[job.pk])
    own = personas.client("member").get(url).content.decode()
    assert "Import van leden" in own and 'max="10" value="4"' in own and 'http-equiv="refresh"' in own
    assert personas.client("project_team").get(url).status_code == 200
    assert personas.client("contact").get(url).status_code == 404
    assert personas.client("anonymous").get(url).status_code == 302
    status = personas.client("member").get(reverse("backoffice:job-status", args=[job.pk])).json()
    assert status == {
        "status": "waiting",
        "statusLabel": "wacht",
        "done": 4,
        "total": 10,
        "percent": 40,
        "message": "",
        "finished": False,
    }
    assert personas.client("member").get(reverse("backoffice:job-download", args=[job.pk])).status_code == 404


def test_the_overview_lists_periodic_jobs_and_recent_jobs(personas):
    BackgroundJob.objects.create(kind="test", title="Export van Monitor 2026", handler="alliantie.x")
    page = personas.client("project_team").get(reverse("backoffice:overview")).content.decode()
    assert "monitor-dagelijks" in page and "Export van Monitor 2026" in page
    mail.queue_mail(key="x", kind="t", to=["a@example.org"], subject="s", body="b")
    assert "1 wacht of mislukte" in personas.client("project_team").get(reverse("backoffice:overview")).content.decode()
    assert jobs  # the module the pages follow
