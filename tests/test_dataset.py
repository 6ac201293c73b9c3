"""Invariants of the curated dataset in data/: the facts every query relies on.

Each test reads the CSV files as published (and once through ``partnergraph.ingest``), so a
broken rebuild of data/ fails here before it reaches a user.
"""

from __future__ import annotations

import csv
import itertools
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


def _start(value: str) -> str:
    """First day of a (partial) valid_from date."""
    return {4: f"{value}-01-01", 7: f"{value}-01"}.get(len(value), value)


def _end(value: str) -> str:
    """Last day of a (partial) valid_to date (months rounded up to day 31: order is kept)."""
    return {4: f"{value}-12-31", 7: f"{value}-31"}.get(len(value), value)


def test_counts_per_voivodeship_match_the_recorded_register_date() -> None:
    terc = [s for s in rows("sources.csv") if s["id"].startswith("terc-")]
    dates = {m.group(0) for s in terc for m in [re.search(r"\d{4}-\d{2}-\d{2}", s["note"])] if m}
    recorded = [d for d in dates if d in REGISTER_COUNTS]
    assert len(recorded) == 1, f"register date not recorded in sources.csv: {dates}"
    expected = REGISTER_COUNTS[recorded[0]]
    day = recorded[0]
    valid = [
        r
        for r in gminy()
        if (not r.get("valid_from") or r["valid_from"] <= day)
        and (not r.get("valid_to") or _end(r["valid_to"]) >= day)
    ]
    per_woj = Counter(r["teryt"][:2] for r in valid)
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


def test_no_verified_fact_rests_only_on_mirror_sources() -> None:
    sources = {s["id"]: s for s in rows("sources.csv")}
    assert all(s["confidence"] != "verified" for s in sources.values() if s["kind"] == "mirror")
    offenders = []
    for relative in [f"nodes/{p.name}" for p in sorted((DATA / "nodes").glob("*.csv"))] + [
        f"edges/{p.name}" for p in edge_files()
    ]:
        for r in rows(relative):
            cited = [sources[sid] for sid in r["sources"].split("|")]
            verified = all(s["confidence"] == "verified" for s in cited)
            if verified and all(s["kind"] == "mirror" for s in cited):
                offenders.append((relative, r.get("uid") or (r["from"], r["to"], r.get("key"))))
    assert offenders == []


def test_source_kinds_titles_and_retrieved_dates() -> None:
    sources = rows("sources.csv")
    assert {s["kind"] for s in sources} <= {"official", "primary", "secondary", "mirror", "derived"}
    fragment = re.compile(r"[\w.-]+\.[a-z]{2,}: [a-z0-9 ]+")
    looks_like_url = [
        s["id"]
        for s in sources
        if fragment.fullmatch(s["title"])
        or s["title"].startswith(("http", "www."))
        or (s["url"] and s["title"].replace(" ", "-").lower() in s["url"].lower())
    ]
    assert looks_like_url == []
    # no single (build) date stamped on every row
    assert len({s["retrieved"] for s in sources}) > 1


def test_erb_presidency_terms_never_overlap() -> None:
    terms = [r for r in rows("edges/member_of.csv") if r["to"] == "network:erb-presidency"]
    assert len(terms) >= 10
    spans = sorted(
        (_start(r["valid_from"]), _end(r["valid_to"]) if r["valid_to"] else "") for r in terms
    )
    open_ended = [s for s in spans if not s[1]]
    assert len(open_ended) <= 1
    if open_ended:
        assert open_ended[0] == spans[-1], "only the latest term may be open"
    for (a_from, a_to), (b_from, _b_to) in itertools.pairwise(spans):
        assert a_from
        assert a_to, f"term from {a_from} has no end but is not the latest"
        assert a_to < b_from, f"{a_from}..{a_to} overlaps {b_from}"
    for r in terms:
        assert r["key"]
        assert r["sources"]


def test_russian_and_belarusian_twinnings_have_a_status() -> None:
    links = [
        r for r in rows("edges/twinned_with.csv") if r["to"].startswith(("town:RU:", "town:BY:"))
    ]
    assert links
    for r in links:
        assert r["status"] in {"ended", "unverified"}
        if r["status"] == "ended":
            assert r["valid_to"] >= "2022-02-24"
    olsztyn = next(r for r in links if r["from"] == "teryt:2862011")
    assert (olsztyn["status"], olsztyn["valid_to"]) == ("ended", "2022-03-03")


# --- the association of seed 003 (issue 20) ----------------------------------------------
STG = "org:stowarzyszenie-gmin-rp-euroregion-baltyk"
#: Member gminy a source confirms in 2023-2024 (board seats 2023/2024, accessions 2023/2024).
STG_CONFIRMED_CURRENT = 11
#: Gminy with any sourced membership (current, historical only, or ended).
STG_KNOWN_EVER = 29


def _stg_members() -> list[dict[str, str]]:
    return [
        r for r in rows("edges/member_of.csv") if r["to"] == STG and r["from"].startswith("teryt:")
    ]


def _holds_on(r: dict[str, str], day: str) -> bool:
    starts = not r["valid_from"] or _start(r["valid_from"]) <= day
    ends = not r["valid_to"] or day <= _end(r["valid_to"])
    return starts and ends and not (r["status"] == "ended" and not r["valid_to"])


def test_association_member_counts_confirmed_current_and_known_ever() -> None:
    members = _stg_members()
    assert len({r["from"] for r in members}) == STG_KNOWN_EVER
    current = [r for r in members if r["status"] == "active" and r["confirmed"] >= "2023"]
    assert len(current) == STG_CONFIRMED_CURRENT
    assert all(not r["valid_to"] for r in current)
    # the 41 the association states is in the coverage note, with the confirmed share
    note = next(r for r in rows("coverage.csv") if r["area"] == "association")
    assert note["note"].startswith(f"{STG_CONFIRMED_CURRENT} of 41 member gminy confirmed")
    # members known only from earlier sources are not shown as members today
    assert not [r for r in members if r not in current and _holds_on(r, "2024-06-01")]


def test_gdynia_and_braniewo_are_association_members_on_1_june_2024() -> None:
    members = {r["from"]: r for r in _stg_members()}
    for uid in ("teryt:2262011", "teryt:2802011"):
        assert _holds_on(members[uid], "2024-06-01"), uid
        assert members[uid]["status"] == "active"


def test_gmina_ostroda_rural_has_an_ended_association_membership() -> None:
    (ostroda,) = [r for r in _stg_members() if r["from"] == "teryt:2815092"]
    assert ostroda["status"] == "ended"
    assert ostroda["valid_to"] == "2013-01"
    assert any(s.startswith("inferred-") for s in ostroda["sources"].split("|"))


def test_every_association_membership_cites_a_source() -> None:
    known = {s["id"] for s in rows("sources.csv")}
    rows_to_stg = [r for r in rows("edges/member_of.csv") if r["to"] == STG]
    assert rows_to_stg
    for r in rows_to_stg:
        cited = [s for s in r["sources"].split("|") if s]
        assert cited, r["from"]
        assert set(cited) <= known, r["from"]
        assert r["note"], r["from"]


def test_no_gmina_has_two_overlapping_association_memberships() -> None:
    by_gmina: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in _stg_members():
        start = _start(r["valid_from"]) if r["valid_from"] else "0000-01-01"
        end = _end(r["valid_to"]) if r["valid_to"] else "9999-12-31"
        by_gmina[r["from"]].append((start, end))
    for uid, spans in by_gmina.items():
        for (_a_from, a_to), (b_from, _b_to) in itertools.pairwise(sorted(spans)):
            assert a_to < b_from, f"{uid}: overlapping memberships"
