"""The hand-made query fixture, loaded once into a memory store for the whole module."""

from __future__ import annotations

import pytest

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from tests.queries.expected import FIXTURE


@pytest.fixture(scope="module")
def graph() -> MemoryStore:
    store = MemoryStore()
    load_directory(store, FIXTURE)
    return store
