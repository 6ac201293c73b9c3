"""The embedded GraphStore: a networkx MultiDiGraph in this process, no server needed.

It is the default because the bundled dataset loads in about a second and every query then
runs without a network hop. Whole-graph algorithms get the live graph as a read-only view, not
a copy (see :meth:`MemoryStore.to_networkx`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

import networkx as nx

from partnergraph.errors import DataError, DataIssue, NotFound, QueryError
from partnergraph.graph.store import DEFAULT_BATCH_SIZE, MAX_PATH_HOPS
from partnergraph.model import (
    Counts,
    Direction,
    Edge,
    Hop,
    Neighbour,
    Node,
    NodeLabel,
    Path,
    RelType,
    Subgraph,
    active_at,
    sort_edges,
    sort_nodes,
)

__all__ = ["MemoryStore"]


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=16).digest(), "big")


def _pair(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u <= v else (v, u)


def _lex_shortest(
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


def _k_smallest_walks(
    neighbours: Callable[[str], list[str]],
    source: str,
    target: str,
    k: int,
    max_hops: int,
    prefetch: Callable[[list[str]], object] | None = None,
) -> list[list[str]]:
    """The ``k`` first simple paths by (hops, uid sequence), each at most ``max_hops`` hops.

    Yen's algorithm, with a spur search that returns the first shortest path by uids: for a
    fixed root, root + that spur is the first path of its deviation class in the contract's
    order, so the paths come out in exactly that order and ties of the k-th length never have
    to be enumerated (on a keep.eu-scale graph there can be thousands of them).
    """
    first = _lex_shortest(neighbours, source, target, set(), set(), max_hops, prefetch)
    if first is None:
        return []
    queue: list[tuple[int, list[str]]] = [(len(first), first)]
    pushed = {tuple(first)}
    accepted: list[list[str]] = []
    while queue:
        _, walk = heapq.heappop(queue)
        accepted.append(walk)
        if len(accepted) >= k:
            break
        for i in range(len(walk) - 1):
            root = walk[: i + 1]
            banned = {_pair(p[i], p[i + 1]) for p in accepted if p[: i + 1] == root}
            spur = _lex_shortest(
                neighbours, root[-1], target, set(root[:-1]), banned, max_hops - i, prefetch
            )
            if spur is not None:
                candidate = root[:-1] + spur
                if tuple(candidate) not in pushed:
                    pushed.add(tuple(candidate))
                    heapq.heappush(queue, (len(candidate), candidate))
    return accepted


class MemoryStore:
    """GraphStore on a networkx MultiDiGraph; node attribute ``node``, edge attribute ``edge``."""

    backend = "memory"

    def __init__(self) -> None:
        self._graph = nx.MultiDiGraph()
        self._search_keys: dict[str, str] = {}
        # The version is an XOR of per-item content hashes, so it is updated in O(1) per write
        # and two processes holding the same content agree on it (ETags across API workers).
        self._item_hashes: dict[str, int] = {}
        self._version = 0
        self._undirected: nx.Graph | None = None
        # uid → its neighbours in the undirected graph, sorted; filled lazily by path queries
        self._sorted_neighbours: dict[str, list[str]] = {}

    # -- writing -------------------------------------------------------------------------

    def _remember(self, key: str, payload: str) -> None:
        new = _digest(key + payload)
        old = self._item_hashes.get(key, 0)
        self._version ^= old ^ new
        self._item_hashes[key] = new

    def upsert_nodes(self, nodes: Iterable[Node], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        rows = list(nodes)
        issues = []
        for node in rows:
            existing = self._graph.nodes.get(node.uid)
            if existing is not None and existing["node"].label != node.label:
                issues.append(
                    DataIssue(
                        "<store>",
                        None,
                        None,
                        f"{node.uid} is already a {existing['node'].label.value}, "
                        f"cannot become a {node.label.value}",
                        field="uid",
                    )
                )
        if issues:
            raise DataError(issues)
        for node in rows:
            self._graph.add_node(node.uid, node=node)
            self._search_keys[node.uid] = node.search_key
            self._remember("n|" + node.uid, node.model_dump_json())
        self._undirected = None
        self._sorted_neighbours = {}
        return len(rows)

    def upsert_edges(self, edges: Iterable[Edge], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        rows = list(edges)
        missing = [
            DataIssue("<store>", None, None, f"edge {edge.id} refers to unknown node {uid}")
            for edge in rows
            for uid in (edge.source, edge.target)
            if uid not in self._graph
        ]
        if missing:
            raise DataError(missing)
        for edge in rows:
            self._graph.add_edge(edge.source, edge.target, key=edge.id, edge=edge)
            self._remember("e|" + edge.id, edge.model_dump_json())
        self._undirected = None
        self._sorted_neighbours = {}
        return len(rows)

    def clear(self) -> None:
        self.__init__()  # type: ignore[misc]  # one place that knows the empty state

    def close(self) -> None:
        """Nothing to release; kept for the contract."""

    def ping(self) -> None:
        """Always reachable: it lives in this process."""

    # -- reading -------------------------------------------------------------------------

    def node(self, uid: str) -> Node:
        try:
            node: Node = self._graph.nodes[uid]["node"]
        except KeyError:
            raise NotFound(uid) from None
        return node

    def get_nodes(self, uids: Iterable[str]) -> dict[str, Node]:
        graph_nodes = self._graph.nodes
        return {uid: graph_nodes[uid]["node"] for uid in uids if uid in graph_nodes}

    def _all_nodes(self) -> Iterator[Node]:
        for _, node in self._graph.nodes(data="node"):
            yield node

    def _all_edges(self) -> Iterator[Edge]:
        for _, _, edge in self._graph.edges(data="edge"):
            yield edge

    def nodes(
        self,
        label: NodeLabel | None = None,
        *,
        at: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Node]:
        found = sort_nodes(
            node
            for node in self._all_nodes()
            if (label is None or node.label == label) and node.active_at(at)
        )
        return found if limit is None else found[:limit]

    def edges(
        self,
        rel_type: RelType | None = None,
        *,
        uid: str | None = None,
        at: dt.date | None = None,
    ) -> list[Edge]:
        if uid is None:
            candidates: Iterable[Edge] = self._all_edges()
        elif uid in self._graph:
            candidates = [n.edge for n in self.neighbours(uid)]
        else:
            candidates = []
        return sort_edges(
            edge
            for edge in candidates
            if (rel_type is None or edge.type == rel_type) and edge.active_at(at)
        )

    def neighbours(
        self,
        uid: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Neighbour]:
        if uid not in self._graph:
            raise NotFound(uid)
        wanted = set(types) if types else None
        found: list[Neighbour] = []

        def keep(edge: Edge, other: str) -> bool:
            if wanted is not None and edge.type not in wanted:
                return False
            return edge.active_at(at) and self.node(other).active_at(at)

        if direction in ("out", "both"):
            for _, other, edge in self._graph.out_edges(uid, data="edge"):
                if keep(edge, other):
                    found.append(Neighbour(edge=edge, node=self.node(other), direction="out"))
        if direction in ("in", "both"):
            for other, _, edge in self._graph.in_edges(uid, data="edge"):
                if other == uid and direction == "both":
                    continue  # a self-loop was already listed as "out"
                if keep(edge, other):
                    found.append(Neighbour(edge=edge, node=self.node(other), direction="in"))
        found.sort(key=lambda n: (n.edge.type.value, n.node.uid, n.edge.key, n.direction))
        return found if limit is None else found[:limit]

    def _undirected_graph(self) -> nx.Graph:
        """Simple undirected graph whose edges list the ids of the edges they stand for;
        cached until the next write because building it is the expensive part of a path query."""
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
    ) -> list[Path]:
        if k < 1 or not 0 < max_hops <= MAX_PATH_HOPS:
            raise QueryError(f"k must be ≥ 1 and max_hops between 1 and {MAX_PATH_HOPS}")
        endpoints = [self.node(source), self.node(target)]
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
                    if self.node(other).active_at(at) and qualifying(uid, other)
                ]
            return kept

        walks = _k_smallest_walks(neighbours, source, target, k, max_hops)
        return [self._path(walk, qualifying) for walk in walks]

    def _path(self, walk: list[str], qualifying: Callable[[str, str], list[Edge]]) -> Path:
        hops = tuple(
            Hop(source=u, target=v, edges=tuple(sort_edges(qualifying(u, v))))
            for u, v in itertools.pairwise(walk)
        )
        return Path(nodes=tuple(self.node(uid) for uid in walk), hops=hops)

    def subgraph(self, uids: Iterable[str], *, at: dt.date | None = None) -> Subgraph:
        present = {uid for uid in uids if uid in self._graph and self.node(uid).active_at(at)}
        nodes = sort_nodes(self.node(uid) for uid in present)
        edges = sort_edges(
            edge
            for _, _, edge in self._graph.subgraph(present).edges(data="edge")
            if edge.active_at(at)
        )
        return Subgraph(nodes=tuple(nodes), edges=tuple(edges))

    def find(
        self,
        folded_text: str,
        *,
        labels: Sequence[NodeLabel] | None = None,
        limit: int = 50,
    ) -> list[Node]:
        wanted = set(labels) if labels else None
        uids = sorted(uid for uid, key in self._search_keys.items() if folded_text in key)
        found: list[Node] = []
        for uid in uids:
            node = self.node(uid)
            if wanted is None or node.label in wanted:
                found.append(node)
                if len(found) >= limit:
                    break
        return found

    def to_networkx(self, *, at: dt.date | None = None) -> nx.MultiDiGraph:
        """A read-only view of the live graph (no copy); filtered by date when ``at`` is given.
        Copy it (``graph.copy()``) before changing it."""
        if at is None:
            return nx.freeze(self._graph.subgraph(self._graph.nodes))
        return nx.subgraph_view(
            self._graph,
            filter_node=lambda uid: self.node(uid).active_at(at),
            filter_edge=lambda u, v, key: active_at(
                self._graph[u][v][key]["edge"].valid_from,
                self._graph[u][v][key]["edge"].valid_to,
                at,
            ),
        )

    def counts(self) -> Counts:
        labels = Counter(node.label.value for node in self._all_nodes())
        types = Counter(edge.type.value for edge in self._all_edges())
        return Counts(nodes=dict(sorted(labels.items())), relationships=dict(sorted(types.items())))

    def data_version(self) -> str:
        return f"{self._version:032x}"[:16]
