"""Why two nodes have no path: how far apart they are and what each one is connected to.

A path question that finds nothing is answered with the reason (queries/paths.py): the two
nodes are joined only by longer chains (their distance), or not at all (then each one's
connected component: its size and its best-connected members). Both are questions about the
undirected simple graph of the qualifying relationships (self-loops and parallel edges
count once), as of a day: :func:`simple_graph` builds it for the embedded store; Neo4j answers
the same in the database (``graph/neo4j_gds.py``: weakly connected components in GDS, the
distance by Cypher ``shortestPath``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from partnergraph.model import RelType

__all__ = ["Component", "Reach", "reach_in", "simple_graph"]


@dataclass(frozen=True)
class Component:
    """A node's connected component: how many nodes (the node included), and the uids of its
    best-connected other members, most neighbours first, then by uid."""

    size: int
    best: tuple[str, ...]


@dataclass(frozen=True)
class Reach:
    """How far apart two nodes are (None: not connected) and each one's component."""

    distance: int | None
    source: Component
    target: Component


def simple_graph(graph: nx.MultiDiGraph, types: Sequence[RelType] | None) -> nx.Graph:
    """The undirected simple graph of ``graph`` over ``types`` (every node kept)."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    wanted = set(types) if types else None
    for u, v, edge in graph.edges(data="edge"):
        if u != v and (wanted is None or edge.type in wanted):
            simple.add_edge(u, v)
    return simple


def component_of(simple: nx.Graph, uid: str, sample: int) -> Component:
    members = nx.node_connected_component(simple, uid)
    best = sorted((m for m in members if m != uid), key=lambda m: (-simple.degree(m), m))
    return Component(len(members), tuple(best[:sample]))


def reach_in(simple: nx.Graph, source: str, target: str, sample: int) -> Reach:
    """:class:`Reach` worked out on a simple graph holding both nodes."""
    distance = (
        nx.shortest_path_length(simple, source, target)
        if nx.has_path(simple, source, target)
        else None
    )
    return Reach(
        distance, component_of(simple, source, sample), component_of(simple, target, sample)
    )
