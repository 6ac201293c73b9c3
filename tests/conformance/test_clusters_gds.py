"""Clusters where the data lives: Graph Data Science on Neo4j, networkx/igraph in memory.

Both stores must find the same communities of an obvious graph; on the bundled data, where
Louvain/Leiden implementations may settle on different local optima, GDS's partition must be
as good as the in-memory reference: modularity within ``GDS_MODULARITY_TOLERANCE`` (0.01)
and an adjusted Rand index of at least ``MIN_ADJUSTED_RAND`` against it. A Neo4j without GDS
falls back to the client-side computation and says so in ``method``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections import Counter
from collections.abc import Sequence
from math import comb
from pathlib import Path

import pytest

from partnergraph.graph import neo4j_gds
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.store import CommunityAlgorithm, GraphStore
from partnergraph.ingest.loader import load_directory
from partnergraph.model import NodeLabel, RelType
from partnergraph.queries import _cache
from partnergraph.queries.clusters import GDS_MODULARITY_TOLERANCE, ClustersAnswer, clusters
from partnergraph.queries.projection import project
from tests.conformance.builders import edge, node

#: Measured on the bundled data (94 actors, seed 42): 0.92 (Louvain: GDS merges two of the
#: reference's nine communities) and 0.83 (Leiden; 0.74 with seed 7); identical partitions
#: as of 2015-01-01 and 2020-01-01. Modularity differed by 0.0028 and 0.0059.
MIN_ADJUSTED_RAND = 0.7

WEST = [f"org:west-{i}" for i in range(4)]
EAST = [f"org:east-{i}" for i in range(4)]


def _two_communities(store: GraphStore) -> None:
    """Two groups of four, each sharing three projects, joined by one two-member network
    that only held in 2010–2012."""
    projects = [f"project:t:{side}-{i}" for side in ("west", "east") for i in range(3)]
    store.upsert_nodes(
        [node(uid) for uid in WEST + EAST]
        + [node(uid, NodeLabel.PROJECT) for uid in projects]
        + [node("network:bridge", NodeLabel.NETWORK)]
    )
    edges = [
        edge(actor, f"project:t:{side}-{i}", RelType.PARTICIPATES_IN)
        for side, group in (("west", WEST), ("east", EAST))
        for actor in group
        for i in range(3)
    ]
    edges += [
        edge(actor, "network:bridge", valid_from="2010-01-01", valid_to="2012-12-31")
        for actor in (WEST[0], EAST[0])
    ]
    store.upsert_edges(edges)


def _partition(answer: ClustersAnswer) -> set[frozenset[str]]:
    return {frozenset(member.uid for member in result.members) for result in answer.results}


def _engine(store: GraphStore) -> tuple[str, ...]:
    return ("gds:",) if store.backend == "neo4j" else ("networkx:", "igraph:")


@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_two_obvious_communities_are_found_where_the_data_lives(
    store: GraphStore, method: str
) -> None:
    _two_communities(store)
    answer = clusters(store, method=method, seed=42)  # type: ignore[arg-type]
    assert _partition(answer) == {frozenset(WEST), frozenset(EAST)}
    assert answer.method.startswith(_engine(store))
    assert answer.method.endswith(method)
    assert answer.ties == 13  # 6 + 6 inside, the bridge between


def test_the_window_reaches_the_database(store: GraphStore) -> None:
    _two_communities(store)
    joined = clusters(store, method="components", at=dt.date(2011, 6, 1))
    apart = clusters(store, method="components", at=dt.date(2020, 1, 1))
    assert _partition(joined) == {frozenset(WEST + EAST)}
    assert _partition(apart) == {frozenset(WEST), frozenset(EAST)}
    assert apart.ties == 12
    expected = "gds:wcc" if store.backend == "neo4j" else "networkx:components"
    assert apart.method == expected


def test_a_neo4j_without_gds_clusters_client_side(
    empty_neo4j: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_communities(empty_neo4j)
    assert neo4j_gds.gds_available(empty_neo4j)  # the session's server has the plugin
    monkeypatch.setattr(neo4j_gds, "gds_available", lambda store: False)
    _cache.clear()
    louvain = clusters(empty_neo4j, method="louvain", seed=42)
    assert louvain.method == "networkx:louvain"
    assert _partition(louvain) == {frozenset(WEST), frozenset(EAST)}
    assert clusters(empty_neo4j, method="leiden", seed=42).method == "igraph:leiden"
    assert empty_neo4j.communities("louvain") is None


def test_a_resolution_gds_louvain_lacks_is_computed_client_side(
    empty_neo4j: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_communities(empty_neo4j)
    assert empty_neo4j.communities("louvain", resolution=1.5) is None
    with monkeypatch.context() as patched:
        # asked for by name, it is refused before GDS projects anything
        patched.setattr(neo4j_gds, "graph_name", lambda *args: pytest.fail("projected"))
        answer = clusters(empty_neo4j, method="louvain", resolution=1.5, seed=42)
    assert answer.method == "networkx:louvain"
    assert clusters(empty_neo4j, method="leiden", resolution=1.5, seed=42).method == "gds:leiden"


def test_a_rule_picks_the_algorithm_from_the_actors_gds_projected(
    empty_neo4j: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store starts before the query layer has its own projection: it applies the rule of
    ``auto`` to the actor count of the projection GDS made, the same count as the client's."""
    _two_communities(empty_neo4j)
    seen: list[int] = []

    def rule(actors: int) -> CommunityAlgorithm:
        seen.append(actors)
        return "components"

    found = empty_neo4j.communities(rule)
    assert seen == [project(empty_neo4j.carrier_groups()).n_actors] == [8]
    assert found is not None
    assert found.method == "gds:wcc"
    assert sorted(sorted(part) for part in found.parts) == [sorted(WEST + EAST)]  # undated
    # a choice GDS cannot run: the client computes it, and the projected graph is dropped
    assert empty_neo4j.communities(lambda actors: "louvain", resolution=1.5) is None
    assert neo4j_gds.projected_graphs(empty_neo4j) == []
    _cache.clear()
    assert clusters(empty_neo4j, seed=42).method == "gds:louvain"  # 8 actors: Louvain
    # the module, not the function the package exports under the same name
    monkeypatch.setattr(importlib.import_module("partnergraph.queries.clusters"), "IGRAPH_ABOVE", 7)
    _cache.clear()
    assert clusters(empty_neo4j, seed=42).method == "gds:leiden"  # more than 7: Leiden


def _adjusted_rand(first: Sequence[frozenset[str]], second: Sequence[frozenset[str]]) -> float:
    """Hubert and Arabie's adjusted Rand index of two partitions of the same items."""
    label = {uid: index for index, part in enumerate(second) for uid in part}
    table = Counter((index, label[uid]) for index, part in enumerate(first) for uid in part)
    n = sum(len(part) for part in first)
    pairs = sum(comb(count, 2) for count in table.values())
    rows = sum(comb(len(part), 2) for part in first)
    cols = sum(comb(len(part), 2) for part in second)
    expected = rows * cols / comb(n, 2)
    best = (rows + cols) / 2
    return 1.0 if best == expected else (pairs - expected) / (best - expected)


def test_adjusted_rand_of_a_partition_with_itself_is_one() -> None:
    parts = [frozenset("ab"), frozenset("cde")]
    assert _adjusted_rand(parts, parts) == 1.0
    assert _adjusted_rand(parts, [frozenset("ac"), frozenset("bde")]) < 0.5


@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_gds_agrees_with_the_reference_on_the_bundled_data(
    both: tuple[MemoryStore, Neo4jStore], bundled_data: Path, method: str
) -> None:
    memory, neo4j = both
    for store in both:
        load_directory(store, bundled_data)
    reference = clusters(memory, method=method, seed=42)  # type: ignore[arg-type]
    in_database = clusters(neo4j, method=method, seed=42)  # type: ignore[arg-type]
    assert in_database.method == f"gds:{method}"
    assert (in_database.actors, in_database.ties) == (reference.actors, reference.ties)
    assert abs(in_database.modularity - reference.modularity) <= GDS_MODULARITY_TOLERANCE
    ours, theirs = list(_partition(in_database)), list(_partition(reference))
    assert set().union(*ours) == set().union(*theirs)
    assert _adjusted_rand(ours, theirs) >= MIN_ADJUSTED_RAND
    # an earlier day: a smaller projection, computed in the database for that day
    past = dt.date(2015, 1, 1)
    then = clusters(neo4j, method=method, seed=42, at=past)  # type: ignore[arg-type]
    then_reference = clusters(memory, method=method, seed=42, at=past)  # type: ignore[arg-type]
    assert then.actors == then_reference.actors < reference.actors
    assert abs(then.modularity - then_reference.modularity) <= GDS_MODULARITY_TOLERANCE


def test_the_gds_graph_is_the_client_projection_pair_by_pair(
    both: tuple[MemoryStore, Neo4jStore], bundled_data: Path
) -> None:
    # the bundled data has organisations in their own membership group (an association and
    # its member gminy) and carriers shared by many pairs: every tie, once, with its weight
    memory, neo4j = both
    for store in both:
        load_directory(store, bundled_data)
    for day in (None, dt.date(2015, 1, 1)):
        expected = project(memory.carrier_groups(at=day))
        assert any(g.carrier.uid in g.members for g in memory.carrier_groups(at=day).values())
        name = neo4j_gds.graph_name(neo4j.data_version(), day, "test-")
        iso = day.isoformat() if day else None
        try:
            made = neo4j._read(neo4j_gds.PROJECT, name=name, day=iso)[0]
            rows = neo4j._read(
                "CALL gds.graph.relationshipProperty.stream($name, 'weight') "
                "YIELD sourceNodeId, targetNodeId, propertyValue "
                "WITH gds.util.asNode(sourceNodeId).uid AS a, "
                "gds.util.asNode(targetNodeId).uid AS b, propertyValue AS w WHERE a < b "
                "RETURN a, b, w",
                name=name,
            )
        finally:
            neo4j._read(neo4j_gds.DROP, name=name)
        assert made["nodes"] == expected.n_actors
        assert made["ties"] == 2 * expected.n_ties  # undirected: stored both ways
        names = expected.actors
        want = {
            (names[a], names[b]): w
            for a, b, w in zip(
                expected.first.tolist(),
                expected.second.tolist(),
                expected.weight.tolist(),
                strict=True,
            )
        }
        got = {(r["a"], r["b"]): r["w"] for r in rows}
        assert got.keys() == want.keys()
        assert all(abs(got[pair] - want[pair]) < 1e-9 for pair in want)


def test_every_projection_graph_is_dropped(empty_neo4j: Neo4jStore) -> None:
    _two_communities(empty_neo4j)
    for method in ("louvain", "leiden", "components"):
        assert empty_neo4j.communities(method) is not None  # type: ignore[arg-type]
    assert neo4j_gds.projected_graphs(empty_neo4j) == []
