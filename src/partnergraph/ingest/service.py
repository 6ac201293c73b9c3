"""What serving the graph asks of ingest, and nothing more: read the data folder into the
store again, and read the curated coverage notes. The API calls these two; how a folder is
read, checked and written stays inside this package.
"""

from __future__ import annotations

import logging

from partnergraph.errors import DataError
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote, read_coverage
from partnergraph.ingest.loader import load_dataset
from partnergraph.ingest.workspace import read_bundle
from partnergraph.settings import Settings
from partnergraph.stores import open_store

__all__ = ["coverage_notes", "reloaded"]

log = logging.getLogger(__name__)


def reloaded(settings: Settings, store: GraphStore | None) -> GraphStore:
    """The data folder read again: for the embedded store a new store built aside (the caller
    swaps it in whole; a bad file raises DataError and nothing changes), for Neo4j the files
    validated and upserted into ``store`` (idempotent), which is returned."""
    if settings.store == "memory" or store is None:
        return open_store(settings)
    load_dataset(store, read_bundle(settings.data_dir, layers=settings.layers))
    return store


def coverage_notes(settings: Settings) -> tuple[list[CoverageNote], str | None]:
    """``data_dir/coverage.csv`` and, when it cannot be read, the first line of why (a broken
    notes file is reported, not fatal)."""
    if not settings.data_dir.is_dir():
        return [], None
    try:
        return read_coverage(settings.data_dir), None
    except DataError as exc:
        log.warning("coverage notes not read: %s", exc)
        return [], str(exc).splitlines()[0]
