"""The whole graph at once on the Neo4j store: the export to networkx, and the totals.

``to_networkx`` reads every valid node and relationship in records of ``_EXPORT_CHUNK`` items
(``EXPORT_NODES``, ``EXPORT_EDGES``: the driver's receive loop costs more per record than per
value), rebuilds them without validating again (see :func:`partnergraph.graph.neo4j.node_from`)
and pauses the cyclic garbage collector meanwhile. ``counts`` and ``summary`` are aggregated in
the database: only the totals come back. :class:`~partnergraph.graph.neo4j.Neo4jStore` keeps
the methods and delegates here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from partnergraph.gcpause import gc_paused
from partnergraph.graph.neo4j_cypher import COUNTS, EXPORT_EDGES, EXPORT_NODES, SUMMARY
from partnergraph.graph.neo4j_records import edge_of, iso_day, node_from
from partnergraph.graph.summary import NODES_SPAN, Summary
from partnergraph.model import Counts, NodeLabel, sort_edges, sort_nodes

if TYPE_CHECKING:
    import networkx as nx

    from partnergraph.graph.neo4j import Neo4jStore

__all__ = ["counts", "summary", "to_networkx"]

#: Nodes or relationships per record when exporting the whole graph (to_networkx).
_EXPORT_CHUNK = 2_000


def to_networkx(store: Neo4jStore, *, at: dt.date | None = None) -> nx.MultiDiGraph:
    """A new MultiDiGraph (a copy: changing it does not touch the database)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    day = iso_day(at)
    with gc_paused():
        chunk = _EXPORT_CHUNK
        with store._guard(reading=True), store._session() as session:
            nodes = session.execute_read(
                lambda tx: [
                    node_from(props)
                    for record in tx.run(EXPORT_NODES, day=day, chunk=chunk)
                    for props in record["rows"]
                ]
            )
            edges = session.execute_read(
                lambda tx: [
                    edge_of(*row)
                    for record in tx.run(EXPORT_EDGES, day=day, chunk=chunk)
                    for row in record["rows"]
                ]
            )
        for node in sort_nodes(nodes):
            graph.add_node(node.uid, node=node)
        for edge in sort_edges(edges):
            if edge.source in graph and edge.target in graph:  # both ends valid on ``at``
                graph.add_edge(edge.source, edge.target, key=edge.id, edge=edge)
    return graph


def counts(store: Neo4jStore) -> Counts:
    nodes: Counter[str] = Counter()
    relationships: Counter[str] = Counter()
    for record in store._read(COUNTS):
        if record["total"]:
            (nodes if record["kind"] == "node" else relationships)[record["name"]] = record["total"]
    return Counts(
        nodes=dict(sorted(nodes.items())), relationships=dict(sorted(relationships.items()))
    )


def summary(store: Neo4jStore, *, at: dt.date | None = None) -> Summary:
    """Aggregated in the database (SUMMARY): only the totals come back."""
    record = store._read(SUMMARY, day=iso_day(at), source=NodeLabel.SOURCE.value)[0]
    nodes: dict[str, int] = {}
    relationships: dict[str, int] = {}
    spans: dict[str, tuple[str | None, str | None]] = {}
    for row in record["groups"]:
        (nodes if row["kind"] == "node" else relationships)[row["name"]] = row["total"]
        if row["kind"] == "rel":
            spans[row["name"]] = (row["lo"], row["hi"])
    spans = {NODES_SPAN: (record["lo"], record["hi"]), **dict(sorted(spans.items()))}
    return Summary(
        counts=Counts(
            nodes=dict(sorted(nodes.items())), relationships=dict(sorted(relationships.items()))
        ),
        spans=spans,
        citations=dict(sorted((row[0], row[1]) for row in record["citations"])),
    )
