"""API test fixtures: the app over a small but complete ERB dataset, on both stores.

``tests/api/fixtures/erb`` has every label and relationship type (agreements covering
priorities over time, projects, aligned priorities, a gmina with no ties, coverage notes), so
every route has something real to answer. The Neo4j server is the conformance suite's session
server (``tests/conftest.py``); the dataset is (re)loaded into it whenever another
test has changed its content.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.loader import load_directory
from partnergraph.settings import Settings
from partnergraph.web import create_app

__all__ = ["ERB"]

ERB = Path(__file__).parent / "fixtures" / "erb"
BACKENDS = [
    pytest.param("memory", id="memory"),
    pytest.param("neo4j", id="neo4j", marks=pytest.mark.neo4j),
]


def api_settings(home: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"store": "memory", "data_dir": ERB, "home": home}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]  # pydantic-settings takes kwargs


@pytest.fixture(scope="session")
def erb_memory() -> MemoryStore:
    """The dataset in a memory store; shared, so tests must not write to it."""
    store = MemoryStore()
    load_directory(store, ERB)
    return store


@pytest.fixture
def erb_neo4j(neo4j_store: Neo4jStore, erb_memory: MemoryStore) -> Neo4jStore:
    """The session's Neo4j holding exactly the dataset (reloaded if another test changed it;
    both backends compute the same data version from the same content)."""
    if neo4j_store.data_version() != erb_memory.data_version():
        neo4j_store.clear()
        load_directory(neo4j_store, ERB)
    assert neo4j_store.data_version() == erb_memory.data_version()
    return neo4j_store


@pytest.fixture(params=BACKENDS)
def erb_store(request: pytest.FixtureRequest) -> GraphStore:
    if request.param == "memory":
        store: GraphStore = request.getfixturevalue("erb_memory")
    else:
        store = request.getfixturevalue("erb_neo4j")
    return store


@pytest.fixture
def client(erb_store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    """A client of the read-only app over the dataset, on each backend."""
    app = create_app(api_settings(tmp_path, store=erb_store.backend), erb_store)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def memory_client(
    erb_memory: MemoryStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The memory-store app only, for behaviour that does not depend on the backend."""
    app = create_app(api_settings(tmp_path_factory.mktemp("home")), erb_memory)
    with TestClient(app) as test_client:
        yield test_client
