"""Shortest paths on the Neo4j store: the memory store's search, on adjacency read from the server.

The walks are found in Python by :func:`partnergraph.graph.paths.k_smallest_walks`, the memory
store's algorithm, over the filtered, undirected simple graph. Its neighbour lists are fetched
one BFS layer (one query) at a time and only as far as the hop limit allows, and kept on the
store between queries with the same relationship types and day on the same content: path
queries keep meeting the same hubs. The relationships along the chosen walks (or along each
candidate, for time-consistent paths) are read last. :meth:`Neo4jStore.shortest_paths
<partnergraph.graph.neo4j.Neo4jStore.shortest_paths>` delegates here.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from partnergraph.errors import NotFound
from partnergraph.graph import neo4j_gds
from partnergraph.graph.neo4j_cypher import HOP_EDGES, adjacency_query
from partnergraph.graph.neo4j_records import READ_CHUNK, chunks, edge_from, iso_day, type_filter
from partnergraph.graph.paths import check_limits, held_periods, k_smallest_walks, pair
from partnergraph.graph.reach import Component, Reach, reach_in, simple_graph
from partnergraph.model import Edge, Hop, Node, Path, RelType, sort_edges

if TYPE_CHECKING:
    from partnergraph.graph.neo4j import Neo4jStore

__all__ = ["reach", "shortest_paths"]

#: Neighbour uids the path search keeps between queries (a few hundred MB at most).
_ADJACENCY_KEPT = 2_000_000


class _Adjacency:
    """Neighbours of nodes in the filtered, undirected simple graph, sorted by uid; fetched
    from the server a whole BFS layer per query and kept in ``known``, which the store keeps
    between path queries on the same content (see ``_known_adjacency``)."""

    def __init__(
        self,
        fetch: Callable[[list[str]], dict[str, list[str]]],
        known: dict[str, list[str]] | None = None,
    ) -> None:
        self._fetch = fetch
        self._known: dict[str, list[str]] = {} if known is None else known

    def prefetch(self, uids: Iterable[str]) -> None:
        missing = [uid for uid in dict.fromkeys(uids) if uid not in self._known]
        for chunk in chunks(missing, READ_CHUNK):
            fetched = self._fetch(list(chunk))
            for uid in chunk:
                self._known[uid] = sorted(fetched.get(uid, ()))

    def of(self, uid: str) -> list[str]:
        if uid not in self._known:
            self.prefetch([uid])
        return self._known[uid]


def shortest_paths(
    store: Neo4jStore,
    source: str,
    target: str,
    *,
    k: int = 3,
    max_hops: int = 6,
    types: Sequence[RelType] | None = None,
    at: dt.date | None = None,
    time_consistent: bool = False,
) -> list[Path]:
    check_limits(k, max_hops)
    found = store.get_nodes([source, target])
    for uid in (source, target):
        if uid not in found:
            raise NotFound(uid)
    if not all(node.active_at(at) for node in found.values()):
        return []
    if source == target:
        return [Path(nodes=(found[source],), hops=())]
    type_values, day = type_filter(types), iso_day(at)

    def fetch(uids: list[str]) -> dict[str, list[str]]:
        records = store._read(
            adjacency_query(tuple(type_values) if type_values else None), uids=uids, day=day
        )
        return {record["uid"]: list(record["others"]) for record in records}

    known = _known_adjacency(store, type_values, day)
    adjacency = _Adjacency(fetch, known)
    between: dict[tuple[str, str], list[Edge]] = {}
    nodes: dict[str, Node] = dict(found)

    def held(walk: list[str]) -> bool:
        # one round trip per candidate chain for what this question has not read yet
        hops = [pair(u, v) for u, v in itertools.pairwise(walk)]
        between.update(_hop_edges(store, [p for p in hops if p not in between], type_values, day))
        nodes.update(store.get_nodes(uid for uid in walk if uid not in nodes))
        return bool(held_periods([nodes[uid] for uid in walk], [between[p] for p in hops]))

    walks = k_smallest_walks(
        adjacency.of,
        source,
        target,
        k,
        max_hops,
        prefetch=adjacency.prefetch,
        accept=held if time_consistent else None,
    )
    if sum(len(others) for others in known.values()) > _ADJACENCY_KEPT:
        known.clear()  # a bound on memory; the next queries fetch again
    return _paths(store, walks, type_values, day)


def _hop_edges(
    store: Neo4jStore, pairs: list[tuple[str, str]], types: list[str] | None, day: str | None
) -> dict[tuple[str, str], list[Edge]]:
    """The qualifying relationships between each node pair (either direction)."""
    between: dict[tuple[str, str], list[Edge]] = {p: [] for p in pairs}
    if not pairs:
        return between
    for record in store._read(HOP_EDGES, pairs=[list(p) for p in pairs], types=types, day=day):
        edge = edge_from(record)
        between[pair(edge.source, edge.target)].append(edge)
    return between


def _known_adjacency(
    store: Neo4jStore, types: list[str] | None, day: str | None
) -> dict[str, list[str]]:
    """The neighbour lists fetched by earlier path queries with the same relationship
    types and day on the same content, to be filled further by this one.

    Path queries keep meeting the same hubs (a country, a NUTS region, a big programme),
    whose adjacency is a round trip of thousands of uids; the content version, one cheap
    read, tells whether what was fetched still holds."""
    key = (store.data_version(), tuple(types) if types else None, day)
    current_key, known = store._adjacency
    if current_key != key:
        known = {}
        store._adjacency = (key, known)
    return known


def _paths(
    store: Neo4jStore, walks: list[list[str]], types: list[str] | None, day: str | None
) -> list[Path]:
    if not walks:
        return []
    pairs = sorted({pair(u, v) for walk in walks for u, v in itertools.pairwise(walk)})
    between = _hop_edges(store, pairs, types, day)
    nodes = store.get_nodes(uid for walk in walks for uid in walk)
    return [
        Path(
            nodes=tuple(nodes[uid] for uid in walk),
            hops=tuple(
                Hop(source=u, target=v, edges=tuple(sort_edges(between.get(pair(u, v), ()))))
                for u, v in itertools.pairwise(walk)
            ),
        )
        for walk in walks
    ]


def reach(
    store: Neo4jStore,
    source: str,
    target: str,
    *,
    types: Sequence[RelType] | None = None,
    at: dt.date | None = None,
    sample: int = 5,
) -> Reach:
    """In GDS (graph/neo4j_gds.py: components) and Cypher (the distance); a server
    without GDS is answered client-side from an export, the one case left that reads the
    whole graph."""
    found = store.get_nodes([source, target])
    for uid in (source, target):
        if uid not in found or not found[uid].active_at(at):
            raise NotFound(uid)
    answer = neo4j_gds.reach(
        store, (source, target), types=type_filter(types), at=at, sample=sample
    )
    if answer is None:
        return reach_in(simple_graph(store.to_networkx(at=at), types), source, target, sample)
    distance, components = answer
    lonely = Component(1, ())
    return Reach(distance, components.get(source, lonely), components.get(target, lonely))
