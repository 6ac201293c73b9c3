"""Chains of evidence: the store operation behind "who covers priority X" and its mirror.

Four kinds of chain end at a priority:

============  ===========================================================================
kind          chain
============  ===========================================================================
agreement     Agreement ─SIGNED_BY→ partner, Agreement ─COVERS→ priority
project       partner ─PARTICIPATES_IN→ Project ─ADDRESSES→ priority
network       partner ─MEMBER_OF→ Network/Organisation ─FOCUSES_ON→ priority
declared      partner ─FOCUSES_ON→ priority (a network's or an actor's declared theme)
============  ===========================================================================

A chain asked about through one ALIGNS_WITH step carries that alignment. Its period is the
intersection of the periods of the partner, the carrier, the link, the principal relationship,
the priority and the alignment; a store returns only chains whose period the window admits
(:meth:`partnergraph.window.Window.admits`), so parts that never overlapped are no evidence.

This module is the walk of the embedded store (and of a notebook's whole-graph reader):
the same code over a :class:`~partnergraph.graph.reader.GraphReader` (its unordered
``adjacent``). Neo4j answers the same operation in one Cypher
statement (``graph/neo4j_chains.py``); the conformance suite holds both to identical lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from partnergraph.graph.reader import GraphReader
from partnergraph.model import ACTOR_LABELS, Direction, Edge, Node, NodeLabel, RelType
from partnergraph.window import Window

__all__ = [
    "ACTOR_CHAINS",
    "KINDS",
    "PARTNER_LABELS",
    "PRINCIPAL_TYPES",
    "Chain",
    "Kind",
    "actor_chains",
    "chain_period",
    "priority_chains",
]

Kind = Literal["agreement", "project", "network", "declared"]
KINDS: tuple[Kind, ...] = ("agreement", "project", "network", "declared")
#: Who can be a partner: actors, and networks (which sign, take part and declare themes).
PARTNER_LABELS = ACTOR_LABELS | {NodeLabel.NETWORK}
PRINCIPAL_TYPES = (RelType.ADDRESSES, RelType.COVERS, RelType.FOCUSES_ON)
#: The chains from an actor: (kind, its link to the carrier, direction, the carrier's
#: relationship to the priority).
ACTOR_CHAINS: tuple[tuple[Kind, RelType, Direction, RelType], ...] = (
    ("agreement", RelType.SIGNED_BY, "in", RelType.COVERS),
    ("project", RelType.PARTICIPATES_IN, "out", RelType.ADDRESSES),
    ("network", RelType.MEMBER_OF, "out", RelType.FOCUSES_ON),
)


@dataclass(frozen=True, eq=False)
class Chain:
    """One chain from ``partner`` to ``priority``, asked about as ``asked`` (the priority
    itself, or one ALIGNS_WITH step away through ``alignment``); ``start``/``end`` is its
    period (ISO dates, None open)."""

    asked: Node
    partner: Node
    kind: Kind
    carrier: Node | None
    link: Edge | None
    principal: Edge
    priority: Node
    alignment: Edge | None
    start: str | None
    end: str | None

    @property
    def order(self) -> tuple[str, str, str, str, str, str, str, str]:
        """The order both stores return chains in: by asked priority, then partner, kind,
        carrier, link, principal relationship, priority and alignment."""
        return (
            self.asked.uid,
            self.partner.uid,
            self.kind,
            self.carrier.uid if self.carrier else "",
            self.link.id if self.link else "",
            self.principal.id,
            self.priority.uid,
            self.alignment.id if self.alignment else "",
        )


def chain_period(parts: Iterable[Node | Edge | None]) -> tuple[str | None, str | None]:
    """The common part of the periods of ``parts`` (may be empty: start after end)."""
    start: str | None = None
    end: str | None = None
    for part in parts:
        if part is None:
            continue
        lo, hi = part.valid_from, part.valid_to
        if lo is not None and (start is None or lo > start):
            start = lo
        if hi is not None and (end is None or hi < end):
            end = hi
    return start, end


def _chain(
    window: Window,
    asked: Node,
    partner: Node,
    kind: Kind,
    carrier: Node | None,
    link: Edge | None,
    principal: Edge,
    priority: Node,
    alignment: Edge | None,
) -> Chain | None:
    start, end = chain_period((partner, principal, priority, link, alignment, carrier))
    if not window.admits(start, end):
        return None
    return Chain(asked, partner, kind, carrier, link, principal, priority, alignment, start, end)


_SIGNED = frozenset({RelType.SIGNED_BY})
_TAKES_PART = frozenset({RelType.PARTICIPATES_IN})
_MEMBER = frozenset({RelType.MEMBER_OF})
_ALIGNS = frozenset({RelType.ALIGNS_WITH})
_FOCUS = frozenset({RelType.FOCUSES_ON})
_PRINCIPALS = frozenset(PRINCIPAL_TYPES)


def _carried(
    reader: GraphReader, principal: Edge, source: Node
) -> list[tuple[Node, Kind, Node | None, Edge | None]]:
    """Partners behind one COVERS/ADDRESSES/FOCUSES_ON relationship."""
    found: list[tuple[Node, Kind, Node | None, Edge | None]] = []
    if principal.type == RelType.COVERS:
        for edge, other in reader.adjacent(source.uid, _SIGNED, "out"):
            if other.label in PARTNER_LABELS:
                found.append((other, "agreement", source, edge))
    elif principal.type == RelType.ADDRESSES:
        for edge, other in reader.adjacent(source.uid, _TAKES_PART, "in"):
            if other.label in PARTNER_LABELS:
                found.append((other, "project", source, edge))
    elif source.label in PARTNER_LABELS:  # FOCUSES_ON: the body itself, then its members
        found.append((source, "declared", None, None))
        for edge, other in reader.adjacent(source.uid, _MEMBER, "in"):
            if other.label in PARTNER_LABELS:
                found.append((other, "network", source, edge))
    return found


def priority_chains(
    reader: GraphReader,
    asked: Sequence[Node],
    window: Window,
    *,
    aligned: bool = True,
    together: bool = True,
) -> list[Chain]:
    """Every chain the window admits for the asked priorities, in :attr:`Chain.order`.

    ``together``: the priorities are one question, so a priority aligned with one of them
    that is itself asked counts directly, not through the alignment; otherwise each is asked
    on its own. Every chain is listed, also several reaching one partner through one carrier
    (the query layer decides which of them counts).
    """
    asked_uids = {node.uid for node in asked}
    targets: dict[str, list[tuple[Node, Node, Edge | None]]] = {}
    ordered = sorted(asked, key=lambda node: node.uid)
    for node in ordered:
        targets.setdefault(node.uid, []).append((node, node, None))
    if aligned:
        for node in ordered:
            excluded = asked_uids if together else {node.uid}
            for edge, other in reader.adjacent(node.uid, _ALIGNS, "both"):
                if other.uid not in excluded:
                    targets.setdefault(other.uid, []).append((other, node, edge))
    found: list[Chain] = []
    for uid in sorted(targets):
        for principal, source in reader.adjacent(uid, _PRINCIPALS, "in"):
            carried = _carried(reader, principal, source)
            for priority, asked_node, alignment in targets[uid]:
                for partner, kind, carrier, link in carried:
                    chain = _chain(
                        window,
                        asked_node,
                        partner,
                        kind,
                        carrier,
                        link,
                        principal,
                        priority,
                        alignment,
                    )
                    if chain is not None:
                        found.append(chain)
    found.sort(key=lambda chain: chain.order)
    return found


#: :data:`ACTOR_CHAINS` with each relationship type as the set ``adjacent`` takes.
_ACTOR_WALK = tuple(
    (kind, frozenset({link}), direction, frozenset({principal}))
    for kind, link, direction, principal in ACTOR_CHAINS
)


def actor_chains(reader: GraphReader, actor: Node, window: Window) -> list[Chain]:
    """Every direct chain the window admits from one actor (or network) to any priority,
    each reported for the priority it ends at, in no particular order (callers sort: the
    store by :attr:`Chain.order` over all the actors asked, the query layer by its own)."""
    found: list[Chain | None] = []
    uid = actor.uid
    for edge, theme in reader.adjacent(uid, _FOCUS, "out"):
        found.append(_chain(window, theme, actor, "declared", None, None, edge, theme, None))
    for kind, links, direction, principals in _ACTOR_WALK:
        for link, carrier in reader.adjacent(uid, links, direction):
            if kind == "network" and carrier.label not in PARTNER_LABELS:
                continue
            for edge, theme in reader.adjacent(carrier.uid, principals, "out"):
                found.append(_chain(window, theme, actor, kind, carrier, link, edge, theme, None))
    return [chain for chain in found if chain is not None]
