"""What a region does in international projects: projects, partner rows and partners located
in it and below it, broken down by sub-region, partner country, programme, priority and year.

Located in the region
---------------------
A territory is in the region when a chain of PART_OF relationships leads from it to the
region (a gmina → its powiat → the voivodeship → …); an organisation is in the region when
it is LOCATED_IN such a territory (or in the region itself). Each of them is counted under the
*sub-region* it lies in: the region's direct part on that chain (a NUTS 3 unit or a powiat
under a voivodeship, a gmina under a powiat), or the region itself for bodies located there
directly.

What is counted
---------------
- a *partner row* is one PARTICIPATES_IN relationship of such an actor with a project (the
  unit keep.eu exports list: one body in one project);
- a *partner* is a distinct actor with at least one partner row;
- a *project* is a distinct project with at least one partner row.

Time: ``at`` keeps rows whose participation and project hold on that day; ``period`` keeps
those that held on some day of it. ``programme`` keeps projects FUNDED_BY that programme.

Breakdowns: ``by_subregion`` counts the region's rows by the sub-region of the partner;
``by_country`` counts *every* partner row of these projects by the partner's country (who the
region works with, the region's own rows included); ``by_programme`` and ``by_priority`` count
the region's rows by the projects' programmes and addressed priorities (a project with two
priorities counts under both); ``by_year`` by the year the project started ("?" when the data
has no start date). Every project is listed in ``results`` with the region's partner rows as
evidence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from partnergraph.csvsafe import safe_row
from partnergraph.errors import QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import ACTOR_LABELS, Edge, Node, NodeLabel, RelType
from partnergraph.queries.answers import Answer, EvidenceItem, Lang, NodeRef, build_coverage
from partnergraph.queries.evidence import (
    Window,
    partner_country,
    reference_day,
)
from partnergraph.queries.sentences import edge_evidence, intersect

__all__ = [
    "BREAKDOWNS",
    "Breakdown",
    "RegionActivityAnswer",
    "RegionProject",
    "RegionTotals",
    "actors_located_in",
    "actors_within",
    "region_activity",
    "region_activity_csv",
    "territory",
]

_TERRITORIES = frozenset({NodeLabel.REGION, NodeLabel.COUNTY, NodeLabel.MUNICIPALITY})
_UNKNOWN_YEAR = "?"
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
    results: list[RegionProject]


def actors_located_in(store: GraphStore, region: Node) -> dict[str, tuple[Node, Node]]:
    """Every actor in the region (see the module docstring): uid → (actor, sub-region).

    The walk reads one whole layer per call (``neighbours_of``): on Neo4j a round trip per
    level of the hierarchy, not one per territory."""
    found: dict[str, tuple[Node, Node]] = {}
    if region.label in ACTOR_LABELS:
        found[region.uid] = (region, region)
    # breadth first down PART_OF, remembering the region's direct part each territory is in;
    # the frontier keeps the order of discovery, so a territory with two parents in one layer
    # is counted under the first one found
    frontier: dict[str, Node | None] = {region.uid: None}
    seen = {region.uid}
    while frontier:
        around = store.neighbours_of(frontier, types=[RelType.PART_OF], direction="in")
        following: dict[str, Node | None] = {}
        for uid, part in frontier.items():
            for n in around.get(uid, []):
                child = n.node
                if child.uid in seen or child.label not in _TERRITORIES:
                    continue
                seen.add(child.uid)
                top = part or child
                found[child.uid] = (child, top)
                following[child.uid] = top
        frontier = following
    _prefer_nuts_parts(store, region, found)
    territories = [uid for uid, (node, _) in found.items() if node.label in _TERRITORIES]
    located = store.neighbours_of(territories, types=[RelType.LOCATED_IN], direction="in")
    for uid in territories:
        part = found[uid][1]
        for n in located.get(uid, []):
            if n.node.label == NodeLabel.ORGANISATION and n.node.uid not in found:
                found[n.node.uid] = (n.node, part)
    return found


def _prefer_nuts_parts(
    store: GraphStore, region: Node, found: dict[str, tuple[Node, Node]]
) -> None:
    """A powiat is PART_OF both its voivodeship and its NUTS 3 unit: where the region's direct
    parts include NUTS units, count a powiat (and what lies in it) under its NUTS 3 unit, so
    the sub-regions of a voivodeship are its NUTS 3 units, not a mix of both."""
    parts = {part.uid for _, part in found.values() if part.uid != region.uid}
    nuts = {uid for uid in parts if found[uid][0].label == NodeLabel.REGION}
    if not nuts:
        return
    moved: dict[str, Node] = {}
    ups = store.neighbours_of(parts - nuts, types=[RelType.PART_OF], direction="out")
    for uid in sorted(parts - nuts):
        node = found[uid][0]
        parent = next((n.node for n in ups.get(uid, []) if n.node.uid in nuts), None)
        if parent is not None and node.label == NodeLabel.COUNTY:
            moved[uid] = parent
    for uid, (node, part) in list(found.items()):
        if part.uid in moved:
            found[uid] = (node, moved[part.uid])


def _row_holds(window: Window, edge: Edge, project: Node) -> bool:
    return window.admits(
        *intersect([(edge.valid_from, edge.valid_to), (project.valid_from, project.valid_to)])
    )


class _Tally:
    """Counts for one breakdown: projects, rows and partners per key."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.projects: dict[str, set[str]] = defaultdict(set)
        self.rows: dict[str, set[str]] = defaultdict(set)
        self.partners: dict[str, set[str]] = defaultdict(set)

    def add(self, key: str, name: str, project: str, row: str, partner: str) -> None:
        self.names.setdefault(key, name)
        self.projects[key].add(project)
        self.rows[key].add(row)
        self.partners[key].add(partner)

    def rows_out(self) -> list[Breakdown]:
        """Most partner rows first, then key."""
        out = [
            Breakdown(
                key=key,
                name=self.names[key],
                projects=len(self.projects[key]),
                partner_rows=len(self.rows[key]),
                partners=len(self.partners[key]),
            )
            for key in self.names
        ]
        return sorted(out, key=lambda b: (-b.partner_rows, -b.projects, b.key))


def actors_within(store: GraphStore, region: str | None) -> set[str] | None:
    """The uids of every actor located in ``region`` or below it (None: no region asked,
    no such filter); the ``region=`` filter of ``partners_for_priority`` and the coverage
    matrix."""
    if region is None:
        return None
    return set(actors_located_in(store, territory(store, region)))


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
    if place.label not in _TERRITORIES:
        raise QueryError(f"{uid} is a {place.label.value}; give a Region, powiat or gmina")
    return place


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

    Returns
    -------
    RegionActivityAnswer
        ``totals`` {projects, partner_rows, partners}, the breakdowns, and ``results``: every
        project with the region's partner rows as evidence, by start date then uid.

    Raises
    ------
    NotFound
        An unknown uid.
    QueryError
        ``region`` is not a territory, ``programme`` is not a Programme, or both ``at`` and
        ``period`` are given.

    Examples
    --------
    >>> answer = region_activity(store, "nuts:PL63")  # doctest: +SKIP
    >>> answer.totals.projects
    12
    """
    window = Window.of(at, period)
    ref = reference_day(at, reference_date)
    place = territory(store, region)
    funder: Node | None = None
    if programme is not None:
        funder = store.node(programme)
        if funder.label != NodeLabel.PROGRAMME:
            raise QueryError(f"{programme} is a {funder.label.value}, not a Programme")
    # A fixed few reads whatever the region's size: the territories layer by layer, then the
    # participations of every actor, then the programmes, priorities and partners of every
    # project, each in one call.
    actors = actors_located_in(store, place)
    taking_part = store.neighbours_of(actors, types=[RelType.PARTICIPATES_IN], direction="out")
    held: list[tuple[Node, Node, Edge, Node]] = []  # actor, sub-region, participation, project
    for uid in sorted(actors):
        actor, part = actors[uid]
        held.extend(
            (actor, part, n.edge, n.node)
            for n in taking_part.get(uid, [])
            if _row_holds(window, n.edge, n.node)
        )
    candidates = {project.uid for *_, project in held}
    programmes_of = _targets(store, candidates, RelType.FUNDED_BY)
    rows = [
        row
        for row in held
        if funder is None or funder.uid in {p.uid for p in programmes_of[row[3].uid]}
    ]

    by_subregion, by_country, by_programme = _Tally(), _Tally(), _Tally()
    by_priority, by_year = _Tally(), _Tally()
    projects: dict[str, Node] = {}
    evidence: dict[str, list[EvidenceItem]] = defaultdict(list)
    themes_of = _targets(store, {project.uid for *_, project in rows}, RelType.ADDRESSES)
    for actor, part, edge, project in rows:
        projects[project.uid] = project
        row = edge.id
        by_subregion.add(part.uid, part.display_name(lang), project.uid, row, actor.uid)
        for funding in programmes_of[project.uid]:
            by_programme.add(funding.uid, funding.display_name(lang), project.uid, row, actor.uid)
        for theme in themes_of[project.uid]:
            by_priority.add(theme.uid, theme.display_name(lang), project.uid, row, actor.uid)
        year = project.valid_from[:4] if project.valid_from else _UNKNOWN_YEAR
        by_year.add(year, year, project.uid, row, actor.uid)
        evidence[project.uid].append(
            edge_evidence(edge, actor, project, lang, ref=ref, with_role=True)
        )
    partners_of: dict[str, list[Node]] = {}
    everyone = store.neighbours_of(projects, types=[RelType.PARTICIPATES_IN], direction="in")
    for uid, project in projects.items():
        partners_of[uid] = []
        for n in everyone.get(uid, []):
            if not _row_holds(window, n.edge, project):
                continue
            partners_of[uid].append(n.node)
            country = partner_country(n.node)
            name = country or _NO_COUNTRY[lang]
            by_country.add(country or "?", name, uid, n.edge.id, n.node.uid)

    ordered = sorted(projects.values(), key=lambda p: (p.valid_from or "9999", p.uid))
    results = [
        RegionProject(
            project=NodeRef.of(project, lang),
            programmes=[NodeRef.of(p, lang) for p in programmes_of[project.uid]],
            start=project.valid_from,
            end=project.valid_to,
            partners=[NodeRef.of(node, lang) for node in _unique(partners_of[project.uid])],
            evidence=evidence[project.uid],
        )
        for project in ordered
    ]
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
            projects=len(projects),
            partner_rows=len({edge.id for _, _, edge, _ in rows}),
            partners=len({actor.uid for actor, _, _, _ in rows}),
        ),
        by_subregion=by_subregion.rows_out(),
        by_country=by_country.rows_out(),
        by_programme=by_programme.rows_out(),
        by_priority=by_priority.rows_out(),
        by_year=sorted(by_year.rows_out(), key=lambda b: b.key),
        results=results,
        coverage=build_coverage(
            store,
            (item for result in results for item in result.evidence),
            at=at,
            period=period,
            known_gaps=known_gaps,
            touched=[region, *projects, *(p.uid for uid in projects for p in programmes_of[uid])],
        ),
    )


def _targets(store: GraphStore, uids: set[str], rel: RelType) -> dict[str, list[Node]]:
    """The nodes each of ``uids`` points to by ``rel``, in one call."""
    found = store.neighbours_of(uids, types=[rel], direction="out")
    return {uid: [n.node for n in found.get(uid, [])] for uid in uids}


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
