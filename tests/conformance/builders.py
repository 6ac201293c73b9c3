"""Small constructors for nodes and edges, so tests read as the graph they build."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_dataset
from partnergraph.ingest.workspace import read_bundle
from partnergraph.model import Edge, Node, NodeLabel, PropValue, RelType

if TYPE_CHECKING:
    from partnergraph.graph.neo4j import Neo4jStore


def node(
    uid: str,
    label: NodeLabel = NodeLabel.ORGANISATION,
    *,
    name: str | None = None,
    name_en: str | None = None,
    valid_from: str | None = None,
    valid_to: str | None = None,
    sources: tuple[str, ...] = ("test",),
    **properties: PropValue,
) -> Node:
    return Node(
        uid=uid,
        label=label,
        name=name or uid.upper(),
        name_en=name_en,
        sources=sources,
        valid_from=valid_from,
        valid_to=valid_to,
        properties=properties,
    )


def edge(
    source: str,
    target: str,
    rel: RelType = RelType.MEMBER_OF,
    *,
    key: str = "",
    valid_from: str | None = None,
    valid_to: str | None = None,
    sources: tuple[str, ...] = ("test",),
    **properties: PropValue,
) -> Edge:
    return Edge(
        type=rel,
        source=source,
        target=target,
        key=key,
        sources=sources,
        valid_from=valid_from,
        valid_to=valid_to,
        properties=properties,
    )


def nodes(*uids: str, label: NodeLabel = NodeLabel.ORGANISATION) -> list[Node]:
    return [node(uid, label) for uid in uids]


def load_both(
    neo4j_store: Neo4jStore, graph: tuple[list[Node], list[Edge]]
) -> tuple[MemoryStore, Neo4jStore]:
    """The same nodes and edges in a new memory store and in the (cleared) Neo4j store."""
    neo4j_store.clear()
    memory = MemoryStore()
    for store in (memory, neo4j_store):
        store.upsert_nodes(graph[0])
        store.upsert_edges(graph[1])
    return memory, neo4j_store


def bundle_on_both(neo4j_store: Neo4jStore, bundled_data: Path) -> MemoryStore:
    """The bundled data with its layers (keep.eu) in a new memory store and in the (cleared)
    Neo4j store; the memory store is returned."""
    neo4j_store.clear()
    memory = MemoryStore()
    for store in (memory, neo4j_store):
        load_dataset(store, read_bundle(bundled_data))
    return memory
