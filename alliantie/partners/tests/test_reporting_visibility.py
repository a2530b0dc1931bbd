"""The reporting status (the traffic light) is for the project team and the partner itself. The public, other
partners' people and coordinators see when the partner last reported ("laatste update: maart 2026"), on every
public page and in the public API, never "achterstallig" next to its name."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from alliantie.conftest import ROLES
from alliantie.core.tests.factories import make_activity

pytestmark = pytest.mark.django_db

TODAY = datetime(2027, 5, 3, 10, tzinfo=UTC)  # 414 days after the last report: overdue
LIGHT = {"own": ("member", "contact"), "team": ("project_team", "administrator")}
SEES_LIGHT = {role: role in LIGHT["own"] + LIGHT["team"] for role in ROLES}
SEES_LIGHT_IN_LIST = {role: role in LIGHT["team"] for role in ROLES}  # the cached list has one public variant


@pytest.fixture
def overdue(personas):
    organisation = personas.organisation
    make_activity(organisation)
    organisation.last_reported_at = datetime(2026, 3, 15, 12, tzinfo=UTC)
    organisation.joined_on = datetime(2025, 1, 1, tzinfo=UTC).date()
    organisation.save()
    with time_machine.travel(TODAY, tick=False):
        yield organisation


@pytest.mark.parametrize("role", ROLES)
def test_the_directory_shows_the_last_update_to_all_and_the_light_only_to_the_team(overdue, personas, role):
    html = personas.client(role).get(reverse("partners:directory"), {"zoek": "Testdorp"}).content.decode()
    assert "Gemeente Testdorp" in html
    assert "laatste update: maart 2026" in html
    assert ("Verantwoording: achterstallig" in html) == SEES_LIGHT_IN_LIST[role]
    if not SEES_LIGHT_IN_LIST[role]:
        assert "achterstallig" not in html and "reporting--" not in html


@pytest.mark.parametrize("role", ROLES)
def test_the_profile_shows_the_light_to_the_partner_and_the_team_and_the_last_update_to_others(overdue, personas, role):
    html = personas.client(role).get(reverse("partners:organisation-detail", args=[overdue.slug])).content.decode()
    assert ("Verantwoording: achterstallig" in html) == SEES_LIGHT[role]
    if SEES_LIGHT[role]:
        assert "laatste activiteit of voortgang op 15 maart 2026" in html
    else:
        assert "achterstallig" not in html and "reporting--" not in html
        assert "Laatste update" in html and "maart 2026" in html


@pytest.mark.parametrize("role", ROLES)
def test_the_public_api_gives_the_date_and_the_light_only_to_the_partner_and_the_team(overdue, personas, role):
    client = personas.client(role)
    listed = client.get("/api/v1/organisaties", {"zoek": "Testdorp"}).json()["results"][0]
    single = client.get(f"/api/v1/organisaties/{overdue.slug}").json()
    for body in (listed, single):
        assert body["laatsteVerantwoording"] == "2026-03-15"
        assert body["verantwoording"] == ("overdue" if SEES_LIGHT[role] else None)


def test_the_api_list_asks_once_whose_light_a_partner_member_may_see(overdue, personas, django_assert_num_queries):
    client = personas.client("member")
    client.get("/api/v1/organisaties")  # the session and the user are loaded once
    # 1 session, 2 user, 3 count, 4 the page of partners, 5 the member's own organisations (once, for all rows)
    with django_assert_num_queries(5):
        assert client.get("/api/v1/organisaties").status_code == 200


def test_the_export_for_the_team_has_no_light_to_leak(overdue, personas):
    export = personas.client("project_team").get(reverse("partners:directory-export", args=["csv"]))
    assert "achterstallig" not in export.content.decode("utf-8-sig")
