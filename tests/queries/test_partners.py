"""partners_for_priority on the hand-made fixture: ranks, scores, evidence, filters, errors."""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph.errors import NotFound, QueryError
from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import RelType
from partnergraph.queries import partners_for_priority, snapshot
from tests.queries.expected import (
    BLUE,
    KALMAR_TOWN,
    LNU,
    P4,
    PARTNERS_P4,
    PARTNERS_P4_2018,
    PARTNERS_P4_2024,
    PARTNERS_WATER,
    PL63,
    PRUSZCZ,
    REF,
    SB1420,
    SE213,
    SE221,
    WATER_PRIORITIES,
)


def ranking(answer: object) -> list[tuple[str, float]]:
    return [(r.partner.uid, r.score) for r in answer.results]  # type: ignore[attr-defined]


def test_partners_are_ranked_by_the_documented_score(graph: MemoryStore) -> None:
    answer = partners_for_priority(graph, P4, reference_date=REF)
    assert ranking(answer) == PARTNERS_P4
    assert [r.rank for r in answer.results] == list(range(1, 9))
    assert answer.total == 8


def test_each_partner_lists_its_evidence_heaviest_first_with_dates_and_sources(
    graph: MemoryStore,
) -> None:
    first = partners_for_priority(graph, P4, reference_date=REF, lang="en").results[0]
    assert first.evidence_counts == {"agreement": 1, "network": 1, "project": 1}
    agreement, membership, project = first.evidence
    assert (agreement.kind, agreement.weight, agreement.type) == ("agreement", 3.0, RelType.COVERS)
    assert (agreement.from_uid, agreement.to_uid) == ("agreement:pomorskie-kalmar", P4)
    assert (agreement.valid_from, agreement.valid_to) == ("2004-06-01", None)
    assert agreement.sources == ["fx-agreements"]
    assert agreement.via_alignment is None
    assert [s.type for s in agreement.supporting] == [RelType.SIGNED_BY]
    assert (membership.kind, membership.weight, membership.via_alignment) == ("network", 0.75, BLUE)
    assert [s.type for s in membership.supporting] == [RelType.MEMBER_OF, RelType.ALIGNS_WITH]
    assert (project.kind, project.role, project.weight) == ("project", "partner", 0.375)
    assert (project.valid_from, project.valid_to) == ("2009-08-31", "2013-06-29")
    assert project.explanation == (
        "Pomeranian Voivodeship was a partner in project MOMENT (2009-08-31–2013-06-29), "
        "which addressed “Management of the Baltic Sea environment”, aligned with "
        "“Environmental infrastructure” (strong)."
    )


def test_evidence_through_alignment_says_which_aligned_priority_it_reached(
    graph: MemoryStore,
) -> None:
    answer = partners_for_priority(graph, P4, reference_date=REF)
    pruszcz = next(r for r in answer.results if r.partner.uid == PRUSZCZ)
    assert [e.via_alignment for e in pruszcz.evidence] == [SB1420]
    assert sorted(ref.uid for ref in answer.aligned) == sorted(
        [BLUE, "priority:interreg-south-baltic-2007-2013:2-1", SB1420]
    )


def test_direct_only_ignores_aligned_priorities(graph: MemoryStore) -> None:
    answer = partners_for_priority(graph, P4, reference_date=REF, aligned=False)
    # one current agreement each: tied on score, count and recency, so by name
    assert ranking(answer) == [(SE213, 3.0), (PL63, 3.0)]


@pytest.mark.parametrize(
    ("at", "expected"),
    [(dt.date(2018, 6, 1), PARTNERS_P4_2018), (dt.date(2024, 1, 1), PARTNERS_P4_2024)],
)
def test_a_date_keeps_only_evidence_that_holds_that_day(
    graph: MemoryStore, at: dt.date, expected: list[tuple[str, float]]
) -> None:
    answer = partners_for_priority(graph, P4, at=at)
    assert ranking(answer) == expected
    day = at.isoformat()
    for result in answer.results:
        for item in result.evidence:
            assert item.valid_from is None or item.valid_from <= day
            assert item.valid_to is None or day <= item.valid_to


def test_a_snapshot_answers_like_the_store_with_a_date(graph: MemoryStore) -> None:
    at = dt.date(2018, 6, 1)
    assert partners_for_priority(snapshot(graph, at), P4) == partners_for_priority(graph, P4, at=at)


def test_free_text_matches_priorities_in_english(graph: MemoryStore) -> None:
    answer = partners_for_priority(graph, "water", reference_date=REF)
    assert [m.priority.uid for m in answer.priorities] == WATER_PRIORITIES
    assert ranking(answer) == PARTNERS_WATER


@pytest.mark.parametrize("text", ["gospodarka wodna", "GOSPODARKA WODNA", "Gospodarka Wódna"])
def test_polish_text_matches_regardless_of_case_and_diacritics(
    graph: MemoryStore, text: str
) -> None:
    answer = partners_for_priority(graph, text, reference_date=REF)
    assert [(m.priority.uid, m.matched_on) for m in answer.priorities] == [(P4, "gospodarka wodna")]
    assert ranking(answer) == PARTNERS_P4


def test_inflected_polish_words_match_when_the_exact_form_does_not(graph: MemoryStore) -> None:
    answer = partners_for_priority(graph, "ochrona środowiska", reference_date=REF)
    assert [(m.priority.uid, m.matched_on) for m in answer.priorities] == [
        (P4, "Infrastruktura ochrony środowiska")
    ]


def test_countries_filter_keeps_partners_of_those_countries(graph: MemoryStore) -> None:
    answer = partners_for_priority(graph, P4, countries=["se"], reference_date=REF)
    assert [r.partner.uid for r in answer.results] == [SE213, KALMAR_TOWN, LNU, SE221]


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["Municipality"], [PRUSZCZ, KALMAR_TOWN]),
        (["university"], [LNU, "org:uniwersytet-gdanski"]),
    ],
)
def test_kinds_filter_by_label_or_organisation_kind(
    graph: MemoryStore, kinds: list[str], expected: list[str]
) -> None:
    answer = partners_for_priority(graph, P4, kinds=kinds, reference_date=REF)
    assert [r.partner.uid for r in answer.results] == expected


def test_limit_cuts_the_list_but_total_counts_everyone(graph: MemoryStore) -> None:
    answer = partners_for_priority(graph, P4, limit=2, reference_date=REF)
    assert [r.partner.uid for r in answer.results] == [PL63, SE213]
    assert answer.total == 8


def test_answer_echoes_parameters_and_reports_coverage(graph: MemoryStore) -> None:
    notes = [
        CoverageNote(area="projects", scope="SB 2021–2027", status="partial"),
        # concerns only twinning, which this answer does not touch
        CoverageNote(area="twinning", scope="towns", status="partial", concerns=("TWINNED_WITH",)),
    ]
    answer = partners_for_priority(graph, P4, limit=3, reference_date=REF, known_gaps=notes)
    assert answer.parameters["priority"] == P4
    assert answer.parameters["limit"] == 3
    assert answer.parameters["reference_date"] == "2024-01-01"
    coverage = answer.coverage
    assert [s.id for s in coverage.sources] == [
        "fx-agreements",
        "fx-networks",
        "fx-priorities",
        "fx-projects",
    ]
    agreements = coverage.sources[0]
    assert (agreements.document, agreements.retrieved, agreements.confidence) == (
        "fixture/agreements.pdf",
        "2024-01-15",
        "verified",
    )
    assert coverage.known_gaps == ["projects: SB 2021–2027 partial"]
    assert coverage.evidence_count == 6
    assert coverage.undated_evidence == 1
    assert [(p.start, p.end) for p in coverage.periods] == [("2004-06-01", None)]


def test_names_follow_the_language(graph: MemoryStore) -> None:
    pl = partners_for_priority(graph, P4, reference_date=REF, lang="pl").results[0]
    en = partners_for_priority(graph, P4, reference_date=REF, lang="en").results[0]
    assert (pl.partner.name, en.partner.name) == ("Pomorskie", "Pomeranian Voivodeship")
    assert pl.evidence[0].explanation == (
        "Pomorskie jest stroną porozumienia „Porozumienie Pomorskie – Kalmar” "
        "(od 01.06.2004 r.), które obejmuje priorytet „Infrastruktura ochrony środowiska”."
    )


@pytest.mark.parametrize("text", ["", "   ", "quantum teleportation"])
def test_text_that_matches_no_priority_is_a_query_error(graph: MemoryStore, text: str) -> None:
    with pytest.raises(QueryError):
        partners_for_priority(graph, text)


def test_a_uid_of_something_else_is_a_query_error(graph: MemoryStore) -> None:
    with pytest.raises(QueryError, match="not a Priority"):
        partners_for_priority(graph, PL63)


def test_an_unknown_priority_uid_is_not_found(graph: MemoryStore) -> None:
    with pytest.raises(NotFound):
        partners_for_priority(graph, "priority:nothing:1")


@pytest.mark.parametrize("limit", [0, 501])
def test_limit_out_of_range_is_a_query_error(graph: MemoryStore, limit: int) -> None:
    with pytest.raises(QueryError):
        partners_for_priority(graph, P4, limit=limit)
