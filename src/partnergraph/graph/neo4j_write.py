"""Writing to the Neo4j store: upserts in batches, the checks before a write, and clearing.

How a node or relationship is stored (``p_<key>`` properties, ``pkeys``, the content hash
``h``) and how every write transaction moves the data version by the XOR of the old and new
hashes is described in :mod:`partnergraph.graph.neo4j`; this module is where both happen.
Rows go to the server as ``UNWIND`` statements of ``batch_size`` rows, one managed transaction
per batch (one for a whole :func:`apply_changes`); integers Neo4j cannot hold (64-bit) and label
changes or missing edge ends are refused with a DataError before anything is written, or found
inside the transaction and rolled back. :class:`~partnergraph.graph.neo4j.Neo4jStore` keeps the
public methods and delegates here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import reduce
from operator import xor
from typing import TYPE_CHECKING, Any

from neo4j import ManagedTransaction

from partnergraph.errors import DataError, DataIssue
from partnergraph.graph.neo4j import META_ID
from partnergraph.graph.neo4j_cypher import (
    AWAIT_INDEXES,
    CLEAR_NODES,
    CLEAR_RELATIONSHIPS,
    EXISTING_LABELS,
    LOCK_VERSION,
    SCHEMA_STATEMENTS,
    SET_VERSION,
    UPSERT_EDGE_ONE,
    UPSERT_EDGES,
    UPSERT_NODE_ONE,
    UPSERT_NODES,
)
from partnergraph.graph.neo4j_records import READ_CHUNK, chunks
from partnergraph.graph.store import DEFAULT_BATCH_SIZE
from partnergraph.model import Edge, Node, NodeLabel, RelType

if TYPE_CHECKING:
    from partnergraph.graph.neo4j import Neo4jStore

__all__ = [
    "apply_changes",
    "clear",
    "ensure_schema",
    "naive_upsert_edges_one_per_row",
    "naive_upsert_nodes_one_per_row",
    "run_edge_groups",
    "run_node_groups",
    "upsert_edges",
    "upsert_nodes",
    "versioned_write",
]

#: Neo4j stores 64-bit integers; Python's are unbounded.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


class _RolledBack(Exception):
    """Raised inside a write transaction to roll it back; the caller then says why."""


_CONCURRENT = [DataIssue("<store>", None, None, "the graph changed during the write; run it again")]


def _digest(text: str) -> int:
    """The per-item content hash, as a signed 64-bit integer (stored inline, unlike a string).

    It is the top half of the memory store's 128-bit hash: the data version both stores show
    is the top 64 bits of the XOR of all item hashes, which is the XOR of their top halves,
    so both backends compute the same version for the same content.
    """
    top = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=16).digest()[:8], "big")
    return top - 2**64 if top >= 2**63 else top


def _node_key(node: Node) -> str:
    return "n|" + node.uid


def _edge_key(edge: Edge) -> str:
    return "e|" + edge.id


def _node_props(node: Node, digest: int) -> dict[str, Any]:
    props: dict[str, Any] = {
        "uid": node.uid,
        "label": node.label.value,
        "name": node.name,
        "name_en": node.name_en,
        "sources": list(node.sources) or None,
        "valid_from": node.valid_from,
        "valid_to": node.valid_to,
        "search_key": node.search_key,
        "pkeys": list(node.properties) or None,
        "h": digest,
    }
    for key, value in node.properties.items():
        props["p_" + key] = value
    return {key: value for key, value in props.items() if value is not None}


def _edge_props(edge: Edge, digest: int) -> dict[str, Any]:
    props: dict[str, Any] = {
        "key": edge.key,
        "sources": list(edge.sources) or None,
        "valid_from": edge.valid_from,
        "valid_to": edge.valid_to,
        "pkeys": list(edge.properties) or None,
        "h": digest,
    }
    for key, value in edge.properties.items():
        props["p_" + key] = value
    return {key: value for key, value in props.items() if value is not None}


def _int_issues(what: str, properties: Mapping[str, Any]) -> list[DataIssue]:
    return [
        DataIssue(
            "<store>",
            None,
            None,
            f"{what}: {key} = {value} does not fit Neo4j's 64-bit integers",
            field=key,
        )
        for key, value in properties.items()
        if isinstance(value, int)
        and not isinstance(value, bool)
        and not _INT_MIN <= value <= _INT_MAX
    ]


def _node_rows(
    nodes: Sequence[Node],
) -> tuple[list[int], dict[NodeLabel, list[dict[str, Any]]]]:
    """Content hashes and UNWIND rows per label for a write of ``nodes``."""
    hashes = [_digest(_node_key(node) + node.model_dump_json()) for node in nodes]
    groups: dict[NodeLabel, list[dict[str, Any]]] = {}
    for node, digest in zip(nodes, hashes, strict=True):
        groups.setdefault(node.label, []).append(
            {"uid": node.uid, "props": _node_props(node, digest)}
        )
    return hashes, groups


def _edge_rows(edges: Sequence[Edge]) -> tuple[list[int], dict[RelType, list[dict[str, Any]]]]:
    """Content hashes and UNWIND rows per relationship type for a write of ``edges``."""
    hashes = [_digest(_edge_key(edge) + edge.model_dump_json()) for edge in edges]
    groups: dict[RelType, list[dict[str, Any]]] = {}
    for edge, digest in zip(edges, hashes, strict=True):
        groups.setdefault(edge.type, []).append(
            {
                "source": edge.source,
                "target": edge.target,
                "key": edge.key,
                "props": _edge_props(edge, digest),
            }
        )
    return hashes, groups


def run_node_groups(
    tx: ManagedTransaction, groups: dict[NodeLabel, list[dict[str, Any]]]
) -> list[int]:
    """Upsert node rows inside ``tx``; the replaced nodes' old hashes. A label change rolls
    the whole transaction back."""
    olds: list[int] = []
    for label, group in groups.items():
        record = tx.run(UPSERT_NODES[label], rows=group).single(strict=True)
        if record["relabelled"]:
            raise _RolledBack
        olds.extend(record["olds"])
    return olds


def run_edge_groups(
    tx: ManagedTransaction, groups: dict[RelType, list[dict[str, Any]]]
) -> list[int]:
    """Upsert edge rows inside ``tx``; the replaced edges' old hashes. A missing endpoint
    (fewer rows written than sent) rolls the whole transaction back."""
    olds: list[int] = []
    for rel, group in groups.items():
        record = tx.run(UPSERT_EDGES[rel], rows=group).single(strict=True)
        if record["written"] != len(group):
            raise _RolledBack
        olds.extend(record["olds"])
    return olds


def ensure_schema(store: Neo4jStore) -> None:
    """Create the constraints and indexes (once per store) and wait until they are online."""
    if store._schema_ready:
        return
    with store._guard():
        for statement in SCHEMA_STATEMENTS:
            store._driver.execute_query(statement, database_=store._database)
        store._driver.execute_query(AWAIT_INDEXES, {"seconds": 300}, database_=store._database)
    store._schema_ready = True


def versioned_write(
    store: Neo4jStore, work: Callable[[ManagedTransaction], list[int]], new_hashes: list[int]
) -> None:
    """Run ``work`` (which returns the replaced items' old hashes) in one transaction that
    also moves the data version by old XOR new, exactly like the memory store."""
    added = reduce(xor, new_hashes, 0)

    def transaction(tx: ManagedTransaction) -> None:
        start = tx.run(LOCK_VERSION, id=META_ID, zero=0).single(strict=True)
        version: int = start["version"] ^ added ^ reduce(xor, work(tx), 0)
        tx.run(SET_VERSION, id=META_ID, version=version).consume()

    store._write(transaction)


def _existing_labels(store: Neo4jStore, uids: Iterable[str]) -> dict[str, str]:
    distinct = list(dict.fromkeys(uids))
    found: dict[str, str] = {}
    for chunk in chunks(distinct, READ_CHUNK):
        for record in store._read(EXISTING_LABELS, uids=list(chunk)):
            found[record["uid"]] = record["label"]
    return found


def _check_labels(store: Neo4jStore, rows: list[Node]) -> None:
    """DataError naming every row that would change an existing node's label."""
    existing = _existing_labels(store, (node.uid for node in rows))
    issues = [
        DataIssue(
            "<store>",
            None,
            None,
            f"{node.uid} is already a {existing[node.uid]}, cannot become a {node.label.value}",
            field="uid",
        )
        for node in rows
        if node.uid in existing and existing[node.uid] != node.label.value
    ]
    if issues:
        raise DataError(issues)


def _check_endpoints(
    store: Neo4jStore, rows: list[Edge], also_present: set[str] | None = None
) -> None:
    """DataError naming every edge end that is not a node (nor in ``also_present``: nodes
    written in the same transaction)."""
    present = set(
        _existing_labels(store, (uid for edge in rows for uid in (edge.source, edge.target)))
    ) | (also_present or set())
    missing = [
        DataIssue("<store>", None, None, f"edge {edge.id} refers to unknown node {uid}")
        for edge in rows
        for uid in (edge.source, edge.target)
        if uid not in present
    ]
    if missing:
        raise DataError(missing)


def upsert_nodes(
    store: Neo4jStore, nodes: Iterable[Node], batch_size: int = DEFAULT_BATCH_SIZE
) -> int:
    """Batches of ``UNWIND … MERGE … SET``, one managed transaction each.

    A call that fits one batch (what the loader sends) is checked inside its transaction
    and rolled back on a label change; a bigger call is checked before the first batch, so
    it too writes all or nothing.
    """
    rows = list(nodes)
    if not rows:
        return 0
    int_issues = [issue for node in rows for issue in _int_issues(node.uid, node.properties)]
    if int_issues:
        raise DataError(int_issues)
    latest = list({node.uid: node for node in rows}.values())  # the last write wins
    if len(latest) > batch_size or len(latest) != len(rows):
        _check_labels(store, rows)
    ensure_schema(store)
    try:
        for chunk in chunks(latest, batch_size):
            _write_nodes(store, chunk)
    except _RolledBack:
        _check_labels(store, rows)
        raise DataError(_CONCURRENT) from None
    return len(rows)


def _write_nodes(store: Neo4jStore, chunk: Sequence[Node]) -> None:
    hashes, groups = _node_rows(chunk)
    versioned_write(store, lambda tx: run_node_groups(tx, groups), hashes)


def upsert_edges(
    store: Neo4jStore, edges: Iterable[Edge], batch_size: int = DEFAULT_BATCH_SIZE
) -> int:
    """Like :meth:`upsert_nodes`: a one-batch call finds missing endpoints inside its
    transaction (fewer rows written than sent) and rolls back; a bigger one checks first."""
    rows = list(edges)
    if not rows:
        return 0
    int_issues = [issue for edge in rows for issue in _int_issues(edge.id, edge.properties)]
    if int_issues:
        raise DataError(int_issues)
    latest = list({(edge.type, edge.source, edge.target, edge.key): edge for edge in rows}.values())
    if len(latest) > batch_size:
        _check_endpoints(store, rows)
    ensure_schema(store)
    try:
        for chunk in chunks(latest, batch_size):
            _write_edges(store, chunk)
    except _RolledBack:
        _check_endpoints(store, rows)
        raise DataError(_CONCURRENT) from None
    return len(rows)


def _write_edges(store: Neo4jStore, chunk: Sequence[Edge]) -> None:
    hashes, groups = _edge_rows(chunk)
    versioned_write(store, lambda tx: run_edge_groups(tx, groups), hashes)


def apply_changes(
    store: Neo4jStore,
    nodes: Iterable[Node],
    edges: Iterable[Edge],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> tuple[int, int]:
    """Write nodes, then edges, in ONE transaction: an import lands whole or not at all,
    even when the server goes away half-way (``ingest.changes.apply_changes`` calls this).

    Checked before the transaction: label changes, and edge ends that are neither in the
    store nor among ``nodes``. Inside it, UNWIND statements of ``batch_size`` rows.
    """
    node_rows, edge_rows = list(nodes), list(edges)
    if not node_rows and not edge_rows:
        return 0, 0
    int_issues = [i for n in node_rows for i in _int_issues(n.uid, n.properties)]
    int_issues += [i for e in edge_rows for i in _int_issues(e.id, e.properties)]
    if int_issues:
        raise DataError(int_issues)
    _check_labels(store, node_rows)
    incoming = {node.uid for node in node_rows}
    _check_endpoints(
        store,
        [e for e in edge_rows if e.source not in incoming or e.target not in incoming],
        also_present=incoming,
    )
    latest_nodes = list({node.uid: node for node in node_rows}.values())
    latest_edges = list({(e.type, e.source, e.target, e.key): e for e in edge_rows}.values())
    ensure_schema(store)
    node_hashes, node_groups = _node_rows(latest_nodes)
    edge_hashes, edge_groups = _edge_rows(latest_edges)

    def work(tx: ManagedTransaction) -> list[int]:
        olds: list[int] = []
        for label, group in node_groups.items():
            for chunk in chunks(group, batch_size):
                olds += run_node_groups(tx, {label: list(chunk)})
        for rel, rel_group in edge_groups.items():
            for chunk in chunks(rel_group, batch_size):
                olds += run_edge_groups(tx, {rel: list(chunk)})
        return olds

    try:
        versioned_write(store, work, node_hashes + edge_hashes)
    except _RolledBack:
        raise DataError(_CONCURRENT) from None
    return len(node_rows), len(edge_rows)


def naive_upsert_nodes_one_per_row(store: Neo4jStore, nodes: Iterable[Node]) -> int:
    """Benchmark baseline only (``bench/ingest.py``): what the design forbids — one MERGE
    per row, each in its own transaction. Same checks and same resulting graph as
    :meth:`upsert_nodes`, so the benchmark compares like with like."""
    rows = list(nodes)
    _check_labels(store, rows)
    ensure_schema(store)
    latest = list({node.uid: node for node in rows}.values())
    hashes = [_digest(_node_key(node) + node.model_dump_json()) for node in latest]
    _one_per_row(
        store,
        (
            (UPSERT_NODE_ONE[node.label], {"uid": node.uid, "props": _node_props(node, digest)})
            for node, digest in zip(latest, hashes, strict=True)
        ),
    )
    return len(rows)


def naive_upsert_edges_one_per_row(store: Neo4jStore, edges: Iterable[Edge]) -> int:
    """Benchmark baseline only: one MERGE per relationship, each in its own transaction."""
    rows = list(edges)
    _check_endpoints(store, rows)
    ensure_schema(store)
    latest = list({(e.type, e.source, e.target, e.key): e for e in rows}.values())
    hashes = [_digest(_edge_key(edge) + edge.model_dump_json()) for edge in latest]
    _one_per_row(
        store,
        (
            (
                UPSERT_EDGE_ONE[edge.type],
                {
                    "source": edge.source,
                    "target": edge.target,
                    "key": edge.key,
                    "props": _edge_props(edge, digest),
                },
            )
            for edge, digest in zip(latest, hashes, strict=True)
        ),
    )
    return len(rows)


def _one_per_row(store: Neo4jStore, writes: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """The naive loop: one session, one managed transaction and one statement per row;
    the data version is moved once at the end (not part of what is being measured)."""
    olds: list[int] = []
    hashes: list[int] = []

    def one(tx: ManagedTransaction, statement: str, row: dict[str, Any]) -> int | None:
        old: int | None = tx.run(statement, row=row).single(strict=True)["old"]
        return old

    with store._guard(), store._write_session() as session:
        for statement, row in writes:
            hashes.append(row["props"]["h"])
            old = session.execute_write(one, statement, row)
            if old is not None:
                olds.append(old)
    versioned_write(store, lambda _tx: olds, hashes)


def clear(store: Neo4jStore) -> None:
    """Delete every relationship, then every node, in batches; the data version goes to 0."""
    ensure_schema(store)
    with store._guard(), store._write_session() as session:
        session.run(CLEAR_RELATIONSHIPS, batch=DEFAULT_BATCH_SIZE).consume()
        session.run(CLEAR_NODES, batch=DEFAULT_BATCH_SIZE).consume()
    store._write(lambda tx: tx.run(SET_VERSION, id=META_ID, version=0).consume())
