"""``neighbours()`` over a networkx graph, in the order the stores use, without a store.

Two users: the embedded store walks its own live graph through it (no validation of objects
it already holds, and :meth:`GraphReader.adjacent` for walks that need no order), and a
notebook may read a ``to_networkx()`` copy through it with the query layer's walks. The
graph is only read, never changed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from partnergraph.errors import NotFound
from partnergraph.model import Direction, Edge, Neighbour, Node, NodeLabel, RelType, neighbour_order

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GraphReader"]


class GraphReader:
    """``neighbours()`` (and node and relationship lists) over a MultiDiGraph whose node
    attribute ``node`` holds the Node and edge attribute ``edge`` the Edge."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self._by_type: dict[RelType, list[Edge]] | None = None
        self._nodes: dict[str, Node] | None = None

    def node(self, uid: str) -> Node:
        # A plain dict, made on first use: whole-graph queries look nodes up millions of
        # times, and networkx's node view costs several times a dict lookup.
        if self._nodes is None:
            self._nodes = dict(self.graph.nodes(data="node"))
        try:
            return self._nodes[uid]
        except KeyError:
            raise NotFound(uid) from None

    def nodes(self, label: NodeLabel | None = None) -> list[Node]:
        found = [
            node
            for _, node in self.graph.nodes(data="node")
            if label is None or node.label == label
        ]
        return sorted(found, key=lambda node: node.uid)

    def edges(self, rel_type: RelType) -> list[Edge]:
        """Relationships of one type, sorted by (source, target, key)."""
        return self.edges_by_type([rel_type])[rel_type]

    def edges_by_type(self, rel_types: Iterable[RelType]) -> dict[RelType, list[Edge]]:
        """Relationships of several types, each list sorted by (source, target, key).

        Every type is sorted out in one pass the first time and kept: readers are cached per
        data version and whole-graph queries ask for the same lists again and again. The
        lists are shared; callers must not change them.
        """
        if self._by_type is None:
            found: dict[RelType, list[Edge]] = {rel_type: [] for rel_type in RelType}
            for _, _, edge in self.graph.edges(data="edge"):
                found[edge.type].append(edge)
            for bucket in found.values():
                bucket.sort(key=lambda e: (e.source, e.target, e.key))
            self._by_type = found
        return {rel_type: self._by_type[rel_type] for rel_type in rel_types}

    def adjacent(
        self, uid: str, types: Collection[RelType], direction: Direction
    ) -> list[tuple[Edge, Node]]:
        """The edges of these types at ``uid`` with the node at their other end, in no
        particular order (a self-loop once per direction asked): the walks that sort what
        they find anyway need no Neighbour objects and no sort."""
        graph = self.graph
        if uid not in graph:
            raise NotFound(uid)
        nodes = graph.nodes
        found: list[tuple[Edge, Node]] = []
        if direction in ("out", "both"):
            for _, other, edge in graph.out_edges(uid, data="edge"):
                if edge.type in types:
                    found.append((edge, nodes[other]["node"]))
        if direction in ("in", "both"):
            for other, _, edge in graph.in_edges(uid, data="edge"):
                if edge.type in types and not (other == uid and direction == "both"):
                    found.append((edge, nodes[other]["node"]))
        return found

    def neighbours(
        self,
        uid: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
    ) -> list[Neighbour]:
        if uid not in self.graph:
            raise NotFound(uid)
        wanted = set(types) if types else None
        found: list[Neighbour] = []
        nodes = self.graph.nodes
        if direction in ("out", "both"):
            for _, other, edge in self.graph.out_edges(uid, data="edge"):
                if wanted is None or edge.type in wanted:
                    found.append(
                        Neighbour.model_construct(
                            edge=edge, node=nodes[other]["node"], direction="out"
                        )
                    )
        if direction in ("in", "both"):
            for other, _, edge in self.graph.in_edges(uid, data="edge"):
                if other == uid and direction == "both":
                    continue
                if wanted is None or edge.type in wanted:
                    found.append(
                        Neighbour.model_construct(
                            edge=edge, node=nodes[other]["node"], direction="in"
                        )
                    )
        found.sort(key=neighbour_order)
        return found
