"""Ingest at keep.eu scale: the synthetic set through the real loader into both stores.

In one run, on the same files (``bench/synth.py``, generated if missing):

1. *read + validate*: ``read_dataset`` (the real CSV loader), timed on its own;
2. *memory, batched*: ``load_dataset`` into a fresh ``MemoryStore`` — with its peak RSS, in a
   child process of its own;
3. *neo4j, batched*: ``load_dataset`` into Neo4j (``UNWIND`` batches of 10k in managed write
   transactions), the full set, in another child process;
4. *neo4j, one MERGE per row* and *neo4j, batched* again on a seeded sample of about 20k rows
   (relationships and their endpoints), so per-row cost is measured without taking hours.

The Neo4j load must end in the same graph as the memory load (counts and content version), and
the two sample loads in the same graph as each other, or the run fails.

    python bench/scale_ingest.py                # scale 1.0 (~135k nodes, ~450k relationships);
                                                # writes "### Ingest" in "## Scale"
    python bench/scale_ingest.py --scale 0.3 --no-docs
    python bench/scale_ingest.py --smoke        # seconds: scale 0.005, a 300-row sample

Neo4j is a temporary server of our own (``graph/server.py``, heap ``--heap``, default 3g) on a
temporary directory, always stopped at the end — unless ``--uri`` names one, which is then
WIPED, so it also needs ``--wipe``.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

import synth
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.ingest.csv_source import Dataset, read_dataset
from partnergraph.ingest.loader import Progress, load_dataset
from partnergraph.model import Edge, Node
from scale_common import (
    child_json,
    load_average,
    machine,
    peak_rss_mb,
    proc_memory_mb,
    run_child,
    temporary_neo4j,
    today,
    write_subsection,
)

HERE = Path(__file__).resolve()
TITLE = "Ingest"
#: Targets of issue 11 at scale 1.0 on this machine.
TARGET_NEO4J_SECONDS = 180.0
TARGET_RATIO = 20.0
TARGET_MEMORY_RSS_MB = 4096.0

console = Console(width=120)


# -- children ------------------------------------------------------------------------------


def _read(data: Path) -> tuple[Dataset, float]:
    start = time.perf_counter()
    dataset = read_dataset(data)
    return dataset, time.perf_counter() - start


def child_memory(data: Path) -> None:
    """Read and load into a fresh memory store; report times, peak RSS and the result."""
    dataset, read_s = _read(data)
    store = MemoryStore()
    phases: dict[str, float] = {}
    start = time.perf_counter()
    load_dataset(store, dataset, progress=_phase_clock(phases, start))
    load_s = time.perf_counter() - start
    nodes, edges = len(dataset.nodes), len(dataset.edges)
    peak = peak_rss_mb()
    del dataset
    gc.collect()
    child_json(
        {
            "read_s": read_s,
            "load_s": load_s,
            "node_s": phases.get("nodes", load_s),
            "nodes": nodes,
            "edges": edges,
            "peak_rss_mb": peak,
            "store_rss_mb": proc_memory_mb().get("VmRSS", 0.0),
            "version": store.data_version(),
            "counts": store.counts().model_dump(),
        }
    )


def _phase_clock(phases: dict[str, float], start: float) -> Progress:
    """A loader progress callback that notes when all nodes were written."""

    def progress(what: str, done: int, total: int) -> None:
        if what == "nodes" and done >= total and "nodes" not in phases:
            phases["nodes"] = time.perf_counter() - start

    return progress


def _sample(dataset: Dataset, rows: int, seed: int) -> tuple[list[Node], list[Edge]]:
    """Random relationships and their endpoints, about ``rows`` rows in all, in load order."""
    rnd = random.Random(seed)
    order = list(range(len(dataset.edges)))
    rnd.shuffle(order)
    by_uid = {node.uid: node for node in dataset.nodes}
    chosen: list[int] = []
    touched: set[str] = set()
    for index in order:
        if len(chosen) + len(touched) >= rows:
            break
        edge = dataset.edges[index]
        chosen.append(index)
        touched.update((edge.source, edge.target))
    nodes = [by_uid[uid] for uid in sorted(touched)]
    edges = [dataset.edges[index] for index in sorted(chosen)]
    return nodes, edges


def _timed_rows(
    write_nodes: Callable[[list[Node]], int],
    write_edges: Callable[[list[Edge]], int],
    nodes: list[Node],
    edges: list[Edge],
) -> dict[str, float]:
    start = time.perf_counter()
    write_nodes(nodes)
    middle = time.perf_counter()
    write_edges(edges)
    end = time.perf_counter()
    return {
        "nodes": len(nodes),
        "edges": len(edges),
        "node_s": middle - start,
        "load_s": end - start,
    }


def child_neo4j(data: Path, uri: str, sample_rows: int, seed: int, warm_up: int) -> None:
    """Full batched load, then per-row and batched on a sample; report times and results."""
    dataset, read_s = _read(data)
    store = Neo4jStore.connect(uri, timeout=60)
    try:
        # warm up both write paths (query plans, JIT) on a slice, as bench/ingest.py does
        warm_nodes, warm_edges = _sample(dataset, warm_up, seed + 1)
        for _ in range(2 if warm_up >= 100 else 1):
            store.clear()
            store.upsert_nodes(warm_nodes)
            store.upsert_edges(warm_edges)
            store.clear()
            store.naive_upsert_nodes_one_per_row(warm_nodes)
            store.naive_upsert_edges_one_per_row(warm_edges)
        store.clear()
        phases: dict[str, float] = {}
        start = time.perf_counter()
        load_dataset(store, dataset, progress=_phase_clock(phases, start))
        full = {
            "nodes": len(dataset.nodes),
            "edges": len(dataset.edges),
            "node_s": phases.get("nodes", 0.0),
            "load_s": time.perf_counter() - start,
        }
        full_version = store.data_version()
        full_counts = store.counts().model_dump()
        peak = peak_rss_mb()
        nodes, edges = _sample(dataset, sample_rows, seed)
        del dataset
        gc.collect()
        start = time.perf_counter()
        store.clear()
        clear_s = time.perf_counter() - start
        naive = _timed_rows(
            store.naive_upsert_nodes_one_per_row,
            store.naive_upsert_edges_one_per_row,
            nodes,
            edges,
        )
        naive_version = store.data_version()
        store.clear()
        batched = _timed_rows(store.upsert_nodes, store.upsert_edges, nodes, edges)
        batched_version = store.data_version()
        store.clear()
    finally:
        store.close()
    child_json(
        {
            "read_s": read_s,
            "full": full,
            "full_version": full_version,
            "full_counts": full_counts,
            "clear_s": clear_s,
            "sample_naive": naive,
            "sample_batched": batched,
            "sample_same_graph": naive_version == batched_version,
            "peak_rss_mb": peak,
        }
    )


# -- the run -------------------------------------------------------------------------------


def _rates(row: dict[str, float]) -> tuple[float, float, float]:
    edge_s = row["load_s"] - row["node_s"]
    return (
        row["nodes"] / row["node_s"] if row["node_s"] else 0.0,
        row["edges"] / edge_s if edge_s else 0.0,
        (row["nodes"] + row["edges"]) / row["load_s"],
    )


def _f(value: object) -> dict[str, float]:
    assert isinstance(value, dict)
    return {str(k): float(v) for k, v in value.items()}


def _num(result: dict[str, object], key: str) -> float:
    value = result[key]
    assert isinstance(value, int | float)
    return float(value)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=20_000, help="rows for the per-row run")
    parser.add_argument("--heap", default=None, help="Neo4j heap (default 3g, 1g for --smoke)")
    parser.add_argument("--uri", help="use this Neo4j instead of a temporary one (WIPED)")
    parser.add_argument("--wipe", action="store_true", help="confirm that --uri may be wiped")
    parser.add_argument("--out", type=Path, help="where the synthetic files are (or go)")
    parser.add_argument("--smoke", action="store_true", help="seconds: scale 0.005; no docs")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--child", choices=["memory", "neo4j"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--warm-up", type=int, default=300, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "memory":
        child_memory(args.data)
        return 0
    if args.child == "neo4j":
        child_neo4j(args.data, args.uri, args.sample, args.seed, args.warm_up)
        return 0
    if args.uri and not args.wipe:
        parser.error("--uri wipes that database; add --wipe to confirm")
    scale = 0.005 if args.smoke else args.scale
    sample = min(args.sample, 300) if args.smoke else args.sample
    heap = args.heap or ("1g" if args.smoke or scale < 0.5 else "3g")
    with tempfile.TemporaryDirectory(prefix="pg-scale-") as scratch:
        out = args.out or (Path(scratch) / "synth" if args.smoke else None)
        with console.status(f"synthetic data, scale {scale:g} …"):
            folder, manifest = synth.ensure(synth.Params(scale=scale, seed=args.seed), out)
        data = folder / "dataset"
        console.print(
            f"data: {data} ({manifest['synthetic_nodes']:,} synthetic nodes, "
            f"{manifest['synthetic_edges']:,} synthetic relationships + data/)"
        )
        load_before = load_average()
        timeout = 7200.0
        with console.status("memory store: read + load in a child process …"):
            memory = run_child(HERE, ["--child", "memory", "--data", str(data)], timeout)
        console.print(
            f"  memory: read {_num(memory, 'read_s'):.1f} s, load {_num(memory, 'load_s'):.1f} s,"
            f" peak RSS {_num(memory, 'peak_rss_mb'):,.0f} MB"
        )
        with temporary_neo4j(args.uri, heap) as neo:
            with console.status("neo4j: full batched load, then the per-row sample …"):
                result = run_child(
                    HERE,
                    [
                        "--child",
                        "neo4j",
                        "--data",
                        str(data),
                        "--uri",
                        neo.uri,
                        "--sample",
                        str(sample),
                        "--seed",
                        str(args.seed),
                        "--warm-up",
                        "20" if args.smoke else "300",
                    ],
                    timeout,
                )
            server_memory = neo.server_memory()
            info = neo.info
        load_after = load_average()
    return report(
        args,
        scale,
        manifest,
        memory,
        result,
        server_memory,
        info,
        (load_before, load_after),
    )


def report(
    args: argparse.Namespace,
    scale: float,
    manifest: dict[str, object],
    memory: dict[str, object],
    neo: dict[str, object],
    server_memory: dict[str, float],
    info: dict[str, str],
    loads: tuple[str, str],
) -> int:
    full, naive, batched = _f(neo["full"]), _f(neo["sample_naive"]), _f(neo["sample_batched"])
    mem = {
        "nodes": _num(memory, "nodes"),
        "edges": _num(memory, "edges"),
        "node_s": _num(memory, "node_s"),
        "load_s": _num(memory, "load_s"),
    }
    read_s = _num(memory, "read_s")
    same_graph = neo["full_version"] == memory["version"] and neo["full_counts"] == memory["counts"]
    rows: list[tuple[str, dict[str, float], str]] = [
        ("memory, batched (full set)", mem, f"{_num(memory, 'peak_rss_mb'):,.0f}"),
        ("neo4j, batched (full set)", full, f"{_num(neo, 'peak_rss_mb'):,.0f}"),
        ("neo4j, batched (sample)", batched, "—"),
        ("neo4j, one MERGE per row (sample)", naive, "—"),
    ]
    table = Table(title=f"Ingest at scale {scale:g} (rows per second, higher is better)")
    columns = ["store, write path", "nodes", "relationships", "nodes/s", "rels/s", "rows/s", "s"]
    for column in [*columns, "client peak RSS MB"]:
        table.add_column(column, justify="left" if column.startswith("store") else "right")
    md = [
        "| store, write path | nodes | relationships | nodes/s | relationships/s | all rows/s "
        "| seconds | client peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    total = mem["nodes"] + mem["edges"]
    read_row = (
        f"{mem['nodes']:,.0f}",
        f"{mem['edges']:,.0f}",
        "",
        "",
        f"{total / read_s:,.0f}",
        f"{read_s:.1f}",
        "(in the memory row)",
    )
    table.add_row("read + validate CSV (real loader)", *read_row)
    md.append("| read + validate CSV (real loader) | " + " | ".join(read_row) + " |")
    for name, row, rss in rows:
        node_rate, edge_rate, all_rate = _rates(row)
        cells = (
            f"{row['nodes']:,.0f}",
            f"{row['edges']:,.0f}",
            f"{node_rate:,.0f}",
            f"{edge_rate:,.0f}",
            f"{all_rate:,.0f}",
            f"{row['load_s']:.1f}",
            rss,
        )
        table.add_row(name, *cells)
        md.append(f"| {name} | " + " | ".join(cells) + " |")
    console.print(table)
    naive_rate, sample_rate = _rates(naive)[2], _rates(batched)[2]
    ratio_sample = sample_rate / naive_rate
    # One MERGE per row, extrapolated to the full set's own mix of nodes and relationships
    # (per-row node writes are several times slower than relationship writes, and the sample,
    # relationships with their endpoints, has more nodes than the full set).
    naive_nodes, naive_edges, _ = _rates(naive)
    naive_full_s = full["nodes"] / naive_nodes + full["edges"] / naive_edges
    ratio_full = naive_full_s / full["load_s"]
    memory_rss = _num(memory, "peak_rss_mb")
    verdicts = [
        (
            f"Neo4j batched load of the full set: {full['load_s']:.0f} s",
            f"≤ {TARGET_NEO4J_SECONDS:.0f} s",
            full["load_s"] <= TARGET_NEO4J_SECONDS,
        ),
        (
            f"Neo4j batched vs one MERGE per row: {ratio_full:.1f}× on the full set (per-row "
            f"time extrapolated from the sample's node and relationship rates: "
            f"{naive_full_s / 3600:.1f} h against {full['load_s']:.0f} s); on the sample "
            f"itself, both ways: {ratio_sample:.1f}×",
            f"≥ {TARGET_RATIO:.0f}×",
            ratio_full >= TARGET_RATIO,
        ),
        (
            f"memory store, peak RSS of read + load: {memory_rss:,.0f} MB "
            f"(RSS once the parsed rows are released: {_num(memory, 'store_rss_mb'):,.0f} MB; "
            "CPython keeps freed memory, so that is an upper bound for the store)",
            f"≤ {TARGET_MEMORY_RSS_MB:,.0f} MB",
            memory_rss <= TARGET_MEMORY_RSS_MB,
        ),
    ]
    for text, target, met in verdicts:
        colour = "green" if met else "red"
        console.print(f"{text} (target {target}): [{colour}]{'met' if met else 'NOT met'}[/]")
    console.print(
        f"same graph in memory and Neo4j: {same_graph}; sample loads agree: "
        f"{neo['sample_same_graph']}; Neo4j server RSS peak "
        f"{server_memory.get('VmHWM', 0):,.0f} MB; load average {loads[0]} → {loads[1]}"
    )
    if not same_graph or not neo["sample_same_graph"]:
        console.print("[red]the loads ended in different graphs; the figures mean nothing[/red]")
        return 1
    if args.smoke or args.no_docs:
        return 0
    stats = manifest["stats"]
    assert isinstance(stats, dict)
    body = "\n".join(
        [
            f"`python bench/scale_ingest.py --scale {scale:g} --seed {args.seed}` on {today()}: "
            f"{machine(info)}. Load average before/after: {loads[0]} / {loads[1]}.",
            "",
            f"Data: `bench/synth.py` scale {scale:g}, seed {args.seed}: {mem['nodes']:,.0f} "
            f"nodes and {mem['edges']:,.0f} relationships ({stats['organisations']:,} "
            f"organisations, {stats['projects']:,} projects, {stats['participations']:,} "
            f"participations, {stats['programmes']} programmes, {stats['priorities']} "
            f"priorities, plus the real data/). Memory and Neo4j loads each ran in a child "
            f"process of their own (peak RSS = `ru_maxrss` of that process, CSV reading "
            f"included). The per-row sample: {naive['nodes']:,.0f} nodes + "
            f"{naive['edges']:,.0f} relationships drawn with the seed; written one MERGE per "
            "row (one managed transaction per row), then batched, after a warm-up of both "
            "paths. Both Neo4j loads end in the same graph as the memory load (counts and "
            "content version checked).",
            "",
            *md,
            "",
            f"Neo4j server (JVM) peak RSS: {server_memory.get('VmHWM', 0):,.0f} MB. Clearing "
            f"the full graph took {_num(neo, 'clear_s'):.0f} s.",
            "",
            "Targets (issue 11):",
            "",
            *(
                f"- {text} (target {target}): {'met' if met else '**NOT met**'}"
                for text, target, met in verdicts
            ),
        ]
    )
    write_subsection(TITLE, body)
    console.print(f"wrote “### {TITLE}” in “## Scale” of docs/benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
