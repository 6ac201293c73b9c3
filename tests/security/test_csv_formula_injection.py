"""CSV/formula injection: derived values are refused on import, and every CSV written for
people neutralises cells a spreadsheet would evaluate (docs/security.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from partnergraph.csvsafe import DANGEROUS_PREFIXES, safe_cell, safe_row
from partnergraph.errors import DataError
from partnergraph.export import export_graph
from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.csv_source import Dataset
from partnergraph.ingest.keep_eu import StoreContext, read_keep
from partnergraph.ingest.loader import load_directory
from partnergraph.ingest.resolve import ReviewPair
from partnergraph.ingest.workspace import REVIEW, read_layers, write_dataset, write_import
from partnergraph.model import Node, NodeLabel
from tests.conftest import MINI

KEEP = Path(__file__).parents[1] / "ingest" / "fixtures"
OLD_LAYOUT = KEEP / "keep_old_layout.xlsx"
HYPERLINK = '=HYPERLINK("http://evil.example","x")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def mini() -> MemoryStore:
    store = MemoryStore()
    load_directory(store, MINI)
    return store


def _edited(tmp_path: Path, sheet: str, cell: str, value: str, name: str = "keep.xlsx") -> Path:
    workbook = openpyxl.load_workbook(OLD_LAYOUT)
    workbook[sheet][cell] = value
    path = tmp_path / name
    workbook.save(path)
    return path


def _refused(path: Path, store: MemoryStore) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_keep([path], StoreContext.from_store(store), name="attack", today=dt.date(2025, 1, 1))
    return [str(issue) for issue in caught.value.issues]


def test_a_formula_after_a_nuts_code_is_refused_at_its_cell(
    tmp_path: Path, mini: MemoryStore
) -> None:
    path = _edited(tmp_path, "Partners", "O2", f"PL633 / {HYPERLINK}")
    with pytest.raises(DataError) as caught:
        read_keep([path], StoreContext.from_store(mini), name="attack")
    [issue] = caught.value.issues
    assert (issue.file, issue.sheet, issue.line, issue.column) == (str(path), "Partners", 2, 15)
    assert issue.field == "NUTS3 (or equivalent)"
    assert "after the code" in issue.message
    assert "formula" in issue.message


def test_a_formula_after_a_priority_code_is_refused_at_its_cell(
    tmp_path: Path, mini: MemoryStore
) -> None:
    path = _edited(tmp_path, "Projects (lead partners)", "Q2", f"(6c) {DDE}")
    with pytest.raises(DataError) as caught:
        read_keep([path], StoreContext.from_store(mini), name="attack")
    [issue] = caught.value.issues
    assert (issue.sheet, issue.line, issue.column, issue.field) == (
        "Projects (lead partners)",
        2,
        17,
        "Inv. Priority",
    )
    assert "formula" in issue.message


def test_a_formula_as_file_name_is_refused(tmp_path: Path, mini: MemoryStore) -> None:
    path = _edited(
        tmp_path, "Partners", "A1", "Programme", name='=HYPERLINK("http:evil.example","x").xlsx'
    )
    [message] = _refused(path, mini)
    assert message.startswith(f"{path}: file name looks like a spreadsheet formula")


def test_the_unedited_workbook_imports(tmp_path: Path, mini: MemoryStore) -> None:
    """The three attacks above differ from this only in the injected text."""
    path = _edited(tmp_path, "Partners", "O2", "PL633 / Trójmiejski")
    result = read_keep([path], StoreContext.from_store(mini), name="fine")
    assert any(node.label == NodeLabel.PROJECT for node in result.dataset.nodes)


@pytest.mark.parametrize("text", [HYPERLINK, DDE, "+1+cmd|x!A0", "-2+3", "\tx", "\rx", "@x"])
def test_safe_cell_quotes_every_dangerous_start(text: str) -> None:
    assert safe_cell(text) == f"'{text}"
    assert safe_cell(f"plain {text}") == f"plain {text}"


def test_safe_cell_keeps_numbers_and_plain_text() -> None:
    assert safe_row([None, True, -3.5, 7, "Gdańsk", ""]) == ["", "true", "-3.5", "7", "Gdańsk", ""]


def _evil_store() -> MemoryStore:
    """The mini graph plus values no import lets in, as curated data could hold them."""
    store = MemoryStore()
    load_directory(store, MINI)
    store.upsert_nodes(
        [
            Node(
                uid="source:evil",
                label=NodeLabel.SOURCE,
                name=f"{DDE} title",
                sources=("evil",),
                properties={"document": f"{HYPERLINK}.csv", "note": "-1+cmd|' /C calc'!A0"},
            ),
            Node(
                uid="org:evil",
                label=NodeLabel.ORGANISATION,
                name=HYPERLINK,
                name_en="\t=1+1",
                sources=("evil",),
                properties={"city": "+48 58 000", "aliases": [DDE, "\r@x"]},
            ),
        ]
    )
    return store


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _assert_neutralised(files: dict[str, str]) -> None:
    cells = [cell for text in files.values() for cell in _cells(text)]
    assert cells
    dangerous = [cell for cell in cells if cell.startswith(DANGEROUS_PREFIXES)]
    assert dangerous == []
    assert f"'{HYPERLINK}" in cells  # the name, kept readable behind the quote
    assert f"'{HYPERLINK}.csv" in cells  # the source's document
    assert f"'{DDE} title" in cells


def test_csv_export_to_a_folder_writes_no_formula(tmp_path: Path) -> None:
    export_graph(_evil_store(), "csv", tmp_path / "out", include_sources=True)
    files = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()}
    assert set(files) == {"nodes.csv", "edges.csv", "sources.csv"}
    _assert_neutralised(files)


def test_csv_export_as_zip_writes_no_formula() -> None:
    stream = io.BytesIO()
    export_graph(_evil_store(), "csv", stream, include_sources=True)
    with zipfile.ZipFile(stream) as archive:
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    _assert_neutralised(files)


def test_the_review_file_is_neutralised(tmp_path: Path) -> None:
    pair = ReviewPair(HYPERLINK, "-x(1)", "PL", 0.9, DDE, "a.xlsx:2", "b.xlsx:3", "org:x")
    folder = write_import(
        tmp_path, "attack", Dataset(nodes=[], edges=[]), source_ids=[], files=[], review=[pair]
    )
    cells = _cells((folder / REVIEW).read_text(encoding="utf-8"))
    assert {f"'{HYPERLINK}", "'-x(1)", f"'{DDE}"} <= set(cells)
    assert not [cell for cell in cells if cell.startswith(DANGEROUS_PREFIXES)]


def test_workspace_files_round_trip_exactly(tmp_path: Path) -> None:
    """The workspace's own CSV is not escaped: a leading dash (allowed on import) comes back
    as it went in."""
    base = Dataset(nodes=[n for n in _evil_store().nodes() if n.uid.startswith("source:")])
    node = Node(
        uid="org:dash",
        label=NodeLabel.ORGANISATION,
        name="- Dash Association -",
        sources=("terc-2024",),
        properties={"city": "+48 58 000"},
    )
    write_dataset(tmp_path / "layer", Dataset(nodes=[node]))
    read = read_layers(base, [tmp_path / "layer"])
    [back] = [n for n in read.nodes if n.uid == "org:dash"]
    assert (back.name, back.properties["city"]) == (node.name, "+48 58 000")
