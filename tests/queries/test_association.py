"""The association at a glance, on the bundled data (hand-checked in data/edges/member_of.csv)."""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import gap_notes, read_coverage
from partnergraph.queries.association import (
    ASSOCIATION,
    AssociationOverview,
    association_overview,
    members_over_time,
)
from partnergraph.queries.membership import members_on
from partnergraph.settings import Settings, default_data_dir
from partnergraph.stores import open_store

DAY = dt.date(2024, 6, 1)

#: Member gminy a source confirms in 2023-2024 (member_of.csv: status active, confirmed
#: 2023-03-24 … 2024-05-23, no end): 11, the "11 of 41" of data/coverage.csv.
CURRENT = {
    "teryt:2209011": "Malbork",
    "teryt:2211031": "Puck",
    "teryt:2261011": "Gdańsk",
    "teryt:2262011": "Gdynia",
    "teryt:2801052": "Górowo Iławeckie",
    "teryt:2802011": "Braniewo",
    "teryt:2804032": "Gronowo Elbląskie",
    "teryt:2811043": "Nidzica",
    "teryt:2814112": "Stawiguda",
    "teryt:2861011": "Elbląg",
    "teryt:2862011": "Olsztyn",
}


@pytest.fixture(scope="module")
def bundled() -> GraphStore:
    return open_store(Settings(store="memory"))


@pytest.fixture(scope="module")
def overview(bundled: GraphStore) -> AssociationOverview:
    notes = gap_notes(read_coverage(default_data_dir()))
    return association_overview(bundled, at=DAY, lang="pl", notes=notes)


def test_current_members_are_the_eleven_the_sources_confirm(
    bundled: GraphStore, overview: AssociationOverview
) -> None:
    assert {m.member.uid: m.member.name for m in overview.members} == CURRENT
    active = [m for m in members_on(bundled, ASSOCIATION, DAY) if m.status == "active"]
    assert len(overview.members) == len(active) == overview.gminy_confirmed == 11
    assert overview.reported_members == 41
    gdynia = next(m for m in overview.members if m.member.uid == "teryt:2262011")
    assert gdynia.teryt == "2262011"
    assert gdynia.gmina_type == "miejska"
    assert gdynia.powiat is not None
    assert gdynia.powiat.uid == "teryt:2262"
    assert gdynia.since == "1997-12-22"
    assert gdynia.confirmed == "2024-05-23"
    assert gdynia.sources


def test_founders_known_only_from_1997_are_not_confirmed_since_not_current(
    overview: AssociationOverview,
) -> None:
    unconfirmed = {m.member.uid: m for m in overview.unconfirmed}
    # Koczała (teryt:2203052): founder, confirmed only on 1997-12-22
    assert unconfirmed["teryt:2203052"].until == "1997-12-22"
    assert unconfirmed["teryt:2203052"].status == "unconfirmed"
    assert "teryt:2203052" not in {m.member.uid for m in overview.members}
    assert not set(unconfirmed) & {m.member.uid for m in overview.members}
    # unconfirmed is not a departure
    assert not set(unconfirmed) & {m.member.uid for m in overview.left}


def test_gmina_ostroda_left(overview: AssociationOverview) -> None:
    assert [m.member.uid for m in overview.left] == ["teryt:2815092"]
    assert overview.left[0].status == "ended"


def test_on_2015_the_board_seats_of_that_year_confirm_members(bundled: GraphStore) -> None:
    answer = association_overview(bundled, at=dt.date(2015, 12, 31), history=False)
    uids = {m.member.uid for m in answer.members}
    assert {"teryt:2204062", "teryt:2212011", "teryt:2808011"} <= uids  # boards of 2015
    assert "teryt:2815092" in {m.member.uid for m in answer.left}
    assert "teryt:2804032" not in uids  # Gronowo Elbląskie joined in 2024
    assert {s.term for s in answer.board} == {"2015"}


def test_board_projects_networks_and_links_abroad(overview: AssociationOverview) -> None:
    chair = next(s for s in overview.board if s.role.startswith("chair"))
    assert chair.gmina.uid == "teryt:2861011"
    assert chair.term == "2024"
    assert len(overview.board) == 9
    assert {"network:euroregion-baltic", "network:erb-presidency"} <= {
        n.network.uid for n in overview.networks
    }
    waterman = next(p for p in overview.projects if p.project.uid.endswith(":waterman"))
    assert [g.uid for g in waterman.members] == ["teryt:2802011"]
    assert waterman.programme is not None
    assert "teryt:2802011" not in {g.uid for g in overview.without_project}
    gdynia = next(a for a in overview.abroad if a.gmina.uid == "teryt:2262011")
    kaliningrad = next(x for x in gdynia.links if x.partner.uid == "town:RU:kaliningrad")
    assert kaliningrad.kind == "twinning"
    assert kaliningrad.status == "unverified"
    assert kaliningrad.sources
    braniewo = next(a for a in overview.abroad if a.gmina.uid == "teryt:2802011")
    assert any(x.kind == "project" and x.detail for x in braniewo.links)


def test_coverage_note_on_the_member_list_is_carried(overview: AssociationOverview) -> None:
    assert overview.member_coverage.status == "partial"
    assert any("11 of 41" in note for note in overview.member_coverage.notes)
    assert any(note.startswith("association: member gminy") for note in overview.coverage_notes)


def test_members_over_time_counts_what_a_source_confirms(bundled: GraphStore) -> None:
    counts = {y.year: y.gminy for y in members_over_time(bundled, until=DAY)}
    assert counts[1997] == 15  # founders recorded (Słupsk and Postomino are not)
    assert counts[2024] == 11
    assert counts[2010] == 4  # Gdynia, Elbląg, Ustka (founder, board 2015), Ostróda


def test_unknown_uid_is_not_found(bundled: GraphStore) -> None:
    from partnergraph.errors import NotFound

    with pytest.raises(NotFound):
        association_overview(bundled, "org:nope", at=DAY)
