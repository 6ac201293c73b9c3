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

Everything starts from the store's carrier groups (``GraphStore.carrier_groups``, see
:mod:`partnergraph.graph.cooperation`): the projection as arrays (:func:`project`, for
clusters) and the index of who is in which group (:class:`CarrierIndex`): of every group for
clusters (cached per data version), or of the groups around one actor for suggestions
(:func:`local_index`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

from partnergraph.graph.cooperation import Group
from partnergraph.graph.store import GraphStore
from partnergraph.queries import _cache, _igraph

__all__ = [
    "CarrierIndex",
    "Group",
    "Projection",
    "build_projection",
    "carrier_index",
    "local_index",
    "project",
]


@dataclass(frozen=True, eq=False)
class CarrierIndex:
    """Every carrier group of the graph (``GraphStore.carrier_groups``) and, for each actor, the
    carriers it is in (uids, sorted): the projection around any actor without a walk."""

    groups: Mapping[str, Group]
    carriers_of: Mapping[str, list[str]]

    @classmethod
    def of(cls, groups: Mapping[str, Group]) -> CarrierIndex:
        carriers_of: dict[str, list[str]] = {}
        for uid in sorted(groups):
            for member in groups[uid].members:
                carriers_of.setdefault(member, []).append(uid)
        return cls(groups, carriers_of)

    def ties(self, actor: str) -> dict[str, list[Group]]:
        """The actor's neighbours in the projection, each with the groups they share (by
        uid; groups in carrier uid order)."""
        shared: dict[str, list[Group]] = {}
        for carrier in self.carriers_of.get(actor, ()):
            group = self.groups[carrier]
            for uid in group.members:
                if uid != actor:
                    shared.setdefault(uid, []).append(group)
        return dict(sorted(shared.items()))

    def neighbours(self, actor: str) -> set[str]:
        """The actor's neighbours in the projection."""
        found = {
            uid
            for carrier in self.carriers_of.get(actor, ())
            for uid in self.groups[carrier].members
        }
        found.discard(actor)
        return found

    def first_shared(self, actor: str, other: str) -> Group:
        """The first group (by carrier uid) the two share; they must be neighbours."""
        theirs = set(self.carriers_of.get(other, ()))
        return next(
            self.groups[carrier] for carrier in self.carriers_of[actor] if carrier in theirs
        )


def carrier_index(store: GraphStore) -> CarrierIndex:
    """The :class:`CarrierIndex` of every group of the store's content (``carrier_groups``:
    one Cypher statement on Neo4j), cached per data version; what clusters are made of."""
    return _cache.memo(store, ("carrier-index",), lambda: CarrierIndex.of(store.carrier_groups()))


def local_index(store: GraphStore, actor: str) -> CarrierIndex:
    """The :class:`CarrierIndex` of the groups around one actor and around each of its
    neighbours in the projection (two ``carrier_groups`` calls): enough for every question
    about the actor's ties and its partners' partners, without the whole projection."""
    mine = store.carrier_groups([actor])
    neighbours = {uid for group in mine.values() for uid in group.members} - {actor}
    theirs = store.carrier_groups(sorted(neighbours)) if neighbours else {}
    return CarrierIndex.of(dict(sorted((mine | theirs).items())))


@dataclass(frozen=True, eq=False)
class Projection:
    """The weighted projection as arrays: actors sorted by uid, and one tie per pair
    ``first[i] < second[i]`` (indices into ``actors``), ties sorted by (first, second).

    At keep.eu scale (~65k actors, ~1.2M ties) a networkx graph of the projection took longer
    to build than the communities took to find; arrays feed igraph directly and numpy for
    sums. :meth:`to_networkx` gives the same graph as networkx for small projections and for
    researchers.
    """

    actors: list[str]
    first: npt.NDArray[np.int64]
    second: npt.NDArray[np.int64]
    weight: npt.NDArray[np.float64]
    groups: Mapping[str, Group]

    @property
    def n_actors(self) -> int:
        return len(self.actors)

    @property
    def n_ties(self) -> int:
        return int(self.first.size)

    def carriers(self) -> dict[tuple[str, str], list[str]]:
        """The carriers (uids, sorted) behind each tie, by the pair of actor uids."""
        found: dict[tuple[str, str], list[str]] = {}
        for uid in sorted(self.groups):
            for pair in itertools.combinations(self.groups[uid].members, 2):
                found.setdefault(pair, []).append(uid)
        return found

    def to_networkx(self) -> nx.Graph:
        """The projection as a networkx graph, nodes and edges inserted in uid order (so
        algorithms that depend on insertion order, Louvain with a seed, give the same result
        on every backend). Edge attributes: ``weight`` (sum of 1/(n−1)) and ``carriers``."""
        carriers = self.carriers()
        graph = nx.Graph()
        graph.add_nodes_from(self.actors)
        names = self.actors
        ties = zip(self.first.tolist(), self.second.tolist(), self.weight.tolist(), strict=True)
        for a, b, w in ties:
            pair = (names[a], names[b])
            graph.add_edge(*pair, weight=w, carriers=carriers[pair])
        return graph

    def to_igraph(self, *, weighted: bool = True) -> Any:
        """An undirected igraph graph with the same vertex order (vertex i is ``actors[i]``).
        Needs the optional python-igraph (``partnergraph[igraph]``): ImportError without it."""
        return _igraph.from_arrays(
            self.n_actors, self.first, self.second, self.weight if weighted else None
        )


def project(groups: Mapping[str, Group]) -> Projection:
    """The projection of ``groups`` (as from ``GraphStore.carrier_groups``).

    A pair's weight sums its carriers' ``1/(n−1)`` in carrier uid order, the order a plain
    loop over the sorted groups would add them in, so the floats match to the last bit.
    """
    actors = sorted({uid for group in groups.values() for uid in group.members})
    index = {uid: i for i, uid in enumerate(actors)}
    pairs_of_size: dict[int, tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = {}
    firsts: list[npt.NDArray[np.int64]] = []
    seconds: list[npt.NDArray[np.int64]] = []
    weights: list[npt.NDArray[np.float64]] = []
    for uid in sorted(groups):
        group = groups[uid]
        size = len(group.members)
        if size not in pairs_of_size:
            pairs_of_size[size] = np.triu_indices(size, 1)
        left, right = pairs_of_size[size]
        # members are sorted by uid, so their indices ascend and every pair has first < second
        members = np.fromiter((index[m] for m in group.members), dtype=np.int64, count=size)
        firsts.append(members[left])
        seconds.append(members[right])
        weights.append(np.full(left.size, group.weight))
    empty_i: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
    if not firsts:
        return Projection(actors, empty_i, empty_i, np.zeros(0, dtype=np.float64), groups)
    first = np.concatenate(firsts)
    keys = first * len(actors) + np.concatenate(seconds)
    unique, inverse = np.unique(keys, return_inverse=True)
    summed = np.bincount(inverse, weights=np.concatenate(weights), minlength=unique.size)
    return Projection(
        actors,
        (unique // len(actors)).astype(np.int64),
        (unique % len(actors)).astype(np.int64),
        summed.astype(np.float64),
        groups,
    )


def build_projection(groups: Mapping[str, Group]) -> nx.Graph:
    """The weighted projection as a networkx graph (see :meth:`Projection.to_networkx`)."""
    return project(groups).to_networkx()
