"""Invariants of the curated dataset in data/: the facts every query relies on.

Each test reads the CSV files as published (and once through ``partnergraph.ingest``), so a
broken rebuild of data/ fails here before it reaches a user.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from partnergraph.ingest import read_dataset

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_a762489246058323.txt"

#: Gminy and powiaty per voivodeship, by TERC register state date (as recorded in sources.csv).
REGISTER_COUNTS = {"2020-01-01": {"22": (123, 20), "28": (116, 21)}}
VOIVODESHIP = {"22": "nuts:PL63", "28": "nuts:PL62"}
CONFIDENCE = {"verified", "inferred", "unverified"}


def rows(relative: str) -> list[dict[str, str]]:
    with (DATA / relative).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def all_node_rows() -> list[dict[str, str]]:
    return [
        r for path in sorted((DATA / "nodes").glob("*.csv")) for r in rows(f"nodes/{path.name}")
    ]


def edge_files() -> list[Path]:
    return sorted((DATA / "edges").glob("*.csv"))


def gminy() -> list[dict[str, str]]:
    return [r for r in rows("nodes/municipalities.csv") if r["uid"].startswith("teryt:")]


def part_of() -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for r in rows("edges/part_of.csv"):
        out[r["from"]].append(r["to"])
    return out


def test_dataset_loads_through_the_ingest_validator() -> None:
    dataset = read_dataset(DATA)
    assert len(dataset.nodes) > 800
    assert len(dataset.edges) > 1000


def test_terc_codes_are_well_formed_unique_and_match_the_uid() -> None:
    codes = [r["teryt"] for r in gminy()]
    assert len(codes) == len(set(codes))
    for r in gminy():
        assert re.fullmatch(r"(22|28)\d{4}[123]", r["teryt"]), r
        assert r["uid"] == f"teryt:{r['teryt']}"
        expected = {"1": "miejska", "2": "wiejska", "3": "miejsko-wiejska"}[r["teryt"][-1]]
        assert r["gmina_type"] == expected, r
    for r in rows("nodes/counties.csv"):
        assert re.fullmatch(r"(22|28)\d{2}", r["teryt"])
        assert r["uid"] == f"teryt:{r['teryt']}"


def test_every_gmina_has_its_powiat_and_every_powiat_its_voivodeship() -> None:
    parents = part_of()
    counties = {r["uid"]: r for r in rows("nodes/counties.csv")}
    for g in gminy():
        county_parents = [p for p in parents[g["uid"]] if p in counties]
        assert county_parents == [f"teryt:{g['teryt'][:4]}"], g["uid"]
    for uid, c in counties.items():
        assert VOIVODESHIP[c["teryt"][:2]] in parents[uid], uid
        assert f"nuts:{c['nuts3']}" in parents[uid], uid
        assert (c["city_with_county_rights"] == "true") == (int(c["teryt"][2:]) >= 61)


def test_counts_per_voivodeship_match_the_recorded_register_date() -> None:
    terc = [s for s in rows("sources.csv") if s["id"].startswith("terc-")]
    dates = {m.group(0) for s in terc for m in [re.search(r"\d{4}-\d{2}-\d{2}", s["note"])] if m}
    recorded = [d for d in dates if d in REGISTER_COUNTS]
    assert len(recorded) == 1, f"register date not recorded in sources.csv: {dates}"
    expected = REGISTER_COUNTS[recorded[0]]
    per_woj = Counter(r["teryt"][:2] for r in gminy())
    per_woj_counties = Counter(r["teryt"][:2] for r in rows("nodes/counties.csv"))
    assert {w: (per_woj[w], per_woj_counties[w]) for w in expected} == expected


def test_no_dangling_references_and_every_fact_is_sourced() -> None:
    sources = {s["id"]: s for s in rows("sources.csv")}
    for s in sources.values():
        assert bool(s["url"]) != bool(s["document"]), s["id"]
        assert s["confidence"] in CONFIDENCE
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", s["retrieved"])
    uids = set()
    for r in all_node_rows():
        cited = r["sources"].split("|")
        assert cited != [""], r["uid"]
        assert set(cited) <= set(sources), r["uid"]
        uids.add(r["uid"])
    for path in edge_files():
        for r in rows(f"edges/{path.name}"):
            assert r["from"] in uids, (path.name, r)
            assert r["to"] in uids, (path.name, r)
            cited = r["sources"].split("|")
            assert cited != [""], (path.name, r)
            assert set(cited) <= set(sources), (path.name, r)


def test_pomorskie_priorities_are_the_thirteen_of_2008_verbatim() -> None:
    prio = [
        r
        for r in rows("nodes/priorities.csv")
        if r["uid"].startswith("priority:pomorskie-priorytety-2008:")
    ]
    assert sorted(int(r["code"]) for r in prio) == list(range(1, 14))
    defined = {
        r["to"]
        for r in rows("edges/defines.csv")
        if r["from"] == "strategy:pomorskie-priorytety-2008"
    }
    assert defined == {r["uid"] for r in prio}
    for r in prio:
        assert r["name_en"], r["uid"]
        assert len(r["keywords"].split("|")) >= 4, r["uid"]
    if not SEED.is_file():
        pytest.skip("seed text not available next to the repository")
    text = SEED.read_text(encoding="utf-8")
    for r in prio:
        assert r["name"] in text, r["uid"]
    first = next(r for r in prio if r["code"] == "3")
    assert first["name"] == "Wspieranie rozwoju innowacji i nowoczesnych technologii"


def test_twinning_links_start_in_the_two_voivodeships_without_duplicates() -> None:
    links = rows("edges/twinned_with.csv")
    pairs = [frozenset((r["from"], r["to"])) for r in links]
    assert len(pairs) == len(set(pairs))
    for r in links:
        assert re.fullmatch(r"teryt:(22|28)\d{5}", r["from"]), r
    assert frozenset(("teryt:2261011", "town:SE:kalmar")) in pairs  # "Kalmar Municipality" too
    assert frozenset(("teryt:2262011", "town:SE:karlskrona")) in pairs
    assert frozenset(("teryt:2861011", "town:RU:baltiysk")) in pairs
    kalmar = [r for r in rows("nodes/municipalities.csv") if r["uid"].startswith("town:SE:kalmar")]
    assert len(kalmar) == 1


def test_kaliningrad_is_suspended_in_the_erb_since_2_march_2022() -> None:
    kgd = [
        r
        for r in rows("edges/member_of.csv")
        if r["from"] == "iso:RU-KGD" and r["to"] == "network:euroregion-baltic"
    ]
    by_status = {r["status"]: r for r in kgd}
    assert by_status["suspended"]["valid_from"] == "2022-03-02"
    assert by_status["active"]["valid_to"] == "2022-03-01"


def test_agreement_scope_is_only_where_a_source_lists_it() -> None:
    sources = {s["id"]: s for s in rows("sources.csv")}
    for r in rows("edges/covers.csv"):
        cited = r["sources"].split("|")
        assert any(sources[c]["confidence"] == "verified" for c in cited), r
        assert r["note"].startswith("Area named in the source:"), r


def test_polish_project_partners_are_located_in_poland_or_are_gminy() -> None:
    located = defaultdict(set)
    for r in rows("edges/located_in.csv"):
        located[r["from"]].add(r["to"])
    orgs = {r["uid"]: r for r in rows("nodes/organisations.csv")}
    for r in rows("edges/participates_in.csv"):
        actor = r["from"]
        if actor in orgs and orgs[actor]["country"] == "PL":
            assert located[actor], actor
        assert not actor.startswith("town:PL:"), actor
