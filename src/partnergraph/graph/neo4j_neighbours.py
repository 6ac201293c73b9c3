"""The neighbourhood of given nodes on the Neo4j store: neighbours, neighbours_of, spans_of,
subgraph.

One statement each (``neighbours_query`` in :mod:`partnergraph.graph.neo4j_cypher`, one text
per set of relationship types and per single or batched question; ``spans_query``;
``SUBGRAPH_EDGES``), with the
day and the directions to follow as parameters; sorting happens in Python, as everywhere in
the store. :class:`~partnergraph.graph.neo4j.Neo4jStore` keeps the methods and delegates here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from partnergraph.errors import NotFound
from partnergraph.graph.neo4j_cypher import SUBGRAPH_EDGES, neighbours_query, spans_query
from partnergraph.graph.neo4j_records import edge_from, edge_of, iso_day, node_from
from partnergraph.model import (
    Direction,
    Neighbour,
    RelType,
    Span,
    Subgraph,
    neighbour_order,
    sort_edges,
    sort_nodes,
)

if TYPE_CHECKING:
    from partnergraph.graph.neo4j import Neo4jStore

__all__ = ["neighbours", "neighbours_of", "spans_of", "subgraph"]


def _around_params(direction: Direction, at: dt.date | None) -> dict[str, Any]:
    """The parameters of ``neighbours_query``: the day, and which directions to follow."""
    return {
        "day": iso_day(at),
        "out": direction in ("out", "both"),
        "skip_loops": direction == "both",
        "inward": direction in ("in", "both"),
    }


def _type_key(types: Sequence[RelType] | None) -> tuple[str, ...] | None:
    """The relationship types of a typed query, as a cache key of its text."""
    return tuple(sorted({rel.value for rel in types})) if types else None


def neighbours(
    store: Neo4jStore,
    uid: str,
    *,
    types: Sequence[RelType] | None = None,
    direction: Direction = "both",
    at: dt.date | None = None,
    limit: int | None = None,
) -> list[Neighbour]:
    records = store._read(
        neighbours_query(_type_key(types), False),
        uid=uid,
        **_around_params(direction, at),
    )
    if not records:
        raise NotFound(uid)
    found = [
        Neighbour(edge=edge_from(row), node=node_from(row["other"]), direction=row["direction"])
        for row in records[0]["found"]
    ]
    found.sort(key=neighbour_order)
    return found if limit is None else found[:limit]


def neighbours_of(
    store: Neo4jStore,
    uids: Iterable[str],
    *,
    types: Sequence[RelType] | None = None,
    direction: Direction = "both",
    at: dt.date | None = None,
) -> dict[str, list[Neighbour]]:
    wanted = sorted(set(uids))
    if not wanted:
        return {}
    records = store._read(
        neighbours_query(_type_key(types), True),
        uids=wanted,
        **_around_params(direction, at),
    )
    if not records:
        return {}
    others = {props["uid"]: node_from(props) for props in records[0]["nodes"]}
    make = Neighbour.model_construct
    found: dict[str, list[Neighbour]] = {}
    for uid, rows in records[0]["rows"]:
        around = [
            make(
                edge=edge_of(rel_type, source, target, props),
                node=others[other],
                direction=direction,
            )
            for rel_type, source, target, props, other, direction in rows
        ]
        around.sort(key=neighbour_order)
        found[uid] = around
    return {uid: found[uid] for uid in wanted if uid in found}


def spans_of(
    store: Neo4jStore,
    uids: Iterable[str],
    *,
    types: Sequence[RelType] | None = None,
    direction: Direction = "both",
    at: dt.date | None = None,
) -> dict[str, list[Span]]:
    wanted = sorted(set(uids))
    if not wanted:
        return {}
    records = store._read(
        spans_query(_type_key(types)), uids=wanted, **_around_params(direction, at)
    )
    found: dict[str, list[Span]] = {}
    for uid, rows in records[0]["rows"]:
        spans = [Span(RelType(row[0]), *row[1:]) for row in rows]
        spans.sort()  # type, other uid, key and direction tell every row apart
        found[uid] = spans
    return {uid: found[uid] for uid in wanted if uid in found}


def subgraph(store: Neo4jStore, uids: Iterable[str], *, at: dt.date | None = None) -> Subgraph:
    present = [node for node in store.get_nodes(uids).values() if node.active_at(at)]
    if not present:
        return Subgraph(nodes=(), edges=())
    records = store._read(SUBGRAPH_EDGES, uids=[node.uid for node in present], day=iso_day(at))
    return Subgraph(
        nodes=tuple(sort_nodes(present)),
        edges=tuple(sort_edges(edge_from(record) for record in records)),
    )
