"""What a region does in international projects: projects, partner rows and partners located
in it and below it, broken down by sub-region, partner country, programme, priority and year.

What lies in the region, under which sub-region each body is counted and what is counted are
the store operation's rules (:mod:`partnergraph.graph.activity`): the counting runs where the
data lives (on Neo4j one Cypher statement), and only the counts and one page of projects come
back. In short: a territory is in the region when PART_OF chains lead from it to the region,
an organisation when it is LOCATED_IN such a territory; each is counted under the region's
direct part it lies in (NUTS units first). A *partner row* is one PARTICIPATES_IN
relationship (one body in one project), a *partner* a distinct body with one, a *project* a
distinct project with one.

Time: ``at`` keeps rows whose participation and project hold on that day; ``period`` keeps
those that held on some day of it. ``programme`` keeps projects FUNDED_BY that programme.

Breakdowns: ``by_subregion`` counts the region's rows by the sub-region of the partner;
``by_country`` counts *every* partner row of these projects by the partner's country (who the
region works with, the region's own rows included); ``by_programme`` and ``by_priority`` count
the region's rows by the projects' programmes and addressed priorities (a project with two
priorities counts under both); ``by_year`` by the year the project started ("?" when the data
has no start date). ``results`` lists the projects, by start date then uid, one page of them
(``offset``, ``limit``; ``totals.projects`` is how many there are), each with the region's
partner rows as evidence; the answer's coverage cites the sources of every counted row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field

from partnergraph.csvsafe import safe_row
from partnergraph.errors import QueryError
from partnergraph.gcpause import gc_paused
from partnergraph.graph.activity import NO_COUNTRY, TERRITORIES, Tally, located_in, row_holds
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import Node, NodeLabel, RelType
from partnergraph.queries._gap_helpers import frameworks_of
from partnergraph.queries.answers import Answer, EvidenceItem, Lang, NodeRef, build_coverage
from partnergraph.queries.evidence import Window, reference_day
from partnergraph.queries.sentences import edge_evidence

__all__ = [
    "BREAKDOWNS",
    "Breakdown",
    "RegionActivityAnswer",
    "RegionProject",
    "RegionTotals",
    "actors_within",
    "region_activity",
    "region_activity_csv",
    "territory",
]

_NO_COUNTRY = {
    "pl": "(bez kraju: sieć lub organizacja międzynarodowa)",
    "en": "(no country: a network or international body)",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class RegionTotals(_Frozen):
    projects: int
    partner_rows: int
    partners: int


class Breakdown(_Frozen):
    """One row of a breakdown: what it is (``key``: a uid, an ISO country code or a year),
    its name, and the counts of the region's projects, partner rows and partners in it."""

    key: str
    name: str
    projects: int
    partner_rows: int
    partners: int
    framework: NodeRef | None = Field(
        None,
        description="in `by_priority`: the strategy or programme that defines the priority "
        "(programmes share the wording of the EU's thematic objectives, so two rows may read "
        "alike)",
    )


class RegionProject(_Frozen):
    project: NodeRef
    programmes: list[NodeRef]
    start: str | None
    end: str | None
    partners: list[NodeRef]
    evidence: list[EvidenceItem]


class RegionActivityAnswer(Answer):
    region: NodeRef
    programme: NodeRef | None
    totals: RegionTotals
    by_subregion: list[Breakdown]
    by_country: list[Breakdown]
    by_programme: list[Breakdown]
    by_priority: list[Breakdown]
    by_year: list[Breakdown]
    offset: int = Field(0, description="how many projects come before this page")
    limit: int | None = Field(
        None, description="the page size asked for (null: every project from `offset`)"
    )
    results: list[RegionProject] = Field(
        description="one page of the projects, by start date then uid; `totals.projects` "
        "is how many there are"
    )


def actors_within(store: GraphStore, region: str | None) -> set[str] | None:
    """The uids of every actor located in ``region`` or below it (None: no region asked,
    no such filter); the ``region=`` filter of ``partners_for_priority`` and the coverage
    matrix."""
    if region is None:
        return None
    return set(located_in(store, territory(store, region)))


def territory(store: GraphStore, uid: str) -> Node:
    """The Region, powiat or gmina a region question is about.

    Raises
    ------
    NotFound
        An unknown uid.
    QueryError
        A uid of anything else (an organisation, a project …).
    """
    place = store.node(uid)
    if place.label not in TERRITORIES:
        raise QueryError(f"{uid} is a {place.label.value}; give a Region, powiat or gmina")
    return place


@gc_paused()
def region_activity(
    store: GraphStore,
    region: str,
    *,
    at: dt.date | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    programme: str | None = None,
    reference_date: dt.date | None = None,
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
    offset: int = 0,
    limit: int | None = None,
) -> RegionActivityAnswer:
    """The international projects of everything located in ``region``, counted and broken
    down (see the module docstring for what is counted and how).

    Parameters
    ----------
    store : GraphStore
        The graph.
    region : str
        Uid of a Region (``nuts:PL63``), a powiat (``teryt:2261``) or a gmina.
    at, period : optional
        One day, or a period (start, end): only participations that held then.
    programme : str, optional
        Uid of a Programme: only projects it funds.
    reference_date : datetime.date, optional
        The day against which a fact is told as past or present; default ``at``, else today.
    lang, known_gaps
        As in every query.
    offset, limit : int, optional
        The page of projects listed in ``results``: skip ``offset``, show at most ``limit``
        (None: all). The totals and breakdowns always count every project.

    Returns
    -------
    RegionActivityAnswer
        ``totals`` {projects, partner_rows, partners}, the breakdowns, and ``results``: the
        page of projects, each with the region's partner rows as evidence, by start date
        then uid.

    Raises
    ------
    NotFound
        An unknown uid.
    QueryError
        ``region`` is not a territory, ``programme`` is not a Programme, both ``at`` and
        ``period`` are given, or a negative offset or a limit below 1.

    Examples
    --------
    >>> answer = region_activity(store, "nuts:PL63")  # doctest: +SKIP
    >>> answer.totals.projects
    12
    """
    window = Window.of(at, period)
    ref = reference_day(at, reference_date)
    if offset < 0 or (limit is not None and limit < 1):
        raise QueryError(f"offset must be 0 or more and limit 1 or more (got {offset}, {limit})")
    place = territory(store, region)
    funder: Node | None = None
    if programme is not None:
        funder = store.node(programme)
        if funder.label != NodeLabel.PROGRAMME:
            raise QueryError(f"{programme} is a {funder.label.value}, not a Programme")
    activity = store.region_activity(
        region, window=window, programme=programme, offset=offset, limit=limit
    )
    # Only the page's projects and the breakdowns' names are read: a fixed few calls,
    # bounded by the page, whatever the region's size.
    shown = [p.uid for p in activity.page]
    named_keys = [
        b.key for b in (*activity.by_subregion, *activity.by_programme, *activity.by_priority)
    ]
    nodes = store.get_nodes([*shown, *named_keys])
    funded = store.neighbours_of(shown, types=[RelType.FUNDED_BY], direction="out")
    taking_part = store.neighbours_of(shown, types=[RelType.PARTICIPATES_IN], direction="in")
    results: list[RegionProject] = []
    for item in activity.page:
        project = nodes[item.uid]
        rows = [n for n in taking_part.get(item.uid, []) if row_holds(window, n.edge, project)]
        results.append(
            RegionProject(
                project=NodeRef.of(project, lang),
                programmes=[NodeRef.of(n.node, lang) for n in funded.get(item.uid, [])],
                start=project.valid_from,
                end=project.valid_to,
                partners=[NodeRef.of(node, lang) for node in _unique(n.node for n in rows)],
                evidence=[
                    edge_evidence(n.edge, n.node, project, lang, ref=ref, with_role=True)
                    for n in rows
                    if n.node.uid in item.actors
                ],
            )
        )

    def named(found: Iterable[Tally]) -> list[Breakdown]:
        return [_breakdown(t, nodes[t.key].display_name(lang)) for t in found]

    defined_by = frameworks_of(store, [nodes[t.key] for t in activity.by_priority], lang)

    totals = activity.totals
    return RegionActivityAnswer(
        query="region_activity",
        lang=lang,
        parameters={
            "region": region,
            "at": at.isoformat() if at else None,
            "period": f"{period[0].isoformat()}/{period[1].isoformat()}" if period else None,
            "programme": programme,
        },
        region=NodeRef.of(place, lang),
        programme=NodeRef.of(funder, lang) if funder else None,
        totals=RegionTotals(
            projects=totals.projects, partner_rows=totals.partner_rows, partners=totals.partners
        ),
        by_subregion=named(activity.by_subregion),
        by_country=[
            _breakdown(t, _NO_COUNTRY[lang] if t.key == NO_COUNTRY else t.key)
            for t in activity.by_country
        ],
        by_programme=named(activity.by_programme),
        by_priority=[
            b.model_copy(update={"framework": defined_by[b.key]})
            for b in named(activity.by_priority)
        ],
        by_year=sorted((_breakdown(t, t.key) for t in activity.by_year), key=lambda b: b.key),
        offset=offset,
        limit=limit,
        results=results,
        coverage=build_coverage(
            store,
            (evidence for result in results for evidence in result.evidence),
            at=at,
            period=period,
            known_gaps=known_gaps,
            extra_sources=activity.sources,
            touched=[region, *shown, *(b.key for b in activity.by_programme)],
        ),
    )


def _breakdown(tally: Tally, name: str) -> Breakdown:
    return Breakdown(
        key=tally.key,
        name=name,
        projects=tally.projects,
        partner_rows=tally.partner_rows,
        partners=tally.partners,
    )


def _unique(nodes: Iterable[Node]) -> list[Node]:
    return sorted({node.uid: node for node in nodes}.values(), key=lambda node: node.uid)


#: The breakdowns of an answer, in the order the CSV and the CLI show them.
BREAKDOWNS = ("by_subregion", "by_country", "by_programme", "by_priority", "by_year")


def region_activity_csv(answer: RegionActivityAnswer) -> str:
    """The answer's totals and breakdowns as one CSV table (a ``breakdown`` column names the
    section), every cell safe to open in a spreadsheet (:mod:`partnergraph.csvsafe`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["breakdown", "key", "name", "projects", "partner_rows", "partners"])
    totals = answer.totals
    writer.writerow(
        safe_row(
            [
                "totals",
                answer.region.uid,
                answer.region.name,
                totals.projects,
                totals.partner_rows,
                totals.partners,
            ]
        )
    )
    for section in BREAKDOWNS:
        for row in getattr(answer, section):
            writer.writerow(
                safe_row([section, row.key, row.name, row.projects, row.partner_rows, row.partners])
            )
    return buffer.getvalue()
