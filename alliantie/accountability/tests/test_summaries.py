"""The precomputed counts (core/summaries.py) equal a full recount after every kind of change made through the
services: a new partner, a status change, an activity and its progress, a nomination, a contact moment, a monitor
round opened, an answer submitted and coded, an import that moves a partner to another sector. Every summary is
checked after every step: the worklist's entries and counts, the directory's facets and pair counts, the monitor's
counts of the round, the figures per year."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from alliantie.accountability import worklist
from alliantie.accountability.models import WorklistCount
from alliantie.accountability.services import record_contact
from alliantie.activities import figures
from alliantie.activities.services import add_progress_update, save_activity, update_activity_fields
from alliantie.core import summaries
from alliantie.core.models import Challenge, ChangeLine, Municipality, Province, Scope, Sector
from alliantie.core.tests.factories import make_activity, make_membership, make_organisation, make_user
from alliantie.monitoring import counts, results
from alliantie.monitoring import services as monitoring
from alliantie.monitoring.models import Answer, MonitorRound, Question
from alliantie.monitoring.selectors import dashboard, not_answered
from alliantie.partners import facets
from alliantie.partners import services as partners
from alliantie.partners.directory import (
    DirectoryFilters,
    facet_counts,
    filtered_partners,
    found_ids,
    partner_directory,
)
from alliantie.partners.imports import ImportReport, ImportRow
from alliantie.partners.models import Membership, Organisation

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def assert_every_summary_matches_a_recount(*rounds: MonitorRound) -> None:
    assert worklist.summary_matches_recount(), "worklist"
    assert facets.summary_matches_recount(), "directory facets"
    assert figures.summary_matches_recount(), "figures per year"
    for monitor_round in rounds:
        monitor_round.refresh_from_db()
        assert monitor_round.counted
        assert counts.summary_matches_recount(monitor_round), f"monitor {monitor_round}"


def assert_pages_read_the_same_as_counted(*rounds: MonitorRound) -> None:
    """What the pages show from the summaries equals what they show counted from the data."""
    for filters in (worklist.WorklistFilters(), worklist.WorklistFilters(include_recently_contacted=True)):
        from_summary = worklist.worklist(filters, 1)
        counted = worklist._live_worklist(filters, 1, TODAY)
        assert from_summary["counts"] == counted["counts"]
        assert [(r.organisation.pk, r.reasons) for r in from_summary["page"].object_list] == [
            (r.organisation.pk, r.reasons) for r in counted["page"].object_list
        ]
    for directory_filters in (
        DirectoryFilters(),
        DirectoryFilters(sector=Sector.objects.get(slug="onderwijs")),
        DirectoryFilters(scope=Scope.objects.get(code="local"), province=Province.objects.get(code="PV28")),
    ):
        from_summary = partner_directory(directory_filters, 1)
        ids = found_ids(filtered_partners(directory_filters))
        live = {facet: {k: n for k, n in values.items() if n} for facet, values in facet_counts(ids).items()}
        assert from_summary["facets"] == live
        assert from_summary["total"] == filtered_partners(directory_filters).count()
    assert results.growth(TODAY.year) == results._growth_from_data(TODAY.year)
    for monitor_round in rounds:
        monitor_round.refresh_from_db()
        uncounted = MonitorRound.objects.get(pk=monitor_round.pk)
        uncounted.counted = False
        for sector in ("", "onderwijs"):
            filters = results.Filters(sector=sector)
            assert results._question_results(monitor_round, filters, None, public=False) == results._question_results(
                uncounted, filters, None, public=False
            )
        assert dashboard(monitor_round) == dashboard(uncounted)
        assert not_answered(monitor_round) == not_answered(uncounted)


@pytest.fixture
def alliance(personas):
    team = personas.users["project_team"]
    school = make_organisation(
        name="Basisschool De Wereld",
        sector=Sector.objects.get(slug="onderwijs"),
        joined_on=TODAY - timedelta(days=800),
        last_reported_at=timezone.now() - timedelta(days=500),
    )
    school.area_municipalities.set([Municipality.objects.get(code="GM0637")])
    national = make_organisation(
        name="Landelijk Fonds", scope=Scope.objects.get(code="national"), sector=Sector.objects.get(slug="fonds")
    )
    provincial = make_organisation(name="GGD Zuid-Holland", scope=Scope.objects.get(code="regional"))
    provincial.area_provinces.set([Province.objects.get(code="PV28")])
    make_activity(national, ends_on=TODAY + timedelta(days=20))
    contact = make_user(email="school@example.org", name="Sara School")
    make_membership(contact, school, Membership.Role.CONTACT)
    summaries.rebuild_all()
    assert WorklistCount.objects.filter(computed_on=TODAY).count() == 2 * (
        len(worklist.REASONS) + 1
    )  # also reports' reason
    return {"team": team, "school": school, "national": national, "provincial": provincial, "contact": contact}


def test_summaries_match_a_recount_after_every_kind_of_change(alliance, personas):
    team, school = alliance["team"], alliance["school"]
    assert_every_summary_matches_a_recount()

    # A new partner: applies, signs, is approved.
    applicant = make_user(email="nieuw@example.org", name="Nina Nieuw")
    organisation, _contact = partners.apply_for_partnership(
        contact=applicant,
        name="Huiswerkklas Delft",
        sector=Sector.objects.get(slug="maatschappelijke-organisatie"),
        scope=Scope.objects.get(code="local"),
        kvk_number="",
        website="",
        address="",
        postcode="",
        city="Delft",
        description="Huiswerkbegeleiding.",
        area_municipalities=[Municipality.objects.get(code="GM0503")],
        area_provinces=[],
    )
    assert_every_summary_matches_a_recount()
    partners.sign_pledge(organisation=organisation, signed_by=applicant, signatory_name="N", signatory_function="D")
    partners.decide_application(organisation=organisation, decided_by=team, approve=True, message="Welkom")
    assert_every_summary_matches_a_recount()

    # A status change, and back.
    partners.change_status(organisation=school, status="dormant", since=TODAY, reason="Stil", changed_by=team)
    assert_every_summary_matches_a_recount()
    partners.change_status(organisation=school, status="active", since=TODAY, reason="", changed_by=team)
    partners.change_status(
        organisation=alliance["provincial"], status="ended", since=TODAY, reason="Gestopt", changed_by=team
    )
    assert_every_summary_matches_a_recount()

    # An activity: made, its opgaven changed, its end moved; progress reported.
    activity = save_activity(
        organisation=school,
        saved_by=alliance["contact"],
        title="Schoolontbijt",
        description="Elke ochtend ontbijt.",
        change_line=ChangeLine.objects.get(code="soften"),
        target_groups=["children_4_12"],
        starts_on=date(TODAY.year - 1, 3, 1),
        ends_on=None,
        involvement="co_designed",
        involvement_explanation="Ouders kozen mee.",
        challenges=[Challenge.objects.get(slug="een-gezonde-dag")],
        municipalities=[],
        co_partners=[],
    )
    assert_every_summary_matches_a_recount()
    add_progress_update(
        activity=activity,
        reported_by=alliance["contact"],
        reported_on=TODAY,
        children_reached=40,
        families_reached=12,
        note="Goed gegaan.",
    )
    assert_every_summary_matches_a_recount()
    save_activity(
        organisation=school,
        saved_by=alliance["contact"],
        activity=activity,
        title="Schoolontbijt",
        description="Elke ochtend ontbijt.",
        change_line=ChangeLine.objects.get(code="strengthen"),
        target_groups=["children_4_12"],
        starts_on=date(TODAY.year - 1, 3, 1),
        ends_on=None,
        involvement="consulted",
        involvement_explanation="Ouders gaven hun mening.",
        challenges=[Challenge.objects.get(slug="meedoen"), Challenge.objects.get(slug="een-fijn-thuis")],
        municipalities=[],
        co_partners=[],
    )
    assert_every_summary_matches_a_recount()
    update_activity_fields(activity=activity, changed_by=alliance["contact"], ends_on=TODAY + timedelta(days=10))
    assert_every_summary_matches_a_recount()

    # A nomination, and a contact moment with a follow-up.
    partners.nominate_partner(
        organisation=school,
        nominated_by=alliance["contact"],
        organisation_name="Sportclub",
        contact_email="sport@example.org",
        reason="Doet veel voor kinderen.",
        base_url="http://testserver",
    )
    record_contact(
        organisation=school,
        recorded_by=team,
        kind="phone",
        happened_on=TODAY - timedelta(days=40),
        summary="Gebeld.",
        follow_up_on=TODAY - timedelta(days=3),
    )
    assert_every_summary_matches_a_recount()

    # A monitor round: made, opened, answered in a draft, submitted, coded.
    monitor_round = monitoring.create_round(
        name="Monitor",
        year=TODAY.year,
        questionnaire=monitoring.template(),
        opens_on=TODAY - timedelta(days=1),
        closes_on=TODAY + timedelta(days=10),
        reminder_days=[3],
        created_by=team,
    )
    monitoring.open_round(monitor_round=monitor_round, opened_by=team)
    monitoring.queue_invitation_mails.call(monitor_round.pk)
    assert_every_summary_matches_a_recount(monitor_round)
    questions = {q.key: q for q in Question.objects.filter(section__questionnaire=monitor_round.questionnaire_id)}
    values = {
        questions["opgaven"].pk: ["een-gezonde-dag", "meedoen"],
        questions["gemeenten"].pk: [Municipality.objects.get(code="GM0637")],
        questions["behoeften"].pk: "Een landelijke sociale kaart.",
        questions["tevredenheid"].pk: "4",
        questions["bereik-kinderen"].pk: Decimal(120),
    }
    for organisation, agrees in ((school, True), (personas.organisation, False)):
        for submit in (False, True):
            monitoring.save_answers(
                monitor_round=monitor_round,
                organisation=organisation,
                user=team,
                values=values,
                revision=int(submit),
                submit=submit,
                agrees_to_be_named=agrees,
            )
            assert_every_summary_matches_a_recount(monitor_round)
    answer = Answer.objects.filter(question=questions["behoeften"], response__organisation=school).get()
    monitoring.code_answer(answer=answer, labels=["Sociale kaart", "Minimum"], coded_by=team)
    assert_every_summary_matches_a_recount(monitor_round)
    monitoring.code_answer(answer=answer, labels=["Sociale kaart"], coded_by=team)
    assert_every_summary_matches_a_recount(monitor_round)

    # An import that moves the school to another sector: its counted answers move with it.
    partners.import_organisations(
        report=ImportReport(
            rows=[
                ImportRow(
                    row=2,
                    name=school.name,
                    kvk_number="",
                    sector=Sector.objects.get(slug="maatschappelijke-organisatie"),
                    scope=Scope.objects.get(code="local"),
                    municipalities=[Municipality.objects.get(code="GM0637")],
                    provinces=[],
                    website="",
                    email="",
                    postcode="",
                    city="Zoetermeer",
                    existing=school,
                )
            ]
        ),
        imported_by=team,
    )
    assert Organisation.objects.get(pk=school.pk).sector.slug == "maatschappelijke-organisatie"
    assert_every_summary_matches_a_recount(monitor_round)
    assert_pages_read_the_same_as_counted(monitor_round)


def test_the_worklist_reads_its_summary_only_on_the_day_it_was_built(alliance):
    WorklistCount.objects.filter(include_recent=False, reason="geen-update").update(n=999)
    assert worklist.worklist(worklist.WorklistFilters(), 1)["counts"]["geen-update"] == 999  # read, not counted
    tomorrow = TODAY + timedelta(days=1)
    assert worklist.worklist(worklist.WorklistFilters(), 1, tomorrow)["counts"]["geen-update"] == 1  # counted
    assert worklist.rebuild_if_new_day() == "werklijst is van vandaag"
    WorklistCount.objects.update(computed_on=TODAY - timedelta(days=1))
    worklist.rebuild_if_new_day()
    assert worklist.worklist(worklist.WorklistFilters(), 1)["counts"]["geen-update"] == 1
    assert worklist.summary_matches_recount()


def test_a_summary_that_was_never_built_is_left_alone_by_the_services(personas):
    assert not WorklistCount.objects.exists()
    organisation = make_organisation(name="Zonder samenvatting")
    partners.change_status(
        organisation=organisation, status="dormant", since=TODAY, reason="x", changed_by=personas.users["project_team"]
    )
    assert not WorklistCount.objects.exists()
    assert facets.given(facets.PARTNER) is None
    assert summaries.rebuild_due()
    assert facets.given(facets.PARTNER) is not None
    assert_every_summary_matches_a_recount()
