"""The embedded GraphStore: a networkx MultiDiGraph in this process, no server needed.

It is the default because the bundled dataset loads in about a second and every query then
runs without a network hop. Whole-graph algorithms get the live graph as a read-only view, not
a copy (see :meth:`MemoryStore.to_networkx`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, OrderedDict
from collections.abc import Collection, Hashable, Iterable, Iterator, Sequence

import networkx as nx

from partnergraph.errors import DataError, DataIssue, NotFound
from partnergraph.graph import chains, coverage, ranking
from partnergraph.graph.activity import Activity, count_activity
from partnergraph.graph.chains import Chain
from partnergraph.graph.cooperation import Group, carriers_of, groups_of
from partnergraph.graph.coverage import Column, CoverageCounts
from partnergraph.graph.paths import PathIndex
from partnergraph.graph.ranking import Ranking
from partnergraph.graph.reach import Reach, reach_in, simple_graph
from partnergraph.graph.reader import GraphReader
from partnergraph.graph.store import DEFAULT_BATCH_SIZE, Communities, CommunityChoice
from partnergraph.graph.summary import Summary, summarise
from partnergraph.model import (
    Counts,
    Direction,
    Edge,
    Neighbour,
    Node,
    NodeLabel,
    Path,
    RelType,
    Span,
    Subgraph,
    active_at,
    neighbour_order,
    sort_edges,
    sort_nodes,
)
from partnergraph.window import ALL_TIME, Window

__all__ = ["MemoryStore"]

#: Simple graphs kept for explaining refused path questions (one per relationship filter
#: and day asked); building one reads every relationship.
_SIMPLE_KEPT = 8
#: Questions whose chains are kept (``evidence_chains`` for given priorities).
RECENT_CHAINS = 4
#: Relationships that link an actor to a carrier (SIGNED_BY's carrier is its source).
_LINK_TYPES = frozenset({RelType.PARTICIPATES_IN, RelType.MEMBER_OF, RelType.SIGNED_BY})


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=16).digest(), "big")


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
        # the path search's undirected graph and neighbour lists, built on first use
        self._paths: PathIndex | None = None
        # the simple graphs refused path questions are explained on, by (types, day)
        self._simple: dict[tuple[tuple[str, ...] | None, dt.date | None], nx.Graph] = {}
        # The last few questions' chains, by content version: partners_for_priority ranks a
        # priority's chains, then reads those of the partners it shows, one walk for both.
        self._recent_chains: OrderedDict[tuple[Hashable, ...], list[Chain]] = OrderedDict()

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
        self._paths = None
        self._simple = {}
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
        self._paths = None
        self._simple = {}
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
        nodes = self._graph.nodes
        # The store's own objects were validated when written: no second validation here.
        make = Neighbour.model_construct

        def keep(edge: Edge, other: Node) -> bool:
            if wanted is not None and edge.type not in wanted:
                return False
            return at is None or (edge.active_at(at) and other.active_at(at))

        if direction in ("out", "both"):
            for _, uid_other, edge in self._graph.out_edges(uid, data="edge"):
                other = nodes[uid_other]["node"]
                if keep(edge, other):
                    found.append(make(edge=edge, node=other, direction="out"))
        if direction in ("in", "both"):
            for uid_other, _, edge in self._graph.in_edges(uid, data="edge"):
                if uid_other == uid and direction == "both":
                    continue  # a self-loop was already listed as "out"
                other = nodes[uid_other]["node"]
                if keep(edge, other):
                    found.append(make(edge=edge, node=other, direction="in"))
        found.sort(key=neighbour_order)
        return found if limit is None else found[:limit]

    def evidence_chains(
        self,
        priorities: Sequence[str] | None = None,
        *,
        window: Window = ALL_TIME,
        aligned: bool = True,
        partners: Collection[str] | None = None,
    ) -> list[Chain]:
        # The walk reads the live graph through a reader: no validation of the objects the
        # store already holds, and no copy.
        reader = GraphReader(self._graph)
        if priorities is not None:
            key = (self._version, tuple(sorted(set(priorities))), window, aligned)
            kept = self._recent_chains.get(key)
            if kept is None:
                asked = list(self.get_nodes(key[1]).values())
                kept = chains.priority_chains(reader, asked, window, aligned=aligned)
                self._recent_chains[key] = kept
                if len(self._recent_chains) > RECENT_CHAINS:
                    self._recent_chains.popitem(last=False)
            else:
                self._recent_chains.move_to_end(key)
            found = list(kept)
        else:
            found = []
            for node in self.nodes(NodeLabel.PRIORITY):
                found.extend(
                    chains.priority_chains(reader, [node], window, aligned=aligned, together=False)
                )
        if partners is None:
            return found
        wanted = set(partners)
        return [chain for chain in found if chain.partner.uid in wanted]

    def coverage_counts(
        self,
        priorities: Collection[str] | None = None,
        *,
        window: Window = ALL_TIME,
        aligned: bool = True,
        by: Column = "country",
        partners: Collection[str] | None = None,
        countries: Collection[str] | None = None,
        sample: int = 0,
    ) -> CoverageCounts:
        return coverage.coverage_counts(
            self,
            self.evidence_chains(None, window=window, aligned=aligned),
            window,
            priorities=priorities,
            by=by,
            partners=partners,
            countries=countries,
            sample=sample,
        )

    def partner_ranking(
        self,
        priorities: Sequence[str],
        *,
        window: Window = ALL_TIME,
        aligned: bool = True,
        reference: dt.date,
        top: int,
        exclude: Collection[str] = (),
        partners: Collection[str] | None = None,
        countries: Collection[str] | None = None,
        kinds: Collection[str] | None = None,
    ) -> Ranking:
        return ranking.rank_chains(
            self.evidence_chains(priorities, window=window, aligned=aligned),
            reference,
            top=top,
            exclude=exclude,
            partners=partners,
            countries=countries,
            kinds=kinds,
        )

    def actor_chains(
        self,
        actors: Sequence[str],
        *,
        window: Window = ALL_TIME,
        priorities: Collection[str] | None = None,
    ) -> list[Chain]:
        wanted = None if priorities is None else frozenset(priorities)
        found = [
            chain
            for chain in self._direct_chains(actors, window)
            if wanted is None or chain.priority.uid in wanted
        ]
        found.sort(key=lambda chain: chain.order)
        return found

    def priority_tally(
        self, groups: Sequence[Collection[str]], *, window: Window = ALL_TIME
    ) -> list[Counter[str]]:
        return [
            Counter(chain.priority.uid for chain in self._direct_chains(group, window))
            for group in groups
        ]

    def _direct_chains(self, actors: Iterable[str], window: Window) -> Iterator[Chain]:
        """The direct chains of each known actor, each actor once, in no particular order."""
        reader = GraphReader(self._graph)
        for node in self.get_nodes(sorted(set(actors))).values():
            yield from chains.actor_chains(reader, node, window)

    def neighbours_of(
        self,
        uids: Iterable[str],
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
    ) -> dict[str, list[Neighbour]]:
        return {
            uid: self.neighbours(uid, types=types, direction=direction, at=at)
            for uid in sorted(set(uids))
            if uid in self._graph
        }

    def spans_of(
        self,
        uids: Iterable[str],
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
    ) -> dict[str, list[Span]]:
        around = self.neighbours_of(uids, types=types, direction=direction, at=at)
        return {uid: [Span.of(n) for n in found] for uid, found in around.items()}

    def region_activity(
        self,
        region: str,
        *,
        window: Window = ALL_TIME,
        programme: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Activity:
        if region not in self._graph:
            return Activity.nothing(region)
        return count_activity(self, self.node(region), window, programme, offset, limit)

    def carrier_groups(
        self, actors: Iterable[str] | None = None, *, at: dt.date | None = None
    ) -> dict[str, Group]:
        walk = GraphReader(self.to_networkx(at=at))
        if actors is None:
            carriers: Iterable[str] = {
                edge.source if edge.type == RelType.SIGNED_BY else edge.target
                for _, _, edge in walk.graph.edges(data="edge")
                if edge.type in _LINK_TYPES
            }
        else:
            carriers = carriers_of(walk, (uid for uid in actors if uid in walk.graph))
        return groups_of(walk, carriers)

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
        if self._paths is None:
            self._paths = PathIndex(self._graph)
        return self._paths.shortest_paths(
            source,
            target,
            k=k,
            max_hops=max_hops,
            types=types,
            at=at,
            time_consistent=time_consistent,
        )

    def reach(
        self,
        source: str,
        target: str,
        *,
        types: Sequence[RelType] | None = None,
        at: dt.date | None = None,
        sample: int = 5,
    ) -> Reach:
        key = (tuple(sorted(t.value for t in types)) if types else None, at)
        simple = self._simple.get(key)
        if simple is None:
            if len(self._simple) >= _SIMPLE_KEPT:
                self._simple.clear()
            simple = self._simple[key] = simple_graph(self.to_networkx(at=at), types)
        for uid in (source, target):
            if uid not in simple:
                raise NotFound(uid)
        return reach_in(simple, source, target, sample)

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

    def communities(
        self,
        algorithm: CommunityChoice,
        *,
        resolution: float = 1.0,
        seed: int = 42,
        at: dt.date | None = None,
    ) -> Communities | None:
        """None: in this process the query layer computes communities itself, on the
        projection it builds anyway (networkx, or igraph above its size limit and for
        Leiden); that computation is the reference the database's must agree with."""
        return None

    def to_networkx(self, *, at: dt.date | None = None) -> nx.MultiDiGraph:
        """A read-only view of the live graph (no copy); filtered by date when ``at`` is given.
        Copy it (``graph.copy()``) before changing it."""
        if at is None:
            # A view over the same dicts without filters: a subgraph view would run a filter
            # on every node and edge visited, which at keep.eu scale made whole-graph walks
            # several times slower. freeze() locks this view object only, not the store.
            return nx.freeze(nx.graphviews.generic_graph_view(self._graph))
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

    def summary(self, *, at: dt.date | None = None) -> Summary:
        return summarise(self.nodes(at=at), self.edges(at=at))

    def data_version(self) -> str:
        return f"{self._version:032x}"[:16]
