"""igraph for the whole-graph algorithms networkx is too slow for at keep.eu scale.

On a keep.eu-sized co-operation projection (~65k actors, ~1.2M weighted ties) networkx's
Louvain takes about a minute and its sampled betweenness longer; igraph runs the same
algorithms in C (``docs/benchmarks.md``, "Scale"). networkx stays the reference: small graphs
keep using it (the answers documented and tested on the curated data do not change), and the
benchmark compares both on the same projection.

Every function takes an undirected igraph graph and ``names``, the uid of each vertex index
(:meth:`partnergraph.queries.projection.Projection.to_igraph`, or :func:`to_igraph` for a
networkx graph).

- :func:`louvain`: ``community_multilevel`` (Louvain; same objective and resolution as
  networkx's). :func:`leiden`: ``community_leiden`` with the modularity objective (igraph's
  own implementation; no leidenalg). Both are randomised: igraph draws from one process-wide
  generator, which is swapped for ``random.Random(seed)`` under a lock for the length of the
  call, so the same graph, inserted in the same order, gives the same communities.
- :func:`modularity`: igraph's ``modularity``, the same formula as networkx's.
- :func:`betweenness`: exactly networkx's ``betweenness_centrality(normalized=True,
  weight=None, k=…, seed=…)``: the same pivots (drawn as networkx draws them), igraph's
  subset betweenness from those sources, networkx's rescaling. Equal up to float rounding.

python-igraph is licensed GPL-2.0-or-later, so it is an optional extra
(``pip install partnergraph[igraph]``) of this MIT package, and this module is the only
place in ``partnergraph.queries`` that imports it, lazily, on the first call that needs it.
:func:`available` tells whether it is installed; without it the clusters query runs
networkx at every size and refuses Leiden (:data:`MISSING`).
"""

from __future__ import annotations

import contextlib
import random
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

__all__ = [
    "LEIDEN_ITERATIONS",
    "MISSING",
    "available",
    "betweenness",
    "from_arrays",
    "leiden",
    "louvain",
    "modularity",
    "to_igraph",
]

#: Why something that needs igraph cannot run: the package is an optional (GPL) extra.
MISSING = (
    "python-igraph is not installed (it is GPL-licensed, so an optional extra of this MIT "
    "package): install partnergraph[igraph]"
)

#: Leiden passes over the graph (leidenalg's default); -1 (until stable) took 20× as long at
#: keep.eu scale for a modularity gain below 1 %.
LEIDEN_ITERATIONS = 2

#: igraph's random generator is process-wide; one call at a time may own it.
_RNG_LOCK = threading.Lock()


def _ig() -> Any:
    """The igraph module, imported on first use; ImportError (saying what to install) when
    it is not installed."""
    try:
        import igraph  # type: ignore[import-untyped]
    except ImportError as error:
        raise ImportError(MISSING) from error
    return igraph


def available() -> bool:
    """Whether python-igraph can be imported (checked on every call: cheap once imported)."""
    try:
        _ig()
    except ImportError:
        return False
    return True


def from_arrays(
    n: int,
    first: npt.NDArray[np.int64],
    second: npt.NDArray[np.int64],
    weight: npt.NDArray[np.float64] | None,
) -> Any:
    """An undirected igraph graph of ``n`` vertices with edges ``(first[i], second[i])``,
    weighted by ``weight`` (edge attribute ``weight``) unless None."""
    graph = _ig().Graph(
        n=n, edges=list(zip(first.tolist(), second.tolist(), strict=True)), directed=False
    )
    if weight is not None:
        graph.es["weight"] = weight.tolist()
    return graph


def to_igraph(graph: nx.Graph, weight: str | None = "weight") -> tuple[Any, list[str]]:
    """An undirected igraph copy of ``graph`` (node order kept) and the uid of each index."""
    names = list(graph.nodes)
    index = {uid: i for i, uid in enumerate(names)}
    copy = _ig().Graph(
        n=len(names), edges=[(index[u], index[v]) for u, v in graph.edges()], directed=False
    )
    if weight is not None:
        copy.es["weight"] = [float(w) for _, _, w in graph.edges(data=weight, default=1.0)]
    return copy, names


@contextlib.contextmanager
def _seeded(seed: int) -> Iterator[None]:
    ig = _ig()
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def _groups(membership: Sequence[int], names: Sequence[str]) -> list[list[str]]:
    found: dict[int, list[str]] = {}
    for i, cluster in enumerate(membership):
        found.setdefault(cluster, []).append(names[i])
    return list(found.values())


def louvain(graph: Any, names: Sequence[str], *, resolution: float, seed: int) -> list[list[str]]:
    """Louvain communities of a weighted graph (edge attribute ``weight``), seeded."""
    with _seeded(seed):
        found = graph.community_multilevel(weights="weight", resolution=resolution)
    return _groups(list(found.membership), names)


def leiden(graph: Any, names: Sequence[str], *, resolution: float, seed: int) -> list[list[str]]:
    """Leiden communities (modularity objective) of a weighted graph, seeded."""
    with _seeded(seed):
        found = graph.community_leiden(
            objective_function="modularity",
            weights="weight",
            resolution=resolution,
            n_iterations=LEIDEN_ITERATIONS,
        )
    return _groups(list(found.membership), names)


def modularity(
    graph: Any, names: Sequence[str], parts: Iterable[Iterable[str]], *, resolution: float
) -> float:
    """Weighted modularity of a partition that covers every node of ``graph``."""
    position = {uid: i for i, uid in enumerate(names)}
    membership = [0] * len(names)
    for number, part in enumerate(parts):
        for uid in part:
            membership[position[uid]] = number
    return float(
        graph.modularity(membership, weights="weight", resolution=resolution, directed=False)
    )


def betweenness(graph: Any, names: Sequence[str], *, k: int | None, seed: int) -> dict[str, float]:
    """networkx's normalized, unweighted betweenness (all sources, or ``k`` sampled ones)."""
    n = len(names)
    if k is not None and k >= n:
        k = None  # networkx does the same
    pivots = None if k is None else random.Random(seed).sample(list(names), k)
    position = {uid: i for i, uid in enumerate(names)}
    sources = None if pivots is None else [position[uid] for uid in pivots]
    # igraph counts each unordered pair once; networkx sums over ordered (source, target).
    # weights=None: hops, not weights, as networkx with weight=None
    raw = [2.0 * value for value in graph.betweenness(directed=False, sources=sources)]
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
