"""Clusters: an overview of the communities, and one community's members on demand.

The whole actor graph drawn at once is a hairball whose labels cannot be read, so the page
opens on one node per cluster (sized by its members, named by its dominant priorities and
countries, joined by how many projects, agreements and networks two clusters share), and a
click on a cluster opens its members (``/clusters?cluster=N``, ``clusters/N.html`` static).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node
from partnergraph.queries.projection import carrier_index
from partnergraph.viz import layout as layout_mod
from partnergraph.viz.i18n import Lang, t
from partnergraph.viz.i18n_places import ShownName, country_name
from partnergraph.viz.links import Links, page_file
from partnergraph.viz.netdata import VisView, network_view, view_options, wrap_label
from partnergraph.viz.pages.common import (
    name_lookup,
    node_link,
    section,
    sources_for,
)
from partnergraph.viz.render import Page

if TYPE_CHECKING:
    from partnergraph.queries.clusters import ClusterLabel, ClustersAnswer

__all__ = ["CLUSTER_COLOURS", "ClusterRow", "cluster_ids", "cluster_url", "clusters_page"]


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
#: Overview node sizes (canvas units) for the smallest and the biggest cluster.
_MIN_SIZE, _MAX_SIZE = 12.0, 42.0
_THEME_LINES = 3


@dataclass
class ClusterRow:
    id: int
    colour: str
    size: int
    themes: str
    countries: str
    brokers: list[tuple[ShownName, str]]
    members: list[tuple[ShownName, str]]
    url: str = ""
    #: the dominant priorities in the page's language (marked where stored only in English)
    theme_names: list[tuple[ShownName, int]] = field(default_factory=list)


def _colour(index: int) -> str:
    return CLUSTER_COLOURS[index] if index < len(CLUSTER_COLOURS) else "#BBBBBB"


def cluster_url(links: Links, cluster: int) -> str:
    """The drill-down page of one cluster (a query live, a file of its own static)."""
    if links.mode == "live":
        return links.page("clusters", cluster=cluster)
    prefix = "en/" if links.lang == "en" else ""
    return f"{links.root}{prefix}{page_file('clusters', str(cluster))}"


def cluster_ids(store: GraphStore) -> list[int]:
    """The clusters a static build writes a drill-down page for."""
    from partnergraph.queries.clusters import clusters

    return [result.id for result in clusters(store).results]


def _carrier_edges(store: GraphStore, cluster_of: dict[str, int]) -> list[Edge]:
    """The real relationships that tie actors together: their links to the projects,
    agreements and bodies they share with other actors (the carrier groups the clusters were
    found on, cached with them: no read of every relationship of the graph)."""
    groups = carrier_index(store).groups
    return [
        link
        for group in groups.values()
        for _, link in group.members.values()
        if link is not None and (link.source in cluster_of or link.target in cluster_of)
    ]


def _ties(edges: list[Edge], cluster_of: dict[str, int]) -> Counter[tuple[int, int]]:
    """Per pair of clusters, how many carriers (or direct relationships) they share."""
    touching: dict[str, set[int]] = {}
    ties = Counter[tuple[int, int]]()
    for edge in edges:
        a, b = cluster_of.get(edge.source), cluster_of.get(edge.target)
        if a is not None and b is not None:
            if a != b:
                ties[(min(a, b), max(a, b))] += 1
            continue
        index = a if a is not None else b
        if index is None:
            continue
        carrier = edge.target if a is not None else edge.source
        touching.setdefault(carrier, set()).add(index)
    for found in touching.values():
        for pair in combinations(sorted(found), 2):
            ties[pair] += 1
    return ties


def _country(label: ClusterLabel, lang: Lang) -> str:
    """A country in the page's language (the query gives the native name in Polish)."""
    return country_name(label.id, label.name, None, lang).text


def _theme_line(name: str) -> str:
    """The dominant priority as a cluster's name: priorities are often whole sentences, so at
    most three wrapped lines here (the hover title and the table give them in full)."""
    lines = wrap_label(name).split("\n")
    if len(lines) <= _THEME_LINES:
        return "\n".join(lines)
    return "\n".join([*lines[: _THEME_LINES - 1], lines[_THEME_LINES - 1] + " …"])


def _overview(
    answer: ClustersAnswer,
    rows: list[ClusterRow],
    ties: Counter[tuple[int, int]],
    lang: Lang,
    version: str,
) -> VisView:
    """One node per cluster, named by what dominates it, edges weighted by shared ties."""
    ids = [f"cluster:{row.id}" for row in rows]
    pairs = [(ids[a], ids[b]) for a, b in ties]
    positions = layout_mod.layout(ids, pairs, version=version)
    biggest = max((row.size for row in rows), default=1) or 1
    by_size = sorted(range(len(rows)), key=lambda i: (-rows[i].size, rows[i].id))
    rank = {index: position for position, index in enumerate(by_size)}
    nodes: list[dict[str, Any]] = []
    for index, (row, result) in enumerate(zip(rows, answer.results, strict=True)):
        x, y = positions.get(ids[index], (0.0, 0.0))
        lines = [f"{t('cluster', lang)} {row.id} ({row.size})"]
        if result.priorities:
            lines.append(_theme_line(result.priorities[0].name))
        if result.countries:
            lines.append(", ".join(_country(c, lang) for c in result.countries[:2]))
        title = [lines[0]]
        if row.themes:
            title.append(f"{t('themes', lang)}: {row.themes}")
        if row.countries:
            title.append(f"{t('countries', lang)}: {row.countries}")
        title.append(t("cluster_open", lang))
        nodes.append(
            {
                "id": ids[index],
                "label": "\n".join(lines),
                "title": "\n".join(title),
                "rank": rank[index],
                "shape": "dot",
                "size": round(
                    _MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(row.size / biggest), 1
                ),
                "color": {"background": row.colour, "border": "#222222"},
                "x": x,
                "y": y,
                "url": row.url,
            }
        )
    strongest = max(ties.values(), default=1)
    edges = [
        {
            "id": f"tie:{a}:{b}",
            "from": ids[a],
            "to": ids[b],
            "width": round(1 + 7 * weight / strongest, 1),
            "color": "#9a9a9a",
            "title": f"{weight} {t('cluster_shared', lang)}",
        }
        for (a, b), weight in sorted(ties.items())
    ]
    legend = [{"label": t("cluster", lang), "colour": "#0072B2", "shape": "dot"}]
    edge_legend = [{"label": t("cluster_shared", lang), "colour": "#9a9a9a", "style": "solid"}]
    options = view_options(len(nodes))
    if options["physics"].get("enabled"):
        # cluster names take three or four lines: longer springs leave room to print them,
        # and a stronger pull to the middle keeps a cluster tied to no other one near
        options["physics"]["barnesHut"] = {
            "gravitationalConstant": -4000,
            "springLength": 240,
            "centralGravity": 0.8,
            "avoidOverlap": 0.5,
        }
    return VisView(
        nodes=nodes,
        edges=edges,
        options=options,
        total_nodes=len(nodes),
        legend=legend,
        edge_legend=edge_legend,
    )


def _members_view(
    store: GraphStore,
    answer: ClustersAnswer,
    index: int,
    edges: list[Edge],
    cluster_of: dict[str, int],
    links: Links,
) -> VisView:
    """One cluster's actors, joined through what they share (projects, agreements, networks:
    drawn small and grey); its brokers have a thick border and the first is in the middle."""
    lang = links.lang
    result = answer.results[index]
    members = {m.uid for m in result.members}
    mine = [e for e in edges if e.source in members or e.target in members]
    outside = {uid for e in mine for uid in (e.source, e.target)} - members
    # actors of other clusters are left out: this page is about one cluster
    carriers = {uid for uid in outside if uid not in cluster_of}
    mine = [
        e for e in mine if e.source not in outside - carriers and e.target not in outside - carriers
    ]
    nodes = list(store.get_nodes([*members, *carriers]).values())
    brokers = [b.actor.uid for b in result.brokers if b.actor.uid in members]
    all_brokers = {b.actor.uid for b in answer.brokers}

    def colour(node: Node) -> str | None:
        return _colour(index) if node.uid in members else "#DDDDDD"

    def note(node: Node) -> str | None:
        if node.uid not in members:
            return None
        label = f"{t('cluster', lang)} {result.id}"
        return label + f" · {t('broker', lang)}" if node.uid in all_brokers else label

    legend = [
        {"label": f"{t('cluster', lang)} {result.id}", "colour": _colour(index), "shape": "dot"},
        {"label": t("carriers", lang), "colour": "#DDDDDD", "shape": "triangle"},
    ]
    return network_view(
        nodes,
        mine,
        lang=lang,
        link=node_link(links),
        centre=brokers[0] if brokers else None,
        version=store.data_version(),
        colour=colour,
        emphasis=brokers,
        node_note=note,
        legend=legend,
    )


def clusters_page(store: GraphStore, links: Links, cluster: int | None = None) -> Page:
    """The overview (``cluster`` None) or the members of cluster number ``cluster``."""
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
    shown = name_lookup(
        store,
        lang,
        {m.uid for r in answer.results for m in r.members}
        | {p.id for r in answer.results for p in r.priorities[:3]},
    )
    for index, result in enumerate(answer.results):
        for member in result.members:
            cluster_of[member.uid] = index
        rows.append(
            ClusterRow(
                id=result.id,
                colour=_colour(index),
                size=result.size,
                themes=", ".join(f"{p.name} ({p.count})" for p in result.priorities[:3]),
                countries=", ".join(
                    f"{_country(c, lang)} ({c.count})" for c in result.countries[:4]
                ),
                brokers=[
                    (shown(b.actor.uid, b.actor.name), links.node(b.actor.uid))
                    for b in result.brokers[:3]
                ],
                members=[(shown(m.uid, m.name), links.node(m.uid)) for m in result.members],
                url=cluster_url(links, result.id),
                theme_names=[(shown(p.id, p.name), p.count) for p in result.priorities[:3]],
            )
        )
    edges = _carrier_edges(store, cluster_of)
    selected = next((i for i, r in enumerate(answer.results) if r.id == cluster), None)
    if cluster is not None and selected is None:
        return Page(
            template="error.html",
            title=t("clusters_title", lang),
            page="clusters",
            context={"message": t("cluster_missing", lang).format(id=cluster)},
            status=404,
        )
    if selected is None:
        view = _overview(answer, rows, _ties(edges, cluster_of), lang, store.data_version())
    else:
        view = _members_view(store, answer, selected, edges, cluster_of, links)
    return Page(
        template="clusters.html",
        title=t("clusters_title", lang)
        if selected is None
        else t("cluster_members_h", lang).format(id=cluster),
        page="clusters",
        params={"cluster": cluster},
        context={
            "rows": rows,
            "selected": rows[selected] if selected is not None else None,
            "overview_url": links.page("clusters"),
            "brokers": [
                (
                    shown(b.actor.uid, b.actor.name),
                    links.node(b.actor.uid),
                    b.betweenness,
                    cluster_of.get(b.actor.uid),
                )
                for b in answer.brokers
            ],
            "answer": answer,
            "view": view,
            "uses_network": True,
            "sources": sources_for(store, [s.id for s in answer.coverage.sources]),
        },
    )
