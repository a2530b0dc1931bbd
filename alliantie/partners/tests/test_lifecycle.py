"""The partner lifecycle (active, dormant, ended), the reporting status and the history the team reads."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from alliantie.activities.services import add_progress_update, recompute_last_reported, save_activity
from alliantie.core.models import AuditEntry, Challenge, ChangeLine
from alliantie.core.tests.factories import make_activity, make_organisation
from alliantie.partners import services
from alliantie.partners.models import Organisation
from alliantie.partners.reporting import ReportingStatus, reporting_status

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def status_url(organisation) -> str:
    return reverse("partners:organisation-status", kwargs={"slug": organisation.slug})


def history_url(organisation) -> str:
    return reverse("partners:organisation-history", kwargs={"slug": organisation.slug})


@pytest.mark.smoke
def test_team_makes_a_partner_dormant_with_reason_and_date_and_it_is_audited(personas):
    organisation = personas.organisation
    organisation.joined_on = TODAY - timedelta(days=400)
    organisation.save()
    client = personas.client("project_team")
    since = TODAY - timedelta(days=3)
    response = client.post(
        status_url(organisation), {"status": "dormant", "since": since.isoformat(), "reason": "Reorganisatie."}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.status, organisation.status_since, organisation.status_reason) == (
        "dormant",
        since,
        "Reorganisatie.",
    )
    entry = AuditEntry.objects.get(action="organisation.status")
    assert entry.actor == personas.users["project_team"]
    assert entry.data == {
        "previous": "active",
        "status": "dormant",
        "since": since.isoformat(),
        "reason": "Reorganisatie.",
    }
    history = client.get(history_url(organisation)).content.decode()
    assert "Status gewijzigd" in history and "Reorganisatie." in history and "Tim Team" in history
    assert "slapend" in history


def test_an_ended_partner_leaves_the_directory_and_can_come_back(personas):
    organisation = personas.organisation
    team = personas.users["project_team"]
    services.change_status(organisation=organisation, status="ended", since=TODAY, reason="Opgeheven.", changed_by=team)
    directory = personas.client("anonymous").get(reverse("partners:directory")).content.decode()
    assert organisation.name not in directory
    services.change_status(organisation=organisation, status="active", since=TODAY, reason="", changed_by=team)
    directory = personas.client("anonymous").get(reverse("partners:directory")).content.decode()
    assert organisation.name in directory


@pytest.mark.parametrize(
    "current, new",
    [("applied", "active"), ("applied", "ended"), ("declined", "active"), ("ended", "dormant"), ("active", "active")],
)
def test_transitions_outside_the_lifecycle_are_refused(personas, current, new):
    organisation = make_organisation(status=current)
    with pytest.raises(ValidationError, match="kan niet de status"):
        services.change_status(
            organisation=organisation, status=new, since=TODAY, reason="x", changed_by=personas.users["project_team"]
        )
    organisation.refresh_from_db()
    assert organisation.status == current
    assert not AuditEntry.objects.filter(action="organisation.status").exists()


def test_the_form_explains_a_missing_reason_a_future_date_and_a_date_before_joining(personas):
    organisation = personas.organisation
    organisation.joined_on = TODAY - timedelta(days=10)
    organisation.save()
    client = personas.client("project_team")
    cases = [
        ({"status": "ended", "since": TODAY.isoformat(), "reason": "  "}, "Schrijf op waarom"),
        ({"status": "dormant", "since": (TODAY + timedelta(days=1)).isoformat(), "reason": "x"}, "in de toekomst"),
        ({"status": "dormant", "since": (TODAY - timedelta(days=11)).isoformat(), "reason": "x"}, "partner werd"),
        ({"status": "applied", "since": TODAY.isoformat(), "reason": "x"}, "Selecteer een geldige keuze"),
        ({"status": "dormant", "since": "31-02-2026", "reason": "x"}, "Voer een geldige datum in"),
    ]
    for data, message in cases:
        response = client.post(status_url(organisation), data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    organisation.refresh_from_db()
    assert organisation.status == "active"


def test_hostile_reason_is_stored_as_text_and_rendered_inert(personas):
    client = personas.client("project_team")
    script = "<script>alert('x')</script>"
    client.post(status_url(personas.organisation), {"status": "dormant", "since": TODAY.isoformat(), "reason": script})
    page = client.get(status_url(personas.organisation)).content.decode()
    assert script not in page and "&lt;script&gt;" in page
    assert script not in client.get(history_url(personas.organisation)).content.decode()


def test_a_double_submitted_status_change_is_applied_once(personas):
    client = personas.client("project_team")
    data = {"status": "ended", "since": TODAY.isoformat(), "reason": "Opgeheven."}
    assert client.post(status_url(personas.organisation), data).status_code == 302
    second = client.post(status_url(personas.organisation), data)
    assert second.status_code == 400
    assert AuditEntry.objects.filter(action="organisation.status").count() == 1


def test_history_shows_the_organisation_its_pledge_and_activities_newest_first_in_a_fixed_number_of_queries(
    personas,
):
    organisation = personas.organisation
    contact = personas.users["contact"]
    services.sign_pledge(organisation=organisation, signed_by=contact, signatory_name="Cas", signatory_function="baas")
    activity = save_activity(
        organisation=organisation,
        saved_by=contact,
        title="Huiswerkklas",
        description="Twee middagen per week.",
        challenges=[Challenge.objects.get(slug="meedoen")],
        change_line=ChangeLine.objects.get(code="soften"),
        target_groups=["children_4_12"],
        municipalities=[],
        co_partners=[],
        starts_on=TODAY,
        involvement="consulted",
        involvement_explanation="Ouders denken mee.",
    )
    add_progress_update(
        activity=activity, reported_by=contact, reported_on=TODAY, children_reached=5, families_reached=3, note="Loopt."
    )
    AuditEntry.objects.create(action="organisation.changed", target_type="partners.organisation", target_id="999")
    client = personas.client("project_team")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(history_url(organisation)).content.decode()
    labels = ["Voortgang gemeld", "Activiteit toegevoegd", "Belofte ondertekend"]
    positions = [page.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "Huiswerkklas" in page
    assert page.count("Profiel gewijzigd") == 0  # another organisation's entry
    baseline = len(queries)
    for _ in range(3):
        add_progress_update(
            activity=activity,
            reported_by=contact,
            reported_on=TODAY,
            children_reached=1,
            families_reached=1,
            note="Loopt.",
        )
    with CaptureQueriesContext(connection) as queries:
        client.get(history_url(organisation))
    assert len(queries) == baseline


@override_settings(REPORTING_STATUS_DAYS={"due": 100, "overdue": 200, "inactive": 300})
@pytest.mark.parametrize(
    "days_ago, expected",
    [
        (0, ReportingStatus.UP_TO_DATE),
        (99, ReportingStatus.UP_TO_DATE),
        (100, ReportingStatus.DUE),
        (199, ReportingStatus.DUE),
        (200, ReportingStatus.OVERDUE),
        (300, ReportingStatus.INACTIVE),
    ],
)
def test_reporting_status_follows_the_thresholds_in_the_settings(days_ago, expected):
    organisation = Organisation(status="active", joined_on=TODAY - timedelta(days=1000))
    # noon on that local day: a plain "now minus n days" can fall on another date across a DST change
    organisation.last_reported_at = timezone.make_aware(datetime.combine(TODAY - timedelta(days=days_ago), time(12)))
    assert reporting_status(organisation, TODAY).status == expected


def test_reporting_status_counts_from_joining_without_reports_and_is_inactive_when_dormant():
    fresh = Organisation(status="active", joined_on=TODAY - timedelta(days=10))
    assert reporting_status(fresh, TODAY).status == ReportingStatus.NEW  # joined, nothing reported yet: not "actueel"
    assert reporting_status(fresh, TODAY).last_report_on is None
    old = Organisation(status="active", joined_on=TODAY - timedelta(days=800))
    assert reporting_status(old, TODAY).status == ReportingStatus.INACTIVE
    assert reporting_status(Organisation(status="dormant", joined_on=TODAY), TODAY).status == ReportingStatus.INACTIVE
    assert reporting_status(Organisation(status="applied"), TODAY) is None
    assert reporting_status(Organisation(status="ended", joined_on=TODAY), TODAY) is None


def test_a_progress_update_brings_an_overdue_partner_back_to_up_to_date(personas):
    organisation = personas.organisation
    organisation.joined_on = TODAY - timedelta(days=500)
    organisation.save()
    activity = make_activity(organisation)
    activity.created_at = timezone.now() - timedelta(days=400)
    activity.save()
    recompute_last_reported()
    organisation.refresh_from_db()
    assert reporting_status(organisation).status == ReportingStatus.OVERDUE
    profile = personas.client("member").get(reverse("partners:organisation-detail", args=[organisation.slug]))
    assert "Verantwoording: achterstallig" in profile.content.decode()
    add_progress_update(
        activity=activity,
        reported_by=personas.users["member"],
        reported_on=TODAY,
        children_reached=10,
        families_reached=None,
        note="Loopt goed.",
    )
    organisation.refresh_from_db()
    assert reporting_status(organisation).status == ReportingStatus.UP_TO_DATE
    directory = personas.client("project_team").get(reverse("partners:directory")).content.decode()
    assert "Verantwoording: actueel" in directory
