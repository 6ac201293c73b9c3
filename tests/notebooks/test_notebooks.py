"""The researcher notebooks: each runs top to bottom in a clean kernel, offline, on the
embedded store; the committed files carry no outputs.

A notebook that fails here would fail for a researcher opening it, so every cell must pass.
Neo4j cells are guarded by ``PARTNERGRAPH_NEO4J_URI``, which the test removes.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
#: Seconds any single cell may take; the four notebooks together run in well under a minute.
CELL_TIMEOUT = 120


def _ids(path: Path) -> str:
    return path.stem


def test_there_are_at_least_four_notebooks() -> None:
    assert len(PATHS) >= 4, [p.name for p in PATHS]


@pytest.mark.parametrize("path", PATHS, ids=_ids)
def test_committed_notebook_has_no_outputs(path: Path) -> None:
    """Outputs hold rendered data and 600 kB of inlined JavaScript per view: never in git.
    notebooks/README.md says how to strip them (nbstripout, or a one-line nbformat script)."""
    notebook = nbformat.read(path, as_version=4)
    dirty = [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        and (cell.outputs or cell.execution_count is not None or "execution" in cell.metadata)
    ]
    assert not dirty, f"{path.name}: cells {dirty} have outputs, execution counts or timings"


@pytest.mark.parametrize("path", PATHS, ids=_ids)
def test_notebook_shows_the_neo4j_variant_behind_the_guard(path: Path) -> None:
    source = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
    assert 'os.environ.get("PARTNERGRAPH_NEO4J_URI")' in source


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS, ids=_ids)
def test_notebook_runs_in_a_clean_kernel_offline(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARTNERGRAPH_NEO4J_URI", raising=False)
    monkeypatch.delenv("PARTNERGRAPH_STORE", raising=False)
    monkeypatch.setenv("PARTNERGRAPH_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MPLBACKEND", "agg")
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError naming the cell that failed

    html = [
        output["data"]["text/html"]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "text/html" in output.get("data", {})
    ]
    views = [text for text in html if "<iframe srcdoc=" in text]
    assert views, f"{path.name} shows no network view"
    for text in html:
        # Offline: nothing is loaded from elsewhere (vis-network is inlined).
        assert "src=&quot;http" not in text
        assert 'src="http' not in text
