"""Carrier groups in the database: :mod:`partnergraph.graph.cooperation` as Cypher.

A first statement names the carriers (every carrier, or those of the given actors), in uid
order. Batches of them are then read side by side (``Neo4jStore._read_batches``: the server
runs each statement on one core, and each batch is decoded here while the next is read): their
links to actors valid on the day, as references (carrier uid, actor uid, link element id, link
rank) with every distinct node and relationship of the batch sent once: an actor in a hundred
projects travels once per batch, not a hundred times. Python keeps the first link of each
actor by rank and (source, target, key), adds an organisation to its own group, and drops
carriers with fewer than two actors — the rule of the embedded store, word for word. A carrier
is in one batch only, so the rule never needs two batches at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from partnergraph.graph.cooperation import BODY_LABELS, Group
from partnergraph.graph.neo4j_cypher import valid_on_day
from partnergraph.graph.neo4j_records import distinct_objects
from partnergraph.model import ACTOR_LABELS, Edge, Node, NodeLabel

if TYPE_CHECKING:
    from partnergraph.graph.neo4j import Neo4jStore

__all__ = ["carrier_groups"]

_E = "Entity"


_MEMBERS = (
    "CALL (c) { "
    f"MATCH (m:{_E})-[l:PARTICIPATES_IN]->(c) RETURN m, l, 0 AS rank UNION ALL "
    f"MATCH (c)-[l:SIGNED_BY]->(m:{_E}) RETURN m, l, 1 AS rank UNION ALL "
    f"MATCH (m:{_E})-[l:MEMBER_OF]->(c) WHERE c.label IN $bodies RETURN m, l, 2 AS rank }} "
    f"WITH c, m, l, rank WHERE m.label IN $actors AND {valid_on_day('m')} AND {valid_on_day('l')} "
    "WITH collect([c.uid, m.uid, elementId(l), rank]) AS rows, "
    "collect(DISTINCT c) AS cs, collect(DISTINCT m) AS ms, collect(DISTINCT l) AS ls "
    "RETURN rows, [n IN cs + ms | properties(n)] AS nodes, "
    "[r IN ls | {id: elementId(r), type: type(r), source: startNode(r).uid, "
    "target: endNode(r).uid, p: properties(r)}] AS rels"
)

#: Every carrier of the graph: anything at the carrier end of a link.
ALL_CARRIERS = (
    f"MATCH (c:{_E}) WHERE {valid_on_day('c')} AND (EXISTS {{ (c)<-[:PARTICIPATES_IN]-() }} "
    "OR EXISTS { (c)-[:SIGNED_BY]->() } "
    "OR (c.label IN $bodies AND EXISTS { (c)<-[:MEMBER_OF]-() })) "
    "RETURN c.uid AS uid ORDER BY uid"
)
#: The carriers of the given actors (an organisation is the carrier of its own group).
CARRIERS_OF = (
    f"UNWIND $uids AS uid MATCH (a:{_E} {{uid: uid}}) WHERE {valid_on_day('a')} CALL (a) {{ "
    f"MATCH (a)-[l:PARTICIPATES_IN]->(c:{_E}) WHERE {valid_on_day('l')} RETURN c UNION "
    f"MATCH (a)<-[l:SIGNED_BY]-(c:{_E}) WHERE {valid_on_day('l')} RETURN c UNION "
    f"MATCH (a)-[l:MEMBER_OF]->(c:{_E}) WHERE c.label IN $bodies AND {valid_on_day('l')} "
    "RETURN c UNION "
    f"WITH a WHERE a.label = '{NodeLabel.ORGANISATION.value}' RETURN a AS c }} "
    f"WITH DISTINCT c WHERE {valid_on_day('c')} RETURN c.uid AS uid ORDER BY uid"
)
#: The groups of a batch of carriers (named by ``CARRIERS_OF`` or ``ALL_CARRIERS``).
GROUPS = f"UNWIND $carriers AS carrier MATCH (c:{_E} {{uid: carrier}}) " + _MEMBERS
#: Carriers per statement: at synthetic full scale (33,000 carriers) batches of 5,000 read
#: all groups in 8 s where one statement took 15 s.
CARRIER_BATCH = 5_000

_ACTORS = sorted(label.value for label in ACTOR_LABELS)
_BODIES = sorted(label.value for label in BODY_LABELS)


def carrier_groups(
    store: Neo4jStore, actors: Iterable[str] | None, day: str | None
) -> dict[str, Group]:
    """:meth:`GraphStore.carrier_groups` on Neo4j (see the module docstring)."""
    params: dict[str, Any] = {"actors": _ACTORS, "bodies": _BODIES, "day": day}
    if actors is None:
        named = store._read(ALL_CARRIERS, **params)
    else:
        wanted = sorted(set(actors))
        if not wanted:
            return {}
        named = store._read(CARRIERS_OF, uids=wanted, **params)
    carriers = [record["uid"] for record in named]
    batches = [
        {"carriers": carriers[i : i + CARRIER_BATCH]}
        for i in range(0, len(carriers), CARRIER_BATCH)
    ]
    groups: dict[str, Group] = {}
    known: dict[str, Node] = {}  # one Node per actor, whichever batches it comes in
    for records in store._read_batches(GROUPS, batches, **params):
        groups.update(_groups(records[0], known))
    # Cypher orders uids by UTF-16 code unit, the contract by code point (see graph/neo4j.py)
    return dict(sorted(groups.items()))


def _groups(record: Any, known: dict[str, Node]) -> dict[str, Group]:
    """The groups of one batch's record (its carriers' links, nodes and relationships)."""
    nodes, rels = distinct_objects(record)
    links: dict[str, dict[str, tuple[int, Edge]]] = {}
    for carrier_uid, member, link, rank in cast(Sequence[Sequence[Any]], record["rows"]):
        edge = rels[link]
        kept = links.setdefault(carrier_uid, {}).get(member)
        if kept is None or (rank, edge.source, edge.target, edge.key) < (
            kept[0],
            kept[1].source,
            kept[1].target,
            kept[1].key,
        ):
            links[carrier_uid][member] = (rank, edge)
    groups: dict[str, Group] = {}
    for uid in sorted(links):
        carrier = known.setdefault(uid, nodes[uid])
        members: dict[str, tuple[Node, Edge | None]] = {
            member: (known.setdefault(member, nodes[member]), edge)
            for member, (_, edge) in links[uid].items()
        }
        if carrier.label == NodeLabel.ORGANISATION and members and uid not in members:
            members[uid] = (carrier, None)
        if len(members) > 1:
            groups[uid] = Group(carrier, dict(sorted(members.items())))
    return groups
