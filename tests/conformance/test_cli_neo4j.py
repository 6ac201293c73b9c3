"""The command line end to end: ``neo4j start``, ``load --store neo4j``, the same ``stats`` as
the memory store, ``neo4j stop``. Real processes, a real server, a throw-away home folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def test_neo4j_start_then_load_shows_the_same_stats_as_the_memory_store(tmp_path: Path) -> None:
    env = {**os.environ, "PARTNERGRAPH_HOME": str(tmp_path)}
    env.pop("PARTNERGRAPH_NEO4J_URI", None)
    env.pop("PARTNERGRAPH_STORE", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "partnergraph.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    assert run("neo4j", "status").returncode == 1
    started = run("neo4j", "start", "--port", "0")
    try:
        assert started.returncode == 0, started.stderr
        uri = started.stdout.strip().splitlines()[-1]
        assert uri.startswith("bolt://127.0.0.1:")
        assert (tmp_path / "neo4j" / "bolt.uri").read_text().strip() == uri
        again = run("neo4j", "start", "--port", "0")
        assert again.returncode == 0
        assert "already running" in again.stdout
        status = run("neo4j", "status", "--json")
        assert status.returncode == 0, status.stdout
        assert json.loads(status.stdout)["uri"] == uri

        loaded = run("load", "--store", "neo4j")
        assert loaded.returncode == 0, loaded.stderr
        neo4j_stats = run("stats", "--store", "neo4j", "--json")
        memory_stats = run("stats", "--store", "memory", "--json")
        assert neo4j_stats.returncode == memory_stats.returncode == 0
        assert json.loads(neo4j_stats.stdout) == json.loads(memory_stats.stdout)
        assert sum(json.loads(neo4j_stats.stdout)["nodes"].values()) > 0
    finally:
        stopped = run("neo4j", "stop")
    assert stopped.returncode == 0
    assert "stopped Neo4j" in stopped.stdout
    assert not (tmp_path / "neo4j" / "bolt.uri").exists()
    after = run("neo4j", "status")
    assert after.returncode == 1
    assert "not running" in after.stdout
    assert run("neo4j", "stop").stdout.strip() == "Neo4j was not running"
