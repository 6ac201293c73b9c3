"""Every query on both stores: the hand-worked answers, and identical answers everywhere.

The ``store`` fixture (conftest.py) is an empty store of each backend; each test loads the
hand-made fixture of ``tests/fixtures/queries`` into it and checks the numbers worked out in
``tests/queries/expected.py``. The ``both`` tests compare whole answers, field by field,
between the memory store and Neo4j, also for random days (hypothesis).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.loader import load_directory
from partnergraph.model import RelType
from partnergraph.queries import (
    NoPath,
    _cache,
    clusters,
    connection_paths,
    coverage_matrix,
    inactive_partners,
    left_out_gminy,
    partners_for_priority,
    single_points,
    suggest_partners,
    uncovered_priorities,
)
from tests.queries.expected import (
    BROKERS,
    FIXTURE,
    INACTIVE_ALL_2024,
    ISLAND_NGO,
    LOUVAIN,
    LOUVAIN_MODULARITY,
    MAIN_COMPONENT,
    MATRIX_2024,
    MATRIX_ALL_TIME,
    P3,
    P4,
    P9,
    PARTNERS_P4,
    PARTNERS_P4_2018,
    PARTNERS_WATER,
    PATHS_2020,
    PATHS_STAWIGUDA_KALMAR,
    REF,
    SE213,
    STAWIGUDA,
    SUGGEST_ANY,
    SUGGEST_P4,
    UG,
)


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    load_directory(store, FIXTURE)
    return store


def test_partners_for_priority(loaded: GraphStore) -> None:
    ranked = partners_for_priority(loaded, P4, reference_date=REF)
    assert [(r.partner.uid, r.score) for r in ranked.results] == PARTNERS_P4
    dated = partners_for_priority(loaded, P4, at=dt.date(2018, 6, 1))
    assert [(r.partner.uid, r.score) for r in dated.results] == PARTNERS_P4_2018
    text = partners_for_priority(loaded, "water", reference_date=REF)
    assert [(r.partner.uid, r.score) for r in text.results] == PARTNERS_WATER


def test_connection_paths(loaded: GraphStore) -> None:
    answer = connection_paths(loaded, STAWIGUDA, SE213, reference_date=REF)
    assert [[n.uid for n in r.nodes] for r in answer.results] == PATHS_STAWIGUDA_KALMAR
    dated = connection_paths(loaded, STAWIGUDA, SE213, at=dt.date(2020, 1, 1))
    assert [[n.uid for n in r.nodes] for r in dated.results] == PATHS_2020
    with pytest.raises(NoPath) as caught:
        connection_paths(loaded, ISLAND_NGO, SE213)
    assert caught.value.details()["target"]["component_size"] == MAIN_COMPONENT


def test_gaps(loaded: GraphStore) -> None:
    def cells(answer: Any) -> dict[str, dict[str, tuple[int, int]]]:
        return {
            row.priority.uid: {c: (x.evidence, x.partners) for c, x in row.cells.items()}
            for row in answer.results
        }

    assert cells(coverage_matrix(loaded)) == MATRIX_ALL_TIME
    assert cells(coverage_matrix(loaded, at=REF)) == MATRIX_2024
    uncovered = uncovered_priorities(loaded, at=REF)
    assert [(r.priority.uid, r.last_covered) for r in uncovered.results] == [(P9, "2010-12-31")]
    inactive = inactive_partners(loaded, at=REF, scope="all")
    assert [(r.partner.uid, r.last_evidence) for r in inactive.results] == INACTIVE_ALL_2024
    gminy = left_out_gminy(loaded, at=REF)
    assert [len(g.left_out) for g in gminy.results] == [2, 1]
    single = single_points(loaded, framework="strategy:pomorskie-priorytety-2008", at=REF)
    assert [(r.priority.uid, r.partner.uid) for r in single.results] == [(P3, UG)]


def test_clusters(loaded: GraphStore) -> None:
    answer = clusters(loaded, seed=42)
    assert [[m.uid for m in c.members] for c in answer.results] == LOUVAIN
    assert answer.modularity == round(LOUVAIN_MODULARITY, 6)
    assert [(b.actor.uid, b.betweenness) for b in answer.brokers] == [
        (uid, round(value, 6)) for uid, value in BROKERS
    ]


def test_suggest_partners(loaded: GraphStore) -> None:
    with_priority = suggest_partners(loaded, STAWIGUDA, priority=P4, reference_date=REF)
    assert [(r.actor.uid, r.adamic_adar) for r in with_priority.results] == [
        (uid, round(aa, 6)) for uid, aa in SUGGEST_P4
    ]
    anyone = suggest_partners(loaded, STAWIGUDA, reference_date=REF)
    assert [(r.actor.uid, r.adamic_adar) for r in anyone.results] == [
        (uid, round(aa, 6)) for uid, aa in SUGGEST_ANY
    ]


# -- identical answers, field by field -------------------------------------------------------


def _answers(store: GraphStore, at: dt.date | None, lang: str) -> list[Any]:
    kwargs: dict[str, Any] = {"at": at, "lang": lang}
    answers: list[Any] = [
        partners_for_priority(store, "water", reference_date=REF, **kwargs),
        partners_for_priority(store, P4, reference_date=REF, limit=500, **kwargs),
        coverage_matrix(store, **kwargs),
        coverage_matrix(store, by="region", **kwargs),
        uncovered_priorities(store, **kwargs),
        left_out_gminy(store, **kwargs),
        single_points(store, **kwargs),
        clusters(store, seed=5, reference_date=REF, **kwargs),
        clusters(store, method="components", reference_date=REF, **kwargs),
        suggest_partners(store, STAWIGUDA, reference_date=REF, **kwargs),
        suggest_partners(store, "nuts:PL63", priority="water", reference_date=REF, **kwargs),
        inactive_partners(store, at=at or REF, scope="all", lang=lang),  # type: ignore[arg-type]
    ]
    for via in (None, [RelType.MEMBER_OF, RelType.PARTICIPATES_IN]):
        try:
            answers.append(
                connection_paths(store, STAWIGUDA, SE213, via=via, reference_date=REF, **kwargs)
            )
        except NoPath as refusal:
            answers.append(("no path", str(refusal), refusal.details()))
        except Exception as error:  # a node not valid on the day: same error on both
            answers.append((type(error).__name__, str(error)))
    return answers


def _dump(answers: list[Any]) -> list[Any]:
    dumped = [a.model_dump(mode="json") if hasattr(a, "model_dump") else a for a in answers]
    for answer in dumped:
        if isinstance(answer, dict) and answer.get("query") == "clusters":
            # ``method`` names what ran (gds:leiden on Neo4j, igraph:leiden in memory): the
            # one field meant to differ; the partition and all the rest must not.
            answer.pop("method")
    return dumped


@pytest.fixture
def both_loaded(both: tuple[MemoryStore, Neo4jStore]) -> tuple[MemoryStore, Neo4jStore]:
    memory, neo4j = both
    load_directory(memory, FIXTURE)
    load_directory(neo4j, FIXTURE)
    return memory, neo4j


@pytest.mark.neo4j
@pytest.mark.parametrize("lang", ["pl", "en"])
def test_every_answer_is_identical_on_both_stores(
    both_loaded: tuple[MemoryStore, Neo4jStore], lang: str
) -> None:
    memory, neo4j = both_loaded
    assert _dump(_answers(neo4j, None, lang)) == _dump(_answers(memory, None, lang))


@pytest.mark.neo4j
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(at=st.dates(min_value=dt.date(1997, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_answers_on_any_day_are_identical_on_both_stores(
    both_loaded: tuple[MemoryStore, Neo4jStore], at: dt.date
) -> None:
    memory, neo4j = both_loaded
    assert _dump(_answers(neo4j, at, "en")) == _dump(_answers(memory, at, "en"))


def _paths(store: GraphStore, uids: list[str], at: dt.date | None) -> list[Any]:
    found: list[Any] = []
    for source in uids:
        for target in uids:
            for via in (None, [RelType.MEMBER_OF, RelType.PARTICIPATES_IN]):
                try:
                    answer = connection_paths(
                        store, source, target, via=via, at=at, reference_date=REF, lang="en"
                    )
                    found.append(answer.model_dump(mode="json"))
                except NoPath as refusal:
                    found.append(("no path", str(refusal), refusal.details()))
                except Exception as error:  # not valid on the day: the same error on both
                    found.append((type(error).__name__, str(error)))
    return found


@pytest.mark.neo4j
@pytest.mark.parametrize("day", [None, dt.date(2020, 1, 1)], ids=["all-time", "2020"])
def test_paths_from_the_server_are_the_memory_stores(
    both_loaded: tuple[MemoryStore, Neo4jStore], day: dt.date | None
) -> None:
    """Neo4j answers paths in the database, one round trip per BFS layer (graph/neo4j.py),
    cold and again from its kept adjacency: the same answers as the memory store."""
    memory, neo4j = both_loaded
    uids = [STAWIGUDA, SE213, ISLAND_NGO, UG, "nuts:PL63"]
    _cache.clear()
    expected = _paths(memory, uids, day)
    _cache.clear()
    assert _paths(neo4j, uids, day) == expected
    assert _paths(neo4j, uids, day) == expected
    _cache.clear()
