"""Reading keep.eu rows: :class:`RowReader` (typed, checked access to a table's cells) and
the parsing of project and partner rows into :class:`Project` and :class:`Partner`, each
with the :class:`Where` it came from; also how priority cells and country cells are read."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from partnergraph.errors import DataIssue
from partnergraph.ingest.keep_eu_ids import iso_country
from partnergraph.ingest.tabular import (
    CellValue,
    Table,
    cell_text,
    infer_decimal_mark,
    parse_flexible_date,
    parse_number,
    text_problem,
)
from partnergraph.ingest.values import ValueProblem
from partnergraph.text import fold

__all__ = [
    "PRIORITY_KINDS",
    "Partner",
    "Project",
    "RowReader",
    "Where",
    "parse_partners",
    "parse_projects",
    "priority_parts",
    "rows_text",
]

# -- rows ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    """A row: ``file`` is the file name (for ``source_row``), ``shown`` the path as given
    (for error messages)."""

    file: str
    sheet: str | None
    line: int
    shown: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = self.file if self.sheet is None else f"{self.file}[{self.sheet}]"
        return f"{where}:{self.line}"


def rows_text(places: Iterable[Where]) -> str:
    """``a.xlsx[Partners]:2,7,9`` — the rows a fact came from, grouped by table."""
    grouped: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for place in places:
        lines = grouped[(place.file, place.sheet)]
        if place.line not in lines:
            lines.append(place.line)
    parts = []
    for (file, sheet), lines in grouped.items():
        where = file if sheet is None else f"{file}[{sheet}]"
        parts.append(f"{where}:{','.join(str(line) for line in sorted(lines))}")
    return "; ".join(parts)


class RowReader:
    """Typed access to one table's cells; every problem becomes a located DataIssue."""

    MAX_NAME = 1000

    def __init__(self, table: Table, mapping: dict[str, int], file_name: str) -> None:
        self.table = table
        self.mapping = mapping
        self.file_name = file_name
        self.issues: list[DataIssue] = []
        self.warnings: list[DataIssue] = []
        default = "," if table.delimiter == ";" else "."
        self.decimal: dict[str, str] = {}
        for name, index in mapping.items():
            texts = [
                value
                for row in table.rows
                if isinstance(value := row.get(index), str) and value.strip()
            ]
            self.decimal[name] = infer_decimal_mark(texts) or default

    def where(self, line: int) -> Where:
        return Where(self.file_name, self.table.sheet, line, self.table.file)

    def raw(self, line_cells: tuple[int, Sequence[CellValue]], name: str) -> CellValue:
        index = self.mapping.get(name)
        if index is None:
            return None
        cells = line_cells[1]
        return cells[index] if index < len(cells) else None

    def column_of(self, name: str) -> str:
        """``Project start in column 5``: a second cell a message points at."""
        index = self.mapping[name]
        return f"{self.table.header[index]} in column {index + 1}"

    def fail(self, line: int, name: str, message: str, value: CellValue) -> None:
        self.issues.append(
            self.table.issue(line, self.mapping.get(name), message, cell_text(value) or None)
        )

    def warn(self, line: int, name: str, message: str, value: CellValue) -> None:
        self.warnings.append(
            self.table.issue(line, self.mapping.get(name), message, cell_text(value) or None)
        )

    def text(
        self, row: tuple[int, Sequence[CellValue]], name: str, *, required: bool = False
    ) -> str:
        value = self.raw(row, name)
        if isinstance(value, str) and value.startswith("="):
            self.fail(row[0], name, "a formula; expected plain text (paste values only)", value)
            return ""
        text = " ".join(cell_text(value).split())
        if not text:
            if required:
                self.fail(row[0], name, "required value is empty", None)
            return ""
        problem = text_problem(
            cell_text(value), max_chars=self.MAX_NAME if name in _NAME_FIELDS else 32_767
        )
        if problem:
            self.fail(row[0], name, problem, value)
            return ""
        return text

    def derived(self, line: int, name: str, part: str, whole: str) -> bool:
        """Check a value split off a cell (a NUTS name after ``CODE /``, a priority's text
        after its code) like a whole cell; report it at the cell and return False if bad."""
        problem = text_problem(part) if part else None
        if problem:
            self.fail(line, name, f"the text after the code {problem}", whole)
        return problem is None

    def refused(self, line: int, name: str, value: CellValue) -> bool:
        """Report a formula, error value or control character in a non-text cell."""
        problem = text_problem(value) if isinstance(value, str) else None
        if problem:
            self.fail(line, name, problem, value)
        return problem is not None

    def number(self, row: tuple[int, Sequence[CellValue]], name: str) -> float | None:
        value = self.raw(row, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if self.refused(row[0], name, value):
            return None
        if isinstance(value, str) and value.strip().lower() in ("n.a.", "n/a", "-"):
            return None
        try:
            number = parse_number(value, self.decimal.get(name, "."))
        except ValueProblem as problem:
            self.fail(row[0], name, str(problem), value)
            return None
        if number < 0:
            self.fail(row[0], name, "negative amount; expected a budget of 0 or more", value)
            return None
        return round(number, 2)

    def date(self, row: tuple[int, Sequence[CellValue]], name: str) -> str | None:
        value = self.raw(row, name)
        if self.refused(row[0], name, value):
            return None
        try:
            return parse_flexible_date(value)
        except ValueProblem as problem:
            self.fail(row[0], name, str(problem), value)
            return None


_NAME_FIELDS = frozenset(
    {"programme", "acronym", "name", "name_2", "name_3", "name_4", "organisation", "town"}
    | {"organisation_2", "organisation_3", "organisation_4", "lead_partner", "country"}
)


@dataclass
class Project:
    where: list[Where]
    programme: str
    acronym: str
    project_id: str
    period: str
    names: list[str]
    start: str | None
    end: str | None
    budget: float | None
    eu_funding: float | None
    website: str
    priorities: list[tuple[str, str]]
    themes: list[str]
    leads: list[str]
    call: str
    dates_note: str = ""

    def signature(self) -> tuple[object, ...]:
        """Everything but the lead partner: rows that agree on it are one project."""
        return (
            self.project_id,
            self.period,
            self.names,
            self.start,
            self.end,
            self.budget,
            self.eu_funding,
            self.website,
            self.priorities,
            self.themes,
            self.call,
        )


@dataclass
class Partner:
    where: Where
    programme: str
    acronym: str
    project_id: str
    name: str
    other_names: tuple[str, ...]
    role: str
    country: str | None
    pic: str
    vat: str
    partner_id: str
    kind: str
    nuts: list[tuple[str, str]]
    town: str
    website: str
    budget: float | None
    erdf: float | None = None


_ROLES = {
    "lead partner": "lead",
    "lead": "lead",
    "lp": "lead",
    "partner wiodacy": "lead",
    "project partner": "partner",
    "partner": "partner",
    "pp": "partner",
    "associated partner": "associated",
    "associated": "associated",
    "partner stowarzyszony": "associated",
    "ap": "associated",
}
_YES = frozenset({"yes", "y", "true", "1", "tak", "x", "ja"})
_NO = frozenset({"no", "n", "false", "0", "nie", "nej", "nein"})
_NUTS = re.compile(r"^([A-Z]{2}[0-9A-Z]{0,3})(?:\s*/\s*(.*))?$")


def parse_projects(reader: RowReader) -> list[Project]:
    projects = []
    for row in reader.table.rows:
        cells = (row.line, row.cells)
        programme = reader.text(cells, "programme", required=True)
        acronym = reader.text(cells, "acronym")
        project_id = reader.text(cells, "project_id")
        if not acronym and not project_id:
            reader.fail(row.line, "acronym", "required value is empty", None)
        names = [reader.text(cells, key) for key in ("name", "name_2", "name_3", "name_4")]
        start, end = reader.date(cells, "start"), reader.date(cells, "end")
        dates_note = ""
        if start and end and end < start:
            if _one_day_before(end, start):
                # keep.eu's own quirk (seen in its 2014-2020 export): end = start - 1 day.
                # The data is otherwise usable, so the row stays, without dates.
                reader.warn(
                    row.line,
                    "end",
                    f"ends one day before it starts ({start}), as keep.eu exports some "
                    "projects; the project is imported without dates, which are kept in its "
                    "note",
                    reader.raw(cells, "end"),
                )
                dates_note = f"keep.eu gives start {start} and end {end} (end one day before start)"
            else:
                reader.fail(
                    row.line,
                    "end",
                    f"ends before the project starts ({reader.column_of('start')}: "
                    f"{start}); expected an end on or after the start (only keep.eu's "
                    "'end = start - 1 day' is accepted, and imported without dates)",
                    reader.raw(cells, "end"),
                )
            start = end = None
        priorities = [
            (kind, text)
            for kind in PRIORITY_KINDS
            if (text := reader.text(cells, kind))
            and reader.derived(row.line, kind, priority_parts(kind, text)[1], text)
        ]
        projects.append(
            Project(
                where=[reader.where(row.line)],
                programme=programme,
                acronym=acronym or project_id,
                project_id=project_id,
                period=reader.text(cells, "period"),
                names=[name for name in names if name],
                start=start,
                end=end,
                budget=reader.number(cells, "budget"),
                eu_funding=reader.number(cells, "eu_funding"),
                website=reader.text(cells, "website"),
                priorities=priorities,
                themes=[
                    t for key in ("theme_1", "theme_2", "theme_3") if (t := reader.text(cells, key))
                ],
                leads=[lead] if (lead := reader.text(cells, "lead_partner")) else [],
                call=reader.text(cells, "call"),
                dates_note=dates_note,
            )
        )
    return projects


def _one_day_before(end: str, start: str) -> bool:
    """keep.eu's documented quirk: a project "ending" the day before it starts."""
    return dt.date.fromisoformat(start) - dt.date.fromisoformat(end) == dt.timedelta(days=1)


def parse_partners(reader: RowReader) -> list[Partner]:
    partners = []
    for row in reader.table.rows:
        cells = (row.line, row.cells)
        programme = reader.text(cells, "programme", required=True)
        acronym = reader.text(cells, "acronym")
        project_id = reader.text(cells, "project_id")
        if not acronym and not project_id:
            reader.fail(row.line, "acronym", "required value is empty", None)
        name = reader.text(cells, "organisation", required=True)
        role = _role(reader, cells)
        country_code, country_name = (
            reader.text(cells, "country_code"),
            reader.text(cells, "country"),
        )
        country = _country(country_code, country_name)
        if country is None and (country_code or country_name):
            column = "country_code" if country_code else "country"
            reader.fail(
                row.line,
                column,
                "unknown country; expected an ISO code (PL) or an English country name",
                country_code or country_name,
            )
        nuts = _nuts(reader, cells)
        others = tuple(
            other
            for key in ("organisation_2", "organisation_3", "organisation_4")
            if (other := reader.text(cells, key)) and other != name
        )
        budget = reader.number(cells, "budget")
        if budget is None:
            budget = reader.number(cells, "cofinancing")
        erdf = reader.number(cells, "erdf")
        partners.append(
            Partner(
                where=reader.where(row.line),
                programme=programme,
                acronym=acronym or project_id,
                project_id=project_id,
                name=name,
                other_names=others,
                role=role,
                country=country,
                pic=reader.text(cells, "pic"),
                vat=reader.text(cells, "vat"),
                partner_id=reader.text(cells, "partner_id"),
                kind=reader.text(cells, "kind"),
                nuts=nuts,
                town=reader.text(cells, "town"),
                website=reader.text(cells, "website"),
                budget=budget,
                erdf=erdf,
            )
        )
    return partners


def _role(reader: RowReader, cells: tuple[int, Sequence[CellValue]]) -> str:
    role_text = reader.text(cells, "role")
    if role_text:
        role = _ROLES.get(fold(role_text))
        if role is None:
            reader.fail(
                cells[0],
                "role",
                "expected lead partner, project partner or associated partner",
                role_text,
            )
            return "partner"
        return role
    lead = reader.text(cells, "lead")
    if not lead:
        return "partner"
    if fold(lead) in _YES:
        return "lead"
    if fold(lead) in _NO:
        return "partner"
    reader.fail(cells[0], "lead", "expected Yes or No", lead)
    return "partner"


def _nuts(reader: RowReader, cells: tuple[int, Sequence[CellValue]]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for level, key in ((1, "nuts1"), (2, "nuts2"), (3, "nuts3")):
        text = reader.text(cells, key)
        if not text:
            continue
        match = _NUTS.match(text)
        if not match or len(match.group(1)) != level + 2:
            reader.fail(
                cells[0],
                key,
                f"expected a NUTS {level} code of {level + 2} characters, "
                "optionally followed by ' / name'",
                text,
            )
            continue
        code, label = match.group(1), (match.group(2) or "").strip()
        if not reader.derived(cells[0], key, label, text):
            continue
        if found and not code.startswith(found[-1][0]):
            reader.warn(
                cells[0],
                key,
                f"{code} is not inside {found[-1][0]} given in the column before; "
                f"{code}'s parent is taken from its code",
                text,
            )
        found.append((code, label))
    return found


# -- cells -------------------------------------------------------------------------------

_COUNTRY_NAMES = {
    "albania": "AL", "andorra": "AD", "austria": "AT", "belarus": "BY", "belgium": "BE",
    "bosnia and herzegovina": "BA", "bulgaria": "BG", "canada": "CA", "croatia": "HR",
    "cyprus": "CY", "czech republic": "CZ", "czechia": "CZ", "denmark": "DK", "estonia": "EE",
    "faroe islands": "FO", "finland": "FI", "france": "FR", "germany": "DE", "greece": "GR",
    "greenland": "GL", "hungary": "HU", "iceland": "IS", "ireland": "IE", "italy": "IT",
    "kosovo": "XK", "latvia": "LV", "liechtenstein": "LI", "lithuania": "LT",
    "luxembourg": "LU", "malta": "MT", "moldova": "MD", "monaco": "MC", "montenegro": "ME",
    "netherlands": "NL", "the netherlands": "NL", "north macedonia": "MK",
    "former yugoslav republic of macedonia": "MK", "norway": "NO", "poland": "PL",
    "polska": "PL", "portugal": "PT", "romania": "RO", "russia": "RU",
    "russian federation": "RU", "san marino": "SM", "serbia": "RS", "slovakia": "SK",
    "slovenia": "SI", "spain": "ES", "sweden": "SE", "switzerland": "CH", "turkey": "TR",
    "turkiye": "TR", "ukraine": "UA", "united kingdom": "GB", "uk": "GB", "georgia": "GE",
    "armenia": "AM", "azerbaijan": "AZ", "israel": "IL", "tunisia": "TN", "egypt": "EG",
    "morocco": "MA", "lebanon": "LB", "jordan": "JO", "palestine": "PS", "algeria": "DZ",
    "united states": "US", "usa": "US",
}  # fmt: skip
_COUNTRY_CODE = re.compile(r"^([A-Za-z]{2})(?:\s|$)")


def _country(code_text: str, name_text: str) -> str | None:
    match = _COUNTRY_CODE.match(code_text.strip())
    if match:
        return iso_country(match.group(1))
    if name_text:
        folded = fold(name_text)
        if folded in _COUNTRY_NAMES:
            return _COUNTRY_NAMES[folded]
        if len(folded) == 2 and folded.isalpha():
            return iso_country(folded)
    return None


PRIORITY_KINDS = {
    "thematic_objective": ("to", "Thematic objective"),
    "investment_priority": ("ip", "Investment priority"),
    "ipa_priority": ("tp", "IPA thematic priority"),
    "priority": ("p", "Priority"),
    "specific_objective": ("so", "Specific objective"),
}
_CODED = re.compile(
    r"^\(?\s*((?:priority\s+)?[0-9]{1,2}[a-z]?(?:\.[0-9]{1,2})*(?:\s+etc)?|[a-z])\s*[).:]\s*(.+)$",
    re.IGNORECASE,
)


def priority_parts(kind: str, text: str) -> tuple[str, str]:
    """A priority cell split into its code and its text (``(6c) Protecting …`` →
    ``6c``, ``Protecting …``); no code: ``""`` and the whole text."""
    prefix = PRIORITY_KINDS[kind][0]
    match = _CODED.match(text) if prefix in ("to", "ip", "tp", "p") else None
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return "", text
