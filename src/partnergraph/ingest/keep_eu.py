"""Importer for keep.eu exports: Interreg projects and their partners, xlsx or CSV.

keep.eu (the database of Interreg projects) has exported two layouts over the years; both are
accepted, and a column is found by its header whatever the case, spacing or apostrophes
(``Partner’s`` = ``Partner's`` = ``partners``), with or without a period prefix like
``(2021 - 2027)``. :data:`PROJECT_COLUMNS` and :data:`PARTNER_COLUMNS` list every accepted
header; ``docs/ingest.md`` has the same tables. Columns not listed are ignored.

What becomes what:

* each programme → a ``Programme`` (an existing one when the graph already has it under
  another name, matched by period and the words of its name);
* each project row → a ``Project`` ``FUNDED_BY`` its programme and ``ADDRESSES`` the
  programme's thematic objective, investment priority, IPA thematic priority and specific
  objective, each a ``Priority`` the programme ``DEFINES``. Rows repeating a (programme,
  acronym) with identical project data are one project with several lead partners (the
  Sweden–Norway programme lists one per country); differing data is an error;
* each partner row → an actor ``PARTICIPATES_IN`` the project (role, budget), after entity
  resolution (:mod:`partnergraph.ingest.resolve`): a new ``Organisation`` ``LOCATED_IN`` its
  NUTS region (created when missing) and its Polish gmina when the town names exactly one,
  or a node already in the graph;
* each file → a ``Source`` cited by everything it contributed; ``source_row`` says which
  file, sheet and rows.

:func:`read_keep` only reads and builds; :mod:`partnergraph.ingest.changes` checks the result
against the store and writes it, all or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from partnergraph.errors import DataError, DataIssue
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.csv_source import Dataset
from partnergraph.ingest.nuts_editions import bundled_crosswalk
from partnergraph.ingest.priority_match import KnownPriorities
from partnergraph.ingest.resolve import Decisions, Known, Mention, ReviewPair, resolve
from partnergraph.ingest.tabular import (
    CellValue,
    Table,
    cell_text,
    header_key,
    infer_decimal_mark,
    looks_like_formula,
    parse_flexible_date,
    parse_number,
    read_tables,
    text_problem,
)
from partnergraph.ingest.values import ValueProblem
from partnergraph.model import Edge, Node, NodeLabel, PropValue, RelType
from partnergraph.text import fold, slugify

__all__ = [
    "PARTNER_COLUMNS",
    "PROJECT_COLUMNS",
    "Column",
    "KeepImport",
    "StoreContext",
    "import_name",
    "read_keep",
    "source_id_for",
]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Column:
    """A field of a keep.eu table and every header it has been exported under."""

    field: str
    headers: tuple[str, ...]
    meaning: str


PROJECT_COLUMNS: tuple[Column, ...] = (
    Column("programme", ("Programme", "Program", "Programme name"), "programme (required)"),
    Column("period", ("Period", "Programming period"), "programming period, e.g. 2014-2020"),
    Column("acronym", ("Acronym", "Project acronym"), "project acronym (required)"),
    Column(
        "project_id",
        ("Project ID (2021-2027 only)", "Project ID", "Project number"),
        "programme's project id; with it, rows join on programme + id",
    ),
    Column(
        "name",
        ("Project name in English", "Project Name", "Project name (EN)", "Project title"),
        "project name, English",
    ),
    Column(
        "name_2",
        ("Project name in language 2", "Project Name language 2"),
        "project name, 2nd language",
    ),
    Column(
        "name_3",
        ("Project name in language 3", "Project Name language 3"),
        "project name, 3rd language",
    ),
    Column("name_4", ("Project name in language 4",), "project name, 4th language"),
    Column("lead_partner", ("Lead Partner",), "older layout: the lead partner's name"),
    Column("start", ("Project start", "Start date", "Start"), "start date"),
    Column("end", ("Project end", "End date", "End"), "end date"),
    Column(
        "budget",
        ("Budget", "Project's total budget / expenditure", "Total budget", "Project budget"),
        "total budget, EUR",
    ),
    Column("eu_funding", ("EU Funding", "Project's EU funding"), "EU funding, EUR"),
    Column("website", ("Website", "Project website"), "website"),
    Column("theme_1", ("Theme 1", "Thematic1"), "keep.eu theme"),
    Column("theme_2", ("Theme 2", "Thematic2"), "keep.eu theme"),
    Column("theme_3", ("Theme 3", "Thematic3"), "keep.eu theme"),
    Column(
        "thematic_objective",
        ("Thematic Obj", "Thematic objective"),
        "2014-2020 thematic objective, e.g. (6) preserving ...",
    ),
    Column(
        "investment_priority",
        ("Inv. Priority", "Investment priority"),
        "2014-2020 investment priority, e.g. (6c) ...",
    ),
    Column(
        "ipa_priority",
        ("Thematic Priorities (Interreg-IPA CBC specific)",),
        "IPA cross-border thematic priority, e.g. (d) ...",
    ),
    Column(
        "specific_objective",
        ("Specific Obj", "Specific objective", "Programme specific objective"),
        "programme specific objective",
    ),
    Column(
        "priority",
        ("Priority", "Programme priority", "Priority axis"),
        "programme priority (axis)",
    ),
    Column("call", ("Call SN", "Call serial number", "Call"), "call"),
)

PARTNER_COLUMNS: tuple[Column, ...] = (
    Column("programme", ("Programme", "Program", "Programme name"), "programme (required)"),
    Column("acronym", ("Acronym", "Project acronym"), "project acronym (required)"),
    Column(
        "project_id",
        ("Project ID (2021-2027 only)", "Project ID", "Project number"),
        "programme's project id",
    ),
    Column(
        "organisation",
        (
            "Project Partner",
            "Organisation in English",
            "Organisation",
            "Organization",
            "Partner name",
            "Partner",
        ),
        "partner organisation (required)",
    ),
    Column("organisation_2", ("Organisation in language 2",), "organisation name, 2nd language"),
    Column("organisation_3", ("Organisation in language 3",), "organisation name, 3rd language"),
    Column("organisation_4", ("Organisation in language 4",), "organisation name, 4th language"),
    Column("lead", ("Lead Partner", "Lead partner (yes/no)"), "Yes/No"),
    Column(
        "role",
        ("Partner role", "Role", "Type of partner"),
        "lead partner / project partner / associated partner",
    ),
    Column("country", ("Country",), "country name"),
    Column("country_code", ("Country code",), "ISO code, e.g. PL or 'PL Poland / POLSKA'"),
    Column("pic", ("Participant Identification Code", "PIC"), "EU PIC"),
    Column("partner_id", ("Partner's ID if not PIC",), "programme's partner id"),
    Column("vat", ("VAT", "VAT number"), "VAT number"),
    Column("kind", ("Type of Organisation", "Legal Status"), "legal status / type"),
    Column(
        "nuts1",
        ("NUTS1 (or equivalent)", "NUTS1 code (or equivalent)", "NUTS1", "NUTS 1"),
        "NUTS 1 code, optionally 'CODE / Name'",
    ),
    Column(
        "nuts2",
        ("NUTS2 (or equivalent)", "NUTS2 code (or equivalent)", "NUTS2", "NUTS 2"),
        "NUTS 2 code",
    ),
    Column(
        "nuts3",
        ("NUTS3 (or equivalent)", "NUTS3 code (or equivalent)", "NUTS3", "NUTS 3"),
        "NUTS 3 code",
    ),
    Column("town", ("Town", "City"), "town"),
    Column("website", ("Website",), "website (ignored when it repeats the project's)"),
    Column(
        "budget",
        (
            "Partner's total eligible budget / expenditure",
            "Partner budget",
            "Partner's budget",
            "Budget",
            "Total budget",
        ),
        "partner budget, EUR",
    ),
    Column(
        "erdf",
        ("ERDF contribution (2014-2020 only)", "ERDF contribution"),
        "ERDF contribution, EUR",
    ),
    Column(
        "cofinancing",
        ("Partner's programme co-financing (EUR) (2021-2027 only)",),
        "programme co-financing, EUR",
    ),
)

_PERIOD_PREFIX = re.compile(r"^\(\d{4}-\d{4}\)\s*")
_KNOWN_HEADERS = {
    header_key(header) for column in PROJECT_COLUMNS + PARTNER_COLUMNS for header in column.headers
}


def _keep_key(text: str) -> str:
    return _PERIOD_PREFIX.sub("", header_key(text))


def _header_score(texts: Sequence[str]) -> int:
    return sum(1 for text in texts if text and _keep_key(text) in _KNOWN_HEADERS)


def _mapping(table: Table, columns: Sequence[Column]) -> tuple[dict[str, int], list[DataIssue]]:
    lookup = {header_key(header): column.field for column in columns for header in column.headers}
    found: dict[str, int] = {}
    issues: list[DataIssue] = []
    for index, text in enumerate(table.header):
        name = lookup.get(_keep_key(text)) if text else None
        if name is None:
            continue
        if name in found:
            first = table.header[found[name]]
            issues.append(
                table.issue(
                    table.header_line,
                    index,
                    f"column appears twice (also column {found[name] + 1}, {first!r})",
                )
            )
            continue
        found[name] = index
    return found, issues


# -- the result ----------------------------------------------------------------------------


@dataclass
class KeepImport:
    """What reading some keep.eu files produced: the import's contribution to the graph."""

    name: str
    dataset: Dataset
    source_ids: list[str]
    files: list[dict[str, str]]
    tables: list[str]
    notes: list[str]
    review: list[ReviewPair]
    stats: Counter[str] = field(default_factory=Counter)
    warnings: list[DataIssue] = field(default_factory=list)


@dataclass
class StoreContext:
    """What the importer needs to know about the graph it imports into."""

    programmes: list[Node] = field(default_factory=list)
    known: list[Known] = field(default_factory=list)
    #: a person's answers to earlier review pairs of this import (``partnergraph review``)
    decisions: Decisions = field(default_factory=Decisions)
    regions: dict[str, Node] = field(default_factory=dict)
    municipalities: list[Node] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    projects: set[str] = field(default_factory=set)
    priorities: list[Node] = field(default_factory=list)
    sources: dict[str, Node] = field(default_factory=dict)
    labels: dict[str, NodeLabel] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: GraphStore, *, ignore_sources: Iterable[str] = ()) -> StoreContext:
        """Read the graph; nodes cited only by ``ignore_sources`` (an earlier version of this
        same import) are left out, so an updated import does not resolve against itself."""
        ignored = set(ignore_sources)
        context = cls()

        def wanted(node: Node) -> bool:
            return not (node.sources and set(node.sources) <= ignored)

        for node in store.nodes():
            if node.label == NodeLabel.SOURCE:
                context.sources[node.uid] = node
                context.labels[node.uid] = node.label
                continue
            if not wanted(node):
                continue
            context.labels[node.uid] = node.label
            match node.label:
                case NodeLabel.PROGRAMME:
                    context.programmes.append(node)
                case NodeLabel.COUNTRY:
                    context.countries.add(node.uid.removeprefix("country:"))
                case NodeLabel.PROJECT:
                    context.projects.add(node.uid)
                case NodeLabel.PRIORITY:
                    context.priorities.append(node)
                case NodeLabel.REGION:
                    context.regions[node.uid] = node
                    context.known.append(_known(node))
                case NodeLabel.MUNICIPALITY:
                    context.municipalities.append(node)
                    context.known.append(_known(node))
                case NodeLabel.ORGANISATION:
                    context.known.append(_known(node))
        return context


def _known(node: Node) -> Known:
    props = node.properties
    aliases = props.get("aliases")
    names = [node.name, node.name_en or ""]
    if isinstance(aliases, list):
        names.extend(aliases)
    country = props.get("country")
    city = props.get("city")
    gmina_type = props.get("gmina_type")
    return Known(
        uid=node.uid,
        label=node.label,
        names=tuple(name for name in names if name),
        country=_iso_country(str(country)) if isinstance(country, str) else None,
        city=city if isinstance(city, str) else None,
        pic=str(props["pic"]) if "pic" in props else None,
        vat=str(props["vat"]) if "vat" in props else None,
        gmina_type=gmina_type if isinstance(gmina_type, str) else None,
    )


# -- names, uids, sources ------------------------------------------------------------------

#: Greek and Cyrillic letters → Latin, so acronyms of Balkan programmes get readable uids.
_TRANSLIT_PAIRS = (
    "а:a б:b в:v г:g д:d е:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f "
    "х:h ц:ts ч:ch ш:sh щ:sht ъ:a ь: ю:yu я:ya ѓ:g ќ:k џ:dz љ:lj њ:nj ђ:d ћ:c ј:j ѕ:dz э:e "
    "ы:y ё:e є:ye і:i ї:yi α:a β:v γ:g δ:d ε:e ζ:z η:i θ:th ι:i κ:k λ:l μ:m ν:n ξ:x ο:o "
    "π:p ρ:r σ:s ς:s τ:t υ:y φ:f χ:ch ψ:ps ω:o ά:a έ:e ή:i ί:i ό:o ύ:y ώ:o ϊ:i ϋ:y ΐ:i ΰ:y"
)
_TRANSLIT = str.maketrans(dict(pair.split(":") for pair in _TRANSLIT_PAIRS.split()))


def _slug(text: str) -> str:
    """slugify, after transliterating Greek and Cyrillic (acronyms of Balkan programmes)."""
    return slugify(text.lower().translate(_TRANSLIT))


def _short_hash(text: str, size: int = 6) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:size]


def import_name(paths: Sequence[Path]) -> str:
    """The workspace name of an import: the first file's name as a slug (+ how many more)."""
    first = _slug(paths[0].stem) or "import"
    return first if len(paths) == 1 else f"{first}-and-{len(paths) - 1}-more"


def source_id_for(path: Path) -> str:
    """``import-<slug of the file name>-<hash of the file name>``: stable across updated
    exports saved under the same name, so they update the same nodes in place."""
    slug = (_slug(path.stem) or "file")[:48].strip("-")
    return f"import-{slug}-{_short_hash(path.name)}"


# -- countries -----------------------------------------------------------------------------

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
_EU_CODES = {"EL": "GR", "UK": "GB"}
_COUNTRY_CODE = re.compile(r"^([A-Za-z]{2})(?:\s|$)")


def _iso_country(code: str) -> str:
    code = code.strip().upper()
    return _EU_CODES.get(code, code)


def _country(code_text: str, name_text: str) -> str | None:
    match = _COUNTRY_CODE.match(code_text.strip())
    if match:
        return _iso_country(match.group(1))
    if name_text:
        folded = fold(name_text)
        if folded in _COUNTRY_NAMES:
            return _COUNTRY_NAMES[folded]
        if len(folded) == 2 and folded.isalpha():
            return _iso_country(folded)
    return None


# -- rows ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Where:
    """A row: ``file`` is the file name (for ``source_row``), ``shown`` the path as given
    (for error messages)."""

    file: str
    sheet: str | None
    line: int
    shown: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = self.file if self.sheet is None else f"{self.file}[{self.sheet}]"
        return f"{where}:{self.line}"


def _rows_text(places: Iterable[_Where]) -> str:
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


class _RowReader:
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

    def where(self, line: int) -> _Where:
        return _Where(self.file_name, self.table.sheet, line, self.table.file)

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
class _Project:
    where: list[_Where]
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
class _Partner:
    where: _Where
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


def _parse_projects(reader: _RowReader) -> list[_Project]:
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
            for kind in _PRIORITY_KINDS
            if (text := reader.text(cells, kind))
            and reader.derived(row.line, kind, _priority_parts(kind, text)[1], text)
        ]
        projects.append(
            _Project(
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


def _parse_partners(reader: _RowReader) -> list[_Partner]:
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
            _Partner(
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


def _role(reader: _RowReader, cells: tuple[int, Sequence[CellValue]]) -> str:
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


def _nuts(reader: _RowReader, cells: tuple[int, Sequence[CellValue]]) -> list[tuple[str, str]]:
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


# -- building the graph --------------------------------------------------------------------


class _Builder:
    """Turns parsed rows into nodes and edges, collecting issues instead of raising."""

    def __init__(self, context: StoreContext, today: dt.date) -> None:
        self.context = context
        self.today = today
        self.issues: list[DataIssue] = []
        self.nodes: dict[str, Node] = {}
        self.edges: dict[str, Edge] = {}
        self.origins: dict[str, str] = {}
        self.stats: Counter[str] = Counter()
        self.notes: list[str] = []
        self.review: list[ReviewPair] = []
        self.programme_uids: dict[str, str] = {}
        self.project_uids: dict[tuple[str, str], str] = {}
        self.priority_names: dict[str, str] = {}
        self.known_priorities = KnownPriorities(context.priorities)
        #: old NUTS code → its NUTS 2021 code, for codes only recoded (set by _build_regions)
        self.nuts_successor: dict[str, str] = {}

    def add_node(self, node: Node, where: str) -> None:
        self.nodes[node.uid] = node
        self.origins.setdefault(node.uid, where)

    def add_edge(self, edge: Edge, where: str) -> None:
        self.edges[edge.id] = edge
        self.origins.setdefault(edge.id, where)

    # programmes ---------------------------------------------------------------------------

    def programme(self, text: str, period: str, source: str, where: _Where) -> str:
        if text in self.programme_uids:
            return self.programme_uids[text]
        existing = _match_programme(text, period, self.context.programmes)
        if existing is not None:
            uid = existing.uid
            self.stats["programmes matched to the graph"] += 1
            self.notes.append(f"programme {text!r} is {uid}, already in the graph")
        else:
            uid = f"programme:{_slug(text) or 'p-' + _short_hash(text)}"
            self.stats["programmes created"] += 1
        self.add_node(
            Node(
                uid=uid,
                label=NodeLabel.PROGRAMME,
                name=text,
                sources=(source,),
                properties=_props(period=period or _period_of(text), source_row=str(where)),
            ),
            str(where),
        )
        self.programme_uids[text] = uid
        return uid

    # priorities ---------------------------------------------------------------------------

    def priority(self, programme_uid: str, kind: str, text: str, source: str, where: _Where) -> str:
        prefix, label = _PRIORITY_KINDS[kind]
        code_text, name = _priority_parts(kind, text)
        programme_slug = programme_uid.split(":", 1)[1]
        known = self.known_priorities.match(programme_slug, name or text)
        if known is not None:
            # the graph's own node for this priority, with its alignments (priority_match)
            self.stats["priority cells matched to the graph's priorities"] += 1
            return known
        if code_text:
            code = f"{prefix}-{_slug(code_text).replace('-', '.') or _short_hash(text)}"
        else:
            code = f"{prefix}-{_short_hash(fold(text), 8)}"
        uid = f"priority:{programme_slug}:{code}"
        if self.priority_names.setdefault(uid, name) != name:
            uid = f"{uid}-{_short_hash(fold(text))}"
            self.priority_names.setdefault(uid, name)
        if uid not in self.nodes:
            self.add_node(
                Node(
                    uid=uid,
                    label=NodeLabel.PRIORITY,
                    name=name or text,
                    sources=(source,),
                    properties=_props(
                        code=f"{label} {code_text}".strip() if code_text else label,
                        note=f"{label} of the programme, as exported by keep.eu",
                        source_row=str(where),
                    ),
                ),
                str(where),
            )
            self.add_edge(
                Edge(
                    type=RelType.DEFINES,
                    source=programme_uid,
                    target=uid,
                    sources=(source,),
                    properties=_props(source_row=str(where)),
                ),
                str(where),
            )
        return uid


_PRIORITY_KINDS = {
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
_PERIOD = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")


def _priority_parts(kind: str, text: str) -> tuple[str, str]:
    """A priority cell split into its code and its text (``(6c) Protecting …`` →
    ``6c``, ``Protecting …``); no code: ``""`` and the whole text."""
    prefix = _PRIORITY_KINDS[kind][0]
    match = _CODED.match(text) if prefix in ("to", "ip", "tp", "p") else None
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return "", text


def _period_of(text: str) -> str:
    match = _PERIOD.search(text)
    return f"{match.group(1)}-{match.group(2)}" if match else ""


_PROGRAMME_NOISE_WORDS = (
    "interreg programme program cooperation co operation cross border crossborder cbc "
    "transnational v a b c va vb vc iv iiia iiib iiic ipa eni region the of and"
)
_PROGRAMME_NOISE = frozenset(_PROGRAMME_NOISE_WORDS.split())


def _programme_words(text: str) -> frozenset[str]:
    words = _SPLIT_WORDS.split(fold(_PERIOD.sub(" ", text)))
    return frozenset(word for word in words if word and word not in _PROGRAMME_NOISE)


_SPLIT_WORDS = re.compile(r"[^a-z0-9]+")


def _match_programme(text: str, period: str, programmes: Sequence[Node]) -> Node | None:
    """The graph's programme of the same period whose name has the same words once
    "Interreg", "V-A", "Programme" and the like are dropped, or else the only one whose words
    are all in the export's name ("Interreg South Baltic" in "… Lithuania - Sweden (South
    Baltic)"); None unless exactly one fits."""
    wanted_period = period or _period_of(text)
    words = _programme_words(text)
    if not words or not wanted_period:
        return None
    same: list[Node] = []
    within: list[Node] = []
    for node in programmes:
        node_period = str(node.properties.get("period") or "") or _period_of(node.name)
        if node_period.replace("–", "-").replace(" ", "") != wanted_period.replace(" ", ""):
            continue
        names = [_programme_words(name) for name in (node.name, node.name_en or "") if name]
        if any(name == words for name in names):
            same.append(node)
        elif any(name and name < words for name in names):
            within.append(node)
    if same:
        return same[0] if len(same) == 1 else None
    return within[0] if len(within) == 1 else None


def _props(**values: PropValue | None) -> dict[str, PropValue]:
    return {key: value for key, value in values.items() if value not in (None, "", [])}


# -- entry point ---------------------------------------------------------------------------


def _classify(mapping_projects: dict[str, int], mapping_partners: dict[str, int]) -> str | None:
    if "organisation" in mapping_partners:
        return "partners"
    has_key = "acronym" in mapping_projects or "project_id" in mapping_projects
    has_body = any(
        name in mapping_projects
        for name in ("name", "budget", "start", "thematic_objective", "specific_objective")
    )
    if has_key and has_body:
        return "projects"
    return None


#: keep.eu's sheet names (old and new layouts) and their plain forms, folded; a sheet so
#: named is that kind of table even when a required column is missing.
_SHEET_NAME = re.compile(
    r"^(?:search results,?\s*)?(?:(?P<projects>projects?|projekty)(?:\s*\(lead partners?\))?"
    r"|(?P<partners>partners?|partnerzy))$"
)
_FILE_WORDS = {
    "projects": frozenset({"project", "projects", "projekty"}),
    "partners": frozenset({"partner", "partners", "partnerzy"}),
}


def _named_kind(table: Table, path: Path) -> str | None:
    """The kind a table's name declares: an xlsx sheet named as keep.eu names them
    (``Projects (lead partners)``, ``Search results, partners`` …), or a CSV file whose name
    has exactly one of the words project(s)/partner(s) (``keep_projects_pl.csv``)."""
    if table.sheet is not None:
        match = _SHEET_NAME.match(" ".join(fold(table.sheet).split()))
        if match is None:
            return None
        return "projects" if match.group("projects") else "partners"
    words = set(_SPLIT_WORDS.split(fold(path.stem)))
    kinds = [kind for kind, names in _FILE_WORDS.items() if words & names]
    return kinds[0] if len(kinds) == 1 else None


def _missing_columns(mapping: dict[str, int], kind: str) -> list[str]:
    """The required columns a table of ``kind`` lacks, named by their usual headers."""
    missing = []
    if "programme" not in mapping:
        missing.append("Programme")
    if "acronym" not in mapping and "project_id" not in mapping:
        missing.append("Acronym (or Project acronym / Project ID)")
    if kind == "partners" and "organisation" not in mapping:
        missing.append("Project Partner (or Organisation in English / Organisation)")
    return missing


def read_keep(
    paths: Sequence[Path],
    context: StoreContext,
    *,
    name: str | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> KeepImport:
    """Read keep.eu exports and build the import's nodes and edges; raise DataError with
    every problem found (file, sheet, row, column, value, what was expected)."""
    today = today or dt.date.today()
    issues: list[DataIssue] = []
    warnings: list[DataIssue] = []
    tables: list[str] = []
    notes: list[str] = []
    projects: list[_Project] = []
    partners: list[_Partner] = []
    files: list[dict[str, str]] = []
    source_of: dict[str, str] = {}
    project_websites: set[str] = set()
    for number, path in enumerate(paths, start=1):
        if progress:
            progress("reading files", number - 1, len(paths))
        display = str(path)
        name_problem = text_problem(path.name)
        if name_problem:
            # The file name becomes the Source's ``document``, exported and shown as is.
            issues.append(
                DataIssue(display, None, None, f"file name {name_problem}; rename the file")
            )
            continue
        found = read_tables(path, issues, display=display, header_score=_header_score)
        if not path.is_file():
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        source_id = source_id_for(path)
        if source_id in source_of.values():
            issues.append(DataIssue(display, None, None, "the same file is given twice"))
            continue
        source_of[path.name] = source_id
        counts: Counter[str] = Counter()
        for table in found:
            project_map, project_issues = _mapping(table, PROJECT_COLUMNS)
            partner_map, partner_issues = _mapping(table, PARTNER_COLUMNS)
            # A sheet keep.eu names as projects or partners is read as that kind, so a missing
            # column is reported as missing rather than the sheet being skipped (or taken for
            # the other kind) and its rows blamed elsewhere. A CSV file's name is a weaker
            # hint (keep.eu calls every download "Project_search_results…"): it only decides
            # when the headers do not.
            named = _named_kind(table, path)
            headed = _classify(project_map, partner_map)
            kind = (named or headed) if table.sheet is not None else (headed or named)
            if kind is None:
                if table.sheet is None:
                    issues.append(
                        table.issue(
                            table.header_line,
                            None,
                            "not a keep.eu projects or partners table: expected columns such "
                            "as Programme, Acronym and Project Partner / Organisation in "
                            "English (see docs/ingest.md)",
                        )
                    )
                else:
                    notes.append(
                        f"{display}[{table.sheet}]: not a projects or partners sheet, skipped"
                    )
                continue
            mapping = project_map if kind == "projects" else partner_map
            issues.extend(project_issues if kind == "projects" else partner_issues)
            missing = _missing_columns(mapping, kind)
            if missing:
                issues.extend(
                    table.issue(table.header_line, None, f"required column is missing: {column}")
                    for column in missing
                )
                continue
            reader = _RowReader(table, mapping, path.name)
            if kind == "projects":
                parsed = _parse_projects(reader)
                projects.extend(parsed)
                project_websites.update(p.website for p in parsed if p.website)
            else:
                partners.extend(_parse_partners(reader))
            issues.extend(reader.issues)
            warnings.extend(reader.warnings)
            counts[kind] += len(table.rows)
            tables.append(f"{table.describe()} → {kind}")
        files.append(
            {
                "file": path.name,
                "path": str(path.resolve()),
                "sha256": digest,
                "source": source_id,
                "projects_rows": str(counts["projects"]),
                "partners_rows": str(counts["partners"]),
            }
        )
    if issues:
        raise DataError(issues)
    if not projects and not partners:
        raise DataError(
            [
                DataIssue(
                    ", ".join(str(p) for p in paths),
                    None,
                    None,
                    "no project or partner rows found; expected a keep.eu export",
                )
            ]
        )
    if progress:
        progress("reading files", len(paths), len(paths))
    builder = _Builder(context, today)
    builder.notes.extend(notes)
    _add_sources(builder, files, context)
    _build_projects(builder, projects, source_of)
    _build_partners(builder, partners, source_of, project_websites, progress)
    builder.issues.extend(_formula_values(builder))
    if builder.issues:
        raise DataError(builder.issues)
    dataset = Dataset(
        nodes=[builder.nodes[uid] for uid in sorted(builder.nodes)],
        edges=[builder.edges[key] for key in sorted(builder.edges)],
        origins=builder.origins,
    )
    builder.stats["project rows"] = sum(int(info["projects_rows"]) for info in files)
    builder.stats["partner rows"] = sum(int(info["partners_rows"]) for info in files)
    return KeepImport(
        name=name or import_name(paths),
        dataset=dataset,
        source_ids=sorted(source_of.values()),
        files=files,
        tables=tables,
        notes=builder.notes,
        review=builder.review,
        stats=builder.stats,
        warnings=warnings,
    )


def _formula_values(builder: _Builder) -> list[DataIssue]:
    """The last check before anything is written: no text the import built (names, split-off
    parts, notes, file names) may look like a spreadsheet formula, whatever step derived it;
    each problem names the row it came from."""
    found: list[DataIssue] = []
    items: list[tuple[str, dict[str, PropValue], tuple[tuple[str, str | None], ...]]] = [
        (uid, node.properties, (("name", node.name), ("name_en", node.name_en)))
        for uid, node in builder.nodes.items()
    ]
    items.extend((key, edge.properties, ()) for key, edge in builder.edges.items())
    for key, properties, names in items:
        texts: list[tuple[str, str]] = [(field, text) for field, text in names if text]
        for prop, value in properties.items():
            values = value if isinstance(value, list) else [value]
            texts.extend((prop, item) for item in values if isinstance(item, str))
        for prop, text in texts:
            if looks_like_formula(text):
                found.append(
                    DataIssue(
                        builder.origins.get(key, key),
                        None,
                        None,
                        f"{key}: {prop}: a value derived from this row looks like a "
                        "spreadsheet formula; expected plain text",
                        value=text,
                    )
                )
    return found


def _add_sources(builder: _Builder, files: list[dict[str, str]], context: StoreContext) -> None:
    for info in files:
        uid = f"source:{info['source']}"
        note = (
            f"keep.eu export imported with partnergraph; sha256 {info['sha256']}; "
            f"{info['projects_rows']} project rows, {info['partners_rows']} partner rows"
        )
        retrieved = builder.today.isoformat()
        existing = context.sources.get(uid)
        if existing is not None and existing.properties.get("note") == note:
            retrieved = str(existing.properties.get("retrieved") or retrieved)
        builder.add_node(
            Node(
                uid=uid,
                label=NodeLabel.SOURCE,
                name=f"keep.eu export {info['file']}",
                sources=(info["source"],),
                properties=_props(
                    document=info["file"],
                    retrieved=retrieved,
                    confidence="unverified",
                    note=note,
                ),
            ),
            info["file"],
        )


def _build_projects(builder: _Builder, projects: list[_Project], source_of: dict[str, str]) -> None:
    merged: dict[tuple[str, str], _Project] = {}
    for project in projects:
        key = (project.programme, project.project_id or project.acronym)
        first = merged.get(key)
        if first is None:
            merged[key] = project
            continue
        if first.signature() != project.signature():
            differing = [
                label
                for label, a, b in zip(
                    (
                        "project id",
                        "period",
                        "names",
                        "start",
                        "end",
                        "budget",
                        "EU funding",
                        "website",
                        "priorities",
                        "themes",
                        "call",
                    ),
                    first.signature(),
                    project.signature(),
                    strict=True,
                )
                if a != b
            ]
            where = project.where[0]
            builder.issues.append(
                DataIssue(
                    where.shown or where.file,
                    where.line,
                    None,
                    f"duplicate project {project.acronym!r} of {project.programme!r}, first at "
                    f"{first.where[0]}, with different {', '.join(differing)}",
                    field="Acronym",
                    value=project.acronym,
                    sheet=where.sheet,
                )
            )
            continue
        first.where.extend(project.where)
        first.leads.extend(lead for lead in project.leads if lead not in first.leads)
        builder.stats["duplicate project rows merged (one project, several lead partners)"] += 1

    # uids: acronym slugs, made unique within a programme
    slugs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for (programme, ident), project in merged.items():
        uid = builder.programme(
            programme, project.period, source_of[project.where[0].file], project.where[0]
        )
        slug = _slug(project.acronym) or f"p-{_short_hash(project.acronym)}"
        slugs[(uid, slug)].append((programme, ident))
    for (programme_uid, slug), keys in slugs.items():
        for programme, ident in keys:
            project = merged[(programme, ident)]
            unique = slug
            if len(keys) > 1:
                unique = f"{slug}-{_slug(project.project_id) or _short_hash(project.acronym)}"
                builder.stats["acronyms made unique with a suffix"] += 1
            builder.project_uids[(programme, ident)] = (
                f"project:{programme_uid.split(':', 1)[1]}:{unique}"
            )
            if project.project_id:
                builder.project_uids.setdefault(
                    (programme, project.acronym), builder.project_uids[(programme, ident)]
                )
    for (programme, ident), project in merged.items():
        _add_project(builder, project, builder.project_uids[(programme, ident)], source_of)


def _add_project(builder: _Builder, project: _Project, uid: str, source_of: dict[str, str]) -> None:
    where = project.where[0]
    source = source_of[where.file]
    programme_uid = builder.programme_uids[project.programme]
    rows = _rows_text(project.where)
    note_parts = []
    if project.eu_funding is not None:
        note_parts.append(f"EU funding {project.eu_funding:,.2f} EUR")
    if project.themes:
        note_parts.append("keep.eu themes: " + "; ".join(project.themes))
    if project.leads:
        note_parts.append("lead partner as listed: " + "; ".join(project.leads))
    if project.call:
        note_parts.append(f"call {project.call}")
    if project.dates_note:
        note_parts.append(project.dates_note)
    name = project.names[0] if project.names else project.acronym
    builder.add_node(
        Node(
            uid=uid,
            label=NodeLabel.PROJECT,
            name=name,
            name_en=project.names[0] if project.names and project.names[0] != name else None,
            sources=(source,),
            valid_from=project.start,
            valid_to=project.end,
            properties=_props(
                acronym=project.acronym,
                budget_eur=project.budget,
                keep_id=project.project_id or None,
                website=project.website,
                note=". ".join(note_parts),
                source_row=rows,
            ),
        ),
        str(where),
    )
    builder.stats["projects"] += 1
    builder.add_edge(
        Edge(
            type=RelType.FUNDED_BY,
            source=uid,
            target=programme_uid,
            sources=(source,),
            properties=_props(source_row=rows),
        ),
        str(where),
    )
    for kind, text in project.priorities:
        priority_uid = builder.priority(programme_uid, kind, text, source, where)
        builder.add_edge(
            Edge(
                type=RelType.ADDRESSES,
                source=uid,
                target=priority_uid,
                sources=(source,),
                properties=_props(source_row=rows),
            ),
            str(where),
        )


def _project_of(builder: _Builder, partner: _Partner) -> str | None:
    for ident in (partner.project_id, partner.acronym):
        if ident and (partner.programme, ident) in builder.project_uids:
            return builder.project_uids[(partner.programme, ident)]
    # a project imported earlier (partners-only file): same uid rule, must exist in the graph
    programme = _match_programme(partner.programme, "", builder.context.programmes)
    programme_uid = programme.uid if programme else f"programme:{_slug(partner.programme) or 'x'}"
    uid = f"project:{programme_uid.split(':', 1)[1]}:{_slug(partner.acronym) or 'x'}"
    return uid if uid in builder.context.projects else None


def _build_partners(
    builder: _Builder,
    partners: list[_Partner],
    source_of: dict[str, str],
    project_websites: set[str],
    progress: Progress | None,
) -> None:
    targets: list[str] = []
    for partner in partners:
        project_uid = _project_of(builder, partner)
        if project_uid is None:
            builder.issues.append(
                DataIssue(
                    partner.where.shown or partner.where.file,
                    partner.where.line,
                    None,
                    f"unknown project: no projects row with programme {partner.programme!r} "
                    f"and acronym {partner.acronym!r} in this import or in the graph",
                    field="Acronym",
                    value=partner.acronym,
                    sheet=partner.where.sheet,
                )
            )
        targets.append(project_uid or "")
    if builder.issues:
        return
    if progress:
        progress("resolving organisations", 0, len(partners))
    mentions = [
        Mention(
            name=p.name,
            country=p.country,
            city=p.town or None,
            pic=p.pic or None,
            vat=p.vat or None,
            other_names=p.other_names,
            origin=str(p.where),
            project=target,
        )
        for p, target in zip(partners, targets, strict=True)
    ]
    resolution = resolve(mentions, builder.context.known, decisions=builder.context.decisions)
    builder.review.extend(resolution.review)
    builder.stats.update(resolution.stats)
    if progress:
        progress("resolving organisations", len(partners), len(partners))
    _build_regions(builder, partners, source_of)
    known = {k.uid: k for k in builder.context.known}
    taken: set[str] = set(builder.context.labels)
    municipality_index = _municipality_index(builder.context.municipalities)
    actor_of: list[str] = [""] * len(partners)
    # Several groups can turn out to be the same node of the graph ("Pomorskie Region" and
    # "Marshal's Office of the Pomorskie Voivodeship" are both nuts:PL63): one node each.
    members_of: dict[str, list[int]] = {}
    for group_index, members in enumerate(resolution.groups):
        uid = resolution.known.get(group_index)
        if uid is None:
            uid = _new_org_uid([partners[m] for m in members], taken)
            builder.stats["organisations created"] += 1
        elif uid not in members_of:
            label = known[uid].label.value
            builder.stats[f"partners that are {label} nodes already in the graph"] += 1
        taken.add(uid)
        members_of.setdefault(uid, []).extend(members)
    display: dict[str, str] = {}
    for uid, members in members_of.items():
        group = [partners[m] for m in sorted(members)]
        for member in members:
            actor_of[member] = uid
        label = known[uid].label if uid in known else NodeLabel.ORGANISATION
        display[uid] = known[uid].names[0] if uid in known else _representative(group)
        _add_actor(builder, uid, label, group, source_of, project_websites, municipality_index)
    builder.stats["partner mentions merged into another by resolution"] = len(partners) - len(
        members_of
    )
    _add_participations(builder, partners, actor_of, targets, source_of, display)


def _new_org_uid(group: list[_Partner], taken: set[str]) -> str:
    pics = sorted({p.pic for p in group if p.pic})
    if pics:
        candidate = f"org:pic-{_slug(pics[0])}"
        if candidate not in taken:
            return candidate
    name = _representative(group)
    country = group[0].country or "xx"
    base = _slug(f"{name} {country}")[:80].strip("-") or f"org-{_short_hash(name)}"
    candidate = f"org:{base}"
    if candidate in taken:
        town = Counter(p.town for p in group if p.town).most_common(1)
        if town:
            candidate = f"org:{base}-{_slug(town[0][0])[:30].strip('-')}"
    if candidate in taken:
        candidate = f"org:{base}-{_short_hash(str(group[0].where))}"
    return candidate


def _representative(group: list[_Partner]) -> str:
    """The most frequent spelling; ties go to the first seen."""
    counts = Counter(p.name for p in group)
    best = max(counts.values())
    return next(p.name for p in group if counts[p.name] == best)


def _municipality_index(municipalities: list[Node]) -> dict[str, list[Node]]:
    index: dict[str, list[Node]] = defaultdict(list)
    for node in municipalities:
        if not node.uid.startswith("teryt:"):
            continue
        names = {fold(node.name), fold(node.name_en or "")}
        aliases = node.properties.get("aliases")
        if isinstance(aliases, list):
            names.update(fold(alias) for alias in aliases)
        for name in names - {""}:
            index[name].append(node)
    return index


_TOWN_PREFERENCE = ("miejska", "miejsko-wiejska", "wiejska")


def _gmina_of(town: str, index: dict[str, list[Node]]) -> Node | None:
    """The gmina a Polish town is in, when its name says so unambiguously: the urban gmina
    of that name, else the urban-rural one, else the rural one; None on any tie."""
    candidates = index.get(fold(town), [])
    for gmina_type in _TOWN_PREFERENCE:
        typed = [n for n in candidates if n.properties.get("gmina_type") == gmina_type]
        if len(typed) == 1:
            return typed[0]
        if len(typed) > 1:
            return None
    return None


def _add_actor(
    builder: _Builder,
    uid: str,
    label: NodeLabel,
    group: list[_Partner],
    source_of: dict[str, str],
    project_websites: set[str],
    municipality_index: dict[str, list[Node]],
) -> None:
    sources = tuple(sorted({source_of[p.where.file] for p in group}))
    rows = _rows_text(p.where for p in group)
    name = _representative(group)
    names: list[str] = []
    for partner in group:
        for spelling in (partner.name, *partner.other_names):
            if spelling != name and spelling not in names:
                names.append(spelling)
    first = str(group[0].where)
    if label == NodeLabel.ORGANISATION:
        countries = Counter(p.country for p in group if p.country)
        towns = Counter(p.town for p in group if p.town)
        kinds = Counter(p.kind for p in group if p.kind and fold(p.kind) not in ("n/a", "n.a."))
        websites = [p.website for p in group if p.website and p.website not in project_websites]
        partner_ids = sorted({p.partner_id for p in group if p.partner_id})
        vats = sorted({p.vat for p in group if p.vat})
        pics = sorted({p.pic for p in group if p.pic})
        kind = kinds.most_common(1)[0][0] if kinds else None
        properties = _props(
            kind=kind.lower() if kind and kind.lower() in ("public", "private") else kind,
            country=countries.most_common(1)[0][0] if countries else None,
            city=towns.most_common(1)[0][0] if towns else None,
            aliases=names,
            pic=pics[0] if pics else None,
            vat=vats[0] if vats else None,
            website=websites[0] if websites else None,
            note=("keep.eu partner id " + ", ".join(partner_ids)) if partner_ids else None,
            source_row=rows,
        )
    elif label == NodeLabel.MUNICIPALITY:
        properties = _props(aliases=[name, *names], source_row=rows)
    else:
        properties = _props(source_row=rows)
    builder.add_node(
        Node(uid=uid, label=label, name=name, sources=sources, properties=properties), first
    )
    if label == NodeLabel.MUNICIPALITY and uid.startswith("town:"):
        _place_town(builder, uid, group, sources, rows)
    if label != NodeLabel.ORGANISATION:
        return
    _locate(builder, uid, group, sources, rows, municipality_index)


def _place_town(
    builder: _Builder, uid: str, group: list[_Partner], sources: tuple[str, ...], rows: str
) -> None:
    """A foreign town the graph knows only by its country (``town:SE:kalmar``) gets the NUTS
    region the rows give it, when that region is in the town's own country: without it the
    town is in no region, and region questions (Kalmar län's projects) miss its projects.
    Polish gminy are placed by TERYT, never by keep.eu's NUTS cells."""
    regions = Counter(p.nuts[-1][0] for p in group if p.nuts)
    if not regions:
        return
    code = regions.most_common(1)[0][0]
    code = builder.nuts_successor.get(code, code)
    if _iso_country(code[:2]) != uid.split(":")[1]:
        return
    builder.add_edge(
        Edge(
            type=RelType.PART_OF,
            source=uid,
            target=f"nuts:{code}",
            sources=sources,
            properties=_props(source_row=rows),
        ),
        str(group[0].where),
    )
    builder.stats["foreign towns placed in their NUTS region"] += 1


def _locate(
    builder: _Builder,
    uid: str,
    group: list[_Partner],
    sources: tuple[str, ...],
    rows: str,
    municipality_index: dict[str, list[Node]],
) -> None:
    first = str(group[0].where)
    regions = Counter(p.nuts[-1][0] for p in group if p.nuts)
    if regions:
        code = regions.most_common(1)[0][0]
        builder.add_edge(
            Edge(
                type=RelType.LOCATED_IN,
                source=uid,
                target=f"nuts:{builder.nuts_successor.get(code, code)}",
                sources=sources,
                properties=_props(source_row=rows),
            ),
            first,
        )
    towns = Counter(p.town for p in group if p.town and p.country == "PL")
    if towns:
        gmina = _gmina_of(towns.most_common(1)[0][0], municipality_index)
        if gmina is not None:
            builder.add_edge(
                Edge(
                    type=RelType.LOCATED_IN,
                    source=uid,
                    target=gmina.uid,
                    sources=sources,
                    properties=_props(source_row=rows),
                ),
                first,
            )
            builder.stats["organisations located in a Polish gmina (TERYT)"] += 1


def _build_regions(builder: _Builder, partners: list[_Partner], source_of: dict[str, str]) -> None:
    """Region nodes for NUTS codes the graph lacks, named as in the export, each PART_OF its
    parent found by code prefix (``PL633`` → ``PL63`` → ``PL6`` → ``country:PL``), not by the
    row's other columns, which keep.eu occasionally gets wrong.

    An old-edition code that Eurostat only recoded becomes its NUTS 2021 code (one region, one
    node); one whose territory changed keeps its own node, noting its edition and successor
    (:mod:`partnergraph.ingest.nuts_editions`)."""
    crosswalk = bundled_crosswalk()
    seen: dict[str, tuple[Counter[str], _Partner]] = {}
    old_codes: dict[str, set[str]] = defaultdict(set)
    for partner in partners:
        for raw, label in partner.nuts:
            code = crosswalk.successor(raw)
            if code != raw:
                builder.nuts_successor[raw] = code
                old_codes[code].add(raw)
            names, _ = seen.setdefault(code, (Counter(), partner))
            if label:
                names[label] += 1
    for raw, code in sorted(builder.nuts_successor.items()):
        change = crosswalk.get(raw)
        given = change.edition if change else "older"
        builder.notes.append(f"NUTS {raw} (NUTS {given}) is {code} in NUTS 2021 (recoded)")
    if builder.nuts_successor:
        builder.stats["NUTS codes translated to NUTS 2021 (recoded)"] = len(builder.nuts_successor)
    created: set[str] = set()
    for code in sorted(seen):
        uid = f"nuts:{code}"
        known = builder.context.regions.get(uid)
        if known is not None:
            if old_codes.get(code):
                # the graph's region, found under an older code too: keep that code as an
                # alias (merged onto the curated node), so a search for LT003 finds LT023
                first = seen[code][1]
                builder.add_node(
                    Node(
                        uid=uid,
                        label=NodeLabel.REGION,
                        name=known.name,
                        sources=(source_of[first.where.file],),
                        properties=_props(aliases=sorted(old_codes[code])),
                    ),
                    str(first.where),
                )
            continue
        if builder.context.labels.get(uid, NodeLabel.REGION) != NodeLabel.REGION:
            continue  # plan_changes reports the label clash
        names, first = seen[code]
        change = crosswalk.get(code)
        edition: str | None = None
        if change is not None:
            # territory changed: kept apart, saying what replaced it
            edition, note = change.edition, change.note()
            builder.stats["NUTS codes kept from an older edition (territory changed)"] += 1
        elif old_codes.get(code):
            edition = "2021"
            note = "keep.eu gives it as " + ", ".join(sorted(old_codes[code]))
            note += " (older NUTS edition, recoded by Eurostat)"
        else:
            note = "NUTS edition not stated in the keep.eu export"
        builder.add_node(
            Node(
                uid=uid,
                label=NodeLabel.REGION,
                name=names.most_common(1)[0][0] if names else code,
                sources=(source_of[first.where.file],),
                properties=_props(
                    country=_iso_country(code[:2]),
                    nuts_code=code,
                    nuts_level=len(code) - 2,
                    nuts_edition=edition,
                    aliases=sorted(old_codes[code]) if old_codes.get(code) else None,
                    note=note,
                    source_row=str(first.where),
                ),
            ),
            str(first.where),
        )
        created.add(uid)
        builder.stats["regions created (NUTS)"] += 1
    for uid in sorted(created):
        code = uid.removeprefix("nuts:")
        parent = f"nuts:{code[:-1]}" if len(code) > 3 else f"country:{_iso_country(code[:2])}"
        if parent not in created and parent not in builder.context.labels:
            continue
        first = seen[code][1]
        builder.add_edge(
            Edge(
                type=RelType.PART_OF,
                source=uid,
                target=parent,
                sources=(source_of[first.where.file],),
                properties=_props(source_row=str(first.where)),
            ),
            str(first.where),
        )


def _add_participations(
    builder: _Builder,
    partners: list[_Partner],
    actor_of: list[str],
    targets: list[str],
    source_of: dict[str, str],
    display: dict[str, str],
) -> None:
    """One PARTICIPATES_IN per (actor, project); the note keeps the name the row used when
    it differs from the node's (``display``)."""
    rank = {"lead": 2, "partner": 1, "associated": 0}
    gathered: dict[tuple[str, str], list[_Partner]] = defaultdict(list)
    for partner, actor, project in zip(partners, actor_of, targets, strict=True):
        gathered[(actor, project)].append(partner)
    for (actor, project), rows in gathered.items():
        if len(rows) > 1:
            builder.stats["partner rows merged: same organisation twice in a project"] += (
                len(rows) - 1
            )
        role = max((p.role for p in rows), key=lambda r: rank[r])
        budgets = [p.budget for p in rows if p.budget is not None]
        as_written = sorted({p.name for p in rows if p.name != display[actor]})
        erdf = [p.erdf for p in rows if p.erdf is not None]
        notes = []
        if as_written:
            notes.append("listed as " + "; ".join(as_written))
        if erdf:
            notes.append(f"ERDF contribution {sum(erdf):,.2f} EUR")
        builder.add_edge(
            Edge(
                type=RelType.PARTICIPATES_IN,
                source=actor,
                target=project,
                sources=tuple(sorted({source_of[p.where.file] for p in rows})),
                properties=_props(
                    role=role,
                    budget_eur=round(sum(budgets), 2) if budgets else None,
                    note=". ".join(notes) or None,
                    source_row=_rows_text(p.where for p in rows),
                ),
            ),
            str(rows[0].where),
        )
        builder.stats["participations"] += 1
