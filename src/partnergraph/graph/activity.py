"""Region activity: the store operation behind "what does this region do in international
projects", counted where the data lives.

Located in the region
---------------------
A territory (Region, powiat, gmina) is in the region when a chain of PART_OF relationships
through territories leads from it to the region; an organisation is in the region when it is
LOCATED_IN such a territory or in the region itself. Each of them is counted under one
*sub-region*, its **part**: the region's direct part (a territory with a PART_OF straight to
the region) that it lies in. Where there are several — a powiat is PART_OF both its
voivodeship and its NUTS 3 unit, an organisation may be seated in two places — the part is
the first of them in this order: the region itself (a body seated there directly), then NUTS
units, then by uid. So the sub-regions of a voivodeship are its NUTS 3 units, not a mix of
NUTS units and powiaty.

What is counted
---------------
- a *partner row*: one PARTICIPATES_IN relationship of such an actor with a project (one body
  in one project, the unit keep.eu exports list), kept when the window admits the
  intersection of the participation's and the project's periods, and, with a programme, when
  the project is FUNDED_BY it;
- a *partner*: a distinct actor with such a row; a *project*: a distinct project with one.

The breakdowns count the region's rows by the partner's sub-region, by the project's
programmes and addressed priorities (a project under two counts under both), and by the year
the project started (``?`` without a start day); ``by_country`` counts *every* partner row of
these projects that the window admits, the region's own included, by the partner's country
(:func:`partnergraph.graph.coverage.partner_country`; ``?`` for networks and bodies without
one). ``page`` lists the projects by start day (undated last), then uid, from ``offset``, at
most ``limit``, each with the region's actors that have a row in it; ``sources`` are the
source ids of every counted row.

The embedded store runs :func:`count_activity` over ``neighbours_of`` (a fixed few calls
whatever the region's size); Neo4j runs one statement (``graph/neo4j_activity.py``) that
sends back the counts and one page, not the thousands of projects and partners of a busy
region.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from partnergraph.graph.chains import chain_period
from partnergraph.graph.coverage import partner_country
from partnergraph.model import ACTOR_LABELS, Edge, Node, NodeLabel, RelType
from partnergraph.window import Window

if TYPE_CHECKING:
    from partnergraph.graph.store import GraphStore

__all__ = [
    "NO_COUNTRY",
    "NO_YEAR",
    "TERRITORIES",
    "Activity",
    "PageProject",
    "Tally",
    "count_activity",
    "located_in",
    "part_rank",
    "row_holds",
    "tallies",
]

TERRITORIES = frozenset({NodeLabel.REGION, NodeLabel.COUNTY, NodeLabel.MUNICIPALITY})
#: The key of partners without a country in ``by_country``, and of undated projects in
#: ``by_year``.
NO_COUNTRY = "?"
NO_YEAR = "?"


@dataclass(frozen=True)
class Tally:
    """Distinct projects, partner rows and partners under one key."""

    key: str
    projects: int
    partner_rows: int
    partners: int


@dataclass(frozen=True)
class PageProject:
    """A project of the page, with the uids of the region's actors that have a row in it."""

    uid: str
    actors: tuple[str, ...]


@dataclass(frozen=True)
class Activity:
    """What :meth:`GraphStore.region_activity` returns; tallies in :func:`tallies` order."""

    totals: Tally
    by_subregion: list[Tally]
    by_country: list[Tally]
    by_programme: list[Tally]
    by_priority: list[Tally]
    by_year: list[Tally]
    page: list[PageProject]
    sources: list[str]

    @classmethod
    def nothing(cls, region: str) -> Activity:
        """The activity of a region without partner rows (or of an unknown uid)."""
        return cls(Tally(region, 0, 0, 0), [], [], [], [], [], [], [])


def tallies(found: Iterable[Tally]) -> list[Tally]:
    """Most partner rows first, then most projects, then key (``by_year`` is re-sorted by
    year where it is shown)."""
    return sorted(found, key=lambda t: (-t.partner_rows, -t.projects, t.key))


def part_rank(part: Node, region: Node) -> tuple[int, str]:
    """The order in which a body's candidate parts are preferred (module docstring)."""
    if part.uid == region.uid:
        return (0, part.uid)
    return (1 if part.label == NodeLabel.REGION else 2, part.uid)


def located_in(store: GraphStore, region: Node) -> dict[str, tuple[Node, Node]]:
    """Every actor in the region (the region itself included when it is an actor): uid →
    (actor, part), in the module docstring's sense.

    A breadth-first walk down PART_OF, one ``neighbours_of`` call per level of the hierarchy
    (on Neo4j a round trip per level, not one per territory), then one for the organisations.
    """
    parts: dict[str, set[str]] = {}  # territory uid -> the region's direct parts it lies in
    territories: dict[str, Node] = {region.uid: region}
    frontier: dict[str, set[str]] = {region.uid: set()}
    while frontier:
        around = store.neighbours_of(frontier, types=[RelType.PART_OF], direction="in")
        following: dict[str, set[str]] = defaultdict(set)
        for uid, above in frontier.items():
            for n in around.get(uid, []):
                child = n.node
                if child.label not in TERRITORIES or child.uid == region.uid:
                    continue
                # a direct part of the region is its own part; below, the parts come down
                reached = above or {child.uid}
                known = parts.setdefault(child.uid, set())
                if not reached <= known:
                    known |= reached
                    territories[child.uid] = child
                    following[child.uid] |= reached
        frontier = following

    def best(candidates: Iterable[str]) -> Node:
        return min((territories[uid] for uid in candidates), key=lambda p: part_rank(p, region))

    found: dict[str, tuple[Node, Node]] = {}
    if region.label in ACTOR_LABELS:
        found[region.uid] = (region, region)
    for uid, above in parts.items():
        found[uid] = (territories[uid], best(above))
    # an organisation lies in the parts of the places it is seated in
    seated: dict[str, set[str]] = defaultdict(set)
    bodies: dict[str, Node] = {}
    located = store.neighbours_of(territories, types=[RelType.LOCATED_IN], direction="in")
    for uid in territories:
        own = found[uid][1].uid if uid in found else region.uid
        for n in located.get(uid, []):
            if n.node.label == NodeLabel.ORGANISATION:
                seated[n.node.uid].add(own)
                bodies[n.node.uid] = n.node
    for uid, above in seated.items():
        found[uid] = (bodies[uid], best(above))
    return found


def row_holds(window: Window, edge: Edge, project: Node) -> bool:
    """The window admits the intersection of the participation's and the project's periods."""
    return window.admits(*chain_period([edge, project]))


class _Counter:
    """Distinct projects, rows and partners per key."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[set[str], set[str], set[str]]] = defaultdict(
            lambda: (set(), set(), set())
        )

    def add(self, key: str, project: str, row: str, partner: str) -> None:
        projects, rows, partners = self.seen[key]
        projects.add(project)
        rows.add(row)
        partners.add(partner)

    def out(self) -> list[Tally]:
        return tallies(
            Tally(key, len(projects), len(rows), len(partners))
            for key, (projects, rows, partners) in self.seen.items()
        )


def count_activity(
    store: GraphStore,
    region: Node,
    window: Window,
    programme: str | None,
    offset: int,
    limit: int | None,
) -> Activity:
    """:meth:`GraphStore.region_activity` over ``neighbours_of`` (the embedded store's)."""
    actors = located_in(store, region)
    taking_part = store.neighbours_of(actors, types=[RelType.PARTICIPATES_IN], direction="out")
    held = [
        (uid, actors[uid][1].uid, n.edge, n.node)
        for uid in sorted(actors)
        for n in taking_part.get(uid, [])
        if row_holds(window, n.edge, n.node)
    ]
    if programme is not None:
        funded = store.neighbours_of(
            {project.uid for *_, project in held}, types=[RelType.FUNDED_BY], direction="out"
        )
        held = [
            row for row in held if any(n.node.uid == programme for n in funded.get(row[3].uid, []))
        ]
    projects = {project.uid: project for *_, project in held}
    around = store.neighbours_of(
        projects, types=[RelType.FUNDED_BY, RelType.ADDRESSES], direction="out"
    )
    by_subregion, by_programme, by_priority, by_year = (_Counter() for _ in range(4))
    on_project: dict[str, set[str]] = defaultdict(set)
    for actor, part, edge, project in held:
        on_project[project.uid].add(actor)
        by_subregion.add(part, project.uid, edge.id, actor)
        for n in around.get(project.uid, []):
            kind = by_programme if n.edge.type == RelType.FUNDED_BY else by_priority
            kind.add(n.node.uid, project.uid, edge.id, actor)
        year = project.valid_from[:4] if project.valid_from else NO_YEAR
        by_year.add(year, project.uid, edge.id, actor)
    by_country = _Counter()
    everyone = store.neighbours_of(projects, types=[RelType.PARTICIPATES_IN], direction="in")
    for uid, project in projects.items():
        for n in everyone.get(uid, []):
            if row_holds(window, n.edge, project):
                country = partner_country(n.node) or NO_COUNTRY
                by_country.add(country, uid, n.edge.id, n.node.uid)
    ordered = sorted(projects.values(), key=lambda p: (p.valid_from or "9999", p.uid))
    shown = ordered[offset:] if limit is None else ordered[offset : offset + limit]
    return Activity(
        # each row of ``held`` is a distinct relationship (one actor's, read once)
        totals=Tally(region.uid, len(projects), len(held), len({actor for actor, *_ in held})),
        by_subregion=by_subregion.out(),
        by_country=by_country.out(),
        by_programme=by_programme.out(),
        by_priority=by_priority.out(),
        by_year=by_year.out(),
        page=[PageProject(p.uid, tuple(sorted(on_project[p.uid]))) for p in shown],
        sources=sorted({source for *_, edge, _ in held for source in edge.sources}),
    )
