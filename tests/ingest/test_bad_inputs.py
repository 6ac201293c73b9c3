"""Every file of tests/bad_inputs is refused clearly: exit 1, the expected message with the
file's location, and a graph that did not change (memory store and Neo4j)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from partnergraph.cli import app
from partnergraph.errors import DataError
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.changes import plan_changes
from partnergraph.ingest.csv_source import Dataset
from partnergraph.ingest.loader import load_directory
from partnergraph.ingest.workspace import import_keep, list_imports
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.settings import Settings
from tests.bad_inputs.make_corpus import (
    CASES,
    GOOD_PARTNER,
    GOOD_PROJECT,
    PARTNERS,
    PROJECTS,
    workbook,
)
from tests.conftest import MINI
from tests.ingest.conftest import BAD_INPUTS, OLD_LAYOUT

ROW = re.compile(r"^\| (?P<file>[^|]+) \| (?P<expected>[^|]+) \| (?P<what>[^|]+) \|$")


def readme_rows() -> list[tuple[str, str]]:
    text = (BAD_INPUTS / "README.md").read_text(encoding="utf-8")
    rows = [m for line in text.splitlines() if (m := ROW.match(line))]
    return [(m["file"], m["expected"]) for m in rows if m["file"] != "file"]


ROWS = readme_rows()


@pytest.fixture(scope="module", autouse=True)
def huge_cell() -> None:
    """The 10 MB file is not committed (see .gitignore); it is made when missing."""
    path = BAD_INPUTS / "huge_cell.csv"
    if not path.exists():
        case = next(c for c in CASES if c.file == path.name)
        path.write_bytes(case.make())


def test_the_corpus_has_thirty_files_or_more_all_listed() -> None:
    listed = {file for file, _ in ROWS}
    present = {p.name for p in BAD_INPUTS.iterdir() if p.suffix in (".csv", ".xlsx", ".xls")}
    assert len(listed) >= 30
    assert listed == present
    assert listed == {case.file for case in CASES}


@pytest.mark.parametrize(("file", "expected"), ROWS, ids=[file for file, _ in ROWS])
def test_each_bad_file_is_refused_with_exit_1_and_nothing_written(
    file: str, expected: str, settings: Settings
) -> None:
    path = BAD_INPUTS / file
    result = CliRunner().invoke(app, ["import", "keep", str(path)])
    assert result.exit_code == 1, result.output
    assert expected in result.stderr
    assert result.stderr.strip().startswith(str(path))  # every issue says where
    assert "nothing was loaded" in result.stderr
    assert list_imports(settings.home) == []

    graph = MemoryStore()
    load_directory(graph, MINI)
    version = graph.data_version()
    with pytest.raises(DataError):
        import_keep(graph, settings, [path])
    assert graph.data_version() == version


def test_issues_name_sheet_row_and_column_with_the_value(settings: Settings) -> None:
    result = CliRunner().invoke(app, ["import", "keep", str(BAD_INPUTS / "bad_lead_flag.xlsx")])
    assert result.exit_code == 1
    first = result.stderr.strip().splitlines()[0]
    assert first == (
        f"{BAD_INPUTS / 'bad_lead_flag.xlsx'}[Partners]:2:4: Lead Partner: "
        "expected Yes or No (got 'maybe')"
    )


def test_one_bad_file_among_good_ones_loads_nothing(settings: Settings) -> None:
    graph = MemoryStore()
    load_directory(graph, MINI)
    version = graph.data_version()
    with pytest.raises(DataError):
        import_keep(graph, settings, [OLD_LAYOUT, BAD_INPUTS / "negative_budget.csv"])
    assert graph.data_version() == version
    assert list_imports(settings.home) == []


@pytest.mark.parametrize(
    "file", ["duplicate_project.csv", "unknown_project.xlsx", "formula_hyperlink.xlsx"]
)
def test_bad_files_leave_both_stores_unchanged(
    store: GraphStore, settings: Settings, file: str
) -> None:
    load_directory(store, MINI)
    before = (store.counts(), store.data_version())
    with pytest.raises(DataError):
        import_keep(store, settings, [BAD_INPUTS / file])
    assert (store.counts(), store.data_version()) == before


def test_a_contribution_that_does_not_fit_the_graph_writes_nothing(store: GraphStore) -> None:
    """Checks against the graph (endpoints, labels, sources) also run before any write."""
    load_directory(store, MINI)
    before = (store.counts(), store.data_version())
    contribution = Dataset(
        nodes=[Node(uid="org:x-pl", label=NodeLabel.ORGANISATION, name="X", sources=("nope",))],
        edges=[
            Edge(type=RelType.LOCATED_IN, source="org:x-pl", target="nuts:PL99", sources=("nope",)),
            Edge(
                type=RelType.LOCATED_IN,
                source="org:x-pl",
                target="network:euroregion-baltic",
                sources=("nope",),
            ),
        ],
        origins={"org:x-pl": "x.csv:2"},
    )
    with pytest.raises(DataError) as caught:
        plan_changes(store, contribution, {"nope"})
    messages = [str(issue) for issue in caught.value.issues]
    assert any("cites a source that is not in the graph" in m for m in messages)
    assert any("refers to a node that is not in the graph (got 'nuts:PL99')" in m for m in messages)
    assert any("LOCATED_IN cannot end at a Network" in m for m in messages)
    assert (store.counts(), store.data_version()) == before


def test_an_end_before_the_start_is_located_at_the_end_cell(settings: Settings) -> None:
    path = BAD_INPUTS / "end_before_start.xlsx"
    result = CliRunner().invoke(app, ["import", "keep", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[0] == (
        f"{path}[Projects]:2:6: Project end: ends before the project starts (Project start in "
        "column 5: 2019-06-01); expected an end on or after the start (only keep.eu's "
        "'end = start - 1 day' is accepted, and imported without dates) (got '2019/01/31')"
    )
    assert list_imports(settings.home) == []


def test_keep_eus_end_one_day_before_the_start_is_accepted_without_dates(
    settings: Settings, tmp_path: Path
) -> None:
    """The documented quirk of keep.eu's export (2 rows of the 2014-2020 export): a warning,
    the project imported without dates, both dates in its note."""
    path = tmp_path / "one_day.xlsx"
    row = [*GOOD_PROJECT[:4], "2019/09/22", "2019/09/21"]
    path.write_bytes(workbook({"Projects": [PROJECTS, row], "Partners": [PARTNERS, GOOD_PARTNER]}))
    graph = MemoryStore()
    load_directory(graph, MINI)
    outcome = import_keep(graph, settings, [path])
    [warning] = outcome.result.warnings
    assert str(warning).startswith(f"{path}[Projects]:2:6: Project end: ends one day before")
    [project] = [n for n in outcome.result.dataset.nodes if n.label == NodeLabel.PROJECT]
    assert (project.valid_from, project.valid_to) == (None, None)
    assert "start 2019-09-22 and end 2019-09-21" in str(project.properties["note"])


def test_a_projects_sheet_without_acronyms_is_named_not_its_partner_rows(
    settings: Settings,
) -> None:
    """Before, the sheet was skipped as 'not a projects sheet' and every partner row was
    reported as belonging to an unknown project."""
    path = BAD_INPUTS / "missing_project_acronym_column.xlsx"
    result = CliRunner().invoke(app, ["import", "keep", str(path)])
    assert result.exit_code == 1
    issues = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert issues == [
        f"{path}[Projects (lead partners)]:1: required column is missing: Acronym "
        "(or Project acronym / Project ID)"
    ]
    assert "unknown project" not in result.stderr


def test_a_partners_sheet_without_organisations_is_not_read_as_projects(
    settings: Settings,
) -> None:
    """By its headers (Programme, Acronym, Town …) it would pass for a projects table."""
    path = BAD_INPUTS / "missing_organisation_column.xlsx"
    result = CliRunner().invoke(app, ["import", "keep", str(path)])
    assert result.exit_code == 1
    issues = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert issues == [
        f"{path}[Partners]:1: required column is missing: Project Partner "
        "(or Organisation in English / Organisation)"
    ]
