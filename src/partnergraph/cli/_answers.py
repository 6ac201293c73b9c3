"""What the query commands share: the ``--at`` / ``--reference-date`` options, the coverage
notes a command reports, and how an answer's coverage and evidence are printed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.markup import escape

from partnergraph.cli._common import out
from partnergraph.ingest.coverage import CoverageNote, gap_notes, read_coverage
from partnergraph.queries.answers import Coverage, EvidenceItem
from partnergraph.settings import Settings

__all__ = [
    "AtOpt",
    "RefOpt",
    "day_of",
    "known_gap_notes",
    "period_text",
    "print_coverage",
    "print_evidence",
    "shorten",
]


AtOpt = Annotated[
    dt.datetime | None,
    typer.Option(
        "--at",
        formats=["%Y-%m-%d"],
        help="Only facts valid on this day (YYYY-MM-DD)",
        show_default=False,
    ),
]
RefOpt = Annotated[
    dt.datetime | None,
    typer.Option(
        "--reference-date",
        formats=["%Y-%m-%d"],
        help="Day recency and tense are measured from (default: --at, else today)",
        show_default=False,
    ),
]


def day_of(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def known_gap_notes(settings: Settings) -> list[CoverageNote]:
    """The curated partial/missing coverage notes of the data folder; each answer keeps
    those that concern it."""
    if not settings.data_dir.is_dir():
        return []
    return gap_notes(read_coverage(settings.data_dir))


def period_text(start: str | None, end: str | None) -> str:
    if start is None and end is None:
        return ""
    return f"{start or '…'} – {end or '…'}"


def print_coverage(coverage: Coverage) -> None:
    """The coverage block under every answer: sources, periods, known gaps."""
    periods = ", ".join(period_text(p.start, p.end) for p in coverage.periods) or "—"
    sources = ", ".join(source.id for source in coverage.sources) or "—"
    out.print(
        f"[dim]evidence: {coverage.evidence_count} item(s), {coverage.undated_evidence} undated; "
        f"periods: {periods}[/dim]",
        highlight=False,
    )
    out.print(f"[dim]sources: {sources}[/dim]", highlight=False)
    for note in coverage.known_gaps:
        out.print(f"[dim]coverage note: {escape(note)}[/dim]", highlight=False)


def shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def print_evidence(title: str, items: list[EvidenceItem], limit: int = 5) -> None:
    """A result's evidence under the table: one sentence per item, with its source ids."""
    out.print(f"[bold]{escape(title)}[/bold]", highlight=False)
    for item in items[:limit]:
        sources = escape(f"[{', '.join(item.sources)}]")
        out.print(f"   - {escape(item.explanation)} [dim]{sources}[/dim]", highlight=False)
    if len(items) > limit:
        out.print(f"   … and {len(items) - limit} more (see --json)", highlight=False)
