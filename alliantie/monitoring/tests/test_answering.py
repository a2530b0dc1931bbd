"""A partner answers: prefilled from last year and from its activities, drafts, one submission; and every way a
submission can go wrong ends in a clear message and a consistent state."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliantie.activities.models import ProgressUpdate
from alliantie.core.models import Challenge, Municipality
from alliantie.core.tests.factories import make_activity, make_invitation, make_response, make_round
from alliantie.monitoring.models import Answer, Question, Response
from alliantie.monitoring.selectors import questions_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(personas):
    return make_invitation(make_round(), personas.organisation)


def field(invitation, key: str) -> str:
    return f"q{Question.objects.get(section__questionnaire=invitation.round.questionnaire_id, key=key).pk}"


def complete(invitation, **changes) -> dict:
    data = {
        "revision": "0",
        field(invitation, "belofte-hoe"): "We organiseren ontbijt op school.",
        field(invitation, "opgaven"): ["een-gezonde-dag", "meedoen"],
        field(invitation, "gemeenten"): "Zoetermeer, Delft",
        field(invitation, "behoeften"): "Een landelijke sociale kaart.",
        field(invitation, "samenwerking"): "ja",
        field(invitation, "samenwerking-met"): "Met de voedselbank.",
        field(invitation, "ervaringskennis"): "Geraadpleegd",
        field(invitation, "tevredenheid"): "4",
        field(invitation, "ondersteuning"): ["Bijeenkomsten", "Lobby bij het Rijk"],
        field(invitation, "bereik-kinderen"): "120",
    }
    return data | changes


def url(invitation) -> str:
    return reverse("monitoring:answer", args=[invitation.token])


def stored(invitation) -> dict[str, list]:
    values: dict[str, list] = {}
    for answer in Answer.objects.filter(
        response__organisation=invitation.organisation, response__round=invitation.round
    ):
        values.setdefault(answer.question.key, []).append(answer.option or answer.text or answer.number)
    return values


@pytest.mark.smoke
def test_a_partner_saves_a_draft_comes_back_and_submits_once(personas, invitation):
    client = personas.client("member")
    response = client.post(
        url(invitation), {"revision": "0", field(invitation, "belofte-hoe"): "Half af.", "bewaren": "1"}
    )
    assert response.status_code == 302
    assert Response.objects.get().status == "draft"
    page = client.get(url(invitation))
    assert "Half af." in page.content.decode() and page.context["form"].initial["revision"] == 1
    response = client.post(url(invitation), complete(invitation, revision="1", indienen="1"))
    assert response.status_code == 302 and response["Location"].endswith("/ingediend/")
    saved = Response.objects.get()
    assert saved.status == "submitted" and saved.submitted_by == personas.users["member"]
    values = stored(invitation)
    assert sorted(values["opgaven"]) == ["een-gezonde-dag", "meedoen"]
    assert sorted(values["gemeenten"]) == ["GM0503", "GM0637"]
    assert values["bereik-kinderen"] == [120] and values["samenwerking-met"] == ["Met de voedselbank."]
    answers_page = client.get(reverse("monitoring:answers", args=[invitation.token])).content.decode()
    assert "We organiseren ontbijt op school." in answers_page and "Ingediend op" in answers_page
    download = client.get(reverse("monitoring:answers", args=[invitation.token]), {"download": "csv"})
    assert download.content.startswith(b"\xef\xbb\xbf") and "Zoetermeer" in download.content.decode("utf-8-sig")


def test_submitting_asks_for_required_answers_a_draft_does_not(personas, invitation):
    client = personas.client("contact")
    data = complete(invitation, indienen="1")
    del data[field(invitation, "opgaven")]
    response = client.post(url(invitation), data)
    assert response.status_code == 400
    assert "Deze vraag is verplicht" in response.context["form"].errors[field(invitation, "opgaven")][0]
    assert "Met welke van de 10 opgaven" in response.content.decode()  # the summary names the question
    assert not Response.objects.exists()
    data.pop("indienen")
    data["bewaren"] = "1"
    assert client.post(url(invitation), data).status_code == 302


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("ervaringskennis", "Altijd", "geen beschikbare keuze"),
        ("tevredenheid", "7", "geen beschikbare keuze"),
        ("opgaven", ["vliegen"], "geen beschikbare keuze"),
        ("bereik-kinderen", "-3", "minstens 0"),
        ("bereik-kinderen", "veel", "Voer een getal in"),
        ("bereik-kinderen", "1e12", "hoogstens 1000000000"),
        ("gemeenten", "Atlantis", "Atlantis"),
        ("samenwerking", "misschien", "geen beschikbare keuze"),
        ("belofte-hoe", "x" * 5001, "niet meer dan 5000 tekens"),
    ],
)
def test_answers_outside_the_allowed_values_are_refused_with_the_question_named(
    personas, invitation, key, value, message
):
    response = personas.client("contact").post(
        url(invitation), complete(invitation, indienen="1", **{field(invitation, key): value})
    )
    assert response.status_code == 400
    errors = response.context["form"].errors[field(invitation, key)]
    assert message in " ".join(errors)
    question = Question.objects.get(section__questionnaire=invitation.round.questionnaire_id, key=key)
    assert f"{question.text}: " in response.content.decode().replace("&#x27;", "'")
    assert not Response.objects.exists()


def test_a_follow_up_counts_only_after_yes(personas, invitation):
    data = complete(invitation, indienen="1", **{field(invitation, "samenwerking"): "nee"})
    personas.client("contact").post(url(invitation), data)
    assert "samenwerking-met" not in stored(invitation)


def test_a_double_submit_keeps_the_first_and_says_so(personas, invitation):
    client = personas.client("contact")
    data = complete(invitation, indienen="1")
    assert client.post(url(invitation), data).status_code == 302
    rows = Answer.objects.count()
    again = client.post(url(invitation), data, follow=True)  # the browser retried after a network failure
    assert "Uw antwoorden waren al ingediend" in again.content.decode()
    assert Answer.objects.count() == rows and Response.objects.get().revision == 1


@pytest.mark.smoke
def test_two_tabs_the_older_one_is_told_and_overwrites_nothing(personas, invitation):
    client = personas.client("contact")
    tab_a = complete(invitation, bewaren="1", **{field(invitation, "belofte-hoe"): "Uit tab A."})
    tab_b = complete(invitation, bewaren="1", **{field(invitation, "belofte-hoe"): "Uit tab B."})
    assert client.post(url(invitation), tab_a).status_code == 302
    response = client.post(url(invitation), tab_b)
    assert response.status_code == 409
    page = response.content.decode()
    assert "intussen ergens anders opgeslagen" in page and "Uit tab B." in page  # what was typed is still there
    assert stored(invitation)["belofte-hoe"] == ["Uit tab A."]


def test_a_round_that_closes_while_typing_stores_nothing_and_says_why(personas, invitation):
    client = personas.client("contact")
    page = client.get(url(invitation))
    assert page.status_code == 200
    invitation.round.status = "closed"
    invitation.round.save()
    response = client.post(url(invitation), complete(invitation, indienen="1"))
    assert response.status_code == 409
    assert "is gesloten op" in response.content.decode()
    assert not Answer.objects.exists()


def test_past_the_closing_date_the_form_is_read_only(personas, invitation):
    invitation.round.closes_on = timezone.localdate() - timedelta(days=1)
    invitation.round.save()
    page = personas.client("contact").get(url(invitation)).content.decode()
    assert "Deze monitor is gesloten" in page and 'name="indienen"' not in page


def test_prefilled_from_last_years_answers_and_this_years_activities(personas):
    organisation = personas.organisation
    last_year = make_round(status="closed", year=2025, opens_on=date(2025, 6, 1), closes_on=date(2025, 8, 1))
    make_response(last_year, organisation, {"behoeften": "Meer vrijwilligers.", "tevredenheid": "5"})
    this_year = make_round(year=timezone.localdate().year)
    invitation = make_invitation(this_year, organisation)
    activity = make_activity(organisation)
    activity.challenges.set(Challenge.objects.filter(number__in=[3, 6]))
    activity.municipalities.set([Municipality.objects.get(code="GM0637")])
    ProgressUpdate.objects.create(
        activity=activity, reported_on=timezone.localdate(), children_reached=40, families_reached=12, note="Goed."
    )
    initial = personas.client("contact").get(url(invitation)).context["form"].initial
    assert initial[field(invitation, "behoeften")] == "Meer vrijwilligers."
    assert initial[field(invitation, "tevredenheid")] == "5"
    assert sorted(initial[field(invitation, "opgaven")]) == ["een-gezonde-dag", "leren-omgaan-met-geld"]
    assert [m.code for m in initial[field(invitation, "gemeenten")]] == ["GM0637"]
    assert initial[field(invitation, "bereik-kinderen")] == 40 and initial[field(invitation, "bereik-gezinnen")] == 12


def test_only_the_organisations_own_people_open_the_link(personas, invitation):
    for role in ("outsider", "coordinator", "project_team"):
        assert personas.client(role).get(url(invitation)).status_code == 404
    response = personas.client("outsider").post(url(invitation), complete(invitation, indienen="1"))
    assert response.status_code == 404 and not Response.objects.exists()


def test_my_monitor_lists_the_rounds_of_my_organisations(personas, invitation):
    page = personas.client("member").get(reverse("monitoring:mine")).content.decode()
    assert "Monitor 2026" in page and "invullen" in page
    assert "Monitor 2026" not in personas.client("outsider").get(reverse("monitoring:mine")).content.decode()


def test_the_form_takes_the_same_queries_whatever_the_history(personas, invitation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = personas.client("contact")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(url(invitation))
        return len(queries)

    few = count()
    for n in range(3):
        activity = make_activity(personas.organisation, title=f"Activiteit {n}")
        ProgressUpdate.objects.create(activity=activity, reported_on=timezone.localdate(), children_reached=n, note="x")
    assert count() == few
    assert len(questions_of(invitation.round)) == 12
