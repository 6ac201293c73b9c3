"""The query commands: tables for people, JSON for machines, exit 0/1/2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from partnergraph.cli import app
from tests.queries.expected import (
    FIXTURE,
    P4,
    PARTNERS_P4,
    PATHS_STAWIGUDA_KALMAR,
    SE213,
    STAWIGUDA,
)

runner = CliRunner()


@pytest.fixture(autouse=True)
def fixture_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERGRAPH_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("PARTNERGRAPH_STORE", "memory")
    monkeypatch.setenv("COLUMNS", "200")


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_partners_json_is_the_query_answer() -> None:
    code, output = run("partners", P4, "--json", "--reference-date", "2024-01-01")
    assert code == 0
    payload = json.loads(output)
    assert [(r["partner"]["uid"], r["score"]) for r in payload["results"]] == PARTNERS_P4
    assert set(payload) >= {"results", "coverage", "parameters", "priorities"}
    assert payload["results"][0]["evidence"][0]["sources"] == ["fx-agreements"]


def test_partners_table_shows_ranks_and_evidence_sentences() -> None:
    code, output = run("partners", "water", "--lang", "en", "--limit", "2", "--at", "2018-06-01")
    assert code == 0
    assert "Pomeranian Voivodeship" in output
    assert "is a party to the agreement Pomorskie – Kalmar agreement" in output
    assert "[fx-agreements]" in output
    assert "more partner(s)" in output


def test_path_prints_each_hop_in_polish_by_default() -> None:
    code, output = run("path", STAWIGUDA, SE213, "--k", "3")
    assert code == 0
    assert (
        "Stawiguda jest członkiem organizacji „Stowarzyszenie Gmin RP Euroregion Bałtyk”" in output
    )
    code, output = run("path", STAWIGUDA, SE213, "--json")
    assert [[n["uid"] for n in r["nodes"]] for r in json.loads(output)["results"]] == (
        PATHS_STAWIGUDA_KALMAR
    )


def test_path_with_via_types() -> None:
    code, output = run("path", STAWIGUDA, SE213, "--via", "MEMBER_OF", "--json", "--k", "1")
    assert code == 0
    assert json.loads(output)["parameters"]["via"] == ["MEMBER_OF"]


def test_no_path_exits_1_with_the_reason() -> None:
    code, output = run("path", "org:island-ngo", SE213, "--lang", "en")
    assert code == 1
    assert "not connected" in output


@pytest.mark.parametrize("what", ["coverage", "priorities", "partners", "gminy", "single"])
def test_every_gap_question_answers_in_table_and_json(what: str) -> None:
    code, output = run("gaps", what, "--at", "2024-01-01", "--lang", "en")
    assert code == 0, output
    code, output = run("gaps", what, "--at", "2024-01-01", "--json")
    assert code == 0
    assert json.loads(output)["query"] == f"gaps.{what}"


def test_gaps_gminy_groups_by_powiat() -> None:
    code, output = run("gaps", "gminy", "--at", "2024-01-01")
    assert code == 0
    assert "3 of 5 gminy" in output
    assert "Cedry Wielkie, Kolbudy" in output


def test_gaps_period_needs_both_ends() -> None:
    code, _ = run("gaps", "coverage", "--since", "2010-01-01")
    assert code == 2


def test_clusters_reports_modularity_and_brokers() -> None:
    code, output = run("clusters", "--seed", "42", "--lang", "en")
    assert code == 0
    assert "modularity 0.452" in output
    assert "brokers: Association of Polish Communes Euroregion Baltic" in output


def test_clusters_by_leiden() -> None:
    code, output = run("clusters", "--method", "leiden", "--seed", "42", "--json")
    assert code == 0
    answer = json.loads(output)
    assert answer["method"] == "igraph:leiden"
    assert answer["modularity"] > 0.4


def test_an_unknown_clusters_method_is_a_usage_error() -> None:
    code, output = run("clusters", "--method", "girvan-newman")
    assert code == 2
    assert "leiden" in output


def test_suggest_json_and_table() -> None:
    code, output = run("suggest", STAWIGUDA, "--priority", P4, "--json", "--k", "2")
    assert code == 0
    assert [r["actor"]["uid"] for r in json.loads(output)["results"]] == ["nuts:PL63", "nuts:SE213"]
    code, output = run("suggest", STAWIGUDA, "--lang", "en", "--k", "2")
    assert code == 0
    assert "common partners" in output


def test_unknown_uid_exits_1() -> None:
    code, output = run("suggest", "org:nobody")
    assert code == 1
    assert "org:nobody" in output


@pytest.mark.parametrize(
    "args",
    [
        ("partners", P4, "--at", "01.01.2024"),
        ("path", STAWIGUDA, SE213, "--max-hops", "9"),
        ("gaps", "everything"),
        ("clusters", "--method", "magic"),
        ("suggest", STAWIGUDA, "--k", "0"),
        ("partners", P4, "--lang", "de"),
    ],
)
def test_bad_usage_exits_2(args: tuple[str, ...]) -> None:
    code, _ = run(*args)
    assert code == 2


def test_region_answers_as_json_table_and_csv() -> None:
    code, output = run("region", "nuts:PL63", "--json")
    assert code == 0
    payload = json.loads(output)
    assert payload["query"] == "region_activity"
    assert set(payload["totals"]) == {"projects", "partner_rows", "partners"}
    assert len(payload["results"]) == payload["totals"]["projects"] > 1
    code, output = run("region", "nuts:PL63", "--json", "--limit", "1", "--offset", "1")
    paged = json.loads(output)
    assert (paged["offset"], paged["limit"]) == (1, 1)
    assert paged["results"] == payload["results"][1:2]
    assert paged["totals"] == payload["totals"]
    code, output = run("region", "nuts:PL63", "--output", "csv")
    assert code == 0
    assert output.splitlines()[0] == "breakdown,key,name,projects,partner_rows,partners"
    code, output = run("region", "nuts:PL63", "--from", "2020-01-01")
    assert code == 1
    assert "give both --from and --to" in output
