"""Introductions to people in the pool, as in the marketplace: an organisation or alliance asks the team; the team
proposes someone, who is asked first (the organisation learns nothing until they say yes); yes gives both sides each
other's contact; four weeks later both are asked what came of it."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from alliantie.core.tests.factories import make_pool_member
from alliantie.localalliances import services
from alliantie.localalliances.models import PoolIntroduction, PoolRequest
from alliantie.localalliances.tests.pool_helpers import link

pytestmark = pytest.mark.django_db
ASK = reverse("localalliances:pool-request-create")


def ask_form(personas, **changes):
    return {
        "on_behalf": f"a{personas.alliance.pk}",
        "role": "brugfunctionaris",
        "municipality": "Zoetermeer",
        "question": "Een brugfunctionaris tussen school en ouders.",
        "when": "na de zomer",
        "fee_offered": "on",
    } | changes


def test_from_the_question_to_the_outcome(personas, mailbox):
    person = make_pool_member(name="Noor Ervaring", email="noor@example.org", roles=["brugfunctionaris"])
    make_pool_member(name="Ver Weg", provinces=["PV20"], roles=["brugfunctionaris"])  # Groningen: not in the region
    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = personas.client("coordinator").post(ASK, ask_form(personas))
    assert asked["Location"] == reverse("localalliances:pool")
    request = PoolRequest.objects.get()
    assert (request.alliance, request.role, request.municipality.code) == (
        personas.alliance,
        "brugfunctionaris",
        "GM0637",
    )
    team = personas.client("project_team")
    detail = team.get(reverse("localalliances:pool-request-detail", args=[request.pk]))
    candidates = detail.context["candidates"]
    assert [c.member.name for c in candidates] == ["Noor Ervaring"]
    assert "rol: brugfunctionaris" in candidates[0].reasons
    with TestCase.captureOnCommitCallbacks(execute=True):
        team.post(
            reverse("localalliances:pool-request-detail", args=[request.pk]),
            {"member": person.pk, "message": "Zou dit iets voor u zijn?"},
        )
    ask = mailbox.messages[-1]
    assert ask["To"] == "noor@example.org" and "coordinator@example.org" not in mailbox.body()
    answer = link(mailbox, "/ervaringsdeskundigen/kennismaking/\\S+/", to="noor@example.org")
    assert Client().get(answer).status_code == 200
    with TestCase.captureOnCommitCallbacks(execute=True):
        Client().post(answer, {"answer": "ja"})
    introduction = PoolIntroduction.objects.get()
    assert introduction.status == "voorgesteld"
    to_coordinator = next(m for m in mailbox.messages if m["To"] == "coordinator@example.org")
    body = to_coordinator.get_body(preferencelist=("plain",)).get_content()
    assert "Noor Ervaring" in body and "noor@example.org" in body
    later = timezone.now() + timedelta(days=29)
    with time_machine.travel(later), TestCase.captureOnCommitCallbacks(execute=True):
        assert services.send_pool_follow_ups() == 1
        assert services.send_pool_follow_ups() == 0  # asked once
    follow_up = link(mailbox, "/uitkomst/\\?antwoord=samenwerking")
    page = Client().get(follow_up)
    assert page.status_code == 200 and PoolIntroduction.objects.get().status == "voorgesteld"  # a GET records nothing
    Client().post(follow_up.split("?")[0], {"status": "samenwerking", "outcome": "Start in september."})
    introduction.refresh_from_db()
    assert (introduction.status, introduction.outcome) == ("samenwerking", "Start in september.")


def test_a_no_tells_the_team_and_not_the_organisation_who_was_asked(personas, mailbox):
    person = make_pool_member(name="Noor Ervaring", email="noor@example.org")
    request = PoolRequest.objects.create(
        requested_by=personas.users["contact"],
        organisation=personas.organisation,
        role="spreker",
        municipality=personas.alliance.municipalities.get(),
        question="?",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        introduction = services.propose_expert(
            request=request, member=person, proposed_by=personas.users["project_team"]
        )
        services.answer_introduction(introduction=introduction, accept=False)
    assert mailbox.messages[-1]["To"] == "team@example.org"
    assert not any(m["To"] == "contact@example.org" for m in mailbox.messages)
    assert "Noor" not in mailbox.messages[-1].get_body(preferencelist=("plain",)).get_content()


def test_asking_is_refused_at_the_field_for_bad_input_and_on_behalf_of_someone_elses_alliance(personas):
    client = personas.client("coordinator")
    bad = client.post(ASK, ask_form(personas, municipality="Zoetermer", role="", question=""))
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Bedoelt u Zoetermeer?" in html and 'id="id_role_error"' in html and 'id="id_question_error"' in html
    other = client.post(ASK, ask_form(personas, on_behalf=f"a{personas.other_alliance.pk}"))
    assert other.status_code == 400  # not one of the choices
    assert not PoolRequest.objects.exists()


def test_a_paused_person_cannot_be_proposed_and_a_request_can_be_closed(personas):
    paused = make_pool_member(status="pauze")
    request = PoolRequest.objects.create(
        requested_by=personas.users["contact"],
        organisation=personas.organisation,
        role="spreker",
        municipality=personas.alliance.municipalities.get(),
        question="?",
    )
    url = reverse("localalliances:pool-request-detail", args=[request.pk])
    team = personas.client("project_team")
    response = team.post(url, {"member": paused.pk}, follow=True)
    assert "niet beschikbaar" in response.content.decode() or response.status_code == 404
    team.post(url, {"close": "1", "note": "Opgelost binnen de gemeente."})
    request.refresh_from_db()
    assert request.status == "gesloten" and not PoolIntroduction.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "contact"])
def test_only_the_team_proposes_people(personas, role):
    person = make_pool_member()
    request = PoolRequest.objects.create(
        requested_by=personas.users["contact"],
        organisation=personas.organisation,
        role="spreker",
        municipality=personas.alliance.municipalities.get(),
        question="?",
    )
    url = reverse("localalliances:pool-request-detail", args=[request.pk])
    assert personas.client(role).post(url, {"member": person.pk}).status_code == 403
    assert not PoolIntroduction.objects.exists()


def test_the_pages_methods(personas, client):
    assert personas.client("coordinator").put(ASK).status_code == 405
    token = f"1-{'0' * 32}"
    assert client.get(reverse("localalliances:pool-introduction", args=[token])).status_code == 404
    assert client.get(reverse("localalliances:pool-follow-up", args=[token])).status_code == 404
