"""The curated CSV reader: every kind of bad input is located precisely and nothing is loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from partnergraph.cli import app
from partnergraph.errors import DataError, DataIssue
from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.csv_source import read_dataset
from partnergraph.ingest.loader import load_directory
from tests.conftest import MINI

EditLine = Callable[[Path, int, str], None]


def issues_of(directory: Path) -> list[DataIssue]:
    with pytest.raises(DataError) as caught:
        read_dataset(directory)
    return caught.value.issues


def test_the_mini_fixture_is_valid() -> None:
    dataset = read_dataset(MINI)
    assert len(dataset.nodes) == 15
    assert len(dataset.edges) == 11


def test_a_bad_teryt_uid_is_reported_with_file_line_and_column(
    mini_copy: Path, edit_line: EditLine
) -> None:
    edit_line(
        mini_copy / "nodes/municipalities.csv",
        3,
        "teryt:286101,Elbląg,Elblag,terc-2024,PL,2861011,miejska",
    )
    issue, dangling = issues_of(mini_copy)
    assert dangling.location() == "data/edges/part_of.csv:3:1"  # the edge to the rejected gmina
    assert issue.location() == "data/nodes/municipalities.csv:3:1"
    assert issue.field == "uid"
    assert "7-digit TERC" in issue.message
    assert issue.value == "teryt:286101"


def test_an_unknown_source_id_is_an_error(mini_copy: Path, edit_line: EditLine) -> None:
    edit_line(mini_copy / "nodes/counties.csv", 2, "teryt:2261,Gdańsk,no-such-source,2261,true")
    [issue] = issues_of(mini_copy)
    assert (issue.line, issue.column, issue.field, issue.value) == (
        2,
        3,
        "sources",
        "no-such-source",
    )


def test_a_fact_without_sources_is_an_error(mini_copy: Path, edit_line: EditLine) -> None:
    edit_line(mini_copy / "nodes/counties.csv", 2, "teryt:2261,Gdańsk,,2261,true")
    [issue] = issues_of(mini_copy)
    assert issue.field == "sources"
    assert "at least one source" in issue.message


def test_duplicate_uids_name_the_first_definition(mini_copy: Path) -> None:
    with (mini_copy / "nodes/counties.csv").open("a", encoding="utf-8") as f:
        f.write("teryt:2261,Gdańsk again,terc-2024,2261,true\n")
    [issue] = issues_of(mini_copy)
    assert issue.line == 4
    assert "first defined at data/nodes/counties.csv:2" in issue.message


def test_an_edge_to_an_unknown_node_is_an_error(mini_copy: Path) -> None:
    with (mini_copy / "edges/part_of.csv").open("a", encoding="utf-8") as f:
        f.write("teryt:2261011,teryt:9999,terc-2024\n")
    [issue] = issues_of(mini_copy)
    assert (issue.file, issue.line, issue.column, issue.field) == (
        "data/edges/part_of.csv",
        9,
        2,
        "to",
    )


def test_an_edge_between_wrong_labels_is_an_error(mini_copy: Path) -> None:
    with (mini_copy / "edges/member_of.csv").open("a", encoding="utf-8") as f:
        f.write("nuts:PL63,country:PL,2001,erb-background,member,active\n")
    [issue] = issues_of(mini_copy)
    assert "MEMBER_OF cannot end at a Country" in issue.message


def test_a_reversed_date_range_is_an_error(mini_copy: Path, edit_line: EditLine) -> None:
    path = mini_copy / "edges/member_of.csv"
    edit_line(path, 1, "from,to,valid_from,valid_to,sources,role,status")
    edit_line(
        path, 2, "nuts:PL63,network:euroregion-baltic,2010,2009-12,erb-background,member,active"
    )
    edit_line(path, 3, "nuts:PL62,network:euroregion-baltic,1998,,erb-background,member,active")
    edit_line(path, 4, "nuts:SE213,network:euroregion-baltic,2002,,erb-background,member,active")
    [issue] = issues_of(mini_copy)
    assert (issue.line, issue.field) == (2, "valid_to")
    assert "ends before it starts" in issue.message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2021-02-30", "day between 01 and 28"),
        ("2021-13", "month between 01 and 12"),
        ("21.03.2001", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_impossible_dates_are_errors(
    mini_copy: Path, edit_line: EditLine, cell: str, expected: str
) -> None:
    edit_line(
        mini_copy / "nodes/networks.csv",
        2,
        f"network:euroregion-baltic,Euroregion Bałtyk,ERB,{cell},erb-background,x",
    )
    [issue] = issues_of(mini_copy)
    assert issue.field == "valid_from"
    assert expected in issue.message


def test_wrong_types_and_enumerations_are_errors(mini_copy: Path, edit_line: EditLine) -> None:
    edit_line(
        mini_copy / "nodes/regions.csv",
        2,
        "nuts:PL63,Pomorskie,Pomeranian,terc-2024,PL,PL63,two,2021",
    )
    edit_line(
        mini_copy / "nodes/municipalities.csv",
        2,
        "teryt:2261011,Gdańsk,Gdansk,terc-2024,PL,2261011,city",
    )
    edit_line(mini_copy / "nodes/counties.csv", 2, "teryt:2261,Gdańsk,terc-2024,2261,maybe")
    found = {(i.file.split("/")[-1], i.field): i.message for i in issues_of(mini_copy)}
    assert found[("regions.csv", "nuts_level")] == "expected a whole number"
    assert "miejsko-wiejska" in found[("municipalities.csv", "gmina_type")]
    assert found[("counties.csv", "city_with_county_rights")] == "expected true or false"


def test_unknown_and_missing_columns_are_errors(mini_copy: Path, edit_line: EditLine) -> None:
    edit_line(mini_copy / "nodes/countries.csv", 1, "uid,name,name_en,sources,iso_code,colour")
    edit_line(mini_copy / "edges/defines.csv", 1, "from,target,sources")
    found = {(i.file.split("/")[-1], i.field) for i in issues_of(mini_copy)}
    assert ("countries.csv", "colour") in found
    assert ("defines.csv", "to") in found


def test_a_row_with_too_many_cells_is_an_error(mini_copy: Path) -> None:
    with (mini_copy / "nodes/countries.csv").open("a", encoding="utf-8") as f:
        f.write("country:DK,Danmark,Denmark,erb-background,DK,extra\n")
    [issue] = issues_of(mini_copy)
    assert (issue.line, "6 cells; expected 5") == (4, issue.message.split(" like")[0])


def test_non_utf8_and_binary_files_are_refused(mini_copy: Path) -> None:
    (mini_copy / "nodes/countries.csv").write_bytes("uid,name\ncountry:PL,Łódź\n".encode("cp1250"))
    (mini_copy / "nodes/networks.csv").write_bytes(b"\x00\x01\x02binary")
    messages = {i.file.split("/")[-1]: i for i in issues_of(mini_copy)}
    assert "not valid UTF-8" in messages["countries.csv"].message
    assert messages["countries.csv"].line == 2
    assert "binary content" in messages["networks.csv"].message


def test_every_problem_is_reported_at_once(mini_copy: Path, edit_line: EditLine) -> None:
    edit_line(mini_copy / "nodes/counties.csv", 2, "teryt:22,Gdańsk,terc-2024,2261,true")
    edit_line(mini_copy / "nodes/counties.csv", 3, "teryt:2861,,terc-2024,2861,true")
    assert len(issues_of(mini_copy)) >= 3  # bad uid, empty name, and the PART_OF edges now dangling


def test_a_bad_dataset_writes_nothing(mini_copy: Path, edit_line: EditLine) -> None:
    store = MemoryStore()
    load_directory(store, MINI)
    before = (store.nodes(), store.edges(), store.data_version())
    edit_line(mini_copy / "edges/part_of.csv", 8, "nuts:SE213,country:XX,erb-background")
    with pytest.raises(DataError):
        load_directory(store, mini_copy)
    assert (store.nodes(), store.edges(), store.data_version()) == before


def test_loading_twice_leaves_the_same_graph() -> None:
    store = MemoryStore()
    load_directory(store, MINI)
    first = (store.nodes(), store.edges(), store.counts(), store.data_version())
    load_directory(store, MINI)
    assert (store.nodes(), store.edges(), store.counts(), store.data_version()) == first


def test_validate_command_prints_locations_and_exits_1(
    mini_copy: Path, edit_line: EditLine
) -> None:
    edit_line(
        mini_copy / "nodes/municipalities.csv",
        3,
        "teryt:2861019,Elbląg,Elblag,terc-2024,PL,2861011,miejska",
    )
    result = CliRunner().invoke(app, ["validate", str(mini_copy)])
    assert result.exit_code == 1
    assert (
        "data/nodes/municipalities.csv:3:1: uid: uid does not match Municipality" in result.output
    )
    assert "nothing was loaded" in result.output


def test_validate_command_accepts_a_valid_dataset() -> None:
    result = CliRunner().invoke(app, ["validate", str(MINI)])
    assert result.exit_code == 0, result.output
    assert "15 nodes and 11 relationships" in result.output


def test_usage_errors_exit_2() -> None:
    assert CliRunner().invoke(app, ["stats", "--store", "sqlite"]).exit_code == 2
