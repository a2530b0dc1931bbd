"""Targets: their definitions, the pace, the dashboard and the form."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import AuditEntry, Sector
from alliantie.core.tests.factories import make_event, make_organisation
from alliantie.events.models import Event
from alliantie.reports import definitions, progress, selectors
from alliantie.reports.models import Target
from alliantie.reports.tests.conftest import Queries, grow

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DASHBOARD = reverse("reports:dashboard")


def target(**overrides) -> Target:
    fields = {
        "title": "Doel",
        "definition": "nieuwe-partners",
        "value": 10,
        "period_start": TODAY - timedelta(days=180),
        "period_end": TODAY + timedelta(days=185),
    } | overrides
    return Target.objects.create(**fields)


def test_the_seeds_targets_are_loaded_as_editable_defaults():
    titles = list(Target.objects.values_list("title", flat=True))
    assert "Netwerk van minimaal 350 partners" in titles and "Minimaal 8 kenniskringen per jaar" in titles
    new = Target.objects.get(definition="nieuwe-partners")
    assert new.value == 75 and {s.slug for s in new.sectors.all()} == {"woningcorporatie", "werkgever", "energie"}


@pytest.mark.smoke
def test_a_target_behind_its_pace_says_so_with_the_pace_needed():
    goal = target(value=20)
    for days in (10, 40, 100):
        make_organisation(joined_on=TODAY - timedelta(days=days))
    measured = progress.measure(goal, TODAY)
    assert measured.value == 3 and measured.status == "achter"
    assert measured.needed_per_month == pytest.approx(17 / ((goal.period_end - TODAY).days / 30.44), abs=0.1)
    assert measured.projected < 20 and measured.chart and len(measured.months) == 7


def test_a_target_on_pace_is_on_track_and_a_reached_one_is_reached():
    goal = target(value=4)
    for days in (5, 30, 60):
        make_organisation(joined_on=TODAY - timedelta(days=days))
    assert progress.measure(goal, TODAY).status == "op-schema"
    make_organisation(joined_on=TODAY)
    assert progress.measure(goal, TODAY).status == "gehaald"


def test_a_cumulative_target_counts_what_there_was_before_the_period():
    goal = target(definition="partners", value=5)
    make_organisation(joined_on=TODAY - timedelta(days=900))
    make_organisation(joined_on=TODAY - timedelta(days=10))
    make_organisation(joined_on=TODAY - timedelta(days=10), status="ended")
    measured = progress.measure(goal, TODAY)
    assert (measured.baseline, measured.value) == (1, 2)


def test_a_target_that_counts_nothing_says_so_without_a_chart_or_a_division_by_zero():
    goal = target(definition="kenniskringen", value=8)
    measured = progress.measure(goal, TODAY)
    assert measured.status == "niets-geteld" and measured.chart is None and measured.value == 0
    page = target_page(goal)
    assert "Nog niets geteld" in page and "<svg" not in page


def test_a_period_that_has_not_started_and_a_passed_one():
    assert progress.measure(target(period_start=TODAY + timedelta(days=5)), TODAY).status == "begint-nog"
    ended = target(period_start=date(2020, 1, 1), period_end=date(2020, 12, 31))
    assert progress.measure(ended, TODAY).status == "niet-gehaald"


def test_an_unregistered_definition_shows_that_the_count_is_not_available(personas):
    goal = target(definition="van-een-app-die-er-niet-is")
    assert progress.measure(goal, TODAY).status == "onbekend"
    assert "niet beschikbaar" in personas.client("project_team").get(DASHBOARD).content.decode()


def test_a_definition_registered_later_is_counted(personas):
    definitions.register(
        definitions.from_records(
            key="test-kenniskringen-online",
            label="Online kenniskringen",
            counts="Kenniskringen.",
            leaves_out="Niets.",
            records=lambda t: Event.objects.all(),
            date_field="starts_at",
            record_link=lambda e: "/",
        )
    )
    try:
        make_event(kind="kenniskring", starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=1))
        assert progress.measure(target(definition="test-kenniskringen-online"), TODAY).value == 1
    finally:
        del definitions.DEFINITIONS["test-kenniskringen-online"]


def test_the_sectors_of_a_target_narrow_a_partner_count():
    goal = target(value=5)
    goal.sectors.set([Sector.objects.get(slug="woningcorporatie")])
    make_organisation(joined_on=TODAY, sector=Sector.objects.get(slug="woningcorporatie"))
    make_organisation(joined_on=TODAY)
    assert progress.measure(goal, TODAY).value == 1


def target_page(goal: Target) -> str:
    from alliantie.conftest import make_personas

    personas = make_personas()
    return personas.client("project_team").get(reverse("reports:target-detail", args=[goal.pk])).content.decode()


@pytest.mark.smoke
def test_the_dashboard_shows_each_value_of_its_target_with_its_status_and_links_to_the_records(personas):
    goal = target(title="Nieuwe partners dit jaar", value=20)
    partner = make_organisation(name="Woonstichting Zeeuwse Kust", joined_on=TODAY - timedelta(days=3))
    page = personas.client("project_team").get(DASHBOARD).content.decode()
    assert "Nieuwe partners dit jaar" in page and "van 20" in page and "achter op schema" in page and "Nodig:" in page
    records = personas.client("project_team").get(reverse("reports:target-detail", args=[goal.pk])).content.decode()
    assert partner.name in records and reverse("partners:organisation-detail", args=[partner.slug]) in records
    assert "Wat er niet wordt geteld" in records


@pytest.mark.parametrize("role", ["member", "contact", "coordinator", "outsider"])
def test_only_the_team_sees_the_dashboard(personas, role):
    assert personas.client(role).get(DASHBOARD).status_code == 403


def test_the_dashboard_asks_the_same_number_of_queries_at_two_sizes(personas):
    client = personas.client("project_team")
    grow(2)
    client.get(DASHBOARD)
    with Queries() as small:
        assert client.get(DASHBOARD).status_code == 200
    grow(30)
    with Queries() as large:
        assert client.get(DASHBOARD).status_code == 200
    # session, user, second factor; versions; targets, their sectors; per target the months (and a baseline for a
    # cumulative one); the figures' snapshot
    assert small.count == large.count


def form_data(**overrides) -> dict:
    return {
        "title": "Lokale allianties",
        "definition": "partners",
        "value": "15",
        "period_start": "2026-01-01",
        "period_end": "2027-12-31",
    } | overrides


def test_the_team_adds_a_target_which_is_audited(personas):
    client = personas.client("project_team")
    response = client.post(reverse("reports:target-create"), form_data(public="on", sectors=[1, 2]))
    created = Target.objects.get(title="Lokale allianties")
    assert response.status_code == 302 and created.public and created.sectors.count() == 2
    assert AuditEntry.objects.filter(action="target.created", target_id=str(created.pk)).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"period_end": "2025-01-01"}, "period_end", "Het einde van de periode ligt voor het begin."),
        ({"value": "veel"}, "value", "Vul een heel getal in, bijvoorbeeld 15."),
        ({"value": "0"}, "value", "De streefwaarde is minstens 1."),
        ({"value": "99999999999999999999"}, "value", "hoogstens 1.000.000"),
        ({"period_start": "31-02-2026"}, "period_start", "Vul een geldige datum in"),
        ({"period_start": "<script>alert(1)</script>"}, "period_start", "Vul een geldige datum in"),
        ({"definition": "'; DROP TABLE reports_target; --"}, "definition", "Selecteer een geldige keuze"),
        ({"title": "x" * 500}, "title", "120"),
        ({"title": "Doel\u202eevil"}, "title", "U+202E"),
        ({"sectors": ["9999"]}, "sectors", "Selecteer een geldige keuze"),
        ({"owner": "abc"}, "owner", "Selecteer een geldige keuze"),
        ({"title": ""}, "title", "Dit veld is verplicht."),
    ],
)
def test_hostile_target_input_gets_a_dutch_message_at_its_field_and_saves_nothing(personas, data, field, message):
    client = personas.client("project_team")
    before = Target.objects.count()
    response = client.post(reverse("reports:target-create"), form_data(**data))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    assert Target.objects.count() == before
    assert f'href="#id_{field}"' in response.content.decode()


def test_a_period_ending_before_it_starts_is_refused_in_the_model_too():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        Target(
            title="x", definition="partners", value=1, period_start=TODAY, period_end=TODAY - timedelta(1)
        ).full_clean()
    assert "period_end" in error.value.message_dict


def test_editing_and_deleting_a_target(personas):
    client = personas.client("project_team")
    goal = target()
    assert client.get(reverse("reports:target-edit", args=[goal.pk])).status_code == 200
    client.post(reverse("reports:target-edit", args=[goal.pk]), form_data(definition="nieuwe-partners", value="40"))
    goal.refresh_from_db()
    assert goal.value == 40
    assert client.get(reverse("reports:target-delete", args=[goal.pk])).status_code == 405
    assert client.post(reverse("reports:target-delete", args=[goal.pk])).status_code == 302
    assert not Target.objects.filter(pk=goal.pk).exists()
    assert client.get(reverse("reports:target-edit", args=[goal.pk])).status_code == 404


def test_the_dictionary_lists_every_definition_with_what_it_leaves_out(personas):
    page = personas.client("project_team").get(reverse("reports:dictionary")).content.decode()
    for definition in definitions.DEFINITIONS.values():
        assert str(definition.label) in page
    assert "Laat weg:" in page and "woningcorporatie" in page.lower()


def test_the_public_api_lists_public_targets_with_their_value(client):
    target(title="Openbaar doel", public=True)
    target(title="Intern doel", public=False)
    names = [t["naam"] for t in client.get("/api/v1/doelen").json()["results"]]
    assert "Openbaar doel" in names and "Intern doel" not in names
    assert all(t["status"] for t in client.get("/api/v1/doelen").json()["results"])


def test_selectors_dashboard_public_only_skips_internal_targets():
    target(title="Intern", public=False)
    assert "Intern" not in [p.target.title for p in selectors.dashboard(public_only=True)]
