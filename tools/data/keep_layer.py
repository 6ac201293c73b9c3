"""Build ``data/layers/keep-eu/``: the keep.eu Interreg projects of the Euroregion Baltic area.

Usage (from the repository root, after ``build_dataset.py`` has written the curated data)::

    .venv/bin/python tools/data/keep_layer.py [--export PATH/keep_closed_1420.xlsx]

The layer is what the project's own importer (``partnergraph import keep``) makes of keep.eu's
export of closed Interreg 2014–2020 projects, resolved against the curated data (so a body
the curated data knows keeps its uid, and a curated project is the same node), cut down to:

- every project with at least one partner located in the Euroregion Baltic area (the NUTS
  regions of the ERB members and Kaliningrad Oblast, and everything located below them), and
- every project of the South Baltic 2014–2020 programme, wherever its partners are,

with all their partners, programmes and priorities, and what places them (LOCATED_IN,
PART_OF). keep.eu's terms (https://www.keep.eu/keep/about-keep) allow redistributing and
building on the data with credit and a statement of the changes; the layer's one source row
carries both, and so does every answer whose coverage cites it.

The layer is written in the workspace import format (``sources.csv``, ``nodes/``, ``edges/``)
and loaded after ``data/`` by ``partnergraph.ingest.workspace.read_bundle``, so a curated fact
keeps its value and the layer only fills gaps, adds its source and its spellings as aliases.
The build is deterministic: the same export and the same curated data give the same files.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT / "src")]

from partnergraph.graph.memory import MemoryStore  # noqa: E402
from partnergraph.ingest.csv_source import Dataset, read_dataset  # noqa: E402
from partnergraph.ingest.keep_eu import StoreContext, read_keep, source_id_for  # noqa: E402
from partnergraph.ingest.loader import load_dataset  # noqa: E402
from partnergraph.ingest.workspace import (  # noqa: E402
    KEEP_EU_SOURCE,
    read_layers,
    write_dataset,
)
from partnergraph.model import Edge, Node, NodeLabel, RelType  # noqa: E402
from partnergraph.queries.regions import actors_located_in  # noqa: E402

__all__ = ["ERB_AREA", "build_keep_layer"]

#: The day partnergraph read the export (fixed, so that a rebuild gives the same files).
READ_ON = dt.date(2026, 12, 6)
#: When keep.eu's data was taken: the export was committed to its public repository then.
EXPORTED_ON = "2019-11-23"
#: The Euroregion Baltic area: its member regions (NUTS 2021; Kaliningrad by ISO 3166-2).
#: keep.eu's NUTS 2013 code of Klaipėda county (LT003) is listed too, for an export read
#: before the NUTS crosswalk translates it.
ERB_AREA = (
    "nuts:PL62",
    "nuts:PL63",
    "nuts:DK014",
    "nuts:SE212",
    "nuts:SE213",
    "nuts:SE221",
    "nuts:SE224",
    "nuts:LT023",
    "nuts:LT003",
    "iso:RU-KGD",
)
SOUTH_BALTIC = "programme:interreg-south-baltic-2014-2020"
#: Relationships that place or define what a kept node is: followed from kept nodes.
_PLACING = (RelType.LOCATED_IN, RelType.PART_OF)

CREDIT = (
    "Source: keep.eu (Interact), https://keep.eu, data as exported on 2019-11-23; changed by "
    "partnergraph: names normalised, bodies resolved to TERYT gminy, NUTS 2021 regions and the "
    "curated organisations, projects of the Euroregion Baltic area and of South Baltic "
    "2014-2020 only. keep.eu and Interact do not endorse partnergraph or its use."
)


def _rename_source(dataset: Dataset, old: str) -> Dataset:
    """The importer names its source after the file; the layer's is stable and credited."""

    def swap(sources: Iterable[str]) -> tuple[str, ...]:
        return tuple(KEEP_EU_SOURCE if s == old else s for s in sources)

    nodes: list[Node] = []
    for node in dataset.nodes:
        if node.uid == f"source:{old}":
            continue
        nodes.append(node.model_copy(update={"sources": swap(node.sources)}))
    edges = [edge.model_copy(update={"sources": swap(edge.sources)}) for edge in dataset.edges]
    return Dataset(nodes=nodes, edges=edges, origins=dataset.origins)


def _merged_store(base: Dataset, contribution: Dataset) -> MemoryStore:
    """The curated data with the whole import layered on it, as the app would load them."""
    with tempfile.TemporaryDirectory() as folder:
        layer = Path(folder)
        write_dataset(layer, contribution)
        _write_source(layer)
        merged = read_layers(base, [layer])
    store = MemoryStore()
    load_dataset(store, merged)
    return store


def _erb_actors(store: MemoryStore) -> set[str]:
    found: set[str] = set()
    present = store.get_nodes(ERB_AREA)
    for uid in ERB_AREA:
        if uid in present:
            found.update(actors_located_in(store, present[uid]))
    return found


def _select(contribution: Dataset, store: MemoryStore) -> Dataset:
    """The import's share that concerns the ERB area or South Baltic 2014–2020."""
    erb = _erb_actors(store)
    projects = {n.uid for n in contribution.nodes if n.label == NodeLabel.PROJECT}
    kept_projects = {
        e.target
        for e in contribution.edges
        if e.type == RelType.PARTICIPATES_IN and e.target in projects and e.source in erb
    } | {
        e.source
        for e in contribution.edges
        if e.type == RelType.FUNDED_BY and e.source in projects and e.target == SOUTH_BALTIC
    }
    edges = [
        e
        for e in contribution.edges
        if (e.type == RelType.PARTICIPATES_IN and e.target in kept_projects)
        or (e.type in (RelType.FUNDED_BY, RelType.ADDRESSES) and e.source in kept_projects)
    ]
    by_uid = {n.uid: n for n in contribution.nodes}
    kept = {uid for e in edges for uid in (e.source, e.target) if uid in by_uid}
    outgoing: dict[str, list[Edge]] = {}
    defining: dict[str, list[Edge]] = {}
    for e in contribution.edges:
        if e.type in _PLACING:
            outgoing.setdefault(e.source, []).append(e)
        elif e.type == RelType.DEFINES:
            defining.setdefault(e.target, []).append(e)
    frontier = list(kept)
    while frontier:
        uid = frontier.pop()
        for e in outgoing.get(uid, []) + defining.get(uid, []):
            edges.append(e)
            for end in (e.source, e.target):
                if end in by_uid and end not in kept:
                    kept.add(end)
                    frontier.append(end)
    unique = {e.id: e for e in edges}
    return Dataset(
        nodes=[by_uid[uid] for uid in sorted(kept)],
        edges=[unique[key] for key in sorted(unique)],
        origins={},
    )


def _write_source(layer: Path) -> None:
    """The layer's sources.csv: keep.eu, with the credit and the changes its terms ask for."""
    columns = ["id", "title", "kind", "url", "retrieved", "confidence", "licence", "note"]
    row = {
        "id": KEEP_EU_SOURCE,
        "title": "keep.eu (Interact): closed Interreg 2014-2020 projects and their partners",
        "kind": "secondary",
        "url": "https://keep.eu",
        "retrieved": EXPORTED_ON,
        "confidence": "unverified",
        "licence": (
            f"{CREDIT} Terms: https://www.keep.eu/keep/about-keep (free to copy, redistribute "
            "and build upon, with credit to keep.eu, a link and a statement of changes)."
        ),
        "note": (
            "Export file keep_closed_1420.xlsx (1,891 project rows, 8,621 partner "
            "rows, 66 programmes) as published in the public repository "
            "pgourdongeo/Chap3_LocationalAnalysis (KEEP/DataSource, commit f4ced3f, "
            f"2019-11-23); read by partnergraph on {READ_ON.isoformat()}. Not covered: "
            "2000-2006, 2007-2013, 2021-2027, and 2014-2020 projects still open in 2019."
        ),
    }
    with (layer / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)


def build_keep_layer(export: Path, data: Path, out: Path) -> dict[str, int]:
    """Import ``export`` against the curated ``data`` and write the ERB-area layer to ``out``."""
    base = read_dataset(data)
    curated = MemoryStore()
    load_dataset(curated, base)
    imported = read_keep([export], StoreContext.from_store(curated), name="keep-eu", today=READ_ON)
    contribution = _rename_source(imported.dataset, source_id_for(export))
    layer = _select(contribution, _merged_store(base, contribution))
    if out.exists():
        for old in sorted(out.rglob("*.csv")):
            old.unlink()
    write_dataset(out, layer)
    _write_source(out)
    read_layers(base, [out])  # the written layer must load: raise DataError if not
    counts: dict[str, int] = {}
    for node in layer.nodes:
        counts[f"nodes {node.label.value}"] = counts.get(f"nodes {node.label.value}", 0) + 1
    for edge in layer.edges:
        counts[f"edges {edge.type.value}"] = counts.get(f"edges {edge.type.value}", 0) + 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_export = ROOT.parent / "shared" / "research" / "real-files" / "keep_closed_1420.xlsx"
    parser.add_argument("--export", type=Path, default=default_export)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    counts = build_keep_layer(args.export, args.data, args.data / "layers" / "keep-eu")
    for key in sorted(counts):
        print(f"{key}: {counts[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
