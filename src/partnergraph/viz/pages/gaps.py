"""Gaps: the priority × partner coverage heat map, uncovered priorities, left-out gminy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.ingest.workspace import KEEP_EU_SOURCE
from partnergraph.queries.gaps import GminaRef, MatrixRow
from partnergraph.viz.i18n import Lang, t
from partnergraph.viz.i18n_coverage import NoteText, note_texts
from partnergraph.viz.i18n_places import county_name, place_names
from partnergraph.viz.links import Links
from partnergraph.viz.pages.common import (
    mark_names,
    name_lookup,
    name_marks,
    section,
    sources_for,
)
from partnergraph.viz.render import Page

__all__ = ["HeatRow", "PowiatRow", "gaps_page"]


@dataclass
class HeatRow:
    uid: str
    name: str
    url: str
    framework: str
    cells: list[tuple[int, int, int]]  # (evidence, partners, heat class 0-4)
    total: int
    #: "en" for a name stored only in English, shown on a Polish page
    name_lang: str | None = None
    framework_lang: str | None = None


@dataclass
class PowiatRow:
    name: str
    url: str
    total: int
    gminy: list[tuple[str, str]]  # (name, url)


def _told_apart(gmina: GminaRef, group: list[GminaRef], lang: Lang) -> str:
    """A gmina's name, with its type where another gmina of the powiat has the same name
    (the town Chojnice and the rural gmina Chojnice)."""
    if sum(1 for other in group if other.name == gmina.name) < 2 or not gmina.gmina_type:
        return gmina.name
    return f"{gmina.name} ({t('gmina_type_' + gmina.gmina_type, lang)})"


def _heat(value: int, top: int) -> int:
    if value <= 0:
        return 0
    if top <= 1:
        return 2
    return min(4, 1 + (3 * (value - 1)) // max(top - 1, 1))


#: The framework the site's first question is about: Pomorskie's 13 priorities of 2008.
POMORSKIE_2008 = "strategy:pomorskie-priorytety-2008"


def _framework_rank(store: GraphStore, rows: Sequence[MatrixRow]) -> Callable[[MatrixRow], int]:
    """Row order of the matrix: Pomorskie's priorities first, then the ERB's agendas, then
    programmes the curated data describes, then programmes known only from keep.eu (whose
    85 priorities would otherwise come first by uid), then priorities of no framework. The
    query's own order (by uid) is kept within each group."""
    uids = {row.framework.uid for row in rows if row.framework}
    frameworks = store.get_nodes(uids)

    def rank(row: MatrixRow) -> int:
        if row.framework is None:
            return 4
        uid = row.framework.uid
        if uid == POMORSKIE_2008:
            return 0
        if uid.startswith("strategy:"):
            return 1
        node = frameworks.get(uid)
        return 3 if node is not None and set(node.sources) == {KEEP_EU_SOURCE} else 2

    return rank


def gaps_page(
    store: GraphStore, links: Links, by: str = "country", notes: Sequence[CoverageNote] = ()
) -> Page:
    from partnergraph.queries.gaps import (
        coverage_matrix,
        inactive_partners,
        left_out_gminy,
        uncovered_priorities,
    )

    lang = links.lang
    column_by = "region" if by == "region" else "country"
    matrix = coverage_matrix(store, by=column_by, lang=lang)  # type: ignore[arg-type]
    shown_name = name_lookup(
        store,
        lang,
        {row.priority.uid for row in matrix.results}
        | {row.framework.uid for row in matrix.results if row.framework},
    )
    top = max((c.evidence for row in matrix.results for c in row.cells.values()), default=0)
    heat_rows = [
        HeatRow(
            uid=row.priority.uid,
            name=row.priority.name,
            url=links.priority(row.priority.uid),
            framework=row.framework.name if row.framework else "",
            name_lang=shown_name(row.priority.uid, row.priority.name).lang,
            framework_lang=shown_name(row.framework.uid, row.framework.name).lang
            if row.framework
            else None,
            cells=[
                (
                    row.cells[col].evidence if col in row.cells else 0,
                    row.cells[col].partners if col in row.cells else 0,
                    _heat(row.cells[col].evidence if col in row.cells else 0, top),
                )
                for col in matrix.columns
            ],
            total=row.total_evidence,
        )
        for row in sorted(matrix.results, key=_framework_rank(store, matrix.results))
    ]
    # rows of zeros say nothing a list cannot: they are folded below the table
    empty_rows = [row for row in heat_rows if row.total == 0]
    heat_rows = [row for row in heat_rows if row.total > 0]
    shown = place_names(store, list(matrix.columns), matrix.column_names, lang)
    columns = [(col, shown[col].text) for col in matrix.columns]
    natives = [shown[col].native for col in matrix.columns]
    today = dt.date.today()
    failed: list[str] = []
    uncovered = section(
        failed,
        "uncovered",
        lambda: uncovered_priorities(store, at=today, lang=lang, known_gaps=notes),
    )
    inactive = section(
        failed, "inactive", lambda: inactive_partners(store, lang=lang, known_gaps=notes)
    )
    left_out = section(
        failed, "left_out", lambda: left_out_gminy(store, lang=lang, known_gaps=notes)
    )
    quoted = [p.partner.uid for p in (inactive.results if inactive else [])]
    for u in uncovered.results if uncovered else []:
        quoted += [u.priority.uid, *([u.framework.uid] if u.framework else [])]
    marks = name_marks(store, lang, quoted)

    def shown_notes(sentences: Sequence[str]) -> list[NoteText]:
        return note_texts(sentences, notes, lang)

    powiaty = [
        PowiatRow(
            name=county_name(group.county.name, lang) if group.county else "—",
            url=links.node(group.county.uid) if group.county else "",
            total=group.gminy_total,
            gminy=[
                (_told_apart(g, group.left_out, lang), links.node(g.uid)) for g in group.left_out
            ],
        )
        for group in (left_out.results if left_out else [])
        if group.left_out
    ]
    return Page(
        template="gaps.html",
        title=t("gaps_title", lang),
        page="gaps",
        params={"by": column_by if column_by != "country" else None},
        context={
            "by": column_by,
            "columns": columns,
            "natives": natives,
            "heat_rows": heat_rows,
            "empty_rows": empty_rows,
            "uncovered": [
                (
                    mark_names(u.priority.name, marks),
                    links.priority(u.priority.uid),
                    mark_names(u.framework.name, marks) if u.framework else "",
                    u.last_covered or "",
                    t(f"cov_{u.data_coverage.status}", lang),
                    shown_notes(u.data_coverage.notes),
                )
                for u in (uncovered.results if uncovered else [])
            ],
            "inactive": [
                (
                    mark_names(p.partner.name, marks),
                    links.node(p.partner.uid),
                    p.country or "",
                    p.last_evidence or "",
                    t(f"cov_{p.data_coverage.status}", lang),
                    shown_notes(p.data_coverage.notes),
                )
                for p in (inactive.results if inactive else [])
            ],
            "inactive_window": inactive.window if inactive else ("", ""),
            "powiaty": powiaty,
            "gminy_total": left_out.gminy_total if left_out else 0,
            "left_out_total": left_out.left_out_total if left_out else 0,
            "left_out_coverage": (
                t(f"cov_{left_out.results[0].data_coverage.status}", lang),
                shown_notes(left_out.results[0].data_coverage.notes),
            )
            if left_out and left_out.results
            else None,
            "failed": failed,
            "sources": sources_for(store, [s.id for s in matrix.coverage.sources]),
        },
    )
