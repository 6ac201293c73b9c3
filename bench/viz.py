"""How fast a big network view becomes interactive: ours against plain pyvis defaults.

Run: ``.venv/bin/python bench/viz.py [--sizes 500,2000,5000] [--pyvis-timeout 300]
[--write-doc]``
(needs Chromium and chromedriver: ``scripts/setup.sh --browser``; pyvis from the dev extra).

For each size a seeded synthetic graph (organisations, gminy, regions, projects, priorities,
networks, keep.eu-like) goes into a MemoryStore. Two pages are written for it and opened in
the same headless Chromium, one after the other, in one run:

* ours: the site's own page for the whole graph (``viz.pages.graph_page``): positions from
  igraph in Python, physics off above 150 nodes, labels on hubs only, vis-network shipped;
* pyvis: ``pyvis.network.Network()`` with its defaults, nodes and edges added, written with
  ``write_html``. The one change is ``cdn_resources="in_line"``: the default ("local") loads
  vis-network from a CDN, which offline never arrives, so the page would never draw at all.

Time to interactive = from navigation start to the first frame vis-network draws after its
constructor returns (for pyvis: after the 1,000 stabilisation iterations, which block
drawing), measured inside the page by a probe installed before any script runs. The ratio
pyvis / ours is what ``docs/benchmarks.md`` records; wall times vary by machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import os
import random
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from partnergraph.graph.memory import MemoryStore
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.viz import layout
from partnergraph.viz.browser import chromium, free_port
from partnergraph.viz.links import Links
from partnergraph.viz.pages import graph_page
from partnergraph.viz.render import render
from partnergraph.viz.routes import STATIC_DIR

# Installed before any page script: wraps vis.Network so the first drawn frame is recorded.
PROBE = """
(function () {
  var box;
  Object.defineProperty(window, "vis", { configurable: true, get: function () { return box; },
    set: function (v) {
      box = v;
      var wrapped;
      Object.defineProperty(v, "Network", { configurable: true, enumerable: true,
        get: function () { return wrapped; },
        set: function (Original) {
          wrapped = function (c, d, o) {
            var t0 = performance.now();
            var net = new Original(c, d, o);
            window.__pgConstructed = performance.now() - t0;
            net.once("afterDrawing", function () { window.__pgFirstDraw = performance.now(); });
            return net;
          };
          wrapped.prototype = Original.prototype;
        } });
    } });
})();
"""


def synthetic_store(size: int, seed: int = 7) -> MemoryStore:
    """A keep.eu-like graph of about ``size`` nodes: projects with 3–8 partners each."""
    rng = random.Random(seed)
    nodes: list[Node] = []
    edges: list[Edge] = []
    src = ("bench",)
    n_prio, n_net, n_reg = max(5, size // 100), max(3, size // 250), max(5, size // 60)
    n_proj = size // 6
    n_org = size - n_prio - n_net - n_reg - n_proj
    prio = [f"priority:bench:{i}" for i in range(n_prio)]
    nets = [f"network:bench-{i}" for i in range(n_net)]
    regs = [f"nuts:SE{i:03d}" for i in range(n_reg)]
    projs = [f"project:bench:p{i}" for i in range(n_proj)]
    orgs = [f"org:bench-{i}" for i in range(n_org)]
    for uid in prio:
        nodes.append(
            Node(uid=uid, label=NodeLabel.PRIORITY, name=f"Priority {uid[-3:]}", sources=src)
        )
    for uid in nets:
        nodes.append(
            Node(uid=uid, label=NodeLabel.NETWORK, name=f"Network {uid[-2:]}", sources=src)
        )
    for uid in regs:
        nodes.append(Node(uid=uid, label=NodeLabel.REGION, name=f"Region {uid[-3:]}", sources=src))
    for uid in projs:
        nodes.append(
            Node(uid=uid, label=NodeLabel.PROJECT, name=f"Project {uid[-4:]}", sources=src)
        )
    for uid in orgs:
        nodes.append(
            Node(uid=uid, label=NodeLabel.ORGANISATION, name=f"Org {uid[-4:]}", sources=src)
        )
    # preferential attachment: a few organisations take part in many projects
    weights = [1.0 / (i + 1) ** 0.6 for i in range(n_org)]
    for project in projs:
        for org in set(rng.choices(orgs, weights=weights, k=rng.randint(3, 8))):
            edges.append(
                Edge(type=RelType.PARTICIPATES_IN, source=org, target=project, sources=src)
            )
        edges.append(
            Edge(type=RelType.ADDRESSES, source=project, target=rng.choice(prio), sources=src)
        )
    for org in orgs:
        edges.append(
            Edge(type=RelType.LOCATED_IN, source=org, target=rng.choice(regs), sources=src)
        )
        if rng.random() < 0.1:
            edges.append(
                Edge(type=RelType.MEMBER_OF, source=org, target=rng.choice(nets), sources=src)
            )
    store = MemoryStore()
    store.upsert_nodes(nodes)
    store.upsert_edges(edges)
    return store


def write_ours(store: MemoryStore, folder: Path) -> tuple[Path, float]:
    """The site's page for the whole graph; returns it and the Python-side seconds."""
    shutil.copytree(STATIC_DIR, folder / "static", dirs_exist_ok=True)
    links = Links(mode="static")
    layout.clear_cache()
    started = time.perf_counter()
    html = render(graph_page(store, links, title=f"{len(store.nodes())} nodes"), links)
    seconds = time.perf_counter() - started
    page = folder / "ours.html"
    page.write_text(html, encoding="utf-8")
    return page, seconds


def write_pyvis(store: MemoryStore, folder: Path) -> tuple[Path, float]:
    from pyvis.network import Network

    started = time.perf_counter()
    net = Network(cdn_resources="in_line")  # every other setting: pyvis's default
    for node in store.nodes():
        net.add_node(node.uid, label=node.name, title=node.uid)
    for edge in store.edges():
        net.add_edge(edge.source, edge.target)
    page = folder / "pyvis.html"
    net.write_html(str(page))
    return page, time.perf_counter() - started


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    port = free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def time_to_interactive(driver: Any, url: str, timeout: float) -> float | None:
    """Seconds from navigation start to vis-network's first drawn frame (None: timed out)."""
    driver.get("about:blank")
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
    driver.set_page_load_timeout(timeout)
    deadline = time.monotonic() + timeout
    try:
        driver.get(url)
    except Exception:  # the page did not even load in time
        return None
    while time.monotonic() < deadline:
        try:
            drawn = driver.execute_script("return window.__pgFirstDraw || null")
        except Exception:
            drawn = None
        if drawn:
            # and the page answers script again: the main thread is free, the page is usable
            driver.execute_script("return 1")
            _leave(driver)
            return float(drawn) / 1000.0
        time.sleep(0.05)
    _leave(driver)
    return None


def _leave(driver: Any) -> None:
    """Stop the page: a pyvis page still stabilising would slow down what is measured next."""
    try:
        driver.get("about:blank")
    except Exception:
        driver.execute_cdp_cmd("Page.stopLoading", {})


DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
SECTION = "## Website"
HEADER = (
    "| nodes | edges | ours: Python | ours: browser | pyvis: Python | pyvis: browser "
    "| pyvis / ours (browser) |\n|---:|---:|---:|---:|---:|---:|---:|"
)


def _seconds(value: float | None, timeout: float) -> str:
    return f"> {timeout:g}" if value is None else f"{value:.2f}"


def markdown(results: list[dict[str, Any]], environment: str, load: str) -> str:
    """The "## Website" section of docs/benchmarks.md for one run's results."""
    rows = []
    for r in results:
        ratio = f"{r['ratio']:g}×" if "ratio" in r else f"≥ {r.get('ratio_at_least', 0):g}×"
        rows.append(
            f"| {r['nodes']:,} | {r['edges']:,} | {r['ours_python_s']:.2f} | "
            f"{_seconds(r['ours_browser_s'], 60)} | {r['pyvis_python_s']:.2f} | "
            f"{_seconds(r['pyvis_browser_s'], r['pyvis_timeout_s'])} | {ratio} |"
        )
    biggest = max(results, key=lambda r: r["nodes"])
    met = biggest["ours_browser_s"] is not None and biggest["ours_browser_s"] <= 3.0
    return f"""{SECTION}

`python bench/viz.py --write-doc` on {dt.date.today().isoformat()}: {environment}.
Load average before/after the run: {load} (other work on the machine competes for the cores).

How long a big network view takes to become interactive in headless Chromium: the site's own
page against a page made with plain pyvis defaults, for the same graph, in one run.

- **Graph**: seeded synthetic keep.eu-like graph (organisations attached preferentially to
  projects of 3–8 partners, priorities, regions, networks) in a `MemoryStore`.
- **Ours**: `viz.pages.graph_page` with the site's templates: positions computed in Python by
  igraph's Fruchterman–Reingold (seeded, cached per `data_version()`), physics off above 150
  nodes, labels only on hubs above 400 nodes, straight edges, vis-network shipped with the
  package.
- **Plain pyvis**: `pyvis.network.Network()` with its defaults, nodes and edges added,
  `write_html`. One change: `cdn_resources="in_line"`: the default (`"local"`) loads
  vis-network from a CDN, so offline that page never draws at all. The template's Bootstrap
  links fail at once (the browser resolves no outside host).
- **Time to interactive**: navigation start → vis-network's first drawn frame after its
  constructor (with pyvis's defaults that frame comes only after the 1,000 stabilisation
  iterations; until then the page shows a progress bar), measured inside the page by a probe
  installed before any script runs, then the page must answer a script call. **Python**: time
  to build the page, layout included, cold cache. Both in seconds.

{HEADER}
{chr(10).join(rows)}

- Target (issue 9): a {biggest["nodes"]:,}-node view interactive within 3 s in headless
  Chromium — {"met" if met else "MISSED"}: {_seconds(biggest["ours_browser_s"], 60)} s.
- "> N": plain pyvis had not drawn when the run gave up after N seconds; the ratio is then a
  lower bound.
- What else keeps views fast on the site: a neighbourhood draws at most 40 neighbours per
  relationship type and folds the rest into "+N" nodes (the table beside it lists them all);
  whole-graph views above 5,000 nodes keep the best connected nodes and say so; relationship
  tables page at 500 rows; rendered pages are cached per data version and carry an ETag.
"""


def write_doc(section: str) -> None:
    """Replace this benchmark's section of docs/benchmarks.md (append it if missing)."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    start = text.find(SECTION + "\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + section + (text[end + 1 :] if end >= 0 else "")
    DOC.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def _environment() -> str:
    import platform
    import subprocess

    chromium_version = subprocess.run(
        ["/usr/bin/chromium", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {chromium_version or 'Chromium'}; "
        "vis-network 9.1.13 in both pages"
    )


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000,5000")
    parser.add_argument("--pyvis-timeout", type=float, default=300.0)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--write-doc", action="store_true", help="replace the Website section of the docs"
    )
    parser.add_argument(
        "--smoke", action="store_true", help="one small graph, short timeout: does it still run?"
    )
    args = parser.parse_args()
    if args.smoke:
        args.sizes, args.pyvis_timeout = "150", 60.0
    sizes = [int(s) for s in args.sizes.split(",")]
    load_before = _load()
    results = []
    with tempfile.TemporaryDirectory() as tmp, chromium(1280, 900) as driver:
        folder = Path(tmp)
        with static_server(folder) as base:
            for size in sizes:
                store = synthetic_store(size)
                n_nodes, n_edges = len(store.nodes()), len(store.edges())
                ours_page, ours_py = write_ours(store, folder)
                pyvis_page, pyvis_py = write_pyvis(store, folder)
                ours = time_to_interactive(driver, f"{base}/{ours_page.name}", 60)
                theirs = time_to_interactive(
                    driver, f"{base}/{pyvis_page.name}", args.pyvis_timeout
                )
                row = {
                    "nodes": n_nodes,
                    "edges": n_edges,
                    "ours_python_s": round(ours_py, 2),
                    "ours_browser_s": None if ours is None else round(ours, 2),
                    "pyvis_python_s": round(pyvis_py, 2),
                    "pyvis_browser_s": None if theirs is None else round(theirs, 2),
                    "pyvis_timeout_s": args.pyvis_timeout,
                }
                if ours and theirs:
                    row["ratio"] = round(theirs / ours, 1)
                elif ours:
                    row["ratio_at_least"] = round(args.pyvis_timeout / ours, 1)
                results.append(row)
                print(json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.write_doc and not args.smoke:
        write_doc(markdown(results, _environment(), f"{load_before}/{_load()}"))
        print(f"wrote the {SECTION!r} section of {DOC}")


if __name__ == "__main__":
    main()
