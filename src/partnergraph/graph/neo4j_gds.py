"""Communities in the database: the actor co-operation projection in Neo4j Graph Data Science.

The clusters query needs the communities of the actor co-operation projection (see
:mod:`partnergraph.queries.projection`): actors tied by the carriers they share, a Project
(PARTICIPATES_IN), an Agreement (SIGNED_BY) or a membership body, Network or Organisation
(MEMBER_OF; an Organisation with members is in its own group), each carrier of ``n`` actors
adding ``1/(n-1)`` to the weight of each of its pairs; nodes and relationships as of ``$day``
(the store's ``_active`` filter on the actor, the carrier and the relationship). Here that
projection is built by one Cypher aggregation (``gds.graph.project``) and handed to
``gds.leiden.stream`` / ``gds.louvain.stream`` / ``gds.wcc.stream``; only the members (uid and
community id) come back to Python, which names and labels them.

- The in-memory graph is named by data version, day and a random suffix, so concurrent
  requests never see each other's half-built graph, and it is dropped right after use.
- Leiden is seeded (``randomSeed``, which GDS only accepts with ``concurrency: 1``) and uses
  ``gamma`` as the resolution. GDS Louvain has no seed and no resolution: with
  ``concurrency: 1`` it is deterministic; a resolution other than 1 is left to the client.
- Whether the server has GDS is asked once per store (``SHOW PROCEDURES``/``SHOW FUNCTIONS``)
  and remembered; a ``ProcedureNotFound`` later also marks it absent. Without GDS,
  :func:`communities` returns None and the query layer computes the communities client-side.

All Cypher is parameterised (the graph name is a parameter too).
"""

from __future__ import annotations

import datetime as dt
import uuid
import weakref
from typing import TYPE_CHECKING, Any

import neo4j
from neo4j import exceptions as neo4j_errors

from partnergraph.graph.neo4j_cypher import valid_on_day
from partnergraph.graph.reach import Component
from partnergraph.graph.store import Communities, CommunityAlgorithm, CommunityChoice

if TYPE_CHECKING:
    from partnergraph.graph.neo4j import Neo4jStore

__all__ = [
    "DISTANCE",
    "GDS_FUNCTIONS",
    "GDS_PROCEDURES",
    "communities",
    "forget",
    "gds_available",
    "graph_name",
    "projected_graphs",
    "reach",
]


#: What a server must have for :func:`communities` to run there.
GDS_PROCEDURES = frozenset(
    {"gds.leiden.stream", "gds.louvain.stream", "gds.wcc.stream", "gds.graph.drop"}
)
#: The undirected simple graph of the qualifying relationships as of ``$day`` (one GDS
#: relationship per pair of distinct nodes, every valid node kept): what a refused path
#: question is explained on (graph/reach.py).
PROJECT_SIMPLE = f"""
MATCH (s:Entity) WHERE {valid_on_day("s")}
OPTIONAL MATCH (s)-[r]-(t:Entity)
WHERE t <> s AND s.uid < t.uid AND ($types IS NULL OR type(r) IN $types)
  AND {valid_on_day("r")} AND {valid_on_day("t")}
WITH DISTINCT s, t
WITH gds.graph.project($name, s, t, {{}}, {{undirectedRelationshipTypes: ['*']}}) AS g
RETURN g.nodeCount AS nodes
"""
#: The components holding the asked nodes: their size, which asked nodes they hold, and
#: their members with at least the degree of the (``$sample`` + 1)-th best connected (so
#: the best ``$sample`` other than an asked node are among them, ties included).
COMPONENTS = f"""
CALL gds.wcc.stream($name, {{concurrency: 1}}) YIELD nodeId, componentId
WITH componentId, collect(nodeId) AS members
WITH members, [m IN members WHERE gds.util.asNode(m).uid IN $ends | gds.util.asNode(m).uid]
     AS ends
WHERE size(ends) > 0
UNWIND members AS m
WITH members, ends, gds.util.asNode(m) AS n
WITH members, ends, n.uid AS uid, size(COLLECT {{
  MATCH (n)-[r]-(o:Entity)
  WHERE o <> n AND ($types IS NULL OR type(r) IN $types)
    AND {valid_on_day("r")} AND {valid_on_day("o")}
  RETURN DISTINCT o
}}) AS degree
ORDER BY degree DESC
WITH size(members) AS size, ends, collect([uid, degree]) AS ranked
WITH size, ends, ranked,
     ranked[CASE WHEN size - 1 < $sample THEN size - 1 ELSE $sample END][1] AS least
RETURN size, ends, [x IN ranked WHERE x[1] >= least] AS best
"""
#: How many hops apart two nodes are over the qualifying relationships, as of ``$day``.
DISTANCE = f"""
MATCH (a:Entity {{uid: $source}}), (b:Entity {{uid: $target}})
MATCH p = shortestPath((a)-[*]-(b))
WHERE all(r IN relationships(p) WHERE ($types IS NULL OR type(r) IN $types)
          AND {valid_on_day("r")})
  AND all(n IN nodes(p) WHERE {valid_on_day("n")})
RETURN length(p) AS distance
"""
GDS_FUNCTIONS = frozenset({"gds.graph.project", "gds.util.asNode"})

SHOW_GDS = (
    "SHOW PROCEDURES YIELD name WHERE name IN $names RETURN name",
    "SHOW FUNCTIONS YIELD name WHERE name IN $names RETURN name",
)


#: The projection of queries/projection.py in one statement: carrier groups (the three ways
#: into a group, and an Organisation with anyone linked to it joins its own group), each
#: group's members in uid order, then every pair ``i < j`` of a group with 1/(n-1), summed
#: per pair, into one undirected weighted GDS graph. Pairs taken by position in the sorted
#: list, not by comparing the uids of every ordered pair: half the rows, a third less time.
PROJECT = f"""
CALL () {{
  MATCH (a:Actor:Entity)-[r:PARTICIPATES_IN]->(c:Entity) RETURN c, a, r
  UNION ALL
  MATCH (c:Entity)-[r:SIGNED_BY]->(a:Actor:Entity) RETURN c, a, r
  UNION ALL
  MATCH (a:Actor:Entity)-[r:MEMBER_OF]->(c:Entity)
  WHERE c.label IN ['Network', 'Organisation'] RETURN c, a, r
  UNION ALL
  MATCH (c:Organisation:Entity)
  WHERE EXISTS {{ (c)<-[:PARTICIPATES_IN|MEMBER_OF]-(:Actor:Entity) }}
     OR EXISTS {{ (c)-[:SIGNED_BY]->(:Actor:Entity) }}
  RETURN c, c AS a, null AS r
}}
WITH c, a, r WHERE {valid_on_day("r")} AND {valid_on_day("a")} AND {valid_on_day("c")}
WITH DISTINCT c, a ORDER BY a.uid
WITH c, collect(a) AS members
WITH members, size(members) AS n WHERE n > 1
WITH members, n, 1.0 / (n - 1) AS w
UNWIND range(0, n - 2) AS i
UNWIND range(i + 1, n - 1) AS j
WITH members[i] AS a, members[j] AS b, w
WITH a, b, sum(w) AS weight
WITH gds.graph.project($name, a, b, {{relationshipProperties: {{weight: weight}}}},
                       {{undirectedRelationshipTypes: ['*']}}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS ties
"""

_STREAM_TAIL = "YIELD nodeId, communityId RETURN gds.util.asNode(nodeId).uid AS uid, communityId"
_WCC_TAIL = (
    "YIELD nodeId, componentId RETURN gds.util.asNode(nodeId).uid AS uid, "
    "componentId AS communityId"
)
STREAM: dict[CommunityAlgorithm, str] = {
    "leiden": (
        "CALL gds.leiden.stream($name, {relationshipWeightProperty: 'weight', gamma: "
        "$resolution, randomSeed: $seed, concurrency: 1}) " + _STREAM_TAIL
    ),
    "louvain": (
        "CALL gds.louvain.stream($name, {relationshipWeightProperty: 'weight', "
        "concurrency: 1}) " + _STREAM_TAIL
    ),
    "components": "CALL gds.wcc.stream($name, {concurrency: 1}) " + _WCC_TAIL,
}
#: What the answer's ``method`` says ran.
METHOD: dict[CommunityAlgorithm, str] = {
    "leiden": "gds:leiden",
    "louvain": "gds:louvain",
    "components": "gds:wcc",
}
DROP = "CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName"
LIST = (
    "CALL gds.graph.list() YIELD graphName WHERE graphName STARTS WITH $prefix "
    "RETURN graphName ORDER BY graphName"
)
PREFIX = "partnergraph-clusters-"

#: Per store: whether its server has GDS (asked once).
_available: weakref.WeakKeyDictionary[Neo4jStore, bool] = weakref.WeakKeyDictionary()


def gds_available(store: Neo4jStore) -> bool:
    """Whether the store's server has the GDS procedures :func:`communities` needs (asked
    once per store, then remembered; :func:`forget` asks again)."""
    known = _available.get(store)
    if known is None:
        wanted = sorted(GDS_PROCEDURES | GDS_FUNCTIONS)
        names: set[str] = set()
        for query in SHOW_GDS:  # SHOW commands cannot be combined with UNION
            names.update(record["name"] for record in store._read(query, names=wanted))
        known = names >= GDS_PROCEDURES | GDS_FUNCTIONS
        _available[store] = known
    return known


def forget(store: Neo4jStore) -> None:
    """Ask the server again next time (after a restart with or without the plugin)."""
    _available.pop(store, None)


def graph_name(version: str, at: dt.date | None, kind: str = "") -> str:
    """The GDS graph of one request: what it is for (``kind``, e.g. ``reach-``), data
    version, day, and a random part so that two requests never share a graph one of them is
    about to drop."""
    day = at.isoformat() if at else "all"
    return f"{PREFIX}{kind}{version}-{day}-{uuid.uuid4().hex[:12]}"


def projected_graphs(store: Neo4jStore) -> list[str]:
    """The clusters graphs in the server's GDS catalog (none once every request is done)."""
    return [record["graphName"] for record in store._read(LIST, prefix=PREFIX)]


def _session(store: Neo4jStore) -> neo4j.Session:
    # One session for project, stream and drop: the graph catalog belongs to one server.
    return store._session(default_access_mode=neo4j.READ_ACCESS)


def _supported(algorithm: CommunityAlgorithm, resolution: float) -> bool:
    # GDS Louvain has no resolution parameter; Leiden's is gamma; components have none.
    return algorithm != "louvain" or resolution == 1.0


def communities(
    store: Neo4jStore,
    algorithm: CommunityChoice,
    *,
    resolution: float = 1.0,
    seed: int = 42,
    at: dt.date | None = None,
) -> Communities | None:
    """The communities of the co-operation projection as of ``at``, computed by GDS; None when
    the server has no GDS or GDS cannot run the algorithm with these parameters. A rule for
    ``algorithm`` is called with the projected graph's node count (its actors)."""
    if (not callable(algorithm) and not _supported(algorithm, resolution)) or not gds_available(
        store
    ):
        return None
    name = graph_name(store.data_version(), at)
    day = at.isoformat() if at else None
    params: dict[str, Any] = {"name": name, "resolution": float(resolution), "seed": int(seed)}
    try:
        with store._guard(reading=True), _session(store) as session:
            try:
                projected = session.execute_read(
                    lambda tx: tx.run(PROJECT, name=name, day=day).single()
                )
                actors = int(projected["nodes"]) if projected is not None else 0
                chosen = algorithm(actors) if callable(algorithm) else algorithm
                if not _supported(chosen, resolution):
                    return None
                if not actors:
                    return Communities(METHOD[chosen], [])
                rows = session.execute_read(
                    lambda tx: [
                        (r["uid"], r["communityId"]) for r in tx.run(STREAM[chosen], params)
                    ]
                )
            finally:
                session.execute_read(lambda tx: tx.run(DROP, name=name).consume())
    except neo4j_errors.ClientError as exc:
        if exc.code == "Neo.ClientError.Procedure.ProcedureNotFound" or (
            # a GDS function (gds.graph.project, gds.util.asNode) gone since it was asked
            exc.code == "Neo.ClientError.Statement.SyntaxError"
            and "Unknown function 'gds." in (exc.message or "")
        ):
            _available[store] = False  # removed since it was asked: compute client-side
            return None
        raise
    parts: dict[int, list[str]] = {}
    for uid, community in rows:
        parts.setdefault(int(community), []).append(str(uid))
    return Communities(METHOD[chosen], list(parts.values()))


def reach(
    store: Neo4jStore,
    ends: tuple[str, str],
    *,
    types: list[str] | None,
    at: dt.date | None,
    sample: int,
) -> tuple[int | None, dict[str, Component]] | None:
    """The distance between the two nodes (None: not connected) and each one's component,
    on the qualifying simple graph as of ``at``, computed in the database; None when the
    server has no GDS (the caller then works it out client-side)."""
    if not gds_available(store):
        return None
    name = graph_name(store.data_version(), at, "reach-")
    day = at.isoformat() if at else None
    params: dict[str, Any] = {"name": name, "types": types, "day": day}
    with store._guard(reading=True), _session(store) as session:
        try:
            session.execute_read(lambda tx: tx.run(PROJECT_SIMPLE, params).consume())
            rows = session.execute_read(
                lambda tx: [
                    (r["size"], list(r["ends"]), [(str(u), int(d)) for u, d in r["best"]])
                    for r in tx.run(COMPONENTS, params, ends=list(ends), sample=sample)
                ]
            )
        finally:
            session.execute_read(lambda tx: tx.run(DROP, name=name).consume())
    components: dict[str, Component] = {}
    together = False
    for size, found, best in rows:
        together = together or len(set(found)) > 1
        for end in found:
            ranked = sorted(((u, d) for u, d in best if u != end), key=lambda x: (-x[1], x[0]))
            components[end] = Component(int(size), tuple(u for u, _ in ranked[:sample]))
    distance: int | None = None
    if together:
        source, target = ends
        records = store._read(DISTANCE, source=source, target=target, types=types, day=day)
        distance = int(records[0]["distance"]) if records else None
    return distance, components
