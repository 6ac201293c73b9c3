"""Fixtures for the importer tests: keep.eu fixture files, an isolated workspace, both stores.

The Neo4j fixtures are the conformance suite's (imported, not copied), so the importer runs
against the same real server setup; see tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from partnergraph.settings import Settings
from tests.conftest import MINI

KEEP = Path(__file__).parent / "fixtures"
OLD_LAYOUT = KEEP / "keep_old_layout.xlsx"
NEW_LAYOUT = KEEP / "keep_new_layout.xlsx"
CSV_PAIR = [KEEP / "keep_projects_pl.csv", KEEP / "keep_partners_pl.csv"]
BAD_INPUTS = Path(__file__).parents[1] / "bad_inputs"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Settings with the mini dataset and a fresh workspace; the CLI sees the same."""
    home = tmp_path / "home"
    monkeypatch.setenv("PARTNERGRAPH_HOME", str(home))
    monkeypatch.setenv("PARTNERGRAPH_DATA_DIR", str(MINI))
    monkeypatch.setenv("PARTNERGRAPH_STORE", "memory")
    return Settings()


@pytest.fixture
def mini_store() -> MemoryStore:
    """A memory store holding the mini dataset (regions PL62/PL63/SE213, Gdańsk, Elbląg)."""
    graph = MemoryStore()
    load_directory(graph, MINI)
    return graph
