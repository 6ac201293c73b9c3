"""The Neo4j GraphStore: the same contract as the embedded store, on a real Neo4j 5 server.

This module and its ``neo4j_*`` siblings are the only ones that import the ``neo4j`` driver or
hold Cypher. Every statement is a named constant (most in ``neo4j_cypher``); labels and
relationship types are put into Cypher only from the model's enums (Cypher cannot parameterise
them), everything else is a parameter.

Here: :class:`Neo4jStore` and its reads. Its plumbing (driver, guarded reads and write
transactions, failing fast while the server is gone) is ``neo4j_base``; the decoding of what
the server sends back lives in ``neo4j_records``, which every sibling uses. Where the rest
lives, each behind a thin method of the store:

* ``neo4j_connect``: opening the driver (:meth:`Neo4jStore.connect`), its settings, and what
  the driver's failures mean (the store's ``_guard``).
* ``neo4j_write``: upserts in batches, the checks before a write, the data version, ``clear``.
* ``neo4j_paths``: ``shortest_paths`` and the adjacency it keeps between queries.
* ``neo4j_chains``, ``neo4j_coverage``, ``neo4j_cooperation``, ``neo4j_gds``: the questions
  answered in the database (evidence chains, coverage counts, carrier groups, communities and
  reach in Graph Data Science); ``neo4j_cypher``: the Cypher of the store itself.

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
import logging
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

import neo4j

from partnergraph.errors import NotFound
from partnergraph.graph import neo4j_chains, neo4j_connect, neo4j_neighbours
from partnergraph.graph.activity import Activity
from partnergraph.graph.chains import Chain
from partnergraph.graph.cooperation import Group
from partnergraph.graph.coverage import Column, CoverageCounts
from partnergraph.graph.neo4j_base import Neo4jBase
from partnergraph.graph.neo4j_connect import BOLT_SCHEMES as BOLT_SCHEMES
from partnergraph.graph.neo4j_connect import READ_ACQUISITION_SECONDS as READ_ACQUISITION_SECONDS
from partnergraph.graph.neo4j_connect import READ_RETRY_SECONDS as READ_RETRY_SECONDS
from partnergraph.graph.neo4j_cypher import (
    ALL_EDGES,
    ALL_NODES,
    ALL_UIDS,
    EDGES_AT,
    FIND_UIDS,
    NODE_BY_UID,
    NODES_BY_UIDS,
    NODES_OF_LABEL,
    READ_VERSION,
    UIDS_OF_LABEL,
)
from partnergraph.graph.neo4j_records import (
    READ_CHUNK,
    chunks,
    edge_from,
    iso_day,
    node_from,
)
from partnergraph.graph.ranking import Ranking
from partnergraph.graph.reach import Reach
from partnergraph.graph.store import DEFAULT_BATCH_SIZE, Communities, CommunityChoice
from partnergraph.graph.summary import Summary
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

META_ID = "graph"
_MASK64 = 2**64 - 1


# -- the store -------------------------------------------------------------------------------


class Neo4jStore(Neo4jBase):
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
        super().__init__(driver, database=database, uri=uri)
        self._schema_ready = False
        #: Path search adjacency kept between queries: (content version, types, day) and the
        #: neighbour lists fetched so far (see neo4j_paths._known_adjacency).
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
        that the server answers; without a password the server must have auth disabled
        (graph/neo4j_connect.py)."""
        return neo4j_connect.connect(
            cls, uri, user=user, password=password, database=database, timeout=timeout
        )

    # -- writing (graph/neo4j_write.py) ------------------------------------------------------

    def upsert_nodes(self, nodes: Iterable[Node], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        """Batches of ``UNWIND … MERGE … SET``, one managed transaction each.

        A call that fits one batch (what the loader sends) is checked inside its transaction
        and rolled back on a label change; a bigger call is checked before the first batch, so
        it too writes all or nothing.
        """
        from partnergraph.graph import neo4j_write

        return neo4j_write.upsert_nodes(self, nodes, batch_size)

    def upsert_edges(self, edges: Iterable[Edge], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        """Like :meth:`upsert_nodes`: a one-batch call finds missing endpoints inside its
        transaction (fewer rows written than sent) and rolls back; a bigger one checks first."""
        from partnergraph.graph import neo4j_write

        return neo4j_write.upsert_edges(self, edges, batch_size)

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
        from partnergraph.graph import neo4j_write

        return neo4j_write.apply_changes(self, nodes, edges, batch_size=batch_size)

    def naive_upsert_nodes_one_per_row(self, nodes: Iterable[Node]) -> int:
        """Benchmark baseline only (``bench/ingest.py``): what the design forbids — one MERGE
        per row, each in its own transaction. Same checks and same resulting graph as
        :meth:`upsert_nodes`, so the benchmark compares like with like."""
        from partnergraph.graph import neo4j_write

        return neo4j_write.naive_upsert_nodes_one_per_row(self, nodes)

    def naive_upsert_edges_one_per_row(self, edges: Iterable[Edge]) -> int:
        """Benchmark baseline only: one MERGE per relationship, each in its own transaction."""
        from partnergraph.graph import neo4j_write

        return neo4j_write.naive_upsert_edges_one_per_row(self, edges)

    def clear(self) -> None:
        """Remove every node and edge; the data version goes back to 0."""
        from partnergraph.graph import neo4j_write

        neo4j_write.clear(self)

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    def node(self, uid: str) -> Node:
        records = self._read(NODE_BY_UID, uid=uid)
        if not records:
            raise NotFound(uid)
        return node_from(records[0]["p"])

    def get_nodes(self, uids: Iterable[str]) -> dict[str, Node]:
        wanted = list(dict.fromkeys(uids))
        found: dict[str, Node] = {}
        for chunk in chunks(wanted, READ_CHUNK):
            for record in self._read(NODES_BY_UIDS, uids=list(chunk)):
                node = node_from(record["p"])
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
            uids = sorted(record["uid"] for record in self._read(query, day=iso_day(at)))
            return list(self.get_nodes(uids[:limit]).values())
        query = ALL_NODES if label is None else NODES_OF_LABEL[label]
        return sort_nodes(node_from(record["p"]) for record in self._read(query, day=iso_day(at)))

    def edges(
        self,
        rel_type: RelType | None = None,
        *,
        uid: str | None = None,
        at: dt.date | None = None,
    ) -> list[Edge]:
        types = None if rel_type is None else [rel_type.value]
        if uid is None:
            records = self._read(ALL_EDGES, types=types, day=iso_day(at))
        else:
            records = self._read(EDGES_AT, uid=uid, types=types, day=iso_day(at))
        return sort_edges(edge_from(record) for record in records)

    def neighbours(
        self,
        uid: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Neighbour]:
        """One statement (graph/neo4j_neighbours.py)."""
        return neo4j_neighbours.neighbours(
            self, uid, types=types, direction=direction, at=at, limit=limit
        )

    def neighbours_of(
        self,
        uids: Iterable[str],
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
    ) -> dict[str, list[Neighbour]]:
        """One statement for all of ``uids`` (graph/neo4j_neighbours.py)."""
        return neo4j_neighbours.neighbours_of(self, uids, types=types, direction=direction, at=at)

    def spans_of(
        self,
        uids: Iterable[str],
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
    ) -> dict[str, list[Span]]:
        """One statement for all of ``uids`` (graph/neo4j_neighbours.py)."""
        return neo4j_neighbours.spans_of(self, uids, types=types, direction=direction, at=at)

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
        """The memory store's search (graph/paths.py) over adjacency fetched one BFS layer at
        a time and kept between queries on the same content (graph/neo4j_paths.py)."""
        from partnergraph.graph import neo4j_paths

        return neo4j_paths.shortest_paths(
            self,
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
        """In GDS (graph/neo4j_gds.py: components) and Cypher (the distance); a server
        without GDS is answered client-side from an export, the one case left that reads the
        whole graph (graph/neo4j_paths.py)."""
        from partnergraph.graph import neo4j_paths

        return neo4j_paths.reach(self, source, target, types=types, at=at, sample=sample)

    def subgraph(self, uids: Iterable[str], *, at: dt.date | None = None) -> Subgraph:
        """The nodes of ``uids`` and the relationships among them (graph/neo4j_neighbours.py)."""
        return neo4j_neighbours.subgraph(self, uids, at=at)

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
        partners: Collection[str] | None = None,
    ) -> list[Chain]:
        """In Cypher (graph/neo4j_chains.py): one statement, or one per batch of priorities."""
        return neo4j_chains.priority_chains(
            self, priorities, window, aligned=aligned, partners=partners
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
        """In Cypher (graph/neo4j_ranking.py): one statement."""
        from partnergraph.graph import neo4j_ranking

        return neo4j_ranking.partner_ranking(
            self,
            priorities,
            window,
            aligned=aligned,
            ref=reference,
            top=top,
            exclude=exclude,
            partners=partners,
            countries=countries,
            kinds=kinds,
        )

    def region_activity(
        self,
        region: str,
        *,
        window: Window = ALL_TIME,
        programme: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Activity:
        """In Cypher (graph/neo4j_activity.py): one statement."""
        from partnergraph.graph import neo4j_activity

        return neo4j_activity.region_activity(self, region, window, programme, offset, limit)

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

    def actor_chains(
        self,
        actors: Sequence[str],
        *,
        window: Window = ALL_TIME,
        priorities: Collection[str] | None = None,
    ) -> list[Chain]:
        """In Cypher (graph/neo4j_chains.py): one statement."""
        return neo4j_chains.actor_chains(self, actors, window, priorities)

    def priority_tally(
        self, groups: Sequence[Collection[str]], *, window: Window = ALL_TIME
    ) -> list[Counter[str]]:
        """In Cypher (graph/neo4j_chains.py): one statement, counts only."""
        return neo4j_chains.priority_tally(self, groups, window)

    def carrier_groups(
        self, actors: Iterable[str] | None = None, *, at: dt.date | None = None
    ) -> dict[str, Group]:
        """In Cypher (graph/neo4j_cooperation.py): the carriers, then batches of them side by
        side."""
        from partnergraph.graph import neo4j_cooperation

        return neo4j_cooperation.carrier_groups(self, actors, iso_day(at))

    def communities(
        self,
        algorithm: CommunityChoice,
        *,
        resolution: float = 1.0,
        seed: int = 42,
        at: dt.date | None = None,
    ) -> Communities | None:
        """In Graph Data Science when the server has it (see graph/neo4j_gds.py), else None."""
        from partnergraph.graph import neo4j_gds

        return neo4j_gds.communities(self, algorithm, resolution=resolution, seed=seed, at=at)

    def to_networkx(self, *, at: dt.date | None = None) -> nx.MultiDiGraph:
        """A new MultiDiGraph (a copy: changing it does not touch the database); read in
        records of many items (graph/neo4j_export.py)."""
        from partnergraph.graph import neo4j_export

        return neo4j_export.to_networkx(self, at=at)

    def counts(self) -> Counts:
        """Aggregated in the database (graph/neo4j_export.py)."""
        from partnergraph.graph import neo4j_export

        return neo4j_export.counts(self)

    def summary(self, *, at: dt.date | None = None) -> Summary:
        """Aggregated in the database (SUMMARY): only the totals come back
        (graph/neo4j_export.py)."""
        from partnergraph.graph import neo4j_export

        return neo4j_export.summary(self, at=at)

    def data_version(self) -> str:
        records = self._read(READ_VERSION, id=META_ID)
        version: int = records[0]["version"] if records else 0
        return f"{version & _MASK64:016x}"
