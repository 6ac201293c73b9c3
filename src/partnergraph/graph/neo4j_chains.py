"""Chains of evidence in the database: :mod:`partnergraph.graph.chains` as Cypher.

One parameterised statement per question walks every chain kind from the asked priorities
(through one ALIGNS_WITH step when asked) or from one actor, works out each chain's period as
the intersection of its parts' ``valid_from``/``valid_to`` and keeps those the window admits —
the same rule as :meth:`partnergraph.window.Window.admits`, so nothing outside the window
leaves the server. Rows come back as lists of references (uids, relationship element ids) with every
distinct node and relationship sent once: a well-covered priority has thousands of chains
through a few hundred carriers, and the carrier's properties would otherwise travel with each.
Every priority of the graph at once (the gap questions) is asked in batches of priorities, so
no single record grows with the graph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from partnergraph.graph.chains import PARTNER_LABELS, Chain, Kind
from partnergraph.graph.neo4j_records import distinct_objects
from partnergraph.model import Edge, Node, NodeLabel
from partnergraph.window import Window

if TYPE_CHECKING:
    from partnergraph.graph.neo4j import Neo4jStore

__all__ = [
    "ACTOR_BATCH",
    "ADMITS",
    "ASKED_AND_ALIGNED",
    "CHAINS_TO_T",
    "PARTNERS",
    "PERIOD",
    "PRIORITY_BATCH",
    "PRIORITY_UIDS",
    "REL_MAP",
    "actor_chains",
    "admitted",
    "chains_of",
    "priority_chains",
    "priority_tally",
    "window_params",
]

#: Priorities per statement when every priority is asked on its own.
PRIORITY_BATCH = 200
#: Actors per statement (clusters ask for every actor of the co-operation projection).
ACTOR_BATCH = 5_000

_E = "Entity"

PERIOD = (
    "reduce(lo = null, e IN [x, c, l, pr, t, al] | CASE WHEN e IS NULL OR e.valid_from IS NULL "
    "OR (lo IS NOT NULL AND e.valid_from <= lo) THEN lo ELSE e.valid_from END) AS lo, "
    "reduce(hi = null, e IN [x, c, l, pr, t, al] | CASE WHEN e IS NULL OR e.valid_to IS NULL "
    "OR (hi IS NOT NULL AND e.valid_to >= hi) THEN hi ELSE e.valid_to END) AS hi"
)
#: ``Window.admits`` on the chain's period.
ADMITS = (
    "(lo IS NULL OR hi IS NULL OR lo <= hi) "
    "AND ($day IS NULL OR ((lo IS NULL OR lo <= $day) AND (hi IS NULL OR $day <= hi))) "
    "AND ($start IS NULL OR hi IS NULL OR $start <= hi) "
    "AND ($end IS NULL OR lo IS NULL OR lo <= $end)"
)


def admitted(*parts: str | tuple[str, str]) -> str:
    """``Window.admits`` on the intersection of the periods of ``parts`` (variables that are
    never null, or (start, end) expressions), without working the intersection out: every
    start is on or before every end, and each part holds on ``$day`` / reaches into
    ``$start``–``$end``. The same truth as ``PERIOD`` and ``ADMITS``, with no list built per
    row (a few times faster over the hundred thousand partner rows of a busy region's
    projects)."""
    spans = [
        (f"{part}.valid_from", f"{part}.valid_to") if isinstance(part, str) else part
        for part in parts
    ]
    ordered = [
        f"({lo} IS NULL OR {hi} IS NULL OR {lo} <= {hi})" for lo, _ in spans for _, hi in spans
    ]
    day = " AND ".join(
        f"({lo} IS NULL OR {lo} <= $day) AND ({hi} IS NULL OR $day <= {hi})" for lo, hi in spans
    )
    start = " AND ".join(f"({hi} IS NULL OR $start <= {hi})" for _, hi in spans)
    end = " AND ".join(f"({lo} IS NULL OR {lo} <= $end)" for lo, _ in spans)
    return (
        " AND ".join(ordered) + f" AND ($day IS NULL OR ({day})) AND ($start IS NULL OR ({start})) "
        f"AND ($end IS NULL OR ({end}))"
    )


REL_MAP = (
    "{id: elementId(r), type: type(r), source: startNode(r).uid, target: endNode(r).uid, "
    "p: properties(r)}"
)
#: The common tail: period, window, and the answer as references plus distinct objects.
_TAIL = (
    f"WITH a, kind, x, c, l, pr, t, al, {PERIOD} WHERE {ADMITS} "
    "AND ($within IS NULL OR x.uid IN $within) "
    "WITH collect([a.uid, kind, x.uid, c.uid, elementId(l), elementId(pr), t.uid, "
    "elementId(al), lo, hi]) AS rows, "
    "collect(DISTINCT a) + collect(DISTINCT x) + collect(DISTINCT c) + collect(DISTINCT t) "
    "AS nodes, collect(DISTINCT l) + collect(DISTINCT pr) + collect(DISTINCT al) AS rels "
    f"RETURN rows, [n IN nodes | properties(n)] AS nodes, [r IN rels | {REL_MAP}] AS rels"
)

#: Every chain kind ending at priority ``t``: rows of (kind, x, c, l, pr).
CHAINS_TO_T = (
    "CALL (t) { "
    f"MATCH (t)<-[pr:COVERS]-(c:{_E})-[l:SIGNED_BY]->(x:{_E}) WHERE x.label IN $partners "
    "RETURN 'agreement' AS kind, x, c, l, pr UNION ALL "
    f"MATCH (t)<-[pr:ADDRESSES]-(c:{_E})<-[l:PARTICIPATES_IN]-(x:{_E}) "
    "WHERE x.label IN $partners RETURN 'project' AS kind, x, c, l, pr UNION ALL "
    f"MATCH (t)<-[pr:FOCUSES_ON]-(x:{_E}) WHERE x.label IN $partners "
    "RETURN 'declared' AS kind, x, null AS c, null AS l, pr UNION ALL "
    f"MATCH (t)<-[pr:FOCUSES_ON]-(c:{_E})<-[l:MEMBER_OF]-(x:{_E}) "
    "WHERE c.label IN $partners AND x.label IN $partners "
    "RETURN 'network' AS kind, x, c, l, pr } "
)

#: The asked priorities ``a`` and the priorities ``t`` their chains may end at: ``a`` itself,
#: and with ``$aligned`` each priority one ALIGNS_WITH step away (``al``) that is not asked
#: itself (``$together``: one question) or is not ``a`` (each priority asked on its own).
ASKED_AND_ALIGNED = (
    f"UNWIND $asked AS asked_uid MATCH (a:{_E} {{uid: asked_uid}}) "
    "CALL (a) { RETURN a AS t, null AS al UNION ALL "
    f"MATCH (a)-[al:ALIGNS_WITH]-(t:{_E}) WHERE $aligned "
    "AND NOT t.uid IN CASE WHEN $together THEN $asked ELSE [a.uid] END RETURN t, al } "
)

PRIORITY_CHAINS = ASKED_AND_ALIGNED + CHAINS_TO_T + _TAIL

#: The chains of a few partners (``$within``) to the asked priorities: walked from the
#: partners, whose carriers are few, rather than from a priority with thousands of chains.
PARTNER_CHAINS = (
    ASKED_AND_ALIGNED
    + f"UNWIND $within AS uid MATCH (x:{_E} {{uid: uid}}) WHERE x.label IN $partners "
    "CALL (x, t) { "
    f"MATCH (x)<-[l:SIGNED_BY]-(c:{_E})-[pr:COVERS]->(t) "
    "RETURN 'agreement' AS kind, c, l, pr UNION ALL "
    f"MATCH (x)-[l:PARTICIPATES_IN]->(c:{_E})-[pr:ADDRESSES]->(t) "
    "RETURN 'project' AS kind, c, l, pr UNION ALL "
    "MATCH (x)-[pr:FOCUSES_ON]->(t) RETURN 'declared' AS kind, null AS c, null AS l, pr "
    f"UNION ALL MATCH (x)-[l:MEMBER_OF]->(c:{_E})-[pr:FOCUSES_ON]->(t) "
    "WHERE c.label IN $partners RETURN 'network' AS kind, c, l, pr } " + _TAIL
)

#: The direct chains from an actor ``x``: (kind, pattern, condition, the parts whose periods
#: make the chain's), in the order of ``graph/chains.actor_chains``.
_FROM_ACTOR: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("declared", f"(x)-[pr:FOCUSES_ON]->(t:{_E})", "true", ("x", "pr", "t")),
    (
        "agreement",
        f"(x)<-[l:SIGNED_BY]-(c:{_E})-[pr:COVERS]->(t:{_E})",
        "true",
        ("x", "l", "c", "pr", "t"),
    ),
    (
        "project",
        f"(x)-[l:PARTICIPATES_IN]->(c:{_E})-[pr:ADDRESSES]->(t:{_E})",
        "true",
        ("x", "l", "c", "pr", "t"),
    ),
    (
        "network",
        f"(x)-[l:MEMBER_OF]->(c:{_E})-[pr:FOCUSES_ON]->(t:{_E})",
        "c.label IN $partners",
        ("x", "l", "c", "pr", "t"),
    ),
)

ACTOR_CHAINS = (
    f"UNWIND $uids AS uid MATCH (x:{_E} {{uid: uid}}) CALL (x) {{ "
    + " UNION ALL ".join(
        f"MATCH {pattern} WHERE {condition} AND ($ends IS NULL OR t.uid IN $ends) "
        f"RETURN '{kind}' AS kind, "
        + ("c, l" if "c" in parts else "null AS c, null AS l")
        + ", pr, t"
        for kind, pattern, condition, parts in _FROM_ACTOR
    )
    + " } WITH t AS a, kind, x, c, l, pr, t, null AS al "
    + _TAIL
)

#: ``GraphStore.priority_tally``: the chains of :data:`ACTOR_CHAINS` counted per group
#: (``$groups``, lists of uids) and priority in the database; only the counts come back.
PRIORITY_TALLY = (
    "UNWIND range(0, size($groups) - 1) AS i "
    f"UNWIND $groups[i] AS uid MATCH (x:{_E} {{uid: uid}}) CALL (x) {{ "
    + " UNION ALL ".join(
        f"MATCH {pattern} WHERE {condition} AND {admitted(*parts)} RETURN t"
        for _, pattern, condition, parts in _FROM_ACTOR
    )
    + " } RETURN i, t.uid AS priority, count(*) AS chains"
)

PRIORITY_UIDS = f"MATCH (p:{NodeLabel.PRIORITY.value}:{_E}) RETURN p.uid AS uid ORDER BY uid"

PARTNERS = sorted(label.value for label in PARTNER_LABELS)


def window_params(window: Window) -> dict[str, str | None]:
    day, start, end = window.key
    return {"day": day, "start": start, "end": end}


def _chains(
    store: Neo4jStore, query: str, batches: Sequence[dict[str, Any]], **params: Any
) -> list[Chain]:
    """The chains of ``query`` over every batch of parameters, side by side on the server
    (``Neo4jStore._read_batches``), sorted by :attr:`Chain.order`."""
    params.setdefault("within", None)
    found = [
        chain
        for records in store._read_batches(query, batches, partners=PARTNERS, **params)
        for record in records[:1]
        for chain in chains_of(record)
    ]
    found.sort(key=lambda chain: chain.order)
    return found


def chains_of(record: Mapping[str, Any]) -> list[Chain]:
    """The chains of a record of references (``rows``, with ``nodes`` and ``rels`` carrying
    each object once), sorted by :attr:`Chain.order`."""
    nodes, rels = distinct_objects(record)

    def rel(ref: str | None) -> Edge | None:
        return None if ref is None else rels[ref]

    def node(ref: str | None) -> Node | None:
        return None if ref is None else nodes[ref]

    # rows are lists, not maps: the driver decodes a list of ten values much faster
    found = [
        Chain(
            nodes[asked],
            nodes[partner],
            cast(Kind, kind),
            node(carrier),
            rel(link),
            rels[principal],
            nodes[priority],
            rel(alignment),
            lo,
            hi,
        )
        for asked, kind, partner, carrier, link, principal, priority, alignment, lo, hi in cast(
            Sequence[Sequence[Any]], record["rows"]
        )
    ]
    found.sort(key=lambda chain: chain.order)
    return found


def priority_chains(
    store: Neo4jStore,
    priorities: Sequence[str] | None,
    window: Window,
    *,
    aligned: bool,
    partners: Collection[str] | None = None,
) -> list[Chain]:
    """:meth:`GraphStore.evidence_chains` on Neo4j (see the module docstring)."""
    bounds = window_params(window)
    within = None if partners is None else sorted(set(partners))
    if priorities is not None:
        return _chains(
            store,
            PRIORITY_CHAINS if within is None else PARTNER_CHAINS,
            [{"asked": sorted(set(priorities))}],
            aligned=aligned,
            together=True,
            within=within,
            **bounds,
        )
    every = [record["uid"] for record in store._read(PRIORITY_UIDS)]
    batches = [
        {"asked": every[i : i + PRIORITY_BATCH]} for i in range(0, len(every), PRIORITY_BATCH)
    ]
    return _chains(
        store,
        PRIORITY_CHAINS,
        batches,
        aligned=aligned,
        together=False,
        within=within,
        **bounds,
    )


def actor_chains(
    store: Neo4jStore,
    actors: Sequence[str],
    window: Window,
    priorities: Collection[str] | None = None,
) -> list[Chain]:
    """:meth:`GraphStore.actor_chains` on Neo4j: one statement per :data:`ACTOR_BATCH`
    actors; with ``priorities`` only the chains ending there leave the server."""
    wanted = sorted(set(actors))
    ends = None if priorities is None else sorted(set(priorities))
    bounds = window_params(window)
    batches = [{"uids": wanted[i : i + ACTOR_BATCH]} for i in range(0, len(wanted), ACTOR_BATCH)]
    return _chains(store, ACTOR_CHAINS, batches, ends=ends, **bounds)


def priority_tally(
    store: Neo4jStore, groups: Sequence[Collection[str]], window: Window
) -> list[Counter[str]]:
    """:meth:`GraphStore.priority_tally` on Neo4j: one statement, counts only."""
    tallies: list[Counter[str]] = [Counter() for _ in groups]
    if not any(groups):
        return tallies
    asked = [sorted(set(group)) for group in groups]
    for record in store._read(
        PRIORITY_TALLY, groups=asked, partners=PARTNERS, **window_params(window)
    ):
        tallies[record["i"]][record["priority"]] = record["chains"]
    return tallies
