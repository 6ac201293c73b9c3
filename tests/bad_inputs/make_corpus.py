"""Write the bad-input corpus and its README: ``python tests/bad_inputs/make_corpus.py``.

Each case is a file ``partnergraph import keep`` must refuse with a clear message (exit 1)
and an unchanged graph. ``CASES`` is the single list: file name, how it is made, the text the
error must contain, and what is wrong; the README table is generated from it and
``tests/ingest/test_bad_inputs.py`` reads the table back.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
SB = "2014 - 2020 INTERREG V-A South Baltic"
PROJECTS = ["Programme", "Acronym", "Project Name", "Budget", "Project start", "Project end"]
PARTNERS = ["Programme", "Acronym", "Project Partner", "Lead Partner", "Town", "Country code"]
GOOD_PROJECT = [SB, "TESTPROJ", "Test project", "100000.00", "2017-01-01", "2019-12-31"]
GOOD_PARTNER = [SB, "TESTPROJ", "Gdańsk University of Technology", "Yes", "Gdańsk", "PL"]


def csv_text(*rows: list[str], delimiter: str = ",") -> str:
    out = io.StringIO()
    for row in rows:
        cells = []
        for cell in row:
            needs_quotes = any(ch in cell for ch in f'{delimiter}"\n\r')
            cells.append('"' + cell.replace('"', '""') + '"' if needs_quotes else cell)
        out.write(delimiter.join(cells) + "\r\n")
    return out.getvalue()


def utf8(*rows: list[str]) -> bytes:
    return csv_text(*rows).encode()


def projects_with(**changes: str) -> bytes:
    row = dict(zip(PROJECTS, GOOD_PROJECT, strict=True)) | changes
    return utf8(PROJECTS, [row[column] for column in PROJECTS])


def partners_with(**changes: str) -> bytes:
    """A projects+partners pair cannot be one CSV, so partner cases use an xlsx workbook."""
    row = dict(zip(PARTNERS, GOOD_PARTNER, strict=True)) | changes
    return workbook(
        {"Projects": [PROJECTS, GOOD_PROJECT], "Partners": [PARTNERS, [row[c] for c in PARTNERS]]}
    )


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def good_workbook() -> bytes:
    return workbook({"Projects": [PROJECTS, GOOD_PROJECT], "Partners": [PARTNERS, GOOD_PARTNER]})


def junk() -> bytes:
    rng = random.Random(6)  # deterministic junk
    return bytes(rng.randrange(256) for _ in range(4096))


def formula_cell() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Projects"
    sheet.append(PROJECTS)
    sheet.append([SB, "TESTPROJ", "Test project", "=SUM(40000,60000)", "2017-01-01", "2019-12-31"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Case:
    file: str
    make: Callable[[], bytes]
    expected: str
    what: str


CASES: list[Case] = [
    Case("empty.csv", lambda: b"", "empty file", "zero bytes"),
    Case("blank_lines.csv", lambda: b"\r\n\r\n  \r\n", "empty file", "only blank lines"),
    Case(
        "header_only.csv",
        lambda: utf8(PROJECTS),
        "no project or partner rows found",
        "a header and no rows",
    ),
    Case(
        "truncated_in_quotes.csv",
        lambda: utf8(PROJECTS) + f'{SB},TESTPROJ,"Test project, cut off in the midd'.encode(),
        "ends inside a quoted cell",
        "file cut off inside a quoted cell",
    ),
    Case(
        "truncated_row.csv",
        lambda: utf8(PROJECTS) + f"{SB},TESTPROJ,Test pro".encode(),
        "3 cells; expected 6",
        "last line cut off between cells",
    ),
    Case(
        "truncated.xlsx",
        lambda: good_workbook()[:2000],
        "unreadable xlsx",
        "an xlsx cut off after 2,000 bytes",
    ),
    Case("binary_junk.csv", junk, "binary content", "random bytes named .csv"),
    Case(
        "xlsx_named_csv.csv",
        good_workbook,
        "zip/xlsx file, not CSV text",
        "an xlsx workbook with a .csv name",
    ),
    Case(
        "csv_named_xlsx.xlsx",
        lambda: projects_with(),
        "not an xlsx workbook",
        "CSV text with an .xlsx name",
    ),
    Case(
        "legacy.xls",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "legacy",
        "an old binary Excel file",
    ),
    Case(
        "mixed_encoding.csv",
        lambda: (
            utf8(PROJECTS, [SB, "FIRST", "Zażółć gęślą jaźń", "1", "2017-01-01", "2018-01-01"])
            + f"{SB},SECOND,Projekt – łódź,1,2017-01-01,2018-01-01\r\n".encode("cp1250")
        ),
        "mixed encodings",
        "UTF-8 rows followed by a cp1250 row (wrong encoding)",
    ),
    Case(
        "broken_utf16.csv",
        lambda: b"\xff\xfe" + "Programme,Acronym\r\n".encode("utf-16-le") + b"\x00",
        "broken UTF-16",
        "a UTF-16 BOM and an odd number of bytes",
    ),
    Case(
        "not_keep.csv",
        lambda: utf8(["name", "email"], ["Jan Kowalski", "jan@example.org"]),
        "not a keep.eu projects or partners table",
        "a CSV from somewhere else",
    ),
    Case(
        "missing_programme_column.csv",
        lambda: utf8(PROJECTS[1:], GOOD_PROJECT[1:]),
        "required column is missing: Programme",
        "projects without the Programme column",
    ),
    Case(
        "missing_acronym_column.xlsx",
        lambda: workbook(
            {
                "Projects": [PROJECTS, GOOD_PROJECT],
                "Partners": [
                    [c for c in PARTNERS if c != "Acronym"],
                    [v for c, v in zip(PARTNERS, GOOD_PARTNER, strict=True) if c != "Acronym"],
                ],
            }
        ),
        "required column is missing: Acronym",
        "partners without the Acronym column",
    ),
    Case(
        "missing_project_acronym_column.xlsx",
        lambda: workbook(
            {
                "Projects (lead partners)": [
                    [c for c in PROJECTS if c != "Acronym"],
                    [v for c, v in zip(PROJECTS, GOOD_PROJECT, strict=True) if c != "Acronym"],
                ],
                "Partners": [PARTNERS, GOOD_PARTNER],
            }
        ),
        "[Projects (lead partners)]:1: required column is missing: Acronym",
        "a projects sheet without its Acronym column (not skipped, its partners not blamed)",
    ),
    Case(
        "missing_organisation_column.xlsx",
        lambda: workbook(
            {
                "Projects": [PROJECTS, GOOD_PROJECT],
                "Partners": [
                    [c for c in PARTNERS if c != "Project Partner"],
                    [
                        v
                        for c, v in zip(PARTNERS, GOOD_PARTNER, strict=True)
                        if c != "Project Partner"
                    ],
                ],
            }
        ),
        "[Partners]:1: required column is missing: Project Partner",
        "a partners sheet without its organisation column",
    ),
    Case(
        "duplicate_column.csv",
        lambda: utf8([*PROJECTS, "Project acronym"], [*GOOD_PROJECT, "OTHER"]),
        "column appears twice",
        "Acronym and Project acronym: the same field twice",
    ),
    Case(
        "duplicate_project.csv",
        lambda: utf8(PROJECTS, GOOD_PROJECT, [*GOOD_PROJECT[:3], "200000.00", *GOOD_PROJECT[4:]]),
        "duplicate project 'TESTPROJ'",
        "the same programme and acronym twice with different budgets (duplicate ids)",
    ),
    Case(
        "unknown_project.xlsx",
        lambda: partners_with(Acronym="NOSUCHPROJ"),
        "unknown project",
        "a partner row of a project that is nowhere (unknown reference)",
    ),
    Case(
        "impossible_date.csv",
        lambda: projects_with(**{"Project start": "30.02.2021"}),
        "no such day: 2021-02-30",
        "30 February",
    ),
    Case(
        "impossible_month.csv",
        lambda: projects_with(**{"Project end": "2021-13-01"}),
        "no such day: 2021-13-01",
        "month 13",
    ),
    Case(
        "date_out_of_range.csv",
        lambda: projects_with(**{"Project start": "1021-03-01"}),
        "year 1021 is out of range",
        "a typo'd year",
    ),
    Case(
        "date_not_a_date.csv",
        lambda: projects_with(**{"Project start": "next spring"}),
        "expected a date like 2021-03-01",
        "words in a date column",
    ),
    Case(
        "excel_serial_out_of_range.csv",
        lambda: projects_with(**{"Project end": "99999"}),
        "outside the Excel serials",
        "a number in a date column that is no plausible Excel date",
    ),
    Case(
        "end_before_start.xlsx",
        lambda: workbook(
            {
                "Projects": [
                    PROJECTS,
                    [*GOOD_PROJECT[:4], "2019/06/01", "2019/01/31"],
                ],
                "Partners": [PARTNERS, GOOD_PARTNER],
            }
        ),
        "[Projects]:2:6: Project end: ends before the project starts",
        "a project ending four months before it starts (keep.eu's end = start - 1 day is accepted)",
    ),
    Case(
        "negative_budget.csv",
        lambda: projects_with(Budget="-100000.00"),
        "negative amount",
        "a negative budget",
    ),
    Case(
        "budget_text.csv",
        lambda: projects_with(Budget="about one million"),
        "expected a number",
        "words in a budget",
    ),
    Case(
        "budget_bad_grouping.csv",
        lambda: projects_with(Budget="1,00,000.00"),
        "thousands separators in the wrong places",
        "thousands separators that are not every three digits",
    ),
    Case(
        "budget_nan.csv",
        lambda: projects_with(Budget="NaN"),
        "expected a number",
        "NaN as a budget",
    ),
    Case(
        "formula_hyperlink.xlsx",
        lambda: partners_with(**{"Project Partner": '=HYPERLINK("http://evil.example","Click")'}),
        "formula",
        "formula injection in a partner name",
    ),
    Case(
        "formula_dde.csv",
        lambda: projects_with(**{"Project Name": "+cmd|' /C calc'!A0"}),
        "looks like a spreadsheet formula",
        "DDE payload starting with +",
    ),
    Case(
        "formula_cell.xlsx",
        formula_cell,
        "formula",
        "a real formula cell in the budget column",
    ),
    Case(
        "huge_cell.csv",
        lambda: projects_with(**{"Project Name": "x" * 10_000_000}),
        "longer than 131,072 characters",
        "a single cell of 10 MB",
    ),
    Case(
        "long_name.csv",
        lambda: projects_with(**{"Project Name": "Project " * 5_000}),
        "expected at most 1,000",
        "a 40,000-character project name",
    ),
    Case(
        "control_characters.csv",
        lambda: projects_with(**{"Project Name": "Test\x07project"}),
        "control characters",
        "a BEL character inside a name",
    ),
    Case(
        "excel_error_value.xlsx",
        lambda: partners_with(**{"Project Partner": "#REF!"}),
        "spreadsheet error value",
        "an Excel error instead of a name",
    ),
    Case(
        "unknown_country.xlsx",
        lambda: partners_with(**{"Country code": "Atlantis"}),
        "unknown country",
        "a country that is neither an ISO code nor a known name",
    ),
    Case(
        "bad_nuts.xlsx",
        lambda: workbook(
            {
                "Projects": [PROJECTS, GOOD_PROJECT],
                "Partners": [
                    [*PARTNERS, "NUTS3 (or equivalent)"],
                    [*GOOD_PARTNER, "PL63333 / Nowhere"],
                ],
            }
        ),
        "expected a NUTS 3 code",
        "a NUTS 3 code of the wrong length",
    ),
    Case(
        "bad_lead_flag.xlsx",
        lambda: partners_with(**{"Lead Partner": "maybe"}),
        "expected Yes or No",
        "a lead-partner flag that is neither yes nor no",
    ),
    Case(
        "extra_cells.csv",
        lambda: utf8(PROJECTS, [*GOOD_PROJECT, "stray value"]),
        "7 cells; expected 6",
        "a row longer than the header (unquoted delimiter)",
    ),
    Case(
        "empty_acronym.csv",
        lambda: projects_with(Acronym=""),
        "required value is empty",
        "a project without an acronym",
    ),
    Case(
        "empty_partner_name.xlsx",
        lambda: partners_with(**{"Project Partner": ""}),
        "required value is empty",
        "a partner row without an organisation",
    ),
    Case(
        "empty_workbook.xlsx",
        lambda: workbook({"Sheet1": []}),
        "no project or partner rows found",
        "an xlsx with one empty sheet",
    ),
]


def write_all(target: Path = HERE) -> None:
    for case in CASES:
        (target / case.file).write_bytes(case.make())
    lines = [
        "# Bad inputs",
        "",
        "Files `partnergraph import keep` must refuse: exit code 1, a message naming the file",
        "(and sheet, row, column where there is one) that contains the *expected* text, and an",
        "unchanged graph. `tests/ingest/test_bad_inputs.py` checks every row of this table;",
        "`python tests/bad_inputs/make_corpus.py` regenerates the files and this README.",
        "",
        "| file | expected error | what is wrong |",
        "|---|---|---|",
    ]
    lines += [f"| {c.file} | {c.expected} | {c.what} |" for c in CASES]
    (target / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_all()
