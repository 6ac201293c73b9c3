"""bench/api.py runs end to end (server up, load, server down) and edits only its section."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from tests.api.conftest import ERB

BENCH = Path(__file__).resolve().parents[2] / "bench" / "api.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_api", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_api"] = module
    spec.loader.exec_module(module)
    return module


def test_smoke_run_serves_every_endpoint_with_1_and_2_workers() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", "--data-dir", str(ERB)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    endpoints = {(row.split("|")[1].strip(), row.split("|")[2].strip()) for row in rows[1:]}
    assert endpoints == {
        (endpoint, workers)
        for endpoint in ("search", "node", "partners", "node @ 1,000/s", "partners @ 300/s")
        for workers in ("1", "2")
    }
    assert "written to" not in done.stdout  # --smoke leaves the docs alone


def test_the_api_section_is_replaced_and_the_others_kept(tmp_path: Path) -> None:
    bench = load_bench()
    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        "# Benchmarks\n\n## Loading\n\nloader figures\n\n## API\n\nold\n\n## Website\n\nviz\n",
        encoding="utf-8",
    )
    bench.write_section("## API\n\nnew figures\n", doc)
    text = doc.read_text(encoding="utf-8")
    assert "new figures" in text
    assert "old" not in text
    assert "loader figures" in text
    assert text.index("## Loading") < text.index("## API") < text.index("## Website")
    assert "viz" in text


def test_the_api_section_is_appended_when_missing(tmp_path: Path) -> None:
    bench = load_bench()
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n## Loading\n\nloader figures\n", encoding="utf-8")
    bench.write_section("## API\n\nfigures\n", doc)
    assert doc.read_text(encoding="utf-8").endswith("loader figures\n\n## API\n\nfigures\n")
