"""The website's commands: `partnergraph site build` and the viz benchmark still run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from partnergraph.cli import app
from tests.browser.conftest import require_browser

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini"


def test_site_build_writes_a_static_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERGRAPH_DATA_DIR", str(MINI))
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["site", "build", str(out), "--store", "memory"])
    assert result.exit_code == 0, result.output
    assert "pages" in result.output
    assert (out / "index.html").is_file()
    assert (out / "en" / "index.html").is_file()
    assert (out / "node" / "teryt_2261011.html").is_file()
    assert (out / "static" / "vendor" / "vis-network" / "vis-network.min.js").is_file()


def test_site_build_without_an_output_folder_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["site", "build"])
    assert result.exit_code == 2


def test_viz_benchmark_smoke_run_measures_both_pages() -> None:
    require_browser()
    doc = REPO / "docs" / "benchmarks.md"
    before = doc.read_bytes() if doc.exists() else None
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "viz.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    row = json.loads(done.stdout.strip().splitlines()[-1])
    assert row["ours_browser_s"] is not None
    assert "pyvis_browser_s" in row
    assert (doc.read_bytes() if doc.exists() else None) == before
