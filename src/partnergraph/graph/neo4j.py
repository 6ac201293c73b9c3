"""The Neo4j GraphStore: the same contract as the embedded store, on a real Neo4j 5 server.

This is the only module that imports the ``neo4j`` driver or holds Cypher. Every statement is a
named constant below; labels and relationship types are put into Cypher only from the model's
enums (Cypher cannot parameterise them), everything else is a parameter.

How the graph is stored, and why:

* Every node carries ``:Entity`` (one uniqueness constraint on ``uid``, so every lookup by uid
  is an index seek), its own label, and ``:Actor`` where the model says so.
* The reserved keys (uid, name, name_en, sources, valid_from, valid_to, search_key) are plain
  properties; the label is also kept as the ``label`` property. A node's own properties are
  stored as ``p_<key>`` and their names, in order, as ``pkeys``, so they round-trip exactly
  (same keys, same order, ints stay ints) and an upsert replaces all of them (``SET n = map``).
* Each node and relationship keeps ``h``, the hash of its content, and a single
  ``:PartnergraphMeta`` node holds the XOR of all of them. That is the same content version the
  memory store computes, so ``data_version`` agrees across backends and processes, and the meta
  node, taken first in every write transaction, also serialises concurrent writers.
* Sorting happens in Python: Neo4j orders strings by UTF-16 code unit, Python by code point,
  and the contract promises identical answers. Date filters run in Cypher (against an ASCII
  ISO date both orders agree).
* Shortest paths: the memory store's algorithm (``graph/paths.py``) over the filtered,
  undirected adjacency, which is fetched from the server one BFS layer (one query) at a time
  and only as far as the hop limit allows, and kept between queries on the same content.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import itertools
import logging
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import reduce
from operator import xor
from typing import TYPE_CHECKING, Any, TypeVar

import neo4j
from neo4j import (
    GraphDatabase,
    ManagedTransaction,
    NotificationDisabledClassification,
    NotificationMinimumSeverity,
    RoutingControl,
)
from neo4j import exceptions as neo4j_errors

from partnergraph.errors import (
    BackendUnavailable,
    ConfigError,
    DataError,
    DataIssue,
    NotFound,
)
from partnergraph.gcpause import gc_paused
from partnergraph.graph.chains import Chain
from partnergraph.graph.cooperation import Group
from partnergraph.graph.coverage import Column, CoverageCounts
from partnergraph.graph.neo4j_cypher import (
    ALL_EDGES,
    ALL_NODES,
    ALL_UIDS,
    AWAIT_INDEXES,
    CLEAR_NODES,
    CLEAR_RELATIONSHIPS,
    COUNTS,
    EDGES_AT,
    EXISTING_LABELS,
    EXPORT_EDGES,
    EXPORT_NODES,
    FIND_UIDS,
    HOP_EDGES,
    LOCK_VERSION,
    NODE_BY_UID,
    NODES_BY_UIDS,
    NODES_OF_LABEL,
    READ_VERSION,
    SCHEMA_STATEMENTS,
    SET_VERSION,
    SUBGRAPH_EDGES,
    SUMMARY,
    UIDS_OF_LABEL,
    UPSERT_EDGE_ONE,
    UPSERT_EDGES,
    UPSERT_NODE_ONE,
    UPSERT_NODES,
    adjacency_query,
    neighbours_query,
)
from partnergraph.graph.paths import check_limits, held_periods, k_smallest_walks, pair
from partnergraph.graph.reach import Component, Reach, reach_in, simple_graph
from partnergraph.graph.store import DEFAULT_BATCH_SIZE, Communities, CommunityAlgorithm
from partnergraph.graph.summary import NODES_SPAN, Summary
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
    neighbour_order,
    sort_edges,
    sort_nodes,
)
from partnergraph.window import ALL_TIME, Window

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Neo4jStore"]

# The driver logs each retry of a failing transaction as a warning. Where the application
# configures logging (the API under uvicorn) they still reach its handlers; a bare command
# line would otherwise print them raw before our own message says what to do.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

_T = TypeVar("_T")

META_ID = "graph"
_MASK64 = 2**64 - 1
#: Bolt, direct or routed, plain or encrypted (the driver's HTTP mode is a preview: not used).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: Neo4j stores 64-bit integers; Python's are unbounded.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
#: Rows per read round trip when a call passes many uids (get_nodes, label checks).
_READ_CHUNK = 20_000
#: Neighbour uids the path search keeps between queries (a few hundred MB at most).
_ADJACENCY_KEPT = 2_000_000
#: Nodes or relationships per record when exporting the whole graph (to_networkx).
_EXPORT_CHUNK = 2_000
#: Reads (and ping) wait at most this long for a connection, including opening a new one:
#: a request must not hang while the server is down or the pool is exhausted.
READ_ACQUISITION_SECONDS = 2.0
#: Retry budget of a read: none. The driver's first back-off is about a second, which a
#: request caught by a dying server would spend waiting for a 503; the API's breaker probes
#: the server in the background instead, and a caller may simply ask again. Writes keep the
#: configured timeout as their budget.
READ_RETRY_SECONDS = 0.0
#: After the connection to the server failed, reads fail at once for this long instead of each
#: waiting for the driver again; ``ping`` always tries, and its success ends the wait early.
FAIL_FAST_SECONDS = 1.0
#: Driver failures that mean the server (or the way to it) is gone, not that a query was bad.
_CONNECTION_LOST = (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired)


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


_LABELS = {label.value: label for label in NodeLabel}
_TYPES = {rel.value: rel for rel in RelType}


# Nodes and relationships read back were validated by the model before they were written, so
# they are rebuilt without validating again (``model_construct``, with the fields' own types):
# reading a keep.eu-sized graph made ~580k objects, and validation and enum lookups by value
# were half the time of the whole export. The conformance suite compares every object read
# here with the memory store's validated ones.
def _node_from(props: Mapping[str, Any]) -> Node:
    return Node.model_construct(
        uid=props["uid"],
        label=_LABELS[props["label"]],
        name=props["name"],
        name_en=props.get("name_en"),
        sources=tuple(props.get("sources") or ()),
        valid_from=props.get("valid_from"),
        valid_to=props.get("valid_to"),
        properties={key: props["p_" + key] for key in props.get("pkeys") or ()},
    )


def _edge_from(record: Mapping[str, Any]) -> Edge:
    return _edge_of(record["type"], record["source"], record["target"], record["p"])


def _edge_of(rel_type: str, source: str, target: str, props: Mapping[str, Any]) -> Edge:
    return Edge.model_construct(
        type=_TYPES[rel_type],
        source=source,
        target=target,
        key=props.get("key", ""),
        sources=tuple(props.get("sources") or ()),
        valid_from=props.get("valid_from"),
        valid_to=props.get("valid_to"),
        properties={key: props["p_" + key] for key in props.get("pkeys") or ()},
    )


def distinct_objects(record: Mapping[str, Any]) -> tuple[dict[str, Node], dict[str, Edge]]:
    """The nodes (by uid) and relationships (by element id) a record of references carries
    once each, in its ``nodes`` (property maps) and ``rels`` (``{id, type, source, target,
    p}``) lists: how the chain and carrier-group statements send what their rows refer to."""
    nodes: dict[str, Node] = {}
    for props in record["nodes"]:
        if props["uid"] not in nodes:
            nodes[props["uid"]] = _node_from(props)
    rels = {
        rel["id"]: _edge_of(rel["type"], rel["source"], rel["target"], rel["p"])
        for rel in record["rels"]
    }
    return nodes, rels


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


def _run_node_groups(
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


def _run_edge_groups(
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


def _chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), max(size, 1)):
        yield items[start : start + size]


def _day(at: dt.date | None) -> str | None:
    return None if at is None else at.isoformat()


def _around_params(direction: Direction, at: dt.date | None) -> dict[str, Any]:
    """The parameters of ``neighbours_query``: the day, and which directions to follow."""
    return {
        "day": _day(at),
        "out": direction in ("out", "both"),
        "skip_loops": direction == "both",
        "inward": direction in ("in", "both"),
    }


def _type_key(types: Sequence[RelType] | None) -> tuple[str, ...] | None:
    """The relationship types of a typed query, as a cache key of its text."""
    return tuple(sorted({rel.value for rel in types})) if types else None


def _type_values(types: Sequence[RelType] | None) -> list[str] | None:
    """An empty sequence means "no filter", as in the memory store."""
    return sorted({rel.value for rel in types}) if types else None


# -- path search -----------------------------------------------------------------------------


class _Adjacency:
    """Neighbours of nodes in the filtered, undirected simple graph, sorted by uid; fetched
    from the server a whole BFS layer per query and kept in ``known``, which the store keeps
    between path queries on the same content (see ``Neo4jStore._known_adjacency``)."""

    def __init__(
        self,
        fetch: Callable[[list[str]], dict[str, list[str]]],
        known: dict[str, list[str]] | None = None,
    ) -> None:
        self._fetch = fetch
        self._known: dict[str, list[str]] = {} if known is None else known

    def prefetch(self, uids: Iterable[str]) -> None:
        missing = [uid for uid in dict.fromkeys(uids) if uid not in self._known]
        for chunk in _chunks(missing, _READ_CHUNK):
            fetched = self._fetch(list(chunk))
            for uid in chunk:
                self._known[uid] = sorted(fetched.get(uid, ()))

    def of(self, uid: str) -> list[str]:
        if uid not in self._known:
            self.prefetch([uid])
        return self._known[uid]


# -- the store -------------------------------------------------------------------------------


class Neo4jStore:
    """GraphStore on a Neo4j 5 server through the official driver.

    The driver is passed in (tests and the API share one; :meth:`connect` makes one from
    settings). Reads go through ``execute_query`` with read routing, writes through managed
    write transactions, so a cluster routes them and transient failures are retried.

    Reads are impatient, writes patient: a read waits at most ``READ_ACQUISITION_SECONDS`` for
    a connection and is retried once; once the server has failed to answer, reads fail at once
    for ``FAIL_FAST_SECONDS`` (or until :meth:`ping` succeeds) instead of each waiting again —
    what keeps an API's threads free while the server is down. Writes (loads) retry for the
    configured ``timeout``.
    """

    backend = "neo4j"

    def __init__(
        self, driver: neo4j.Driver, *, database: str = "neo4j", uri: str | None = None
    ) -> None:
        self._driver = driver
        self._database = database
        self._uri = uri or "the configured Neo4j server"
        self._schema_ready = False
        self._write_timeout = 10.0
        #: When the server last failed to answer (monotonic seconds) and what was said then.
        self._lost_at = float("-inf")
        self._lost_message = ""
        #: Path search adjacency kept between queries: (content version, types, day) and the
        #: neighbour lists fetched so far (see _known_adjacency).
        self._adjacency: tuple[tuple[str, tuple[str, ...] | None, str | None], dict[str, list[str]]]
        self._adjacency = (("", None, None), {})

    @classmethod
    def connect(
        cls,
        uri: str,
        *,
        user: str = "neo4j",
        password: str | None = None,
        database: str = "neo4j",
        timeout: float = 10.0,
    ) -> Neo4jStore:
        """Open a driver for ``uri`` (``bolt://``, ``neo4j://``, ``neo4j+s://`` …) and check
        that the server answers; without a password the server must have auth disabled."""
        auth = None if password is None else (user, password)
        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in BOLT_SCHEMES:
            raise ConfigError(
                f"cannot use Neo4j URI {uri!r}: expected one of "
                f"{', '.join(s + '://' for s in BOLT_SCHEMES)} (set PARTNERGRAPH_NEO4J_URI)"
            )
        try:
            driver = GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=timeout,
                # The driver's defaults serve reads and ping (execute_query,
                # verify_connectivity); write sessions set their own, patient budget.
                connection_acquisition_timeout=min(2 * timeout, READ_ACQUISITION_SECONDS),
                max_transaction_retry_time=min(timeout, READ_RETRY_SECONDS),
                # Labels and types of the model that hold no data yet are expected, not news;
                # other warnings (performance, deprecation) are still logged by the driver.
                notifications_min_severity=NotificationMinimumSeverity.WARNING,
                notifications_disabled_classifications=[
                    NotificationDisabledClassification.UNRECOGNIZED
                ],
                warn_notification_severity=NotificationMinimumSeverity.OFF,
            )
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise ConfigError(
                f"cannot use Neo4j URI {uri!r}: {exc}; expected bolt://, neo4j:// or "
                "neo4j+s:// (set PARTNERGRAPH_NEO4J_URI)"
            ) from exc
        store = cls(driver, database=database, uri=uri)
        store._write_timeout = timeout
        try:
            store.ping()
        except BaseException:
            driver.close()
            raise
        return store

    # -- plumbing ----------------------------------------------------------------------------

    @contextmanager
    def _guard(self, *, reading: bool = False) -> Iterator[None]:
        """Turn the driver's connection failures into errors that say what to do; remember a
        lost connection so that the reads that follow fail fast (see ``_fail_fast``)."""
        try:
            yield
        except neo4j_errors.AuthError as exc:
            raise ConfigError(
                f"Neo4j at {self._uri} refused the credentials ({exc.message}): check "
                "PARTNERGRAPH_NEO4J_USER and PARTNERGRAPH_NEO4J_PASSWORD"
            ) from exc
        except neo4j_errors.IncompleteCommit as exc:
            if reading:  # a read changes nothing: it failed, and that is all there is to say
                raise self._lost(exc, "the connection broke while a read was finishing") from exc
            self._lost(exc)
            raise BackendUnavailable(
                f"the connection to Neo4j at {self._uri} broke while a write was committing; "
                "it may or may not have been saved. Once the server is back, run the load "
                "again: loads are idempotent and converge to the same graph"
            ) from exc
        except _CONNECTION_LOST as exc:
            raise self._lost(exc) from exc
        except (neo4j_errors.ConnectionPoolError, neo4j_errors.TransientError) as exc:
            raise BackendUnavailable(self._advice(exc)) from exc
        except neo4j_errors.ConfigurationError as exc:
            raise ConfigError(f"Neo4j configuration problem: {exc}") from exc
        except neo4j_errors.Neo4jError as exc:
            code = exc.code or ""
            if code == "Neo.ClientError.Database.DatabaseNotFound":
                raise ConfigError(
                    f"Neo4j at {self._uri} has no database {self._database!r}: create it or "
                    "set PARTNERGRAPH_NEO4J_DATABASE"
                ) from exc
            if "TransactionTimedOut" in code or code.endswith("Transaction.Terminated"):
                raise BackendUnavailable(self._advice(exc)) from exc
            raise

    def _lost(self, exc: Exception, detail: str | None = None) -> BackendUnavailable:
        """The server stopped answering: note when (reads fail fast for a while) and why."""
        self._lost_message = self._advice(exc, detail)
        self._lost_at = time.monotonic()
        return BackendUnavailable(self._lost_message)

    def _fail_fast(self) -> None:
        """Raise at once while the server is known not to answer (a failure less than
        ``FAIL_FAST_SECONDS`` ago, not since cleared by a read or a ping that worked)."""
        if time.monotonic() - self._lost_at < FAIL_FAST_SECONDS:
            raise BackendUnavailable(self._lost_message)

    def _advice(self, exc: Exception, detail: str | None = None) -> str:
        detail = detail or " ".join(str(exc).split()) or type(exc).__name__
        if len(detail) > 240:
            detail = detail[:237] + "..."
        return (
            f"Neo4j at {self._uri} is not available ({detail}). Start the local server with "
            "`partnergraph neo4j start`, or check PARTNERGRAPH_NEO4J_URI (and _USER, "
            "_PASSWORD) and that the server is running and reachable"
        )

    def _read(self, query: str, **params: Any) -> list[neo4j.Record]:
        self._fail_fast()
        with self._guard(reading=True):
            records, _, _ = self._driver.execute_query(
                query, params, database_=self._database, routing_=RoutingControl.READ
            )
        self._lost_at = float("-inf")
        return records

    def _session(self, **config: Any) -> neo4j.Session:
        return self._driver.session(
            database=self._database,
            bookmark_manager=self._driver.execute_query_bookmark_manager,
            **config,
        )

    def _write_session(self) -> neo4j.Session:
        """A session for writes: a load may wait for a busy pool and ride out a leader
        election, so it gets the configured timeout, not the reads' short budget."""
        return self._session(
            connection_acquisition_timeout=2 * self._write_timeout,
            max_transaction_retry_time=self._write_timeout,
        )

    def _write(self, work: Callable[[ManagedTransaction], _T]) -> _T:
        with self._guard(), self._write_session() as session:
            return session.execute_write(work)

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self._guard():
            for statement in SCHEMA_STATEMENTS:
                self._driver.execute_query(statement, database_=self._database)
            self._driver.execute_query(AWAIT_INDEXES, {"seconds": 300}, database_=self._database)
        self._schema_ready = True

    def _versioned_write(
        self, work: Callable[[ManagedTransaction], list[int]], new_hashes: list[int]
    ) -> None:
        """Run ``work`` (which returns the replaced items' old hashes) in one transaction that
        also moves the data version by old XOR new, exactly like the memory store."""
        added = reduce(xor, new_hashes, 0)

        def transaction(tx: ManagedTransaction) -> None:
            start = tx.run(LOCK_VERSION, id=META_ID, zero=0).single(strict=True)
            version: int = start["version"] ^ added ^ reduce(xor, work(tx), 0)
            tx.run(SET_VERSION, id=META_ID, version=version).consume()

        self._write(transaction)

    # -- writing ---------------------------------------------------------------------------

    def _existing_labels(self, uids: Iterable[str]) -> dict[str, str]:
        distinct = list(dict.fromkeys(uids))
        found: dict[str, str] = {}
        for chunk in _chunks(distinct, _READ_CHUNK):
            for record in self._read(EXISTING_LABELS, uids=list(chunk)):
                found[record["uid"]] = record["label"]
        return found

    def _check_labels(self, rows: list[Node]) -> None:
        """DataError naming every row that would change an existing node's label."""
        existing = self._existing_labels(node.uid for node in rows)
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

    def _check_endpoints(self, rows: list[Edge], also_present: set[str] | None = None) -> None:
        """DataError naming every edge end that is not a node (nor in ``also_present``: nodes
        written in the same transaction)."""
        present = set(
            self._existing_labels(uid for edge in rows for uid in (edge.source, edge.target))
        ) | (also_present or set())
        missing = [
            DataIssue("<store>", None, None, f"edge {edge.id} refers to unknown node {uid}")
            for edge in rows
            for uid in (edge.source, edge.target)
            if uid not in present
        ]
        if missing:
            raise DataError(missing)

    def upsert_nodes(self, nodes: Iterable[Node], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
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
            self._check_labels(rows)
        self._ensure_schema()
        try:
            for chunk in _chunks(latest, batch_size):
                self._write_nodes(chunk)
        except _RolledBack:
            self._check_labels(rows)
            raise DataError(_CONCURRENT) from None
        return len(rows)

    def _write_nodes(self, chunk: Sequence[Node]) -> None:
        hashes, groups = _node_rows(chunk)
        self._versioned_write(lambda tx: _run_node_groups(tx, groups), hashes)

    def upsert_edges(self, edges: Iterable[Edge], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        """Like :meth:`upsert_nodes`: a one-batch call finds missing endpoints inside its
        transaction (fewer rows written than sent) and rolls back; a bigger one checks first."""
        rows = list(edges)
        if not rows:
            return 0
        int_issues = [issue for edge in rows for issue in _int_issues(edge.id, edge.properties)]
        if int_issues:
            raise DataError(int_issues)
        latest = list(
            {(edge.type, edge.source, edge.target, edge.key): edge for edge in rows}.values()
        )
        if len(latest) > batch_size:
            self._check_endpoints(rows)
        self._ensure_schema()
        try:
            for chunk in _chunks(latest, batch_size):
                self._write_edges(chunk)
        except _RolledBack:
            self._check_endpoints(rows)
            raise DataError(_CONCURRENT) from None
        return len(rows)

    def _write_edges(self, chunk: Sequence[Edge]) -> None:
        hashes, groups = _edge_rows(chunk)
        self._versioned_write(lambda tx: _run_edge_groups(tx, groups), hashes)

    def apply_changes(
        self,
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
        self._check_labels(node_rows)
        incoming = {node.uid for node in node_rows}
        self._check_endpoints(
            [e for e in edge_rows if e.source not in incoming or e.target not in incoming],
            also_present=incoming,
        )
        latest_nodes = list({node.uid: node for node in node_rows}.values())
        latest_edges = list({(e.type, e.source, e.target, e.key): e for e in edge_rows}.values())
        self._ensure_schema()
        node_hashes, node_groups = _node_rows(latest_nodes)
        edge_hashes, edge_groups = _edge_rows(latest_edges)

        def work(tx: ManagedTransaction) -> list[int]:
            olds: list[int] = []
            for label, group in node_groups.items():
                for chunk in _chunks(group, batch_size):
                    olds += _run_node_groups(tx, {label: list(chunk)})
            for rel, rel_group in edge_groups.items():
                for chunk in _chunks(rel_group, batch_size):
                    olds += _run_edge_groups(tx, {rel: list(chunk)})
            return olds

        try:
            self._versioned_write(work, node_hashes + edge_hashes)
        except _RolledBack:
            raise DataError(_CONCURRENT) from None
        return len(node_rows), len(edge_rows)

    def naive_upsert_nodes_one_per_row(self, nodes: Iterable[Node]) -> int:
        """Benchmark baseline only (``bench/ingest.py``): what the design forbids — one MERGE
        per row, each in its own transaction. Same checks and same resulting graph as
        :meth:`upsert_nodes`, so the benchmark compares like with like."""
        rows = list(nodes)
        self._check_labels(rows)
        self._ensure_schema()
        latest = list({node.uid: node for node in rows}.values())
        hashes = [_digest(_node_key(node) + node.model_dump_json()) for node in latest]
        self._one_per_row(
            (UPSERT_NODE_ONE[node.label], {"uid": node.uid, "props": _node_props(node, digest)})
            for node, digest in zip(latest, hashes, strict=True)
        )
        return len(rows)

    def naive_upsert_edges_one_per_row(self, edges: Iterable[Edge]) -> int:
        """Benchmark baseline only: one MERGE per relationship, each in its own transaction."""
        rows = list(edges)
        self._check_endpoints(rows)
        self._ensure_schema()
        latest = list({(e.type, e.source, e.target, e.key): e for e in rows}.values())
        hashes = [_digest(_edge_key(edge) + edge.model_dump_json()) for edge in latest]
        self._one_per_row(
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
        )
        return len(rows)

    def _one_per_row(self, writes: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """The naive loop: one session, one managed transaction and one statement per row;
        the data version is moved once at the end (not part of what is being measured)."""
        olds: list[int] = []
        hashes: list[int] = []

        def one(tx: ManagedTransaction, statement: str, row: dict[str, Any]) -> int | None:
            old: int | None = tx.run(statement, row=row).single(strict=True)["old"]
            return old

        with self._guard(), self._write_session() as session:
            for statement, row in writes:
                hashes.append(row["props"]["h"])
                old = session.execute_write(one, statement, row)
                if old is not None:
                    olds.append(old)
        self._versioned_write(lambda _tx: olds, hashes)

    def clear(self) -> None:
        self._ensure_schema()
        with self._guard(), self._write_session() as session:
            session.run(CLEAR_RELATIONSHIPS, batch=DEFAULT_BATCH_SIZE).consume()
            session.run(CLEAR_NODES, batch=DEFAULT_BATCH_SIZE).consume()
        self._write(lambda tx: tx.run(SET_VERSION, id=META_ID, version=0).consume())

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def ping(self) -> None:
        """Check that the server answers (never short-cut: this is how recovery is seen)."""
        with self._guard():
            self._driver.verify_connectivity()
        self._lost_at = float("-inf")

    def server_info(self) -> dict[str, str]:
        """Server and driver versions, for benchmarks and ``status`` output."""
        with self._guard():
            info = self._driver.get_server_info()
        return {
            "server": info.agent,
            "bolt": ".".join(str(part) for part in info.protocol_version),
            "driver": neo4j.__version__,
            "rust_extension": "yes" if importlib.util.find_spec("neo4j._rust") else "no",
        }

    # -- reading ---------------------------------------------------------------------------

    def node(self, uid: str) -> Node:
        records = self._read(NODE_BY_UID, uid=uid)
        if not records:
            raise NotFound(uid)
        return _node_from(records[0]["p"])

    def get_nodes(self, uids: Iterable[str]) -> dict[str, Node]:
        wanted = list(dict.fromkeys(uids))
        found: dict[str, Node] = {}
        for chunk in _chunks(wanted, _READ_CHUNK):
            for record in self._read(NODES_BY_UIDS, uids=list(chunk)):
                node = _node_from(record["p"])
                found[node.uid] = node
        return {uid: found[uid] for uid in wanted if uid in found}

    def nodes(
        self,
        label: NodeLabel | None = None,
        *,
        at: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Node]:
        if limit is not None:
            # Sorting strings is Python's job (code points); fetch the uids, then the few nodes.
            query = ALL_UIDS if label is None else UIDS_OF_LABEL[label]
            uids = sorted(record["uid"] for record in self._read(query, day=_day(at)))
            return list(self.get_nodes(uids[:limit]).values())
        query = ALL_NODES if label is None else NODES_OF_LABEL[label]
        return sort_nodes(_node_from(record["p"]) for record in self._read(query, day=_day(at)))

    def edges(
        self,
        rel_type: RelType | None = None,
        *,
        uid: str | None = None,
        at: dt.date | None = None,
    ) -> list[Edge]:
        types = None if rel_type is None else [rel_type.value]
        if uid is None:
            records = self._read(ALL_EDGES, types=types, day=_day(at))
        else:
            records = self._read(EDGES_AT, uid=uid, types=types, day=_day(at))
        return sort_edges(_edge_from(record) for record in records)

    def neighbours(
        self,
        uid: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Neighbour]:
        records = self._read(
            neighbours_query(_type_key(types), False),
            uid=uid,
            **_around_params(direction, at),
        )
        if not records:
            raise NotFound(uid)
        found = [
            Neighbour(
                edge=_edge_from(row), node=_node_from(row["other"]), direction=row["direction"]
            )
            for row in records[0]["found"]
        ]
        found.sort(key=neighbour_order)
        return found if limit is None else found[:limit]

    def neighbours_of(
        self,
        uids: Iterable[str],
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
    ) -> dict[str, list[Neighbour]]:
        wanted = sorted(set(uids))
        if not wanted:
            return {}
        records = self._read(
            neighbours_query(_type_key(types), True),
            uids=wanted,
            **_around_params(direction, at),
        )
        if not records:
            return {}
        others = {props["uid"]: _node_from(props) for props in records[0]["nodes"]}
        make = Neighbour.model_construct
        found: dict[str, list[Neighbour]] = {}
        for uid, rows in records[0]["rows"]:
            around = [
                make(
                    edge=_edge_of(rel_type, source, target, props),
                    node=others[other],
                    direction=direction,
                )
                for rel_type, source, target, props, other, direction in rows
            ]
            around.sort(key=neighbour_order)
            found[uid] = around
        return {uid: found[uid] for uid in wanted if uid in found}

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
        check_limits(k, max_hops)
        found = self.get_nodes([source, target])
        for uid in (source, target):
            if uid not in found:
                raise NotFound(uid)
        if not all(node.active_at(at) for node in found.values()):
            return []
        if source == target:
            return [Path(nodes=(found[source],), hops=())]
        type_values, day = _type_values(types), _day(at)

        def fetch(uids: list[str]) -> dict[str, list[str]]:
            records = self._read(
                adjacency_query(tuple(type_values) if type_values else None), uids=uids, day=day
            )
            return {record["uid"]: list(record["others"]) for record in records}

        known = self._known_adjacency(type_values, day)
        adjacency = _Adjacency(fetch, known)
        between: dict[tuple[str, str], list[Edge]] = {}
        nodes: dict[str, Node] = dict(found)

        def held(walk: list[str]) -> bool:
            # one round trip per candidate chain for what this question has not read yet
            hops = [pair(u, v) for u, v in itertools.pairwise(walk)]
            between.update(self._hop_edges([p for p in hops if p not in between], type_values, day))
            nodes.update(self.get_nodes(uid for uid in walk if uid not in nodes))
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
        return self._paths(walks, type_values, day)

    def _hop_edges(
        self, pairs: list[tuple[str, str]], types: list[str] | None, day: str | None
    ) -> dict[tuple[str, str], list[Edge]]:
        """The qualifying relationships between each node pair (either direction)."""
        between: dict[tuple[str, str], list[Edge]] = {p: [] for p in pairs}
        if not pairs:
            return between
        for record in self._read(HOP_EDGES, pairs=[list(p) for p in pairs], types=types, day=day):
            edge = _edge_from(record)
            between[pair(edge.source, edge.target)].append(edge)
        return between

    def _known_adjacency(self, types: list[str] | None, day: str | None) -> dict[str, list[str]]:
        """The neighbour lists fetched by earlier path queries with the same relationship
        types and day on the same content, to be filled further by this one.

        Path queries keep meeting the same hubs (a country, a NUTS region, a big programme),
        whose adjacency is a round trip of thousands of uids; the content version, one cheap
        read, tells whether what was fetched still holds."""
        key = (self.data_version(), tuple(types) if types else None, day)
        current_key, known = self._adjacency
        if current_key != key:
            known = {}
            self._adjacency = (key, known)
        return known

    def _paths(
        self, walks: list[list[str]], types: list[str] | None, day: str | None
    ) -> list[Path]:
        if not walks:
            return []
        pairs = sorted({pair(u, v) for walk in walks for u, v in itertools.pairwise(walk)})
        between = self._hop_edges(pairs, types, day)
        nodes = self.get_nodes(uid for walk in walks for uid in walk)
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
        self,
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
        from partnergraph.graph import neo4j_gds

        found = self.get_nodes([source, target])
        for uid in (source, target):
            if uid not in found or not found[uid].active_at(at):
                raise NotFound(uid)
        answer = neo4j_gds.reach(
            self, (source, target), types=_type_values(types), at=at, sample=sample
        )
        if answer is None:
            return reach_in(simple_graph(self.to_networkx(at=at), types), source, target, sample)
        distance, components = answer
        lonely = Component(1, ())
        return Reach(distance, components.get(source, lonely), components.get(target, lonely))

    def subgraph(self, uids: Iterable[str], *, at: dt.date | None = None) -> Subgraph:
        present = [node for node in self.get_nodes(uids).values() if node.active_at(at)]
        if not present:
            return Subgraph(nodes=(), edges=())
        records = self._read(SUBGRAPH_EDGES, uids=[node.uid for node in present], day=_day(at))
        return Subgraph(
            nodes=tuple(sort_nodes(present)),
            edges=tuple(sort_edges(_edge_from(record) for record in records)),
        )

    def find(
        self,
        folded_text: str,
        *,
        labels: Sequence[NodeLabel] | None = None,
        limit: int = 50,
    ) -> list[Node]:
        wanted = sorted({label.value for label in labels}) if labels else None
        records = self._read(FIND_UIDS, text=folded_text, labels=wanted)
        uids = sorted(record["uid"] for record in records)
        # As in the memory store, which checks the limit after taking a match: at least one.
        return list(self.get_nodes(uids[: max(limit, 1)]).values())

    def evidence_chains(
        self,
        priorities: Sequence[str] | None = None,
        *,
        window: Window = ALL_TIME,
        aligned: bool = True,
    ) -> list[Chain]:
        """In Cypher (graph/neo4j_chains.py): one statement, or one per batch of priorities."""
        from partnergraph.graph import neo4j_chains

        return neo4j_chains.priority_chains(self, priorities, window, aligned=aligned)

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
        """In Cypher (graph/neo4j_coverage.py): one statement per batch of priorities."""
        from partnergraph.graph import neo4j_coverage

        return neo4j_coverage.coverage_counts(
            self,
            priorities,
            window,
            aligned=aligned,
            by=by,
            partners=partners,
            countries=countries,
            sample=sample,
        )

    def actor_chains(self, actors: Sequence[str], *, window: Window = ALL_TIME) -> list[Chain]:
        """In Cypher (graph/neo4j_chains.py): one statement."""
        from partnergraph.graph import neo4j_chains

        return neo4j_chains.actor_chains(self, actors, window)

    def carrier_groups(
        self, actors: Iterable[str] | None = None, *, at: dt.date | None = None
    ) -> dict[str, Group]:
        """In Cypher (graph/neo4j_cooperation.py): one statement."""
        from partnergraph.graph import neo4j_cooperation

        return neo4j_cooperation.carrier_groups(self, actors, _day(at))

    def communities(
        self,
        algorithm: CommunityAlgorithm,
        *,
        resolution: float = 1.0,
        seed: int = 42,
        at: dt.date | None = None,
    ) -> Communities | None:
        """In Graph Data Science when the server has it (see graph/neo4j_gds.py), else None."""
        from partnergraph.graph import neo4j_gds

        return neo4j_gds.communities(self, algorithm, resolution=resolution, seed=seed, at=at)

    def to_networkx(self, *, at: dt.date | None = None) -> nx.MultiDiGraph:
        """A new MultiDiGraph (a copy: changing it does not touch the database)."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        day = _day(at)
        with gc_paused():
            chunk = _EXPORT_CHUNK
            with self._guard(reading=True), self._session() as session:
                nodes = session.execute_read(
                    lambda tx: [
                        _node_from(props)
                        for record in tx.run(EXPORT_NODES, day=day, chunk=chunk)
                        for props in record["rows"]
                    ]
                )
                edges = session.execute_read(
                    lambda tx: [
                        _edge_of(*row)
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

    def counts(self) -> Counts:
        nodes: Counter[str] = Counter()
        relationships: Counter[str] = Counter()
        for record in self._read(COUNTS):
            if record["total"]:
                (nodes if record["kind"] == "node" else relationships)[record["name"]] = record[
                    "total"
                ]
        return Counts(
            nodes=dict(sorted(nodes.items())), relationships=dict(sorted(relationships.items()))
        )

    def summary(self, *, at: dt.date | None = None) -> Summary:
        """Aggregated in the database (SUMMARY): only the totals come back."""
        record = self._read(SUMMARY, day=_day(at), source=NodeLabel.SOURCE.value)[0]
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

    def data_version(self) -> str:
        records = self._read(READ_VERSION, id=META_ID)
        version: int = records[0]["version"] if records else 0
        return f"{version & _MASK64:016x}"
