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

This module is the walk of the embedded store and of the query layer's whole-graph reader:
the same code over any :class:`Reader`. Neo4j answers the same operation in one Cypher
statement (``graph/neo4j_chains.py``); the conformance suite holds both to identical lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from partnergraph.model import ACTOR_LABELS, Direction, Edge, Neighbour, Node, NodeLabel, RelType
from partnergraph.window import Window

__all__ = [
    "ACTOR_CHAINS",
    "KINDS",
    "PARTNER_LABELS",
    "PRINCIPAL_TYPES",
    "Chain",
    "Kind",
    "Reader",
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


class Reader(Protocol):
    """What a walk needs from a graph: a GraphStore, a snapshot or a whole-graph reader."""

    def neighbours(
        self,
        uid: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
    ) -> list[Neighbour]: ...


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


def _carried(
    reader: Reader, principal: Edge, source: Node
) -> list[tuple[Node, Kind, Node | None, Edge | None]]:
    """Partners behind one COVERS/ADDRESSES/FOCUSES_ON relationship."""
    found: list[tuple[Node, Kind, Node | None, Edge | None]] = []
    if principal.type == RelType.COVERS:
        for n in reader.neighbours(source.uid, types=[RelType.SIGNED_BY], direction="out"):
            if n.node.label in PARTNER_LABELS:
                found.append((n.node, "agreement", source, n.edge))
    elif principal.type == RelType.ADDRESSES:
        for n in reader.neighbours(source.uid, types=[RelType.PARTICIPATES_IN], direction="in"):
            if n.node.label in PARTNER_LABELS:
                found.append((n.node, "project", source, n.edge))
    elif source.label in PARTNER_LABELS:  # FOCUSES_ON: the body itself, then its members
        found.append((source, "declared", None, None))
        for n in reader.neighbours(source.uid, types=[RelType.MEMBER_OF], direction="in"):
            if n.node.label in PARTNER_LABELS:
                found.append((n.node, "network", source, n.edge))
    return found


def priority_chains(
    reader: Reader,
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
            for n in reader.neighbours(node.uid, types=[RelType.ALIGNS_WITH]):
                if n.node.uid not in excluded:
                    targets.setdefault(n.node.uid, []).append((n.node, node, n.edge))
    found: list[Chain] = []
    for uid in sorted(targets):
        for n in reader.neighbours(uid, types=PRINCIPAL_TYPES, direction="in"):
            carried = _carried(reader, n.edge, n.node)
            for priority, asked_node, alignment in targets[uid]:
                for partner, kind, carrier, link in carried:
                    chain = _chain(
                        window,
                        asked_node,
                        partner,
                        kind,
                        carrier,
                        link,
                        n.edge,
                        priority,
                        alignment,
                    )
                    if chain is not None:
                        found.append(chain)
    found.sort(key=lambda chain: chain.order)
    return found


def actor_chains(reader: Reader, actor: Node, window: Window) -> list[Chain]:
    """Every direct chain the window admits from one actor (or network) to any priority,
    each reported for the priority it ends at, in :attr:`Chain.order`."""
    found: list[Chain | None] = []
    uid = actor.uid
    for n in reader.neighbours(uid, types=[RelType.FOCUSES_ON], direction="out"):
        found.append(_chain(window, n.node, actor, "declared", None, None, n.edge, n.node, None))
    for kind, link_type, direction, principal_type in ACTOR_CHAINS:
        for link in reader.neighbours(uid, types=[link_type], direction=direction):
            carrier = link.node
            if kind == "network" and carrier.label not in PARTNER_LABELS:
                continue
            for n in reader.neighbours(carrier.uid, types=[principal_type], direction="out"):
                found.append(
                    _chain(window, n.node, actor, kind, carrier, link.edge, n.edge, n.node, None)
                )
    return sorted((chain for chain in found if chain is not None), key=lambda c: c.order)
