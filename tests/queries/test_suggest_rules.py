"""Suggestions a secretariat would act on: standing rules, no flat ties, reasons that name
their factors — on the bundled data and on small hand-built graphs."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from partnergraph.model import NodeLabel, RelType
from partnergraph.queries import suggest_partners
from partnergraph.queries.evidence import GraphReader
from partnergraph.queries.standing import Standing, standing
from partnergraph.queries.suggest import RECENCY_HALF_LIFE_YEARS, WEIGHTS
from tests.conformance.builders import edge, node
from tests.conformance.test_standing_statuses import load_standing_example

ELBLAG = "teryt:2861011"
KALININGRAD = "iso:RU-KGD"
ASSOCIATION = "org:stowarzyszenie-gmin-rp-euroregion-baltyk"
DAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def bundled() -> MemoryStore:
    from partnergraph.settings import default_data_dir

    store = MemoryStore()
    load_directory(store, Path(default_data_dir()))
    return store


# -- on the bundled data ------------------------------------------------------------------


@pytest.mark.parametrize("day", [DAY, None])
def test_kaliningrad_is_never_suggested_while_suspended(
    bundled: MemoryStore, day: dt.date | None
) -> None:
    answer = suggest_partners(bundled, ELBLAG, k=100, reference_date=day)
    assert KALININGRAD not in {r.actor.uid for r in answer.results}
    assert answer.excluded > 0


def test_kaliningrad_is_shown_with_its_standing_when_asked(bundled: MemoryStore) -> None:
    answer = suggest_partners(
        bundled, ELBLAG, k=100, reference_date=DAY, include_inactive=True, lang="en"
    )
    found = {r.actor.uid: r for r in answer.results}
    assert found[KALININGRAD].standing == "suspended"
    assert found[KALININGRAD].reason.endswith("; standing: suspended.")
    assert answer.excluded == 0


def test_before_the_suspension_kaliningrad_is_a_candidate(bundled: MemoryStore) -> None:
    answer = suggest_partners(bundled, ELBLAG, k=100, reference_date=dt.date(2021, 6, 1))
    assert KALININGRAD in {r.actor.uid for r in answer.results}


def test_the_top_suggestions_are_not_all_tied(bundled: MemoryStore) -> None:
    results = suggest_partners(bundled, ELBLAG, reference_date=DAY, lang="en").results
    scores = [r.score for r in results]
    assert len(results) == 10
    assert len(set(scores)) > 1
    assert scores == sorted(scores, reverse=True)


def test_elblag_first_suggestion_worked_by_hand(bundled: MemoryStore) -> None:
    # Region Kalmar County shares three partners with Elbląg in the projection: the
    # Warmińsko-Mazurskie self-government (|Γ| = 42), the association (|Γ| = 81: its member
    # gminy, bodies and project partners) and Braniewo (|Γ| = 44, a fellow board member and
    # project partner of Kalmar): aa = 1/ln 42 + 1/ln 81 + 1/ln 44. Elbląg has no priority
    # evidence of its own (s = 0); Kalmar is an ERB member (ongoing: recency 1) in Kalmar län,
    # in the Interreg South Baltic 2014–2020 area like Elbląg (powiat 2861 → PL621):
    # 0.30·aa/(aa+1) + 0.20 + 0.15 = 0.479.
    first = suggest_partners(bundled, ELBLAG, reference_date=DAY, lang="en").results[0]
    aa = 1 / math.log(42) + 1 / math.log(81) + 1 / math.log(44)
    assert first.actor.uid == "org:region-kalmar-lan"
    assert first.factors.adamic_adar == round(aa, 6)
    assert first.factors.shared_priorities == 0
    assert first.factors.recency_years == 0.0
    assert first.factors.same_programme_area
    assert first.score == round(0.30 * aa / (aa + 1) + 0.20 + 0.15, 3) == 0.479
    assert first.reason == (
        "Active in 2026; both in the Interreg South Baltic Programme 2014-2020 area; "
        "3 common partners: Warmińsko-Mazurskie Voivodeship (regional self-government), "
        "Association of Polish Communes Euroregion Baltic, Braniewo."
    )


def test_reasons_name_the_factors_that_contributed(bundled: MemoryStore) -> None:
    for lang, area, common in (
        ("en", "both in the", "common partner"),
        ("pl", "oba podmioty w obszarze", "wspólni partnerzy"),
    ):
        results = suggest_partners(bundled, ELBLAG, reference_date=DAY, lang=lang).results  # type: ignore[arg-type]
        for r in results:
            assert (area in r.reason) == r.factors.same_programme_area
            assert (common in r.reason) == (r.factors.adamic_adar > 0)
            assert r.programmes or not r.factors.same_programme_area


def test_the_score_is_the_documented_combination(bundled: MemoryStore) -> None:
    for actor in (ELBLAG, ASSOCIATION, "org:samorzad-wojewodztwa-pomorskiego"):
        for r in suggest_partners(bundled, actor, reference_date=DAY, k=100).results:
            f = r.factors
            s, aa = f.shared_priorities, f.adamic_adar
            recency = 0.0 if f.recency_years is None else 0.5 ** (f.recency_years / 5)
            expected = (
                WEIGHTS["shared_priorities"] * s / (s + 1)
                + WEIGHTS["adamic_adar"] * aa / (aa + 1)
                + WEIGHTS["recency"] * recency
                + WEIGHTS["same_programme_area"] * f.same_programme_area
            )
            assert r.score == pytest.approx(round(expected, 3), abs=1e-9)
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
    assert RECENCY_HALF_LIFE_YEARS == 5


# -- shared priorities, on a hand-built graph ---------------------------------------------


def _shared_graph() -> MemoryStore:
    """me and hub share project P0 (2020–2022); hub is also in P1 with c1 and P2 with c2.
    me works on priorities X and Y; c1 on X and Y (P1), c2 on nothing."""
    store = MemoryStore()
    store.upsert_nodes(
        [
            node("org:me"),
            node("org:hub"),
            node("org:c1"),
            node("org:c2"),
            node("project:p0", NodeLabel.PROJECT, valid_from="2020-01-01", valid_to="2022-12-31"),
            node("project:p1", NodeLabel.PROJECT, valid_from="2021-01-01", valid_to="2023-12-31"),
            node("project:p2", NodeLabel.PROJECT, valid_from="2021-01-01", valid_to="2023-12-31"),
            node("priority:x", NodeLabel.PRIORITY),
            node("priority:y", NodeLabel.PRIORITY),
        ]
    )
    part = RelType.PARTICIPATES_IN
    store.upsert_edges(
        [
            edge("org:me", "project:p0", part),
            edge("org:hub", "project:p0", part),
            edge("org:hub", "project:p1", part),
            edge("org:c1", "project:p1", part),
            edge("org:hub", "project:p2", part),
            edge("org:c2", "project:p2", part),
            edge("project:p0", "priority:x", RelType.ADDRESSES),
            edge("project:p0", "priority:y", RelType.ADDRESSES),
            edge("project:p1", "priority:x", RelType.ADDRESSES),
            edge("project:p1", "priority:y", RelType.ADDRESSES),
        ]
    )
    return store


def test_shared_priorities_break_what_proximity_cannot() -> None:
    # c1 and c2 are both partners of hub (|Γ(hub)| = 3): aa = 1/ln 3 for both. c1 shares X
    # and Y (s = 2: 0.35·2/3); both last acted 2023-12-31, 0.5 years before 2024-07-01.
    answer = suggest_partners(_shared_graph(), "org:me", reference_date=dt.date(2024, 7, 1))
    first, second = answer.results
    assert [first.actor.uid, second.actor.uid] == ["org:c1", "org:c2"]
    aa = 1 / math.log(3)
    recency = 0.5 ** (0.5 / 5)
    assert first.factors.shared_priorities == 2
    assert first.factors.recency_years == second.factors.recency_years == 0.5
    assert first.score == round(0.35 * 2 / 3 + 0.30 * aa / (aa + 1) + 0.20 * recency, 3)
    assert second.score == round(0.30 * aa / (aa + 1) + 0.20 * recency, 3)
    assert first.reason.startswith("Wspólne priorytety (2): „PRIORITY:X”, „PRIORITY:Y”")
    assert [p.uid for p in first.shared_priorities] == ["priority:x", "priority:y"]


# -- standing, on a hand-built graph ------------------------------------------------------


def _standing_graph() -> GraphReader:
    return GraphReader(load_standing_example(MemoryStore()).to_networkx())


@pytest.fixture(scope="module")
def small() -> GraphReader:
    return _standing_graph()


def _of(reader: GraphReader, uid: str, day: dt.date) -> Standing:
    return standing(reader, reader.node(uid), day)


def test_suspended_membership_and_nothing_else_current(small: GraphReader) -> None:
    found = _of(small, "org:kgd", dt.date(2024, 1, 1))
    assert found.status == "suspended"
    assert [(e.target, e.key) for e in found.rests_on] == [("network:erb", "s")]
    assert not found.current
    assert _of(small, "org:kgd", dt.date(2021, 1, 1)).status == "active"


def test_ended_when_the_actor_ceased_to_exist(small: GraphReader) -> None:
    found = _of(small, "org:gone", dt.date(2024, 1, 1))
    assert (found.status, found.last_seen, found.rests_on) == ("ended", "2010-12-31", ())


def test_ended_when_every_membership_ended(small: GraphReader) -> None:
    found = _of(small, "org:left", dt.date(2022, 1, 1))
    assert found.status == "ended"
    assert [e.source for e in found.rests_on] == ["org:left"]
    # a project that ended in the last five years keeps an actor active
    busy = _of(small, "org:left-busy", dt.date(2023, 1, 1))
    assert busy.status == "active"
    assert [e.target for e in busy.rests_on] == ["network:erb", "project:new"]


def test_inactive_when_nothing_in_five_years(small: GraphReader) -> None:
    assert _of(small, "org:old", dt.date(2015, 1, 1)).status == "inactive"
    assert _of(small, "org:old", dt.date(2012, 12, 31)).status == "active"  # ended 2007-12-31
    assert _of(small, "org:old", dt.date(2013, 1, 1)).status == "inactive"


def test_active_on_the_day_and_recently(small: GraphReader) -> None:
    during = _of(small, "org:recent", dt.date(2020, 6, 1))
    assert (during.status, during.last_seen) == ("active", "2020-06-01")
    after = _of(small, "org:recent", dt.date(2023, 12, 31))
    assert (after.status, after.last_seen) == ("active", "2021-12-31")
    assert _of(small, "org:recent", dt.date(2027, 1, 1)).status == "inactive"


def test_unknown_without_dated_evidence_but_a_stated_status_counts(small: GraphReader) -> None:
    assert _of(small, "org:twin", DAY).status == "unknown"
    assert _of(small, "org:lonely", DAY).status == "unknown"
    assert _of(small, "org:twin", DAY).current
    assert _of(small, "org:said", DAY).status == "active"
