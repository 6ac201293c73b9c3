"""The memory store's path search at scale (Yen's with a first-by-uids spur search) returns
exactly the contract's answer: the k first simple paths by (hops, uid sequence), ≤ max_hops,
over qualifying edges and nodes — checked against brute force on seeded random multigraphs
with parallel edges, self-loops, dates and type filters."""

from __future__ import annotations

import datetime as dt
import random

import networkx as nx
import pytest

from partnergraph.graph.memory import MemoryStore
from partnergraph.model import RelType
from tests.conformance.builders import edge, node

TYPES = [RelType.MEMBER_OF, RelType.PART_OF, RelType.TWINNED_WITH]
DAYS = [None, "2000-01-01", "2010-06-30", "2020-12-31"]
ATS = [None, dt.date(2005, 1, 1), dt.date(2015, 1, 1)]


def brute_force(
    store: MemoryStore,
    source: str,
    target: str,
    k: int,
    max_hops: int,
    types: list[RelType] | None,
    at: dt.date | None,
) -> list[tuple[str, ...]]:
    simple = nx.Graph()
    simple.add_nodes_from(n.uid for n in store.nodes(at=at))
    for e in store.edges(at=at):
        wanted = not types or e.type in types
        if wanted and e.source != e.target and e.source in simple and e.target in simple:
            simple.add_edge(e.source, e.target)
    if source not in simple or target not in simple:
        return []
    if source == target:
        return [(source,)]
    walks = [tuple(w) for w in nx.all_simple_paths(simple, source, target, cutoff=max_hops)]
    return sorted(walks, key=lambda w: (len(w), w))[:k]


@pytest.mark.parametrize("seed", range(60))
def test_k_shortest_paths_are_the_first_by_hops_then_uids(seed: int) -> None:
    rnd = random.Random(seed)
    uids = [f"org:{chr(97 + i)}{rnd.randint(0, 9)}" for i in range(rnd.randint(3, 12))]
    store = MemoryStore()
    store.upsert_nodes(
        node(uid, valid_from=rnd.choice(DAYS[:3]), valid_to=rnd.choice([None, None, DAYS[3]]))
        for uid in uids
    )
    store.upsert_edges(
        edge(
            rnd.choice(uids),
            rnd.choice(uids),
            rnd.choice(TYPES),
            key=rnd.choice(["", "", "k2"]),
            valid_from=rnd.choice([None, None, DAYS[1], DAYS[2]]),
            valid_to=rnd.choice([None, None, DAYS[2], DAYS[3]]),
        )
        for _ in range(rnd.randint(0, 3 * len(uids)))
    )
    for _ in range(8):
        source, target = rnd.choice(uids), rnd.choice(uids)
        k, max_hops = rnd.randint(1, 6), rnd.randint(1, 6)
        types = rnd.choice([None, None, TYPES[:2], [TYPES[2]]])
        at = rnd.choice(ATS)
        found = store.shortest_paths(source, target, k=k, max_hops=max_hops, types=types, at=at)
        assert [p.uids for p in found] == brute_force(
            store, source, target, k, max_hops, types, at
        ), (source, target, k, max_hops, types, at)
        for path in found:
            for hop in path.hops:
                assert hop.edges
                assert all(not types or e.type in types for e in hop.edges)
