"""What `partnergraph neo4j start` hands the launcher (tools/neo4j/run.sh)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from partnergraph.graph import server as server_module
from partnergraph.graph.server import LocalNeo4j


class Spawned(Exception):
    """Raised by the fake posix_spawn: the test only wants the command line."""


def command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **options: Any) -> list[str]:
    seen: list[list[str]] = []

    def spawn(path: str, argv: list[str], *args: object, **kwargs: object) -> int:
        seen.append(list(argv))
        raise Spawned

    monkeypatch.setattr(server_module.os, "posix_spawn", spawn)
    monkeypatch.setattr(LocalNeo4j, "build", lambda self, on_line=None: None)
    with pytest.raises(Spawned):
        LocalNeo4j(tmp_path).start(**options)
    return seen[0]


def test_the_page_cache_is_passed_to_the_launcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = command_line(tmp_path, monkeypatch, port=0, page_cache="1g")
    assert argv[argv.index("--pagecache") + 1] == "1g"


def test_without_a_page_cache_the_launcher_keeps_its_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "--pagecache" not in command_line(tmp_path, monkeypatch, port=0)
