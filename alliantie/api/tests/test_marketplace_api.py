"""The marketplace through the API: partners post, change and close their own posts, read suggestions with the
reasons and their introductions; others' posts stay out of reach."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from alliantie.accounts.services import create_api_token
from alliantie.core.models import Scope, Sector
from alliantie.core.tests.factories import make_introduction, make_organisation, make_post
from alliantie.marketplace.models import Post
from alliantie.marketplace.tests.test_marketplace import build_matching_indexes

pytestmark = pytest.mark.django_db
URL = "/api/v1/vragen-en-aanbod"
SOON = (timezone.localdate() + timedelta(days=30)).isoformat()


def token_for(personas, role: str) -> str:
    return f"Bearer {create_api_token(user=personas.users[role], name='test')[1]}"


def send(client, method: str, url: str, body, token: str):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=token)


def new_post(personas, **changes) -> dict:
    return {
        "organisatie": personas.organisation.slug,
        "soort": "request",
        "titel": "Ontbijt op school",
        "omschrijving": "Wie helpt ons aan ontbijt?",
        "hulp": ["middelen"],
        "opgaven": ["een-gezonde-dag"],
        "gebied": ["GM0637"],
        "openTot": SOON,
    } | changes


def test_a_partner_posts_changes_and_closes_its_own_request(client, personas):
    token = token_for(personas, "member")
    created = send(client, "post", URL, new_post(personas), token)
    assert created.status_code == 201
    body = created.json()
    assert (body["soort"], body["gebied"], body["opgaven"], body["status"]) == (
        "request",
        ["GM0637"],
        ["een-gezonde-dag"],
        "open",
    )
    post_url = f"{URL}/{body['id']}"
    changed = send(client, "patch", post_url, {"titel": "Ontbijt voor groep 3"}, token)
    assert changed.json()["titel"] == "Ontbijt voor groep 3"
    listed = client.get(URL, {"soort": "request", "provincie": "PV28"}, HTTP_AUTHORIZATION=token).json()
    assert [p["id"] for p in listed["results"]] == [body["id"]]
    closed = send(client, "patch", post_url, {"status": "closed", "uitkomst": "Geholpen."}, token)
    assert (closed.json()["status"], closed.json()["uitkomst"]) == ("closed", "Geholpen.")
    assert client.get(URL, HTTP_AUTHORIZATION=token).json()["count"] == 0


def test_suggestions_come_with_reasons_and_introductions_are_listed_for_the_parties(client, personas):
    fund = make_organisation(
        name="Fonds", sector=Sector.objects.get(slug="fonds"), scope=Scope.objects.get(code="national")
    )
    make_post(fund, kind="offer", title="Schoolontbijt voor basisscholen", body="Gratis ontbijt.")
    request = make_post(personas.organisation, title="Ontbijt op school")
    build_matching_indexes()
    token = token_for(personas, "contact")
    suggestions = client.get(f"{URL}/{request.pk}/suggesties", HTTP_AUTHORIZATION=token).json()
    assert suggestions[0]["organisatie"] == fund.slug
    assert "landelijk aanbod" in suggestions[0]["waarom"]
    assert (
        client.get(f"{URL}/{request.pk}/suggesties", HTTP_AUTHORIZATION=token_for(personas, "outsider")).status_code
        == 403
    )
    make_introduction(request, personas.other_organisation)
    for role in ("member", "outsider"):
        listed = client.get("/api/v1/koppelingen", HTTP_AUTHORIZATION=token_for(personas, role)).json()
        assert listed["count"] == 1
    assert client.get("/api/v1/koppelingen", HTTP_AUTHORIZATION=token_for(personas, "coordinator")).status_code == 403


def test_nobody_posts_for_or_changes_another_organisation(client, personas):
    outsider = token_for(personas, "outsider")
    refused = send(client, "post", URL, new_post(personas), outsider)
    assert refused.status_code == 403
    post = make_post(personas.organisation)
    for changes in ({"titel": "Gekaapt"}, {"status": "closed", "uitkomst": "weg"}):
        assert send(client, "patch", f"{URL}/{post.pk}", changes, outsider).status_code == 403
    post.refresh_from_db()
    assert (post.title, post.status) == ("Ontbijt voor onze leerlingen", "open")
    assert Post.objects.count() == 1


@pytest.mark.parametrize(
    "changes, name",
    [
        ({"soort": "ruil"}, "soort"),
        ({"titel": ""}, "titel"),
        ({"titel": "a\x00b"}, "titel"),
        ({"gebied": ["GM9999"]}, "gebied"),
        ({"hulp": ["alles"]}, "hulp"),
        ({"opgaven": ["bestaat-niet"]}, "opgaven"),
        ({"openTot": "morgen"}, "openTot"),
        ({"openTot": "2000-01-01"}, "openTot"),
        ({"omschrijving": "x" * 5001}, "omschrijving"),
    ],
)
def test_bad_posts_get_a_dutch_problem_and_nothing_is_stored(client, personas, changes, name):
    response = send(client, "post", URL, new_post(personas, **changes), token_for(personas, "member"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert any(name in p["name"] for p in problem["invalidParams"]), problem
    assert not Post.objects.exists()


def test_the_marketplace_api_needs_a_partner_key(client, personas):
    assert client.get(URL).status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION=token_for(personas, "coordinator")).status_code == 403
