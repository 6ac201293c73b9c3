"""clusters: Louvain and components on the co-operation projection, labels, brokers."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from partnergraph.errors import QueryError
from partnergraph.graph.memory import MemoryStore
from partnergraph.queries import clusters
from partnergraph.queries.projection import build_projection
from tests.queries.expected import (
    BLUE,
    BROKERS,
    COMPONENTS_MODULARITY,
    ISLAND_CLUB,
    ISLAND_NGO,
    LOUVAIN,
    LOUVAIN_MODULARITY,
    PEOPLE,
    PL63,
    SB0713,
    SB1420,
    SE221,
    STOW,
)


def members(answer: object) -> list[list[str]]:
    return [[m.uid for m in c.members] for c in answer.results]  # type: ignore[attr-defined]


def test_projection_weights_each_shared_carrier_by_one_over_n_minus_one(
    graph: MemoryStore,
) -> None:
    projection = build_projection(graph.carrier_groups())
    assert projection.number_of_nodes() == 15
    assert projection.number_of_edges() == 34
    assert projection.size(weight="weight") == pytest.approx(14.0)
    # MOMENT (3 partners: 1/2) + ERB (7 actor members: 1/6) + the Water Core Group (2: 1)
    assert projection[PL63][SE221]["weight"] == pytest.approx(0.5 + 1 / 6 + 1)
    assert projection[PL63][SE221]["carriers"] == [
        "network:erb-water-core-group",
        "network:euroregion-baltic",
        "project:interreg-south-baltic-2007-2013:moment",
    ]
    # an association belongs to its own membership group (4 with its 3 member gminy)
    assert projection[STOW]["teryt:2204022"]["weight"] == pytest.approx(1 / 3)


def test_louvain_partition_for_a_fixed_seed(graph: MemoryStore) -> None:
    answer = clusters(graph, seed=42)
    assert members(answer) == LOUVAIN
    assert answer.modularity == round(LOUVAIN_MODULARITY, 6)
    assert (answer.actors, answer.ties, answer.isolated_actors) == (15, 34, 4)


def test_the_same_seed_gives_the_same_answer(graph: MemoryStore) -> None:
    assert clusters(graph, seed=7) == clusters(graph, seed=7)


def test_components_are_the_connected_parts_of_the_projection(graph: MemoryStore) -> None:
    answer = clusters(graph, method="components")
    assert [c.size for c in answer.results] == [13, 2]
    assert members(answer)[1] == [ISLAND_CLUB, ISLAND_NGO]
    assert answer.modularity == round(COMPONENTS_MODULARITY, 6)


def test_brokers_are_ranked_by_betweenness(graph: MemoryStore) -> None:
    answer = clusters(graph, seed=42)
    assert [(b.actor.uid, b.betweenness) for b in answer.brokers] == [
        (uid, round(value, 6)) for uid, value in BROKERS
    ]
    assert [b.actor.uid for b in answer.results[1].brokers] == [
        STOW,
        "nuts:DK014",
        "teryt:2814112",
    ]


def test_clusters_are_labelled_by_dominant_priorities_and_countries(graph: MemoryStore) -> None:
    first, second, third, island = clusters(graph, seed=42, lang="en").results
    assert [(p.id, p.count) for p in first.priorities] == [
        (BLUE, 3),
        (SB0713, 3),
        ("priority:pomorskie-priorytety-2008:3", 3),
    ]
    assert [(c.id, c.name, c.count) for c in first.countries] == [
        ("PL", "Poland", 3),
        ("SE", "Sweden", 2),
        ("LT", "Lithuania", 1),
    ]
    assert [(p.id, p.count) for p in second.priorities] == [(PEOPLE, 6)]
    assert [(p.id, p.count) for p in third.priorities] == [(SB1420, 3), (PEOPLE, 1)]
    assert island.priorities == []


def test_cluster_evidence_lists_the_shared_relationships(graph: MemoryStore) -> None:
    island = clusters(graph, seed=42, lang="en").results[3]
    assert island.evidence_total == 2
    assert [(e.from_uid, e.to_uid) for e in island.evidence] == [
        (ISLAND_CLUB, "project:local:island-days"),
        (ISLAND_NGO, "project:local:island-days"),
    ]
    limited = clusters(graph, seed=42, evidence_limit=1).results[0]
    assert (limited.evidence_total, len(limited.evidence)) == (14, 1)


def test_a_date_drops_co_operation_that_did_not_hold(graph: MemoryStore) -> None:
    answer = clusters(graph, at=dt.date(2024, 1, 1), method="components")
    uids = {m for c in members(answer) for m in c}
    assert ISLAND_NGO not in uids  # Island Days was in 2022
    assert "org:uniwersytet-gdanski" not in uids  # MOMENT ended in 2013


def test_modularity_matches_networkx_on_the_reported_partition(graph: MemoryStore) -> None:
    projection = build_projection(graph.carrier_groups())
    answer = clusters(graph, seed=3, resolution=1.5)
    expected = nx.community.modularity(
        projection, [set(part) for part in members(answer)], weight="weight", resolution=1.5
    )
    assert answer.modularity == round(expected, 6)


def test_leiden_is_seeded_covers_every_actor_and_keeps_communities_connected(
    graph: MemoryStore,
) -> None:
    projection = build_projection(graph.carrier_groups())
    answer = clusters(graph, method="leiden", seed=42)
    assert answer == clusters(graph, method="leiden", seed=42)
    parts = members(answer)
    assert sorted(uid for part in parts for uid in part) == sorted(projection)
    # Leiden's guarantee over Louvain: no community falls apart inside
    assert all(nx.is_connected(projection.subgraph(part)) for part in parts)
    expected = nx.community.modularity(projection, parts, weight="weight")
    assert answer.modularity == round(expected, 6)
    assert answer.modularity >= round(LOUVAIN_MODULARITY * 0.98, 6)
    assert answer.parameters["method"] == "leiden"


def test_an_unknown_method_is_refused(graph: MemoryStore) -> None:
    with pytest.raises(QueryError, match="louvain, leiden or components"):
        clusters(graph, method="girvan-newman")  # type: ignore[arg-type]


def test_small_projections_compute_betweenness_exactly(graph: MemoryStore) -> None:
    assert clusters(graph, seed=42).betweenness_pivots is None


@pytest.mark.parametrize("resolution", [0.0, -1.0])
def test_resolution_must_be_positive(graph: MemoryStore, resolution: float) -> None:
    with pytest.raises(QueryError):
        clusters(graph, resolution=resolution)
