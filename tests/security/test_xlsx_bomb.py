"""xlsx decompression bombs: a few kB of zip declaring or holding a huge sheet is refused from
the archive's directory, before any XML is inflated or parsed (docs/security.md)."""

from __future__ import annotations

import datetime as dt
import re
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from partnergraph.cli import app
from partnergraph.errors import DataError, DataIssue
from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest import tabular
from partnergraph.ingest.keep_eu import StoreContext, read_keep
from partnergraph.ingest.tabular import read_tables

SHEET = "xl/worksheets/sheet1.xml"
MIB = 1024 * 1024


def _workbook(path: Path, rows: int = 3, columns: int = 3) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Partners"
    sheet.append([f"Column {c}" for c in range(columns)])
    for r in range(rows):
        sheet.append([f"r{r}c{c}" for c in range(columns)])
    book.save(path)
    return path


def _rewrite(
    source: Path, target: Path, member: str, write: Callable[[bytes, zipfile.ZipExtFile], None]
) -> Path:
    """Copy ``source`` to ``target`` with ``member`` replaced by what ``write`` streams."""
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as new,
    ):
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == member:
                with new.open(member, "w", force_zip64=True) as stream:
                    write(data, stream)  # type: ignore[arg-type]
            else:
                new.writestr(info, data)
    return target


def _whitespace_bomb(tmp_path: Path, size: int) -> Path:
    """A valid-looking workbook whose sheet XML holds ``size`` bytes of spaces after
    <sheetData>: XML parsers keep such whitespace, a naive reader inflates all of it."""
    plain = _workbook(tmp_path / "plain.xlsx")

    def write(data: bytes, stream: zipfile.ZipExtFile) -> None:
        head, tail = data.split(b"<sheetData>", 1)
        stream.write(head + b"<sheetData>")
        chunk = b" " * MIB
        for _ in range(size // MIB):
            stream.write(chunk)
        stream.write(tail)

    return _rewrite(plain, tmp_path / "bomb.xlsx", SHEET, write)


@pytest.fixture
def inflated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the bytes anything inflates out of a zip member while the test runs."""
    counter = [0]
    original = zipfile.ZipExtFile.read

    def counting(self: zipfile.ZipExtFile, n: int | None = -1) -> bytes:
        data = original(self, n)
        counter[0] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    return counter


def _only_issue(path: Path) -> DataIssue:
    issues: list[DataIssue] = []
    assert read_tables(path, issues) == []
    [issue] = issues
    assert issue.file == str(path)
    return issue


def test_a_whitespace_bomb_is_refused_before_anything_is_inflated(
    tmp_path: Path, inflated: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = _whitespace_bomb(tmp_path, 96 * MIB)
    assert bomb.stat().st_size < MIB  # a small file …
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo(SHEET).file_size > 96 * MIB  # … declaring a huge sheet

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workbook was handed to openpyxl")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    inflated[0] = 0
    tracemalloc.start()
    try:
        issue = _only_issue(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "xlsx refused" in issue.message
    assert f"part {SHEET} expands" in issue.message
    assert "zip bomb" in issue.message
    assert inflated[0] == 0  # not one byte of XML was decompressed
    assert peak < 8 * MIB


def test_the_bomb_fails_the_import_with_a_data_error_naming_the_file(tmp_path: Path) -> None:
    bomb = _whitespace_bomb(tmp_path, 64 * MIB)
    with pytest.raises(DataError) as caught:
        read_keep([bomb], StoreContext.from_store(MemoryStore()), today=dt.date(2025, 1, 1))
    [issue] = caught.value.issues
    assert str(issue).startswith(f"{bomb}: xlsx refused: part {SHEET} expands")


def test_a_workbook_expanding_beyond_the_total_limit_is_refused(
    tmp_path: Path, inflated: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "book.xlsx", rows=50)
    with zipfile.ZipFile(path) as archive:
        total = sum(info.file_size for info in archive.infolist())
    monkeypatch.setattr(tabular, "MAX_XLSX_UNCOMPRESSED", total - 1)
    inflated[0] = 0
    issue = _only_issue(path)
    assert f"expands to {total:,} bytes" in issue.message
    assert inflated[0] == 0
    monkeypatch.setattr(tabular, "MAX_XLSX_UNCOMPRESSED", total)
    assert len(read_tables(path, [])) == 1  # at the limit it is read


def test_a_declared_huge_dimension_is_refused_before_rows_are_read(
    tmp_path: Path, inflated: list[int]
) -> None:
    plain = _workbook(tmp_path / "plain.xlsx")

    def write(data: bytes, stream: zipfile.ZipExtFile) -> None:
        stream.write(re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data))

    path = _rewrite(plain, tmp_path / "wide.xlsx", SHEET, write)
    inflated[0] = 0
    issue = _only_issue(path)
    assert "sheet 'Partners' has more than 5,000,000 cells" in issue.message
    # Only the small parts and the sheet's first bytes (up to <dimension>) were inflated.
    assert inflated[0] < 64 * 1024


def test_cells_beyond_the_limit_are_refused_while_reading_without_a_dimension(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = _workbook(tmp_path / "plain.xlsx", rows=200, columns=10)

    def write(data: bytes, stream: zipfile.ZipExtFile) -> None:
        stream.write(re.sub(rb"<dimension [^>]*/>", b"", data))

    path = _rewrite(plain, tmp_path / "undeclared.xlsx", SHEET, write)
    monkeypatch.setattr(tabular, "MAX_XLSX_CELLS", 1000)
    issue = _only_issue(path)
    assert "sheet 'Partners' has more than 1,000 cells" in issue.message
    monkeypatch.setattr(tabular, "MAX_XLSX_CELLS", 2010)
    [table] = read_tables(path, [])
    assert len(table.rows) == 200


def test_the_magic_byte_check_reads_only_the_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"GARBAGE!" + b"x" * (4 * MIB))

    def whole(self: Path) -> bytes:
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(Path, "read_bytes", whole)
    issue = _only_issue(path)
    assert "not an xlsx workbook" in issue.message


def test_the_import_command_refuses_the_bomb_before_it_loads_any_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a data folder that cannot be loaded: reaching it would be a different error
    broken = tmp_path / "data"
    (broken / "nodes").mkdir(parents=True)
    (broken / "nodes" / "regions.csv").write_text("not,a,dataset\n", encoding="utf-8")
    monkeypatch.setenv("PARTNERGRAPH_DATA_DIR", str(broken))
    monkeypatch.setenv("PARTNERGRAPH_HOME", str(tmp_path / "home"))
    bomb = _whitespace_bomb(tmp_path, 2 * 1024**3)
    result = CliRunner().invoke(app, ["import", "keep", str(bomb), "--dry-run"])
    assert result.exit_code == 1
    assert "xlsx refused" in result.output
    assert "regions.csv" not in result.output
