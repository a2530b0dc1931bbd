import json

import pytest
from django.urls import reverse

from alliantie.accounts.services import create_api_token, revoke_api_token

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


@pytest.mark.smoke
def test_municipalities_are_paginated_with_link_headers_and_the_api_version(client):
    response = client.get("/api/v1/gemeenten", {"provincie": "PV27", "pageSize": 10, "page": 2})
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["count"] == 44
    assert body["page"] == 2 and body["pageSize"] == 10
    assert len(body["results"]) == 10
    assert {"code", "naam", "korteNaam", "provincie", "inwoners"} <= set(body["results"][0])
    links = response["Link"]
    for rel in ("self", "first", "prev", "next", "last"):
        assert f'rel="{rel}"' in links
    assert "page=5" in body["links"]["last"]


def test_the_last_page_has_no_next_link(client):
    body = client.get("/api/v1/gemeenten", {"provincie": "PV24", "pageSize": 10}).json()
    assert body["count"] == 6
    assert body["links"]["next"] is None and body["links"]["prev"] is None


def test_municipalities_can_be_searched_without_accents(client):
    body = client.get("/api/v1/gemeenten", {"zoek": "fryslan"}).json()
    assert {m["code"] for m in body["results"]} == {"GM1900", "GM1970"}


def test_a_municipality_is_found_by_code_or_name(client):
    assert client.get("/api/v1/gemeenten/GM0518").json()["naam"] == "'s-Gravenhage"
    assert client.get("/api/v1/gemeenten/Den Haag").json()["code"] == "GM0518"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/gemeenten/GM9999",
        "/api/v1/opgaven/bestaat-niet",
        "/api/v1/provincies/PV99",
        "/api/v1/onbekend",
    ],
)
def test_unknown_things_are_a_404_problem(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 404 and problem["title"] == "Niet gevonden" and problem["detail"]


def test_a_trailing_slash_is_a_404_not_a_redirect(client):
    response = client.get("/api/v1/gemeenten/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_invalid_query_parameters_are_a_400_listing_every_problem_in_dutch(client):
    response = client.get("/api/v1/gemeenten", {"page": "abc", "pageSize": 1000, "zoek": "x" * 200})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    params = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert params == {
        "page": "Vul een geheel getal in.",
        "pageSize": "Dit getal mag hoogstens 100 zijn.",
        "zoek": "Deze tekst is te lang: hoogstens 100 tekens.",
    }


def test_a_wrong_method_is_a_405_problem(client):
    response = client.post("/api/v1/gemeenten")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM


def test_the_openapi_document_is_public_with_cors_and_a_contact(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1.0.0"
    assert document["info"]["contact"]["email"]
    for path in document["paths"]:
        assert not path.endswith("/"), path
    for operations in document["paths"].values():
        for operation in operations.values():
            success = operation["responses"].get("200") or operation["responses"]["201"]
            assert "API-Version" in success["headers"]


def test_a_partner_user_reads_who_they_are_with_a_token(personas):
    user = personas.users["contact"]
    _token, raw = create_api_token(user=user, name="CRM")
    response = personas.client("anonymous").get("/api/v1/mij", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {
        "naam": "Cas Contact",
        "email": "contact@example.org",
        "organisaties": [{"organisatie": "Gemeente Testdorp", "slug": "gemeente-testdorp", "rol": "contact"}],
    }


@pytest.mark.parametrize("header", ["", "Bearer ", "Bearer all_verzonnen", "Token abc", "Bearer " + "a" * 5000])
def test_a_missing_or_wrong_token_is_a_401_problem(client, header):
    response = client.get("/api/v1/mij", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "API-sleutel" in response.json()["detail"]


def test_a_revoked_token_no_longer_works(personas, client):
    token, raw = create_api_token(user=personas.users["member"], name="oud")
    revoke_api_token(token=token, revoked_by=personas.users["member"])
    assert client.get("/api/v1/mij", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_the_municipality_list_takes_two_queries_whatever_the_page_size(client, django_assert_num_queries):
    # 1: count; 2: the page with provinces joined
    with django_assert_num_queries(2):
        assert client.get("/api/v1/gemeenten", {"pageSize": 1}).status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/api/v1/gemeenten", {"pageSize": 100}).status_code == 200


def test_every_reference_list_answers_with_results(client):
    for path, count in [
        ("/api/v1/opgaven", 10),
        ("/api/v1/verandertheorie-lijnen", 3),
        ("/api/v1/schalen", 3),
        ("/api/v1/provincies", 12),
        ("/api/v1/sectoren", 16),
    ]:
        body = client.get(path).json()
        assert body["count"] == count, path
    assert json.loads(client.get(reverse("api:get_challenge", kwargs={"slug": "meedoen"})).content)["nummer"] == 1


@pytest.mark.parametrize(
    "path", ["/api/v1/gemeenten?zoek=a%00b", "/api/v1/activiteiten?organisatie=%00", "/api/v1/organisaties?zoek=x%00"]
)
def test_a_nul_character_in_a_filter_is_a_400_problem_not_a_server_error(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL-teken" in response.json()["detail"]


def test_a_nul_character_in_a_json_body_is_refused(personas, client):
    from alliantie.accounts.services import create_api_token

    token = create_api_token(user=personas.users["member"], name="t")[1]
    response = client.patch(
        f"/api/v1/organisaties/{personas.organisation.slug}",
        '{"omschrijving": "a\\u0000b"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 400
