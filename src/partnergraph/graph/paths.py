"""Shortest paths in the store contract's order, for every backend.

The contract (``GraphStore.shortest_paths``): at most ``k`` simple paths over the undirected
graph, by (hops, uid sequence). :func:`k_smallest_walks` is Yen's algorithm with a spur search
(:func:`lex_shortest`) that returns the first shortest path by uids, so paths come out in
exactly that order and the ties of the k-th length are never enumerated (on a keep.eu-scale
graph there can be thousands). It only needs sorted neighbour lists: the memory store reads
them from its networkx graph (:class:`PathIndex`), the Neo4j store fetches them a BFS layer
per round trip (``prefetch``), keeping what it read for the next questions on the same
content.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Callable, Iterable, Sequence

import networkx as nx

from partnergraph.errors import NotFound, QueryError
from partnergraph.graph.store import MAX_PATH_HOPS
from partnergraph.model import Edge, Hop, Node, Path, RelType, sort_edges

__all__ = [
    "MAX_REJECTED",
    "PathIndex",
    "check_limits",
    "held_periods",
    "k_smallest_walks",
    "lex_shortest",
    "pair",
]

#: How many chains that fail ``accept`` (never held at one moment) the search passes over
#: before it stops looking for more: a bound on the work of one question.
MAX_REJECTED = 500

_OPEN_START = ""
_OPEN_END = "9999-12-31"
Interval = tuple[str, str]


def _union(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for lo, hi in sorted(intervals):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def held_periods(
    nodes: Sequence[Node], hops: Sequence[Sequence[Edge]]
) -> list[tuple[str | None, str | None]]:
    """The periods in which a chain held: the days on which every node of it existed and
    every hop was valid (a hop is valid while any of its parallel relationships is). Undated
    facts do not constrain. An empty list: the chain's links never existed at the same time.

    >>> held_periods([], [])
    [(None, None)]
    """
    current: list[Interval] = [(_OPEN_START, _OPEN_END)]
    spans: list[list[Interval]] = [
        [(node.valid_from or _OPEN_START, node.valid_to or _OPEN_END)] for node in nodes
    ]
    spans += [
        _union((edge.valid_from or _OPEN_START, edge.valid_to or _OPEN_END) for edge in hop)
        for hop in hops
    ]
    for span in spans:
        current = [
            (max(lo, a), min(hi, b))
            for lo, hi in current
            for a, b in span
            if max(lo, a) <= min(hi, b)
        ]
        if not current:
            return []
    return [(lo or None, None if hi == _OPEN_END else hi) for lo, hi in _union(current)]


def check_limits(k: int, max_hops: int) -> None:
    """The contract's limits on ``k`` and ``max_hops``."""
    if k < 1 or not 0 < max_hops <= MAX_PATH_HOPS:
        raise QueryError(f"k must be ≥ 1 and max_hops between 1 and {MAX_PATH_HOPS}")


def pair(u: str, v: str) -> tuple[str, str]:
    """An undirected node pair, smaller uid first."""
    return (u, v) if u <= v else (v, u)


def lex_shortest(
    neighbours: Callable[[str], list[str]],
    source: str,
    target: str,
    banned_nodes: set[str],
    banned_edges: set[tuple[str, str]],
    limit: int,
    prefetch: Callable[[list[str]], object] | None = None,
) -> list[str] | None:
    """The first, by uid sequence, of the shortest simple paths from ``source`` to ``target``
    of at most ``limit`` hops avoiding the banned nodes and node pairs; None if there is none.

    A bidirectional BFS (the smaller frontier grows, a whole layer at a time) finds the
    distance ``d``. Every shortest path then has, at position ``p = max(0, d − b)``, a node
    whose distances from both ends are known (``b``: the depth the backward search reached),
    so the nodes from which a shortest path continues can be marked back from there, and
    the path is read off greedily: at each step the smallest neighbour that still can reach
    the target in the hops left. ``neighbours`` must return sorted uids; ``prefetch``, if
    given, is called with each BFS layer before it is expanded (a server-backed adjacency
    fetches a whole layer in one round trip).
    """
    if source in banned_nodes or target in banned_nodes:
        return None
    if source == target:
        return [source]

    barred: dict[str, set[str]] = {}
    for u, v in banned_edges:
        barred.setdefault(u, set()).add(v)
        barred.setdefault(v, set()).add(u)

    def step(x: str) -> Iterable[str]:
        # Hubs have thousands of neighbours: no copy unless something is actually banned.
        others = barred.get(x)
        if not banned_nodes and others is None:
            return neighbours(x)
        return (
            y
            for y in neighbours(x)
            if y not in banned_nodes and (others is None or y not in others)
        )

    forward: dict[str, int] = {source: 0}
    backward: dict[str, int] = {target: 0}
    front, back = [source], [target]
    a = b = 0
    distance: int | None = None
    while front and back and a + b < limit and distance is None:
        grow_forward = len(front) <= len(back)
        if grow_forward:
            a += 1
        else:
            b += 1
        depth = a if grow_forward else b
        seen, other = (forward, backward) if grow_forward else (backward, forward)
        layer: list[str] = []
        expanding = front if grow_forward else back
        if prefetch is not None:
            prefetch(expanding)
        for x in expanding:
            for y in step(x):
                if y not in seen:
                    seen[y] = depth
                    layer.append(y)
                    if y in other:
                        total = depth + other[y]
                        distance = total if distance is None else min(distance, total)
        if grow_forward:
            front = layer
        else:
            back = layer
    if distance is None or distance > limit:
        return None
    p = max(0, distance - b)
    by_depth: dict[int, list[str]] = {}
    for x, depth in forward.items():
        if depth <= p:
            by_depth.setdefault(depth, []).append(x)
    useful = {x for x in by_depth.get(p, ()) if backward.get(x) == distance - p}
    layers: list[set[str]] = [useful]
    for i in range(p - 1, -1, -1):
        ahead = layers[-1]
        layers.append({x for x in by_depth.get(i, ()) if any(y in ahead for y in step(x))})
    layers.reverse()
    path, current = [source], source
    for i in range(1, p + 1):
        current = next(y for y in step(current) if y in layers[i])
        path.append(current)
    for left in range(distance - p - 1, -1, -1):
        current = next(y for y in step(current) if backward.get(y) == left)
        path.append(current)
    return path


def k_smallest_walks(
    neighbours: Callable[[str], list[str]],
    source: str,
    target: str,
    k: int,
    max_hops: int,
    prefetch: Callable[[list[str]], object] | None = None,
    accept: Callable[[list[str]], bool] | None = None,
) -> list[list[str]]:
    """The ``k`` first simple paths by (hops, uid sequence), each at most ``max_hops`` hops,
    among those ``accept`` admits (all, when it is None).

    Yen's algorithm, with a spur search that returns the first shortest path by uids: for a
    fixed root, root + that spur is the first path of its deviation class in the contract's
    order, so the paths come out in exactly that order and ties of the k-th length never have
    to be enumerated (on a keep.eu-scale graph there can be thousands of them). A path that
    ``accept`` refuses is still a root for further deviations (a chain through the same nodes
    with other hops may hold), but is not counted; after :data:`MAX_REJECTED` refusals the
    search stops with what it has.
    """
    first = lex_shortest(neighbours, source, target, set(), set(), max_hops, prefetch)
    if first is None:
        return []
    queue: list[tuple[int, list[str]]] = [(len(first), first)]
    pushed = {tuple(first)}
    popped: list[list[str]] = []
    accepted: list[list[str]] = []
    while queue:
        _, walk = heapq.heappop(queue)
        popped.append(walk)
        if accept is None or accept(walk):
            accepted.append(walk)
            if len(accepted) >= k:
                break
        elif len(popped) - len(accepted) >= MAX_REJECTED:
            break
        for i in range(len(walk) - 1):
            root = walk[: i + 1]
            banned = {pair(p[i], p[i + 1]) for p in popped if p[: i + 1] == root}
            spur = lex_shortest(
                neighbours, root[-1], target, set(root[:-1]), banned, max_hops - i, prefetch
            )
            if spur is not None:
                candidate = root[:-1] + spur
                if tuple(candidate) not in pushed:
                    pushed.add(tuple(candidate))
                    heapq.heappush(queue, (len(candidate), candidate))
    return accepted


class PathIndex:
    """Path search over a networkx MultiDiGraph (node attribute ``node``, edge attribute
    ``edge``), which it only reads. The undirected simple graph and the sorted neighbour lists
    are built on first use and kept: building them is the expensive part of a path query, so
    keep one index per content version (the memory store drops its own at every write)."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self._graph = graph
        self._undirected: nx.Graph | None = None
        # uid → its neighbours in the undirected graph, sorted; filled lazily
        self._sorted_neighbours: dict[str, list[str]] = {}

    def _node(self, uid: str) -> Node:
        try:
            node: Node = self._graph.nodes[uid]["node"]
        except KeyError:
            raise NotFound(uid) from None
        return node

    def _undirected_graph(self) -> nx.Graph:
        """Simple undirected graph whose edges list the edges they stand for."""
        if self._undirected is None:
            simple = nx.Graph()
            simple.add_nodes_from(self._graph.nodes)
            for u, v, edge in self._graph.edges(data="edge"):
                if u == v:
                    continue
                if simple.has_edge(u, v):
                    simple[u][v]["edges"].append(edge)
                else:
                    simple.add_edge(u, v, edges=[edge])
            self._undirected = simple
        return self._undirected

    def shortest_paths(
        self,
        source: str,
        target: str,
        *,
        k: int = 3,
        max_hops: int = 6,
        types: Sequence[RelType] | None = None,
        at: dt.date | None = None,
        time_consistent: bool = False,
    ) -> list[Path]:
        """As ``GraphStore.shortest_paths``."""
        check_limits(k, max_hops)
        endpoints = [self._node(source), self._node(target)]
        if not all(node.active_at(at) for node in endpoints):
            return []
        if source == target:
            return [Path(nodes=(endpoints[0],), hops=())]
        wanted = set(types) if types else None
        simple = self._undirected_graph()

        def qualifying(u: str, v: str) -> list[Edge]:
            return [
                edge
                for edge in simple[u][v]["edges"]
                if (wanted is None or edge.type in wanted) and edge.active_at(at)
            ]

        cache = self._sorted_neighbours
        filtered: dict[str, list[str]] = {}

        def neighbours(uid: str) -> list[str]:
            found = cache.get(uid)
            if found is None:
                found = cache[uid] = sorted(other for other in simple[uid] if other != uid)
            if wanted is None and at is None:
                return found
            kept = filtered.get(uid)
            if kept is None:
                kept = filtered[uid] = [
                    other
                    for other in found
                    if self._node(other).active_at(at) and qualifying(uid, other)
                ]
            return kept

        def held(walk: list[str]) -> bool:
            hops = [qualifying(u, v) for u, v in itertools.pairwise(walk)]
            return bool(held_periods([self._node(uid) for uid in walk], hops))

        walks = k_smallest_walks(
            neighbours, source, target, k, max_hops, accept=held if time_consistent else None
        )
        return [
            Path(
                nodes=tuple(self._node(uid) for uid in walk),
                hops=tuple(
                    Hop(source=u, target=v, edges=tuple(sort_edges(qualifying(u, v))))
                    for u, v in itertools.pairwise(walk)
                ),
            )
            for walk in walks
        ]
