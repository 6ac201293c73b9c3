"""Carrier groups: who works with whom, the raw material of clusters and suggestions.

A *carrier* is something several actors share: a Project (its PARTICIPATES_IN actors), an
Agreement (its SIGNED_BY actors) or a membership body, Network or Organisation (its MEMBER_OF
actors; an Organisation with members belongs to its own group, so an association is tied to
each of its member gminy). A group lists the carrier's actors in uid order, each with the
first relationship that puts it there (by relationship type in the order above, then by
source, target and key; None for an organisation in its own group); only carriers with at
least two actors form a group. As of a day, only nodes and relationships valid on it count.

This module is the walk of the embedded store (over its live graph); Neo4j answers the same
operation in Cypher (``graph/neo4j_cooperation.py``), and the conformance suite holds both to
identical groups. The projection built from the groups is :mod:`partnergraph.queries.projection`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from partnergraph.graph.reader import GraphReader
from partnergraph.model import ACTOR_LABELS, Direction, Edge, Node, NodeLabel, RelType

__all__ = ["BODY_LABELS", "LINKS", "Group", "carriers_of", "groups_of"]

#: The relationships that put an actor in a carrier's group, in rank order, with the side of
#: the actor ("out": the actor is the relationship's source).
LINKS: tuple[tuple[RelType, Direction], ...] = (
    (RelType.PARTICIPATES_IN, "out"),
    (RelType.SIGNED_BY, "in"),
    (RelType.MEMBER_OF, "out"),
)
#: The carriers a MEMBER_OF relationship can make a group of.
BODY_LABELS = frozenset({NodeLabel.NETWORK, NodeLabel.ORGANISATION})


@dataclass(frozen=True, eq=False)
class Group:
    """A carrier and its actors, each with the relationship that puts it there (None for an
    organisation in its own membership group)."""

    carrier: Node
    members: dict[str, tuple[Node, Edge | None]]

    @property
    def weight(self) -> float:
        return 1.0 / (len(self.members) - 1) if len(self.members) > 1 else 0.0


def _reverse(direction: Direction) -> Direction:
    return "in" if direction == "out" else "out"


def carriers_of(walk: GraphReader, actors: Iterable[str]) -> set[str]:
    """The carriers any of ``actors`` is linked to (and an organisation itself: its own
    group), whether or not they form a group."""
    found: set[str] = set()
    for uid in actors:
        for rel_type, side in LINKS:
            for _, other in walk.adjacent(uid, (rel_type,), side):
                if rel_type != RelType.MEMBER_OF or other.label in BODY_LABELS:
                    found.add(other.uid)
        if walk.node(uid).label == NodeLabel.ORGANISATION:
            found.add(uid)
    return found


def groups_of(walk: GraphReader, carriers: Iterable[str]) -> dict[str, Group]:
    """The groups of these carriers (those with at least two actors), by carrier uid."""
    groups: dict[str, Group] = {}
    for uid in sorted(set(carriers)):
        carrier = walk.node(uid)
        members: dict[str, tuple[Node, Edge | None]] = {}
        for rel_type, side in LINKS:
            if rel_type == RelType.MEMBER_OF and carrier.label not in BODY_LABELS:
                continue
            links = walk.adjacent(uid, (rel_type,), _reverse(side))
            for edge, other in sorted(links, key=lambda n: (n[0].source, n[0].target, n[0].key)):
                if other.label in ACTOR_LABELS and other.uid not in members:
                    members[other.uid] = (other, edge)
        if carrier.label == NodeLabel.ORGANISATION and members and uid not in members:
            members[uid] = (carrier, None)
        if len(members) > 1:
            groups[uid] = Group(carrier, dict(sorted(members.items())))
    return groups
