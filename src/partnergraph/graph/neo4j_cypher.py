"""The Cypher of the Neo4j store, in one place: every statement the store runs, as text.

Labels and relationship types cannot be parameters in Cypher, so statements that need them
are built from the model's enums (never from a caller's text); everything else is a
parameter. ``graph/neo4j.py`` runs them; the chain, carrier-group and GDS statements live in
``neo4j_chains.py``, ``neo4j_cooperation.py`` and ``neo4j_gds.py`` beside it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from partnergraph.model import ACTOR_LABELS, NodeLabel, RelType

#: The label every partnergraph node carries, and the one the uid constraint is on.
ENTITY = "Entity"
#: The label of the single bookkeeping node (data version); never counted or returned.
META = "PartnergraphMeta"
_TYPES = {rel.value: rel for rel in RelType}


def valid_on_day(var: str) -> str:
    """Cypher for ``model.active_at`` on ``var`` with ``$day`` (an ISO date, or null).

    Comparing against an ASCII ISO date gives the same answer in UTF-16 and code point order,
    so this filter is exact; only sorting by arbitrary strings is left to Python.
    """
    return (
        f"($day IS NULL OR (({var}.valid_from IS NULL OR {var}.valid_from <= $day)"
        f" AND ({var}.valid_to IS NULL OR $day <= {var}.valid_to)))"
    )


_TYPE_OK = "($types IS NULL OR type(r) IN $types)"
_EDGE_FIELDS = (
    "type(r) AS type, startNode(r).uid AS source, endNode(r).uid AS target, properties(r) AS p"
)

#: Created on first write. One uniqueness constraint on ``Entity.uid`` serves every label:
#: uids are unique across labels, which is stronger than unique per label, and every lookup
#: by uid (whatever the label) is one index seek. The text index serves ``find`` (CONTAINS).
SCHEMA_STATEMENTS: tuple[str, ...] = (
    f"CREATE CONSTRAINT partnergraph_entity_uid IF NOT EXISTS "
    f"FOR (n:{ENTITY}) REQUIRE n.uid IS UNIQUE",
    f"CREATE CONSTRAINT partnergraph_meta_id IF NOT EXISTS FOR (m:{META}) REQUIRE m.id IS UNIQUE",
    f"CREATE TEXT INDEX partnergraph_entity_search IF NOT EXISTS "
    f"FOR (n:{ENTITY}) ON (n.search_key)",
)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

#: Taken first in every write transaction: creates the meta node once, write-locks it (so
#: writers queue up) and returns the version the transaction starts from.
LOCK_VERSION = (
    f"MERGE (m:{META} {{id: $id}}) ON CREATE SET m.version = $zero "
    "SET m.locked_at = timestamp() RETURN m.version AS version"
)
SET_VERSION = f"MATCH (m:{META} {{id: $id}}) SET m.version = $version"
READ_VERSION = f"MATCH (m:{META} {{id: $id}}) RETURN m.version AS version"

EXISTING_LABELS = (
    f"UNWIND $uids AS uid MATCH (n:{ENTITY} {{uid: uid}}) RETURN n.uid AS uid, n.label AS label"
)


def _node_labels(label: NodeLabel) -> str:
    return f"{label.value}:Actor" if label in ACTOR_LABELS else label.value


#: One upsert per label (labels cannot be parameters). ``SET n = row.props`` replaces every
#: property; the old hash is returned so the data version can be updated by XOR, and the uids
#: whose label would change, so the transaction can be rolled back (DataError).
UPSERT_NODES: dict[NodeLabel, str] = {
    label: (
        f"UNWIND $rows AS row MERGE (n:{ENTITY} {{uid: row.uid}}) "
        f"WITH n, row, n.h AS old, n.label AS was SET n = row.props, n:{_node_labels(label)} "
        "RETURN collect(old) AS olds, "
        "collect(CASE WHEN was <> row.props.label THEN row.uid END) AS relabelled"
    )
    for label in NodeLabel
}
#: The benchmark's baseline: the same write, one row per statement and transaction.
UPSERT_NODE_ONE: dict[NodeLabel, str] = {
    label: (
        f"MERGE (n:{ENTITY} {{uid: $row.uid}}) "
        f"WITH n, n.h AS old SET n = $row.props, n:{_node_labels(label)} RETURN old"
    )
    for label in NodeLabel
}
UPSERT_EDGES: dict[RelType, str] = {
    rel: (
        f"UNWIND $rows AS row MATCH (a:{ENTITY} {{uid: row.source}}) "
        f"MATCH (b:{ENTITY} {{uid: row.target}}) "
        f"MERGE (a)-[r:{rel.value} {{key: row.key}}]->(b) "
        "WITH r, row, r.h AS old SET r = row.props RETURN collect(old) AS olds, count(*) AS written"
    )
    for rel in RelType
}
UPSERT_EDGE_ONE: dict[RelType, str] = {
    rel: (
        f"MATCH (a:{ENTITY} {{uid: $row.source}}) MATCH (b:{ENTITY} {{uid: $row.target}}) "
        f"MERGE (a)-[r:{rel.value} {{key: $row.key}}]->(b) "
        "WITH r, r.h AS old SET r = $row.props RETURN old"
    )
    for rel in RelType
}

NODE_BY_UID = f"MATCH (n:{ENTITY} {{uid: $uid}}) RETURN properties(n) AS p"
NODES_BY_UIDS = f"UNWIND $uids AS uid MATCH (n:{ENTITY} {{uid: uid}}) RETURN properties(n) AS p"
ALL_NODES = f"MATCH (n:{ENTITY}) WHERE {valid_on_day('n')} RETURN properties(n) AS p"
NODES_OF_LABEL: dict[NodeLabel, str] = {
    label: f"MATCH (n:{label.value}:{ENTITY}) WHERE {valid_on_day('n')} RETURN properties(n) AS p"
    for label in NodeLabel
}
ALL_UIDS = f"MATCH (n:{ENTITY}) WHERE {valid_on_day('n')} RETURN n.uid AS uid"
UIDS_OF_LABEL: dict[NodeLabel, str] = {
    label: f"MATCH (n:{label.value}:{ENTITY}) WHERE {valid_on_day('n')} RETURN n.uid AS uid"
    for label in NodeLabel
}
FIND_UIDS = (
    f"MATCH (n:{ENTITY}) WHERE n.search_key CONTAINS $text "
    "AND ($labels IS NULL OR n.label IN $labels) RETURN n.uid AS uid"
)

ALL_EDGES = (
    f"MATCH (:{ENTITY})-[r]->(:{ENTITY}) WHERE {_TYPE_OK} AND {valid_on_day('r')} "
    f"RETURN {_EDGE_FIELDS}"
)
# The whole graph for to_networkx, in records of $chunk items: the driver spends far more per
# record than per value (at keep.eu scale one record per relationship took ~20 s for 580k
# records, mostly in the driver's receive loop). Only references are collected on the server.
EXPORT_NODES = (
    f"MATCH (n:{ENTITY}) WHERE {valid_on_day('n')} WITH collect(n) AS found "
    "UNWIND range(0, size(found) - 1, $chunk) AS i "
    "RETURN [n IN found[i..i + $chunk] | properties(n)] AS rows"
)
EXPORT_EDGES = (
    f"MATCH (:{ENTITY})-[r]->(:{ENTITY}) WHERE {valid_on_day('r')} WITH collect(r) AS found "
    "UNWIND range(0, size(found) - 1, $chunk) AS i "
    "RETURN [r IN found[i..i + $chunk] | "
    "[type(r), startNode(r).uid, endNode(r).uid, properties(r)]] AS rows"
)
#: Edges at one node; the UNION (not UNION ALL) lists a self-loop once.
EDGES_AT = (
    f"MATCH (n:{ENTITY} {{uid: $uid}}) CALL (n) {{ "
    f"MATCH (n)-[r]->(:{ENTITY}) RETURN r "
    f"UNION MATCH (n)<-[r]-(:{ENTITY}) RETURN r }} "
    f"WITH r WHERE {_TYPE_OK} AND {valid_on_day('r')} RETURN {_EDGE_FIELDS}"
)


#: Edges at a node with the node at their other end, in one round trip. The aggregating
#: subquery yields exactly one row for an existing node (NotFound is told by no row);
#: ``$skip_loops`` leaves out incoming self-loops already listed as outgoing.
def _typed(types: Sequence[str] | None) -> str:
    """``:A|B`` for a relationship pattern: the planner then expands only those types from a
    node (a hub with 10,000 LOCATED_IN need not be read for its PART_OF). The names come
    from the RelType enum, never from a caller."""
    if not types:
        return ""
    return ":" + "|".join(_TYPES[name].value for name in sorted(set(types)))


def _around(rel: str) -> str:
    return (
        "CALL (n) { "
        f"MATCH (n)-[r{rel}]->(o:{ENTITY}) WHERE $out RETURN r, o, 'out' AS direction "
        f"UNION ALL MATCH (n)<-[r{rel}]-(o:{ENTITY}) WHERE $inward AND NOT ($skip_loops AND o = n) "
        "RETURN r, o, 'in' AS direction } "
        f"WITH r, o, direction WHERE {valid_on_day('r')} AND {valid_on_day('o')} "
    )


@functools.cache
def neighbours_query(types: tuple[str, ...] | None, many: bool) -> str:
    """Edges at a node (``many``: at each of ``$uids``) with the node at their other end, in
    one round trip. The aggregating subquery yields exactly one row for an existing node
    (NotFound is told by no row, or a node missing from ``rows``); ``$skip_loops`` leaves out
    incoming self-loops already listed as outgoing. For many nodes the neighbours come back
    as uids with every distinct node's properties sent once: a thousand projects of one
    programme would otherwise carry the programme a thousand times."""
    rel = _typed(types)
    if not many:
        return (
            f"MATCH (n:{ENTITY} {{uid: $uid}}) CALL (n) {{ {_around(rel)}"
            "RETURN collect({type: type(r), source: startNode(r).uid, target: endNode(r).uid, "
            "p: properties(r), other: properties(o), direction: direction}) AS found } "
            "RETURN found"
        )
    return (
        f"UNWIND $uids AS uid MATCH (n:{ENTITY} {{uid: uid}}) CALL (n) {{ {_around(rel)}"
        "RETURN collect([type(r), startNode(r).uid, endNode(r).uid, properties(r), o.uid, "
        "direction]) AS found, collect(DISTINCT o) AS others } "
        "WITH collect([uid, found]) AS rows, collect(others) AS groups "
        "CALL (groups) { UNWIND groups AS others UNWIND others AS o WITH DISTINCT o "
        "RETURN collect(properties(o)) AS nodes } "
        "RETURN rows, nodes"
    )


@functools.cache
def spans_query(types: tuple[str, ...] | None) -> str:
    """``neighbours_query`` for many nodes reduced to ``model.Span``: per relationship its type,
    the other node's uid, the key, the direction, then the relationship's and the other
    node's dates and ``status`` (stored as ``p_status``: null where there is none)."""
    return (
        f"UNWIND $uids AS uid MATCH (n:{ENTITY} {{uid: uid}}) CALL (n) {{ {_around(_typed(types))}"
        "RETURN collect([type(r), o.uid, coalesce(r.key, ''), direction, r.valid_from, "
        "r.valid_to, r.p_status, o.valid_from, o.valid_to, o.p_status]) AS found } "
        "RETURN collect([uid, found]) AS rows"
    )


@functools.cache
def adjacency_query(types: tuple[str, ...] | None) -> str:
    """The undirected, filtered adjacency of a set of nodes: what path search walks on."""
    return (
        f"UNWIND $uids AS uid MATCH (a:{ENTITY} {{uid: uid}})-[r{_typed(types)}]-(b:{ENTITY}) "
        f"WHERE a <> b AND {valid_on_day('r')} AND {valid_on_day('b')} "
        "RETURN uid, collect(DISTINCT b.uid) AS others"
    )


SUBGRAPH_EDGES = (
    f"UNWIND $uids AS uid MATCH (a:{ENTITY} {{uid: uid}})-[r]->(b:{ENTITY}) "
    f"WHERE b.uid IN $uids AND {valid_on_day('r')} RETURN {_EDGE_FIELDS}"
)
#: Every qualifying edge between the two nodes of each hop, either direction.
HOP_EDGES = (
    f"UNWIND $pairs AS pair MATCH (a:{ENTITY} {{uid: pair[0]}})-[r]-(b:{ENTITY} {{uid: pair[1]}}) "
    f"WHERE {_TYPE_OK} AND {valid_on_day('r')} RETURN {_EDGE_FIELDS}"
)

#: Counts from the count store: one branch per label and type, both from the enums.
COUNTS = " UNION ALL ".join(
    [
        f"MATCH (n:{label.value}:{ENTITY}) RETURN 'node' AS kind, '{label.value}' AS name, "
        "count(n) AS total"
        for label in NodeLabel
    ]
    + [
        f"MATCH ()-[r:{rel.value}]->() RETURN 'rel' AS kind, '{rel.value}' AS name, "
        "count(r) AS total"
        for rel in RelType
    ]
)

#: The store's summary in one statement: per label / type the count (and for relationship
#: types the span of dates), the span of the facts' dates (nodes but sources), and per source
#: id the number of facts citing it; only totals leave the database.
SUMMARY = (
    f"CALL () {{ MATCH (n:{ENTITY}) WHERE {valid_on_day('n')} "
    "WITH n.label AS name, count(*) AS total "
    "RETURN collect({kind: 'node', name: name, total: total}) AS nodes } "
    f"CALL () {{ MATCH (:{ENTITY})-[r]->(:{ENTITY}) WHERE {valid_on_day('r')} "
    "WITH type(r) AS name, count(*) AS total, min(r.valid_from) AS lo, max(r.valid_to) AS hi "
    "RETURN collect({kind: 'rel', name: name, total: total, lo: lo, hi: hi}) AS rels } "
    f"CALL () {{ MATCH (n:{ENTITY}) WHERE {valid_on_day('n')} AND n.label <> $source "
    "RETURN min(n.valid_from) AS lo, max(n.valid_to) AS hi } "
    f"CALL () {{ CALL () {{ MATCH (n:{ENTITY}) WHERE {valid_on_day('n')} AND n.label <> $source "
    "UNWIND n.sources AS source RETURN source "
    f"UNION ALL MATCH (:{ENTITY})-[r]->(:{ENTITY}) WHERE {valid_on_day('r')} "
    "UNWIND r.sources AS source RETURN source } "
    "WITH source, count(*) AS facts RETURN collect([source, facts]) AS citations } "
    "RETURN nodes + rels AS groups, lo, hi, citations"
)

#: Deleting in inner transactions keeps memory flat on big graphs; relationships first so
#: that no single inner transaction has to detach a hub with thousands of them.
CLEAR_RELATIONSHIPS = (
    f"MATCH (:{ENTITY})-[r]->() CALL (r) {{ DELETE r }} IN TRANSACTIONS OF $batch ROWS"
)
CLEAR_NODES = f"MATCH (n:{ENTITY}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF $batch ROWS"


# -- values ----------------------------------------------------------------------------------
