"""What the API's listing routes show, computed here and not in the routes: every priority
with its framework, the neighbourhood of a node (the graph's numbers are the store's own
:meth:`~partnergraph.graph.store.GraphStore.summary`).

Each reads a fixed few store operations: the priorities with their DEFINES and ALIGNS_WITH
relationships (hundreds of rows), and a neighbourhood one ``neighbours_of`` call per hop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType

__all__ = ["PriorityRow", "neighbourhood", "priority_rows"]


@dataclass(frozen=True)
class PriorityRow:
    """A priority, the framework that defines it (the first by its DEFINES relationships),
    those relationships, and the uids of the priorities it is aligned with."""

    priority: Node
    framework: Node | None
    defines: tuple[Edge, ...]
    aligned: tuple[str, ...]


def priority_rows(store: GraphStore, at: dt.date | None) -> list[PriorityRow]:
    """Every priority valid on ``at`` with its framework, sorted by framework then uid
    (priorities no framework defines last)."""
    priorities = store.nodes(NodeLabel.PRIORITY, at=at)
    defines: dict[str, list[Edge]] = {}
    for edge in store.edges(RelType.DEFINES, at=at):
        defines.setdefault(edge.target, []).append(edge)
    aligned: dict[str, set[str]] = {}
    for edge in store.edges(RelType.ALIGNS_WITH, at=at):
        aligned.setdefault(edge.source, set()).add(edge.target)
        aligned.setdefault(edge.target, set()).add(edge.source)
    frameworks = store.get_nodes({edge.source for edges in defines.values() for edge in edges})
    rows = []
    for priority in priorities:
        edges = tuple(defines.get(priority.uid, ()))
        framework = next((frameworks[e.source] for e in edges if e.source in frameworks), None)
        rows.append(
            PriorityRow(priority, framework, edges, tuple(sorted(aligned.get(priority.uid, ()))))
        )
    rows.sort(key=lambda row: (row.framework.uid if row.framework else "~", row.priority.uid))
    return rows


def neighbourhood(
    store: GraphStore,
    uid: str,
    depth: int,
    types: Sequence[RelType] | None,
    at: dt.date | None,
    cap: int,
) -> tuple[list[str], bool]:
    """``uid`` and the nodes up to ``depth`` hops from it (breadth first, each node's
    neighbours in the store's order), at most ``cap`` of them; and whether the cap cut it."""
    chosen = [uid]
    seen = {uid}
    frontier = [uid]
    for _ in range(depth):
        around = store.neighbours_of(frontier, types=types, at=at)
        following = []
        for parent in frontier:
            for found in around.get(parent, []):
                if found.node.uid in seen:
                    continue
                if len(chosen) >= cap:
                    return chosen, True
                seen.add(found.node.uid)
                chosen.append(found.node.uid)
                following.append(found.node.uid)
        frontier = following
    return chosen, False
