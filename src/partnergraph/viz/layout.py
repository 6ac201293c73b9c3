"""Seeded node positions, computed in Python so the browser never has to run physics.

vis-network's own physics needs minutes to stabilise a couple of thousand nodes, and
networkx's ``spring_layout`` about a minute for 5,000 (see ``docs/benchmarks.md``). igraph's
Fruchterman–Reingold does 5,000 nodes in a fraction of a second, so every view gets its
positions here and the page only draws them. Positions are deterministic for a given ``seed``
and are cached per (data version, view) because the graph only changes when data is loaded.

igraph (python-igraph, GPL) is an optional extra, ``partnergraph[igraph]``, imported here on
first use; without it positions come from networkx's seeded ``spring_layout`` (the same
contract: deterministic for a seed, only slower on big views and not the same positions).
"""

from __future__ import annotations

import hashlib
import math
import random
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

__all__ = ["DEFAULT_SEED", "Positions", "clear_cache", "layout", "view_key"]

DEFAULT_SEED = 42
#: Canvas units the layout is scaled to: vis-network's default node size reads well at this.
_SPREAD_PER_SQRT_NODE = 90.0
_CACHE_SIZE = 256

Positions = dict[str, tuple[float, float]]

# igraph draws its random numbers from one process-wide generator; swapping in a seeded one
# makes a layout reproducible, and the lock stops two threads from interleaving their draws.
_RNG_LOCK = threading.Lock()
_cache: OrderedDict[tuple[str, str], Positions] = OrderedDict()
_cache_lock = threading.Lock()


def view_key(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> str:
    """A short digest naming one view's node and edge set, for the position cache."""
    digest = hashlib.blake2b(digest_size=12)
    for uid in sorted(nodes):
        digest.update(uid.encode() + b"\0")
    digest.update(b"\1")
    for source, target in sorted(edges):
        digest.update(source.encode() + b"\0" + target.encode() + b"\0")
    return digest.hexdigest()


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    seed: int = DEFAULT_SEED,
    version: str | None = None,
    centre: str | None = None,
) -> Positions:
    """Positions for ``nodes`` (uids) joined by ``edges`` (pairs of uids; others ignored).

    Parameters
    ----------
    nodes : the uids to place; order does not matter for the result.
    edges : (source, target) pairs; direction and multiplicity are ignored.
    seed : the layout is a pure function of the graph and the seed.
    version : the store's ``data_version()``; when given, the result is cached under it.
    centre : a uid to put at the origin (the node a page is about), instead of the middle.

    Returns
    -------
    dict uid → (x, y) in canvas units, centred on the origin.
    """
    members = set(nodes)
    order = sorted(members)
    edge_list = sorted(
        {(s, t) if s <= t else (t, s) for s, t in edges if s != t and s in members and t in members}
    )
    key = None
    if version is not None:
        key = (version, f"{view_key(order, edge_list)}|{seed}|{centre}")
        with _cache_lock:
            cached = _cache.get(key)
            if cached is not None:
                _cache.move_to_end(key)
                return cached
    positions = _compute(order, edge_list, seed, centre)
    if key is not None:
        with _cache_lock:
            _cache[key] = positions
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return positions


def _compute(
    order: list[str], edge_list: list[tuple[str, str]], seed: int, centre: str | None
) -> Positions:
    count = len(order)
    if count == 0:
        return {}
    if count == 1:
        return {order[0]: (0.0, 0.0)}
    try:
        import igraph as ig  # type: ignore[import-untyped]
    except ImportError:
        coords = _networkx_coords(order, edge_list, seed)
        return _normalise(order, coords, _SPREAD_PER_SQRT_NODE * math.sqrt(count), centre)
    index = {uid: i for i, uid in enumerate(order)}
    graph = ig.Graph(n=count, edges=[(index[s], index[t]) for s, t in edge_list])
    # No explicit start positions: igraph's own random start (drawn from the seeded generator)
    # is spread to the graph's size, which its grid acceleration needs; a start squeezed into
    # the unit square makes 5,000 nodes take ~25 s instead of ~0.3 s.
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            coords = graph.layout_fruchterman_reingold(
                niter=500 if count <= 2000 else 300, grid="auto"
            ).coords
        finally:
            ig.set_random_number_generator(random)
    return _normalise(order, coords, _SPREAD_PER_SQRT_NODE * math.sqrt(count), centre)


def _networkx_coords(
    order: list[str], edge_list: list[tuple[str, str]], seed: int
) -> list[list[float]]:
    """Fruchterman–Reingold in networkx (seeded), when igraph is not installed."""
    graph: Any = nx.Graph()
    graph.add_nodes_from(order)
    graph.add_edges_from(edge_list)
    found = nx.spring_layout(graph, seed=seed, iterations=50)
    return [[float(found[uid][0]), float(found[uid][1])] for uid in order]


def _normalise(
    order: list[str], coords: list[list[float]], scale: float, centre: str | None
) -> Positions:
    """Centre on the origin (or on ``centre``) and scale so that labels do not pile up."""
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    factor = scale / extent
    if centre is not None and centre in order:
        cx, cy = coords[order.index(centre)]
    return {
        uid: (round((x - cx) * factor, 1), round((y - cy) * factor, 1))
        for uid, (x, y) in zip(order, coords, strict=True)
    }
