"""HTTP API throughput and latency: search, node and partners endpoints, 1 and 2 workers.

Starts ``partnergraph serve`` in its own process on 127.0.0.1 (a free port, the embedded store
over the bundled data), drives it from this process with a keep-alive HTTP/1.1 load generator
written on asyncio streams (a few microseconds per request, so it takes little of the CPU the
server needs), and stops the server at the end whatever happens. Every run is bounded in time
and in requests, and talks only to 127.0.0.1.

    python bench/api.py                 # 1 and 2 workers, writes the "## API" section of
                                        # docs/benchmarks.md
    python bench/api.py --smoke         # a few seconds, writes nothing

Figures are measured in one run on one machine; compare them with each other, not with
another machine's.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "benchmarks.md"
SECTION = "## API"
HOST = "127.0.0.1"

#: Targets of the issue, on a 2-core machine, embedded store, 2 workers.
TARGETS = {"node": 1000.0, "partners": 300.0}
TARGET_P99_MS = 50.0


@dataclass(frozen=True)
class Result:
    endpoint: str
    workers: int
    requests: int
    errors: int
    seconds: float
    latencies_ms: tuple[float, ...]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p99(self) -> float:
        return self.percentile(99)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.latencies_ms) if self.latencies_ms else float("nan")


# -- the server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def running_server(
    workers: int, data_dir: Path | None, log: Path, *, access_log: bool = True
) -> Iterator[str]:
    """``partnergraph serve`` with ``workers`` processes; yields its base URL. The server runs
    in its own process group and is stopped (TERM, then KILL) on the way out."""
    port = free_port()
    env = {**os.environ, "PARTNERGRAPH_STORE": "memory"}
    env.pop("PARTNERGRAPH_ADMIN_TOKEN", None)
    if data_dir is not None:
        env["PARTNERGRAPH_DATA_DIR"] = str(data_dir)
    command = [
        sys.executable,
        "-m",
        "partnergraph.cli",
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        *([] if access_log else ["--no-access-log"]),
    ]
    with tempfile.TemporaryDirectory(prefix="partnergraph-bench-home-") as home:
        env.setdefault("PARTNERGRAPH_HOME", home)
        offset = log.stat().st_size if log.exists() else 0
        with log.open("ab") as output:
            process = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )
        base = f"http://{HOST}:{port}"
        try:
            wait_ready(base, process, log, offset, workers, timeout=180)
            yield base
        finally:
            stop(process)


def wait_ready(
    base: str,
    process: subprocess.Popen[bytes],
    log: Path,
    offset: int,
    workers: int,
    timeout: float,
) -> None:
    """Until /ready answers and every worker has logged its start-up: a worker still loading
    its graph does not listen yet, and connections made meanwhile would all go to the others."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        started = log.read_bytes()[offset:].count(b"Application startup complete")
        try:
            with urllib.request.urlopen(f"{base}/ready", timeout=2) as response:
                if response.status == 200 and started >= workers:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server at {base} was not ready within {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server's whole process group (uvicorn's workers are its children)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


# -- what to ask ----------------------------------------------------------------------------


def sample_paths(data_dir: Path | None, count: int, seed: int = 7) -> dict[str, list[str]]:
    """Request paths per endpoint, drawn (seeded) from the dataset the server will load."""
    from partnergraph.graph.memory import MemoryStore
    from partnergraph.ingest.loader import load_directory
    from partnergraph.model import ACTOR_LABELS, NodeLabel
    from partnergraph.settings import default_data_dir

    store = MemoryStore()
    load_directory(store, data_dir or default_data_dir())
    rng = random.Random(seed)
    actors = [n for n in store.nodes() if n.label in ACTOR_LABELS]
    priorities = store.nodes(NodeLabel.PRIORITY)
    words = sorted({w for n in actors for w in re.findall(r"\w{4,}", n.name.lower())})

    def pick(items: Sequence[str]) -> list[str]:
        return [rng.choice(items) for _ in range(count)]

    return {
        "search": ["/v1/search?" + urlencode({"q": word, "limit": 10}) for word in pick(words)],
        "node": [f"/v1/nodes/{quote(uid, safe=':')}" for uid in pick([n.uid for n in actors])],
        "partners": [
            f"/v1/priorities/{quote(uid, safe=':')}/partners"
            for uid in pick([p.uid for p in priorities])
        ],
    }


# -- the load generator ---------------------------------------------------------------------


async def _connection(
    port: int,
    paths: Sequence[str],
    offset: int,
    stop_at: float,
    budget: list[int],
    latencies: list[float],
    errors: list[int],
    interval: float | None,
    first_due: float,
) -> None:
    """One keep-alive connection. Closed loop (``interval`` None): the next request leaves
    when the last answer is in. Paced: requests are due every ``interval`` seconds and latency
    counts from when a request was due, so a slow answer that delays the next ones is charged
    to them too (no coordinated omission)."""
    reader, writer = await asyncio.open_connection(HOST, port)
    index = offset
    due = first_due
    try:
        while time.perf_counter() < stop_at and budget[0] > 0:
            if interval is not None:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
            budget[0] -= 1
            path = paths[index % len(paths)]
            index += 1
            request = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept: application/json\r\n\r\n"
            started = due if interval is not None else time.perf_counter()
            writer.write(request.encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            match = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
            if match is None:
                raise RuntimeError("a response without Content-Length")
            await reader.readexactly(int(match.group(1)))
            latencies.append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors[0] += 1
            if interval is not None:
                due += interval
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


async def _drive(
    port: int,
    paths: Sequence[str],
    connections: int,
    seconds: float,
    max_requests: int,
    rate: float | None = None,
) -> tuple[int, float, list[float], int]:
    latencies: list[float] = []
    errors = [0]
    budget = [max_requests]
    interval = connections / rate if rate else None
    started = time.perf_counter()
    await asyncio.gather(
        *(
            _connection(
                port,
                paths,
                i * 7,
                started + seconds,
                budget,
                latencies,
                errors,
                interval,
                started + (interval or 0.0) * i / connections,
            )
            for i in range(connections)
        )
    )
    return len(latencies), time.perf_counter() - started, latencies, errors[0]


def measure(
    base: str,
    endpoint: str,
    workers: int,
    paths: Sequence[str],
    *,
    connections: int,
    seconds: float,
    warmup: float,
    max_requests: int,
    rate: float | None = None,
) -> Result:
    """Closed loop (as fast as the server answers) or, with ``rate``, paced at that many
    requests per second; both after a warm-up that fills the caches."""
    port = int(base.rsplit(":", 1)[1])
    asyncio.run(_drive(port, paths, connections, warmup, max_requests))
    count, elapsed, latencies, errors = asyncio.run(
        _drive(port, paths, connections, seconds, max_requests, rate)
    )
    label = endpoint if rate is None else f"{endpoint} @ {rate:,.0f}/s"
    return Result(label, workers, count, errors, elapsed, tuple(latencies))


# -- reporting ------------------------------------------------------------------------------


def table(results: Sequence[Result]) -> str:
    lines = [
        "| endpoint | workers | requests | req/s | p50 ms | p99 ms | mean ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.endpoint} | {r.workers} | {r.requests} | {r.rate:,.0f} | {r.p50:.1f} | "
            f"{r.p99:.1f} | {r.mean:.1f} | {r.errors} |"
        )
    return "\n".join(lines)


def verdicts(results: Sequence[Result], workers: int) -> list[str]:
    """A target is met when the closed-loop rate reaches it and, paced at exactly that rate,
    99 % of the answers take at most TARGET_P99_MS — judged on the median of the paced runs,
    because one stall of the machine (other work on the same cores) can spoil one run."""
    lines = []
    for endpoint, target in TARGETS.items():
        fastest = [r for r in results if r.endpoint == endpoint and r.workers == workers]
        paced_name = f"{endpoint} @ {target:,.0f}/s"
        paced = [r for r in results if r.endpoint == paced_name and r.workers == workers]
        if not fastest or not paced:
            continue
        top = fastest[0]
        p99s = [r.p99 for r in paced]
        median = statistics.median(p99s)
        ok = top.rate >= target and median <= TARGET_P99_MS and not any(r.errors for r in paced)
        runs = ", ".join(f"{p:.1f}" for p in p99s)
        lines.append(
            f"- {endpoint}, {workers} workers: up to {top.rate:,.0f} req/s (target ≥ "
            f"{target:,.0f}); at {target:,.0f} req/s p99 {median:.1f} ms, median of "
            f"{len(p99s)} runs ({runs}) (target ≤ {TARGET_P99_MS:.0f} ms) — "
            f"{'met' if ok else 'MISSED'}"
        )
    return lines


def ratios(results: Sequence[Result]) -> list[str]:
    lines = []
    for endpoint in dict.fromkeys(r.endpoint for r in results if "@" not in r.endpoint):
        one = [r for r in results if r.endpoint == endpoint and r.workers == 1]
        two = [r for r in results if r.endpoint == endpoint and r.workers == 2]
        if one and two and one[0].rate:
            lines.append(f"- {endpoint}: 2 workers / 1 worker = {two[0].rate / one[0].rate:.2f}×")
    return lines


def machine() -> str:
    import fastapi
    import pydantic
    import uvicorn

    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, FastAPI {fastapi.__version__}, "
        f"uvicorn {uvicorn.__version__}, pydantic {pydantic.VERSION}"
    )


def write_section(text: str, path: Path = DOC) -> None:
    """Replace (or append) the ``## API`` section of docs/benchmarks.md, leaving the other
    sections, which other benchmarks write, exactly as they are."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    block = text.rstrip("\n") + "\n\n"
    if pattern.search(current):
        updated = pattern.sub(lambda _: block, current, count=1)
    else:
        updated = current.rstrip("\n") + "\n\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated.rstrip("\n") + "\n", encoding="utf-8")


def section(
    results: Sequence[Result], args: argparse.Namespace, data: str, load: tuple[float, float]
) -> str:
    today = dt.date.today().isoformat()
    logging = "on" if args.access_log else "off (`--no-access-log`)"
    return "\n".join(
        [
            SECTION,
            "",
            f"`python bench/api.py` on {today}: {machine()}. Data: {data}, embedded (memory) "
            f"store, `partnergraph serve --workers N`, uvicorn access log {logging}. Each "
            f"endpoint is driven for {args.seconds:g} s (after {args.warmup:g} s of warm-up) "
            "over keep-alive connections from one asyncio process on the same machine, which "
            "takes part of the same cores; requests cycle through a seeded "
            "sample of real uids, priorities (`partners`: answers of the query layer's per-"
            "data-version cache, i.e. warm) and search words. Rows named `endpoint` are "
            "closed loop (each connection sends its next request when the last answer is in: "
            f"the most the server gives, over {args.connections} connections); rows "
            f"`endpoint @ N/s` are paced at the target rate over {args.paced_connections} "
            f"connections, {args.paced_runs} times each, latency counted "
            "from when each request was due. Load average before/after the "
            f"run: {load[0]:.1f}/{load[1]:.1f} (other work on the machine competes for the "
            "cores and shows in the tail latencies).",
            "",
            table(results),
            "",
            "Scaling, measured in the same run:",
            "",
            *ratios(results),
            "",
            "Targets (issue 8):",
            "",
            *verdicts(results, 2),
            "",
            "Notes:",
            "",
            "- `partnergraph serve --workers N` (N > 1) runs its own small supervisor "
            "(`partnergraph.api.serving`) instead of uvicorn's, for two reasons found here. "
            "uvicorn's shared listening socket has no protocol number, so asyncio leaves "
            "Nagle's algorithm on for accepted connections and every response (headers, then "
            "body) waited for the client's delayed ACK, about 40 ms: 2 workers served about "
            "90 req/s on every endpoint. And the worker that wakes first accepts every pending "
            "connection, so a burst of keep-alive connections all landed on one worker. Each "
            "worker now listens on its own `SO_REUSEPORT` socket with `TCP_NODELAY`, and the "
            "kernel spreads connections over them.",
            "- Handler time is a small part of a request: in process, a node answer takes "
            "about 0.03 ms and a warm partners answer about 0.25 ms to compute and serialise; "
            "the rest is uvicorn (h11), FastAPI routing and validation, and the thread hop of "
            "a synchronous route.",
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--smoke", action="store_true", help="a few seconds; writes nothing")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured time per endpoint")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--connections", type=int, default=8, help="closed-loop connections")
    parser.add_argument("--paced-runs", type=int, default=3, help="repeats of each paced run")
    parser.add_argument(
        "--paced-connections",
        type=int,
        default=32,
        help="connections of the paced runs: many slow clients, as a site's visitors are",
    )
    parser.add_argument("--max-requests", type=int, default=200_000, help="per measurement")
    parser.add_argument("--data-dir", type=Path, default=None, help="default: bundled data/")
    parser.add_argument("--no-write", action="store_true", help="do not touch the docs")
    parser.add_argument(
        "--access-log", action="store_true", help="keep uvicorn's per-request access log"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.seconds, args.warmup, args.max_requests = 0.5, 0.2, 2_000
        args.connections, args.paced_connections, args.paced_runs = 4, 8, 1
        args.no_write = True
    workers = [int(w) for w in args.workers.split(",")]
    load_before = os.getloadavg()[0]
    paths = sample_paths(args.data_dir, count=200)
    results: list[Result] = []
    log = Path(tempfile.gettempdir()) / "partnergraph-bench-api.log"
    log.write_bytes(b"")
    for count in workers:
        with running_server(count, args.data_dir, log, access_log=args.access_log) as base:
            runs: list[tuple[str, float | None]] = [(endpoint, None) for endpoint in paths]
            runs.extend(list(TARGETS.items()) * args.paced_runs)
            for endpoint, rate in runs:
                result = measure(
                    base,
                    endpoint,
                    count,
                    paths[endpoint],
                    connections=args.connections if rate is None else args.paced_connections,
                    seconds=args.seconds,
                    warmup=args.warmup,
                    max_requests=args.max_requests,
                    rate=rate,
                )
                results.append(result)
                print(
                    f"{result.endpoint:18} {count} worker(s): {result.rate:8,.0f} req/s  "
                    f"p50 {result.p50:6.1f} ms  p99 {result.p99:6.1f} ms  errors {result.errors}",
                    flush=True,
                )
    print()
    print(f"load average before/after: {load_before:.1f}/{os.getloadavg()[0]:.1f}")
    print(table(results))
    for line in [*ratios(results), *verdicts(results, max(workers))]:
        print(line)
    if not args.no_write:
        data = str(args.data_dir) if args.data_dir else "the bundled data/"
        write_section(section(results, args, data, (load_before, os.getloadavg()[0])))
        print(f"\nwritten to {DOC.relative_to(REPO)} ({SECTION})")
    return 1 if any(r.errors or not r.requests for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
