"""The team's audit log: who did what, when, on which record, filtered and exported."""

import re

import pytest
from django.test import TestCase
from django.urls import reverse

from alliantie.core import audit
from alliantie.core.models import AuditEntry
from alliantie.core.tests.factories import make_activity

pytestmark = pytest.mark.django_db
URL = reverse("backoffice:audit-log")


@pytest.fixture
def history(personas):
    team = personas.users["project_team"]
    audit.record(actor=team, action="organisation.changed", target=personas.organisation, fields=["description"])
    activity = make_activity(personas.other_organisation, title="Huiswerkklas")
    audit.record(actor=personas.users["outsider"], action="activity.created", target=activity)
    audit.record(actor=personas.users["member"], action="two_factor.enabled", target=personas.users["member"])
    return activity


def test_the_team_reads_who_did_what_in_plain_dutch(personas, history):
    page = personas.client("project_team").get(URL).content.decode()
    assert "Profiel gewijzigd" in page and "Tim Team" in page and "Gemeente Testdorp" in page
    assert "Activiteit toegevoegd" in page and "Huiswerkklas" in page


@pytest.mark.parametrize(
    ("filters", "expected", "absent"),
    [
        ({"persoon": "olga"}, "Activiteit toegevoegd", "Profiel gewijzigd"),
        ({"organisatie": "Voedselbank"}, "Huiswerkklas", "Profiel gewijzigd"),  # activities count for their partner
        ({"soort": "two_factor"}, "two_factor.enabled", "Huiswerkklas"),
    ],
)
def test_filters_by_person_organisation_and_kind(personas, history, filters, expected, absent):
    page = personas.client("project_team").get(URL, filters).content.decode()
    assert expected in page and absent not in page


def test_a_date_range_that_ends_before_it_starts_is_refused_at_the_field(personas, history):
    response = personas.client("project_team").get(URL, {"van": "2026-05-01", "tot": "2026-04-01"})
    assert response.status_code == 400
    assert "Deze datum ligt voor de begindatum" in response.content.decode()


def test_the_export_is_a_background_job_with_the_filtered_rows(personas, history):
    client = personas.client("project_team")
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(reverse("backoffice:audit-export"), {"organisatie": "Voedselbank", "soort": ""})
    job_page = client.get(started["Location"]).content.decode()
    download = re.search(r'href="(/achtergrondtaken/[^"]+/download/)"', job_page).group(1)
    text = b"".join(client.get(download).streaming_content).decode("utf-8-sig")
    assert "activity.created" in text and "organisation.changed" not in text
    assert len(text.strip().splitlines()) == 2


def test_the_log_takes_the_same_queries_for_one_or_fifty_entries(personas, django_assert_num_queries):
    client = personas.client("project_team")
    audit.record(actor=None, action="x.y", target=personas.organisation)
    # 1 session, 2 user, 3 device, 4 kinds, 5 count, 6 page with actors
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
    for n in range(49):
        audit.record(actor=personas.users["member"], action=f"x.{n}", target=personas.organisation)
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("role", ["member", "contact", "outsider", "coordinator"])
def test_only_the_team_reads_the_log(personas, role):
    assert personas.client(role).get(URL).status_code == 403
    assert personas.client(role).post(reverse("backoffice:audit-export"), {}).status_code == 403
    assert AuditEntry.objects.count() == 0
