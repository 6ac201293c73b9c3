"""Communities of co-operating actors, labelled by their themes and countries, and brokers.

Runs on the actor co-operation projection (see :mod:`partnergraph.queries.projection`).
The communities are asked of the store first (``GraphStore.communities``, started in a thread
while the carrier groups are read and projected here, with the rule of ``auto`` rather than
an algorithm, since the projection's size is not known yet): on Neo4j with
Graph Data Science they are computed in the database (``graph/neo4j_gds.py``: the same
projection, built by one Cypher aggregation, then ``gds.leiden.stream`` seeded,
``gds.louvain.stream``, ``gds.wcc.stream``; ``method`` ``gds:leiden``, ``gds:louvain``,
``gds:wcc``). A store that cannot (a Neo4j without GDS; GDS Louvain with a resolution other
than 1, which it lacks) returns None, and they are computed here, as the memory store does,
on the projection built from the store's carrier groups (``carrier_groups(at=...)``: on
Neo4j batches of carriers read side by side) in uid order; ``method`` then names the library
(``networkx:louvain``, ``igraph:louvain``, ``igraph:leiden``, ``networkx:components``,
``igraph:components``):

- ``auto`` (default): ``louvain`` up to :data:`IGRAPH_ABOVE` actors, ``leiden`` above (at
  keep.eu scale the difference is seconds, see ``docs/benchmarks.md``). The answer's
  ``method`` says which ran.
- ``louvain``: ``networkx.community.louvain_communities(weight="weight", resolution,
  seed)`` up to :data:`IGRAPH_ABOVE` actors; above that igraph's ``community_multilevel``, the
  same algorithm and objective in C (networkx needs about a minute on a keep.eu-scale
  projection, see ``docs/benchmarks.md``, "Scale"; igraph gets within 2 % of its modularity,
  usually above). Louvain is randomised; the same graph, inserted in the same order, with the
  same ``seed`` gives the same communities, which is why the projection is built sorted: both
  backends give identical clusters, not merely similar ones.
- ``leiden``: igraph's ``community_leiden`` with the modularity objective and the same
  resolution, seeded, at every size (networkx has no Leiden of its own). Leiden refines
  Louvain's communities so that none is internally disconnected; at keep.eu scale it is about
  three times as fast as igraph's Louvain and finds a higher modularity.
- ``components``: connected components of the projection (no randomness).

igraph (python-igraph, GPL-2.0-or-later) is an optional extra, ``partnergraph[igraph]``
(:mod:`partnergraph.queries._igraph` imports it lazily). Without it everything above runs in
networkx at every size (``networkx:louvain``, ``networkx:components``; modularity and
betweenness too, to the same values, only slower above :data:`IGRAPH_ABOVE` actors), ``auto``
runs Louvain where it would have run Leiden client-side, and ``leiden`` asked for explicitly
raises :class:`~partnergraph.errors.QueryError` unless the store runs it (Neo4j with GDS).

Brokers are actors with the highest betweenness centrality in the (unweighted) projection;
exact up to :data:`BETWEENNESS_EXACT_LIMIT` actors, above that estimated from the pivots
:func:`betweenness_pivots` allows (the answer says how many), drawn with ``seed``. Modularity
is networkx's, with the same weight and resolution. Above :data:`IGRAPH_ABOVE` actors both are
computed by igraph (:mod:`partnergraph.queries._igraph`) to the same values: the same pivots,
the same formulas. Modularity and brokers are computed here on every backend, whoever found
the communities. GDS's Louvain and Leiden need not find the very same local optimum as
networkx/igraph: their partition is accepted when its modularity is within
:data:`GDS_MODULARITY_TOLERANCE` of this one (tests/conformance/test_clusters_gds.py, which
also bounds the adjusted Rand index on the bundled data).

A cluster's label: its dominant priorities (most evidence items among its members, direct
evidence only: the store's ``priority_tally``, counted in the database on Neo4j) and
dominant countries (most members).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx
import numpy as np
from pydantic import BaseModel, ConfigDict

from partnergraph.errors import QueryError
from partnergraph.gcpause import gc_paused
from partnergraph.graph.store import (
    Communities,
    CommunityAlgorithm,
    CommunityChoice,
    GraphStore,
)
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import ACTOR_LABELS, Node
from partnergraph.queries import _cache, _igraph
from partnergraph.queries.answers import Answer, EvidenceItem, Lang, NodeRef, build_coverage
from partnergraph.queries.evidence import (
    Window,
    partner_country,
    reference_day,
)
from partnergraph.queries.projection import Group, Projection, carrier_index, project
from partnergraph.queries.sentences import edge_evidence
from partnergraph.queries.snapshot import as_of, snapshot

__all__ = [
    "BETWEENNESS_EXACT_LIMIT",
    "BETWEENNESS_MIN_SAMPLE",
    "BETWEENNESS_SAMPLE",
    "BETWEENNESS_WORK",
    "GDS_MODULARITY_TOLERANCE",
    "IGRAPH_ABOVE",
    "Broker",
    "ClusterLabel",
    "ClusterResult",
    "ClustersAnswer",
    "Method",
    "betweenness_pivots",
    "clusters",
    "resolve_algorithm",
]

Method = Literal["auto", "louvain", "leiden", "components"]
BETWEENNESS_EXACT_LIMIT = 2000
BETWEENNESS_SAMPLE = 500
BETWEENNESS_MIN_SAMPLE = 50
#: Pivots × ties a betweenness estimate may cost (about 1 s of igraph on this machine).
BETWEENNESS_WORK = 64_000_000
#: Projections with more actors than this run Louvain, modularity and betweenness in igraph.
IGRAPH_ABOVE = 5_000
GDS_MODULARITY_TOLERANCE = 0.01
#: Labels and brokers shown per cluster; brokers shown for the whole projection.
TOP = 3
TOP_BROKERS = 10


class ClusterLabel(BaseModel):
    """A priority (uid) or a country (ISO code) and how often it occurs in the cluster."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    count: int


class Broker(BaseModel):
    model_config = ConfigDict(frozen=True)

    actor: NodeRef
    betweenness: float


class ClusterResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    size: int
    members: list[NodeRef]
    priorities: list[ClusterLabel]
    countries: list[ClusterLabel]
    brokers: list[Broker]
    internal_weight: float
    evidence_total: int
    evidence: list[EvidenceItem]


class ClustersAnswer(Answer):
    #: What ran, and where: ``gds:leiden``/``gds:louvain``/``gds:wcc`` (Neo4j GDS),
    #: ``networkx:louvain``, ``igraph:louvain``, ``igraph:leiden``, ``networkx:components``,
    #: ``igraph:components`` (client-side). ``parameters["method"]`` echoes what was asked.
    method: str
    modularity: float
    actors: int
    ties: int
    isolated_actors: int
    betweenness_pivots: int | None
    brokers: list[Broker]
    results: list[ClusterResult]


@dataclass(frozen=True)
class _Core:
    """Everything language-independent, cached per data version and parameters."""

    #: What ran: ``gds:leiden``, ``networkx:louvain``, ``igraph:leiden`` … (see module doc).
    method: str
    nodes: dict[str, Node]
    groups: Mapping[str, Group]
    projection: Projection
    communities: list[list[str]]
    modularity: float
    betweenness: dict[str, float]
    #: Pivots of the betweenness estimate; None when exact.
    pivots: int | None
    isolated: int
    priority_counts: list[Counter[str]]
    sources: frozenset[str]
    #: Per community: its internal weight, and every (carrier uid, member uid) its evidence
    #: counts, in the order shown. Computed once here: per call, at keep.eu scale, walking
    #: every carrier for every community took longer than the rest of the answer.
    internal_weights: list[float]
    evidence_refs: list[list[tuple[str, str]]]


def resolve_algorithm(method: Method, actors: int) -> CommunityAlgorithm:
    """What the store is asked to run for a projection of ``actors`` (GDS needs no igraph)."""
    if method == "auto":
        return "louvain" if actors <= IGRAPH_ABOVE else "leiden"
    return method


def betweenness_pivots(actors: int, ties: int) -> int | None:
    """How many sampled sources estimate betweenness; None: exact (all of them).

    Exact up to :data:`BETWEENNESS_EXACT_LIMIT` actors; above, :data:`BETWEENNESS_SAMPLE`
    pivots, fewer on projections so large that pivots × ties would pass
    :data:`BETWEENNESS_WORK` (each pivot is one breadth-first search over every tie), never
    fewer than :data:`BETWEENNESS_MIN_SAMPLE`.
    """
    if actors <= BETWEENNESS_EXACT_LIMIT:
        return None
    affordable = BETWEENNESS_WORK // max(ties, 1)
    return max(BETWEENNESS_MIN_SAMPLE, min(BETWEENNESS_SAMPLE, affordable))


class _Algorithms:
    """The projection as each algorithm's library wants it, made on first use: networkx up
    to :data:`IGRAPH_ABOVE` actors (the reference), igraph above it and for Leiden; networkx
    at every size when igraph (an optional extra) is not installed."""

    def __init__(self, projection: Projection) -> None:
        self.projection = projection
        self.small = projection.n_actors <= IGRAPH_ABOVE
        self.has_igraph = _igraph.available()
        #: Louvain, components, modularity and betweenness in networkx.
        self.in_networkx = self.small or not self.has_igraph

    def local_algorithm(self, method: Method) -> CommunityAlgorithm:
        """What runs here when the store cannot: as :func:`resolve_algorithm`, except that
        ``auto`` runs Louvain instead of Leiden without igraph."""
        if method == "auto" and not self.has_igraph:
            return "louvain"
        return resolve_algorithm(method, self.projection.n_actors)

    @functools.cached_property
    def networkx(self) -> nx.Graph:
        return self.projection.to_networkx()

    @functools.cached_property
    def igraph(self) -> Any:
        return self.projection.to_igraph()

    def communities(self, method: CommunityAlgorithm, resolution: float, seed: int) -> Communities:
        """The client-side computation; its ``method`` names the library that ran."""
        names = self.projection.actors
        if method == "leiden":
            if not self.has_igraph:
                raise QueryError(
                    "method 'leiden' needs python-igraph, which is not installed (an optional "
                    "GPL-licensed extra): install partnergraph[igraph], or use a Neo4j store "
                    "with Graph Data Science (GDS), or ask for method 'louvain' or 'auto'"
                )
            ran = "igraph:leiden"
            found = _igraph.leiden(self.igraph, names, resolution=resolution, seed=seed)
        elif method == "components" and self.in_networkx:
            ran = "networkx:components"
            found = [list(part) for part in nx.connected_components(self.networkx)]
        elif method == "components":
            ran = "igraph:components"
            found = [[names[i] for i in part] for part in self.igraph.connected_components()]
        elif self.in_networkx:
            ran = "networkx:louvain"
            found = [
                list(part)
                for part in nx.community.louvain_communities(
                    self.networkx, weight="weight", resolution=resolution, seed=seed
                )
            ]
        else:
            ran = "igraph:louvain"
            found = _igraph.louvain(self.igraph, names, resolution=resolution, seed=seed)
        return Communities(ran, _normalised(names, found))

    def modularity(self, parts: list[list[str]], resolution: float) -> float:
        if not self.projection.n_ties:
            return 0.0
        if self.in_networkx:
            found = nx.community.modularity(
                self.networkx, parts, weight="weight", resolution=resolution
            )
        else:
            found = _igraph.modularity(
                self.igraph, self.projection.actors, parts, resolution=resolution
            )
        return round(float(found), 6)

    def betweenness(self, pivots: int | None, seed: int) -> dict[str, float]:
        if self.in_networkx:
            found = nx.betweenness_centrality(
                self.networkx, k=pivots, normalized=True, weight=None, seed=seed
            )
        else:
            found = _igraph.betweenness(self.igraph, self.projection.actors, k=pivots, seed=seed)
        return {uid: round(value, 6) for uid, value in found.items()}


def _normalised(actors: Sequence[str], found: Sequence[Sequence[str]]) -> list[list[str]]:
    """Parts as the answer orders them (each sorted; largest first, ties by first uid), of
    exactly the projection's actors: one a store left out becomes its own part, and anything
    not in the projection is dropped (a store's projection must match; this keeps a
    mismatch from reaching the labels)."""
    known = set(actors)
    seen: set[str] = set()
    parts: list[list[str]] = []
    for part in found:
        kept = sorted(uid for uid in set(part) if uid in known and uid not in seen)
        seen.update(kept)
        if kept:
            parts.append(kept)
    parts.extend([uid] for uid in actors if uid not in seen)
    parts.sort(key=lambda part: (-len(part), part[0]))
    return parts


def _internal_weights(projection: Projection, parts: list[list[str]]) -> list[float]:
    position = {uid: i for i, uid in enumerate(projection.actors)}
    community = np.zeros(projection.n_actors, dtype=np.int64)
    for index, part in enumerate(parts):
        community[[position[uid] for uid in part]] = index
    inside = community[projection.first] == community[projection.second]
    sums = np.bincount(
        community[projection.first][inside],
        weights=projection.weight[inside],
        minlength=len(parts),
    )
    return [round(float(value), 4) for value in sums]


def _core(view: GraphStore, method: Method, resolution: float, seed: int) -> _Core:
    at = as_of(view)
    with ThreadPoolExecutor(1) as pool:
        # The store's communities (on Neo4j GDS builds its own projection and runs Leiden:
        # many seconds of server time) run while the carrier groups are read and projected
        # here and the brokers computed: for ``auto`` the store gets the rule, which it
        # applies to the actor count of its own projection; an algorithm asked for by name
        # goes as it is, so a store that cannot run it says so before projecting anything.
        choice: CommunityChoice = (
            functools.partial(resolve_algorithm, method) if method == "auto" else method
        )
        asked = pool.submit(
            view.communities,
            choice,
            resolution=resolution,
            seed=seed,
            at=at,
        )
        groups = carrier_index(view).groups  # shared with suggest_partners
        projection = project(groups)
        algorithms = _Algorithms(projection)
        pivots = betweenness_pivots(projection.n_actors, projection.n_ties)
        betweenness = algorithms.betweenness(pivots, seed)
        ran = asked.result()
        if ran is None:  # the store cannot: compute them here
            ran = algorithms.communities(algorithms.local_algorithm(method), resolution, seed)
        parts = _normalised(projection.actors, ran.parts)
        # the labels: each community's chains to the priorities they cover, counted by the
        # store (on Neo4j in the database: the counts travel, not the chains of every actor)
        # while the modularity and the evidence are worked out here
        tallied = pool.submit(view.priority_tally, parts, window=Window(at=at))
        modularity = algorithms.modularity(parts, resolution)
        nodes = {
            uid: member for group in groups.values() for uid, (member, _) in group.members.items()
        }
        evidence_refs = _evidence_refs(groups, parts)
        internal_weights = _internal_weights(projection, parts)
        counts = tallied.result()
    countries = {partner_country(nodes[uid]) for uid in projection.actors}
    named = sorted({uid for tally in counts for uid in tally})
    named += [f"country:{code}" for code in sorted(c for c in countries if c)]
    nodes.update(view.get_nodes(named))
    return _Core(
        method=ran.method,
        nodes=nodes,
        groups=groups,
        projection=projection,
        communities=parts,
        modularity=modularity,
        betweenness=betweenness,
        pivots=pivots,
        isolated=_actor_count(view) - projection.n_actors,
        priority_counts=counts,
        sources=frozenset(
            source
            for group in groups.values()
            for _, edge in group.members.values()
            if edge is not None
            for source in edge.sources
        ),
        internal_weights=internal_weights,
        evidence_refs=evidence_refs,
    )


def _evidence_refs(
    groups: Mapping[str, Group], parts: list[list[str]]
) -> list[list[tuple[str, str]]]:
    """Per community, the (carrier, member) pairs of the ties inside it: the carriers two or
    more of its members share, each member by the relationship that joins it."""
    community_of = {uid: index for index, part in enumerate(parts) for uid in part}
    refs: list[list[tuple[str, str]]] = [[] for _ in parts]
    for uid in sorted(groups):
        group = groups[uid]
        inside: dict[int, list[str]] = {}
        for member in group.members:
            community = community_of.get(member)
            if community is not None:
                inside.setdefault(community, []).append(member)
        for community, found in inside.items():
            if len(found) > 1:
                refs[community].extend(
                    (uid, member) for member in found if group.members[member][1] is not None
                )
    return refs


def _actor_count(view: GraphStore) -> int:
    """How many actors the graph holds on the view's day (the count store when undated)."""
    at = as_of(view)
    if at is None:
        counts = view.counts().nodes
        return sum(counts.get(label.value, 0) for label in ACTOR_LABELS)
    return sum(len(view.nodes(label)) for label in ACTOR_LABELS)


def _top(counter: Counter[str], names: dict[str, str]) -> list[ClusterLabel]:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:TOP]
    return [ClusterLabel(id=key, name=names.get(key, key), count=count) for key, count in ranked]


def _cluster_evidence(
    core: _Core, index: int, lang: Lang, ref: dt.date, limit: int
) -> tuple[int, list[EvidenceItem]]:
    """The shared relationships inside one community: how many, and the first ``limit``."""
    refs = core.evidence_refs[index]
    items: list[EvidenceItem] = []
    for carrier, member in refs[:limit]:
        group = core.groups[carrier]
        node, edge = group.members[member]
        assert edge is not None  # only members with a relationship are referenced
        source, target = (node, group.carrier) if edge.source == node.uid else (group.carrier, node)
        items.append(edge_evidence(edge, source, target, lang, ref=ref))
    return len(refs), items


@gc_paused()
def clusters(
    store: GraphStore,
    *,
    method: Method = "auto",
    resolution: float = 1.0,
    seed: int = 42,
    at: dt.date | None = None,
    evidence_limit: int = 30,
    reference_date: dt.date | None = None,
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
) -> ClustersAnswer:
    """Communities of the actor co-operation projection, labelled, with brokers.

    Parameters
    ----------
    store : GraphStore
        The graph (or a snapshot).
    method : {"auto", "louvain", "leiden", "components"}
        Community detection (see the module docstring); the answer's ``method`` is the one
        that ran.
    resolution : float
        Louvain resolution (> 0): above 1 favours smaller communities. Also used for the
        reported modularity.
    seed : int
        Seed of Louvain and of sampled betweenness; the same seed gives the same answer.
    at : datetime.date, optional
        Only co-operation that holds on this day.
    evidence_limit : int
        At most this many relationships shown per cluster (``evidence_total`` counts all).
    reference_date : datetime.date, optional
        The day against which facts are told as past or present; default ``at``, else today.
    lang : {"pl", "en"}
        Language of names and sentences.
    known_gaps : sequence of CoverageNote
        Curated notes on what the data misses, passed into ``coverage``.

    Returns
    -------
    ClustersAnswer
        ``results``: clusters, largest first (ties by smallest member uid), numbered from 1;
        ``modularity``; ``brokers`` of the whole projection; ``betweenness_pivots``, the
        sampled sources of their betweenness (None: exact); ``isolated_actors``, actors
        without any co-operation tie (left out of the projection).

    Raises
    ------
    QueryError
        An unknown method, a resolution ≤ 0, or ``leiden`` where neither the store (Neo4j
        with GDS) nor python-igraph (the optional ``partnergraph[igraph]``) can run it.

    Examples
    --------
    >>> answer = clusters(store, seed=42, lang="en")  # doctest: +SKIP
    >>> answer.results[0].countries[0].id
    'PL'
    """
    if method not in ("auto", "louvain", "leiden", "components"):
        raise QueryError(f"unknown method {method!r}; expected auto, louvain, leiden or components")
    if not resolution > 0:
        raise QueryError("resolution must be greater than 0")
    if evidence_limit < 0:
        raise QueryError("evidence_limit must be 0 or more")
    view = snapshot(store, at)
    at = as_of(view)
    ref = reference_day(at, reference_date)

    def compute() -> _Core:
        return _core(view, method, float(resolution), seed)

    core = _cache.memo(view, ("clusters", method, float(resolution), seed), compute)
    names = {uid: node.display_name(lang) for uid, node in core.nodes.items()}
    country_names = {
        uid.removeprefix("country:"): name
        for uid, name in names.items()
        if uid.startswith("country:")
    }
    results = []
    for index, part in enumerate(core.communities):
        countries: Counter[str] = Counter(
            code for uid in part if (code := partner_country(core.nodes[uid]))
        )
        brokers = sorted(
            (uid for uid in part if core.betweenness.get(uid, 0.0) > 0),
            key=lambda uid: (-core.betweenness[uid], uid),
        )[:TOP]
        total, evidence = _cluster_evidence(core, index, lang, ref, evidence_limit)
        results.append(
            ClusterResult(
                id=index + 1,
                size=len(part),
                members=[NodeRef.of(core.nodes[uid], lang) for uid in part],
                priorities=_top(core.priority_counts[index], names),
                countries=_top(countries, country_names),
                brokers=[
                    Broker(
                        actor=NodeRef.of(core.nodes[uid], lang), betweenness=core.betweenness[uid]
                    )
                    for uid in brokers
                ],
                internal_weight=core.internal_weights[index],
                evidence_total=total,
                evidence=evidence,
            )
        )
    top_brokers = sorted(
        (uid for uid, value in core.betweenness.items() if value > 0),
        key=lambda uid: (-core.betweenness[uid], uid),
    )[:TOP_BROKERS]
    return ClustersAnswer(
        query="clusters",
        lang=lang,
        parameters={
            "method": method,
            "resolution": float(resolution),
            "seed": seed,
            "at": at.isoformat() if at else None,
            "evidence_limit": evidence_limit,
            "reference_date": ref.isoformat(),
        },
        method=core.method,
        modularity=core.modularity,
        actors=core.projection.n_actors,
        ties=core.projection.n_ties,
        isolated_actors=core.isolated,
        betweenness_pivots=core.pivots,
        brokers=[
            Broker(actor=NodeRef.of(core.nodes[uid], lang), betweenness=core.betweenness[uid])
            for uid in top_brokers
        ],
        results=results,
        coverage=build_coverage(
            view,
            (item for result in results for item in result.evidence),
            at=at,
            known_gaps=known_gaps,
            whole_graph=True,
            extra_sources=core.sources,
        ),
    )
