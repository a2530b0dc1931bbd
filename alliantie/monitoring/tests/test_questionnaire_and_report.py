"""Building questionnaires in the browser (answered ones get a new version), the progress report (HTML and PDF from
one template, published after a second team member confirms), the command, and the API's aggregates."""

import re
import subprocess
import zlib
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format

from alliantie.accountability.worklist import WorklistFilters, worklist
from alliantie.accounts.services import create_api_token
from alliantie.core.tests.factories import (
    make_activity,
    make_invitation,
    make_organisation,
    make_response,
    make_round,
    make_user,
)
from alliantie.monitoring import services
from alliantie.monitoring.models import Answer, Code, Question, Questionnaire, Report

pytestmark = pytest.mark.django_db


def pdf_objects(content: bytes) -> list[bytes]:
    """The PDF's objects with their compressed streams unpacked, to look for the document language."""
    parts = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return parts


class TestQuestionnaires:
    def test_the_team_adds_a_section_and_questions_of_every_kind(self, personas):
        client = personas.client("project_team")
        questionnaire = services.template()
        client.post(reverse("monitoring:section-add", args=[questionnaire.pk]), {"title": "Lokale samenwerking"})
        section = questionnaire.sections.get(title="Lokale samenwerking")
        url = reverse("monitoring:question-add", args=[questionnaire.pk]) + f"?onderdeel={section.pk}"
        for kind in (
            "single",
            "multiple",
            "number",
            "short_text",
            "long_text",
            "likert",
            "challenges",
            "municipalities",
            "yes_no",
        ):
            options = "Ja, wekelijks\nSoms\nNooit" if kind in ("single", "multiple") else ""
            response = client.post(
                url, {"kind": kind, "text": f"Vraag {kind}", "options": options, "onderdeel": section.pk}
            )
            assert response.status_code == 302, response.content
        questions = list(section.questions.order_by("position"))
        assert [q.kind for q in questions][:2] == ["single", "multiple"] and len(questions) == 9
        assert questions[0].options == ["Ja, wekelijks", "Soms", "Nooit"] and questions[0].key == "vraag-single"
        yes_no = questions[-1]
        follow = client.post(
            url, {"kind": "short_text", "text": "Met wie?", "follow_up_of": yes_no.pk, "onderdeel": section.pk}
        )
        assert follow.status_code == 302
        assert section.questions.get(text="Met wie?").follow_up_of == yes_no

    @pytest.mark.parametrize(
        ("data", "field", "message"),
        [
            ({"kind": "single", "text": "Kies", "options": "Alleen één"}, "options", "minstens twee keuzes"),
            ({"kind": "single", "text": "Kies", "options": "A\nA"}, "options", "maar één keer"),
            ({"kind": "zwevend", "text": "X"}, "kind", "geen beschikbare keuze"),
            ({"kind": "number", "text": ""}, "text", "verplicht"),
        ],
    )
    def test_a_bad_question_is_refused_and_nothing_changes(self, personas, data, field, message):
        questionnaire = services.template()
        section = questionnaire.sections.first()
        before = Question.objects.count()
        response = personas.client("project_team").post(
            reverse("monitoring:question-add", args=[questionnaire.pk]), data | {"onderdeel": section.pk}
        )
        assert response.status_code == 400
        errors = response.context["form"].errors.get(field) if field else response.context["form"].non_field_errors()
        assert message in " ".join(errors)
        assert Question.objects.count() == before

    def test_a_follow_up_must_follow_a_yes_no_question(self, personas):
        questionnaire = services.template()
        other = Question.objects.get(section__questionnaire=questionnaire, key="belofte-hoe")
        response = personas.client("project_team").post(
            reverse("monitoring:question-add", args=[questionnaire.pk]),
            {"kind": "number", "text": "Hoeveel?", "follow_up_of": other.pk, "onderdeel": other.section_id},
        )
        assert response.status_code == 400  # not offered: only yes/no questions are choices

    def test_changing_an_answered_questionnaire_makes_a_new_version_and_keeps_the_answers(self, personas):
        monitor_round = make_round()
        make_response(monitor_round, personas.organisation, {"tevredenheid": "4"})
        questionnaire = monitor_round.questionnaire
        question = Question.objects.get(section__questionnaire=questionnaire, key="tevredenheid")
        client = personas.client("project_team")
        response = client.post(
            reverse("monitoring:question-edit", args=[questionnaire.pk, question.pk]),
            {"kind": "likert", "text": "Hoe tevreden bent u over het projectteam?", "required": "on"},
            follow=True,
        )
        assert "De wijziging staat in versie 2" in response.content.decode()
        question.refresh_from_db()
        assert question.text == "Hoe tevreden bent u over wat de alliantie u oplevert?"  # unchanged
        new = Questionnaire.objects.get(version=2)
        changed = Question.objects.get(section__questionnaire=new, key="tevredenheid")
        assert changed.text.startswith("Hoe tevreden bent u over het projectteam") and changed.required
        assert new.previous == questionnaire and Answer.objects.get().question == question
        assert (
            Question.objects.get(section__questionnaire=new, key="samenwerking-met").follow_up_of.section.questionnaire
            == new
        )

    def test_an_unanswered_questionnaire_changes_in_place_and_questions_move_and_go(self, personas):
        questionnaire = services.template()
        client = personas.client("project_team")
        section = questionnaire.sections.get(position=1)
        first, second = section.questions.order_by("position")[:2]
        client.post(reverse("monitoring:question-move", args=[questionnaire.pk, second.pk]), {"richting": "omhoog"})
        assert list(section.questions.order_by("position")[:2]) == [second, first]
        client.post(reverse("monitoring:question-delete", args=[questionnaire.pk, first.pk]))
        assert not Question.objects.filter(pk=first.pk).exists()
        assert Questionnaire.objects.count() == 1


@pytest.fixture
def year_with_answers(personas):
    monitor_round = make_round(
        status="closed",
        year=2025,
        opens_on=date(2025, 6, 1),
        closes_on=date(2025, 8, 1),
        results_published_at=timezone.now(),
    )
    question = Question.objects.get(section__questionnaire=monitor_round.questionnaire, key="behoeften")
    code = Code.objects.create(question=question, label="Een hoger sociaal minimum")
    for n in range(7):
        organisation = make_organisation(name=f"Partner {n}", joined_on=date(2021 + n % 3, 3, 1))
        make_invitation(monitor_round, organisation)
        response = make_response(
            monitor_round,
            organisation,
            {"opgaven": ["meedoen"] + (["een-gezonde-dag"] if n < 5 else []), "behoeften": "Meer inkomen."},
        )
        code.answers.add(response.answers.get(question=question))
    make_invitation(monitor_round, personas.organisation)
    activity = make_activity(personas.organisation, starts_on=date(2025, 1, 1))
    activity.progress_updates.create(reported_on=date(2025, 5, 1), children_reached=30, families_reached=9, note="x")
    return monitor_round


class TestReport:
    def test_a_draft_is_for_the_team_and_published_after_a_second_member_confirms(self, personas, year_with_answers):
        team = personas.client("project_team")
        response = team.post(
            reverse("monitoring:report-edit", args=[2025]),
            {
                "introduction": "Een goed jaar.",
                "round": year_with_answers.pk,
                "activities": "",
            },
        )
        assert response.status_code == 302
        assert personas.client("anonymous").get(reverse("monitoring:report", args=[2025])).status_code == 404
        page = team.get(reverse("monitoring:report", args=[2025])).content.decode()
        assert "Concept" in page and "Een goed jaar." in page and "Bevestigen en publiceren" not in page
        refused = team.post(reverse("monitoring:report-confirm", args=[2025]), follow=True)
        assert "Een tweede lid van het projectteam" in refused.content.decode()
        assert Report.objects.get().published_at is None
        second = personas.client("administrator")
        second.post(reverse("monitoring:report-confirm", args=[2025]))
        report = Report.objects.get()
        assert report.published_at and report.confirmed_by == personas.users["administrator"]
        public = personas.client("anonymous").get(reverse("monitoring:report", args=[2025])).content.decode()
        assert "bevestigd door Bea Beheer" in public and "Tim Team" in public
        # A change after publication asks for a new confirmation.
        team.post(
            reverse("monitoring:report-edit", args=[2025]), {"introduction": "Anders.", "round": "", "activities": ""}
        )
        assert Report.objects.get().published_at is None

    def test_the_report_shows_growth_opgaven_reach_involvement_needs_and_method(self, personas, year_with_answers):
        Report.objects.create(year=2025, round=year_with_answers, prepared_by=personas.users["project_team"])
        page = personas.client("project_team").get(reverse("monitoring:report", args=[2025])).content.decode()
        for text in (
            "Bijlage: de alliantie groeit",
            "1. Meedoen",
            "Kinderen bereikt per opgave",
            "Ervaringskennis",
            "Een hoger sociaal minimum (7 partners)",
            "7 van de 8 uitgenodigde partners",
        ):
            assert text in page, text
        assert page.count("<svg") >= 5 and page.count("<table") >= 6  # every chart has its table

    def test_unknown_highlighted_activities_are_refused(self, personas, year_with_answers):
        response = personas.client("project_team").post(
            reverse("monitoring:report-edit", args=[2025]),
            {"introduction": "", "round": "", "activities": "999999, 1x"},
        )
        assert response.status_code == 400 and not Report.objects.exists()

    def test_the_pdf_is_made_in_the_background_once_and_is_tagged_dutch_and_a4(
        self, personas, year_with_answers, tmp_path
    ):
        from django.test import TestCase

        from alliantie.monitoring.models import ReportPdf

        report = Report.objects.create(year=2025, round=year_with_answers, prepared_by=personas.users["project_team"])
        team = personas.client("project_team")
        url = reverse("monitoring:report", args=[2025])
        with TestCase.captureOnCommitCallbacks(execute=True):
            first = team.get(url, {"formaat": "pdf"})
        assert first.status_code == 302 and "/achtergrondtaken/" in first["Location"]
        assert "klaar" in team.get(first["Location"]).content.decode()
        stored = ReportPdf.objects.get(report=report, language="nl")
        with TestCase.captureOnCommitCallbacks(execute=True) as started:
            pdf = team.get(url, {"formaat": "pdf"})
        assert started == []  # served from the stored file: nothing rendered again
        assert pdf["Content-Type"] == "application/pdf"
        assert ReportPdf.objects.get(pk=stored.pk).rendered_at == stored.rendered_at
        path = tmp_path / "r.pdf"
        content = b"".join(pdf.streaming_content)
        path.write_bytes(content)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert "Tagged:          yes" in info and "595.276 x 841.89" in info  # A4 in points
        assert re.search(rb"/Lang\s*\(nl\)", b"".join(pdf_objects(content)))
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "Voortgangsrapportage 2025" in text and "Een hoger sociaal minimum" in text

    def test_a_visitor_never_makes_a_pdf_render_and_is_asked_to_come_back(self, personas, year_with_answers, client):
        from django.test import TestCase

        from alliantie.core.models import BackgroundJob
        from alliantie.monitoring.models import ReportPdf

        report = Report.objects.create(
            year=2025,
            round=year_with_answers,
            prepared_by=personas.users["project_team"],
            confirmed_by=personas.users["administrator"],
            published_at=timezone.now(),
        )
        url = reverse("monitoring:report", args=[2025])
        with TestCase.captureOnCommitCallbacks() as pending:
            for _ in range(5):
                waiting = client.get(url, {"formaat": "pdf"})
                assert waiting.status_code == 503 and waiting["Retry-After"] == "60"
        assert BackgroundJob.objects.filter(kind="report-pdf").count() == 1  # five visitors, one job
        assert len(pending) == 1
        pending[0]()
        assert client.get(url, {"formaat": "pdf"})["Content-Type"] == "application/pdf"
        assert ReportPdf.objects.get(report=report, language="nl").file

    def test_the_command_writes_html_and_pdf(self, personas, year_with_answers, tmp_path):
        call_command("report", "progress", "--year", "2025", "--format", "html", "-o", str(tmp_path / "r.html"))
        html = (tmp_path / "r.html").read_text()
        assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
        call_command("report", "progress", "--year", "2025", "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
        assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
        with pytest.raises(CommandError, match="vanaf 2019"):
            call_command("report", "progress", "--year", "1900", "-o", str(tmp_path / "x.pdf"))
        with pytest.raises(CommandError, match="niet schrijven"):
            call_command("report", "progress", "--year", "2025", "-o", "/nonexistent/dir/r.pdf")

    def test_the_reports_numbers_equal_the_apis_aggregates(self, personas, year_with_answers, client, tmp_path):
        call_command("report", "progress", "--year", "2025", "--format", "html", "-o", str(tmp_path / "r.html"))
        html = (tmp_path / "r.html").read_text()
        api = client.get(f"/api/v1/monitorrondes/{year_with_answers.pk}/resultaten").json()
        opgaven = next(r for r in api["resultaten"] if r["code"] == "opgaven")
        assert opgaven["basis"] == 7
        for bar in opgaven["antwoorden"]:
            if bar["aantal"] is not None:
                percent = number_format(bar["percentage"])  # the report writes Dutch numbers: 62,5
                row = f'<th scope="row">{bar["label"]}</th><td class="number">{bar["aantal"]}</td>'
                assert f'{row}<td class="number">{percent}</td>' in html, row
        needs = next(r for r in api["resultaten"] if r["code"] == "behoeften")
        top = needs["categorieen"][0]
        assert f"{top['label']} ({top['aantal']} partners)" in html
        assert f"{api['ingediend']} van de 8 uitgenodigde partners" in html


class TestApi:
    def test_rounds_questions_and_published_results(self, personas, year_with_answers, client):
        rounds = client.get("/api/v1/monitorrondes").json()
        assert [r["jaar"] for r in rounds["results"]] == [2025]
        questions = client.get(f"/api/v1/monitorrondes/{year_with_answers.pk}/vragen").json()
        assert next(q for q in questions if q["code"] == "samenwerking-met")["vervolgOp"] == "samenwerking"
        draft = make_round(status="draft", year=2026)
        assert client.get(f"/api/v1/monitorrondes/{draft.pk}").status_code == 404
        unpublished = make_round(status="closed", year=2024)
        assert client.get(f"/api/v1/monitorrondes/{unpublished.pk}/resultaten").status_code == 404

    def test_a_partner_reads_its_own_answers_with_its_key_and_no_one_elses(self, personas, year_with_answers, client):
        make_response(year_with_answers, personas.organisation, {"belofte-hoe": "Wij helpen."})
        _token, raw = create_api_token(user=personas.users["member"], name="CRM")
        headers = {"Authorization": f"Bearer {raw}"}
        url = f"/api/v1/monitorrondes/{year_with_answers.pk}/antwoorden"
        own = client.get(url, {"organisatie": personas.organisation.slug}, headers=headers).json()
        assert own["status"] == "submitted" and own["antwoorden"][0]["antwoord"] == "Wij helpen."
        other = client.get(url, {"organisatie": "partner-1"}, headers=headers)
        assert other.status_code == 404
        assert client.get(url, {"organisatie": personas.organisation.slug}).status_code == 401
        assert client.get(url, {"organisatie": "x", "extra": "1"}, headers=headers).status_code == 400


def test_the_worklist_names_partners_without_an_answer_to_the_latest_monitor(personas, year_with_answers):
    page = worklist(WorklistFilters(reason="geen-monitor"), 1, today=date(2025, 9, 1))
    names = [row.organisation.name for row in page["page"].object_list]
    assert names == ["Gemeente Testdorp"]
    assert "Geen antwoorden ingediend op de laatste monitor." in page["page"].object_list[0].reasons
    assert page["counts"]["geen-monitor"] == 1
    make_user(email="x@example.org")
