"""Fixtures every test folder shares.

- The small valid dataset and a way to break a copy of it.
- An empty ``PARTNERGRAPH_HOME`` per test.
- ONE real Neo4j for the whole session (``neo4j_uri``, ``neo4j_store``; ``store`` and ``both``
  run a test on the memory store and on Neo4j). It lives here, not in a sub-folder's conftest,
  so every folder shares the same server instead of starting its own.


The Neo4j server is started once per test session (``graph/server.py``, on a free port and a
temporary data directory), wiped before each test and stopped at the end. There is no skip:
when Neo4j cannot be started (no Java, no Maven, no network for the first build) the Neo4j
tests ERROR with the reason, so CI can never pass without them. To run without Neo4j on
purpose, deselect them: ``pytest -m "not neo4j"``.

``PARTNERGRAPH_TEST_NEO4J_URI`` (+ ``_USER``, ``_PASSWORD``) points the suite at another
server instead — which it WIPES, so never point it at data you want to keep.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.server import running_server
from partnergraph.graph.store import GraphStore

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"


@pytest.fixture(autouse=True)
def isolated_workspace(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own empty PARTNERGRAPH_HOME: the memory store loads the workspace's
    imports, so a developer's own imports must never leak into a test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PARTNERGRAPH_HOME", str(home))
    # no background cache warm-up racing the tests; tests/api/test_warm_up.py turns it on
    monkeypatch.setenv("PARTNERGRAPH_WARM_UP", "false")
    return home


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def edit_line() -> Callable[[Path, int, str], None]:
    """Replace line ``n`` (1-based) of a file."""

    def edit(path: Path, number: int, text: str) -> None:
        lines = path.read_text(encoding="utf-8").splitlines()
        lines[number - 1] = text
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return edit


BACKENDS = [
    pytest.param("memory", id="memory"),
    pytest.param("neo4j", id="neo4j", marks=pytest.mark.neo4j),
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that needs the server is marked ``neo4j`` (whether it asks for ``store``,
    ``both`` or ``neo4j_store``), so ``-m "not neo4j"`` really runs without one."""
    for item in items:
        if "neo4j_uri" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Bolt URI of the session's Neo4j (started here unless one is given)."""
    external = os.environ.get("PARTNERGRAPH_TEST_NEO4J_URI")
    if external:
        yield external
        return
    with running_server(tmp_path_factory.mktemp("neo4j")) as server:
        assert server.uri is not None
        yield server.uri


@pytest.fixture(scope="session")
def neo4j_store(neo4j_uri: str) -> Iterator[Neo4jStore]:
    store = Neo4jStore.connect(
        neo4j_uri,
        user=os.environ.get("PARTNERGRAPH_TEST_NEO4J_USER", "neo4j"),
        password=os.environ.get("PARTNERGRAPH_TEST_NEO4J_PASSWORD"),
        database=os.environ.get("PARTNERGRAPH_TEST_NEO4J_DATABASE", "neo4j"),
        timeout=10,
    )
    yield store
    store.close()


@pytest.fixture
def empty_neo4j(neo4j_store: Neo4jStore) -> Neo4jStore:
    """The session's Neo4j store, wiped."""
    neo4j_store.clear()
    return neo4j_store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> GraphStore:
    """An empty store of each backend."""
    if request.param == "memory":
        return MemoryStore()
    neo4j: Neo4jStore = request.getfixturevalue("empty_neo4j")
    return neo4j


@pytest.fixture
def both(empty_neo4j: Neo4jStore) -> tuple[MemoryStore, Neo4jStore]:
    """An empty memory store and the wiped Neo4j store, to compare answers side by side."""
    return MemoryStore(), empty_neo4j


@pytest.fixture(scope="session")
def bundled_data() -> Path:
    from partnergraph.settings import default_data_dir

    return default_data_dir()
