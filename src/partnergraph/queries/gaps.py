"""Where co-operation is missing: five questions policy staff ask about gaps.

=====================  ====================================================================
function               question
=====================  ====================================================================
coverage_matrix        how much evidence does each priority have per partner country/region?
uncovered_priorities   which priorities have no partner (on a day, in a period, ever)?
inactive_partners      which partners' co-operation covered no priority in the last N years?
left_out_gminy         which gminy have no project, membership or agreement (by powiat)?
single_points          which priorities of a framework rest on a single partner?
=====================  ====================================================================

Evidence is found exactly as ``partners_for_priority`` finds it (see
:mod:`partnergraph.queries.evidence`): the store's ``evidence_chains`` for every priority (in
batches of priorities, in the database on Neo4j), kept in the query cache per data version
and time window; frameworks, regions and names are read in one call each.

Time: ``at`` looks at one day (the graph as of that day); ``period`` (start, end) keeps every
chain that held on some day of the period; neither means all time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from partnergraph.errors import QueryError
from partnergraph.gcpause import gc_paused
from partnergraph.graph.coverage import CoverageCounts
from partnergraph.graph.coverage import coverage_counts as count_coverage
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import Node
from partnergraph.queries import _cache
from partnergraph.queries._gap_helpers import (
    Frozen,
    frameworks_of,
    params,
    priorities_of,
    views,
)
from partnergraph.queries.answers import (
    Answer,
    DataCoverage,
    EvidenceItem,
    Lang,
    NodeRef,
    build_coverage,
    data_coverage,
)
from partnergraph.queries.evidence import (
    Window,
    cached_every_priority_findings,
    every_priority_findings,
    findings_of,
    reference_day,
)
from partnergraph.queries.gaps_actors import (
    GminaRef,
    InactivePartner,
    InactivePartnersAnswer,
    LeftOutGminyAnswer,
    PowiatGroup,
    inactive_partners,
    left_out_gminy,
)
from partnergraph.queries.regions import actors_within
from partnergraph.queries.snapshot import as_of, live
from partnergraph.window import ALL_TIME

__all__ = [
    "GAP_KINDS",
    "MATRIX_EVIDENCE_LIMIT",
    "CoverageMatrixAnswer",
    "GminaRef",
    "InactivePartner",
    "InactivePartnersAnswer",
    "LeftOutGminyAnswer",
    "MatrixCell",
    "MatrixRow",
    "PowiatGroup",
    "SinglePoint",
    "SinglePointsAnswer",
    "UncoveredAnswer",
    "UncoveredPriority",
    "coverage_matrix",
    "inactive_partners",
    "left_out_gminy",
    "matrix_counts",
    "single_points",
    "uncovered_priorities",
]

#: CLI/API names of the gap questions.
GAP_KINDS = ("coverage", "priorities", "partners", "gminy", "single")
#: Evidence items shown per coverage-matrix row by default (the counts cover all of them).
MATRIX_EVIDENCE_LIMIT = 50
UNKNOWN = "?"
#: ``evidence_limit=None``: every item (more keys than any priority has).
_SAMPLE_ALL = 2**62
_UNKNOWN_NAME = {"pl": "(brak kraju/regionu)", "en": "(no country/region)"}


class MatrixCell(Frozen):
    evidence: int
    partners: int


class MatrixRow(Frozen):
    priority: NodeRef
    framework: NodeRef | None
    cells: dict[str, MatrixCell]
    total_evidence: int
    total_partners: int
    evidence: list[EvidenceItem]


class CoverageMatrixAnswer(Answer):
    by: str
    columns: list[str]
    column_names: dict[str, str]
    results: list[MatrixRow]


class UncoveredPriority(Frozen):
    priority: NodeRef
    framework: NodeRef | None
    last_covered: str | None
    data_coverage: DataCoverage
    evidence: list[EvidenceItem]


class UncoveredAnswer(Answer):
    results: list[UncoveredPriority]


class SinglePoint(Frozen):
    priority: NodeRef
    framework: NodeRef | None
    partner: NodeRef
    data_coverage: DataCoverage
    evidence: list[EvidenceItem]


class SinglePointsAnswer(Answer):
    results: list[SinglePoint]


# -- (1) coverage matrix -------------------------------------------------------------------


def matrix_counts(
    store: GraphStore,
    priorities: list[str] | None = None,
    window: Window = ALL_TIME,
    *,
    aligned: bool = True,
    by: Literal["country", "region"] = "country",
    partners: set[str] | None = None,
    countries: set[str] | None = None,
    sample: int = MATRIX_EVIDENCE_LIMIT,
) -> CoverageCounts:
    """What :func:`coverage_matrix` counts (the store's ``coverage_counts``; the defaults are
    the matrix's), kept in the query cache per data version and asked question: the matrix
    is the API's most expensive read, and the embedded store's warm-up fills this entry."""
    key = (
        "coverage-counts",
        window.start.isoformat() if window.start else None,
        window.end.isoformat() if window.end else None,
        aligned,
        by,
        None if priorities is None else tuple(priorities),
        None if partners is None else frozenset(partners),
        None if countries is None else frozenset(countries),
        sample,
    )

    def compute() -> CoverageCounts:
        every = cached_every_priority_findings(store, window, aligned)
        if every is None:
            return store.coverage_counts(
                priorities,
                window=window,
                aligned=aligned,
                by=by,
                partners=partners,
                countries=countries,
                sample=sample,
            )
        # This worker already holds every priority's evidence (the embedded store's warm-up
        # puts it there): count it here rather than walk the graph again.
        return count_coverage(
            store,
            (finding for found in every.values() for finding in found),
            window,
            priorities=priorities,
            by=by,
            partners=partners,
            countries=countries,
            sample=sample,
        )

    return _cache.memo(store, key, compute)


def _matrix_row(
    priority: Node,
    framework: NodeRef | None,
    counts: CoverageCounts,
    evidence_limit: int | None,
    lang: Lang,
    ref: dt.date,
) -> MatrixRow:
    tally = counts.tallies.get(priority.uid)
    if tally is None:
        return MatrixRow(
            priority=NodeRef.of(priority, lang),
            framework=framework,
            cells={},
            total_evidence=0,
            total_partners=0,
            evidence=[],
        )
    cells = {UNKNOWN if column is None else column: cell for column, cell in tally.cells.items()}
    return MatrixRow(
        priority=NodeRef.of(priority, lang),
        framework=framework,
        cells={
            column: MatrixCell(evidence=cells[column][0], partners=cells[column][1])
            for column in sorted(cells)
        },
        total_evidence=tally.evidence,
        total_partners=tally.partners,
        evidence=[f.item(lang, ref) for f in findings_of(tally.sample)[:evidence_limit]],
    )


@gc_paused()
def coverage_matrix(
    store: GraphStore,
    *,
    at: dt.date | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    framework: str | None = None,
    by: Literal["country", "region"] = "country",
    aligned: bool = True,
    evidence_limit: int | None = MATRIX_EVIDENCE_LIMIT,
    reference_date: dt.date | None = None,
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
    region: str | None = None,
    countries: Sequence[str] | None = None,
) -> CoverageMatrixAnswer:
    """Priorities × partner countries (or regions): how much evidence, from how many partners.

    Parameters
    ----------
    store : GraphStore
        The graph (or a snapshot).
    at : datetime.date, optional
        One day; or ``period``: (start, end), chains holding on some day of it.
    framework : str, optional
        Uid of a Strategy or Programme: only its priorities (DEFINES).
    by : {"country", "region"}
        Columns: the partner's country (property or uid), or the nearest Region up its
        PART_OF / LOCATED_IN chain. Partners with neither fall in column ``"?"``.
    aligned : bool
        Count evidence reached through one ALIGNS_WITH step, as ``partners_for_priority``.
    evidence_limit : int or None
        At most this many evidence items shown per row (default 50; None: all). Counts
        (``cells``, ``total_evidence``) always cover every item, and ``coverage`` lists the
        sources of every item counted. At keep.eu scale a priority has thousands of items
        and the whole matrix hundreds of thousands: rendering them all took a minute and
        hundreds of MB of JSON (``docs/benchmarks.md``, "Scale").
    reference_date, lang, known_gaps
        As in every query.
    region : str, optional
        Only partners located in this region, powiat or gmina or below it (PART_OF /
        LOCATED_IN), as ``partners_for_priority(region=)`` and ``region_activity`` count them.
    countries : sequence of str, optional
        Only partners from these countries (ISO codes).

    Returns
    -------
    CoverageMatrixAnswer
        One row per priority (uid order) with ``cells`` keyed by column; ``columns`` sorted,
        ``"?"`` last; each row's ``evidence`` lists the items counted (the first
        ``evidence_limit`` of them, in the findings' order).

    Raises
    ------
    QueryError
        Both ``at`` and ``period``, a reversed period, a framework that is not one, a
        negative ``evidence_limit``, or a ``region`` that is no Region, powiat or gmina.
    NotFound
        An unknown ``region``.

    Examples
    --------
    >>> coverage_matrix(store, at=dt.date(2024, 1, 1)).results[0].cells  # doctest: +SKIP
    {'PL': MatrixCell(evidence=1, partners=1)}
    """
    if evidence_limit is not None and evidence_limit < 0:
        raise QueryError("evidence_limit must be 0 or more (or None for all)")
    view, window = views(store, at, period)
    at = as_of(view)
    ref = reference_day(at or window.end, reference_date)
    within = actors_within(view, region)
    wanted = {code.upper() for code in countries} if countries else None
    asked = priorities_of(view, framework)
    frameworks = frameworks_of(view, asked, lang)
    # Counted where the data lives (graph/coverage.py): the store sends counts per column and
    # the first partners' chains, not every chain of every priority.
    counts = matrix_counts(
        view,
        None if framework is None else [node.uid for node in asked],
        window,
        aligned=aligned,
        by=by,
        partners=within,
        countries=wanted,
        sample=_SAMPLE_ALL if evidence_limit is None else evidence_limit,
    )
    rows = [
        _matrix_row(priority, frameworks[priority.uid], counts, evidence_limit, lang, ref)
        for priority in asked
    ]
    columns = {column for row in rows for column in row.cells}
    ordered = sorted(columns - {UNKNOWN}) + ([UNKNOWN] if UNKNOWN in columns else [])
    names: dict[str, str] = {}
    uid_of = {column: f"country:{column}" if by == "country" else column for column in ordered}
    named = view.get_nodes(uid_of.values())
    for column in ordered:
        if column == UNKNOWN:
            names[column] = _UNKNOWN_NAME[lang]
        elif uid_of[column] in named:
            names[column] = named[uid_of[column]].display_name(lang)
        else:
            names[column] = column
    return CoverageMatrixAnswer(
        query="gaps.coverage",
        lang=lang,
        parameters={
            **params(at, period),
            "framework": framework,
            "by": by,
            "aligned": aligned,
            "evidence_limit": evidence_limit,
            "region": region,
            "countries": sorted(wanted) if wanted else None,
        },
        by=by,
        columns=ordered,
        column_names=names,
        results=rows,
        coverage=build_coverage(
            view,
            (item for row in rows for item in row.evidence),
            at=at,
            period=window.period,
            known_gaps=known_gaps,
            whole_graph=True,
            extra_sources=counts.sources,
        ),
    )


# -- (2) priorities with no partner ----------------------------------------------------------


@gc_paused()
def uncovered_priorities(
    store: GraphStore,
    *,
    at: dt.date | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    framework: str | None = None,
    aligned: bool = True,
    reference_date: dt.date | None = None,
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
) -> UncoveredAnswer:
    """Priorities no partner covers on ``at`` (or in ``period``, or ever).

    Each result says when the priority was last covered (``last_covered``: the latest end
    of its evidence before the day or period) and shows that earlier evidence, so "no partner
    since 2012" reads differently from "never had one".

    Parameters and Raises are those of :func:`coverage_matrix` (without ``by``).

    Examples
    --------
    >>> answer = uncovered_priorities(store, at=dt.date(2024, 1, 1))  # doctest: +SKIP
    >>> [r.priority.uid for r in answer.results]
    ['priority:pomorskie-priorytety-2008:9']
    """
    view, window = views(store, at, period)
    at = as_of(view)
    ref = reference_day(at or window.end, reference_date)
    findings = every_priority_findings(view, window, aligned)
    base = live(view)
    history = every_priority_findings(base, Window(), aligned) if (at or period) else None
    limit = (at or window.start or dt.date.max).isoformat()
    results = []
    uncovered = [p for p in priorities_of(view, framework) if not findings.get(p.uid)]
    frameworks = frameworks_of(view, uncovered, lang)
    for priority in uncovered:
        earlier = [
            f for f in (history or {}).get(priority.uid, []) if f.end is not None and f.end < limit
        ]
        earlier.sort(key=lambda f: (f.end or "", f.chain_key), reverse=True)
        framework_ref = frameworks[priority.uid]
        results.append(
            UncoveredPriority(
                priority=NodeRef.of(priority, lang),
                framework=framework_ref,
                last_covered=earlier[0].end if earlier else None,
                data_coverage=_priority_sources(known_gaps, priority, framework_ref),
                evidence=[f.item(lang, ref) for f in earlier],
            )
        )
    return UncoveredAnswer(
        query="gaps.priorities",
        lang=lang,
        parameters={**params(at, period), "framework": framework, "aligned": aligned},
        results=results,
        coverage=build_coverage(
            view,
            (item for result in results for item in result.evidence),
            at=at,
            period=window.period,
            known_gaps=known_gaps,
            whole_graph=True,
        ),
    )


#: The coverage-note areas of the evidence a priority can have (agreements and projects).
_PRIORITY_EVIDENCE_AREAS = ("agreements", "projects")


def _priority_sources(
    notes: Sequence[CoverageNote], priority: Node, framework: NodeRef | None
) -> DataCoverage:
    """Do the sources cover this priority's evidence? The notes about its framework and
    about the kinds of evidence a priority can have."""
    uids = [priority.uid] + ([framework.uid] if framework else [])
    return data_coverage(notes, uids=uids, areas=_PRIORITY_EVIDENCE_AREAS)


# -- (5) single points of failure ------------------------------------------------------------


@gc_paused()
def single_points(
    store: GraphStore,
    *,
    framework: str | None = None,
    at: dt.date | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    aligned: bool = True,
    reference_date: dt.date | None = None,
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
) -> SinglePointsAnswer:
    """Priorities (of one framework) covered through exactly one partner.

    Losing that partner would leave the priority uncovered. Priorities with no partner at
    all are :func:`uncovered_priorities`, not listed here.

    Parameters are those of :func:`coverage_matrix` (without ``by``).

    Examples
    --------
    >>> single_points(store, framework="strategy:pomorskie-priorytety-2008",
    ...               at=dt.date(2024, 1, 1)).results[0].partner.uid  # doctest: +SKIP
    'org:uniwersytet-gdanski'
    """
    view, window = views(store, at, period)
    at = as_of(view)
    ref = reference_day(at or window.end, reference_date)
    findings = every_priority_findings(view, window, aligned)
    results = []
    single = [
        priority
        for priority in priorities_of(view, framework)
        if len({f.partner.uid for f in findings.get(priority.uid, [])}) == 1
    ]
    frameworks = frameworks_of(view, single, lang)
    for priority in single:
        found = findings[priority.uid]
        framework_ref = frameworks[priority.uid]
        results.append(
            SinglePoint(
                priority=NodeRef.of(priority, lang),
                framework=framework_ref,
                partner=NodeRef.of(found[0].partner, lang),
                data_coverage=_priority_sources(known_gaps, priority, framework_ref),
                evidence=[f.item(lang, ref) for f in found],
            )
        )
    return SinglePointsAnswer(
        query="gaps.single",
        lang=lang,
        parameters={**params(at, period), "framework": framework, "aligned": aligned},
        results=results,
        coverage=build_coverage(
            view,
            (item for result in results for item in result.evidence),
            at=at,
            period=window.period,
            known_gaps=known_gaps,
            whole_graph=True,
        ),
    )
