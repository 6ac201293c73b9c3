"""What the dataset is known to cover and to miss, from ``data/coverage.csv``.

Answers carry these notes in their ``coverage`` block, so a policy officer reading "no partner
covers priority X" also reads "projects: South Baltic 2021–2027 partial". The notes are curated
by hand beside the data, because completeness is a judgement about sources, not a graph fact.

A note says what it ``concerns``: uids (``network:euroregion-baltic``), uid prefixes ending in
``*`` (``project:interreg-south-baltic-2014-2020:*``) or relationship types
(``TWINNED_WITH``). An answer carries only the notes that concern a node or relationship type
it touched; a note that names nothing concerns every answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from partnergraph.errors import DataError, DataIssue
from partnergraph.ingest.csv_source import read_csv_records
from partnergraph.ingest.values import LIST_SEPARATOR

__all__ = ["COVERAGE_FILE", "CoverageNote", "gap_notes", "known_gaps", "read_coverage"]

COVERAGE_FILE = "coverage.csv"
_STATUSES = ("complete", "partial", "missing")
_COLUMNS = ("area", "scope", "status", "note", "sources", "concerns")


class CoverageNote(BaseModel):
    area: str
    scope: str
    status: Literal["complete", "partial", "missing"]
    note: str = ""
    sources: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()

    def applies_to(self, uids: Iterable[str], types: Iterable[str]) -> bool:
        """True when the note concerns one of these node uids or relationship types (or
        names nothing, and so concerns everything)."""
        if not self.concerns:
            return True
        wanted_types = {c for c in self.concerns if c.isupper()}
        exact = {c for c in self.concerns if not c.isupper() and not c.endswith("*")}
        prefixes = tuple(c[:-1] for c in self.concerns if c.endswith("*"))
        if wanted_types & set(types):
            return True
        return any(uid in exact or (prefixes and uid.startswith(prefixes)) for uid in uids)

    def sentence(self) -> str:
        """One line for an answer's ``known_gaps``: ``projects: South Baltic 2021–2027 partial``."""
        text = f"{self.area}: {self.scope} {self.status}"
        return f"{text} ({self.note})" if self.note else text


def read_coverage(data_dir: Path, source_ids: set[str] | None = None) -> list[CoverageNote]:
    """Read and validate ``data_dir/coverage.csv``; no file means no notes.

    ``source_ids``, when given, are the ids a note may cite (those of ``sources.csv``).
    """
    path = data_dir / COVERAGE_FILE
    if not path.is_file():
        return []
    issues: list[DataIssue] = []
    notes: list[CoverageNote] = []
    display = (
        str(path.relative_to(data_dir.parent)) if data_dir.parent in path.parents else str(path)
    )
    for record in read_csv_records(path, display, issues):
        missing = [name for name in ("area", "scope", "status") if not record.cells.get(name)]
        unknown = [name for name in record.header if name not in _COLUMNS]
        for name in unknown:
            issues.append(record.issue(name, f"unknown column; expected {', '.join(_COLUMNS)}"))
        for name in missing:
            issues.append(record.issue(name, "required value is empty"))
        status = record.cells.get("status", "")
        if status and status not in _STATUSES:
            issues.append(record.issue("status", f"expected one of {', '.join(_STATUSES)}", status))
            continue
        sources = tuple(
            s.strip() for s in record.cells.get("sources", "").split(LIST_SEPARATOR) if s.strip()
        )
        if source_ids is not None:
            for source_id in sources:
                if source_id not in source_ids:
                    issues.append(record.issue("sources", "unknown source id", source_id))
        concerns = tuple(
            c.strip() for c in record.cells.get("concerns", "").split(LIST_SEPARATOR) if c.strip()
        )
        if missing or unknown:
            continue
        notes.append(
            CoverageNote(
                area=record.cells["area"],
                scope=record.cells["scope"],
                status=status,  # checked against _STATUSES above
                note=record.cells.get("note", ""),
                sources=sources,
                concerns=concerns,
            )
        )
    if issues:
        raise DataError(issues)
    return notes


def gap_notes(notes: Iterable[CoverageNote]) -> list[CoverageNote]:
    """The notes answers may carry: only what is partial or missing, since "complete" is not
    a gap and would bury the ones that matter."""
    return [note for note in notes if note.status != "complete"]


def known_gaps(notes: Iterable[CoverageNote]) -> list[str]:
    """The sentences of :func:`gap_notes`, for a listing of every known gap."""
    return [note.sentence() for note in gap_notes(notes)]
