"""Communities of co-operating actors, labelled by their themes and countries, and brokers.

Runs on the actor co-operation projection (see :mod:`partnergraph.queries.projection`),
built from ``store.to_networkx(at=...)`` in uid order, with networkx's algorithms:

- ``louvain``: ``networkx.community.louvain_communities(weight="weight", resolution, seed)``
  up to :data:`IGRAPH_ABOVE` actors; above that igraph's ``community_multilevel``, the same
  algorithm and objective in C (networkx needs minutes on a keep.eu-scale projection, see
  ``docs/benchmarks.md``, "Scale"; igraph gets within 2 % of its modularity, usually above).
  Louvain is randomised; the same graph, inserted in the same order, with the same ``seed``
  gives the same communities, which is why the projection is built sorted: both backends give
  identical clusters, not merely similar ones.
- ``components``: connected components of the projection (no randomness).
- ``leiden``: refused with a QueryError. networkx only dispatches Leiden to optional backends,
  and the usual implementation (``leidenalg``) is GPL-licensed and not a dependency.

Brokers are actors with the highest betweenness centrality in the (unweighted) projection;
exact up to :data:`BETWEENNESS_EXACT_LIMIT` actors, above that estimated from
:data:`BETWEENNESS_SAMPLE` pivots drawn with ``seed``. Modularity is networkx's, with the same
weight and resolution. Above :data:`IGRAPH_ABOVE` actors both are computed by igraph
(:mod:`partnergraph.queries._igraph`) to the same values: the same pivots, the same formulas.
Should an in-database implementation (Neo4j GDS) be added behind the store protocol, its
partition is to be accepted when its modularity is within :data:`GDS_MODULARITY_TOLERANCE` of
this one; until then both backends run this code.

A cluster's label: its dominant priorities (most evidence items among its members, direct
evidence only) and dominant countries (most members).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict

from partnergraph.errors import QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.model import ACTOR_LABELS, Node
from partnergraph.queries import _cache, _igraph
from partnergraph.queries.answers import Answer, EvidenceItem, Lang, NodeRef, build_coverage
from partnergraph.queries.evidence import (
    GraphReader,
    Window,
    findings_for_actor,
    partner_country,
    reference_day,
)
from partnergraph.queries.projection import Group, build_projection, carrier_groups
from partnergraph.queries.sentences import edge_period, edge_sentence
from partnergraph.queries.snapshot import as_of, snapshot

__all__ = [
    "BETWEENNESS_EXACT_LIMIT",
    "BETWEENNESS_SAMPLE",
    "GDS_MODULARITY_TOLERANCE",
    "IGRAPH_ABOVE",
    "Broker",
    "ClusterLabel",
    "ClusterResult",
    "ClustersAnswer",
    "Method",
    "clusters",
]

Method = Literal["louvain", "leiden", "components"]
BETWEENNESS_EXACT_LIMIT = 2000
BETWEENNESS_SAMPLE = 500
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
    method: str
    modularity: float
    actors: int
    ties: int
    isolated_actors: int
    brokers: list[Broker]
    results: list[ClusterResult]


@dataclass(frozen=True)
class _Core:
    """Everything language-independent, cached per data version and parameters."""

    nodes: dict[str, Node]
    groups: dict[str, Group]
    projection: nx.Graph
    communities: list[list[str]]
    modularity: float
    betweenness: dict[str, float]
    isolated: int
    priority_counts: dict[str, Counter[str]]
    sources: frozenset[str]
    #: Per community: its internal weight, and every (carrier uid, member uid) its evidence
    #: counts, in the order shown. Computed once here: per call, at keep.eu scale, walking
    #: every carrier for every community took longer than the rest of the answer.
    internal_weights: list[float]
    evidence_refs: list[list[tuple[str, str]]]


def _betweenness(graph: nx.Graph, seed: int) -> dict[str, float]:
    n = graph.number_of_nodes()
    sample = None if n <= BETWEENNESS_EXACT_LIMIT else BETWEENNESS_SAMPLE
    if n > IGRAPH_ABOVE:
        found = _igraph.betweenness(graph, k=sample, seed=seed)
    else:
        found = nx.betweenness_centrality(graph, k=sample, normalized=True, weight=None, seed=seed)
    return {uid: round(value, 6) for uid, value in found.items()}


def _communities(projection: nx.Graph, resolution: float, seed: int) -> list[set[str]]:
    if projection.number_of_nodes() > IGRAPH_ABOVE:
        return [set(part) for part in _igraph.louvain(projection, resolution=resolution, seed=seed)]
    found: list[set[str]] = nx.community.louvain_communities(
        projection, weight="weight", resolution=resolution, seed=seed
    )
    return found


def _modularity(projection: nx.Graph, parts: list[list[str]], resolution: float) -> float:
    if projection.number_of_nodes() > IGRAPH_ABOVE:
        return _igraph.modularity(projection, parts, resolution=resolution)
    return float(nx.community.modularity(projection, parts, weight="weight", resolution=resolution))


def _core(view: GraphStore, method: Method, resolution: float, seed: int) -> _Core:
    at = as_of(view)
    # The same cache entry as the gap queries' reader: on Neo4j, to_networkx() exports the
    # whole graph, so one export per data version serves both.
    reader = _cache.memo(view, ("graph-reader",), lambda: GraphReader(view.to_networkx()))
    graph = reader.graph
    groups = carrier_groups(reader)
    projection = build_projection(groups)
    if method == "components":
        parts = [sorted(part) for part in nx.connected_components(projection)]
    else:
        parts = [sorted(part) for part in _communities(projection, resolution, seed)]
    parts.sort(key=lambda part: (-len(part), part[0]))
    modularity = (
        round(_modularity(projection, parts, resolution), 6)
        if projection.number_of_edges()
        else 0.0
    )
    nodes = {uid: reader.node(uid) for uid in projection.nodes}
    actors = [node for _, node in graph.nodes(data="node") if node.label in ACTOR_LABELS]
    counts: dict[str, Counter[str]] = {}
    window = Window(at=at)
    for index, part in enumerate(parts):
        counter: Counter[str] = Counter()
        for uid in part:
            for finding in findings_for_actor(reader, nodes[uid], window):
                counter[finding.priority.uid] += 1
        counts[str(index)] = counter
        for finding_uid in counter:
            nodes.setdefault(finding_uid, reader.node(finding_uid))
    for code in {partner_country(nodes[uid]) for uid in projection.nodes}:
        if code and f"country:{code}" in graph:
            nodes[f"country:{code}"] = reader.node(f"country:{code}")
    community_of = {uid: index for index, part in enumerate(parts) for uid in part}
    evidence_refs: list[list[tuple[str, str]]] = [[] for _ in parts]
    for uid in sorted(groups):
        group = groups[uid]
        inside: dict[int, list[str]] = {}
        for member in group.members:
            community = community_of.get(member)
            if community is not None:
                inside.setdefault(community, []).append(member)
        for community, found in inside.items():
            if len(found) > 1:
                evidence_refs[community].extend(
                    (uid, member) for member in found if group.members[member][1] is not None
                )
    return _Core(
        nodes=nodes,
        groups=groups,
        projection=projection,
        communities=parts,
        modularity=modularity,
        betweenness=_betweenness(projection, seed),
        isolated=len(actors) - projection.number_of_nodes(),
        priority_counts=counts,
        sources=frozenset(
            source
            for group in groups.values()
            for _, edge in group.members.values()
            if edge is not None
            for source in edge.sources
        ),
        internal_weights=[
            round(projection.subgraph(part).size(weight="weight"), 4) for part in parts
        ],
        evidence_refs=evidence_refs,
    )


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
        start, end = edge_period(edge, source, target)
        items.append(
            EvidenceItem(
                type=edge.type,
                from_uid=edge.source,
                from_name=source.display_name(lang),
                to_uid=edge.target,
                to_name=target.display_name(lang),
                key=edge.key,
                valid_from=start,
                valid_to=end,
                sources=sorted(edge.sources),
                explanation=edge_sentence(edge, source, target, lang, ref=ref),
            )
        )
    return len(refs), items


def clusters(
    store: GraphStore,
    *,
    method: Method = "louvain",
    resolution: float = 1.0,
    seed: int = 42,
    at: dt.date | None = None,
    evidence_limit: int = 30,
    reference_date: dt.date | None = None,
    lang: Lang = "pl",
    known_gaps: Sequence[str] = (),
) -> ClustersAnswer:
    """Communities of the actor co-operation projection, labelled, with brokers.

    Parameters
    ----------
    store : GraphStore
        The graph (or a snapshot).
    method : {"louvain", "components", "leiden"}
        Community detection; ``leiden`` raises QueryError (see the module docstring).
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
    known_gaps : sequence of str
        Curated notes on what the data misses, passed into ``coverage``.

    Returns
    -------
    ClustersAnswer
        ``results``: clusters, largest first (ties by smallest member uid), numbered from 1;
        ``modularity``; ``brokers`` of the whole projection; ``isolated_actors``, actors
        without any co-operation tie (left out of the projection).

    Raises
    ------
    QueryError
        ``method="leiden"``, an unknown method, or a resolution ≤ 0.

    Examples
    --------
    >>> answer = clusters(store, seed=42, lang="en")  # doctest: +SKIP
    >>> answer.results[0].countries[0].id
    'PL'
    """
    if method == "leiden":
        raise QueryError(
            "method 'leiden' is not available: networkx runs Leiden only through optional "
            "backends and leidenalg is GPL-licensed, so partnergraph does not depend on it; "
            "use method 'louvain' (same objective, seeded) or 'components'"
        )
    if method not in ("louvain", "components"):
        raise QueryError(f"unknown method {method!r}; expected louvain or components")
    if not resolution > 0:
        raise QueryError("resolution must be greater than 0")
    if evidence_limit < 0:
        raise QueryError("evidence_limit must be 0 or more")
    view = snapshot(store, at)
    at = as_of(view)
    ref = reference_day(at, reference_date)
    core = _cache.memo(
        view,
        ("clusters", method, float(resolution), seed),
        lambda: _core(view, method, float(resolution), seed),
    )
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
                priorities=_top(core.priority_counts[str(index)], names),
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
        method=method,
        modularity=core.modularity,
        actors=core.projection.number_of_nodes(),
        ties=core.projection.number_of_edges(),
        isolated_actors=core.isolated,
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
            extra_sources=core.sources,
        ),
    )
