"""Reading tables the way people save them: encodings, delimiters, Polish numbers and dates,
header rows below titles and merged cells; and a fuzzer that throws anything at the parser."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnergraph.errors import DataIssue
from partnergraph.ingest.tabular import (
    decode_bytes,
    excel_serial_date,
    header_key,
    infer_decimal_mark,
    parse_flexible_date,
    parse_number,
    read_tables,
    sniff_delimiter,
    text_problem,
)
from partnergraph.ingest.values import ValueProblem

ROWS = [
    ["Programme", "Acronym", "Project Partner", "Budget"],
    [
        "Interreg South Baltic",
        "WATERLINK",
        "Urząd Marszałkowski Województwa Pomorskiego",
        "1 234,56",
    ],
    ["Interreg South Baltic", "SMARTPORTS", "Gmina Miasta Gdańsk; Wydział Środowiska", "987,5"],
    ["Interreg South Baltic", "ŹRÓDŁA", 'Świętokrzyskie - Łódź "Żuławy"', "0,5"],
]


def write_csv(path: Path, rows: list[list[str]], delimiter: str, encoding: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 with BOM"),
        ("cp1250", "cp1250 (Windows-1250)"),
        ("iso-8859-2", "ISO-8859-2 (Latin-2)"),
        ("utf-16", "UTF-16"),
    ],
)
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_polish_text_survives_every_encoding_and_delimiter(
    tmp_path: Path, encoding: str, named: str, delimiter: str
) -> None:
    path = write_csv(tmp_path / "partners.csv", ROWS, delimiter, encoding)
    issues: list[DataIssue] = []
    [table] = read_tables(path, issues)
    assert issues == []
    assert table.encoding == named
    assert table.delimiter == delimiter
    assert table.header == tuple(ROWS[0])
    assert [list(row.cells) for row in table.rows] == ROWS[1:]


def test_cp1250_and_iso_8859_2_are_told_apart_on_short_texts() -> None:
    for word in ("ą", "ś", "ź", "Łódź", "Śląsk", "źdźbło"):
        assert decode_bytes(word.encode("cp1250"), "x").text == word
        assert decode_bytes(word.encode("iso-8859-2"), "x").text == word


def test_header_below_a_merged_title_row_in_xlsx(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Search results, partners"
    sheet.append(["keep.eu export"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["Programme", "Acronym", None, "Town"])
    sheet.merge_cells("C3:C4")  # a header cell merged down over the next row
    sheet["C3"] = "Project Partner"
    sheet.append(["P", "A", None, "Gdańsk"])
    sheet.append(["P", "B", "Politechnika Gdańska", "Gdańsk"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    issues: list[DataIssue] = []
    known = {"Programme", "Acronym", "Project Partner", "Town"}
    [table] = read_tables(path, issues, header_score=lambda texts: sum(t in known for t in texts))
    assert table.header == ("Programme", "Acronym", "Project Partner", "Town")
    assert table.header_line == 3
    assert [row.line for row in table.rows] == [4, 5]
    assert table.rows[0].cells[2] == "Project Partner"  # the merged value, seen by the importer


@pytest.mark.parametrize(
    ("text", "mark", "number"),
    [
        ("1 234 567,89", None, 1234567.89),
        ("1\u00a0234\u00a0567,89", None, 1234567.89),
        ("1.234.567,89", None, 1234567.89),
        ("1,234,567.89", None, 1234567.89),
        ("892,228.58", None, 892228.58),
        ("987,5", None, 987.5),
        ("1234.5", None, 1234.5),
        ("1,234", ",", 1.234),
        ("1,234", ".", 1234.0),
        ("1.234", ",", 1234.0),
        ("-5,5", None, -5.5),
        ("€ 1 000", None, 1000.0),
        ("1000 EUR", None, 1000.0),
        ("(1 000,00)", None, -1000.0),
    ],
)
def test_numbers_with_decimal_commas_and_thousands(
    text: str, mark: str | None, number: float
) -> None:
    assert parse_number(text, mark or ".") == pytest.approx(number)


@pytest.mark.parametrize("text", ["1,00,000.00", "12.34.5", "abc", "NaN", "1..2", "1,2,3,4.5,6"])
def test_numbers_that_are_not(text: str) -> None:
    with pytest.raises(ValueProblem):
        parse_number(text)


def test_a_column_of_numbers_says_its_decimal_mark() -> None:
    assert infer_decimal_mark(["1 234,56", "1,234", "7"]) == ","
    assert infer_decimal_mark(["1,234.56", "1,234"]) == "."
    assert infer_decimal_mark(["1,234", "12"]) is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2021-03-01", "2021-03-01"),
        ("01.03.2021", "2021-03-01"),
        ("1.3.2021", "2021-03-01"),
        ("2015/10/27", "2015-10-27"),
        ("01/03/2021", "2021-03-01"),
        ("2021-03-01 00:00:00", "2021-03-01"),
        ("44256", "2021-03-01"),
        (44256, "2021-03-01"),
        (44256.75, "2021-03-01"),
        (dt.datetime(2021, 3, 1, 12, 30), "2021-03-01"),
        (dt.date(2021, 3, 1), "2021-03-01"),
        ("N.a.", None),
        ("", None),
        (None, None),
    ],
)
def test_dates_as_spreadsheets_write_them(value: object, iso: str | None) -> None:
    assert parse_flexible_date(value) == iso  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["31.02.2021", "2021-13-01", "1021-03-01", "someday", 12, True])
def test_impossible_dates(value: object) -> None:
    with pytest.raises(ValueProblem):
        parse_flexible_date(value)  # type: ignore[arg-type]


def test_excel_serials_count_like_excel() -> None:
    assert excel_serial_date(44256) == dt.date(2021, 3, 1)
    assert excel_serial_date(18264) == dt.date(1950, 1, 1)


def test_headers_match_whatever_the_case_spacing_and_apostrophes() -> None:
    assert header_key("Partner’s ID if not PIC") == header_key("partner's id  if not pic")
    assert header_key("Project ID (2021 - 2027 only)") == header_key("project id (2021-2027 only)")
    assert header_key("NUTS3 (or equivalent):") == header_key("nuts3 (or equivalent)")


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ('=HYPERLINK("http://x","y")', True),
        ("@SUM(1+1)", True),
        ("+cmd|' /C calc'!A0", True),
        ("-2+3+cmd|' /C calc'!A0", True),
        ("+48 58 326 81 00", False),
        ("- (see note)", False),
        ("Gdańsk", False),
        ("#N/A", True),
        ("bell\x07", True),
    ],
)
def test_formulas_errors_and_control_characters_are_refused(text: str, refused: bool) -> None:
    assert (text_problem(text) is not None) is refused


def test_the_delimiter_of_a_polish_export_is_the_semicolon() -> None:
    assert sniff_delimiter("a;b;c\n1,5;2,5;3\n") == ";"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"


# -- fuzzing ----------------------------------------------------------------------------------


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2048))
def test_any_bytes_named_csv_give_tables_or_issues_never_a_crash(
    tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    issues: list[DataIssue] = []
    tables = read_tables(path, issues)
    assert not (tables and issues)
    for issue in issues:
        assert str(issue).startswith(str(path))


#: Natural text: the encoding guess (cp1250 or ISO-8859-2) is a guess about language, so the
#: round trip is promised for letters, digits and punctuation, not for any symbol soup.
_CELL = st.text(
    alphabet=st.sampled_from(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-'\"()/&\n"
        "ąćęłńóśźżĄĆĘŁŃÓŚŹŻäöüÄÖÜéÉčšžČŠŽ"
    ),
    max_size=12,
).map(str.strip)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzĄĘŁŚŻ", min_size=1, max_size=8),
        min_size=2,
        max_size=5,
        unique=True,
    ),
    body=st.lists(st.lists(_CELL, min_size=5, max_size=5), min_size=1, max_size=6),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1250"]),
)
def test_written_tables_read_back_the_same(
    tmp_path: Path, header: list[str], body: list[list[str]], delimiter: str, encoding: str
) -> None:
    rows = [row[: len(header)] for row in body]
    rows = [row for row in rows if any(row)]
    path = write_csv(tmp_path / "t.csv", [header, *rows], delimiter, encoding)
    issues: list[DataIssue] = []
    [table] = read_tables(path, issues)
    assert issues == []
    assert table.header == tuple(header)
    assert [list(row.cells) for row in table.rows] == rows
