"""The team answers a request from its worklist: starting the alliance (the requesting organisation is its initiator
and first member, a coordinator is named, the requester hears it), or not now, with the reasons."""

import pytest
from django.test import TestCase
from django.urls import reverse

from alliantie.core.models import Municipality
from alliantie.localalliances.models import AllianceRequest, CoordinatorInvitation, LocalAlliance

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(db):
    found = AllianceRequest.objects.create(
        name="Ria Aanvrager",
        email="ria@example.org",
        organisation_name="Kerk in Actie Dongen",
        message="Samen met de voedselbank.",
    )
    found.municipalities.set([Municipality.objects.get(code="GM0766")])
    return found


def url(request_) -> str:
    return reverse("localalliances:request-detail", args=[request_.pk])


def test_the_team_starts_the_alliance_and_names_the_requester_coordinator(personas, request_, mailbox):
    client = personas.client("project_team")
    page = client.get(url(request_)).content.decode()
    assert "Kerk in Actie Dongen" in page and "Lokale alliantie Dongen" in page  # the name is prefilled
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            url(request_),
            {
                "decision": "starten",
                "name": "Lokale alliantie Dongen",
                "coordinator_email": "ria@example.org",
                "coordinator_name": "Ria Aanvrager",
                "answer": "Welkom! We plannen een kickstart.",
            },
        )
    alliance = LocalAlliance.objects.get(name="Lokale alliantie Dongen")
    assert response["Location"] == alliance.get_absolute_url()
    assert alliance.initiator.name == "Kerk in Actie Dongen" and alliance.initiator.status == "local"
    assert list(alliance.members.values_list("organisation__name", flat=True)) == ["Kerk in Actie Dongen"]
    assert alliance.phase == "verkennen" and alliance.phase_steps.get().phase == "verkennen"
    request_.refresh_from_db()
    assert request_.status == "geaccepteerd" and request_.alliance == alliance
    assert CoordinatorInvitation.objects.get().email == "ria@example.org"
    subjects = sorted(m["Subject"].strip() for m in mailbox.messages)
    assert subjects == [
        "Uitnodiging: coördinator van Lokale alliantie Dongen",
        "Uw lokale alliantie is gestart: Lokale alliantie Dongen",
    ]


def test_not_starting_needs_a_reason_for_the_requester(personas, request_, mailbox):
    client = personas.client("project_team")
    refused = client.post(url(request_), {"decision": "afwijzen", "answer": "  "})
    assert refused.status_code == 400 and "Schrijf de aanvrager kort waarom niet" in refused.content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url(request_), {"decision": "afwijzen", "answer": "Sluit aan bij de regio Tilburg."})
    request_.refresh_from_db()
    assert request_.status == "afgewezen" and not LocalAlliance.objects.filter(name__contains="Dongen").exists()
    assert "Sluit aan bij de regio Tilburg." in mailbox.body()


def test_a_request_is_decided_once(personas, request_):
    client = personas.client("project_team")
    client.post(url(request_), {"decision": "afwijzen", "answer": "Nu niet."})
    again = client.post(url(request_), {"decision": "starten", "name": "Lokale alliantie Dongen"}, follow=True)
    assert "Over deze aanvraag is al besloten." in again.content.decode()
    assert not LocalAlliance.objects.filter(name="Lokale alliantie Dongen").exists()


@pytest.mark.parametrize("role", ["member", "contact", "coordinator", "other_coordinator"])
def test_only_the_team_answers_requests(personas, request_, role):
    response = personas.client(role).post(url(request_), {"decision": "starten", "name": "X"})
    assert response.status_code == 403
    assert AllianceRequest.objects.get().status == "nieuw"


def test_an_unknown_request_is_a_404_and_the_page_takes_get_and_post_only(personas, request_):
    client = personas.client("project_team")
    assert client.get(reverse("localalliances:request-detail", args=[999999])).status_code == 404
    assert client.delete(url(request_)).status_code == 405
