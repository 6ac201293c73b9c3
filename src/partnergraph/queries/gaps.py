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
:mod:`partnergraph.queries.evidence`), over the whole graph fetched once with
``to_networkx()``; the per-priority evidence is cached per data version and time window.

Time: ``at`` looks at one day (the graph as of that day); ``period`` (start, end) keeps every
chain that held on some day of the period; neither means all time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from partnergraph.errors import QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import Edge, Node, NodeLabel, RelType
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
    PARTNER_LABELS,
    GraphReader,
    Window,
    cached_reader,
    every_priority_findings,
    findings_for_actor,
    partner_country,
    reference_day,
)
from partnergraph.queries.sentences import edge_period, edge_sentence
from partnergraph.queries.snapshot import as_of, live, snapshot
from partnergraph.queries.standing import activity_in

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
    "single_points",
    "uncovered_priorities",
]

#: CLI/API names of the gap questions.
GAP_KINDS = ("coverage", "priorities", "partners", "gminy", "single")
#: Evidence items shown per coverage-matrix row by default (the counts cover all of them).
MATRIX_EVIDENCE_LIMIT = 50
UNKNOWN = "?"
_UNKNOWN_NAME = {"pl": "(brak kraju/regionu)", "en": "(no country/region)"}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class MatrixCell(_Frozen):
    evidence: int
    partners: int


class MatrixRow(_Frozen):
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


class UncoveredPriority(_Frozen):
    priority: NodeRef
    framework: NodeRef | None
    last_covered: str | None
    data_coverage: DataCoverage
    evidence: list[EvidenceItem]


class UncoveredAnswer(Answer):
    results: list[UncoveredPriority]


class InactivePartner(_Frozen):
    partner: NodeRef
    country: str | None
    last_evidence: str | None
    data_coverage: DataCoverage
    evidence: list[EvidenceItem]


class InactivePartnersAnswer(Answer):
    window: tuple[str, str]
    results: list[InactivePartner]


class GminaRef(_Frozen):
    uid: str
    name: str
    gmina_type: str | None
    population: int | None


class PowiatGroup(_Frozen):
    county: NodeRef | None
    gminy_total: int
    left_out: list[GminaRef]
    population_left_out: int | None
    data_coverage: DataCoverage
    evidence: list[EvidenceItem]


class LeftOutGminyAnswer(Answer):
    gminy_total: int
    left_out_total: int
    results: list[PowiatGroup]


class SinglePoint(_Frozen):
    priority: NodeRef
    framework: NodeRef | None
    partner: NodeRef
    data_coverage: DataCoverage
    evidence: list[EvidenceItem]


class SinglePointsAnswer(Answer):
    results: list[SinglePoint]


# -- shared ----------------------------------------------------------------------------------


def _window(at: dt.date | None, period: tuple[dt.date, dt.date] | None) -> Window:
    if period is None:
        return Window(at=at)
    start, end = period
    if start > end:
        raise QueryError(f"the period ends before it starts ({start} > {end})")
    return Window(start=start, end=end)


def _views(
    store: GraphStore, at: dt.date | None, period: tuple[dt.date, dt.date] | None
) -> tuple[GraphStore, Window]:
    if period is not None and (at is not None or as_of(store) is not None):
        raise QueryError("give either a day (at) or a period, not both")
    view = snapshot(store, at) if period is None else store
    return view, _window(as_of(view), period)


def _priorities(reader: GraphReader, framework: str | None) -> list[Node]:
    if framework is None:
        return reader.nodes(NodeLabel.PRIORITY)
    node = reader.node(framework)
    if node.label not in (NodeLabel.STRATEGY, NodeLabel.PROGRAMME):
        raise QueryError(f"{framework} is a {node.label.value}, not a Strategy or Programme")
    found = reader.neighbours(framework, types=[RelType.DEFINES], direction="out")
    return sorted({n.node.uid: n.node for n in found}.values(), key=lambda node: node.uid)


def _framework(reader: GraphReader, priority: Node, lang: Lang) -> NodeRef | None:
    found = reader.neighbours(priority.uid, types=[RelType.DEFINES], direction="in")
    return NodeRef.of(found[0].node, lang) if found else None


def _params(at: dt.date | None, period: tuple[dt.date, dt.date] | None) -> dict[str, str | None]:
    return {
        "at": at.isoformat() if at else None,
        "period": f"{period[0].isoformat()}/{period[1].isoformat()}" if period else None,
    }


def _edge_item(edge: Edge, nodes: dict[str, Node], lang: Lang, ref: dt.date) -> EvidenceItem:
    source, target = nodes[edge.source], nodes[edge.target]
    start, end = edge_period(edge, source, target)
    return EvidenceItem(
        type=edge.type,
        from_uid=edge.source,
        from_name=source.display_name(lang),
        to_uid=edge.target,
        to_name=target.display_name(lang),
        key=edge.key,
        valid_from=start,
        valid_to=end,
        sources=sorted(edge.sources),
        explanation=edge_sentence(edge, source, target, lang, ref=ref),
    )


# -- (1) coverage matrix -------------------------------------------------------------------


def _region_of(reader: GraphReader, node: Node, memo: dict[str, str | None]) -> str | None:
    """The nearest Region up PART_OF / LOCATED_IN (the node itself when it is one)."""
    if node.uid in memo:
        return memo[node.uid]
    found: str | None = None
    frontier, seen = [node], {node.uid}
    for _ in range(5):
        regions = sorted(n.uid for n in frontier if n.label == NodeLabel.REGION)
        if regions:
            found = regions[0]
            break
        step = []
        for current in frontier:
            for n in reader.neighbours(
                current.uid, types=[RelType.PART_OF, RelType.LOCATED_IN], direction="out"
            ):
                if n.node.uid not in seen:
                    seen.add(n.node.uid)
                    step.append(n.node)
        if not step:
            break
        frontier = step
    memo[node.uid] = found
    return found


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

    Returns
    -------
    CoverageMatrixAnswer
        One row per priority (uid order) with ``cells`` keyed by column; ``columns`` sorted,
        ``"?"`` last; each row's ``evidence`` lists the items counted (the first
        ``evidence_limit`` of them, in the findings' order).

    Raises
    ------
    QueryError
        Both ``at`` and ``period``, a reversed period, a framework that is not one, or a
        negative ``evidence_limit``.

    Examples
    --------
    >>> coverage_matrix(store, at=dt.date(2024, 1, 1)).results[0].cells  # doctest: +SKIP
    {'PL': MatrixCell(evidence=1, partners=1)}
    """
    if evidence_limit is not None and evidence_limit < 0:
        raise QueryError("evidence_limit must be 0 or more (or None for all)")
    view, window = _views(store, at, period)
    at = as_of(view)
    ref = reference_day(at or window.end, reference_date)
    reader = cached_reader(view)
    findings = every_priority_findings(view, window, aligned)
    regions: dict[str, str | None] = {}
    rows = []
    columns: set[str] = set()
    counted_sources: set[str] = set()
    for priority in _priorities(reader, framework):
        evidence: Counter[str] = Counter()
        partners: dict[str, set[str]] = {}
        for finding in findings[priority.uid]:
            if by == "country":
                column = partner_country(finding.partner) or UNKNOWN
            else:
                column = _region_of(reader, finding.partner, regions) or UNKNOWN
            evidence[column] += 1
            partners.setdefault(column, set()).add(finding.partner.uid)
        columns.update(evidence)
        rows.append(
            MatrixRow(
                priority=NodeRef.of(priority, lang),
                framework=_framework(reader, priority, lang),
                cells={
                    column: MatrixCell(evidence=evidence[column], partners=len(partners[column]))
                    for column in sorted(evidence)
                },
                total_evidence=sum(evidence.values()),
                total_partners=len({f.partner.uid for f in findings[priority.uid]}),
                evidence=[f.item(lang, ref) for f in findings[priority.uid][:evidence_limit]],
            )
        )
        if evidence_limit is not None:
            for finding in findings[priority.uid][evidence_limit:]:
                counted_sources.update(finding.sources())
    ordered = sorted(columns - {UNKNOWN}) + ([UNKNOWN] if UNKNOWN in columns else [])
    names: dict[str, str] = {}
    for column in ordered:
        uid = f"country:{column}" if by == "country" else column
        if column == UNKNOWN:
            names[column] = _UNKNOWN_NAME[lang]
        elif uid in reader.graph:
            names[column] = reader.node(uid).display_name(lang)
        else:
            names[column] = column
    return CoverageMatrixAnswer(
        query="gaps.coverage",
        lang=lang,
        parameters={
            **_params(at, period),
            "framework": framework,
            "by": by,
            "aligned": aligned,
            "evidence_limit": evidence_limit,
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
            extra_sources=counted_sources,
        ),
    )


# -- (2) priorities with no partner ----------------------------------------------------------


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
    view, window = _views(store, at, period)
    at = as_of(view)
    ref = reference_day(at or window.end, reference_date)
    reader = cached_reader(view)
    findings = every_priority_findings(view, window, aligned)
    base = live(view)
    history = every_priority_findings(base, Window(), aligned) if (at or period) else None
    limit = (at or window.start or dt.date.max).isoformat()
    results = []
    for priority in _priorities(reader, framework):
        if findings[priority.uid]:
            continue
        earlier = [
            f for f in (history or {}).get(priority.uid, []) if f.end is not None and f.end < limit
        ]
        earlier.sort(key=lambda f: (f.end or "", f.chain_key), reverse=True)
        framework_ref = _framework(reader, priority, lang)
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
        parameters={**_params(at, period), "framework": framework, "aligned": aligned},
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
#: The coverage-note areas of what would make a gmina take part (membership, agreement, project).
_GMINA_EVIDENCE_AREAS = ("association", "agreements", "projects")


def _priority_sources(
    notes: Sequence[CoverageNote], priority: Node, framework: NodeRef | None
) -> DataCoverage:
    """Do the sources cover this priority's evidence? The notes about its framework and
    about the kinds of evidence a priority can have."""
    uids = [priority.uid] + ([framework.uid] if framework else [])
    return data_coverage(notes, uids=uids, areas=_PRIORITY_EVIDENCE_AREAS)


# -- (3) partners without recent activity ----------------------------------------------------


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


_COOPERATION: list[tuple[RelType, Literal["in", "out"]]] = [
    (RelType.SIGNED_BY, "in"),
    (RelType.PARTICIPATES_IN, "out"),
    (RelType.MEMBER_OF, "out"),
]


def inactive_partners(
    store: GraphStore,
    *,
    years: int = 5,
    at: dt.date | None = None,
    scope: Literal["agreements", "all"] = "agreements",
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
) -> InactivePartnersAnswer:
    """Partners with no co-operation of any kind in the last ``years`` years.

    Activity counts every kind of evidence (:func:`partnergraph.queries.standing.activity_in`):
    memberships and roles in ERB bodies, agreements, projects and twinning — whether or not
    they cover a priority. An active ERB member is never inactive; a suspended membership is
    no activity. Each row says whether the sources cover that partner (``data_coverage``).

    Parameters
    ----------
    store : GraphStore
        The graph (the live store: the question is about a period before ``at``).
    years : int
        Length of the look-back window, 1–50; the window is [``at`` − years, ``at``].
    at : datetime.date, optional
        End of the window; default today.
    scope : {"agreements", "all"}
        Who counts as a partner: signatories of agreements (default), or every actor or
        network that signed, took part in a project or is a member of something.
    lang, known_gaps
        As in every query.

    Returns
    -------
    InactivePartnersAnswer
        ``results`` by uid, each with ``last_evidence`` (the latest end of its evidence
        before the window, None if it never had any) and ``evidence``: its co-operation
        relationships, then its most recent earlier evidence.

    Raises
    ------
    QueryError
        ``years`` out of range.

    Examples
    --------
    >>> inactive_partners(store, at=dt.date(2024, 1, 1)).results[0].partner.uid  # doctest: +SKIP
    'nuts:LT023'
    """
    if not 1 <= years <= 50:
        raise QueryError("years must be between 1 and 50")
    base = live(store)
    ref = at or as_of(store) or dt.date.today()
    window_start = _years_before(ref, years)
    window = Window(start=window_start, end=ref)
    reader = cached_reader(base)
    all_time = Window(end=ref)
    results = []
    used: list[EvidenceItem] = []
    types = _COOPERATION[:1] if scope == "agreements" else _COOPERATION
    for node in reader.nodes():
        if node.label not in PARTNER_LABELS:
            continue
        links = [
            n
            for rel_type, direction in types
            for n in reader.neighbours(node.uid, types=[rel_type], direction=direction)
        ]
        if not links:
            continue
        if activity_in(reader, node, window_start, ref):
            continue
        found = findings_for_actor(reader, node, all_time)
        ended = sorted(
            (f for f in found if f.end is not None),
            key=lambda f: (f.end or "", f.priority.uid, f.chain_key),
            reverse=True,
        )
        last = ended[0].end if ended else None
        nodes = {node.uid: node} | {n.node.uid: n.node for n in links}
        evidence = [_edge_item(n.edge, nodes, lang, ref) for n in links]
        evidence += [f.item(lang, ref) for f in ended if f.end == last]
        used.extend(evidence)
        results.append(
            InactivePartner(
                partner=NodeRef.of(node, lang),
                country=partner_country(node),
                last_evidence=last,
                data_coverage=data_coverage(
                    known_gaps,
                    uids=[node.uid, *nodes],
                    types=[n.edge.type for n in links],
                ),
                evidence=evidence,
            )
        )
    assert window.start is not None
    assert window.end is not None
    return InactivePartnersAnswer(
        query="gaps.partners",
        lang=lang,
        parameters={"years": years, "at": ref.isoformat(), "scope": scope},
        window=(window.start.isoformat(), window.end.isoformat()),
        results=results,
        coverage=build_coverage(
            base, used, period=window.period, known_gaps=known_gaps, whole_graph=True
        ),
    )


# -- (4) gminy left out ----------------------------------------------------------------------


def left_out_gminy(
    store: GraphStore,
    *,
    at: dt.date | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    region: str | None = None,
    reference_date: dt.date | None = None,
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
) -> LeftOutGminyAnswer:
    """Polish gminy with no project, no membership and no agreement, grouped by powiat.

    A gmina counts as taking part when it PARTICIPATES_IN a project, is a MEMBER_OF a
    network or organisation, or is a party to an agreement (SIGNED_BY), on ``at`` or during
    ``period`` (a project's own dates count). Town twinning alone does not count: it is
    reported by ``connection_paths``. Foreign towns (``town:``) are not gminy.

    Parameters
    ----------
    region : str, optional
        Uid of a Region (``nuts:PL62``): only gminy whose powiat (or the gmina) is PART_OF it.
    at, period, reference_date, lang, known_gaps
        As in :func:`coverage_matrix`.

    Returns
    -------
    LeftOutGminyAnswer
        ``results``: one group per powiat that has a left-out gmina (powiat uid order), with
        the gminy (uid order), their population where the data has it, and the PART_OF
        relationships that place them.

    Examples
    --------
    >>> left_out_gminy(store).results[0].left_out[0].name  # doctest: +SKIP
    'Kolbudy'
    """
    view, window = _views(store, at, period)
    at = as_of(view)
    ref = reference_day(at or window.end, reference_date)
    reader = cached_reader(view)
    if region is not None and reader.node(region).label != NodeLabel.REGION:
        raise QueryError(f"{region} is not a Region")
    groups: dict[str, tuple[Node | None, list[tuple[Node, Edge | None]], int]] = {}
    total = 0
    for gmina in reader.nodes(NodeLabel.MUNICIPALITY):
        if not gmina.uid.startswith("teryt:"):
            continue
        parents = reader.neighbours(gmina.uid, types=[RelType.PART_OF], direction="out")
        county_link = next((n for n in parents if n.node.label == NodeLabel.COUNTY), None)
        county = county_link.node if county_link else None
        if region is not None:
            ups = {n.node.uid for n in parents}
            if county is not None:
                ups |= {
                    n.node.uid
                    for n in reader.neighbours(county.uid, types=[RelType.PART_OF], direction="out")
                }
            if region not in ups:
                continue
        total += 1
        key = county.uid if county else ""
        _, left, count = groups.get(key, (county, [], 0))
        active = any(
            window.admits(*edge_period(n.edge, n.node))
            for rel_type, direction in _COOPERATION
            for n in reader.neighbours(gmina.uid, types=[rel_type], direction=direction)
        )
        if not active:
            left.append((gmina, county_link.edge if county_link else None))
        groups[key] = (county, left, count + 1)
    results = []
    for key in sorted(groups, key=lambda k: (k == "", k)):
        county, left, count = groups[key]
        if not left:
            continue
        populations = [
            p for gmina, _ in left if isinstance(p := gmina.properties.get("population"), int)
        ]
        nodes = {gmina.uid: gmina for gmina, _ in left}
        if county is not None:
            nodes[county.uid] = county
        results.append(
            PowiatGroup(
                county=NodeRef.of(county, lang) if county else None,
                gminy_total=count,
                left_out=[
                    GminaRef(
                        uid=gmina.uid,
                        name=gmina.display_name(lang),
                        gmina_type=t
                        if isinstance(t := gmina.properties.get("gmina_type"), str)
                        else None,
                        population=p
                        if isinstance(p := gmina.properties.get("population"), int)
                        else None,
                    )
                    for gmina, _ in left
                ],
                population_left_out=sum(populations) if populations else None,
                data_coverage=data_coverage(known_gaps, areas=_GMINA_EVIDENCE_AREAS),
                evidence=[
                    _edge_item(edge, nodes, lang, ref) for _, edge in left if edge is not None
                ],
            )
        )
    return LeftOutGminyAnswer(
        query="gaps.gminy",
        lang=lang,
        parameters={**_params(at, period), "region": region},
        gminy_total=total,
        left_out_total=sum(len(group.left_out) for group in results),
        results=results,
        coverage=build_coverage(
            view,
            (item for group in results for item in group.evidence),
            at=at,
            period=window.period,
            known_gaps=known_gaps,
            whole_graph=True,
        ),
    )


# -- (5) single points of failure ------------------------------------------------------------


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
    view, window = _views(store, at, period)
    at = as_of(view)
    ref = reference_day(at or window.end, reference_date)
    reader = cached_reader(view)
    findings = every_priority_findings(view, window, aligned)
    results = []
    for priority in _priorities(reader, framework):
        found = findings[priority.uid]
        partners = {f.partner.uid for f in found}
        if len(partners) != 1:
            continue
        framework_ref = _framework(reader, priority, lang)
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
        parameters={**_params(at, period), "framework": framework, "aligned": aligned},
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
