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

The parts live in:

* :mod:`partnergraph.ingest.keep_eu_columns`: the column tables, header mapping, which
  tables hold projects or partners;
* :mod:`partnergraph.ingest.keep_eu_rows`: reading and checking rows into projects and
  partners;
* :mod:`partnergraph.ingest.keep_eu_build`: the builder, programmes, priorities, sources,
  projects;
* :mod:`partnergraph.ingest.keep_eu_actors`: partners → resolved actors, regions, gminy,
  participations;
* :mod:`partnergraph.ingest.keep_eu_context`: :class:`StoreContext`, what the graph has;
* :mod:`partnergraph.ingest.keep_eu_ids`: slugs, source ids, import names, country codes.

This module reads the files and runs those steps (:func:`read_keep`), and makes the last
check of the result (no formula-like values).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from partnergraph.errors import DataError, DataIssue
from partnergraph.ingest.csv_source import Dataset
from partnergraph.ingest.keep_eu_actors import Progress, build_partners
from partnergraph.ingest.keep_eu_build import Builder, add_sources, build_projects
from partnergraph.ingest.keep_eu_columns import (
    PARTNER_COLUMNS,
    PROJECT_COLUMNS,
    Column,
    classify,
    header_score,
    mapping,
    missing_columns,
    named_kind,
)
from partnergraph.ingest.keep_eu_context import StoreContext
from partnergraph.ingest.keep_eu_ids import import_name, source_id_for
from partnergraph.ingest.keep_eu_rows import (
    Partner,
    Project,
    RowReader,
    parse_partners,
    parse_projects,
)
from partnergraph.ingest.resolve import ReviewPair
from partnergraph.ingest.tabular import looks_like_formula, read_tables, text_problem
from partnergraph.model import PropValue

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
    projects: list[Project] = []
    partners: list[Partner] = []
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
        found = read_tables(path, issues, display=display, header_score=header_score)
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
            project_map, project_issues = mapping(table, PROJECT_COLUMNS)
            partner_map, partner_issues = mapping(table, PARTNER_COLUMNS)
            # A sheet keep.eu names as projects or partners is read as that kind, so a missing
            # column is reported as missing rather than the sheet being skipped (or taken for
            # the other kind) and its rows blamed elsewhere. A CSV file's name is a weaker
            # hint (keep.eu calls every download "Project_search_results…"): it only decides
            # when the headers do not.
            named = named_kind(table, path)
            headed = classify(project_map, partner_map)
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
            column_map = project_map if kind == "projects" else partner_map
            issues.extend(project_issues if kind == "projects" else partner_issues)
            missing = missing_columns(column_map, kind)
            if missing:
                issues.extend(
                    table.issue(table.header_line, None, f"required column is missing: {column}")
                    for column in missing
                )
                continue
            reader = RowReader(table, column_map, path.name)
            if kind == "projects":
                parsed = parse_projects(reader)
                projects.extend(parsed)
                project_websites.update(p.website for p in parsed if p.website)
            else:
                partners.extend(parse_partners(reader))
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
    builder = Builder(context, today)
    builder.notes.extend(notes)
    add_sources(builder, files, context)
    build_projects(builder, projects, source_of)
    build_partners(builder, partners, source_of, project_websites, progress)
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


def _formula_values(builder: Builder) -> list[DataIssue]:
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
