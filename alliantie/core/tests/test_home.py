import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_the_home_page_is_dutch_and_shows_the_ten_opgaven(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Stress reduceren door schulden hanteerbaar te maken" in html
    assert html.count('class="card"') == 13  # three ways in, then the ten opgaven


def test_the_home_page_offers_parents_and_professionals_a_way_in(client):
    html = client.get(reverse("core:home")).content.decode()
    for url in ("socialmap:find", "socialmap:check", "events:agenda", "knowledge:search", "partners:apply"):
        assert f'href="{reverse(url)}"' in html
    assert html.index("Zoekt u hulp voor uw gezin?") < html.index("Doet uw organisatie mee?")


def test_the_home_page_takes_two_queries_however_many_partners_there_are(client, django_assert_num_queries):
    from alliantie.core.tests.factories import make_organisation

    make_organisation()
    # 1: the opgaven; 2: the verandertheorie lines
    with django_assert_num_queries(2):
        assert client.get(reverse("core:home")).status_code == 200
    for _ in range(30):
        make_organisation()
    with django_assert_num_queries(2):
        assert client.get(reverse("core:home")).status_code == 200


def test_the_home_page_can_be_read_in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html


def test_the_home_page_refuses_post(client):
    assert client.post(reverse("core:home")).status_code == 405


def test_the_health_check_runs_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("core:health"))
    assert response.status_code == 200 and response.content == b"ok"
