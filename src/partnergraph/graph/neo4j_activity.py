"""Region activity in the database: :mod:`partnergraph.graph.activity` as Cypher.

One statement finds what lies in the region (PART_OF chains through territories, then the
organisations LOCATED_IN them) with each body's part, keeps the partner rows the window (and
the programme) admits, and sends back the totals, each breakdown as a few rows of counts, the
source ids and one page of projects: for a voivodeship with ten thousand projects a few
hundred values, not the projects, their partners and relationships.

A body's part is chosen with one string per candidate: a rank character (``0`` the region
itself, ``1`` a NUTS unit, ``2`` anything else) followed by the part's uid, so ``min`` picks
the part :func:`partnergraph.graph.activity.part_rank` puts first (uids are ASCII, where
Cypher's and Python's string orders agree).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from partnergraph.graph.activity import (
    NO_COUNTRY,
    NO_YEAR,
    TERRITORIES,
    Activity,
    PageProject,
    Tally,
    tallies,
)
from partnergraph.graph.neo4j_chains import admitted, window_params
from partnergraph.graph.neo4j_coverage import COUNTRY
from partnergraph.model import ACTOR_LABELS, NodeLabel, RelType
from partnergraph.window import Window

if TYPE_CHECKING:
    from partnergraph.graph.neo4j import Neo4jStore

__all__ = ["region_activity"]

_E = "Entity"
_NO_LIMIT = 1 << 62


def _tally(name: str, key: str, unwind: str = "") -> str:
    """A subquery counting, per ``key``, the distinct projects, the rows and the distinct
    partners of ``entries`` (one per project): ``key`` is an expression of ``p`` (the
    project's entry), ``row`` (one of its rows) and what ``unwind`` adds. A project's rows
    are distinct relationships and ``unwind`` goes over distinct values (``_TARGETS``), so
    each row comes once per key and ``count(*)`` counts the rows."""
    return (
        f"CALL (entries) {{ UNWIND entries AS p {unwind} UNWIND p[1] AS row "
        f"WITH {key} AS key, p, row "
        "WITH key, count(DISTINCT p[6]) AS projects, count(*) AS n, "
        "count(DISTINCT row[0]) AS partners "
        f"RETURN collect([key, projects, n, partners]) AS {name} }} "
    )


#: The distinct uids a project points to by one relationship type.
_TARGETS = "COLLECT {{ MATCH (proj)-[:{rel}]->(g:" + _E + ") RETURN DISTINCT g.uid }}"

_ACTIVITY = (
    f"MATCH (r:{_E} {{uid: $region}}) "
    # every territory below the region, with the best of the region's direct parts it lies in
    "CALL (r) { "
    f"MATCH path = (t:{_E})-[:{RelType.PART_OF.value}*1..]->(r) "
    "WHERE t <> r AND all(n IN nodes(path) WHERE n.label IN $territories) "
    "WITH t, nodes(path)[-2] AS p "
    f"RETURN t, min(CASE WHEN p.label = '{NodeLabel.REGION.value}' THEN '1' ELSE '2' END "
    "+ p.uid) AS key "
    "UNION RETURN r AS t, '0' + r.uid AS key } "
    "WITH collect([t, key]) AS places "
    # the actors: those territories, and the organisations seated in them
    "CALL (places) { "
    "UNWIND places AS place WITH place[0] AS x, place[1] AS key WHERE x.label IN $actors "
    "RETURN x, key UNION "
    "UNWIND places AS place WITH place[0] AS t, place[1] AS key "
    f"MATCH (x:{_E})-[:{RelType.LOCATED_IN.value}]->(t) "
    f"WHERE x.label = '{NodeLabel.ORGANISATION.value}' RETURN x, min(key) AS key }} "
    # the partner rows the window and the programme admit, grouped by project: each project
    # read once for its programmes, priorities, start and uid
    f"MATCH (x)-[w:{RelType.PARTICIPATES_IN.value}]->(proj:{_E}) "
    f"WHERE {admitted('w', 'proj')} "
    "AND ($programme IS NULL OR EXISTS { "
    f"(proj)-[:{RelType.FUNDED_BY.value}]->(:{_E} {{uid: $programme}}) }}) "
    "WITH proj, collect([x.uid, substring(key, 1), w]) AS held "
    "WITH collect([proj, held, "
    + _TARGETS.format(rel=RelType.FUNDED_BY.value)
    + ", "
    + _TARGETS.format(rel=RelType.ADDRESSES.value)
    + f", coalesce(left(proj.valid_from, 4), '{NO_YEAR}'), "
    "coalesce(proj.valid_from, '9999'), proj.uid]) AS entries "
    "CALL (entries) { UNWIND entries AS p UNWIND p[1] AS row "
    "WITH size(entries) AS projects, count(*) AS n, count(DISTINCT row[0]) AS partners "
    "RETURN collect([$region, projects, n, partners]) AS totals } "
    + _tally("by_subregion", "row[1]")
    + _tally("by_programme", "funder", "UNWIND p[2] AS funder")
    + _tally("by_priority", "theme", "UNWIND p[3] AS theme")
    + _tally("by_year", "p[4]")
    # every partner row of these projects, by the partner's country (worked out once per
    # partner); the project's period is read once per project
    + "CALL (entries) { UNWIND entries AS p "
    "WITH p[0] AS proj, p[0].valid_from AS pf, p[0].valid_to AS pt "
    f"MATCH (x:{_E})-[w:{RelType.PARTICIPATES_IN.value}]->(proj) "
    f"WHERE {admitted('w', ('pf', 'pt'))} "
    "WITH x, collect(proj) AS projs "
    f"WITH coalesce({COUNTRY}, '{NO_COUNTRY}') AS key, x, projs UNWIND projs AS proj "
    # each relationship comes once (the projects are distinct), so rows are count(*)
    "WITH key, count(DISTINCT proj) AS projects, count(*) AS n, count(DISTINCT x) AS partners "
    "RETURN collect([key, projects, n, partners]) AS by_country } "
    "CALL (entries) { UNWIND entries AS p UNWIND p[1] AS row "
    "UNWIND coalesce(row[2].sources, []) AS s RETURN collect(DISTINCT s) AS sources } "
    # one page of projects, by start day (undated last) and uid
    "CALL (entries) { UNWIND entries AS p WITH p ORDER BY p[5], p[6] SKIP $offset "
    "LIMIT $limit RETURN collect([p[5], p[6], [row IN p[1] | row[0]]]) AS page } "
    "RETURN totals, by_subregion, by_country, by_programme, by_priority, by_year, sources, page"
)


def _tallies(rows: list[list[Any]]) -> list[Tally]:
    return tallies(Tally(key, projects, n, partners) for key, projects, n, partners in rows)


def region_activity(
    store: Neo4jStore,
    region: str,
    window: Window,
    programme: str | None,
    offset: int,
    limit: int | None,
) -> Activity:
    """:meth:`GraphStore.region_activity` on Neo4j (see the module docstring)."""
    records = store._read(
        _ACTIVITY,
        region=region,
        territories=sorted(label.value for label in TERRITORIES),
        actors=sorted(label.value for label in ACTOR_LABELS),
        programme=programme,
        offset=offset,
        limit=_NO_LIMIT if limit is None else limit,
        **window_params(window),
    )
    if not records:
        return Activity.nothing(region)
    record = records[0]
    totals = _tallies(record["totals"])
    return Activity(
        totals=totals[0] if totals else Activity.nothing(region).totals,
        by_subregion=_tallies(record["by_subregion"]),
        by_country=_tallies(record["by_country"]),
        by_programme=_tallies(record["by_programme"]),
        by_priority=_tallies(record["by_priority"]),
        by_year=_tallies(record["by_year"]),
        page=[
            PageProject(uid, tuple(sorted(set(actors))))
            for _, uid, actors in sorted(record["page"], key=lambda p: (p[0], p[1]))
        ],
        sources=sorted(record["sources"]),
    )
