"""The five gap questions on the hand-made fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph.errors import QueryError
from partnergraph.graph.memory import MemoryStore
from partnergraph.queries import (
    coverage_matrix,
    inactive_partners,
    left_out_gminy,
    single_points,
    uncovered_priorities,
)
from tests.queries.expected import (
    CEDRY,
    DYWITY,
    INACTIVE_ALL_2024,
    KOLBUDY,
    MATRIX_2024,
    MATRIX_ALL_TIME,
    P3,
    P9,
    PL63,
    REF,
    UG,
)

Matrix = dict[str, dict[str, tuple[int, int]]]


def cells(answer: object) -> Matrix:
    return {
        row.priority.uid: {c: (cell.evidence, cell.partners) for c, cell in row.cells.items()}
        for row in answer.results  # type: ignore[attr-defined]
    }


@pytest.mark.parametrize(("at", "expected"), [(None, MATRIX_ALL_TIME), (REF, MATRIX_2024)])
def test_coverage_matrix_counts_evidence_and_partners_per_country(
    graph: MemoryStore, at: dt.date | None, expected: Matrix
) -> None:
    answer = coverage_matrix(graph, at=at)
    assert cells(answer) == expected


def test_coverage_matrix_columns_are_sorted_with_unknown_last(graph: MemoryStore) -> None:
    answer = coverage_matrix(graph, lang="en")
    assert answer.columns == ["DK", "LT", "PL", "SE", "?"]
    assert answer.column_names["SE"] == "Sweden"
    row = next(r for r in answer.results if r.priority.uid == P9)
    assert (row.total_evidence, row.total_partners) == (2, 2)
    assert {e.from_uid for e in row.evidence} == {"agreement:pomorskie-klaipeda"}


def test_coverage_matrix_by_region_walks_up_part_of_and_located_in(graph: MemoryStore) -> None:
    answer = coverage_matrix(graph, by="region", framework="strategy:pomorskie-priorytety-2008")
    assert cells(answer)[P3] == {"nuts:PL63": (2, 2), "nuts:SE213": (1, 1)}


def test_coverage_matrix_for_a_period_keeps_chains_overlapping_it(graph: MemoryStore) -> None:
    answer = coverage_matrix(graph, period=(dt.date(2011, 1, 1), dt.date(2012, 6, 30)))
    assert cells(answer)[P3] == {"PL": (1, 1), "SE": (1, 1)}
    assert cells(answer)[P9] == {}
    assert answer.coverage.period is not None
    assert (answer.coverage.period.start, answer.coverage.period.end) == (
        "2011-01-01",
        "2012-06-30",
    )


def test_uncovered_priorities_on_a_day_say_when_they_were_last_covered(
    graph: MemoryStore,
) -> None:
    answer = uncovered_priorities(graph, at=REF, lang="en")
    assert [(r.priority.uid, r.last_covered) for r in answer.results] == [(P9, "2010-12-31")]
    result = answer.results[0]
    assert result.framework is not None
    assert result.framework.uid == "strategy:pomorskie-priorytety-2008"
    assert {e.from_uid for e in result.evidence} == {"agreement:pomorskie-klaipeda"}


def test_every_priority_was_covered_at_some_time(graph: MemoryStore) -> None:
    assert uncovered_priorities(graph).results == []


def test_an_active_erb_member_is_never_an_inactive_partner(graph: MemoryStore) -> None:
    # Klaipėda County signed its agreement in 2001 and its evidence for priorities ended in
    # 2010, but it has been an ERB member since 1998 (status active): activity counts every
    # kind of evidence, so no signatory is inactive in 2019–2024.
    answer = inactive_partners(graph, at=REF, years=5, lang="en")
    assert answer.window == ("2019-01-01", "2024-01-01")
    assert answer.results == []


def test_inactive_partners_of_all_scopes_include_members_and_participants(
    graph: MemoryStore,
) -> None:
    answer = inactive_partners(graph, at=REF, years=5, scope="all", lang="en")
    assert [(r.partner.uid, r.last_evidence) for r in answer.results] == INACTIVE_ALL_2024
    cedry = answer.results[1]
    assert cedry.evidence[0].explanation.startswith("Cedry Wielkie was a member of")
    # no coverage note was passed: nothing says whether the sources cover it
    assert cedry.data_coverage.status == "unknown"


def test_a_longer_look_back_makes_old_partners_active(graph: MemoryStore) -> None:
    answer = inactive_partners(graph, at=REF, years=14)
    assert answer.results == []


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (None, [("teryt:2204", [KOLBUDY], 18000), ("teryt:2814", [DYWITY], 12000)]),
        (REF, [("teryt:2204", [CEDRY, KOLBUDY], 25000), ("teryt:2814", [DYWITY], 12000)]),
    ],
)
def test_left_out_gminy_are_grouped_by_powiat_with_population(
    graph: MemoryStore, at: dt.date | None, expected: list[tuple[str, list[str], int]]
) -> None:
    answer = left_out_gminy(graph, at=at)
    assert [
        (g.county.uid if g.county else None, [x.uid for x in g.left_out], g.population_left_out)
        for g in answer.results
    ] == expected
    assert answer.gminy_total == 5
    assert [g.gminy_total for g in answer.results] == [3, 2]


def test_twinning_alone_does_not_take_a_gmina_out_of_the_gap_list(graph: MemoryStore) -> None:
    answer = left_out_gminy(graph)
    assert DYWITY in {x.uid for g in answer.results for x in g.left_out}


def test_left_out_gminy_in_one_region(graph: MemoryStore) -> None:
    answer = left_out_gminy(graph, region="nuts:PL62", lang="pl")
    assert [
        (g.county.uid if g.county else None, [x.name for x in g.left_out]) for g in answer.results
    ] == [("teryt:2814", ["Dywity"])]
    assert answer.results[0].evidence[0].explanation == (
        "Dywity jest częścią powiatu „powiat olsztyński”."
    )


def test_single_points_are_priorities_resting_on_one_partner(graph: MemoryStore) -> None:
    framework = "strategy:pomorskie-priorytety-2008"
    assert single_points(graph, framework=framework).results == []
    answer = single_points(graph, framework=framework, at=REF)
    assert [(r.priority.uid, r.partner.uid) for r in answer.results] == [(P3, UG)]
    assert [e.kind for e in answer.results[0].evidence] == ["declared"]


def test_gaps_refuse_a_day_and_a_period_together(graph: MemoryStore) -> None:
    with pytest.raises(QueryError):
        coverage_matrix(graph, at=REF, period=(dt.date(2010, 1, 1), dt.date(2011, 1, 1)))


def test_gaps_refuse_a_reversed_period(graph: MemoryStore) -> None:
    with pytest.raises(QueryError):
        uncovered_priorities(graph, period=(dt.date(2011, 1, 1), dt.date(2010, 1, 1)))


def test_a_framework_must_be_a_strategy_or_programme(graph: MemoryStore) -> None:
    with pytest.raises(QueryError):
        single_points(graph, framework=PL63)


def test_a_region_filter_must_be_a_region(graph: MemoryStore) -> None:
    with pytest.raises(QueryError):
        left_out_gminy(graph, region="teryt:2204")
