"""The GraphStore contract: what every backend does, and exactly how.

Queries, the loader, the API and the CLI talk only to this protocol, so an answer never depends
on the backend. The conformance suite (``tests/conformance``) holds both backends to every
sentence below; where the contract fixes an order or a tie-break, it is so that the two
backends return identical results, not merely equivalent ones.

Time: every method taking ``at`` keeps only nodes and edges whose ``valid_from``/``valid_to``
contain that day (open ends are open). ``at=None`` ignores time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from partnergraph.graph.activity import Activity
from partnergraph.graph.chains import Chain
from partnergraph.graph.cooperation import Group
from partnergraph.graph.coverage import Column, CoverageCounts
from partnergraph.graph.ranking import Ranking
from partnergraph.graph.reach import Reach
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
)
from partnergraph.window import ALL_TIME, Window

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "MAX_PATH_HOPS",
    "Communities",
    "CommunityAlgorithm",
    "CommunityChoice",
    "GraphStore",
]

#: Rows per write batch; 5–20k is where Neo4j's UNWIND batches stop getting faster.
DEFAULT_BATCH_SIZE = 10_000
#: Longest path any backend is asked to search; beyond it answers stop meaning anything.
MAX_PATH_HOPS = 8


#: Community detection a store may run on the actor co-operation projection.
CommunityAlgorithm = Literal["louvain", "leiden", "components"]
#: What ``GraphStore.communities`` is asked to run: an algorithm, or the rule that picks one
#: from the number of actors in the projection (the query layer's default method depends on
#: it), so that a store can start before its caller has built the projection itself.
CommunityChoice = CommunityAlgorithm | Callable[[int], CommunityAlgorithm]


@dataclass(frozen=True)
class Communities:
    """Communities found by a store: ``method`` names what ran (``gds:leiden``,
    ``networkx:louvain``, ``igraph:leiden`` …); ``parts`` are lists of actor uids."""

    method: str
    parts: list[list[str]]


@runtime_checkable
class GraphStore(Protocol):
    """A property graph of :class:`~partnergraph.model.Node` and :class:`~.model.Edge`."""

    #: ``"memory"`` or ``"neo4j"``.
    backend: str

    def upsert_nodes(self, nodes: Iterable[Node], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        """Create or replace nodes by uid (all properties replaced); return how many were written.

        A node's label never changes: upserting an existing uid with another label raises
        :class:`~partnergraph.errors.DataError`.
        """
        ...

    def upsert_edges(self, edges: Iterable[Edge], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        """Create or replace edges by (type, source, target, key); both endpoints must exist
        (else :class:`~partnergraph.errors.DataError`). Return how many were written."""
        ...

    def node(self, uid: str) -> Node:
        """The node with this uid; :class:`~partnergraph.errors.NotFound` if there is none."""
        ...

    def get_nodes(self, uids: Iterable[str]) -> dict[str, Node]:
        """The nodes among ``uids`` that exist, by uid (unknown uids are left out)."""
        ...

    def nodes(
        self,
        label: NodeLabel | None = None,
        *,
        at: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Node]:
        """Nodes (of one label), sorted by uid, the first ``limit`` of them."""
        ...

    def edges(
        self,
        rel_type: RelType | None = None,
        *,
        uid: str | None = None,
        at: dt.date | None = None,
    ) -> list[Edge]:
        """Edges (of one type; touching ``uid`` if given), sorted by (type, source, target, key)."""
        ...

    def neighbours(
        self,
        uid: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Neighbour]:
        """Edges at ``uid`` with the node at their other end, sorted by (type, other uid, key).

        A self-loop appears once, as ``out``. Raises NotFound for an unknown uid. With ``at``,
        neighbours that are not themselves valid on that day are left out too.
        """
        ...

    def neighbours_of(
        self,
        uids: Iterable[str],
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
    ) -> dict[str, list[Neighbour]]:
        """``neighbours()`` of many nodes in one call (one round trip on a server): by uid,
        in uid order, each list as ``neighbours()`` gives it; unknown uids are left out."""
        ...

    def spans_of(
        self,
        uids: Iterable[str],
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
    ) -> dict[str, list[Span]]:
        """``neighbours_of()`` reduced to :class:`~partnergraph.model.Span` (each
        relationship's and other node's dates and ``status``): the same rows in the same
        order, for rules that need only the dates of many actors' relationships."""
        ...

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
        """The ``k`` shortest simple paths between two nodes, ignoring edge direction.

        A path is a sequence of distinct nodes; each hop carries every qualifying edge between
        its two nodes (parallel edges are evidence of one hop, not separate paths). Order: by
        number of hops, then by the sequence of uids; at most ``max_hops`` hops (≤ 8). Both
        endpoints must exist (NotFound). No path: an empty list. ``source == target``: one
        path of zero hops. With ``time_consistent``, only paths that held at some moment:
        there is a day on which every node existed and every hop was valid
        (``graph.paths.held_periods``; undated facts do not constrain).
        """
        ...

    def reach(
        self,
        source: str,
        target: str,
        *,
        types: Sequence[RelType] | None = None,
        at: dt.date | None = None,
        sample: int = 5,
    ) -> Reach:
        """Why a path question found nothing (:mod:`partnergraph.graph.reach`): the distance
        between two nodes over the qualifying relationships valid on ``at`` (any length;
        None: not connected) and each one's component, with its ``sample`` best-connected
        other members. Both nodes must exist and be valid on ``at`` (NotFound)."""
        ...

    def subgraph(self, uids: Iterable[str], *, at: dt.date | None = None) -> Subgraph:
        """The given nodes that exist, and every edge between two of them, sorted."""
        ...

    def find(
        self,
        folded_text: str,
        *,
        labels: Sequence[NodeLabel] | None = None,
        limit: int = 50,
    ) -> list[Node]:
        """Nodes whose ``search_key`` contains the already folded text (see ``text.fold``),
        sorted by uid, at most ``limit``. Ranking is the query layer's job."""
        ...

    def evidence_chains(
        self,
        priorities: Sequence[str] | None = None,
        *,
        window: Window = ALL_TIME,
        aligned: bool = True,
        partners: Collection[str] | None = None,
    ) -> list[Chain]:
        """Every chain of evidence (:mod:`partnergraph.graph.chains`) ending at the asked
        priorities, whose period ``window`` admits, sorted by :attr:`Chain.order`; with
        ``partners``, only the chains of these partner uids.

        ``priorities``: uids asked together as one question (unknown uids are left out; an
        aligned priority that is itself asked counts directly, not through the alignment);
        None: every priority of the graph, each asked on its own. ``aligned``: also chains
        ending one ALIGNS_WITH step away. Every chain is listed; which of several through one
        carrier counts is the query layer's rule.
        """
        ...

    def actor_chains(
        self,
        actors: Sequence[str],
        *,
        window: Window = ALL_TIME,
        priorities: Collection[str] | None = None,
    ) -> list[Chain]:
        """Every direct chain from these actors (or networks) to any priority whose period
        ``window`` admits, each asked as the priority it ends at, sorted by
        :attr:`Chain.order`; unknown uids are left out. ``priorities``: only the chains
        ending at these uids (None: at any)."""
        ...

    def priority_tally(
        self, groups: Sequence[Collection[str]], *, window: Window = ALL_TIME
    ) -> list[Counter[str]]:
        """For each group of actor uids (unknown ones left out, each counted once), how many
        of the chains ``actor_chains(group, window=window)`` returns end at each priority uid,
        counted where the data lives: the themes of a cluster without its chains."""
        ...

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
        """How much evidence each priority has per partner country (``by="country"``) or
        per partner's nearest region as of ``window.at`` (``by="region"``), counted over the
        chains ``evidence_chains(None, window=window, aligned=aligned)`` returns
        (:mod:`partnergraph.graph.coverage`): one per partner, kind, carrier and link.

        ``priorities``: only these (None: every priority); ``partners``: only these partner
        uids; ``countries``: only partners of these ISO codes (upper case); ``sample``: the
        chains of each priority's first partners (by uid) until that many keys are reached.
        """
        ...

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
        """The partners of the chains ``evidence_chains(priorities, window=window,
        aligned=aligned)`` returns (one question), scored and ordered as
        :mod:`partnergraph.graph.ranking` says, recency measured from ``reference``: the first
        ``top`` and every partner tied with the last of them, the total, and the priorities
        reached through alignment.

        ``exclude``: partner uids left out; ``partners``: only these uids; ``countries``: only
        partners of these ISO codes (upper case); ``kinds``: only these labels or organisation
        kinds (lower case).
        """
        ...

    def region_activity(
        self,
        region: str,
        *,
        window: Window = ALL_TIME,
        programme: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Activity:
        """The partner rows of everything located in ``region`` (a territory's uid) that
        ``window`` admits, only projects FUNDED_BY ``programme`` when given, counted as
        totals and breakdowns, with the ``offset``/``limit`` page of the projects by start
        day then uid (:mod:`partnergraph.graph.activity`). An unknown uid has none."""
        ...

    def carrier_groups(
        self, actors: Iterable[str] | None = None, *, at: dt.date | None = None
    ) -> dict[str, Group]:
        """The carrier groups (:mod:`partnergraph.graph.cooperation`) as of ``at``, by carrier
        uid: every group of the graph (None), or those with a carrier any of ``actors`` is
        linked to (an organisation's own group included): all the ties around them."""
        ...

    def communities(
        self,
        algorithm: CommunityChoice,
        *,
        resolution: float = 1.0,
        seed: int = 42,
        at: dt.date | None = None,
    ) -> Communities | None:
        """Communities of the actor co-operation projection (the one of
        :mod:`partnergraph.queries.projection`: actors tied by shared projects, agreements and
        membership bodies, each carrier of ``n`` actors adding ``1/(n-1)`` to its pairs),
        as of ``at``, where the data lives: Neo4j runs them in Graph Data Science, the memory
        store in networkx/igraph. None: this backend cannot run ``algorithm`` with these
        parameters itself (e.g. a Neo4j without GDS); the caller computes them client-side.
        ``algorithm`` may be a rule: called once with the projection's actor count, it names
        the algorithm. Every actor of the projection is in exactly one part; actors without a
        tie in none.
        """
        ...

    def to_networkx(self, *, at: dt.date | None = None) -> nx.MultiDiGraph:
        """The whole graph as a networkx MultiDiGraph: node attribute ``node`` holds the Node,
        edge key is ``Edge.id`` and edge attribute ``edge`` holds the Edge."""
        ...

    def counts(self) -> Counts:
        """Nodes per label and relationships per type; labels/types with none are left out."""
        ...

    def summary(self, *, at: dt.date | None = None) -> Summary:
        """Counts per label and type, the facts' date spans and citations per source, of the
        nodes and relationships valid on ``at`` (:mod:`partnergraph.graph.summary`)."""
        ...

    def data_version(self) -> str:
        """A short token that changes whenever the graph changes (caches and ETags key on it)."""
        ...

    def ping(self) -> None:
        """Return when the store answers; raise BackendUnavailable when it does not."""
        ...

    def clear(self) -> None:
        """Remove every node and edge."""
        ...

    def close(self) -> None:
        """Release connections; the store is not used afterwards."""
        ...
