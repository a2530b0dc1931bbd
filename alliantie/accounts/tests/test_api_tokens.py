import pytest
from django.urls import reverse

from alliantie.accounts.models import ApiToken, hash_token

pytestmark = pytest.mark.django_db


def test_a_new_key_is_shown_once_and_only_its_hash_is_stored(personas):
    client = personas.client("contact")
    response = client.post(reverse("accounts:api-token-create"), {"name": "Koppeling CRM"})
    html = response.content.decode()
    token = ApiToken.objects.get(user=personas.users["contact"])
    raw = html.split('id="api-key" type="text" readonly value="')[1].split('"')[0]
    assert raw.startswith("all_")
    assert token.key_hash == hash_token(raw)
    assert raw not in client.get(reverse("accounts:account")).content.decode()


def test_a_key_without_a_description_is_refused_in_dutch(personas):
    response = personas.client("contact").post(reverse("accounts:api-token-create"), {"name": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_a_key_and_nobody_else_can(personas):
    client = personas.client("contact")
    client.post(reverse("accounts:api-token-create"), {"name": "CRM"})
    token = ApiToken.objects.get()
    url = reverse("accounts:api-token-revoke", kwargs={"token_id": token.pk})
    assert personas.client("outsider").post(url).status_code == 404
    assert personas.client("project_team").post(url).status_code == 404
    token.refresh_from_db()
    assert token.is_active
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    token.refresh_from_db()
    assert not token.is_active


def test_the_account_page_takes_the_same_queries_with_one_key_or_thirty(personas, django_assert_num_queries):
    from alliantie.accounts.services import create_api_token

    user = personas.users["member"]
    client = personas.client("member")
    create_api_token(user=user, name="een")
    # 1 session, 2 user, 3 tokens, 4 second-factor device, 5 recovery codes left
    with django_assert_num_queries(5):
        assert client.get(reverse("accounts:account")).status_code == 200
    for n in range(29):
        create_api_token(user=user, name=f"sleutel {n}")
    with django_assert_num_queries(5):
        assert client.get(reverse("accounts:account")).status_code == 200
