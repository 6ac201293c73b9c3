"""Reading tables that people bring: CSV in whatever encoding Excel saved it in, and xlsx.

Importers (``keep_eu``, and any future one) get :class:`Table` objects with the header row
found and every cell located by file, sheet, line and column, and parse cells with the
functions at the bottom, which raise :class:`~partnergraph.ingest.values.ValueProblem` saying
what was expected. Nothing here knows what the columns mean.

What "robust" means here, concretely:

* encodings: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), and the
  two Polish single-byte code pages, cp1250 (Windows) and ISO-8859-2 (Latin-2). The encoding
  is detected and named in :attr:`Table.encoding`; a file mixing UTF-8 with a code page, or
  binary content, is refused with a message saying so.
* delimiters ``;``, ``,``, tab and ``|``, sniffed from the first records;
* header rows below title rows, empty rows or merged cells (xlsx), found by the caller's
  scoring function; merged cells are unmerged by copying the top-left value into the range;
* numbers with decimal commas or dots and thousands separators (``1 234,56``, ``1.234,56``,
  ``1,234.56``), the decimal mark decided per column when a single value is ambiguous;
* dates as ``2021-03-01``, ``01.03.2021``, ``2021/03/01``, ``01/03/2021`` (day first), Excel
  serial numbers and real xlsx dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnergraph.errors import DataIssue
from partnergraph.ingest.values import ValueProblem
from partnergraph.text import fold

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_XLSX_CELLS",
    "MAX_XLSX_PARTS",
    "MAX_XLSX_RATIO",
    "MAX_XLSX_UNCOMPRESSED",
    "CellValue",
    "Decoded",
    "Row",
    "Table",
    "cell_text",
    "decode_bytes",
    "excel_serial_date",
    "header_key",
    "infer_decimal_mark",
    "looks_like_formula",
    "parse_flexible_date",
    "parse_number",
    "parse_percent",
    "read_tables",
    "sniff_delimiter",
    "text_problem",
]

#: A cell as read: text from CSV, typed values from xlsx.
CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None
#: Excel's own limit on the characters in one cell; anything longer is not a spreadsheet cell.
MAX_CELL_CHARS = 32_767
#: Rows scanned for the header; exports put at most a title and a blank line above it.
HEADER_SCAN_ROWS = 20
_DELIMITERS = (";", ",", "\t", "|")


@dataclass(frozen=True)
class Row:
    """One data row: ``line`` is the 1-based line (CSV, where the record starts) or row (xlsx)."""

    line: int
    cells: tuple[CellValue, ...]

    def get(self, index: int) -> CellValue:
        return self.cells[index] if index < len(self.cells) else None


@dataclass(frozen=True)
class Table:
    """A header and its rows, with where they came from and how the file was read."""

    file: str
    sheet: str | None
    header: tuple[str, ...]
    header_line: int
    rows: tuple[Row, ...]
    encoding: str | None = None
    delimiter: str | None = None

    def issue(
        self,
        line: int | None,
        column: int | None,
        message: str,
        value: str | None = None,
    ) -> DataIssue:
        """A DataIssue at (line, 0-based ``column``) of this table, naming the header."""
        field = self.header[column] if column is not None and column < len(self.header) else None
        return DataIssue(
            self.file,
            line,
            None if column is None else column + 1,
            message,
            field=field or None,
            value=value,
            sheet=self.sheet,
        )

    def describe(self) -> str:
        """One line for the import summary: how the table was read."""
        where = self.file if self.sheet is None else f"{self.file}[{self.sheet}]"
        how = []
        if self.encoding:
            how.append(self.encoding)
        if self.delimiter:
            how.append(
                "tab-separated" if self.delimiter == "\t" else f"'{self.delimiter}'-separated"
            )
        how.append(f"header on line {self.header_line}")
        how.append(f"{len(self.rows)} data rows")
        return f"{where}: {', '.join(how)}"


# -- headers -------------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['’‘`´ʼ′]")
_AROUND_PUNCT = re.compile(r"\s*([-/()])\s*")
_SPACES = re.compile(r"[\s_]+")


def header_key(text: str) -> str:
    """Comparison key for column names: case, diacritics, apostrophes, spacing and a trailing
    ``:``/``*`` do not matter, so ``Partner’s ID if not PIC`` meets ``partners id if not pic``."""
    key = _APOSTROPHES.sub("", fold(text))
    key = _SPACES.sub(" ", key).strip().rstrip(":*").strip()
    return _AROUND_PUNCT.sub(r"\1", key)


# -- decoding ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


_PL_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
_OTHER_LETTERS = set("áäéëíöüýčďěňřšťůžľĺŕőűâîăşţÁÄÉËÍÖÜÝČĎĚŇŘŠŤŮŽĽĹŔŐŰÂÎĂŞŢß")
_UNLIKELY = set("±¶¦¬ˇ˘˛˝µ·¸¤§¨°´×÷¯˙")
#: UTF-8 encodings of Polish letters: seen in a file that is not valid UTF-8, they mean a
#: file pasted together from two encodings.
_UTF8_POLISH = [letter.encode() for letter in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"]


def _plausibility(text: str) -> int:
    score = 0
    for char in text:
        if char in _PL_LETTERS:
            score += 2
        elif char in _OTHER_LETTERS:
            score += 1
        elif char in _UNLIKELY or "\x80" <= char <= "\x9f":
            score -= 3
    return score


def _binary_problem(raw: bytes) -> str | None:
    if raw.startswith(b"PK\x03\x04"):
        return "this is a zip/xlsx file, not CSV text; give it the .xlsx extension"
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return "this is a legacy Excel .xls file; save it as .xlsx or CSV"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text has NUL bytes by design
    if b"\x00" in raw:
        return "binary content (NUL bytes); expected a CSV text file"
    sample = raw[:65536]
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    if controls > max(8, len(sample) // 100):
        return "binary content (control bytes); expected a CSV text file"
    return None


def decode_bytes(raw: bytes, display: str) -> Decoded:
    """Decode CSV bytes, naming the encoding found; raise ValueProblem when it is not text.

    cp1250 and ISO-8859-2 both decode almost any byte string, so the choice between them is
    a guess: bytes 0x80–0x9F are control characters in ISO-8859-2 but letters (ś, Ś, ź, Ź, …)
    in cp1250, and otherwise the decoding with more Central European letters and fewer stray
    symbols (``±``, ``¶``) wins; a tie goes to cp1250, what Polish Excel writes.
    """
    problem = _binary_problem(raw)
    if problem:
        raise ValueProblem(problem)
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return Decoded(raw[3:].decode("utf-8"), "UTF-8 with BOM")
        except UnicodeDecodeError as exc:
            raise ValueProblem(_bad_utf8(raw, exc.start + 3)) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(raw.decode("utf-16"), "UTF-16")
        except UnicodeDecodeError:
            raise ValueProblem("broken UTF-16 text (odd number of bytes or bad pairs)") from None
    try:
        return Decoded(raw.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if any(letter in raw for letter in _UTF8_POLISH):
        line = raw[:first_bad].count(b"\n") + 1
        raise ValueProblem(
            "mixed encodings: parts of the file are UTF-8 and parts are not "
            f"(first non-UTF-8 byte on line {line}); save the whole file again as UTF-8"
        )
    candidates: list[tuple[int, int, str, str]] = []
    for rank, (codec, label) in enumerate(
        (("cp1250", "cp1250 (Windows-1250)"), ("iso-8859-2", "ISO-8859-2 (Latin-2)"))
    ):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), -rank, label, text))
    if not candidates:  # pragma: no cover - ISO-8859-2 decodes every byte
        raise ValueProblem("unknown text encoding; save the file as UTF-8")
    _, _, label, text = max(candidates)
    return Decoded(text, label)


def _bad_utf8(raw: bytes, start: int) -> str:
    line = raw[:start].count(b"\n") + 1
    return f"not valid UTF-8 at byte {start} (line {line}) although it starts with a UTF-8 BOM"


# -- CSV -----------------------------------------------------------------------------------


def sniff_delimiter(text: str) -> str:
    """The delimiter among ``; , tab |`` that splits the first records most consistently.

    Score: the header splits into more than one column, then the share of the next records
    with as many cells as the header, then the number of columns. Semicolons win ties, since
    Polish Excel writes them (the comma is its decimal mark).
    """
    lines = text.splitlines()[:50]
    sample = "\n".join(lines)
    best: tuple[bool, float, int, int] | None = None
    chosen = ","
    for rank, delimiter in enumerate(_DELIMITERS):
        try:
            rows = [row for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row]
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        rest = rows[1:-1] if len(rows) > 2 else rows[1:]  # the last line may be cut off
        consistent = sum(1 for row in rest if len(row) == width) / len(rest) if rest else 1.0
        score = (width > 1, consistent, width, -rank)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def _csv_rows(
    text: str, delimiter: str, display: str, issues: list[DataIssue]
) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    previous = 0
    try:
        for row in reader:
            rows.append((previous + 1, row))
            previous = reader.line_num
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            message = (
                f"a cell is longer than {csv.field_size_limit():,} characters; "
                "expected spreadsheet cells (at most 32,767 characters)"
            )
        elif "unexpected end of data" in message or "EOF" in message:
            message = "the file ends inside a quoted cell: truncated, or a quote is not closed"
        else:
            message = f"broken CSV: {message}"
        issues.append(DataIssue(display, previous + 1, None, message))
    return rows


def _read_csv(
    path: Path,
    display: str,
    issues: list[DataIssue],
    header_score: Callable[[Sequence[str]], int] | None,
) -> list[Table]:
    raw = path.read_bytes()
    if not raw.strip():
        issues.append(DataIssue(display, 1, None, "empty file; expected a header row"))
        return []
    try:
        decoded = decode_bytes(raw, display)
    except ValueProblem as problem:
        issues.append(DataIssue(display, None, None, str(problem)))
        return []
    text = decoded.text
    if text.startswith("\ufeff"):  # a BOM inside UTF-16, or doubled
        text = text[1:]
    delimiter = sniff_delimiter(text)
    before = len(issues)
    rows = _csv_rows(text, delimiter, display, issues)
    if len(issues) > before:
        return []
    cells: list[list[CellValue]] = [list(row) for _, row in rows]
    lines = [line for line, _ in rows]
    table = _make_table(display, None, cells, lines, header_score, issues)
    if table is None:
        return []
    width = len(table.header)
    for row in table.rows:
        extra = [cell for cell in row.cells[width:] if cell_text(cell)]
        if len(row.cells) < width:
            issues.append(
                DataIssue(
                    display,
                    row.line,
                    None,
                    f"{len(row.cells)} cells; expected {width} like the header "
                    "(a line cut short, or a delimiter missing)",
                )
            )
        elif extra:
            issues.append(
                DataIssue(
                    display,
                    row.line,
                    width + 1,
                    f"{len(row.cells)} cells; expected {width} like the header "
                    "(an unquoted delimiter inside a value?)",
                    value=cell_text(extra[0]),
                )
            )
    if len(issues) > before:
        return []
    return [
        Table(
            table.file,
            None,
            table.header,
            table.header_line,
            table.rows,
            encoding=decoded.encoding,
            delimiter=delimiter,
        )
    ]


# -- xlsx ----------------------------------------------------------------------------------


#: Limits on what an xlsx (a zip of XML) may expand to, checked from the archive's directory
#: before anything is decompressed: a few MB of zip can hold GBs of XML (a "zip bomb").
#: The real keep.eu export of 2014–2020 (4 MB) expands to 16 MB at ratios up to 10.
MAX_XLSX_UNCOMPRESSED = 256 * 1024 * 1024
#: Largest expansion ratio of one part bigger than :data:`_RATIO_FLOOR`.
MAX_XLSX_RATIO = 100
#: Most parts (files) in the archive.
MAX_XLSX_PARTS = 10_000
#: Most cells in all sheets together (rows × columns as declared or as read).
MAX_XLSX_CELLS = 5_000_000
_RATIO_FLOOR = 1024 * 1024
_MERGE_REF = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\""
)
_CHUNK = 1 << 20


class _TooLarge(Exception):
    """The workbook exceeds one of the documented limits; the message says which."""


def _archive_problem(archive: zipfile.ZipFile) -> str | None:
    """Why the archive's declared sizes are refused, or None (nothing is decompressed)."""
    parts = archive.infolist()
    if len(parts) > MAX_XLSX_PARTS:
        return f"the archive has {len(parts):,} parts; at most {MAX_XLSX_PARTS:,} are read"
    total = 0
    for part in parts:
        total += part.file_size
        if part.file_size > _RATIO_FLOOR and part.file_size > MAX_XLSX_RATIO * max(
            part.compress_size, 1
        ):
            ratio = part.file_size // max(part.compress_size, 1)
            return (
                f"part {part.filename} expands {ratio:,}-fold ({part.compress_size:,} → "
                f"{part.file_size:,} bytes); at most {MAX_XLSX_RATIO}-fold is accepted "
                "(a zip bomb, or not a spreadsheet)"
            )
    if total > MAX_XLSX_UNCOMPRESSED:
        return (
            f"the workbook expands to {total:,} bytes; at most {MAX_XLSX_UNCOMPRESSED:,} are "
            "read (a zip bomb, or far larger than any keep.eu export)"
        )
    return None


def _too_many_cells(sheet: str, cells: int) -> _TooLarge:
    return _TooLarge(
        f"sheet {sheet!r} has more than {MAX_XLSX_CELLS:,} cells (rows × columns, "
        f"{cells:,} so far); at most {MAX_XLSX_CELLS:,} are read"
    )


def _merged_ranges(archive: zipfile.ZipFile, part: str) -> list[tuple[int, int, int, int]]:
    """``(min_col, min_row, max_col, max_row)`` of each merged range of a sheet, found by
    streaming its XML (read-only workbooks do not expose merged cells)."""
    from openpyxl.utils.cell import range_boundaries

    found: list[tuple[int, int, int, int]] = []
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            last = 0
            for match in _MERGE_REF.finditer(data):
                found.append(tuple(range_boundaries(match.group(1).decode())))
                last = match.end()
            # Keep an unfinished tag for the next chunk (tags are short).
            tail = data[max(last, len(data) - 512) :]
    return list(dict.fromkeys(found))


def _sheet_grid(sheet: Any, title: str, budget: list[int]) -> list[list[CellValue]]:
    """The sheet's rows as values, counting cells against the workbook's budget."""
    declared_rows, declared_cols = sheet.max_row, sheet.max_column  # from <dimension>
    if declared_rows and declared_cols and declared_rows * declared_cols > budget[0]:
        raise _too_many_cells(title, declared_rows * declared_cols)
    # A wrong <dimension> would cut rows short in read-only mode; read what is there.
    sheet.reset_dimensions()
    grid: list[list[CellValue]] = []
    for row in sheet.iter_rows(values_only=True):
        budget[0] -= max(len(row), 1)
        if budget[0] < 0:
            raise _too_many_cells(title, MAX_XLSX_CELLS - budget[0])
        grid.append(list(row))
    return grid


def _open_xlsx(path: Path, display: str, issues: list[DataIssue]) -> zipfile.ZipFile | None:
    """The workbook's zip archive, after the checks that read no XML: the first 8 bytes (a
    legacy .xls, not a zip at all) and the archive's declared sizes (a zip bomb). None, with
    the problem in ``issues``, when it is refused."""
    with path.open("rb") as handle:
        raw_head = handle.read(8)
    if raw_head.startswith(b"\xd0\xcf\x11\xe0"):
        issues.append(
            DataIssue(display, None, None, "legacy Excel .xls file; save it as .xlsx or CSV")
        )
        return None
    if not raw_head.startswith(b"PK"):
        issues.append(
            DataIssue(
                display,
                None,
                None,
                "not an xlsx workbook (an xlsx file is a zip archive); "
                "if it is CSV text, give it the .csv extension",
            )
        )
        return None
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        issues.append(
            DataIssue(display, None, None, f"unreadable xlsx (truncated or damaged): {exc}")
        )
        return None
    problem = _archive_problem(archive)
    if problem:
        archive.close()
        issues.append(DataIssue(display, None, None, f"xlsx refused: {problem}"))
        return None
    return archive


def precheck_file(path: Path, display: str | None = None) -> list[DataIssue]:
    """What can be told about an input file without parsing it: missing, a legacy .xls, not
    a zip, a zip bomb. Cheap (no XML is read), so an import runs it before loading the graph
    it would import into, and a refused file fails at once."""
    issues: list[DataIssue] = []
    shown = display or str(path)
    if not path.is_file():
        return [DataIssue(shown, None, None, "no such file")]
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        archive = _open_xlsx(path, shown, issues)
        if archive is not None:
            archive.close()
    return issues


def _read_xlsx(
    path: Path,
    display: str,
    issues: list[DataIssue],
    header_score: Callable[[Sequence[str]], int] | None,
) -> list[Table]:
    """Every sheet with a header, read in streaming (read-only) mode within the limits above;
    a workbook beyond them is refused before its XML is parsed, or as soon as it is seen."""
    import openpyxl  # imported lazily: only imports of xlsx pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    archive = _open_xlsx(path, display, issues)
    if archive is None:
        return []
    with archive:
        try:
            return _xlsx_tables(openpyxl, path, archive, display, header_score)
        except _TooLarge as exc:
            issues.append(DataIssue(display, None, None, f"xlsx refused: {exc}"))
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, EOFError) as exc:
            issues.append(
                DataIssue(display, None, None, f"unreadable xlsx (truncated or damaged): {exc}")
            )
        except Exception as exc:  # openpyxl raises many types on damaged XML
            issues.append(
                DataIssue(display, None, None, f"unreadable xlsx ({type(exc).__name__}): {exc}")
            )
    return []


def _xlsx_tables(
    openpyxl: Any,
    path: Path,
    archive: zipfile.ZipFile,
    display: str,
    header_score: Callable[[Sequence[str]], int] | None,
) -> list[Table]:
    with warnings.catch_warnings():
        # openpyxl warns about styles, data validation and headers/footers it does not
        # read; none of them matters for the cell values, so they are expected here.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    tables: list[Table] = []
    budget = [MAX_XLSX_CELLS]
    try:
        for sheet in workbook.worksheets:
            grid = _sheet_grid(sheet, sheet.title, budget)
            for min_col, min_row, max_col, max_row in _merged_ranges(
                archive, sheet._worksheet_path
            ):
                top = (
                    grid[min_row - 1][min_col - 1]
                    if min_row <= len(grid) and min_col <= len(grid[min_row - 1])
                    else None
                )
                for row_index in range(min_row - 1, min(max_row, len(grid))):
                    row = grid[row_index]
                    for col_index in range(min_col - 1, max_col):
                        if col_index < len(row):
                            row[col_index] = top
            lines = list(range(1, len(grid) + 1))
            table = _make_table(display, sheet.title, grid, lines, header_score, None)
            if table is not None:
                tables.append(table)
    finally:
        workbook.close()
    return tables


# -- shared --------------------------------------------------------------------------------


def cell_text(value: CellValue) -> str:
    """A cell as stripped text; numbers without a spurious ``.0``, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _make_table(
    display: str,
    sheet: str | None,
    grid: list[list[CellValue]],
    lines: list[int],
    header_score: Callable[[Sequence[str]], int] | None,
    issues: list[DataIssue] | None,
) -> Table | None:
    """Find the header row and build the table; None when there is no header at all."""
    header_index = None
    first_filled = None
    best = 0
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        texts = [cell_text(cell) for cell in row]
        filled = sum(1 for text in texts if text)
        if not filled:
            continue
        if first_filled is None:
            first_filled = index
        score = header_score(texts) if header_score else (filled if filled > 1 else 0)
        if header_score is None and score:
            header_index = index
            break
        if score > best:
            best, header_index = score, index
    if header_index is None and header_score is not None and sheet is None:
        header_index = first_filled  # a CSV's first line is its header, recognised or not
    if header_index is None:
        if issues is not None:
            issues.append(
                DataIssue(
                    display,
                    1,
                    None,
                    "no header row found in the first "
                    f"{HEADER_SCAN_ROWS} rows; expected column names",
                    sheet=sheet,
                )
            )
        return None
    header = [cell_text(cell) for cell in grid[header_index]]
    while header and not header[-1]:
        header.pop()
    rows = tuple(
        Row(lines[index], tuple(grid[index]))
        for index in range(header_index + 1, len(grid))
        if any(cell_text(cell) for cell in grid[index])
    )
    return Table(display, sheet, tuple(header), lines[header_index], rows)


def read_tables(
    path: Path,
    issues: list[DataIssue],
    *,
    display: str | None = None,
    header_score: Callable[[Sequence[str]], int] | None = None,
) -> list[Table]:
    """Every table in a CSV (one) or xlsx file (one per sheet with a header row).

    ``header_score`` rates a row's texts as a header (0: not one); the best row among the
    first 20 is the header. Without it, the first row with two or more filled cells is.
    Problems with the file itself go to ``issues`` and no table is returned for it.
    """
    shown = display or str(path)
    if not path.is_file():
        issues.append(DataIssue(shown, None, None, "no such file"))
        return []
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, shown, issues, header_score)
    if path.suffix.lower() == ".xls":
        issues.append(DataIssue(shown, None, None, "legacy .xls is not read; save as .xlsx"))
        return []
    return _read_csv(path, shown, issues, header_score)


# -- cell parsers --------------------------------------------------------------------------

#: A formula, or a DDE payload in the shape spreadsheet programs execute (``=…``, ``@…``,
#: ``+cmd|' /C calc'!A0``, ``-2+3+cmd|…``): ``+``/``-`` only count with ``(``, ``|`` or ``!``,
#: so phone numbers (``+48 58 …``) and dashes pass.
_FORMULA = re.compile(r"^\s*[=@]|^\s*[+\-]\S.*[(|!]")


def looks_like_formula(text: str) -> bool:
    """Whether a text has the shape of a spreadsheet formula or DDE payload."""
    return _FORMULA.match(text) is not None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EXCEL_ERRORS = frozenset(
    {"#n/a", "#ref!", "#value!", "#div/0!", "#name?", "#num!", "#null!", "#spill!", "#calc!"}
)


def text_problem(text: str, *, max_chars: int = MAX_CELL_CHARS) -> str | None:
    """Why a text cell cannot be imported as it is, or None.

    Formulas are refused rather than neutralised: ``=HYPERLINK(...)`` in a partner's name is
    either an attack on whoever opens our exports in a spreadsheet or a broken export, and
    either way the person importing should look at it.
    """
    if len(text) > max_chars:
        return f"{len(text):,} characters; expected at most {max_chars:,}"
    if _FORMULA.match(text):
        return "looks like a spreadsheet formula; expected plain text (paste values only)"
    if text.strip().lower() in _EXCEL_ERRORS:
        return "a spreadsheet error value; expected data"
    if _CONTROL.search(text):
        return "contains control characters; expected plain text"
    return None


_NUMBER_NOISE = re.compile(r"[\s\u00a0\u202f\u2009'’]|EUR|€|eur", re.IGNORECASE)
_NUMBER_SHAPE = re.compile(r"[+-]?[0-9][0-9.,]*")


def _strip_number(text: str) -> tuple[str, bool]:
    """Remove spaces, currency and sign; return the digits-and-marks core and negativity."""
    core = _NUMBER_NOISE.sub("", text.replace("−", "-"))
    negative = False
    if core.startswith("(") and core.endswith(")"):
        core, negative = core[1:-1], True
    if core.startswith("-"):
        core, negative = core[1:], not negative
    elif core.startswith("+"):
        core = core[1:]
    return core, negative


def _mark_evidence(core: str) -> str | None:
    """The decimal mark a number's own text proves, or None when it is ambiguous."""
    dots, commas = core.count("."), core.count(",")
    if dots and commas:
        return "." if core.rfind(".") > core.rfind(",") else ","
    for mark, count in ((",", commas), (".", dots)):
        if count > 1:
            return "." if mark == "," else ","  # repeated: a thousands separator
        if count == 1:
            decimals = len(core) - core.rfind(mark) - 1
            return mark if decimals != 3 else None
    return None


def infer_decimal_mark(texts: Iterable[str]) -> str | None:
    """The decimal mark a column of numbers proves (``","`` or ``"."``, the majority of the
    values that say), or None when no value says (``1,234`` alone could be either)."""
    votes = {",": 0, ".": 0}
    for text in texts:
        core, _ = _strip_number(text)
        mark = _mark_evidence(core)
        if mark:
            votes[mark] += 1
    if not any(votes.values()):
        return None
    return "," if votes[","] > votes["."] else "."


def parse_number(value: CellValue, decimal_mark: str = ".") -> float:
    """A number from an xlsx number or a text like ``1 234,56``/``1.234,56``/``1,234.56``.

    A value whose own text shows its decimal mark is read that way; ``decimal_mark`` (the
    column's, see :func:`infer_decimal_mark`) decides the ambiguous ones like ``1,234``.
    """
    if isinstance(value, bool) or value is None or isinstance(value, dt.date | dt.time):
        raise ValueProblem("expected a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        core, negative = _strip_number(value.strip())
        if not _NUMBER_SHAPE.fullmatch(core):
            raise ValueProblem("expected a number like 1234.56, 1 234,56 or 1.234,56")
        mark = _mark_evidence(core) or decimal_mark
        thousands = "," if mark == "." else "."
        whole, _, fraction = core.partition(mark) if core.count(mark) == 1 else (core, "", "")
        if core.count(mark) > 1:
            raise ValueProblem(f"decimal mark {mark!r} appears twice; expected one")
        if thousands in whole and not _grouped(whole, thousands):
            raise ValueProblem("thousands separators in the wrong places; expected 1 234 567,89")
        digits = whole.replace(thousands, "")
        if not digits.isdigit() or (fraction and not fraction.isdigit()):
            raise ValueProblem("expected a number like 1234.56, 1 234,56 or 1.234,56")
        number = float(f"{digits}.{fraction or '0'}")
        if negative:
            number = -number
    if not math.isfinite(number):
        raise ValueProblem("expected a finite number")
    return number


def _grouped(whole: str, separator: str) -> bool:
    head, *groups = whole.split(separator)
    return 1 <= len(head) <= 3 and all(len(group) == 3 for group in groups)


def parse_percent(value: CellValue) -> float:
    """``80%``, ``80,5 %`` or an xlsx fraction (0.8) as a percentage (80.0)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) * 100 if 0 <= value <= 1 else float(value)
    text = cell_text(value).rstrip("%").strip()
    return parse_number(text, "," if "," in text and "." not in text else ".")


_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Serials accepted as dates: 1950-01-01 … 2100-12-31. Outside that, a number in a date
#: column is far more likely a mistake than a date.
_SERIAL_RANGE = (18264, 73415)
_YEAR_RANGE = (1950, 2100)
_ISO_LIKE = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
_NOT_A_DATE = frozenset({"", "n.a.", "n/a", "na", "-", "—", "brak", "none", "null"})


def excel_serial_date(serial: float) -> dt.date:
    """Excel's 1900 date system: serial 1 is 1900-01-01 (Excel's phantom 1900-02-29 included)."""
    if not _SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1]:
        raise ValueProblem(
            "a number where a date belongs, outside the Excel serials of 1950-2100; "
            "expected a date like 2021-03-01 or 01.03.2021"
        )
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _checked(year: int, month: int, day: int) -> dt.date:
    if not _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]:
        raise ValueProblem(
            f"year {year} is out of range; expected {_YEAR_RANGE[0]}-{_YEAR_RANGE[1]}"
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem(f"no such day: {year:04d}-{month:02d}-{day:02d}") from None


def parse_flexible_date(value: CellValue) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from the ways spreadsheets write dates; None for "none".

    Slashed dates are read day first (``01/03/2021`` is 1 March), as everywhere in Europe;
    ``N.a.`` and an empty cell mean not known.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _checked(value.year, value.month, value.day).isoformat()
    if isinstance(value, dt.date):
        return _checked(value.year, value.month, value.day).isoformat()
    if isinstance(value, bool | dt.time):
        raise ValueProblem("expected a date like 2021-03-01 or 01.03.2021")
    if isinstance(value, int | float):
        return excel_serial_date(float(value)).isoformat()
    text = value.strip()
    if text.lower() in _NOT_A_DATE:
        return None
    match = _ISO_LIKE.fullmatch(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return _checked(year, month, day).isoformat()
    match = _DAY_FIRST.fullmatch(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return _checked(year, month, day).isoformat()
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return excel_serial_date(float(text)).isoformat()
    raise ValueProblem("expected a date like 2021-03-01, 01.03.2021 or an Excel date")
