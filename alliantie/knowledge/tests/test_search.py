"""One Dutch full-text search over kennisbank items and events: stemming, every word, facets with counts, highlighted
snippets that stay inert, only what the visitor may read. Smoke tests run on SQLite (FTS5) too."""

import pytest
from django.urls import reverse

from alliantie.core.models import Sector
from alliantie.core.tests.factories import make_event, make_item

pytestmark = pytest.mark.django_db
SEARCH = reverse("knowledge:search")


def titles(response) -> list[str]:
    return [result.document.title for result in response.context["page"].object_list]


@pytest.mark.smoke
def test_schulden_finds_schuld_and_every_word_must_occur(client):
    debt = make_item(title="Schuld en stress in gezinnen", body="Over schuld.")
    make_item(title="Sport voor ieder kind", body="Meedoen met sport.")
    assert titles(client.get(SEARCH, {"zoek": "schulden"})) == [debt.title]
    assert titles(client.get(SEARCH, {"zoek": "schulden sport"})) != []  # nothing has both: any word, said so
    assert client.get(SEARCH, {"zoek": "schulden sport"}).context["any_word"] is True
    assert client.get(SEARCH, {"zoek": "schulden gezinnen"}).context["any_word"] is False


@pytest.mark.smoke
def test_items_and_events_are_found_together_with_facets_and_counts(client):
    make_item(title="Armoede signaleren op school", sectors=[Sector.objects.get(slug="onderwijs")])
    make_item(title="Armoede in de wijk", knowledge_source="wetenschap", kind="onderzoek")
    make_event(title="Kenniskring: armoede signaleren")
    response = client.get(SEARCH, {"zoek": "armoede"})
    assert len(titles(response)) == 3
    facets = {facet.name: {v.value: v.count for v in facet.values} for facet in response.context["facets"]}
    assert facets["soort"] == {"goede_praktijk": 1, "onderzoek": 1, "kenniskring": 1}
    assert facets["bron"] == {"praktijk": 1, "wetenschap": 1}
    assert facets["sector"] == {"onderwijs": 1}
    narrowed = client.get(SEARCH, {"zoek": "armoede", "soort": "onderzoek", "bron": "wetenschap"})
    assert titles(narrowed) == ["Armoede in de wijk"]
    # the kind facet still counts the other kinds, so a visitor sees what else there is
    kinds = next(f for f in narrowed.context["facets"] if f.name == "soort")
    assert {v.value: v.count for v in kinds.values}["onderzoek"] == 1


@pytest.mark.smoke
def test_snippets_highlight_the_matches_and_html_in_texts_stays_text(client):
    make_item(title="<script>alert(1)</script> Schulden", body="Veel gezinnen hebben schulden <b>echt</b>.")
    html = client.get(SEARCH, {"zoek": "schulden"}).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<mark>schulden</mark>" in html.lower() or "<mark>Schulden</mark>" in html
    assert "<b>echt</b>" not in html


def test_partners_only_items_are_found_by_partners_and_not_by_visitors(client, personas):
    make_item(title="Interne handreiking schulden", visibility="partners")
    assert titles(client.get(SEARCH, {"zoek": "schulden"})) == []
    assert titles(personas.client("member").get(SEARCH, {"zoek": "schulden"})) == ["Interne handreiking schulden"]


def test_drafts_are_not_found(client):
    make_item(title="Concept over schulden", status="draft", published_at=None)
    assert titles(client.get(SEARCH, {"zoek": "schulden"})) == []


def test_a_search_costs_the_same_queries_with_one_result_and_with_thirty(client, django_assert_num_queries):
    make_item(title="Schulden 0")
    # 1-3 challenges, sectors and 3V lines for the facet labels; 4 the check that every word finds something;
    # 5 the count and 6 the page of results; 7-11 one grouped count per facet; 12 the snippets (ts_headline);
    # 13 the collections shown under the results.
    with django_assert_num_queries(13):
        assert client.get(SEARCH, {"zoek": "schulden", "soort": "goede_praktijk"}).status_code == 200
    for n in range(1, 30):
        make_item(title=f"Schulden {n}")
    with django_assert_num_queries(13):
        response = client.get(SEARCH, {"zoek": "schulden", "soort": "goede_praktijk"})
    assert response.status_code == 200 and response.context["page"].paginator.count == 30


def test_the_search_page_is_get_only(client):
    assert client.post(SEARCH).status_code == 405
