"""Every place that searches text answers odd Unicode with a page or a Dutch refusal, never a server error. The
suite also runs on SQLite (smoke), where the search compares plain letters: a letter without a plain form
("Ⱥ", "ẞ", "ı") once left nothing to search for and crashed the page."""

import pytest
from django.urls import reverse

from alliantie.core.tests.factories import make_organisation, make_post, make_service

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

ODD_INPUTS = [
    "\u023a",  # Ⱥ: no accent-free form
    "\u1e9e",  # ẞ, capital sharp s
    "ß",
    "Straße",
    "ı",  # Turkish dotless i
    "İstanbul",  # Turkish capital I with dot: lower() adds a combining mark
    "\u0301\u0308",  # combining marks only
    "e\u0301",  # é as e + combining acute
    "\u200f\u200e",  # right-to-left and left-to-right marks
    "\u202eredaV",  # right-to-left override
    "👨\u200d👩\u200d👧",  # emoji joined by zero-width joiners
    "a\u200db",
    "\u200b",  # zero-width space
    "😀",
    "_",
    "\x00",
    "a\x00b",
    "x" * 5000,
    "ﬁets",  # ligature fi
    "①²",
    "%_\\'\"",
    "de",  # only a stop word
    " ",
]

PAGES = [
    ("partners:directory", "zoek", {}),
    ("marketplace:post-list", "zoek", {}),
    ("socialmap:find", "zoek", {"waar": "Zoetermeer"}),
    ("accountability:worklist", "zoek", {}),
]
API = [
    ("/api/v1/organisaties", "zoek"),
    ("/api/v1/hsds/services", "search"),
    ("/api/v1/hsds/organizations", "search"),
    ("/api/v1/gemeenten", "zoek"),
]


@pytest.fixture
def data(personas):
    make_organisation(name="Straße Stichting", description="Fietsen voor kinderen in İstanbul en Zoetermeer.")
    make_post(personas.organisation)
    make_service(name="Fietsenplan", description="Een fiets voor elk kind.")


def test_odd_searches_on_public_pages_answer_with_a_page(data, client, personas):
    member, team = personas.client("member"), personas.client("project_team")
    for name, key, extra in PAGES:
        browser = {"marketplace": member, "accountability": team}.get(name.split(":")[0], client)
        for text in ODD_INPUTS:
            response = browser.get(reverse(name), {key: text, **extra})
            assert response.status_code in (200, 400), (name, text[:20], response.status_code)
            if response.status_code == 400:
                html = response.content.decode()
                refused = "niet meer dan 100 tekens" in html or "Null-tekens zijn niet toegestaan" in html
                assert refused, (name, text[:20])


def test_odd_searches_in_the_api_answer_with_results_or_a_dutch_problem(data, client):
    for url, key in API:
        for text in ODD_INPUTS:
            response = client.get(url, {key: text})
            assert response.status_code in (200, 400), (url, text[:20], response.status_code)
            if response.status_code == 400:
                assert response["Content-Type"] == "application/problem+json"
                reasons = " ".join(p["reason"] for p in response.json().get("invalidParams", []))
                detail = response.json()["detail"] + reasons
                assert "NUL" in detail or "te lang" in detail, (url, text[:20], detail)


def test_a_letter_without_a_plain_form_finds_nothing_instead_of_everything(data, client):
    found = client.get("/api/v1/organisaties", {"zoek": "\u023a"}).json()
    assert found["count"] == 0
    assert client.get("/api/v1/organisaties", {"zoek": "fietsen"}).json()["count"] == 1
    # Characters that are no letters at all (marks, emoji) are no search: the whole list, as with an empty search.
    assert client.get("/api/v1/organisaties", {"zoek": "😀"}).json()["count"] == 3
