"""suggest_partners: unconnected, still active actors ranked by the documented score, each
with the reason (the score's rules on the bundled data: test_suggest_rules.py)."""

from __future__ import annotations

import networkx as nx
import pytest

from partnergraph.errors import NotFound, QueryError
from partnergraph.graph.memory import MemoryStore
from partnergraph.queries import suggest_partners
from partnergraph.queries.projection import build_projection
from tests.queries.expected import (
    DK014,
    P4,
    PL63,
    PRUSZCZ,
    REF,
    STAWIGUDA,
    STOW,
    SUGGEST_ANY,
    SUGGEST_P4,
    SUGGEST_P4_SCORE,
    UG,
)


def ranking(answer: object) -> list[tuple[str, float]]:
    return [(r.actor.uid, r.adamic_adar) for r in answer.results]  # type: ignore[attr-defined]


def test_candidates_covering_a_priority_are_ranked_by_score(graph: MemoryStore) -> None:
    answer = suggest_partners(graph, STAWIGUDA, priority=P4, reference_date=REF)
    assert ranking(answer) == [(uid, round(aa, 6)) for uid, aa in SUGGEST_P4]
    assert [r.score for r in answer.results] == SUGGEST_P4_SCORE
    assert [r.priority_score for r in answer.results] == [4.125, 3.75, 0.9375, 1.0, 1.0]
    assert answer.excluded == 1  # Uniwersytet Gdański: inactive since MOMENT ended in 2013


def test_inactive_candidates_are_shown_when_asked(graph: MemoryStore) -> None:
    answer = suggest_partners(
        graph, STAWIGUDA, priority=P4, reference_date=REF, include_inactive=True
    )
    last = answer.results[-1]
    assert (last.actor.uid, last.standing, answer.excluded) == (UG, "inactive", 0)
    # 0.20 × 0.5 ** (10.5 / 5): MOMENT ended 2013-06-29, 10.5 years before REF
    assert (last.score, last.factors.recency_years) == (0.047, 10.5)


def test_already_connected_actors_are_never_suggested(graph: MemoryStore) -> None:
    answer = suggest_partners(graph, STAWIGUDA, priority=P4, reference_date=REF)
    assert PRUSZCZ not in {r.actor.uid for r in answer.results}  # co-member of the association


def test_without_a_priority_partners_of_partners_are_suggested(graph: MemoryStore) -> None:
    answer = suggest_partners(graph, STAWIGUDA, reference_date=REF)
    assert ranking(answer) == [(uid, round(aa, 6)) for uid, aa in SUGGEST_ANY]
    assert all(r.priority_score is None for r in answer.results)


def test_adamic_adar_agrees_with_networkx_on_the_projection(graph: MemoryStore) -> None:
    projection = build_projection(graph.carrier_groups())
    answer = suggest_partners(graph, STAWIGUDA, k=20)
    pairs = [(STAWIGUDA, r.actor.uid) for r in answer.results]
    expected = {v: round(p, 6) for _, v, p in nx.adamic_adar_index(projection, pairs)}
    assert {r.actor.uid: r.adamic_adar for r in answer.results} == expected


def test_each_suggestion_gives_its_reason_and_evidence(graph: MemoryStore) -> None:
    first = suggest_partners(graph, STAWIGUDA, priority=P4, reference_date=REF, lang="en").results[
        0
    ]
    assert first.actor.uid == PL63
    assert [c.uid for c in first.common_neighbours] == [DK014, STOW]
    assert first.reason == (
        "Covers “Environmental infrastructure” (score 4.125: agreements 1, memberships 1, "
        "projects 1). Active in 2024; 2 common partners: Bornholm, Association of Polish "
        "Communes Euroregion Baltic."
    )
    assert first.factors.model_dump() == {
        "shared_priorities": 0,
        "recency_years": 0.0,
        "same_programme_area": False,
        "adamic_adar": 0.969018,
    }
    ties = first.evidence[3:]
    assert [t.explanation for t in ties] == [
        "Pomeranian Voivodeship and Bornholm are both members of Euroregion Baltic "
        "(since 1998-02-22).",
        "Pomeranian Voivodeship and Association of Polish Communes Euroregion Baltic are both "
        "members of Euroregion Baltic (since 1998-02-22).",
    ]
    assert [s.from_uid for s in ties[0].supporting] == [DK014]


def test_reason_in_polish(graph: MemoryStore) -> None:
    last = suggest_partners(
        graph, STAWIGUDA, priority=P4, reference_date=REF, include_inactive=True
    ).results[-1]
    assert last.reason.endswith(
        "Ostatnio aktywny w 2013 r.; brak wspólnych partnerów; status: nieaktywny."
    )


def test_k_limits_the_list_but_total_counts_every_candidate(graph: MemoryStore) -> None:
    answer = suggest_partners(graph, STAWIGUDA, k=3, reference_date=REF)
    assert [r.actor.uid for r in answer.results] == [uid for uid, _ in SUGGEST_ANY[:3]]
    assert answer.total == len(SUGGEST_ANY)


def test_suggestions_are_for_actors_only(graph: MemoryStore) -> None:
    with pytest.raises(QueryError, match="Priority"):
        suggest_partners(graph, P4)


def test_unknown_actor_is_not_found(graph: MemoryStore) -> None:
    with pytest.raises(NotFound):
        suggest_partners(graph, "org:nobody")


@pytest.mark.parametrize("k", [0, 101])
def test_k_out_of_range_is_a_query_error(graph: MemoryStore, k: int) -> None:
    with pytest.raises(QueryError):
        suggest_partners(graph, STAWIGUDA, k=k)
