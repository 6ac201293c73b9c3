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
import urllib.parse
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
from rich.console import Console
from rich.table import Table

import synth
from partnergraph.api.limits import DEFAULT_PAGE
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
from partnergraph.queries.projection import project
from partnergraph.queries.regions import region_activity
from partnergraph.queries.service import QueryService
from partnergraph.queries.warmup import warm_up
from scale_common import (
    api_worker_rss,
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
#: Targets of issue 17 on Neo4j, the first call after a load with no warm-up (milliseconds;
#: p95 of the cold calls, the first included, and the first call alone must both be within).
FIRST_CALL_TARGETS_MS: dict[str, float] = {
    "partners_for_priority": 50.0,
    "connection_paths": 50.0,  # k=3
    "region_activity": 200.0,
    "coverage_matrix": 1000.0,
    "clusters": 10_000.0,
    "suggest_partners": 200.0,
}
#: Issue 17: the API worker's RSS with the Neo4j backend, at the largest size, and "flat": at
#: most this much more at the largest size than at the smallest.
TARGET_API_RSS_MB = 400.0
TARGET_API_RSS_GROWTH = 0.25
#: "Today's" warm memory-store p95 (ms) that issue 17 says the memory store must not fall
#: behind: docs/benchmarks.md, "### Queries", the run of 2026-11-24 (before issue 17).
MEMORY_WARM_P95_BASELINE_MS: dict[str, dict[float, float]] = {
    "partners_for_priority": {0.1: 1.8, 0.3: 3.0, 1.0: 5.9},
    "connection_paths": {0.1: 3.0, 0.3: 13.6, 1.0: 26.5},
    "suggest_partners": {0.1: 37.0, 0.3: 112.0, 1.0: 287.0},
    "coverage_matrix": {0.1: 720.0, 0.3: 924.0, 1.0: 2700.0},
    "clusters": {0.1: 32.4, 0.3: 92.3, 1.0: 407.0},
}
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
    # region_activity: the home region and the whole country (the busiest answers), NUTS
    # regions and gminy where synthetic organisations are located; every other one for a
    # programme that funds synthetic projects
    located = sorted(
        {
            edge.target
            for edge in dataset.edges
            if edge.type == RelType.LOCATED_IN and edge.source.startswith("org:syn-")
        }
    )
    nuts = [uid for uid in located if uid.startswith("nuts:")]
    located_gminy = [uid for uid in located if uid.startswith("teryt:") and len(uid) == 13]
    programmes = sorted(
        {edge.target for edge in dataset.edges if edge.type == RelType.FUNDED_BY} - {""}
    )
    places = [uid for uid in ("nuts:PL63", "nuts:PL") if uid in labels]
    places += rnd.sample(nuts, min(len(nuts), 6 // n))
    places += rnd.sample(located_gminy, min(len(located_gminy), 4 // n))
    regions_asked = [
        (uid, rnd.choice(programmes) if index % 2 and programmes else None)
        for index, uid in enumerate(places)
    ]
    return {
        "partners": priorities,
        "paths": [list(pair) for pair in pairs],
        "suggest": [list(item) for item in suggestions],
        "regions": [list(item) for item in regions_asked],
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
    then warm (what a user of the API meets once the warm-up is done).

    *cold* starts right after the load, with no warm-up: the query cache is cleared before
    every call, so a family's first call (``ms[0]``) is the first question of its kind after
    a load, and the following ones are further distinct questions, each cold too."""
    partners = [(lambda p=p: partners_for_priority(store, p, lang="en")) for p in work["partners"]]
    paths = [
        (lambda a=a, b=b: connection_paths(store, a, b, k=3, lang="en")) for a, b in work["paths"]
    ]
    suggest = [
        (lambda a=a, p=p: suggest_partners(store, a, priority=p, lang="en"))
        for a, p in work["suggest"]
    ]
    regions = [
        (lambda r=r, p=p: region_activity(store, r, programme=p, lang="en", limit=DEFAULT_PAGE))
        for r, p in work["regions"]
    ]
    matrix = [lambda: coverage_matrix(store, lang="en")]
    found = [lambda: clusters(store, seed=LOUVAIN_SEED, lang="en")]
    louvain = [lambda: clusters(store, method="louvain", seed=LOUVAIN_SEED, lang="en")]
    results: dict[str, Any] = {}
    # One query service for the store, as the API holds one: its cache is what "warm" reads
    # (the cold calls clear it before each call).
    service = QueryService(store)
    with service.bound():
        service.cache.clear()  # after the load, nothing computed: no warm-up has run
        results["partners_for_priority/cold"] = _family(partners, budget_s, cold=True)
        results["connection_paths/cold"] = _family(paths, budget_s, cold=True)
        results["region_activity/cold"] = _family(regions, budget_s, cold=True)
        results["suggest_partners/cold"] = _family(suggest, budget_s, cold=True)
        results["coverage_matrix/cold"] = _family(matrix, budget_s, cold=True)
        results["clusters/cold"] = _family(found, budget_s, cold=True)
        results["clusters louvain/cold"] = _family(louvain, budget_s, cold=True)
        # what the API does after every load or reload, in the background (queries/warmup.py)
        service.cache.clear()
        start = time.perf_counter()
        report = warm_up(store)
        results["warm_up"] = {
            "s": time.perf_counter() - start,
            "steps": [(step.name, step.seconds) for step in report.steps],
            "complete": report.complete,
        }
        results["partners_for_priority/warm"] = _family(partners, budget_s, cold=False)
        results["connection_paths/warm"] = _family(paths, budget_s, cold=False)
        results["region_activity/warm"] = _family(regions, budget_s, cold=False)
        results["suggest_partners/warm"] = _family(suggest, budget_s, cold=False)
        results["coverage_matrix/warm"] = _family(matrix, budget_s, cold=False)
        results["clusters/warm"] = _family(found, budget_s, cold=False)
        results["cache"] = {
            "mb": service.cache.bytes / 2**20,
            "entries": len(service.cache.entries()),
        }
    return results


def api_requests(work: dict[str, list[Any]]) -> list[tuple[str, str]]:
    """What the API worker is asked before its RSS is read: a handful of the workload's
    questions through HTTP (partners for a priority, paths, the coverage matrix …)."""
    quote = urllib.parse.quote
    asked: list[tuple[str, str]] = []
    for uid in work["partners"][:3]:
        asked.append(("partners", f"/v1/priorities/{quote(uid, safe=':')}/partners?lang=en"))
    for a, b in work["paths"][:2]:
        query = urllib.parse.urlencode({"from": a, "to": b, "k": 3, "lang": "en"})
        asked.append(("paths", f"/v1/paths?{query}"))
    asked.append(("coverage", "/v1/gaps/coverage?lang=en"))
    for uid, _ in work["regions"][:1]:
        asked.append(("region activity", f"/v1/regions/{quote(uid, safe=':')}/activity?lang=en"))
    for uid, priority in work["suggest"][:1]:
        query = urllib.parse.urlencode(
            {"uid": uid, "lang": "en"} | ({"priority": priority} if priority else {})
        )
        asked.append(("suggestions", f"/v1/suggestions?{query}"))
    return asked


def measure_api(uri: str, work: dict[str, list[Any]]) -> dict[str, Any]:
    """The API worker's memory with the Neo4j backend (see ``scale_common.api_worker_rss``);
    an error is reported, not raised, so the query figures of the size are kept."""
    try:
        return dict(api_worker_rss(uri, api_requests(work)))
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"[:2000]}


def compare_louvain(store: MemoryStore, reference: bool) -> dict[str, Any]:
    """networkx Louvain (reference) vs igraph multilevel and Leiden on the same projection."""
    import igraph as ig  # type: ignore[import-untyped]

    groups = store.carrier_groups()
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
            if not args.no_api:
                result["api"] = measure_api(args.uri, work)
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
    "region_activity/cold",
    "region_activity/warm",
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


# -- issue 17: the first call after a load, and the API worker's memory -------------------

FIRST_CALL_FAMILIES = (
    "partners_for_priority",
    "connection_paths",
    "region_activity",
    "suggest_partners",
    "coverage_matrix",
    "clusters",
)


def _cold(run: dict[str, Any], store: str, family: str) -> dict[str, Any] | None:
    """The cold figures of one family: the first call after the load, the p50/p95 of the
    following (distinct, each cold) calls, and the p95 of all of them."""
    data = run["stores"].get(store, {}).get(f"{family}/cold")
    if not data or not data["ms"]:
        return None
    ms = data["ms"]
    rest = ms[1:]
    return {
        "first": ms[0],
        "p50": percentile(rest, 50) if rest else None,
        "p95": percentile(rest, 95) if rest else None,
        "all_p95": percentile(ms, 95),
        "n": len(rest),
        "errors": len(data["errors"]),
    }


def _warm_p95(run: dict[str, Any], store: str, family: str) -> float | None:
    data = run["stores"].get(store, {}).get(f"{family}/warm")
    return percentile(data["ms"], 95) if data and data["ms"] else None


def first_call_rows(runs: dict[float, dict[str, Any]]) -> list[str]:
    sizes = sorted(runs)
    header = "| query | store | " + " | ".join(
        f"{z:g}: first / following p50 / p95 ms (n)" for z in sizes
    )
    rows = [header + " |", "|---|---|" + "---:|" * len(sizes)]
    for family in FIRST_CALL_FAMILIES:
        for store in ("memory", "neo4j"):
            cells = []
            for size in sizes:
                found = _cold(runs[size], store, family)
                if found is None:
                    cells.append("—")
                    continue
                errors = f", {found['errors']} err" if found["errors"] else ""
                if found["n"]:
                    cells.append(
                        f"{_ms(found['first'])} / {_ms(found['p50'])} / {_ms(found['p95'])} "
                        f"({found['n']}{errors})"
                    )
                else:
                    cells.append(f"{_ms(found['first'])}{errors}")
            if any(cell != "—" for cell in cells):
                rows.append(f"| {family} | {store} | " + " | ".join(cells) + " |")
    return rows


def _mark(ok: bool | None) -> str:
    return "—" if ok is None else ("✓" if ok else "✗")


def _limit(ms: float) -> str:
    return f"{ms / 1000:g} s" if ms >= 1000 else f"{ms:g} ms"


def target_rows(runs: dict[float, dict[str, Any]]) -> list[str]:
    """Issue 17's targets: per size the value measured and ✓/✗; the last column is ✓ only
    when every size measured is within."""
    sizes = sorted(runs)
    rows = [
        "| target | " + " | ".join(f"{z:g}" for z in sizes) + " | met at every size |",
        "|---|" + "---:|" * len(sizes) + ":---:|",
    ]

    def add(target: str, cells: list[tuple[str, bool | None]]) -> None:
        verdicts = [ok for _, ok in cells if ok is not None]
        overall = None if not verdicts else all(verdicts)
        shown = [f"{text} {_mark(ok)}" if ok is not None else text for text, ok in cells]
        rows.append(f"| {target} | " + " | ".join(shown) + f" | {_mark(overall)} |")

    for family, limit in FIRST_CALL_TARGETS_MS.items():
        single = family in ("coverage_matrix", "clusters")
        what = "first call" if single else "first call and p95"
        cells: list[tuple[str, bool | None]] = []
        for size in sizes:
            found = _cold(runs[size], "neo4j", family)
            if found is None:
                cells.append(("—", None))
                continue
            worst = max(found["first"], found["all_p95"])
            text = (
                _ms(found["first"])
                if single
                else f"{_ms(found['first'])} / {_ms(found['all_p95'])}"
            )
            cells.append((text, worst <= limit and not found["errors"]))
        add(f"neo4j {family}, {what} after a load (no warm-up) ≤ {_limit(limit)}", cells)

    api = [runs[size].get("api") for size in sizes]
    cells = []
    for found in api:
        if not found or "rss_mb" not in found:
            cells.append(("error" if found else "—", None if not found else False))
        else:
            cells.append((f"{found['rss_mb']:,.0f} MB", found["rss_mb"] <= TARGET_API_RSS_MB))
    add(f"API worker RSS, Neo4j backend, after the requests ≤ {TARGET_API_RSS_MB:.0f} MB", cells)
    base = next((found["rss_mb"] for found in api if found and "rss_mb" in found), None)
    cells = []
    for index, found in enumerate(api):
        if not found or "rss_mb" not in found or base is None or not base:
            cells.append(("—", None))
        elif index == 0:
            cells.append(("(base)", None))
        else:
            growth = found["rss_mb"] / base - 1
            cells.append((f"{growth:+.0%}", growth <= TARGET_API_RSS_GROWTH))
    add(
        f"API worker RSS flat: ≤ {TARGET_API_RSS_GROWTH:+.0%} over the smallest size",
        cells,
    )

    for family, baseline in MEMORY_WARM_P95_BASELINE_MS.items():
        for flavour in ("cold", "warm"):
            cells = []
            for size in sizes:
                if flavour == "cold":
                    found = _cold(runs[size], "memory", family)
                    value = max(found["first"], found["all_p95"]) if found else None
                else:
                    value = _warm_p95(runs[size], "memory", family)
                limit = baseline.get(size)
                if value is None:
                    cells.append(("—", None))
                elif limit is None:
                    cells.append((f"{_ms(value)} (no baseline)", None))
                else:
                    cells.append((f"{_ms(value)} vs {_ms(limit)}", value <= limit))
            what = "first call and p95 after a load" if flavour == "cold" else "warm p95"
            add(f"memory {family}, {what} ≤ today's warm p95", cells)
    return rows


def api_rows(runs: dict[float, dict[str, Any]]) -> list[str]:
    rows = [
        "| size | ready s | RSS idle MB | RSS after requests MB | peak (VmHWM) MB | requests "
        "(status, ms) |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for size in sorted(runs):
        found = runs[size].get("api")
        if not found:
            continue
        if "error" in found:
            first_line = found["error"].splitlines()[0] if found["error"] else ""
            rows.append(f"| {size:g} | — | — | — | — | failed: {first_line[:200]} |")
            continue
        asked = "; ".join(
            f"{item['name']} {item['status']} {_ms(item['ms'])}" for item in found["requests"]
        )
        rows.append(
            f"| {size:g} | {found['ready_s']:.1f} | {found['idle_rss_mb']:,.0f} "
            f"| {found['rss_mb']:,.0f} | {found['hwm_mb']:,.0f} | {asked} |"
        )
    return rows


def print_rows(title: str, rows: list[str]) -> None:
    table = Table(title=title)
    for cell in rows[0].strip("|").split("|"):
        table.add_column(cell.strip())
    for row in rows[2:]:
        table.add_row(*(cell.strip() for cell in row.strip("|").split("|")))
    console.print(table)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=[f"{s:g}" for s in SIZES],
        help="fractions of scale 1.0, spaces or commas between them (0.1 0.3 1 3)",
    )
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
    parser.add_argument(
        "--no-api", action="store_true", help="skip the API worker's RSS (Neo4j backend)"
    )
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
    try:
        sizes = (
            [0.005]
            if args.smoke
            else sorted({float(s) for item in args.sizes for s in item.split(",") if s.strip()})
        )
    except ValueError:
        parser.error("--sizes: numbers, e.g. 0.1 0.3 1 3")
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
            if args.no_api:
                child_args.append("--no-api")
            with console.status(f"size {size:g}: load and query both stores …"):
                runs[size] = run_child(HERE, child_args, timeout=6 * 3600)
            run = runs[size]
            loads = ", ".join(f"{k} {v:.1f} s" for k, v in run["loads"].items())
            api = run.get("api") or {}
            api_text = (
                f"; API worker (neo4j) RSS {api['rss_mb']:,.0f} MB"
                if "rss_mb" in api
                else (f"; API worker: {api['error'].splitlines()[0]}" if "error" in api else "")
            )
            console.print(
                f"size {size:g}: {run['sizes']['nodes']:,} nodes, "
                f"{run['sizes']['edges']:,} relationships; load {loads}; "
                f"memory peak RSS {run['memory_peak_rss_mb']:,.0f} MB{api_text}"
            )
    load_after = load_average()
    query_rows, louvain_rows = tables(runs)
    issue17 = {
        "first": first_call_rows(runs),
        "targets": target_rows(runs),
        "api": api_rows(runs),
    }
    for title, rows in (
        ("Queries", query_rows),
        ("Community detection", louvain_rows),
        ("First call after a load (no warm-up)", issue17["first"]),
        ("API worker, Neo4j backend", issue17["api"]),
        ("Targets (issue 17)", issue17["targets"]),
    ):
        if len(rows) > 2:
            print_rows(title, rows)
    checks = verdicts(runs)
    for text, target, met in checks:
        colour = "green" if met else "red"
        console.print(f"{text} (target {target}): [{colour}]{'met' if met else 'NOT met'}[/]")
    console.print(f"load average {load_before} → {load_after}")
    if args.smoke or args.no_docs:
        return 0
    write_docs(
        args, runs, info, (load_before, load_after), query_rows, louvain_rows, checks, issue17
    )
    console.print(
        "wrote “### Queries”, “### Clusters” and “### Targets (issue 17)” in “## Scale” of "
        "docs/benchmarks.md"
    )
    return 0


def write_docs(
    args: argparse.Namespace,
    runs: dict[float, dict[str, Any]],
    info: dict[str, str] | None,
    loads: tuple[str, str],
    query_rows: list[str],
    louvain_rows: list[str],
    checks: list[tuple[str, str, bool]],
    issue17: dict[str, list[str]],
) -> None:
    sizes = sorted(runs)
    described = "; ".join(
        f"{size:g}: {runs[size]['sizes']['nodes']:,} nodes, {runs[size]['sizes']['edges']:,} "
        f"relationships (load: "
        + ", ".join(f"{k} {v:.0f} s" for k, v in runs[size]["loads"].items())
        + f"; memory-store process peak RSS {runs[size]['memory_peak_rss_mb']:,.0f} MB)"
        for size in sizes
    )
    command = f"`python bench/scale_queries.py --sizes {' '.join(f'{s:g}' for s in sizes)}`"
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
            "per-data-version cache is cleared before every call, from right after the load "
            "with no warm-up (a notebook's first question after a load; the first call of each "
            "family is in “### Targets (issue 17)”); *warm*: the same calls after "
            "`warm_up(store)`, which "
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
    api_note = (
        "API worker: for each size, after the queries above, `uvicorn "
        "partnergraph.web:create_app --factory --workers 1` as a subprocess with "
        "`PARTNERGRAPH_STORE=neo4j` on the loaded server and `PARTNERGRAPH_WARM_UP=false`, "
        "then the requests listed (one after the other); RSS is the worker's VmRSS from "
        "/proc once /ready answers (idle) and after the requests, VmHWM its peak."
    )
    targets_body = "\n".join(
        [
            f"Same run ({command}). *First call after a load*: the query layer's cache "
            "cleared after the load and no warm-up (`queries/warmup.py` not called); the "
            "first call of each family, then p50/p95 of the following distinct calls "
            "(other priorities, pairs, regions, actors), the cache cleared before each. The "
            "memory store is measured first, then Neo4j, in the same process, so module "
            "imports are not part of Neo4j's first calls. `region_activity`: the home region "
            "(nuts:PL63), Poland, seeded NUTS regions and gminy where synthetic organisations "
            "are, every other one for a programme; one page of projects (the API's default "
            f"{DEFAULT_PAGE}) with the counts over all of them.",
            "",
            *issue17["first"],
            "",
            api_note,
            "",
            *issue17["api"],
            "",
            "Targets of issue 17 at each size (✓ met, ✗ not). For the p95 targets the first "
            "call and the p95 of all cold calls (the first included) must both be within; "
            "cells show “first / p95”. “Today's warm p95” of the memory store is the run of "
            "2026-11-24 (scales 0.1, 0.3 and 1; none for other sizes); memory rows give the "
            "figure, then that baseline.",
            "",
            *issue17["targets"],
        ]
    )
    write_subsection("Targets (issue 17)", targets_body)


if __name__ == "__main__":
    sys.exit(main())
