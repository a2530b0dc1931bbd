"""The API for members with a key: their community groups with what is new, and the unread count. Without a key 401;
a key of someone who may not use the community (any more) 403."""

import pytest
from django.test import Client

from alliantie.accounts.services import create_api_token
from alliantie.community import services
from alliantie.community.models import Removal
from alliantie.community.tests.helpers import gezonde_dag, start

pytestmark = pytest.mark.django_db


def get(path: str, raw: str = ""):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    return Client().get(path, **headers)


@pytest.mark.smoke
def test_a_member_with_a_key_gets_their_groups_and_what_is_new(personas):
    member = personas.users["contact"]
    _token, raw = create_api_token(user=member, name="Intranet")
    services.join_group(group=gezonde_dag(), user=member)
    start(gezonde_dag(), personas.users["member"], title="Nieuw")
    groups = get("/api/v1/community/groepen", raw)
    assert groups.status_code == 200
    assert groups.json() == [
        {
            "slug": "een-gezonde-dag",
            "naam": "Een gezonde dag",
            "soort": "opgave",
            "ongelezen": 1,
            "email": "never",
            "adres": "/community/een-gezonde-dag/",
        }
    ]
    assert get("/api/v1/community/ongelezen", raw).json() == {"meldingen": 1, "gesprekken": 1}


def test_without_a_key_401_and_a_removed_member_403(personas):
    assert get("/api/v1/community/groepen").status_code == 401
    assert get("/api/v1/community/ongelezen", "all_onzin").status_code == 401
    _token, raw = create_api_token(user=personas.users["member"], name="x")
    Removal.objects.create(user=personas.users["member"], reason="Spam")
    response = get("/api/v1/community/ongelezen", raw)
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
