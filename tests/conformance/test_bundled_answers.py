"""The cases of issue 15 on the bundled data, on both stores: the answers a Pomorskie policy
officer reads first. Expectations are worked out from data/ by hand (see each comment)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import gap_notes, read_coverage
from partnergraph.ingest.loader import load_directory
from partnergraph.queries import connection_paths, inactive_partners, partners_for_priority
from partnergraph.queries.association import association_overview
from partnergraph.queries.membership import members_on

DAY = dt.date(2026, 12, 6)
GRONOWO, KALMAR_LAN = "teryt:2804032", "nuts:SE213"
SAMORZAD = "org:samorzad-wojewodztwa-pomorskiego"


@pytest.fixture
def bundled(store: GraphStore, bundled_data: Path) -> GraphStore:
    load_directory(store, bundled_data)
    return store


def test_pomorskie_is_not_its_own_partner_for_water_management(bundled: GraphStore) -> None:
    answer = partners_for_priority(bundled, "gospodarka wodna", reference_date=DAY)
    ranked = [r.partner.uid for r in answer.results]
    # the Sejmik adopted the 2008 priorities for the Samorząd, which governs nuts:PL63
    assert [ref.uid for ref in answer.excluded_owners] == [
        "nuts:PL63",
        SAMORZAD,
        "org:sejmik-wojewodztwa-pomorskiego",
    ]
    assert SAMORZAD not in ranked
    assert "nuts:PL63" not in ranked
    # Middle Franconia: two agreements in force that cover priority 4 (3 + 3)
    assert (answer.results[0].partner.uid, answer.results[0].score) == ("nuts:DE25", 6.0)
    asked = partners_for_priority(
        bundled, "gospodarka wodna", reference_date=DAY, include_owners=True
    )
    assert SAMORZAD in [r.partner.uid for r in asked.results]


def test_gronowo_reaches_kalmar_only_through_chains_that_held(bundled: GraphStore) -> None:
    answer = connection_paths(bundled, GRONOWO, KALMAR_LAN, k=3, lang="en")
    assert all(r.co_existing for r in answer.results)
    # the association's presidency (2020-02-12 – 2021-02-11) and Kalmar's (2018) never met
    assert not any("network:erb-presidency" in [n.uid for n in r.nodes] for r in answer.results)
    # Gronowo joined the association in 2024: every chain through it held from 2024 on
    assert all(r.held and (r.held[0].start or "") >= "2024" for r in answer.results)
    historical = connection_paths(bundled, GRONOWO, KALMAR_LAN, k=3, historical=True)
    through_presidency = [
        r for r in historical.results if "network:erb-presidency" in [n.uid for n in r.nodes]
    ]
    assert [r.co_existing for r in through_presidency] == [False]


def test_active_erb_members_are_not_partners_without_recent_activity(
    bundled: GraphStore,
) -> None:
    answer = inactive_partners(bundled, at=DAY, scope="all")
    listed = {r.partner.uid for r in answer.results}
    assert not listed & {"org:region-blekinge", "org:region-kalmar-lan", "org:region-kronoberg"}


def test_erb_members_today_are_nine_active_and_kaliningrad_suspended(
    bundled: GraphStore,
) -> None:
    members = members_on(bundled, "network:euroregion-baltic", DAY)
    active = [m.member.uid for m in members if m.status == "active"]
    assert len(active) == 9
    assert [m.member.uid for m in members if m.status == "suspended"] == ["iso:RU-KGD"]
    # one presidency at a time: Region Kronoberg held it during 2024
    holders = members_on(bundled, "network:erb-presidency", dt.date(2024, 6, 1))
    assert [m.member.uid for m in holders] == ["org:region-kronoberg"]


def test_a_path_carries_the_coverage_notes_about_what_it_touched(
    bundled: GraphStore, bundled_data: Path
) -> None:
    notes = gap_notes(read_coverage(bundled_data))
    answer = connection_paths(bundled, GRONOWO, KALMAR_LAN, k=1, known_gaps=notes)
    gaps = answer.coverage.known_gaps
    assert any(gap.startswith("association: member gminy") for gap in gaps)
    assert not any(gap.startswith("twinning") for gap in gaps)
    assert not any(gap.startswith("agreements") for gap in gaps)


@pytest.mark.neo4j
def test_the_association_overview_is_the_same_on_both_stores(
    both: tuple[MemoryStore, Neo4jStore], bundled_data: Path
) -> None:
    memory, neo4j = both
    for target in (memory, neo4j):
        load_directory(target, bundled_data)
    for day in (dt.date(2015, 6, 1), dt.date(2024, 6, 1)):
        for lang in ("pl", "en"):
            answers = [
                association_overview(target, at=day, lang=lang).model_dump(mode="json")  # type: ignore[arg-type]
                for target in (memory, neo4j)
            ]
            assert answers[0] == answers[1]
    # Hand count (data/edges/member_of.csv): 11 gminy confirmed in 2023–2024
    current = association_overview(memory, at=dt.date(2024, 6, 1)).members
    assert len(current) == 11
