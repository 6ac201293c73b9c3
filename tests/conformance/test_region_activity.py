"""region_activity on both stores, hand-counted on the bundled data.

Pomorskie (nuts:PL63) in data/edges/participates_in.csv, following LOCATED_IN and PART_OF:
- Samorząd Województwa Pomorskiego (seated in nuts:PL63 itself): Seagull II (2005, IIIB BSR);
- Słupsk (teryt:2263011, powiat 2263 → NUTS 3 PL636 Słupski): CaSYPoT (2016, SB 2014–2020);
- Innobaltica (seated in Gdynia → powiat 2262 → PL633 Trójmiejski): INTERCONNECT (2017, SB);
- Politechnika Gdańska (Gdańsk → powiat 2261 → PL633): SB-YCGN (2017, SB), WaterMan (2023, BSR
  2021–2027).
So 5 projects, 5 partner rows, 4 partners; PL633 3 rows of 2 partners, PL636 1, PL63 itself 1;
South Baltic 2014–2020 alone: 3 projects, 3 rows, 3 partners.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from partnergraph.errors import QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.loader import load_directory
from partnergraph.queries import partners_for_priority
from partnergraph.queries.gaps import coverage_matrix
from partnergraph.queries.regions import region_activity, region_activity_csv

SB1420 = "programme:interreg-south-baltic-2014-2020"


@pytest.fixture
def bundled(store: GraphStore, bundled_data: Path) -> GraphStore:
    load_directory(store, bundled_data)
    return store


def test_pomorskie_projects_are_counted_by_subregion_programme_and_year(
    bundled: GraphStore,
) -> None:
    answer = region_activity(bundled, "nuts:PL63", lang="en")
    totals = answer.totals
    assert (totals.projects, totals.partner_rows, totals.partners) == (5, 5, 4)
    assert [(b.key, b.projects, b.partner_rows, b.partners) for b in answer.by_subregion] == [
        ("nuts:PL633", 3, 3, 2),
        ("nuts:PL63", 1, 1, 1),
        ("nuts:PL636", 1, 1, 1),
    ]
    assert [(b.key, b.projects) for b in answer.by_year] == [
        ("2005", 1),
        ("2016", 1),
        ("2017", 2),
        ("2023", 1),
    ]
    assert {b.key: b.projects for b in answer.by_programme} == {
        SB1420: 3,
        "programme:interreg-bsr-2021-2027": 1,
        "programme:interreg-iiib-bsr-2000-2006": 1,
    }
    assert answer.results[0].project.uid == "project:interreg-iiib-bsr-2000-2006:seagull-ii"


def test_one_programme_and_a_period_narrow_the_count(bundled: GraphStore) -> None:
    south_baltic = region_activity(bundled, "nuts:PL63", programme=SB1420)
    assert (south_baltic.totals.projects, south_baltic.totals.partners) == (3, 3)
    # WaterMan (2023–2025) is the only one running in 2024
    running = region_activity(bundled, "nuts:PL63", at=dt.date(2024, 6, 1))
    assert [r.project.uid for r in running.results] == ["project:interreg-bsr-2021-2027:waterman"]
    period = region_activity(
        bundled, "nuts:PL63", period=(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    )
    assert period.totals.projects == 3  # CaSYPoT, INTERCONNECT, SB-YCGN ran in 2019


def test_a_gmina_is_a_region_of_its_own(bundled: GraphStore) -> None:
    answer = region_activity(bundled, "teryt:2263011")
    assert [r.project.uid for r in answer.results] == [
        "project:interreg-south-baltic-2014-2020:casypot"
    ]
    assert [b.key for b in answer.by_subregion] == ["teryt:2263011"]


def test_the_csv_has_the_totals_and_every_breakdown(bundled: GraphStore) -> None:
    text = region_activity_csv(region_activity(bundled, "nuts:PL63", programme=SB1420))
    lines = text.splitlines()
    assert lines[0] == "breakdown,key,name,projects,partner_rows,partners"
    assert lines[1] == "totals,nuts:PL63,Pomorskie,3,3,3"
    assert {line.split(",")[0] for line in lines[1:]} == {
        "totals",
        "by_subregion",
        "by_country",
        "by_programme",
        "by_year",
    }


def test_what_is_not_a_territory_is_refused(bundled: GraphStore) -> None:
    with pytest.raises(QueryError, match="give a Region"):
        region_activity(bundled, "org:biser")
    with pytest.raises(QueryError, match="not a Programme"):
        region_activity(bundled, "nuts:PL63", programme="nuts:PL62")


def test_partners_for_a_priority_can_be_kept_to_one_region(bundled: GraphStore) -> None:
    # South Baltic 2014–2020 objective 5.1 (UMBRELLA's): of its partners only the association,
    # seated in Elbląg (teryt:2861011 → powiat 2861 → NUTS 3 PL621 → PL62), lies in
    # Warmińsko-Mazurskie.
    priority = "priority:interreg-south-baltic-2014-2020:so5.1"
    everyone = partners_for_priority(bundled, priority, reference_date=dt.date(2026, 12, 6))
    assert len(everyone.results) > 1
    warmia = partners_for_priority(
        bundled, priority, region="nuts:PL62", reference_date=dt.date(2026, 12, 6)
    )
    assert [r.partner.uid for r in warmia.results] == [
        "org:stowarzyszenie-gmin-rp-euroregion-baltyk"
    ]
    assert warmia.parameters["region"] == "nuts:PL62"


def test_the_coverage_matrix_can_be_kept_to_one_region_or_country(bundled: GraphStore) -> None:
    # Warmińsko-Mazurskie (nuts:PL62) in the bundled data: the association (seated in Elbląg)
    # leads UMBRELLA (SB 2014–2020 objective 5.1) and sits on the ERB Youth Board (which
    # focuses on Pomorskie's priority 13, aligned with 5.1): 2 items, 1 partner in row 5.1.
    # Seagull II (IIIB BSR priority 3) had two partners from the voivodeship: its
    # self-government and the association: 2 items, 2 partners. Nobody from outside PL62.
    answer = coverage_matrix(bundled, region="nuts:PL62", lang="en")
    rows = {row.priority.uid: row for row in answer.results if row.cells}
    assert answer.columns == ["PL"]
    so51 = rows["priority:interreg-south-baltic-2014-2020:so5.1"].cells["PL"]
    assert (so51.evidence, so51.partners) == (2, 1)
    seagull = rows["priority:interreg-iiib-bsr-2000-2006:3"]
    assert (seagull.cells["PL"].evidence, seagull.cells["PL"].partners) == (2, 2)
    assert {item.from_uid for item in seagull.evidence} == {
        "project:interreg-iiib-bsr-2000-2006:seagull-ii"
    }
    assert answer.parameters["region"] == "nuts:PL62"
    # The whole matrix has many more rows and columns than the region's share of it.
    everything = coverage_matrix(bundled, lang="en")
    assert len(everything.columns) > 1
    assert sum(1 for row in everything.results if row.cells) > len(rows)
    # A country filter keeps one column: Swedish partners only.
    swedish = coverage_matrix(bundled, countries=["se"], lang="en")
    assert swedish.columns == ["SE"]
    assert swedish.parameters["countries"] == ["SE"]
    with pytest.raises(QueryError, match="give a Region"):
        coverage_matrix(bundled, region="org:biser")
