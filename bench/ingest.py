"""Ingest into Neo4j: batched ``UNWIND … MERGE`` against one MERGE per row, in one run.

Generates a keep.eu-shaped graph from a fixed seed (gminy, organisations, projects, networks,
priorities; ≥ 20k relationships by default), then writes the same rows three ways and times
each: into the embedded memory store, into Neo4j in batches (``upsert_nodes``/``upsert_edges``,
what the loader uses) and into Neo4j one row per statement and transaction (the naive loop
the design forbids; ``Neo4jStore.naive_upsert_*``, used only here). Both Neo4j loads must end
in the same graph — same counts and the same content version — or the run fails.

    python bench/ingest.py                 # 25k relationships; writes the "## Ingest" section
                                           # of docs/benchmarks.md; exit 1 below the 20x target
    python bench/ingest.py --rows 50000
    python bench/ingest.py --smoke         # a few seconds of loading; writes nothing

Neo4j is a temporary server of its own (``graph/server.py``, a free port, a temporary data
directory) unless ``--uri`` names one — which is then WIPED, so it also needs ``--wipe``.
Figures are measured in one run on one machine; compare them with each other.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.server import running_server
from partnergraph.graph.store import DEFAULT_BATCH_SIZE, GraphStore
from partnergraph.model import Edge, Node, NodeLabel, PropValue, RelType

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "benchmarks.md"
SECTION = "## Ingest (Neo4j)"
SEED = 20_240_601
TARGET_RATIO = 20.0
MIN_TARGET_ROWS = 20_000

console = Console()


# -- data ---------------------------------------------------------------------------------------


def generate(relationships: int, seed: int = SEED) -> tuple[list[Node], list[Edge]]:
    """A deterministic keep.eu-scale graph with exactly ``relationships`` distinct edges."""
    rnd = random.Random(seed)
    scale = max(relationships // 10, 10)

    def day(start: int = 2000, end: int = 2024) -> str:
        return dt.date(rnd.randint(start, end), rnd.randint(1, 12), rnd.randint(1, 28)).isoformat()

    def many(
        label: NodeLabel, prefix: str, count: int, **props: Callable[[int], PropValue]
    ) -> list[Node]:
        return [
            Node(
                uid=f"{prefix}{i:06d}",
                label=label,
                name=f"{label.value} {i} – Łódź-Gdańsk",
                name_en=f"{label.value} {i}" if i % 3 else None,
                sources=("bench",),
                valid_from=day() if i % 4 == 0 else None,
                properties={key: value(i) for key, value in props.items()},
            )
            for i in range(count)
        ]

    regions = many(NodeLabel.REGION, "nuts:PL", 20, nuts_level=lambda i: 2 + i % 2)
    gminy = many(
        NodeLabel.MUNICIPALITY,
        "town:PL:bench-",
        scale,
        population=lambda i: 1000 + i * 7,
        aliases=lambda i: [f"alias {i}", f"gmina {i}"],
    )
    orgs = many(
        NodeLabel.ORGANISATION, "org:bench-", scale, kind=lambda i: ("ngo", "university")[i % 2]
    )
    projects = many(
        NodeLabel.PROJECT,
        "project:bench:p",
        max(scale // 3, 5),
        acronym=lambda i: f"P{i}",
        budget_eur=lambda i: 10_000.5 * (i % 97 + 1),
    )
    networks = many(NodeLabel.NETWORK, "network:bench-", 30)
    priorities = many(NodeLabel.PRIORITY, "priority:bench:", 60, code=lambda i: str(i))
    programmes = many(NodeLabel.PROGRAMME, "programme:bench-", 5)
    nodes = regions + gminy + orgs + projects + networks + priorities + programmes
    actors = gminy + orgs

    def pick(group: Sequence[Node]) -> str:
        return rnd.choice(group).uid

    makers: list[tuple[int, Callable[[], Edge]]] = [
        (
            50,
            lambda: Edge(
                type=RelType.PARTICIPATES_IN,
                source=pick(actors),
                target=pick(projects),
                sources=("bench",),
                valid_from=day(2007, 2021),
                properties={"role": rnd.choice(["lead", "partner"]), "budget_eur": 1234.5},
            ),
        ),
        (
            15,
            lambda: Edge(
                type=RelType.MEMBER_OF,
                source=pick(actors),
                target=pick(networks),
                sources=("bench",),
                key=str(rnd.randint(1998, 2003)),
                properties={"status": "active"},
            ),
        ),
        (
            15,
            lambda: Edge(
                type=RelType.FOCUSES_ON,
                source=pick(actors),
                target=pick(priorities),
                sources=("bench",),
            ),
        ),
        (
            10,
            lambda: Edge(
                type=RelType.ADDRESSES,
                source=pick(projects),
                target=pick(priorities),
                sources=("bench",),
            ),
        ),
        (
            5,
            lambda: Edge(
                type=RelType.PART_OF, source=pick(gminy), target=pick(regions), sources=("bench",)
            ),
        ),
        (
            5,
            lambda: Edge(
                type=RelType.LOCATED_IN, source=pick(orgs), target=pick(gminy), sources=("bench",)
            ),
        ),
    ]
    weights = [weight for weight, _ in makers]
    edges: dict[str, Edge] = {}
    while len(edges) < relationships:
        edge = rnd.choices(makers, weights)[0][1]()
        edges.setdefault(edge.id, edge)
    return nodes, list(edges.values())


# -- measuring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    what: str
    nodes: int
    edges: int
    node_seconds: float
    edge_seconds: float

    @property
    def node_rate(self) -> float:
        return self.nodes / self.node_seconds

    @property
    def edge_rate(self) -> float:
        return self.edges / self.edge_seconds

    @property
    def total_rate(self) -> float:
        return (self.nodes + self.edges) / (self.node_seconds + self.edge_seconds)


def timed(
    what: str,
    write_nodes: Callable[[list[Node]], int],
    write_edges: Callable[[list[Edge]], int],
    nodes: list[Node],
    edges: list[Edge],
) -> Timing:
    with console.status(f"{what}: {len(nodes):,} nodes, {len(edges):,} relationships …"):
        start = time.perf_counter()
        write_nodes(nodes)
        middle = time.perf_counter()
        write_edges(edges)
        end = time.perf_counter()
    timing = Timing(what, len(nodes), len(edges), middle - start, end - middle)
    console.print(
        f"  {what}: {timing.edge_rate:,.0f} relationships/s, {timing.total_rate:,.0f} rows/s"
    )
    return timing


def batched(store: GraphStore) -> tuple[Callable[[list[Node]], int], Callable[[list[Edge]], int]]:
    """Write as the loader does: one upsert call per batch of ``DEFAULT_BATCH_SIZE`` rows."""

    def nodes(rows: list[Node]) -> int:
        return sum(
            store.upsert_nodes(rows[i : i + DEFAULT_BATCH_SIZE])
            for i in range(0, len(rows), DEFAULT_BATCH_SIZE)
        )

    def edges(rows: list[Edge]) -> int:
        return sum(
            store.upsert_edges(rows[i : i + DEFAULT_BATCH_SIZE])
            for i in range(0, len(rows), DEFAULT_BATCH_SIZE)
        )

    return nodes, edges


def run(
    store: Neo4jStore,
    nodes: list[Node],
    edges: list[Edge],
    *,
    warm_up: int = 300,
    warm_passes: int = 3,
    warm_seconds: float = 0.0,
    repeats: int = 3,
) -> list[Timing]:
    """Time the three write paths on the same rows; batched ones as the median of
    ``repeats`` runs (they take seconds), the per-row one once (it takes minutes)."""
    nodes_batched, edges_batched = batched(store)
    # Warm up the server: a fresh JVM needs many full passes before its JIT has compiled the
    # write path (throughput triples or more from the first pass); without this the ratio
    # would measure the JIT. Passes go on for ``warm_seconds`` and then until one gains less
    # than 10 % on the best so far, at most ``warm_passes``. The per-row statements are
    # compiled on a slice.
    best = 0.0
    began = time.perf_counter()
    with console.status("warming up Neo4j …") as status:
        for done in range(1, warm_passes + 1):
            store.clear()
            nodes_batched(nodes)
            start = time.perf_counter()
            edges_batched(edges)
            rate = len(edges) / (time.perf_counter() - start)
            status.update(f"warming up Neo4j: pass {done}, {rate:,.0f} relationships/s")
            if time.perf_counter() - began >= warm_seconds and rate < best * 1.1:
                break
            best = max(rate, best)
    console.print(f"  warm-up: {done} batched passes, last {rate:,.0f} relationships/s")
    store.clear()
    warm_edges = edges[:warm_up]
    touched = {uid for edge in warm_edges for uid in (edge.source, edge.target)}
    store.naive_upsert_nodes_one_per_row(node for node in nodes if node.uid in touched)
    store.naive_upsert_edges_one_per_row(warm_edges)

    memories: list[MemoryStore] = []

    def fresh_memory() -> tuple[Callable[[list[Node]], int], Callable[[list[Edge]], int]]:
        memories.append(MemoryStore())
        return batched(memories[-1])

    def reset_neo4j() -> tuple[Callable[[list[Node]], int], Callable[[list[Edge]], int]]:
        store.clear()
        return nodes_batched, edges_batched

    timings = [
        median([timed("memory, batched", *fresh_memory(), nodes, edges) for _ in range(repeats)]),
        median([timed("neo4j, batched", *reset_neo4j(), nodes, edges) for _ in range(repeats)]),
    ]
    batched_state = (store.counts(), store.data_version())
    store.clear()
    timings.append(
        timed(
            "neo4j, one MERGE per row",
            store.naive_upsert_nodes_one_per_row,
            store.naive_upsert_edges_one_per_row,
            nodes,
            edges,
        )
    )
    naive_state = (store.counts(), store.data_version())
    expected = (memories[-1].counts(), memories[-1].data_version())
    if not batched_state == naive_state == expected:
        raise SystemExit("the three loads ended in different graphs; the figures mean nothing")
    store.clear()
    return timings


def median(runs: list[Timing]) -> Timing:
    return sorted(runs, key=lambda t: t.node_seconds + t.edge_seconds)[len(runs) // 2]


# -- reporting ---------------------------------------------------------------------------------


def ratio(timings: Sequence[Timing]) -> float:
    """Batched over per-row, on relationships: the figure the issue sets a target for."""
    by_name = {t.what: t for t in timings}
    return by_name["neo4j, batched"].edge_rate / by_name["neo4j, one MERGE per row"].edge_rate


def show(timings: Sequence[Timing]) -> None:
    table = Table(title="Ingest, rows per second (higher is better)")
    for column in ("store, write path", "nodes/s", "relationships/s", "all rows/s", "seconds"):
        table.add_column(column, justify="left" if column.startswith("store") else "right")
    for t in timings:
        table.add_row(
            t.what,
            f"{t.node_rate:,.0f}",
            f"{t.edge_rate:,.0f}",
            f"{t.total_rate:,.0f}",
            f"{t.node_seconds + t.edge_seconds:.2f}",
        )
    console.print(table)


def machine(store: Neo4jStore) -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    info = store.server_info()
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {info['server']} (Bolt {info['bolt']}, "
        f"embedded launcher, 1 GB heap), driver neo4j {info['driver']}, Rust extension: "
        f"{info['rust_extension']}"
    )


def section(
    timings: Sequence[Timing],
    store: Neo4jStore,
    local: bool,
    load: tuple[float, float],
    warm_seconds: float,
) -> str:
    by_name = {t.what: t for t in timings}
    neo, naive, memory = (
        by_name["neo4j, batched"],
        by_name["neo4j, one MERGE per row"],
        by_name["memory, batched"],
    )
    lines = [
        "| store, write path | nodes/s | relationships/s | all rows/s | seconds |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {t.what} | {t.node_rate:,.0f} | {t.edge_rate:,.0f} | {t.total_rate:,.0f} "
            f"| {t.node_seconds + t.edge_seconds:.2f} |"
            for t in timings
        ),
    ]
    verdict = "met" if ratio(timings) >= TARGET_RATIO else "NOT met"
    where = "a temporary local server on the same machine" if local else "the server at --uri"
    return "\n".join(
        [
            SECTION,
            "",
            f"`python bench/ingest.py --rows {neo.edges}` on {dt.date.today().isoformat()}: "
            f"{machine(store)}; Neo4j is {where}. Load average (1 min) at the start and "
            f"end of the run: {load[0]:.1f} and {load[1]:.1f}. On a shared machine the "
            "figures, and to a lesser degree the ratio, depend on how busy it is (the batched "
            "path is CPU-bound, the per-row one mostly waits on round trips and commits): "
            "compare runs made at similar load.",
            "",
            f"Data: {neo.nodes:,} nodes and {neo.edges:,} relationships generated from seed "
            f"{SEED} (gminy, organisations, projects, networks, priorities; keep.eu-shaped, "
            "with properties and dates). The same rows are written three ways in one run, "
            "after a warm-up of both Neo4j paths (untimed batched passes over all rows for "
            f"{warm_seconds:.0f} s and until one gains less than 10 % on the best — a fresh "
            "JVM needs that long to compile the write path —, the per-row statements on 300 "
            "rows); all three end in the same graph (counts and content version checked). Batched "
            "figures are the median of three runs, the per-row one a single run. *Batched*: "
            "`upsert_nodes`/`upsert_edges` called per batch, "
            f"`UNWIND $rows … MERGE … SET` in managed write transactions of "
            f"{DEFAULT_BATCH_SIZE:,} rows, as the loader writes. *One MERGE per row*: the same "
            "statement for a single row, one managed transaction per row.",
            "",
            *lines,
            "",
            "Measured in the same run:",
            "",
            f"- Neo4j batched vs one MERGE per row, relationships: **{ratio(timings):.0f}×** "
            f"(target ≥ {TARGET_RATIO:.0f}× on ≥ 20k relationships: {verdict}); all rows: "
            f"{neo.total_rate / naive.total_rate:.0f}×.",
            f"- Embedded memory store vs Neo4j batched, all rows: "
            f"{memory.total_rate / neo.total_rate:.1f}× (the price of a server, durability "
            "and transactions).",
            "",
        ]
    )


def write_section(text: str, path: Path = DOC) -> None:
    """Replace (or append) this benchmark's section, leaving the others as they are."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    block = text.rstrip("\n") + "\n\n"
    if pattern.search(current):
        updated = pattern.sub(lambda _: block, current, count=1)
    else:
        updated = current.rstrip("\n") + "\n\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated.rstrip("\n") + "\n", encoding="utf-8")


# -- main --------------------------------------------------------------------------------------


@contextlib.contextmanager
def neo4j_store(uri: str | None) -> Iterator[tuple[Neo4jStore, bool]]:
    """The store to measure, and whether it is a temporary server of our own."""
    with contextlib.ExitStack() as stack:
        if uri is None:
            home = stack.enter_context(tempfile.TemporaryDirectory(prefix="pg-bench-neo4j-"))
            with console.status("starting a temporary Neo4j …"):
                server = stack.enter_context(running_server(Path(home)))
            uri = server.uri
            assert uri is not None
            store = stack.enter_context(Neo4jStore.connect(uri))
            yield store, True
            return
        store = Neo4jStore.connect(
            uri,
            user=os.environ.get("PARTNERGRAPH_NEO4J_USER", "neo4j"),
            password=os.environ.get("PARTNERGRAPH_NEO4J_PASSWORD"),
        )
        yield stack.enter_context(store), False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=25_000, help="relationships (default 25k)")
    parser.add_argument("--smoke", action="store_true", help="a few seconds; writes nothing")
    parser.add_argument("--uri", help="use this Neo4j instead of a temporary one (WIPED)")
    parser.add_argument("--wipe", action="store_true", help="confirm that --uri may be wiped")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument(
        "--warm-up", type=float, default=120.0, help="seconds of batched passes first (120)"
    )
    args = parser.parse_args(argv)
    if args.uri and not args.wipe:
        parser.error("--uri wipes that database; add --wipe to confirm")
    rows = 120 if args.smoke else args.rows
    load_before = os.getloadavg()[0]
    nodes, edges = generate(rows)
    console.print(f"generated {len(nodes):,} nodes and {len(edges):,} relationships (seed {SEED})")
    with neo4j_store(args.uri) as (store, local):
        timings = run(
            store,
            nodes,
            edges,
            warm_up=20 if args.smoke else 300,
            warm_passes=1 if args.smoke else 30,
            warm_seconds=0 if args.smoke else args.warm_up,
            repeats=1 if args.smoke else 3,
        )
        show(timings)
        factor = ratio(timings)
        console.print(
            f"batched vs one MERGE per row (relationships): [bold]{factor:.1f}×[/bold] "
            f"(target ≥ {TARGET_RATIO:.0f}× on ≥ {MIN_TARGET_ROWS:,})"
        )
        if args.smoke or args.no_docs:
            return 0
        load = (load_before, os.getloadavg()[0])
        write_section(section(timings, store, local, load, args.warm_up))
        console.print(f"wrote the {SECTION!r} section of {DOC.relative_to(REPO)}")
    if rows >= MIN_TARGET_ROWS and factor < TARGET_RATIO:
        console.print("[red]below the target[/red]")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
