"""Entity resolution: precision and recall on hand-labelled name pairs, and the rules one by one.

``data/resolution_pairs.csv`` holds 141 pairs of names of public bodies around the Baltic
(73 the same organisation, 68 not), labelled by hand, with hard cases on purpose: a town and
the rural gmina of the same name, two universities of one city, a region and its agency,
Polish/English/Swedish/Lithuanian spellings. A merge counts as a positive prediction; a pair
sent to review counts as not merged. docs/ingest.md quotes the figures asserted here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from partnergraph.ingest.resolve import (
    MERGE_THRESHOLD,
    REVIEW_THRESHOLD,
    Known,
    Mention,
    canonical_tokens,
    compare,
    place_of,
    resolve,
)
from partnergraph.model import NodeLabel

PAIRS = Path(__file__).parent / "data" / "resolution_pairs.csv"


def labelled() -> list[tuple[Mention, Mention, bool]]:
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        return [
            (
                Mention(row["name_a"], row["country_a"] or None, row["city_a"] or None),
                Mention(row["name_b"], row["country_b"] or None, row["city_b"] or None),
                row["same"] == "1",
            )
            for row in csv.DictReader(handle)
        ]


def test_precision_and_recall_on_the_hand_labelled_pairs() -> None:
    pairs = labelled()
    assert len(pairs) >= 100
    outcome = [(compare(a, b).verdict == "merge", same) for a, b, same in pairs]
    tp = sum(1 for merged, same in outcome if merged and same)
    fp = sum(1 for merged, same in outcome if merged and not same)
    fn = sum(1 for merged, same in outcome if not merged and same)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    # The figures in docs/ingest.md: 141 pairs, precision 0.98 (63/64), recall 0.86 (63/73).
    assert (len(pairs), tp, fp, fn) == (141, 63, 1, 10)
    assert precision >= 0.95
    assert recall >= 0.80


def test_thresholds_are_the_documented_ones() -> None:
    assert (MERGE_THRESHOLD, REVIEW_THRESHOLD) == (92.0, 80.0)


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Urząd Marszałkowski Województwa Pomorskiego", ("office", "marshal", "region", "pomorsk")),
        (
            "Marshal's Office of the Pomorskie Voivodeship",
            ("marshal", "office", "pomorsk", "region"),
        ),
        ("Politechnika Gdańska", ("university", "technology", "gdansk")),
        ("Zarząd Morskiego Portu Gdańsk S.A.", ("zarzad", "maritime", "portu", "gdansk")),
        ("UAB Klaipėdos nafta", ("klaipedos", "nafta")),
        ("Gmina Miasta Gdańsk", ("city", "gdansk")),
        ("Baltic Sea Commission (CPMR)", ("baltic", "sea", "commission")),
        (
            "Hochschule Wismar University of Applied Sciences",
            ("university", "applied", "sciences", "wismar"),
        ),
    ],
)
def test_canonical_tokens(name: str, tokens: tuple[str, ...]) -> None:
    assert canonical_tokens(name) == tokens


def test_the_three_pomorskie_spellings_name_one_territory() -> None:
    places = {
        place_of(canonical_tokens(name))
        for name in (
            "Urząd Marszałkowski Województwa Pomorskiego",
            "Marshal's Office of the Pomorskie Voivodeship",
            "Pomorskie Region",
        )
    }
    assert places == {(frozenset({"region"}), "pomorsk")}
    assert place_of(canonical_tokens("Pomorskie Regional Development Agency")) is None


def test_identifiers_decide_before_names() -> None:
    same_pic = compare(
        Mention("A", "PL", pic="999 000 001"), Mention("Totally other", "PL", pic="999000001")
    )
    assert same_pic.verdict == "merge"
    other_pic = compare(
        Mention("Gdańsk University", "PL", pic="1"), Mention("Gdańsk University", "PL", pic="2")
    )
    assert other_pic.verdict == "distinct"


def test_towns_and_their_rural_gminy_are_never_merged() -> None:
    decision = compare(
        Mention("Gmina Miejska Kościerzyna", "PL"), Mention("Gmina Kościerzyna", "PL")
    )
    assert decision.verdict != "merge"


def test_uncertain_pairs_go_to_review_and_stay_apart() -> None:
    mentions = [
        Mention("National Museum in Gdańsk", "PL", "Gdańsk", origin="a:1"),
        Mention("National Maritime Museum in Gdańsk", "PL", "Gdańsk", origin="a:2"),
        Mention("Gdansk University of Technology", "PL", "Gdańsk", origin="a:3"),
        Mention("Politechnika Gdańska", "PL", "Gdańsk", origin="a:4"),
    ]
    result = resolve(mentions)
    assert sorted(map(sorted, result.groups)) == [[0], [1], [2, 3]]
    assert [(p.left_origin, p.right_origin) for p in result.review] == [("a:1", "a:2")]


def test_mentions_resolve_to_territories_already_in_the_graph() -> None:
    known = [
        Known("nuts:PL63", NodeLabel.REGION, ("Pomorskie", "Pomeranian Voivodeship"), "PL"),
        Known(
            "teryt:2205011", NodeLabel.MUNICIPALITY, ("Kościerzyna",), "PL", gmina_type="miejska"
        ),
        Known(
            "teryt:2205022", NodeLabel.MUNICIPALITY, ("Kościerzyna",), "PL", gmina_type="wiejska"
        ),
        Known(
            "org:x", NodeLabel.ORGANISATION, ("Gdańsk University of Technology",), "PL", pic="42"
        ),
    ]
    mentions = [
        Mention("Urząd Marszałkowski Województwa Pomorskiego", "PL"),
        Mention("Pomorskie Region", "PL"),
        Mention("Gmina Miejska Kościerzyna", "PL"),
        Mention("Gmina Kościerzyna", "PL"),
        Mention("Politechnika Gdańska", "PL"),
        Mention("Something else entirely", "PL", pic="42"),
    ]
    result = resolve(mentions, known)
    by_mention = {
        m: result.known.get(g) for g, members in enumerate(result.groups) for m in members
    }
    assert by_mention == {
        0: "nuts:PL63",
        1: "nuts:PL63",
        2: "teryt:2205011",
        3: "teryt:2205022",
        4: "org:x",
        5: "org:x",
    }


def test_resolution_is_deterministic() -> None:
    mentions = [Mention(a.name, a.country, a.city) for a, _, _ in labelled()] + [
        Mention(b.name, b.country, b.city) for _, b, _ in labelled()
    ]
    first, second = resolve(mentions), resolve(mentions)
    assert first.groups == second.groups
    assert first.review == second.review
