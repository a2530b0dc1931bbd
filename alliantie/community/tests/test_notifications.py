"""Notifications: in the platform always, by e-mail as each person chose per group (at once, a daily or weekly
overview of what they have not seen, or never), only with their consent for community mail, never to an address on
hold; every mail has a one-click link to stop it (RFC 8058)."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from alliantie.community import permissions, services
from alliantie.community.models import Frequency, GroupMember, Notification
from alliantie.community.tests.helpers import gezonde_dag, start, thread_url
from alliantie.core import consent
from alliantie.core.models import PersonalConsent
from alliantie.newsletters.models import AddressHold

pytestmark = pytest.mark.django_db


def wants(personas, role: str, frequency: str):
    user = personas.users[role]
    services.join_group(group=gezonde_dag(), user=user)
    services.save_email_settings(
        user=user,
        default_frequency=Frequency.NEVER,
        frequencies={gezonde_dag().pk: frequency},
        consent_given=True,
    )
    return user


@pytest.mark.smoke
def test_a_reply_is_mailed_at_once_to_who_chose_that_with_a_one_click_stop_link(personas, mailbox):
    wants(personas, "contact", Frequency.IMMEDIATE)
    thread = start(gezonde_dag(), personas.users["contact"], title="Ontbijt")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.reply(thread=thread, author=personas.users["member"], body="Wij doen mee")
    message = mailbox.messages[-1]
    assert message["To"] == "contact@example.org" and "Mila Medewerker reageerde op “Ontbijt”" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stop = message["List-Unsubscribe"].strip()[1:-1]
    assert stop in mailbox.body()
    response = Client(enforce_csrf_checks=True).post(stop.replace("http://testserver", ""))
    assert response.status_code == 200
    assert GroupMember.objects.get(user=personas.users["contact"]).email_frequency == "never"
    assert consent.active("contact@example.org", PersonalConsent.Purpose.COMMUNITY) is None


def test_without_consent_or_with_an_address_on_hold_nobody_is_mailed(personas, mailbox):
    user = wants(personas, "contact", Frequency.IMMEDIATE)
    consent.withdraw(email=user.email, purpose="community", how="test")
    thread = start(gezonde_dag(), user, title="Ontbijt")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.reply(thread=thread, author=personas.users["member"], body="Een")
    assert mailbox.messages == []
    consent.give(email=user.email, purpose="community", text="t", method="account")
    AddressHold.objects.create(email=user.email, reason="hard")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.reply(thread=thread, author=personas.users["member"], body="Twee")
    assert mailbox.messages == []
    assert Notification.objects.filter(user=user, kind="reply").count() == 2  # in the platform, always


def test_the_daily_overview_holds_only_what_the_person_has_not_seen(personas, mailbox):
    user = wants(personas, "contact", Frequency.DAILY)
    seen = start(gezonde_dag(), personas.users["member"], title="Al gelezen")
    unseen = start(gezonde_dag(), personas.users["member"], title="Nog niet gelezen")
    personas.client("contact").get(thread_url(seen))
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.send_daily_digests()
    body = mailbox.body()
    assert "Nog niet gelezen" in body and "Al gelezen" not in body
    assert mailbox.messages[-1]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.send_daily_digests()
    assert len(mailbox.messages) == 1  # a second run tells nothing twice
    assert Notification.objects.get(user=user, thread=unseen).emailed_at is not None


def test_the_weekly_overview_is_for_who_chose_weekly(personas, mailbox):
    wants(personas, "contact", Frequency.WEEKLY)
    wants(personas, "outsider", Frequency.NEVER)
    start(gezonde_dag(), personas.users["member"], title="Iets nieuws")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.send_daily_digests()
    assert mailbox.messages == []
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.send_weekly_digests()
    assert [m["To"] for m in mailbox.messages] == ["contact@example.org"]
    assert "wekelijkse" in mailbox.messages[0]["Subject"]


def test_a_hidden_post_is_left_out_of_an_overview(personas, mailbox, settings):
    wants(personas, "contact", Frequency.DAILY)
    thread = start(gezonde_dag(), personas.users["member"], title="Verborgen straks")
    services.moderate_post(post=thread.posts.get(), moderator=personas.users["project_team"], action="verbergen")
    services.send_daily_digests()
    assert mailbox.messages == []


def test_old_notifications_are_not_sent_late(personas, mailbox):
    wants(personas, "contact", Frequency.DAILY)
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        start(gezonde_dag(), personas.users["member"], title="Oud")
    services.send_daily_digests()
    assert mailbox.messages == []


def test_the_notifications_page_lists_and_marks_read(personas, django_assert_num_queries):
    user = wants(personas, "contact", Frequency.NEVER)
    thread = start(gezonde_dag(), personas.users["member"], title="Eerste")
    client = personas.client("contact")
    client.get(reverse("community:overview"))
    # 1-2 session, user; 3 partner member; 4 removed?; 5 profile; 6 count; 7 notifications with thread, group and
    # actor; 8 unread
    with django_assert_num_queries(8):
        response = client.get(reverse("community:notifications"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Eerste" in page
    for n in range(29):
        start(gezonde_dag(), personas.users["member"], title=f"Gesprek {n}")
    with django_assert_num_queries(8):
        response = client.get(reverse("community:notifications"))
    assert response.status_code == 200
    client.post(reverse("community:notifications-read"))
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    assert client.get(reverse("community:notifications-read")).status_code == 405
    assert thread


def test_settings_need_consent_for_mail_and_never_withdraws_it(personas):
    user = personas.users["contact"]
    services.join_group(group=gezonde_dag(), user=user)
    client = personas.client("contact")
    field = f"groep_{gezonde_dag().pk}"
    refused = client.post(reverse("community:settings"), {"default_frequency": "never", field: "daily"})
    assert refused.status_code == 400 and "Vink aan dat u e-mail van de community wilt" in refused.content.decode()
    assert GroupMember.objects.get(user=user).email_frequency == "never"
    done = client.post(reverse("community:settings"), {"default_frequency": "weekly", field: "daily", "consent": "on"})
    assert done.status_code == 302
    record = consent.active(user.email, "community")
    assert record is not None and record.method == "account" and record.text == services.EMAIL_CONSENT_TEXT
    client.post(reverse("community:settings"), {"default_frequency": "never", field: "never"})
    assert consent.active(user.email, "community") is None
    bad = client.post(reverse("community:settings"), {"default_frequency": "altijd", field: "never"})
    assert bad.status_code == 400


def test_the_stop_link_with_a_changed_token_changes_nothing(personas):
    user = wants(personas, "contact", Frequency.DAILY)
    token = permissions.email_token(user)
    changed = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert Client().post(reverse("community:email-stop", args=[changed])).status_code == 404
    assert Client().get(reverse("community:email-stop", args=[token])).status_code == 200  # a GET only asks
    assert GroupMember.objects.get(user=user).email_frequency == "daily"
