"""keep.eu's columns: the :class:`Column` tables of accepted headers, mapping a table's
header row onto them, and deciding whether a table (sheet or CSV file) holds projects or
partners."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from partnergraph.errors import DataIssue
from partnergraph.ingest.keep_eu_ids import SPLIT_WORDS
from partnergraph.ingest.tabular import Table, header_key
from partnergraph.text import fold

__all__ = [
    "PARTNER_COLUMNS",
    "PROJECT_COLUMNS",
    "Column",
    "classify",
    "header_score",
    "mapping",
    "missing_columns",
    "named_kind",
]


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


def header_score(texts: Sequence[str]) -> int:
    return sum(1 for text in texts if text and _keep_key(text) in _KNOWN_HEADERS)


def mapping(table: Table, columns: Sequence[Column]) -> tuple[dict[str, int], list[DataIssue]]:
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


# -- what a table holds -------------------------------------------------------------------


def classify(mapping_projects: dict[str, int], mapping_partners: dict[str, int]) -> str | None:
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


def named_kind(table: Table, path: Path) -> str | None:
    """The kind a table's name declares: an xlsx sheet named as keep.eu names them
    (``Projects (lead partners)``, ``Search results, partners`` …), or a CSV file whose name
    has exactly one of the words project(s)/partner(s) (``keep_projects_pl.csv``)."""
    if table.sheet is not None:
        match = _SHEET_NAME.match(" ".join(fold(table.sheet).split()))
        if match is None:
            return None
        return "projects" if match.group("projects") else "partners"
    words = set(SPLIT_WORDS.split(fold(path.stem)))
    kinds = [kind for kind, names in _FILE_WORDS.items() if words & names]
    return kinds[0] if len(kinds) == 1 else None


def missing_columns(mapping: dict[str, int], kind: str) -> list[str]:
    """The required columns a table of ``kind`` lacks, named by their usual headers."""
    missing = []
    if "programme" not in mapping:
        missing.append("Programme")
    if "acronym" not in mapping and "project_id" not in mapping:
        missing.append("Acronym (or Project acronym / Project ID)")
    if kind == "partners" and "organisation" not in mapping:
        missing.append("Project Partner (or Organisation in English / Organisation)")
    return missing
