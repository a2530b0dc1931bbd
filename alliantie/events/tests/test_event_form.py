"""The team puts events in the agenda, changes, moves and cancels them; moving or cancelling shows who will be mailed
and asks to confirm, then mails everyone registered."""

from datetime import timedelta

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from alliantie.core.models import OutboxMessage, SearchDocument
from alliantie.core.tests.factories import make_event, make_registration
from alliantie.events.models import Event
from alliantie.events.services import send_due_reminders

pytestmark = pytest.mark.django_db
CREATE = reverse("events:event-create")


def form_data(**overrides) -> dict:
    start = timezone.localtime() + timedelta(days=20)
    return {
        "kind": "kenniskring",
        "series_number": "11",
        "title": "Kenniskring 11: Armoede signaleren in de klas",
        "summary": "Hoe zie je dat een leerling thuis krap zit, en wat doe je dan?",
        "description": "Met leerkrachten en ervaringsdeskundigen.",
        "starts_at": start.strftime("%Y-%m-%dT14:00"),
        "ends_at": start.strftime("%Y-%m-%dT16:00"),
        "venue": "Online",
        "online_url": "https://meet.example.org/kk11",
        "audience": "public",
        "capacity": "2",
        "reminder_days": "7, 1",
        "challenges": [],
        "organisers": "Voedselbank Elders",
    } | overrides


def test_the_team_puts_kenniskring_11_in_the_agenda_and_it_can_be_found(personas):
    response = personas.client("project_team").post(CREATE, form_data())
    event = Event.objects.get()
    assert response["Location"] == event.get_absolute_url()
    assert (event.series_number, event.capacity, event.reminder_days) == (11, 2, [7, 1])
    assert list(event.organisers.all()) == [personas.other_organisation]
    assert timezone.localtime(event.starts_at).hour == 14
    assert SearchDocument.objects.filter(key=f"event:{event.pk}", audience="public").exists()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            {"ends_at": (timezone.localtime() + timedelta(days=19)).strftime("%Y-%m-%dT10:00")},
            "ends_at",
            "Het einde ligt voor het begin",
        ),
        ({"venue": "", "online_url": ""}, "venue", "Vul een locatie in"),
        ({"capacity": "0"}, "capacity", "minstens 1"),
        ({"reminder_days": "7, morgen"}, "reminder_days", "Vul hele dagen in"),
        ({"municipality": "Utrect"}, "municipality", "Bedoelt u Utrecht?"),
        ({"organisers": "Bestaat Niet BV"}, "organisers", "kennen we niet"),
        ({"online_url": "javascript:alert(1)"}, "online_url", "geldige URL"),
        ({"starts_at": "morgen"}, "starts_at", "geldige datum"),
    ],
)
def test_bad_events_are_refused_at_the_field(personas, changes, field, message):
    response = personas.client("project_team").post(CREATE, form_data(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and f'id="id_{field}_error"' in html
    assert not Event.objects.exists()


def test_a_series_number_is_used_once(personas):
    make_event(series_number=11)
    response = personas.client("project_team").post(CREATE, form_data())
    assert response.status_code == 400
    assert "al een kenniskring met nummer 11" in response.content.decode()


def test_capacity_below_the_places_already_taken_is_refused(personas):
    event = make_event(capacity=5)
    for _ in range(3):
        make_registration(event)
    edit = reverse("events:event-edit", kwargs={"slug": event.slug})
    start = timezone.localtime(event.starts_at)
    data = form_data(
        capacity="2",
        starts_at=start.strftime("%Y-%m-%dT%H:%M"),
        ends_at=timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
        venue=event.venue,
        online_url="",
        municipality="Utrecht",
        organisers="",
        series_number="",
    )
    response = personas.client("project_team").post(edit, data)
    assert response.status_code == 400
    assert "Er zijn al 3 aanmeldingen met een plaats" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 5


def test_moving_an_event_asks_to_confirm_then_mails_everyone_and_the_reminder_follows_the_new_date(personas, mailbox):
    event = make_event(capacity=5, reminder_days=[1])
    people = [make_registration(event, email=f"p{n}@example.org") for n in range(3)]
    make_registration(event, email="weg@example.org", status="cancelled")
    old_start = event.starts_at
    # The reminder for the old date goes out a day before it.
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert send_due_reminders(now=old_start - timedelta(hours=20)) == 3
    edit = reverse("events:event-edit", kwargs={"slug": event.slug})
    new_start = timezone.localtime(old_start + timedelta(days=1))
    data = form_data(
        kind="kenniskring",
        series_number="",
        title=event.title,
        capacity="5",
        starts_at=new_start.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(new_start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        venue=event.venue,
        online_url="",
        municipality="Utrecht",
        organisers="",
        reminder_days="1",
    )
    client = personas.client("project_team")
    confirm = client.post(edit, data)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "3 aangemelde mensen krijgen hierover een mail" in html and people[0].name in html
    event.refresh_from_db()
    assert event.starts_at == old_start  # nothing changed yet
    before = len(mailbox.messages)
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(edit, data | {"bevestigd": "1"})
    assert done.status_code == 302
    event.refresh_from_db()
    assert event.starts_at == old_start + timedelta(days=1) and event.sequence == 1
    changed = mailbox.messages[before:]
    assert sorted(m["To"] for m in changed) == ["p0@example.org", "p1@example.org", "p2@example.org"]
    assert all("Gewijzigd" in m["Subject"] for m in changed)
    # At the old reminder moment nothing new is due; a day before the new date the reminder goes, once.
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert send_due_reminders(now=old_start - timedelta(hours=20)) == 0
        assert send_due_reminders(now=event.starts_at - timedelta(hours=20)) == 3
        assert send_due_reminders(now=event.starts_at - timedelta(hours=19)) == 0
    reminders = [m for m in mailbox.messages if m["Subject"].strip().startswith("Herinnering")]
    assert len(reminders) == 6
    assert date_format(new_start, "j F Y") in reminders[-1]["Subject"]


def test_cancelling_shows_who_is_mailed_and_mails_everyone_registered(personas, mailbox):
    event = make_event()
    make_registration(event, email="a@example.org")
    make_registration(event, email="b@example.org", status="waiting", confirmed_at=None, waiting_since=timezone.now())
    url = reverse("events:event-cancel", kwargs={"slug": event.slug})
    client = personas.client("project_team")
    page = client.get(url).content.decode()
    assert "2 aangemelde mensen krijgen een mail" in page
    assert client.post(url, {"reason": ""}).status_code == 400
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(url, {"reason": "De spreker is ziek."}).status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled
    assert sorted(m["To"] for m in mailbox.messages) == ["a@example.org", "b@example.org"]
    assert "De spreker is ziek." in mailbox.body()
    assert send_due_reminders(now=event.starts_at - timedelta(hours=20)) == 0
    assert not OutboxMessage.objects.filter(key__startswith="event-reminder").exists()


def test_only_the_team_creates_and_only_organisers_change_events(personas):
    event = make_event()
    event.organisers.set([personas.organisation])
    edit = reverse("events:event-edit", kwargs={"slug": event.slug})
    assert personas.client("member").get(CREATE).status_code == 403
    assert personas.client("member").get(edit).status_code == 200  # a co-organising partner
    assert personas.client("outsider").get(edit).status_code == 403
    assert (
        personas.client("outsider")
        .post(reverse("events:event-cancel", kwargs={"slug": event.slug}), {"reason": "x"})
        .status_code
        == 403
    )
    assert personas.client("anonymous").get(edit).status_code == 302
    event.refresh_from_db()
    assert not event.is_cancelled


def test_the_form_pages_take_get_and_post_only(personas):
    assert personas.client("project_team").delete(CREATE).status_code == 405
