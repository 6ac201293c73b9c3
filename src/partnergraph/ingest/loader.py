"""Load a validated dataset into any GraphStore, all or nothing, idempotently.

Validation happens completely before the first write (``read_dataset`` raises on any issue),
so a bad row never leaves half a dataset behind. Writes are upserts keyed by uid and by
(type, source, target, key), so loading the same files twice leaves the same graph, and a load
interrupted by a failing server converges to the same graph when it is run again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from partnergraph.gcpause import gc_paused
from partnergraph.graph.store import DEFAULT_BATCH_SIZE, GraphStore
from partnergraph.ingest.csv_source import Dataset, read_dataset
from partnergraph.model import Counts, Edge, Node

__all__ = ["LoadReport", "Progress", "load_dataset", "load_directory"]

#: Called after each batch with (what, done, total).
Progress = Callable[[str, int, int], None]
_T = TypeVar("_T")


@dataclass(frozen=True)
class LoadReport:
    nodes_written: int
    edges_written: int
    counts: Counts


def _batches(items: Sequence[_T], size: int) -> Iterable[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@gc_paused()  # a keep.eu-sized dataset is millions of objects, none garbage
def load_dataset(
    store: GraphStore,
    dataset: Dataset,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> LoadReport:
    """Write an already validated dataset: every node first, then every edge."""
    nodes_written = edges_written = 0
    nodes: list[Node] = dataset.nodes
    edges: list[Edge] = dataset.edges
    for batch in _batches(nodes, batch_size):
        nodes_written += store.upsert_nodes(batch, batch_size=batch_size)
        if progress:
            progress("nodes", nodes_written, len(nodes))
    for edge_batch in _batches(edges, batch_size):
        edges_written += store.upsert_edges(edge_batch, batch_size=batch_size)
        if progress:
            progress("relationships", edges_written, len(edges))
    return LoadReport(nodes_written, edges_written, store.counts())


def load_directory(
    store: GraphStore,
    directory: Path,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> LoadReport:
    """Validate ``directory`` completely, then load it; raises DataError before any write."""
    return load_dataset(store, read_dataset(directory), batch_size=batch_size, progress=progress)
