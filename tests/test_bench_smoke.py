"""The ingest benchmark still runs: ``bench/ingest.py --smoke`` against a real Neo4j.

It starts a temporary server of its own, loads the same generated rows batched and one MERGE
per row, checks that both end in the same graph, and prints the ratio. No figure is asserted:
wall times belong in docs/benchmarks.md, not in tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench" / "ingest.py"
DOC = REPO / "docs" / "benchmarks.md"

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def test_ingest_benchmark_smoke_run_compares_both_write_paths_and_writes_nothing() -> None:
    before = DOC.read_bytes() if DOC.exists() else None
    done = subprocess.run(
        [sys.executable, str(BENCH), "--smoke"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "neo4j, batched" in done.stdout
    assert "neo4j, one MERGE per row" in done.stdout
    assert "batched vs one MERGE per row (relationships):" in done.stdout
    assert (DOC.read_bytes() if DOC.exists() else None) == before


def test_ingest_benchmark_refuses_to_wipe_a_named_server_without_consent() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--uri", "bolt://127.0.0.1:1"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert done.returncode == 2
    assert "--wipe" in done.stderr
