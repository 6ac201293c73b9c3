"""connection_paths: the k shortest chains, explained hop by hop, and meaningful refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph.errors import NotFound, QueryError
from partnergraph.graph.memory import MemoryStore
from partnergraph.model import RelType
from partnergraph.queries import NoPath, connection_paths
from tests.queries.expected import (
    ISLAND_COMPONENT,
    ISLAND_NGO,
    MAIN_COMPONENT,
    PATHS_2020,
    PATHS_STAWIGUDA_KALMAR,
    PATHS_VIA_MEMBERSHIP_AND_PROJECTS,
    REF,
    SE213,
    STAWIGUDA,
    STOW,
)


def chains(answer: object) -> list[list[str]]:
    return [[n.uid for n in r.nodes] for r in answer.results]  # type: ignore[attr-defined]


def test_paths_are_the_k_shortest_with_ties_broken_by_uids(graph: MemoryStore) -> None:
    answer = connection_paths(graph, STAWIGUDA, SE213, k=3, reference_date=REF)
    assert chains(answer) == PATHS_STAWIGUDA_KALMAR
    assert [r.length for r in answer.results] == [3, 4, 4]


def test_each_hop_is_explained_in_english(graph: MemoryStore) -> None:
    answer = connection_paths(graph, STAWIGUDA, SE213, k=1, lang="en", reference_date=REF)
    assert [hop.explanation for hop in answer.results[0].hops] == [
        "Stawiguda has been a member of Association of Polish Communes Euroregion Baltic "
        "since 2023.",
        "Association of Polish Communes Euroregion Baltic has been a member of Euroregion "
        "Baltic since 1998-02-22.",
        "Kalmar County has been a member of Euroregion Baltic since 2002.",
    ]


def test_each_hop_is_explained_in_polish(graph: MemoryStore) -> None:
    answer = connection_paths(graph, STAWIGUDA, SE213, k=1, lang="pl", reference_date=REF)
    assert [hop.explanation for hop in answer.results[0].hops] == [
        "Stawiguda jest członkiem organizacji „Stowarzyszenie Gmin RP Euroregion Bałtyk” "
        "od 2023 r.",
        "Stowarzyszenie Gmin RP Euroregion Bałtyk jest członkiem sieci „Euroregion Bałtyk” "
        "od 22.02.1998 r.",
        "Kalmar län jest członkiem sieci „Euroregion Bałtyk” od 2002 r.",
    ]


def test_a_project_hop_names_roles_dates_and_programme(graph: MemoryStore) -> None:
    answer = connection_paths(graph, STAWIGUDA, SE213, k=3, lang="en", reference_date=REF)
    hop = answer.results[2].hops[0]
    assert hop.explanation == (
        "Stawiguda was a partner in project Youth Bridge (2019–2021; "
        "Interreg South Baltic 2014–2020)."
    )
    (item,) = hop.evidence
    assert (item.type, item.role, item.valid_from, item.valid_to) == (
        RelType.PARTICIPATES_IN,
        "partner",
        "2019-01-01",
        "2021-12-31",
    )
    assert item.sources == ["fx-projects"]


def test_hop_evidence_is_sourced_and_flattened_into_the_result(graph: MemoryStore) -> None:
    result = connection_paths(graph, STAWIGUDA, SE213, k=1, reference_date=REF).results[0]
    assert [(e.type, e.from_uid, e.to_uid) for e in result.evidence] == [
        (RelType.MEMBER_OF, STAWIGUDA, STOW),
        (RelType.MEMBER_OF, STOW, "network:euroregion-baltic"),
        (RelType.MEMBER_OF, SE213, "network:euroregion-baltic"),
    ]
    assert all(e.sources == ["fx-networks"] for e in result.evidence)


def test_via_restricts_relationship_types(graph: MemoryStore) -> None:
    answer = connection_paths(
        graph, STAWIGUDA, SE213, via=[RelType.PARTICIPATES_IN, RelType.MEMBER_OF]
    )
    assert chains(answer) == PATHS_VIA_MEMBERSHIP_AND_PROJECTS
    assert answer.parameters["via"] == ["MEMBER_OF", "PARTICIPATES_IN"]


def test_a_date_uses_only_relationships_valid_that_day(graph: MemoryStore) -> None:
    answer = connection_paths(graph, STAWIGUDA, SE213, at=dt.date(2020, 1, 1))
    assert chains(answer) == PATHS_2020
    for result in answer.results:
        for item in result.evidence:
            assert item.valid_from is None or item.valid_from <= "2020-01-01"
            assert item.valid_to is None or item.valid_to >= "2020-01-01"


def test_no_path_names_the_components_of_both_ends(graph: MemoryStore) -> None:
    with pytest.raises(NoPath) as caught:
        connection_paths(graph, ISLAND_NGO, SE213, lang="en")
    details = caught.value.details()
    assert details["same_component"] is False
    assert details["source"]["component_size"] == len(ISLAND_COMPONENT)
    assert {m["uid"] for m in details["source"]["component_sample"]} == ISLAND_COMPONENT - {
        ISLAND_NGO
    }
    assert details["target"]["component_size"] == MAIN_COMPONENT
    assert "not connected" in str(caught.value)
    assert "Islanders' Club" in str(caught.value)


def test_no_path_within_the_hop_limit_says_how_long_the_shortest_is(graph: MemoryStore) -> None:
    with pytest.raises(NoPath, match="the shortest has 3 hops") as caught:
        connection_paths(graph, STAWIGUDA, SE213, max_hops=2)
    assert caught.value.details()["distance"] == 3
    assert caught.value.details()["same_component"] is True


def test_no_path_is_a_query_error_for_the_cli_and_api(graph: MemoryStore) -> None:
    with pytest.raises(QueryError):
        connection_paths(graph, ISLAND_NGO, SE213, via=[RelType.TWINNED_WITH])


def test_a_node_not_valid_on_the_date_is_not_found(graph: MemoryStore) -> None:
    with pytest.raises(NotFound):
        connection_paths(graph, "network:erb-water-core-group", SE213, at=dt.date(2010, 1, 1))


def test_unknown_uid_is_not_found(graph: MemoryStore) -> None:
    with pytest.raises(NotFound):
        connection_paths(graph, "org:nobody", SE213)


@pytest.mark.parametrize(("k", "max_hops"), [(0, 6), (21, 6), (3, 0), (3, 9)])
def test_limits_out_of_range_are_query_errors(graph: MemoryStore, k: int, max_hops: int) -> None:
    with pytest.raises(QueryError):
        connection_paths(graph, STAWIGUDA, SE213, k=k, max_hops=max_hops)


def test_a_node_to_itself_is_a_path_of_no_hops(graph: MemoryStore) -> None:
    answer = connection_paths(graph, SE213, SE213)
    assert chains(answer) == [[SE213]]
    assert answer.results[0].hops == []
