"""The partner network: who works with whom (activities done together, introductions that led to cooperation, events
organised together, and what later apps register, such as local alliances), and which opgaven each partner works on.

The graph is made by the periodic job (precompute.refresh) with networkx, stored as edges and positions for the
pages and written once as GEXF (Gephi) and GraphML (Kumu, yEd, Cytoscape). Opgaven are nodes of their own (a
two-mode network): "connected through shared opgaven" is a path partner → opgave → partner, which keeps the file
small where every pair of partners on the same opgave would not."""

import io
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date

import networkx as nx
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.activities.models import Activity
from alliantie.core.models import Challenge
from alliantie.events.models import Event
from alliantie.marketplace.models import Introduction
from alliantie.partners.models import Organisation
from alliantie.reports.models import NetworkEdge, NetworkPosition, Snapshot, SnapshotFile

PARTNER_STATUSES = [Organisation.Status.ACTIVE, Organisation.Status.DORMANT]

KINDS = {
    "activiteit": _("samen een activiteit"),
    "koppeling": _("koppeling die tot samenwerking leidde"),
    "bijeenkomst": _("samen een bijeenkomst georganiseerd"),
}

# Later apps add the ties they know: a function that yields (organisation id, organisation id) pairs, and its label.
EDGE_SOURCES: dict[str, Callable[[], Iterable[tuple[int, int]]]] = {}


def register_edges(kind: str, label, pairs: Callable[[], Iterable[tuple[int, int]]]) -> None:
    """Add a kind of tie between partners (for example members of the same local alliance)."""
    KINDS[kind] = label
    EDGE_SOURCES[kind] = pairs


def _co_activities() -> Iterable[tuple[int, int]]:
    return Activity.co_partners.through.objects.filter(
        activity__organisation__status__in=PARTNER_STATUSES, organisation__status__in=PARTNER_STATUSES
    ).values_list("activity__organisation_id", "organisation_id")


def _introductions() -> Iterable[tuple[int, int]]:
    return Introduction.objects.filter(
        status=Introduction.Status.COLLABORATING,
        poster__status__in=PARTNER_STATUSES,
        other__status__in=PARTNER_STATUSES,
    ).values_list("poster_id", "other_id")


def _co_organised_events() -> Iterable[tuple[int, int]]:
    organisers = defaultdict(list)
    rows = Event.organisers.through.objects.filter(
        event__status=Event.Status.PUBLISHED, organisation__status__in=PARTNER_STATUSES
    ).values_list("event_id", "organisation_id")
    for event_id, organisation_id in rows:
        organisers[event_id].append(organisation_id)
    for members in organisers.values():
        members.sort()
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                yield first, second


BUILT_IN = {"activiteit": _co_activities, "koppeling": _introductions, "bijeenkomst": _co_organised_events}


def build_graph(today: date | None = None) -> nx.Graph:
    """Partners and opgaven as nodes; ties between partners and partner → opgave edges weighted by activities."""
    today = today or timezone.localdate()
    graph = nx.Graph()
    partners = (
        Organisation.objects.filter(status__in=PARTNER_STATUSES)
        .select_related("sector", "scope", "municipality__province")
        .order_by("pk")
    )
    for o in partners:
        graph.add_node(
            f"p{o.pk}",
            label=o.name,
            soort="partner",
            sector=o.sector.name,
            schaal=o.scope.name,
            provincie=o.municipality.province.name if o.municipality else "",
            slug=o.slug,
        )
    for challenge in Challenge.objects.order_by("number"):
        graph.add_node(f"o{challenge.number}", label=challenge.name, soort="opgave", sector="", schaal="", provincie="")
    for kind, pairs in {**BUILT_IN, **EDGE_SOURCES}.items():
        for a, b in pairs():
            if a == b or f"p{a}" not in graph or f"p{b}" not in graph:
                continue
            u, v = (f"p{a}", f"p{b}") if a < b else (f"p{b}", f"p{a}")
            if graph.has_edge(u, v):
                data = graph.edges[u, v]
                data["weight"] += 1
                if kind not in data["soort"].split(";"):
                    data["soort"] = ";".join(sorted({*data["soort"].split(";"), kind}))
            else:
                graph.add_edge(u, v, weight=1, soort=kind)
    running = Activity.objects.filter(organisation__status__in=PARTNER_STATUSES).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    works_on = running.values("organisation_id", "challenges__number").annotate(n=Count("pk")).order_by()
    for row in works_on:
        if row["challenges__number"] is not None:
            graph.add_edge(
                f"p{row['organisation_id']}", f"o{row['challenges__number']}", weight=row["n"], soort="opgave"
            )
    return graph


def _export(graph: nx.Graph, writer) -> str:
    buffer = io.BytesIO()
    writer(graph, buffer)
    return buffer.getvalue().decode("utf-8")


def measures(graph: nx.Graph) -> dict:
    """The simple measures: partners with and without ties to other partners, and the partners whose ties reach the
    most sectors other than their own."""
    partners = [n for n, kind in graph.nodes(data="soort") if kind == "partner"]
    partner_edges = [(u, v) for u, v in graph.edges if u.startswith("p") and v.startswith("p")]
    reached = {}
    for node in partners:
        own = graph.nodes[node]["sector"]
        sectors = {graph.nodes[other]["sector"] for other in graph.neighbors(node) if other.startswith("p")}
        reached[node] = len(sectors - {own})
    ties = Counter(u for edge in partner_edges for u in edge)
    return {
        "partners": len(partners),
        "opgaven": graph.number_of_nodes() - len(partners),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "partner_edges": len(partner_edges),
        "opgave_edges": graph.number_of_edges() - len(partner_edges),
        "connected": sum(1 for node in partners if ties[node]),
        "isolated": sum(1 for node in partners if not ties[node]),
        "ties": ties,
        "reached": reached,
    }


def refresh() -> dict:
    """Remake the edges, the positions and the two files (inside the caller's transaction)."""
    graph = build_graph()
    found = measures(graph)
    NetworkEdge.objects.all().delete()
    NetworkEdge.objects.bulk_create(
        [
            NetworkEdge(
                source_id=int(u[1:]), target_id=int(v[1:]), kinds=data["soort"].split(";"), weight=data["weight"]
            )
            for u, v, data in graph.edges(data=True)
            if u.startswith("p") and v.startswith("p")
        ],
        batch_size=2000,
    )
    NetworkPosition.objects.all().delete()
    NetworkPosition.objects.bulk_create(
        [
            NetworkPosition(
                organisation_id=int(node[1:]), connections=found["ties"][node], sectors_reached=found["reached"][node]
            )
            for node, kind in graph.nodes(data="soort")
            if kind == "partner"
        ],
        batch_size=2000,
    )
    summary = {key: value for key, value in found.items() if key not in ("ties", "reached")}
    snapshot, _created = Snapshot.objects.update_or_create(
        name="netwerk", defaults={"made_at": timezone.now(), "summary": summary}
    )
    snapshot.files.all().delete()
    SnapshotFile.objects.bulk_create(
        [
            SnapshotFile(
                snapshot=snapshot,
                name="netwerk.gexf",
                content_type="application/gexf+xml; charset=utf-8",
                content=_export(graph, nx.write_gexf),
            ),
            SnapshotFile(
                snapshot=snapshot,
                name="netwerk.graphml",
                content_type="application/graphml+xml; charset=utf-8",
                content=_export(graph, nx.write_graphml),
            ),
        ]
    )
    return summary


def isolated_condition(today: date) -> Q:
    """An active partner that the last computation found without any tie to another partner."""
    return Q(status=Organisation.Status.ACTIVE) & Exists(
        NetworkPosition.objects.filter(organisation=OuterRef("pk"), connections=0)
    )


def register_worklist_reason() -> None:
    """Put isolated partners on the team's worklist, with the reason in plain Dutch."""
    from alliantie.accountability import worklist

    worklist.register_reason(
        "geen-verbinding",
        _("Geen verbinding met andere partners"),
        isolated_condition,
        lambda organisation: str(
            _("Werkt met geen enkele andere partner samen: geen gezamenlijke activiteit, koppeling of bijeenkomst.")
        ),
    )
