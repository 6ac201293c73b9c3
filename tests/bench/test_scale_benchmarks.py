"""The scale benchmarks still run: a seconds-long smoke run of each, against the session's
Neo4j, and the docs are edited only in their own subsection. No figure is asserted: wall times
belong in docs/benchmarks.md, not in tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.conftest import BENCH, load_bench

REPO = BENCH.parent
DOC = REPO / "docs" / "benchmarks.md"


def run(script: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        check=False,
    )


@pytest.mark.neo4j
@pytest.mark.slow
def test_ingest_smoke_loads_both_stores_and_the_per_row_sample(neo4j_uri: str) -> None:
    before = DOC.read_bytes() if DOC.exists() else None
    done = run("scale_ingest.py", "--smoke", "--uri", neo4j_uri, "--wipe")
    assert done.returncode == 0, done.stdout + done.stderr
    for row in (
        "read + validate CSV",
        "memory, batched (full set)",
        "neo4j, batched (full set)",
        "neo4j, one MERGE per row (sample)",
    ):
        assert row in done.stdout
    assert "same graph in memory and Neo4j: True; sample loads agree: True" in done.stdout
    assert (DOC.read_bytes() if DOC.exists() else None) == before


@pytest.mark.neo4j
@pytest.mark.slow
def test_queries_smoke_times_every_query_on_both_stores(neo4j_uri: str) -> None:
    before = DOC.read_bytes() if DOC.exists() else None
    done = run("scale_queries.py", "--smoke", "--uri", neo4j_uri, "--wipe")
    assert done.returncode == 0, done.stdout + done.stderr
    for family in (
        "partners_for_priority/cold",
        "connection_paths",
        "suggest_partners",
        "coverage_matrix/warm",
        "clusters/cold",
    ):
        for store in ("memory", "neo4j"):
            assert any(family in line and store in line for line in done.stdout.splitlines()), (
                family,
                store,
            )
    assert "igraph multilevel vs networkx Louvain" in done.stdout
    assert (DOC.read_bytes() if DOC.exists() else None) == before


@pytest.mark.parametrize("script", ["scale_ingest.py", "scale_queries.py"])
def test_a_named_server_is_not_wiped_without_consent(script: str) -> None:
    done = run(script, "--uri", "bolt://127.0.0.1:1", timeout=120)
    assert done.returncode == 2
    assert "--wipe" in done.stderr


def test_only_the_scale_subsection_is_replaced(tmp_path: Path) -> None:
    common = load_bench("scale_common")
    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        "# Benchmarks\n\n## API\n\napi text\n\n## Scale\n\nintro\n\n### Ingest\n\nold ingest\n\n"
        "### Queries\n\nold queries\n\n## Website\n\nsite text\n",
        encoding="utf-8",
    )
    common.write_subsection("Ingest", "new ingest", doc)
    common.write_subsection("Clusters", "new clusters", doc)
    text = doc.read_text(encoding="utf-8")
    assert text == (
        "# Benchmarks\n\n## API\n\napi text\n\n## Scale\n\nintro\n\n### Ingest\n\nnew ingest\n\n"
        "### Queries\n\nold queries\n\n### Clusters\n\nnew clusters\n\n## Website\n\nsite text\n"
    )
    fresh = tmp_path / "fresh.md"
    common.write_subsection("Ingest", "first", fresh)
    assert fresh.read_text(encoding="utf-8").startswith("# Benchmarks\n\n## Scale\n\n")
    assert "### Ingest\n\nfirst\n" in fresh.read_text(encoding="utf-8")


def test_percentiles_are_nearest_rank() -> None:
    common = load_bench("scale_common")
    sample = [float(n) for n in range(1, 21)]
    assert common.percentile(sample, 50) == 10.0
    assert common.percentile(sample, 95) == 19.0
    assert common.percentile([7.0], 95) == 7.0
