"""Coverage, blind spots, candidates and the recruitment list."""

import pytest
from django.urls import reverse

from alliantie.core.models import AuditEntry, Challenge, Municipality, Province, Sector
from alliantie.core.tests.factories import make_activity, make_location, make_organisation, make_service
from alliantie.reports import precompute
from alliantie.reports.models import CoverageCell, RecruitmentCandidate, Snapshot
from alliantie.reports.tests.conftest import Queries, grow, make_partners

pytestmark = pytest.mark.django_db
COVERAGE = reverse("reports:coverage")
ZEELAND = "PV29"
MIDDELBURG = "GM0687"


def spot_url(sector: str = "woningcorporatie") -> str:
    return reverse("reports:candidates") + f"?opgave=een-fijn-thuis&provincie={ZEELAND}&sector={sector}"


@pytest.mark.smoke
def test_the_refresh_counts_activities_per_cell_and_is_safe_to_run_twice():
    make_partners(3, sector="onderwijs", code="GM0363")  # Amsterdam, Noord-Holland
    assert "cellen" in precompute.refresh()
    assert precompute.refresh() == "niets veranderd"
    before = list(CoverageCell.objects.values_list("challenge", "change_line", "province", "sector", "activities"))
    assert precompute.refresh(force=True).startswith(f"{len(before)} cellen")
    after = list(CoverageCell.objects.values_list("challenge", "change_line", "province", "sector", "activities"))
    assert sorted(before, key=str) == sorted(after, key=str)
    all_lines = CoverageCell.objects.get(change_line=None, province__code="PV27")
    assert (all_lines.activities, all_lines.partners, all_lines.lived_experience) == (3, 3, 3)
    assert Snapshot.objects.filter(name="cijfers").count() == 1


def test_an_ended_activity_or_an_ended_partner_is_not_counted():
    from datetime import timedelta

    from django.utils import timezone

    ended = make_partners(1, sector="onderwijs")[0].activities.get()
    ended.starts_on = timezone.localdate() - timedelta(days=90)
    ended.ends_on = timezone.localdate() - timedelta(days=1)
    ended.save()
    make_partners(1, sector="onderwijs", status="ended")
    precompute.refresh()
    assert not CoverageCell.objects.exists()


def test_blind_spots_are_listed_in_plain_words_and_lead_to_candidates(personas):
    precompute.refresh()
    page = personas.client("project_team").get(COVERAGE).content.decode()
    assert "Een fijn thuis: in Zeeland geen woningcorporatie actief" in page
    assert spot_url().replace("&", "&amp;") in page


def test_an_activity_of_the_needed_sector_fills_the_blind_spot(personas):
    corporation = make_organisation(sector=Sector.objects.get(slug="woningcorporatie"))
    activity = make_activity(corporation)
    activity.challenges.set([Challenge.objects.get(slug="een-fijn-thuis")])
    activity.municipalities.set([Municipality.objects.get(code=MIDDELBURG)])
    precompute.refresh()
    page = personas.client("project_team").get(COVERAGE).content.decode()
    assert "Een fijn thuis: in Zeeland geen woningcorporatie actief" not in page
    assert "Een fijn thuis: in Zeeland geen energie- of nutsbedrijf actief" in page


def test_the_candidates_are_nearby_partners_organisations_not_yet_partner_and_providers(personas):
    corporation = Sector.objects.get(slug="woningcorporatie")
    middelburg = Municipality.objects.get(code=MIDDELBURG)
    partner = make_organisation(name="Woonstichting Walcheren", sector=corporation, municipality=middelburg)
    applicant = make_organisation(name="Zeeuwland Wonen", sector=corporation, municipality=middelburg, status="applied")
    make_organisation(name="Wonen Utrecht", sector=corporation)  # elsewhere
    service = make_service(name="Energiecoach")
    service.challenges.set([Challenge.objects.get(slug="een-fijn-thuis")])
    service.provider.area_provinces.set([Province.objects.get(code=ZEELAND)])
    by_need = make_service(name="Energiecoach Vlissingen", needs=["wonen-energie"], national=False)
    make_location(by_need, municipality_code="GM0718")  # Vlissingen; no opgave tagged, but it meets the need
    school = make_service(name="Schoolspullenpunt", needs=["school"], national=False)
    make_location(school, municipality_code="GM0718")
    page = personas.client("project_team").get(spot_url()).content.decode()
    assert partner.name in page and applicant.name in page and service.provider.name in page
    assert by_need.provider.name in page and school.provider.name not in page
    assert "Wonen Utrecht" not in page


@pytest.mark.smoke
def test_the_team_adds_a_candidate_to_the_recruitment_list_once(personas):
    middelburg = Municipality.objects.get(code=MIDDELBURG)
    applicant = make_organisation(
        name="Zeeuwland Wonen",
        sector=Sector.objects.get(slug="woningcorporatie"),
        municipality=middelburg,
        status="applied",
    )
    client = personas.client("project_team")
    data = {"opgave": "een-fijn-thuis", "provincie": ZEELAND, "sector": "woningcorporatie", "organisatie": applicant.pk}
    response = client.post(reverse("reports:candidate-add"), data)
    assert response.status_code == 302 and response["Location"] == reverse("reports:recruitment")
    candidate = RecruitmentCandidate.objects.get()
    assert candidate.name == "Zeeuwland Wonen" and candidate.status == "open"
    assert AuditEntry.objects.filter(action="recruitment.added").exists()
    page = client.get(reverse("reports:recruitment")).content.decode()
    assert "Zeeuwland Wonen" in page and reverse("accountability:contact-log", args=[applicant.slug]) in page
    assert "staat op de werflijst" in client.get(spot_url()).content.decode()
    again = client.post(reverse("reports:candidate-add"), data)
    assert again.status_code == 400 and "staat al op de werflijst" in again.content.decode()
    assert RecruitmentCandidate.objects.count() == 1
    client.post(reverse("reports:candidate-status", args=[candidate.pk]), {"status": "benaderd"})
    candidate.refresh_from_db()
    assert candidate.status == "benaderd"
    export = client.get(reverse("reports:recruitment-export"))
    assert export.content.decode("utf-8-sig").splitlines()[1].startswith("Zeeuwland Wonen;organisatie;")


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"opgave": "bestaat-niet", "provincie": ZEELAND, "organisatie": "1"},
        {"opgave": "een-fijn-thuis", "provincie": "PV99", "organisatie": "1"},
        {"opgave": "een-fijn-thuis", "provincie": ZEELAND},
        {"opgave": "een-fijn-thuis", "provincie": ZEELAND, "organisatie": "-1"},
        {"opgave": "een-fijn-thuis", "provincie": ZEELAND, "organisatie": "99999999999999999999"},
        {"opgave": "een-fijn-thuis", "provincie": ZEELAND, "organisatie": "2147483000"},
        {"opgave": "een-fijn-thuis", "provincie": ZEELAND, "organisatie": "1", "aanbieder": "1"},
        {"opgave": "een-fijn-thuis", "provincie": ZEELAND, "organisatie": "1", "notitie": "x" * 3000},
    ],
)
def test_hostile_candidate_input_is_refused_in_dutch_and_saves_nothing(personas, data):
    response = personas.client("project_team").post(reverse("reports:candidate-add"), data)
    assert response.status_code == 400
    assert "Controleer wat u hebt ingevuld" in response.content.decode()
    assert not RecruitmentCandidate.objects.exists()


def test_a_wrong_status_is_refused(personas):
    organisation = make_organisation()
    candidate = RecruitmentCandidate.objects.create(
        challenge=Challenge.objects.first(), province=Province.objects.first(), organisation=organisation, name="X"
    )
    personas.client("project_team").post(reverse("reports:candidate-status", args=[candidate.pk]), {"status": "weg"})
    candidate.refresh_from_db()
    assert candidate.status == "open"


@pytest.mark.parametrize(
    "query",
    ["?lijn=verzinnen", "?sector=%3Cscript%3E", "?provincie=PV99", "?lijn=" + "a" * 3000, "?sector=%00"],
)
def test_odd_coverage_filters_are_a_400_with_a_dutch_message(personas, query):
    response = personas.client("project_team").get(COVERAGE + query)
    assert response.status_code == 400
    if len(query) < 100 and "%00" not in query:
        assert "Kies een waarde uit de lijst." in response.content.decode()


@pytest.mark.parametrize("query", ["", "?opgave=een-fijn-thuis", "?opgave=x&provincie=y", "?opgave=" + "a" * 3000])
def test_candidates_without_a_valid_spot_are_a_400(personas, query):
    assert personas.client("project_team").get(reverse("reports:candidates") + query).status_code == 400


def test_the_matrix_filters_by_line_and_sector(personas):
    grow(12)
    precompute.refresh()
    client = personas.client("project_team")
    assert client.get(COVERAGE + "?lijn=soften&sector=onderwijs&provincie=PV29").status_code == 200


@pytest.mark.parametrize("url", [COVERAGE, reverse("reports:recruitment"), spot_url()])
def test_the_coverage_pages_ask_the_same_number_of_queries_at_two_sizes(personas, url):
    client = personas.client("project_team")
    grow(3)
    precompute.refresh()
    client.get(url)
    with Queries() as small:
        assert client.get(url).status_code == 200
    grow(30)
    precompute.refresh()
    client.get(url)  # the figures were remade: the first request draws the page's parts, the others read them
    with Queries() as large:
        assert client.get(url).status_code == 200
    # session, user, second factor; challenges, provinces, sectors, cells (matrix), cells (blind spots), snapshot
    assert small.count == large.count


def test_a_later_app_adds_rows_to_the_coverage_such_as_local_agenda_goals(personas):
    fijn_thuis = Challenge.objects.get(slug="een-fijn-thuis")
    zeeland = Province.objects.get(code=ZEELAND)
    corporation = Sector.objects.get(slug="woningcorporatie")

    def goals(today):
        for line in (None, 1):
            yield {"challenge": fijn_thuis.pk, "change_line": line, "province": zeeland.pk, "sector": corporation.pk,
                   "activities": 1, "partners": 1, "lived": 0}  # fmt: skip

    precompute.COVERAGE_SOURCES.append(goals)
    try:
        precompute.refresh(force=True)
        page = personas.client("project_team").get(COVERAGE).content.decode()
        assert "Een fijn thuis: in Zeeland geen woningcorporatie actief" not in page
        assert "/partners/?opgave=een-fijn-thuis&amp;provincie=PV29" in page  # the number leads to the partners
    finally:
        precompute.COVERAGE_SOURCES.remove(goals)
