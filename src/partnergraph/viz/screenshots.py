"""Screenshots of every page, for ``docs/screenshots/`` and for looking at what users see.

``partnergraph site screenshots OUT_DIR`` serves the app on 127.0.0.1, opens each page in
headless Chromium and saves one PNG per page. The same page list (:func:`showcase`) is what
the browser tests visit, so the pictures show what the tests check.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import quote

from partnergraph.graph.store import GraphStore
from partnergraph.model import NodeLabel, RelType
from partnergraph.queries.search import search

__all__ = ["showcase", "take_screenshots", "wait_for_networks"]

_EVIDENCE = (RelType.COVERS, RelType.ADDRESSES, RelType.FOCUSES_ON)


def _first_hit(store: GraphStore, text: str, label: NodeLabel) -> str | None:
    hits = search(store, text, labels=[label], limit=1).results
    return hits[0].node.uid if hits else None


def _busiest_priority(store: GraphStore) -> str | None:
    best: tuple[int, str] | None = None
    for node in store.nodes(NodeLabel.PRIORITY):
        count = len(store.neighbours(node.uid, types=list(_EVIDENCE), direction="in"))
        if best is None or (count, node.uid) > best:
            best = (count, node.uid)
    return best[1] if best else None


def _q(uid: str) -> str:
    return quote(uid, safe=":")


def showcase(store: GraphStore) -> dict[str, str]:
    """Page name → path (with query) of one representative URL per page, from the data."""
    pages = {"home": "/", "erb": "/erb", "gaps": "/gaps", "clusters": "/clusters"}
    gdansk = _first_hit(store, "Gdańsk", NodeLabel.MUNICIPALITY)
    if gdansk:
        pages["node"] = f"/node/{_q(gdansk)}"
    priority = _busiest_priority(store)
    if priority:
        pages["priority"] = f"/priority/{_q(priority)}"
    target = _first_hit(store, "Blekinge", NodeLabel.ORGANISATION) or _first_hit(
        store, "Kalmar", NodeLabel.REGION
    )
    if gdansk and target:
        pages["path"] = f"/path?from={_q(gdansk)}&to={_q(target)}"
    pages["priorities"] = "/priorities"
    return pages


def wait_for_networks(driver: object, timeout: float = 15.0) -> None:
    """Until every visible network on the page has drawn once (``data-ready``)."""
    deadline = time.monotonic() + timeout
    script = (
        "return Array.from(document.querySelectorAll('[data-network]'))"
        ".filter(e => e.offsetParent !== null && e.getAttribute('data-ready') !== '1').length"
    )
    while time.monotonic() < deadline:
        if driver.execute_script(script) == 0:  # type: ignore[attr-defined]
            return
        time.sleep(0.1)
    raise TimeoutError("a network did not draw in time")


def take_screenshots(
    store: GraphStore, out_dir: Path, *, langs: tuple[str, ...] = ("pl",), settle: float = 1.0
) -> list[Path]:
    """Serve the app for ``store`` and save ``<page>[.<lang>].png`` for every showcase page."""
    from partnergraph.settings import Settings
    from partnergraph.viz.browser import chromium, serve
    from partnergraph.web import create_app

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    app = create_app(Settings(store="memory"), store=store)
    with serve(app) as server, chromium(width=1280, height=1000) as driver:
        for lang in langs:
            for name, path in showcase(store).items():
                sep = "&" if "?" in path else "?"
                driver.get(server.url + path + (f"{sep}lang={lang}" if lang != "pl" else ""))
                wait_for_networks(driver)
                time.sleep(settle)  # let small views finish their last physics frames
                target = out_dir / (f"{name}.png" if lang == "pl" else f"{name}.{lang}.png")
                driver.save_screenshot(str(target))
                written.append(target)
    return written
