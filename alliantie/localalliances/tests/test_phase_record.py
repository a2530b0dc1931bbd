"""Recording the phases with their dates: phases follow each other, a date in the future is refused, recording a
phase again moves its date, the alliance is in the latest phase it reached."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def url(alliance) -> str:
    return reverse("localalliances:phase-record", args=[alliance.slug])


def test_the_coordinator_records_the_kickstart_and_the_alliance_moves_on(personas):
    alliance = personas.alliance
    today = timezone.localdate()
    response = personas.client("coordinator").post(url(alliance), {"phase": "kickstart", "started_on": today})
    assert response["Location"] == alliance.get_absolute_url()
    alliance.refresh_from_db()
    assert alliance.phase == "kickstart"
    assert list(alliance.phase_steps.values_list("phase", flat=True)) == ["verkennen", "kickstart"]
    html = personas.client("coordinator").get(alliance.get_absolute_url()).content.decode()
    assert 'aria-current="step"' in html


def test_a_phase_cannot_start_before_the_one_before_it_nor_in_the_future(personas):
    alliance = personas.alliance
    client = personas.client("coordinator")
    early = client.post(url(alliance), {"phase": "kickstart", "started_on": timezone.localdate() - timedelta(days=400)})
    assert early.status_code == 400 and "De fase verkennen begon op" in early.content.decode()
    future = client.post(url(alliance), {"phase": "kickstart", "started_on": timezone.localdate() + timedelta(days=3)})
    assert future.status_code == 400 and "Deze datum ligt in de toekomst" in future.content.decode()
    alliance.refresh_from_db()
    assert alliance.phase == "verkennen" and alliance.phase_steps.count() == 1


def test_a_coordinator_of_another_alliance_gets_403_and_nothing_changes(personas):
    alliance = personas.alliance
    response = personas.client("other_coordinator").post(
        url(alliance), {"phase": "bouwen", "started_on": timezone.localdate()}
    )
    assert response.status_code == 403
    alliance.refresh_from_db()
    assert alliance.phase == "verkennen"


def test_recording_is_post_only(personas):
    assert personas.client("coordinator").get(url(personas.alliance)).status_code == 405
