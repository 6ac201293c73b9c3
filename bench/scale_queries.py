"""Queries at keep.eu scale, on both stores, at three sizes: p50/p95 and how cost grows.

For each size (default 10 %, 30 % and 100 % of ``bench/synth.py``'s scale 1.0) a child process
reads the synthetic set with the real loader, loads it into a memory store and into Neo4j
(cleared first), and times the query layer on both:

- ``partners_for_priority`` on seeded synthetic and real priorities: *cold* (the query cache
  cleared before each call) and *warm* (the same calls again: the per-data-version cache);
- ``connection_paths`` (k=3, max 6 hops) between seeded pairs: organisation–organisation,
  gmina–foreign region, organisation–gmina;
- ``coverage_matrix`` (all priorities × countries) and ``clusters`` (Louvain, seed 42): whole
  graph, cold and warm;
- ``suggest_partners`` for seeded actors (ordinary organisations, hubs, gminy), half of them
  with a priority.

Every family runs its calls until they are done or its time budget is spent (at least one
call), so a pathological case shows as a slow p50 instead of a run that never ends. The same
child also compares community detection on the co-operation projection: networkx's own
``louvain_communities`` (the reference) against igraph's multilevel (Louvain in C) and Leiden,
with modularity measured by networkx for all three.

    python bench/scale_queries.py                       # 0.1, 0.3, 1.0 on both stores;
                                                        # writes "### Queries" and
                                                        # "### Clusters" in "## Scale"
    python bench/scale_queries.py --sizes 0.1 --stores memory --no-docs
    python bench/scale_queries.py --smoke               # seconds: one tiny size

Neo4j is a temporary server of our own (heap ``--heap``, default 3g), always stopped at the
end, unless ``--uri`` names one (WIPED; needs ``--wipe``).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import math
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
from rich.console import Console
from rich.table import Table

import synth
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.csv_source import Dataset, read_dataset
from partnergraph.ingest.loader import load_dataset
from partnergraph.model import RelType
from partnergraph.queries import (
    _cache,
    clusters,
    connection_paths,
    coverage_matrix,
    partners_for_priority,
    suggest_partners,
)
from partnergraph.queries.evidence import GraphReader
from partnergraph.queries.projection import carrier_groups, project
from partnergraph.queries.warmup import warm_up
from scale_common import (
    child_json,
    load_average,
    machine,
    peak_rss_mb,
    percentile,
    run_child,
    temporary_neo4j,
    today,
    write_subsection,
)

HERE = Path(__file__).resolve()
SIZES = (0.1, 0.3, 1.0)
SEED = 1
LOUVAIN_SEED = 42
#: Targets of issue 11 at full size (milliseconds, p95; clusters in seconds).
TARGETS_MS: dict[tuple[str, str], float] = {
    ("partners_for_priority", "neo4j"): 50.0,
    ("partners_for_priority", "memory"): 20.0,
    ("connection_paths", "neo4j"): 50.0,
    ("connection_paths", "memory"): 50.0,
}
TARGET_CLUSTERS_S = 10.0
TARGET_LOUVAIN_SPEEDUP = 5.0
TARGET_MODULARITY_GAP = 0.02

console = Console(width=140)


# -- the workload --------------------------------------------------------------------------


def workload(dataset: Dataset, seed: int, smoke: bool) -> dict[str, list[Any]]:
    """Seeded query arguments drawn from the dataset itself."""
    rnd = random.Random(seed)
    degree: Counter[str] = Counter(
        edge.source for edge in dataset.edges if edge.type == RelType.PARTICIPATES_IN
    )
    labels = {node.uid: node.label for node in dataset.nodes}
    active = sorted(uid for uid in degree if uid.startswith("org:syn-"))
    hubs = [uid for uid, _ in degree.most_common(3)]
    ordinary = [uid for uid in active if 2 <= degree[uid] <= 6]
    addressed = sorted(
        {edge.target for edge in dataset.edges if edge.type == RelType.ADDRESSES}
        - {""}  # every synthetic priority a project addresses
    )
    synthetic = [uid for uid in addressed if uid.startswith("priority:syn-")]
    real = ["priority:pomorskie-priorytety-2008:4", "priority:pomorskie-priorytety-2008:10"]
    n = 3 if smoke else 1
    priorities = rnd.sample(synthetic, min(len(synthetic), 24 // n)) + [
        uid for uid in real if uid in labels
    ]
    gminy = sorted(
        uid for uid, label in labels.items() if uid.startswith("teryt:") and len(uid) == 13
    )
    regions = ["nuts:SE213", "nuts:DK014", "nuts:LT023", "nuts:DE80"]
    pairs = [tuple(rnd.sample(active, 2)) for _ in range(12 // n)]
    pairs += [(rnd.choice(gminy), rnd.choice(regions)) for _ in range(4 // n)]
    pairs += [(rnd.choice(active), rnd.choice(gminy)) for _ in range(4 // n)]
    actors = rnd.sample(ordinary, min(len(ordinary), 6 // n)) + hubs[: 2 if not smoke else 1]
    actors += rnd.sample(gminy, 2 // n)
    suggestions = [
        (uid, rnd.choice(synthetic) if index % 2 else None) for index, uid in enumerate(actors)
    ]
    return {
        "partners": priorities,
        "paths": [list(pair) for pair in pairs],
        "suggest": [list(item) for item in suggestions],
    }


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def _family(
    calls: Sequence[Callable[[], object]], budget_s: float, *, cold: bool
) -> dict[str, Any]:
    """Run ``calls`` in order until done or ``budget_s`` is spent; clear the cache before each
    call when ``cold``. Errors are counted, not raised (a NoPath is an answer too)."""
    times: list[float] = []
    errors: list[str] = []
    spent = 0.0
    for call in calls:
        if spent > budget_s and times:
            break
        if cold:
            _cache.clear()
        start = time.perf_counter()
        try:
            call()
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}"[:200])
        elapsed = time.perf_counter() - start
        spent += elapsed
        times.append(elapsed * 1000)
    return {"ms": times, "errors": errors, "planned": len(calls)}


def measure_store(store: GraphStore, work: dict[str, list[Any]], budget_s: float) -> dict[str, Any]:
    """Every query family on one store: first cold (nothing cached), then the API's warm-up,
    then warm (what a user of the API meets once the warm-up is done)."""
    partners = [(lambda p=p: partners_for_priority(store, p, lang="en")) for p in work["partners"]]
    paths = [
        (lambda a=a, b=b: connection_paths(store, a, b, k=3, lang="en")) for a, b in work["paths"]
    ]
    suggest = [
        (lambda a=a, p=p: suggest_partners(store, a, priority=p, lang="en"))
        for a, p in work["suggest"]
    ]
    matrix = [lambda: coverage_matrix(store, lang="en")]
    found = [lambda: clusters(store, seed=LOUVAIN_SEED, lang="en")]
    louvain = [lambda: clusters(store, method="louvain", seed=LOUVAIN_SEED, lang="en")]
    results: dict[str, Any] = {}
    results["partners_for_priority/cold"] = _family(partners, budget_s, cold=True)
    _cache.clear()  # the path search keeps nothing in the query cache between calls
    results["connection_paths/cold"] = _family(paths, budget_s, cold=False)
    results["suggest_partners/cold"] = _family(suggest, budget_s, cold=True)
    results["coverage_matrix/cold"] = _family(matrix, budget_s, cold=True)
    results["clusters/cold"] = _family(found, budget_s, cold=True)
    results["clusters louvain/cold"] = _family(louvain, budget_s, cold=True)
    # what the API does after every load or reload, in the background (queries/warmup.py)
    _cache.clear()
    start = time.perf_counter()
    report = warm_up(store)
    results["warm_up"] = {
        "s": time.perf_counter() - start,
        "steps": [(step.name, step.seconds) for step in report.steps],
        "complete": report.complete,
    }
    results["partners_for_priority/warm"] = _family(partners, budget_s, cold=False)
    results["connection_paths/warm"] = _family(paths, budget_s, cold=False)
    results["suggest_partners/warm"] = _family(suggest, budget_s, cold=False)
    results["coverage_matrix/warm"] = _family(matrix, budget_s, cold=False)
    results["clusters/warm"] = _family(found, budget_s, cold=False)
    _cache.clear()
    return results


def compare_louvain(store: MemoryStore, reference: bool) -> dict[str, Any]:
    """networkx Louvain (reference) vs igraph multilevel and Leiden on the same projection."""
    import igraph as ig  # type: ignore[import-untyped]

    groups = carrier_groups(GraphReader(store.to_networkx()))
    start = time.perf_counter()
    arrays = project(groups)
    built = time.perf_counter() - start
    names = arrays.actors
    start = time.perf_counter()
    graph = arrays.to_igraph()
    converted = time.perf_counter() - start
    projection = arrays.to_networkx()

    def quality(parts: Sequence[Sequence[str]]) -> float:
        return float(nx.community.modularity(projection, parts, weight="weight"))

    def groups(membership: Sequence[int]) -> list[list[str]]:
        found: dict[int, list[str]] = {}
        for i, cluster in enumerate(membership):
            found.setdefault(cluster, []).append(names[i])
        return list(found.values())

    out: dict[str, Any] = {
        "actors": arrays.n_actors,
        "ties": arrays.n_ties,
        "projection_s": built,
        "to_igraph_s": converted,
    }
    for method in ("igraph_multilevel", "igraph_leiden"):
        ig.set_random_number_generator(random.Random(LOUVAIN_SEED))
        try:
            start = time.perf_counter()
            if method == "igraph_multilevel":
                membership = graph.community_multilevel(weights="weight").membership
            else:
                membership = graph.community_leiden(
                    objective_function="modularity", weights="weight", n_iterations=2
                ).membership
            seconds = time.perf_counter() - start
        finally:
            ig.set_random_number_generator(random)
        parts = groups(membership)
        out[method] = {"s": seconds, "modularity": quality(parts), "communities": len(parts)}
    if reference:
        start = time.perf_counter()
        parts = nx.community.louvain_communities(projection, weight="weight", seed=LOUVAIN_SEED)
        seconds = time.perf_counter() - start
        out["networkx_louvain"] = {
            "s": seconds,
            "modularity": quality([sorted(p) for p in parts]),
            "communities": len(parts),
        }
    return out


def child(args: argparse.Namespace) -> None:
    start = time.perf_counter()
    dataset = read_dataset(args.data)
    read_s = time.perf_counter() - start
    work = workload(dataset, args.seed, args.smoke)
    memory = MemoryStore()
    start = time.perf_counter()
    load_dataset(memory, dataset)
    loads = {"memory": time.perf_counter() - start}
    sizes = {"nodes": len(dataset.nodes), "edges": len(dataset.edges)}
    neo: Neo4jStore | None = None
    if args.uri:
        neo = Neo4jStore.connect(args.uri, timeout=60)
        neo.clear()
        start = time.perf_counter()
        load_dataset(neo, dataset)
        loads["neo4j"] = time.perf_counter() - start
    del dataset
    gc.collect()
    result: dict[str, Any] = {"read_s": read_s, "loads": loads, "sizes": sizes, "stores": {}}
    try:
        result["stores"]["memory"] = measure_store(memory, work, args.budget)
        result["memory_peak_rss_mb"] = peak_rss_mb()
        if neo is not None:
            result["stores"]["neo4j"] = measure_store(neo, work, args.budget)
        result["louvain"] = compare_louvain(memory, reference=not args.no_reference)
    finally:
        if neo is not None:
            neo.clear()
            neo.close()
    child_json(result)


# -- reporting -----------------------------------------------------------------------------

FAMILIES = (
    "partners_for_priority/cold",
    "partners_for_priority/warm",
    "connection_paths/cold",
    "connection_paths/warm",
    "suggest_partners/cold",
    "suggest_partners/warm",
    "coverage_matrix/cold",
    "coverage_matrix/warm",
    "clusters/cold",
    "clusters/warm",
    "clusters louvain/cold",
)


def _ms(value: float) -> str:
    if value >= 10_000:
        return f"{value / 1000:,.0f} s"
    if value >= 1000:
        return f"{value / 1000:.1f} s"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _growth(small: float, large: float, factor: float) -> str:
    """Cost growth from one size to a ``factor`` times larger one, as an exponent."""
    if small <= 0 or large <= 0 or factor <= 1:
        return "—"
    return f"{large / small:.1f}× (n^{math.log(large / small) / math.log(factor):.2f})"


def tables(runs: dict[float, dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Markdown rows for the query table and the Louvain table."""
    sizes = sorted(runs)
    stores = [s for s in ("memory", "neo4j") if any(s in runs[z]["stores"] for z in sizes)]
    header = "| query | store | " + " | ".join(f"{z:g}: p50 / p95 ms (n)" for z in sizes)
    header += " | growth of p50, smallest → largest |" if len(sizes) > 1 else " |"
    rows = [header, "|---|---|" + "---:|" * len(sizes) + ("---|" if len(sizes) > 1 else "")]
    for family in FAMILIES:
        for store in stores:
            cells = []
            p50s = []
            for size in sizes:
                found = runs[size]["stores"].get(store, {}).get(family)
                if not found or not found["ms"]:
                    cells.append("—")
                    p50s.append(0.0)
                    continue
                ms = found["ms"]
                p50, p95 = percentile(ms, 50), percentile(ms, 95)
                p50s.append(p50)
                note = f" ({len(ms)}/{found['planned']})" if len(ms) < found["planned"] else ""
                errors = f", {len(found['errors'])} err" if found["errors"] else ""
                cells.append(f"{_ms(p50)} / {_ms(p95)} ({len(ms)}{errors}){note}")
            growth = ""
            if len(sizes) > 1:
                factor = sizes[-1] / sizes[0]
                growth = " " + _growth(p50s[0], p50s[-1], factor) + " |"
            rows.append(f"| {family} | {store} | " + " | ".join(cells) + " |" + growth)
    louvain = [
        "| size | actors | ties | projection build s | networkx Louvain s (Q) "
        "| igraph multilevel s (Q) | igraph Leiden s (Q) | multilevel speed-up | ΔQ |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        data = runs[size]["louvain"]
        ref = data.get("networkx_louvain")
        ml, ld = data["igraph_multilevel"], data["igraph_leiden"]
        ref_text = f"{ref['s']:.1f} ({ref['modularity']:.4f})" if ref else "—"
        speed = f"{ref['s'] / ml['s']:.0f}×" if ref and ml["s"] > 0 else "—"
        gap = f"{(ml['modularity'] - ref['modularity']) / ref['modularity']:+.2%}" if ref else "—"
        louvain.append(
            f"| {size:g} | {data['actors']:,} | {data['ties']:,} | {data['projection_s']:.1f} "
            f"| {ref_text} | {ml['s']:.1f} ({ml['modularity']:.4f}) "
            f"| {ld['s']:.1f} ({ld['modularity']:.4f}) | {speed} | {gap} |"
        )
    return rows, louvain


def warm_up_rows(runs: dict[float, dict[str, Any]]) -> list[str]:
    rows = ["| size | store | warm-up s | steps (s) |", "|---:|---|---:|---|"]
    for size in sorted(runs):
        for store, found in runs[size]["stores"].items():
            data = found.get("warm_up")
            if not data:
                continue
            steps = "; ".join(f"{name} {seconds:.1f}" for name, seconds in data["steps"])
            done = "" if data["complete"] else " (stopped early)"
            rows.append(f"| {size:g} | {store} | {data['s']:.1f}{done} | {steps} |")
    return rows


def verdicts(runs: dict[float, dict[str, Any]]) -> list[tuple[str, str, bool]]:
    full = runs[max(runs)]
    found: list[tuple[str, str, bool]] = []
    for (query, store), target in TARGETS_MS.items():
        for flavour in ("/cold", "/warm", ""):
            data = full["stores"].get(store, {}).get(query + flavour)
            if data and data["ms"]:
                p95 = percentile(data["ms"], 95)
                shown = _ms(p95) if p95 >= 1000 else f"{_ms(p95)} ms"
                found.append(
                    (
                        f"{query}{flavour} on {store}: p95 {shown}",
                        f"≤ {target:.0f} ms",
                        p95 <= target,
                    )
                )
    for store in ("memory", "neo4j"):
        for flavour in ("cold", "warm"):
            data = full["stores"].get(store, {}).get(f"clusters/{flavour}")
            if data and data["ms"]:
                seconds = data["ms"][0] / 1000
                found.append(
                    (
                        f"clusters ({flavour}) on {store}: {seconds:.1f} s",
                        f"≤ {TARGET_CLUSTERS_S:.0f} s",
                        seconds <= TARGET_CLUSTERS_S,
                    )
                )
    louvain = full["louvain"]
    ref = louvain.get("networkx_louvain")
    if ref:
        ml = louvain["igraph_multilevel"]
        speed = ref["s"] / ml["s"] if ml["s"] else 0.0
        found.append(
            (
                f"igraph multilevel vs networkx Louvain, same projection and run: {speed:.1f}×",
                f"≥ {TARGET_LOUVAIN_SPEEDUP:.0f}×",
                speed >= TARGET_LOUVAIN_SPEEDUP,
            )
        )
        gap = (ml["modularity"] - ref["modularity"]) / ref["modularity"]
        found.append(
            (
                f"its modularity vs networkx's: {gap:+.2%}",
                f"within {TARGET_MODULARITY_GAP:.0%} (or better)",
                gap >= -TARGET_MODULARITY_GAP,
            )
        )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default=",".join(f"{s:g}" for s in SIZES))
    parser.add_argument("--stores", default="memory,neo4j")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--budget", type=float, default=90.0, help="seconds per query family")
    parser.add_argument("--heap", default=None, help="Neo4j heap (default 3g, 1g for --smoke)")
    parser.add_argument(
        "--page-cache", default=None, help="Neo4j page cache (default 1g, 256m for --smoke)"
    )
    parser.add_argument("--uri", help="use this Neo4j instead of a temporary one (WIPED)")
    parser.add_argument("--wipe", action="store_true", help="confirm that --uri may be wiped")
    parser.add_argument("--no-reference", action="store_true", help="skip networkx Louvain")
    parser.add_argument("--smoke", action="store_true", help="seconds: scale 0.005; no docs")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args)
        return 0
    if args.uri and not args.wipe:
        parser.error("--uri wipes that database; add --wipe to confirm")
    sizes = [0.005] if args.smoke else sorted(float(s) for s in args.sizes.split(","))
    stores = {s.strip() for s in args.stores.split(",")}
    if not stores <= {"memory", "neo4j"} or "memory" not in stores:
        parser.error("--stores: memory, optionally with neo4j")
    budget = 5.0 if args.smoke else args.budget
    heap = args.heap or ("1g" if args.smoke else "3g")
    runs: dict[float, dict[str, Any]] = {}
    load_before = load_average()
    info: dict[str, str] | None = None
    with contextlib.ExitStack() as stack:
        scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="pg-scale-q-"))
        page_cache = args.page_cache or ("256m" if args.smoke else "1g")
        neo = (
            stack.enter_context(temporary_neo4j(args.uri, heap, page_cache))
            if "neo4j" in stores
            else None
        )
        info = neo.info if neo else None
        for size in sizes:
            out = Path(scratch) / f"synth-{size:g}" if args.smoke else None
            folder, _ = synth.ensure(synth.Params(scale=size, seed=args.seed), out)
            child_args = [
                "--child",
                "--data",
                str(folder / "dataset"),
                "--seed",
                str(args.seed),
                "--budget",
                str(budget),
            ]
            if neo is not None:
                child_args += ["--uri", neo.uri]
            if args.smoke:
                child_args.append("--smoke")
            if args.no_reference:
                child_args.append("--no-reference")
            with console.status(f"size {size:g}: load and query both stores …"):
                runs[size] = run_child(HERE, child_args, timeout=6 * 3600)
            run = runs[size]
            loads = ", ".join(f"{k} {v:.1f} s" for k, v in run["loads"].items())
            console.print(
                f"size {size:g}: {run['sizes']['nodes']:,} nodes, "
                f"{run['sizes']['edges']:,} relationships; load {loads}; "
                f"memory peak RSS {run['memory_peak_rss_mb']:,.0f} MB"
            )
    load_after = load_average()
    query_rows, louvain_rows = tables(runs)
    for title, rows in (("Queries", query_rows), ("Community detection", louvain_rows)):
        table = Table(title=title)
        for cell in rows[0].strip("|").split("|"):
            table.add_column(cell.strip())
        for row in rows[2:]:
            table.add_row(*(cell.strip() for cell in row.strip("|").split("|")))
        console.print(table)
    checks = verdicts(runs)
    for text, target, met in checks:
        colour = "green" if met else "red"
        console.print(f"{text} (target {target}): [{colour}]{'met' if met else 'NOT met'}[/]")
    console.print(f"load average {load_before} → {load_after}")
    if args.smoke or args.no_docs:
        return 0
    write_docs(args, runs, info, (load_before, load_after), query_rows, louvain_rows, checks)
    console.print("wrote “### Queries” and “### Clusters” in “## Scale” of docs/benchmarks.md")
    return 0


def write_docs(
    args: argparse.Namespace,
    runs: dict[float, dict[str, Any]],
    info: dict[str, str] | None,
    loads: tuple[str, str],
    query_rows: list[str],
    louvain_rows: list[str],
    checks: list[tuple[str, str, bool]],
) -> None:
    sizes = sorted(runs)
    described = "; ".join(
        f"{size:g}: {runs[size]['sizes']['nodes']:,} nodes, {runs[size]['sizes']['edges']:,} "
        f"relationships (load: "
        + ", ".join(f"{k} {v:.0f} s" for k, v in runs[size]["loads"].items())
        + f"; memory-store process peak RSS {runs[size]['memory_peak_rss_mb']:,.0f} MB)"
        for size in sizes
    )
    command = f"`python bench/scale_queries.py --sizes {','.join(f'{s:g}' for s in sizes)}`"
    met = [
        f"- {text} (target {target}): {'met' if ok else '**NOT met**'}"
        for text, target, ok in checks
    ]
    body = "\n".join(
        [
            f"{command} on {today()}: {machine(info)}. Load average before/after: "
            f"{loads[0]} / {loads[1]}.",
            "",
            f"Sizes (fraction of scale 1.0, seed {args.seed}): {described}.",
            "",
            "Each size runs in its own process: the real loader reads the files, then the same "
            "seeded calls run on the memory store and on Neo4j. *cold*: the query layer's "
            "per-data-version cache is cleared before every call (a notebook's first question "
            "after a load; `connection_paths`: cleared once, and on Neo4j each question is "
            "searched on the server); *warm*: the same calls after `warm_up(store)`, which "
            "the API runs in a background thread after every load and reload (its duration "
            "is in the next table), so these are the times a user of the API sees. "
            "`clusters` uses the default method (`auto`: Leiden above 5,000 actors); "
            "`clusters louvain` asks for Louvain. `connection_paths`: k=3, ≤ 6 hops; pairs "
            "organisation–organisation, "
            "gmina–foreign region and organisation–gmina. `suggest_partners`: ordinary "
            "organisations, the biggest hubs and gminy, half with a priority. n = calls "
            f"measured (a family stops after {args.budget:.0f} s; “(n/m)” = stopped early). "
            "Growth: p50 at the largest size over p50 at the smallest, and the exponent it "
            "implies.",
            "",
            *query_rows,
            "",
            "The warm-up (`queries/warmup.py`), timed in the same run, with its steps:",
            "",
            *warm_up_rows(runs),
            "",
            "Targets at full size (issue 11):",
            "",
            *met,
        ]
    )
    write_subsection("Queries", body)
    clusters_body = "\n".join(
        [
            f"Same run ({command}). The actor co-operation projection of the memory store "
            "(`queries/projection.py`), then community detection with seed 42: networkx's own "
            "`louvain_communities` (the reference), igraph's `community_multilevel` (Louvain "
            "in C) and `community_leiden` (modularity objective, 2 iterations). Q is "
            "networkx's `modularity` of each partition, computed the same way for all three; "
            "ΔQ is igraph multilevel against networkx.",
            "",
            *louvain_rows,
        ]
    )
    write_subsection("Clusters", clusters_body)


if __name__ == "__main__":
    sys.exit(main())
