"""Results counted in the database: distributions with their base, filters, codes of open answers, comparison with
the previous round, sources behind every figure, suppression of small groups in public, and the export."""

import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from alliantie.core.models import Sector
from alliantie.core.tests.factories import make_invitation, make_organisation, make_response, make_round
from alliantie.monitoring import results, services
from alliantie.monitoring.models import Answer, Code

pytestmark = pytest.mark.django_db


def partners(n: int, prefix: str = "Partner", **fields) -> list:
    return [make_organisation(name=f"{prefix} {i}", **fields) for i in range(n)]


@pytest.fixture
def answered(db):
    """Eight partners: six gemeenten, two fondsen; and a previous round with the same questions."""
    monitor_round = make_round(status="closed", results_published_at=timezone.now())
    fund = Sector.objects.get(slug="fonds")
    municipal = Sector.objects.get(slug="gemeente")
    organisations = partners(6, "Gemeente", sector=municipal) + [
        make_organisation(name=f"Fonds {i}", sector=fund) for i in range(2)
    ]
    for i, organisation in enumerate(organisations):
        make_invitation(monitor_round, organisation)
        make_response(
            monitor_round,
            organisation,
            {
                "opgaven": ["meedoen", "een-gezonde-dag"] if i < 5 else ["leren-omgaan-met-geld"],
                "ervaringskennis": "Geraadpleegd" if i < 6 else "Nog niet",
                "bereik-kinderen": 100,
                "behoeften": f"Behoefte {i}",
            },
            agrees_to_be_named=i == 7,
        )
    previous = make_round(status="closed", year=2025, opens_on=date(2025, 6, 1), closes_on=date(2025, 8, 1))
    for organisation in organisations[:4]:
        make_response(previous, organisation, {"opgaven": ["meedoen"]})
    return {"round": monitor_round, "previous": previous, "organisations": organisations}


def by_key(found, key):
    return results.result_by_key(found, key)


@pytest.mark.smoke
def test_each_question_has_its_distribution_counts_percentages_and_base(answered):
    found = results.question_results(answered["round"])
    opgaven = by_key(found, "opgaven")
    assert opgaven.base == 8
    bars = {bar.option: (bar.count, bar.percent) for bar in opgaven.bars}
    assert bars == {"meedoen": (5, 62.5), "een-gezonde-dag": (5, 62.5), "leren-omgaan-met-geld": (3, 37.5)}
    reach = by_key(found, "bereik-kinderen")
    assert reach.total == 800 and reach.mean == 100
    assert by_key(found, "tevredenheid").base == 0


def test_filters_by_sector_scope_province_and_opgave(answered):
    found = results.question_results(answered["round"], results.Filters(sector="fonds"))
    assert by_key(found, "opgaven").base == 2
    assert {bar.option for bar in by_key(found, "opgaven").bars} == {"leren-omgaan-met-geld"}
    assert by_key(results.question_results(answered["round"], results.Filters(province="PV20")), "opgaven").base == 0
    assert by_key(results.question_results(answered["round"], results.Filters(scope="local")), "opgaven").base == 8


def test_comparison_with_the_previous_round_where_the_same_question_was_asked(answered):
    opgaven = by_key(results.question_results(answered["round"]), "opgaven")
    assert opgaven.previous_base == 4
    meedoen = next(bar for bar in opgaven.bars if bar.option == "meedoen")
    assert meedoen.previous_percent == 100.0


@pytest.mark.smoke
def test_in_public_a_group_under_five_is_merged_unless_everyone_in_it_agreed(answered):
    public = by_key(results.question_results(answered["round"], public=True), "opgaven")
    shown = {bar.option: bar.count for bar in public.bars}
    assert shown["meedoen"] == 5
    assert "leren-omgaan-met-geld" not in shown  # three partners, not all agreed to be named
    assert shown[results.OTHER] is None  # the merged group is itself under five: no number
    experience = by_key(results.question_results(answered["round"], public=True), "ervaringskennis")
    assert {bar.option for bar in experience.bars} == {"Geraadpleegd", results.OTHER}
    small = by_key(results.question_results(answered["round"], results.Filters(sector="fonds"), public=True), "opgaven")
    assert small.suppressed and small.bars == []


def test_a_small_group_whose_partners_all_agreed_is_shown(answered):
    from alliantie.monitoring.models import Response

    Response.objects.filter(round=answered["round"], organisation__in=answered["organisations"][5:]).update(
        agrees_to_be_named=True, updated_at=timezone.now()
    )
    public = by_key(results.question_results(answered["round"], public=True), "opgaven")
    assert {bar.option: bar.count for bar in public.bars}["leren-omgaan-met-geld"] == 3


def test_the_team_codes_open_answers_and_the_most_named_needs_are_counted(answered, personas):
    client = personas.client("project_team")
    question = by_key(results.question_results(answered["round"]), "behoeften").question
    url = reverse("monitoring:round-coding", args=[answered["round"].pk, question.pk])
    page = client.get(url)
    assert page.context["uncoded"] == 8
    for n, answer in enumerate(Answer.objects.filter(question=question).order_by("pk")):
        labels = "Sociale kaart; Hoger sociaal minimum" if n < 5 else "Sociale kaart"
        assert client.post(url, {"antwoord": answer.pk, "labels": labels}).status_code == 302
    codes = {bar.label: bar.count for bar in by_key(results.question_results(answered["round"]), "behoeften").codes}
    assert codes == {"Sociale kaart": 8, "Hoger sociaal minimum": 5}
    assert Code.objects.filter(question=question).count() == 2
    assert client.get(url).context["uncoded"] == 0
    other_round = make_round()
    assert (
        client.post(
            reverse("monitoring:round-coding", args=[other_round.pk, question.pk]),
            {"antwoord": Answer.objects.filter(question=question).first().pk, "labels": "x"},
        ).status_code
        == 404
    )


def test_every_figure_links_to_the_answers_it_came_from(answered, personas):
    client = personas.client("project_team")
    page = client.get(reverse("monitoring:round-results", args=[answered["round"].pk]))
    question = by_key([shown.result for shown in page.context["results"]], "opgaven").question
    assert f"?vraag={question.pk}&amp;keuze=leren-omgaan-met-geld" in page.content.decode()
    sources = client.get(
        reverse("monitoring:round-sources", args=[answered["round"].pk]),
        {"vraag": question.pk, "keuze": "leren-omgaan-met-geld"},
    )
    names = [organisation.name for organisation, _values in sources.context["rows"]]
    assert names == ["Fonds 0", "Fonds 1", "Gemeente 5"]
    assert (
        client.get(reverse("monitoring:round-sources", args=[answered["round"].pk]), {"vraag": "x"}).status_code == 404
    )


def test_aggregation_takes_the_same_queries_for_few_and_many_answers(answered):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            results.question_results(answered["round"])
        return len(queries)

    few = count()
    for organisation in partners(10, "Extra"):
        make_response(answered["round"], organisation, {"opgaven": ["meedoen"], "tevredenheid": "3"})
    assert count() == few


def exported(client, monitor_round, fmt: str) -> bytes:
    """Start the export as the team does, let the background job run, and download its file from the job page."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(reverse("monitoring:round-export", args=[monitor_round.pk, fmt]))
    assert started.status_code == 302
    job_page = client.get(started["Location"]).content.decode()
    download = re.search(r'href="(/achtergrondtaken/[^"]+/download/)"', job_page).group(1)
    return b"".join(client.get(download).streaming_content)


def test_the_export_has_a_row_per_partner_split_choices_and_a_codebook(answered, personas):
    client = personas.client("project_team")
    first = answered["organisations"][0]
    first.name = '=HYPERLINK("http://x")'
    first.save()
    csv = exported(client, answered["round"], "csv")
    text = csv.decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert "opgaven__meedoen" in header and "opgaven__leren-omgaan-met-geld" in header
    assert len(text.strip().splitlines()) == 9
    assert "'=HYPERLINK" in text
    xlsx = exported(client, answered["round"], "xlsx")
    workbook = load_workbook(io.BytesIO(xlsx))
    assert workbook.sheetnames == ["Antwoorden", "Codeboek"]
    codebook = {row[0]: row for row in workbook["Codeboek"].iter_rows(values_only=True)}
    assert codebook["opgaven__meedoen"][3] == "1 = gekozen: meedoen"
    assert "alleen als" in codebook["samenwerking-met"][3]
    assert workbook["Antwoorden"].max_row == 9


def test_published_results_are_public_and_others_are_not(answered, client):
    assert client.get(reverse("monitoring:public-results", args=[answered["round"].pk])).status_code == 200
    assert client.get(reverse("monitoring:public-results", args=[answered["previous"].pk])).status_code == 404
    page = client.get(reverse("monitoring:public-results", args=[answered["round"].pk])).content.decode()
    assert "Behoefte 3" not in page  # open answers are never public


def test_publishing_is_the_teams_choice(answered, personas):
    client = personas.client("project_team")
    client.post(reverse("monitoring:round-publish", args=[answered["previous"].pk]), {"publiceren": "1"})
    answered["previous"].refresh_from_db()
    assert answered["previous"].results_published_at is not None
    services.publish_results(
        monitor_round=answered["previous"], published_by=personas.users["project_team"], publish=False
    )
    answered["previous"].refresh_from_db()
    assert answered["previous"].results_published_at is None


def test_reach_per_opgave_and_line_comes_from_progress_and_hides_small_groups_in_public(db):
    from alliantie.core.models import Challenge
    from alliantie.core.tests.factories import make_activity

    year = timezone.localdate().year
    for n in range(5):
        activity = make_activity(make_organisation(name=f"Bereik {n}"))
        activity.challenges.set(Challenge.objects.filter(number=1 if n < 5 else 2))
        activity.progress_updates.create(
            reported_on=timezone.localdate(), children_reached=10, families_reached=4, note="x"
        )
    lonely = make_activity(make_organisation(name="Alleen"))
    lonely.challenges.set(Challenge.objects.filter(number=10))
    lonely.progress_updates.create(reported_on=timezone.localdate(), children_reached=7, note="x")
    team = {row.code: row for row in results.reach(year)["challenges"]}
    assert (team["1"].children, team["1"].families, team["1"].partners) == (50, 20, 5)
    assert team["10"].children == 7
    public = {row.code: row for row in results.reach(year, public=True)["challenges"]}
    assert public["1"].children == 50 and public["10"].children is None
    lines = {row.code: row for row in results.reach(year)["lines"]}
    assert lines["soften"].children == 57


def test_results_are_kept_until_an_answer_changes(answered, personas):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            results.question_results(answered["round"])
        return len(queries)

    first = count()
    assert count() < first  # from the cache: only the version check
    make_response(answered["round"], make_organisation(name="Nieuw"), {"opgaven": ["meedoen"]})
    assert count() == first
    meedoen = next(
        b for b in by_key(results.question_results(answered["round"]), "opgaven").bars if b.option == "meedoen"
    )
    assert meedoen.count == 6


def test_a_result_has_its_chart_beside_the_table_and_a_long_list_folds_to_the_top_ten(answered, personas):
    """A municipalities question with twelve answers shows ten in the chart and the table, the rest behind
    "Toon alle 12" (a <details>, so it works without scripts)."""
    from alliantie.core.models import Municipality
    from alliantie.monitoring.models import Question, Response

    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True)[:12])
    question = Question.objects.get(section__questionnaire=answered["round"].questionnaire_id, key="gemeenten")
    for i, response in enumerate(Response.objects.filter(round=answered["round"]).order_by("pk")):
        Answer.objects.bulk_create(Answer(response=response, question=question, option=c) for c in codes[: 5 + i])
    response = personas.client("project_team").get(reverse("monitoring:round-results", args=[answered["round"].pk]))
    assert response.status_code == 200
    page = response.content.decode()
    section = page[page.index("In welke gemeenten") : page.index("</section>", page.index("In welke gemeenten"))]
    assert 'class="result-figure"' in section and "<svg" in section
    assert section.count('class="chart__bar"') == 10
    first_table = section[section.index("<table") : section.index("</table>")]
    assert first_table.count('<th scope="row">') == 10
    assert "<details" in section and "Toon alle 12" in section


def test_long_labels_wrap_in_the_chart_and_numbers_carry_a_thousands_separator():
    from alliantie.monitoring.charts import bar_chart

    chart = bar_chart("Bereik", [("8. Stress reduceren door schulden hanteerbaar te maken", 6831), ("1. Meedoen", 12)])
    lines = [text for text, _y in chart.bars[0].lines]
    assert " ".join(lines) == "8. Stress reduceren door schulden hanteerbaar te maken" and len(lines) == 2
    assert not any(text.endswith("…") for text in lines)
    assert chart.bars[0].shown == "6.831" and chart.bars[1].shown == "12"
    assert chart.bars[1].y > chart.bars[0].y + 20  # the row grew with its label
