import json

import pytest

from alliantie.accounts.services import create_api_token
from alliantie.core.tests.factories import make_activity, make_organisation

pytestmark = pytest.mark.django_db


def token_for(personas, role: str) -> str:
    return f"Bearer {create_api_token(user=personas.users[role], name='test')[1]}"


def patch(client, url: str, body, token: str):
    return client.patch(url, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=token)


def test_partners_are_listed_with_the_directory_filters(client, personas):
    make_organisation(name="Nog niet goedgekeurd", status="applied")
    body = client.get("/api/v1/organisaties", {"gemeente": "Zoetermeer", "sorteer": "naam"}).json()
    assert [o["naam"] for o in body["results"]] == ["Gemeente Testdorp", "Voedselbank Elders"]
    assert body["results"][0]["sector"] == "maatschappelijke-organisatie"
    assert body["results"][0]["verantwoording"] is None  # the traffic light is not public (only the date is)
    assert body["results"][0]["laatsteVerantwoording"] is None
    assert client.get("/api/v1/organisaties", {"gemeente": "Atlantis"}).status_code == 404
    assert client.get("/api/v1/organisaties", {"sorteer": "willekeurig"}).status_code == 400


def test_activities_are_listed_with_their_opgaven_and_places(client, personas):
    make_activity(personas.organisation)
    body = client.get("/api/v1/activiteiten", {"organisatie": personas.organisation.slug}).json()
    assert body["count"] == 1
    assert body["results"][0]["opgaven"] == ["een-gezonde-dag"]
    assert body["results"][0]["lijn"] == "soften"


def test_a_partner_user_updates_its_own_organisation_with_its_key(client, personas):
    url = f"/api/v1/organisaties/{personas.organisation.slug}"
    response = patch(client, url, {"omschrijving": "<script>x</script> Nieuwe tekst"}, token_for(personas, "member"))
    assert response.status_code == 200
    assert response.json()["omschrijving"] == "<script>x</script> Nieuwe tekst"  # JSON carries text; pages escape it
    personas.organisation.refresh_from_db()
    assert personas.organisation.description.endswith("Nieuwe tekst")


def test_nobody_updates_another_organisation_or_its_activities(client, personas):
    activity = make_activity(personas.organisation)
    outsider = token_for(personas, "outsider")
    org_url = f"/api/v1/organisaties/{personas.organisation.slug}"
    assert patch(client, org_url, {"omschrijving": "Gekaapt"}, outsider).status_code == 404
    assert patch(client, f"/api/v1/activiteiten/{activity.pk}", {"titel": "Gekaapt"}, outsider).status_code == 403
    personas.organisation.refresh_from_db()
    activity.refresh_from_db()
    assert personas.organisation.description != "Gekaapt" and activity.title != "Gekaapt"


def test_an_activity_update_is_checked_and_nothing_is_half_written(client, personas):
    activity = make_activity(personas.organisation)
    url = f"/api/v1/activiteiten/{activity.pk}"
    token = token_for(personas, "contact")
    too_early = patch(client, url, {"titel": "Nieuw", "eindOp": "1999-01-01"}, token)
    assert too_early.status_code == 400
    assert too_early["Content-Type"] == "application/problem+json"
    assert "De einddatum ligt voor de begindatum." in too_early.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Gezond ontbijt op school"
    wrong_type = patch(client, url, {"titel": 12, "eindOp": "gisteren"}, token)
    assert wrong_type.status_code == 400
    assert {p["name"] for p in wrong_type.json()["invalidParams"]} >= {"eindOp"}
    assert patch(client, url, {"titel": "Ontbijt en lunch"}, token).json()["titel"] == "Ontbijt en lunch"


def test_updating_without_a_key_is_refused(client, personas):
    response = client.patch(f"/api/v1/organisaties/{personas.organisation.slug}", "{}", content_type="application/json")
    assert response.status_code == 401


def test_a_team_session_without_the_second_factor_is_nobody_in_the_api(personas, client):
    """The API reads the session on its public endpoints; a login that stopped after the password is anonymous."""
    from alliantie.core.tests.factories import PASSWORD, make_round, make_totp_device, make_user

    applicant = make_organisation(name="Aanvrager", slug="aanvrager", status="applied")
    draft = make_round(status="draft")
    team = make_user(email="halverwege@example.org", team_role="project_team")
    make_totp_device(team)
    client.post("/account/inloggen/", {"username": team.email, "password": PASSWORD})
    assert client.get(f"/api/v1/organisaties/{applicant.slug}").status_code == 404
    assert client.get(f"/api/v1/monitorrondes/{draft.pk}").status_code == 404
    verified = personas.client("project_team")
    assert verified.get(f"/api/v1/organisaties/{applicant.slug}").status_code == 200
    assert verified.get(f"/api/v1/monitorrondes/{draft.pk}").status_code == 200
