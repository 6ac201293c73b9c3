"""igraph for the whole-graph algorithms networkx is too slow for at keep.eu scale.

On a keep.eu-sized co-operation projection (~65k actors, ~1.2M weighted ties) networkx's
Louvain takes minutes and its sampled betweenness longer; igraph runs the same algorithms in C
(``docs/benchmarks.md``, "Scale"). networkx stays the reference: small graphs keep using it
(the answers documented and tested on the curated data do not change), and the benchmark
compares both on the same projection.

- :func:`louvain`: igraph's ``community_multilevel`` (Louvain; same objective and resolution
  as networkx's). Randomised like networkx's: igraph draws from one process-wide generator,
  which is swapped for ``random.Random(seed)`` under a lock for the length of the call, so the
  same graph, inserted in the same order, gives the same communities.
- :func:`modularity`: igraph's ``modularity``, the same formula as networkx's.
- :func:`betweenness`: exactly networkx's ``betweenness_centrality(normalized=True,
  weight=None, k=…, seed=…)``: the same pivots (drawn as networkx draws them), igraph's
  subset betweenness from those sources, networkx's rescaling. Equal up to float rounding.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import igraph as ig  # type: ignore[import-untyped]
import networkx as nx

__all__ = ["betweenness", "louvain", "modularity", "to_igraph"]

#: igraph's random generator is process-wide; one call at a time may own it.
_RNG_LOCK = threading.Lock()


def to_igraph(graph: nx.Graph, weight: str | None = "weight") -> tuple[Any, list[str]]:
    """An undirected igraph copy of ``graph`` (node order kept) and the uid of each index."""
    names = list(graph.nodes)
    index = {uid: i for i, uid in enumerate(names)}
    copy = ig.Graph(
        n=len(names), edges=[(index[u], index[v]) for u, v in graph.edges()], directed=False
    )
    if weight is not None:
        copy.es["weight"] = [float(w) for _, _, w in graph.edges(data=weight, default=1.0)]
    return copy, names


def _groups(membership: Sequence[int], names: Sequence[str]) -> list[list[str]]:
    found: dict[int, list[str]] = {}
    for i, cluster in enumerate(membership):
        found.setdefault(cluster, []).append(names[i])
    return list(found.values())


def louvain(graph: nx.Graph, *, resolution: float, seed: int) -> list[list[str]]:
    """Louvain communities of a weighted graph (edge attribute ``weight``), seeded."""
    copy, names = to_igraph(graph)
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            found = copy.community_multilevel(weights="weight", resolution=resolution)
        finally:
            ig.set_random_number_generator(random)
    return _groups(list(found.membership), names)


def modularity(graph: nx.Graph, parts: Iterable[Iterable[str]], *, resolution: float) -> float:
    """Weighted modularity of a partition that covers every node of ``graph``."""
    copy, names = to_igraph(graph)
    position = {uid: i for i, uid in enumerate(names)}
    membership = [0] * len(names)
    for number, part in enumerate(parts):
        for uid in part:
            membership[position[uid]] = number
    return float(
        copy.modularity(membership, weights="weight", resolution=resolution, directed=False)
    )


def betweenness(graph: nx.Graph, *, k: int | None, seed: int) -> dict[str, float]:
    """networkx's normalized, unweighted betweenness (all sources, or ``k`` sampled ones)."""
    n = graph.number_of_nodes()
    if k is not None and k >= n:
        k = None  # networkx does the same
    pivots = None if k is None else random.Random(seed).sample(list(graph.nodes()), k)
    copy, names = to_igraph(graph, weight=None)
    position = {uid: i for i, uid in enumerate(names)}
    sources = None if pivots is None else [position[uid] for uid in pivots]
    # igraph counts each unordered pair once; networkx sums over ordered (source, target)
    raw = [2.0 * value for value in copy.betweenness(directed=False, sources=sources)]
    big_n = n - 1  # networkx's N: pairs (s, t) with v ≠ t (endpoints excluded)
    if big_n < 2:
        return dict.fromkeys(names, 0.0)
    if pivots is None:
        scale = 1 / (big_n * (big_n - 1))
        return {uid: raw[i] * scale for i, uid in enumerate(names)}
    sampled = set(pivots)
    assert k is not None
    on_source = 1 / ((k - 1) * (big_n - 1)) if k > 1 else float("nan")
    off_source = 1 / (k * (big_n - 1))
    return {
        uid: raw[i] * (on_source if uid in sampled else off_source) for i, uid in enumerate(names)
    }
