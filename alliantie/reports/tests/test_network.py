"""The partner network: ties, measures, the exports (read back with networkx), the ego view and the worklist."""

import re
from datetime import timedelta

import networkx as nx
import pytest
from django.urls import reverse
from django.utils import timezone

from alliantie.core.tests.factories import make_event, make_introduction, make_organisation, make_post
from alliantie.reports import network, precompute
from alliantie.reports.models import NetworkEdge, NetworkPosition
from alliantie.reports.tests.conftest import Queries, grow, make_partners

pytestmark = pytest.mark.django_db
NETWORK = reverse("reports:network")


def ties():
    """Four partners: a and b share an activity, b and c were introduced and work together, c and d organised an event
    together; e has no ties."""
    a, b, c, d, e = make_partners(5)
    a.activities.get().co_partners.set([b])
    make_introduction(make_post(b), c, status="collaborating")
    make_introduction(make_post(d), e, status="no_match")  # an introduction that led nowhere is no tie
    event = make_event(starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=1))
    event.organisers.set([c, d])
    return a, b, c, d, e


def figures(page: str) -> dict[str, int]:
    return {key: int(value) for key, value in re.findall(r'data-figure="(\w+)">(\d+)<', page)}


def test_the_ties_measures_and_positions(personas):
    a, b, c, d, e = ties()
    precompute.refresh()
    edges = {(edge.source_id, edge.target_id): edge.kinds for edge in NetworkEdge.objects.all()}
    assert edges == {(a.pk, b.pk): ["activiteit"], (b.pk, c.pk): ["koppeling"], (c.pk, d.pk): ["bijeenkomst"]}
    positions = dict(NetworkPosition.objects.values_list("organisation_id", "connections"))
    assert positions[b.pk] == 2 and positions[e.pk] == 0
    assert positions[personas.organisation.pk] == 0  # a persona's organisation is a partner without ties too


@pytest.mark.smoke
def test_the_gexf_and_graphml_files_load_in_networkx_with_the_counts_the_page_shows(personas):
    ties()
    precompute.refresh()
    client = personas.client("project_team")
    shown = figures(client.get(NETWORK).content.decode())
    gexf = client.get(reverse("reports:network-export", args=["gexf"]))
    assert gexf["Content-Disposition"] == 'attachment; filename="alliantie-netwerk.gexf"'
    graph = nx.read_gexf(__import__("io").BytesIO(gexf.content))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (shown["nodes"], shown["edges"])
    partners = [n for n, kind in graph.nodes(data="soort") if kind == "partner"]
    assert len(partners) == shown["partners"] == 7  # five made here and the two personas' organisations
    assert shown["partner_edges"] == 3 and shown["isolated"] == 3 and shown["connected"] == 4
    graphml = nx.read_graphml(
        __import__("io").BytesIO(client.get("/dashboard/netwerk/alliantie-netwerk.graphml").content)
    )
    assert (graphml.number_of_nodes(), graphml.number_of_edges()) == (shown["nodes"], shown["edges"])
    assert {data["label"] for _n, data in graph.nodes(data=True)} >= {"Een gezonde dag"}


def test_the_ego_view_draws_the_partner_with_its_ties(personas):
    a, b, c, _d, _e = ties()
    precompute.refresh()
    page = personas.client("project_team").get(reverse("reports:network-partner", args=[b.slug])).content.decode()
    assert page.count("<circle") == 3 and a.name in page and c.name in page and '<title id="ego-title">' in page
    lonely = personas.client("project_team").get(reverse("reports:network-partner", args=[_e.slug])).content.decode()
    assert "werkt (nog) met geen andere partner samen" in lonely
    applicant = make_organisation(status="applied")
    assert (
        personas.client("project_team").get(reverse("reports:network-partner", args=[applicant.slug])).status_code
        == 404
    )


def test_isolated_partners_are_on_the_worklist_with_the_reason(personas):
    _a, b, _c, _d, e = ties()
    precompute.refresh()
    page = personas.client("project_team").get(reverse("accountability:worklist") + "?reden=geen-verbinding")
    text = page.content.decode()
    assert page.status_code == 200 and e.name in text and b.name not in text
    assert "Werkt met geen enkele andere partner samen" in text
    assert "Geen verbinding met andere partners" in text


def test_the_network_is_not_rebuilt_when_nothing_changed():
    ties()
    precompute.refresh()
    assert precompute.refresh() == "niets veranderd"


def test_a_later_app_can_add_a_kind_of_tie():
    a, b, *_rest = make_partners(2) + [None]
    network.register_edges("samen-op-reis", "samen op studiereis", lambda: [(a.pk, b.pk)])
    try:
        precompute.refresh(force=True)
        assert NetworkEdge.objects.get().kinds == ["samen-op-reis"]
    finally:
        network.EDGE_SOURCES.pop("samen-op-reis")
        network.KINDS.pop("samen-op-reis")


@pytest.mark.parametrize(
    "url", [NETWORK, reverse("reports:network-export", args=["gexf"]), "/dashboard/netwerk/gemeente-testdorp/"]
)
def test_the_network_pages_ask_the_same_number_of_queries_at_two_sizes(personas, url):
    client = personas.client("project_team")
    grow(3)
    precompute.refresh()
    client.get(url)
    with Queries() as small:
        assert client.get(url).status_code == 200
    grow(40)
    precompute.refresh()
    client.get(url)  # the figures were remade: the first request draws the page's parts, the others read them
    with Queries() as large:
        assert client.get(url).status_code == 200
    # session, user, second factor; the snapshot (or file, or the partner), bridges, isolated (or edges, position)
    assert small.count == large.count
