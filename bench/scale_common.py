"""What the two scale benchmarks share: the machine, a temporary Neo4j, child processes for
memory figures, percentiles, and the ``## Scale`` section of docs/benchmarks.md.

Each measurement that reports a peak RSS runs in a child process of its own (``ru_maxrss`` is
a high-water mark, so one process measuring two things would report the larger for both).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import json
import math
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from api import HOST, free_port, stop
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.server import running_server

__all__ = [
    "DOC",
    "REPO",
    "SECTION",
    "Neo4jHandle",
    "api_worker_rss",
    "child_json",
    "load_average",
    "machine",
    "peak_rss_mb",
    "percentile",
    "proc_memory_mb",
    "run_child",
    "temporary_neo4j",
    "today",
    "write_subsection",
]

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "benchmarks.md"
SECTION = "## Scale"
_INTRO = (
    "Keep.eu-scale synthetic data from `bench/synth.py` (seeded; the real `data/` plus "
    "synthetic organisations, projects, participations, programmes and priorities located in "
    "the real gminy and NUTS regions), loaded through the real loader. Each subsection is "
    "written by its benchmark: `python bench/scale_ingest.py` and "
    "`python bench/scale_queries.py`. The machine is shared with other work; the load average "
    "before and after each run is given, and ratios measured in the same run are more "
    "meaningful than the absolute times."
)
_CHILD_MARK = "@@child-json@@ "


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0–100) of a non-empty sample."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (5 min {five:.1f})"


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def proc_memory_mb(pid: int | str = "self") -> dict[str, float]:
    """VmRSS and VmHWM (peak) of a process from /proc, in MB; empty where unavailable."""
    found: dict[str, float] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024
    return found


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine(neo4j: dict[str, str] | None = None) -> str:
    """One line: cores, CPU, memory, OS, Python and the libraries that matter here."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    text = (
        f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, networkx {_version('networkx')}, "
        f"igraph {_version('igraph')}, pydantic {_version('pydantic')}"
    )
    if neo4j:
        text += (
            f"; {neo4j['server']} (embedded launcher, heap {neo4j['heap']}, page cache "
            f"{neo4j['pagecache']}), driver neo4j {neo4j['driver']}, Rust extension: "
            f"{neo4j['rust_extension']}"
        )
    return text


@dataclass
class Neo4jHandle:
    store: Neo4jStore
    uri: str
    pid: int | None
    info: dict[str, str]

    def server_memory(self) -> dict[str, float]:
        return proc_memory_mb(self.pid) if self.pid else {}


@contextlib.contextmanager
def temporary_neo4j(
    uri: str | None = None, heap: str | None = None, page_cache: str | None = None
) -> Iterator[Neo4jHandle]:
    """A Neo4j to measure: the given ``uri`` (its data is WIPED by the callers), or a server
    of our own on a temporary directory with ``heap`` (NEO4J_HEAP) and ``page_cache`` (the
    launcher's default 256m when None), always stopped at the end.
    """
    if uri is not None:
        store = Neo4jStore.connect(
            uri,
            user=os.environ.get("PARTNERGRAPH_NEO4J_USER", "neo4j"),
            password=os.environ.get("PARTNERGRAPH_NEO4J_PASSWORD"),
            timeout=30,
        )
        try:
            info = {**store.server_info(), "heap": "external", "pagecache": "external"}
            yield Neo4jHandle(store, uri, None, info)
        finally:
            store.close()
        return
    chosen = heap or os.environ.get("NEO4J_HEAP") or "1g"
    previous = os.environ.get("NEO4J_HEAP")
    os.environ["NEO4J_HEAP"] = chosen  # read by tools/neo4j/run.sh when the server starts
    try:
        with (
            tempfile.TemporaryDirectory(prefix="pg-scale-neo4j-") as home,
            running_server(Path(home), page_cache=page_cache) as server,
        ):
            assert server.uri is not None
            pid = server.status().pid
            store = Neo4jStore.connect(server.uri, timeout=30)
            try:
                info = {
                    **store.server_info(),
                    "heap": chosen,
                    "pagecache": page_cache or "256m (default)",
                }
                yield Neo4jHandle(store, server.uri, pid, info)
            finally:
                store.close()
    finally:
        if previous is None:
            os.environ.pop("NEO4J_HEAP", None)
        else:
            os.environ["NEO4J_HEAP"] = previous


def _worker_pid(pid: int) -> int:
    """The process serving requests: ``pid`` itself (uvicorn with one worker serves in its
    own process), or its single child should a supervisor sit in between."""
    with contextlib.suppress(OSError, ValueError):
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if len(children) == 1:
            return int(children[0])
    return pid


def api_worker_rss(
    neo4j_uri: str,
    requests: Sequence[tuple[str, str]],
    *,
    ready_timeout: float = 180.0,
    request_timeout: float = 900.0,
) -> dict[str, object]:
    """Start the API (uvicorn, one worker, the Neo4j backend at ``neo4j_uri``, no warm-up),
    send ``requests`` ((name, path and query) pairs) one after the other, and read the worker's
    memory from /proc: VmRSS once ready, VmRSS after the requests and VmHWM (its peak). The
    server is always stopped. Each request's status and wall time are returned too."""
    port = free_port()
    base = f"http://{HOST}:{port}"
    with tempfile.TemporaryDirectory(prefix="pg-scale-api-") as home:
        env = {
            **os.environ,
            "PARTNERGRAPH_STORE": "neo4j",
            "PARTNERGRAPH_NEO4J_URI": neo4j_uri,
            "PARTNERGRAPH_WARM_UP": "false",
            "PARTNERGRAPH_HOME": home,
        }
        env.pop("PARTNERGRAPH_ADMIN_TOKEN", None)  # no reload watcher
        log = Path(home) / "api.log"
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "partnergraph.web:create_app",
            "--factory",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-access-log",
            "--log-level",
            "warning",
        ]
        with log.open("wb") as output:
            process = subprocess.Popen(
                command,
                stdout=output,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=REPO,
                start_new_session=True,
            )
        try:
            start = time.perf_counter()
            deadline = time.monotonic() + ready_timeout
            while True:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"the API exited with code {process.returncode}:\n"
                        f"{log.read_text(errors='replace')[-3000:]}"
                    )
                with (
                    contextlib.suppress(OSError),
                    urllib.request.urlopen(f"{base}/ready", timeout=5) as response,
                ):
                    if response.status == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the API was not ready within {ready_timeout:.0f} s")
                time.sleep(0.2)
            ready_s = time.perf_counter() - start
            worker = _worker_pid(process.pid)
            idle = proc_memory_mb(worker)
            answered: list[dict[str, object]] = []
            for name, path in requests:
                start = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + path, timeout=request_timeout) as response:
                        response.read()
                        status = response.status
                except urllib.error.HTTPError as exc:
                    status = exc.code
                except OSError as exc:
                    status = f"{type(exc).__name__}: {exc}"[:200]  # type: ignore[assignment]
                answered.append(
                    {"name": name, "status": status, "ms": (time.perf_counter() - start) * 1000}
                )
            after = proc_memory_mb(worker)
        finally:
            stop(process)
    return {
        "ready_s": ready_s,
        "idle_rss_mb": idle.get("VmRSS", 0.0),
        "rss_mb": after.get("VmRSS", 0.0),
        "hwm_mb": after.get("VmHWM", 0.0),
        "requests": answered,
    }


def child_json(payload: dict[str, object]) -> None:
    """Print a child's result where :func:`run_child` finds it."""
    print(_CHILD_MARK + json.dumps(payload), flush=True)


def run_child(script: Path, args: Sequence[str], timeout: float) -> dict[str, object]:
    """Run ``python script *args`` and return the JSON it printed with :func:`child_json`."""
    done = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=REPO,
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(_CHILD_MARK):
            result: dict[str, object] = json.loads(line[len(_CHILD_MARK) :])
            return result
    raise RuntimeError(
        f"{script.name} {' '.join(args)} failed (exit {done.returncode}):\n"
        f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )


def write_subsection(title: str, body: str, path: Path = DOC) -> None:
    """Replace (or add) ``### title`` inside ``## Scale``, leaving every other section and
    subsection as it is."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    found = section.search(current)
    block = found.group(0) if found else f"{SECTION}\n\n{_INTRO}\n\n"
    heading = f"### {title}"
    sub = re.compile(rf"^{re.escape(heading)}\n.*?(?=^### |^## |\Z)", re.S | re.M)
    new_sub = f"{heading}\n\n{body.strip()}\n\n"
    if sub.search(block):
        block = sub.sub(lambda _: new_sub, block, count=1)
    else:
        block = block.rstrip("\n") + "\n\n" + new_sub
    block = block.rstrip("\n") + "\n\n"
    if found:
        updated = current[: found.start()] + block + current[found.end() :]
    else:
        updated = current.rstrip("\n") + "\n\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated.rstrip("\n") + "\n", encoding="utf-8")


def today() -> str:
    return dt.date.today().isoformat()
