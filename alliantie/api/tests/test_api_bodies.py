"""Hostile bodies on every write endpoint: each gets a 4xx application/problem+json in Dutch, and nothing is written
(no changed row, no `updated_at` moved, no audit entry). A PATCH that changes nothing writes nothing either."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from alliantie.accounts.services import create_api_token
from alliantie.activities.models import Activity
from alliantie.core.models import AuditEntry
from alliantie.core.tests.factories import make_activity, make_post
from alliantie.marketplace.models import Post
from alliantie.partners.models import Organisation

pytestmark = pytest.mark.django_db

ENGLISH = ["Cannot", "Expecting", "Input should", "Field required", "Bad Request", "Unsupported", "Extra inputs"]


@pytest.fixture
def endpoints(personas):
    """(method, url, token, a valid body) for every write endpoint of the API."""
    activity = make_activity(personas.organisation)
    post = make_post(personas.organisation)
    member = f"Bearer {create_api_token(user=personas.users['member'], name='test')[1]}"
    new_post = {
        "organisatie": personas.organisation.slug,
        "soort": "offer",
        "titel": "Laptops over",
        "omschrijving": "Tien laptops voor leerlingen.",
        "openTot": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }
    return [
        ("patch", f"/api/v1/organisaties/{personas.organisation.slug}", member, {"omschrijving": "Nieuw"}),
        ("patch", f"/api/v1/activiteiten/{activity.pk}", member, {"titel": "Nieuw"}),
        ("post", "/api/v1/vragen-en-aanbod", member, new_post),
        ("patch", f"/api/v1/vragen-en-aanbod/{post.pk}", member, {"titel": "Nieuw"}),
    ]


def state() -> tuple:
    return (
        sorted(Organisation.objects.values_list("pk", "description", "website", "updated_at")),
        sorted(Activity.objects.values_list("pk", "title", "description", "ends_on", "updated_at")),
        sorted(Post.objects.values_list("pk", "title", "body", "open_until", "status", "updated_at")),
        AuditEntry.objects.count(),
    )


def send(client, method: str, url: str, token: str, body, content_type: str = "application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return getattr(client, method)(url, data, content_type=content_type, HTTP_AUTHORIZATION=token)


def assert_dutch_problem(response, status: int, *words: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    text = response.content.decode()
    assert not [word for word in ENGLISH if word in text], text[:400]
    problem = response.json()
    assert {"type", "title", "status", "detail"} <= set(problem) and problem["status"] == status
    for word in words:
        assert word in text, (word, text[:400])
    return problem


NOT_OBJECTS = ["[null, null]", '"x"', "1", "null", "true", "[]", '[{"titel": "Nieuw"}]']


@pytest.mark.parametrize("body", NOT_OBJECTS)
def test_a_body_that_is_no_json_object_is_refused_and_writes_nothing(client, endpoints, body):
    before = state()
    for method, url, token, _valid in endpoints:
        assert_dutch_problem(send(client, method, url, token, body), 400, "JSON-object")
    assert state() == before


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{kapot", ["geen geldige JSON", "regel 1"]),
        ("[" * 200_000 + "]" * 200_000, ["dieper genest"]),
        ('{"titel": ' + "[" * 40 + "]" * 40 + "}", ["dieper genest"]),
        ('{"titel": "a\\u0000b"}', ["NUL"]),
        ('{"titel": "Nieuw", "tittel": "x"}', ["tittel", "kent de API hier niet"]),
        ('{"titel": 12, "omschrijving": ["x"], "openTot": "gisteren"}', ["Vul tekst in"]),
        (json.dumps({"titel": "x" * 1_000_000, "omschrijving": "x" * 1_000_000}), ["te lang"]),
        (b'{"titel": "\xff"}', ["UTF-8"]),
    ],
)
def test_hostile_bodies_get_a_dutch_problem_and_write_nothing(client, endpoints, body, words):
    before = state()
    for method, url, token, _valid in endpoints:
        assert_dutch_problem(send(client, method, url, token, body), 400, *words)
    assert state() == before


def test_every_error_is_listed_by_field_in_dutch(client, endpoints):
    method, url, token, _valid = endpoints[2]
    body = {"soort": "ruil", "titel": 12, "hulp": "geld", "openTot": "morgen", "onbekend": 1}
    problem = assert_dutch_problem(send(client, method, url, token, body), 400)
    reasons = {p["name"]: p["reason"] for p in problem["invalidParams"]}
    assert reasons["organisatie"] == "Dit veld is verplicht."
    assert reasons["soort"].startswith("Deze waarde heeft niet de juiste vorm")
    assert reasons["titel"] == "Vul tekst in."
    assert reasons["hulp"] == "Verwacht een lijst."
    assert reasons["openTot"] == "Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2026-03-31."
    assert "kent de API hier niet" in reasons["onbekend"]


def test_a_body_over_the_size_limit_is_a_413_in_dutch(client, endpoints):
    before = state()
    for method, url, token, _valid in endpoints:
        body = json.dumps({"titel": "x" * 6_000_000})
        assert_dutch_problem(send(client, method, url, token, body), 413, "groter dan 5 MB. Stuur minder tekst")
    assert state() == before


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_a_body_that_is_not_sent_as_json_is_a_415_in_dutch(client, endpoints, content_type):
    before = state()
    for method, url, token, valid in endpoints:
        response = send(client, method, url, token, json.dumps(valid), content_type=content_type)
        assert_dutch_problem(response, 415, "Content-Type: application/json")
    assert state() == before


def test_an_empty_body_is_refused_in_dutch(client, endpoints):
    before = state()
    for method, url, token, _valid in endpoints:
        assert_dutch_problem(send(client, method, url, token, ""), 400, "JSON-object")
    assert state() == before


def test_the_valid_bodies_still_work(client, endpoints):
    for method, url, token, valid in endpoints:
        response = send(client, method, url, token, valid)
        assert response.status_code in (200, 201), response.content[:300]


def test_a_patch_that_changes_nothing_writes_nothing(client, endpoints):
    patches = [entry for entry in endpoints if entry[0] == "patch"]
    for method, url, token, valid in patches:
        send(client, method, url, token, valid)  # now the values are what the second PATCH sends
    before = state()
    for method, url, token, valid in patches:
        for body in ({}, valid):
            response = send(client, method, url, token, body)
            assert response.status_code == 200, response.content[:300]
    assert state() == before
