"""Shared fixtures: the small valid dataset and a way to break a copy of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

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
