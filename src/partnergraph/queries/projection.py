"""The actor co-operation projection: actors linked by what they do together.

A *carrier* is something several actors share: a Project (its PARTICIPATES_IN actors), an
Agreement (its SIGNED_BY actors) or a membership body, Network or Organisation (its MEMBER_OF
actors; an Organisation with members belongs to its own group, so an association is tied to
each of its member gminy). Two actors are tied when they share a carrier; each carrier of
``n`` actors adds ``1 / (n − 1)`` to the weight of each of its pairs (Newman's collaboration
weighting: a two-partner project is a strong tie, a 40-member network a weak one).

Only actors (regions, counties, gminy, organisations) are nodes of the projection; networks
are carriers. Twinning (TWINNED_WITH) is a direct relationship between two towns, not a shared
carrier, and is not part of the projection. Actors without any tie are left out of it.

The projection is built two ways that must agree: whole, from ``to_networkx()``
(:func:`carrier_groups` + :func:`build_projection`, for clusters), and around one actor
with the store's ``neighbours()`` (:func:`ties`, for suggestions).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from partnergraph.model import ACTOR_LABELS, Direction, Edge, Node, NodeLabel, RelType
from partnergraph.queries.evidence import GraphReader, Reader

__all__ = ["Group", "build_projection", "carrier_groups", "group_members", "ties"]


@dataclass(frozen=True, eq=False)
class Group:
    """A carrier and its actors, each with the relationship that puts it there (None for an
    organisation in its own membership group)."""

    carrier: Node
    members: dict[str, tuple[Node, Edge | None]]

    @property
    def weight(self) -> float:
        return 1.0 / (len(self.members) - 1) if len(self.members) > 1 else 0.0


def _first(members: dict[str, tuple[Node, Edge | None]], node: Node, edge: Edge | None) -> None:
    if node.label in ACTOR_LABELS and node.uid not in members:
        members[node.uid] = (node, edge)


def group_members(reader: Reader, carrier: Node) -> dict[str, tuple[Node, Edge | None]]:
    """The actors of one carrier, by uid (first relationship by key when there are several)."""
    members: dict[str, tuple[Node, Edge | None]] = {}
    if carrier.label == NodeLabel.PROJECT:
        found = reader.neighbours(carrier.uid, types=[RelType.PARTICIPATES_IN], direction="in")
    elif carrier.label == NodeLabel.AGREEMENT:
        found = reader.neighbours(carrier.uid, types=[RelType.SIGNED_BY], direction="out")
    elif carrier.label in (NodeLabel.NETWORK, NodeLabel.ORGANISATION):
        found = reader.neighbours(carrier.uid, types=[RelType.MEMBER_OF], direction="in")
    else:
        return members
    for n in found:
        _first(members, n.node, n.edge)
    if carrier.label == NodeLabel.ORGANISATION and members:
        _first(members, carrier, None)
    return dict(sorted(members.items()))


def _carriers(reader: Reader, actor: Node) -> dict[str, Node]:
    found: dict[str, Node] = {}
    links: list[tuple[RelType, Direction]] = [
        (RelType.PARTICIPATES_IN, "out"),
        (RelType.SIGNED_BY, "in"),
        (RelType.MEMBER_OF, "out"),
    ]
    for rel_type, direction in links:
        for n in reader.neighbours(actor.uid, types=[rel_type], direction=direction):
            found.setdefault(n.node.uid, n.node)
    if actor.label == NodeLabel.ORGANISATION and any(
        n.node.label in ACTOR_LABELS
        for n in reader.neighbours(actor.uid, types=[RelType.MEMBER_OF], direction="in")
    ):
        found.setdefault(actor.uid, actor)
    return dict(sorted(found.items()))


def ties(reader: Reader, actor: Node) -> dict[str, list[Group]]:
    """The actor's neighbours in the projection, each with the groups they share (by uid)."""
    if actor.label not in ACTOR_LABELS:
        return {}
    shared: dict[str, list[Group]] = {}
    for carrier in _carriers(reader, actor).values():
        group = Group(carrier, group_members(reader, carrier))
        if actor.uid not in group.members:
            continue
        for uid in group.members:
            if uid != actor.uid:
                shared.setdefault(uid, []).append(group)
    return dict(sorted(shared.items()))


def carrier_groups(reader: GraphReader) -> dict[str, Group]:
    """Every carrier with at least two actors, from the whole graph, by carrier uid."""
    members: dict[str, dict[str, tuple[Node, Edge | None]]] = {}
    carriers: dict[str, Node] = {}
    for rel_type, actor_end in (
        (RelType.PARTICIPATES_IN, "source"),
        (RelType.SIGNED_BY, "target"),
        (RelType.MEMBER_OF, "source"),
    ):
        for edge in reader.edges(rel_type):
            actor_uid, carrier_uid = (
                (edge.source, edge.target) if actor_end == "source" else (edge.target, edge.source)
            )
            carrier = reader.node(carrier_uid)
            if rel_type == RelType.MEMBER_OF and carrier.label not in (
                NodeLabel.NETWORK,
                NodeLabel.ORGANISATION,
            ):
                continue
            carriers[carrier_uid] = carrier
            _first(members.setdefault(carrier_uid, {}), reader.node(actor_uid), edge)
    groups: dict[str, Group] = {}
    for uid in sorted(members):
        carrier = carriers[uid]
        found = members[uid]
        if carrier.label == NodeLabel.ORGANISATION and found:
            _first(found, carrier, None)
        if len(found) > 1:
            groups[uid] = Group(carrier, dict(sorted(found.items())))
    return groups


def build_projection(groups: Mapping[str, Group]) -> nx.Graph:
    """The weighted projection; nodes and edges inserted in uid order, so algorithms that
    depend on insertion order (Louvain with a seed) give the same result on every backend.

    Edge attributes: ``weight`` (sum of 1/(n−1)) and ``carriers`` (uids, sorted).
    """
    weights: dict[tuple[str, str], float] = {}
    carriers: dict[tuple[str, str], list[str]] = {}
    for uid in sorted(groups):
        group = groups[uid]
        for a, b in itertools.combinations(sorted(group.members), 2):
            weights[(a, b)] = weights.get((a, b), 0.0) + group.weight
            carriers.setdefault((a, b), []).append(uid)
    graph = nx.Graph()
    graph.add_nodes_from(sorted({uid for pair in weights for uid in pair}))
    for pair in sorted(weights):
        graph.add_edge(*pair, weight=weights[pair], carriers=carriers[pair])
    return graph
