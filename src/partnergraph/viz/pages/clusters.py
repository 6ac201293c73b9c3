"""Clusters: communities coloured, brokers highlighted, labelled by the query layer."""

from __future__ import annotations

from dataclasses import dataclass

from partnergraph.graph.store import GraphStore
from partnergraph.model import Node, RelType
from partnergraph.viz.i18n import t
from partnergraph.viz.links import Links
from partnergraph.viz.netdata import (
    network_view,
)
from partnergraph.viz.pages.common import (
    node_link,
    section,
    sources_for,
)
from partnergraph.viz.render import Page

__all__ = ["CLUSTER_COLOURS", "ClusterRow", "clusters_page"]


#: Cluster colours (Okabe–Ito and Tol's muted); clusters past the palette are grey.
CLUSTER_COLOURS = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#332288",
]
_CARRIER_TYPES = [RelType.PARTICIPATES_IN, RelType.MEMBER_OF, RelType.SIGNED_BY]


@dataclass
class ClusterRow:
    id: int
    colour: str
    size: int
    themes: str
    countries: str
    brokers: list[tuple[str, str]]
    members: list[tuple[str, str]]


def clusters_page(store: GraphStore, links: Links) -> Page:
    from partnergraph.queries.clusters import clusters

    lang = links.lang
    failed: list[str] = []
    answer = section(failed, "clusters", lambda: clusters(store, lang=lang))
    if answer is None:
        return Page(
            template="error.html",
            title=t("clusters_title", lang),
            page="clusters",
            context={"message": t("unavailable", lang)},
        )
    cluster_of: dict[str, int] = {}
    rows = []
    for index, result in enumerate(answer.results):
        swatch = CLUSTER_COLOURS[index] if index < len(CLUSTER_COLOURS) else "#BBBBBB"
        for member in result.members:
            cluster_of[member.uid] = index
        rows.append(
            ClusterRow(
                id=result.id,
                colour=swatch,
                size=result.size,
                themes=", ".join(f"{p.name} ({p.count})" for p in result.priorities[:3]),
                countries=", ".join(f"{c.name} ({c.count})" for c in result.countries[:4]),
                brokers=[(b.actor.name, links.node(b.actor.uid)) for b in result.brokers[:3]],
                members=[(m.name, links.node(m.uid)) for m in result.members],
            )
        )
    brokers = {b.actor.uid for b in answer.brokers}
    # The chart: actors coloured by cluster, joined through what they share (projects,
    # agreements, networks: drawn small and grey), the real relationships as edges.
    edges = [
        edge
        for rel_type in _CARRIER_TYPES
        for edge in store.edges(rel_type)
        if edge.source in cluster_of or edge.target in cluster_of
    ]
    carriers = {e.target if e.source in cluster_of else e.source for e in edges} - set(cluster_of)
    nodes = list(store.get_nodes([*cluster_of, *carriers]).values())

    def colour(node: Node) -> str | None:
        index = cluster_of.get(node.uid)
        if index is None:
            return "#DDDDDD"
        return CLUSTER_COLOURS[index] if index < len(CLUSTER_COLOURS) else "#BBBBBB"

    def note(node: Node) -> str | None:
        index = cluster_of.get(node.uid)
        label = f"{t('cluster', lang)} {answer.results[index].id}" if index is not None else None
        if node.uid in brokers and label:
            label += f" · {t('broker', lang)}"
        return label

    legend = [
        {"label": f"{t('cluster', lang)} {row.id}", "colour": row.colour, "shape": "dot"}
        for row in rows[: len(CLUSTER_COLOURS)]
    ]
    legend.append({"label": t("carriers", lang), "colour": "#DDDDDD", "shape": "triangle"})
    view = network_view(
        nodes,
        edges,
        lang=lang,
        link=node_link(links),
        version=store.data_version(),
        colour=colour,
        emphasis=brokers,
        node_note=note,
        legend=legend,
    )
    return Page(
        template="clusters.html",
        title=t("clusters_title", lang),
        page="clusters",
        context={
            "rows": rows,
            "brokers": [
                (b.actor.name, links.node(b.actor.uid), b.betweenness, cluster_of.get(b.actor.uid))
                for b in answer.brokers
            ],
            "answer": answer,
            "view": view,
            "uses_network": True,
            "sources": sources_for(store, [s.id for s in answer.coverage.sources]),
        },
    )
