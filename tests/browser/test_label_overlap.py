"""Network labels can be read: at the default zoom no two drawn labels sit on top of each other.

The boxes are vis-network's own (``labelModule.size``, measured by the canvas it draws on),
not the placement the page's script computes, so the test checks what is drawn, whatever
decided it. Each page is opened, its network left to settle (physics done, labels placed
for the zoom the picture was fitted to), and every pair of drawn labels is compared.

Thresholds, worked by hand: two label boxes "overlap" when they share more than 1 px in both
directions (vis rounds positions, so touching boxes can share a fraction of a pixel); a page
fails when more than 2 % of its label pairs overlap. The greedy placement aims at 0 %; the
margin is for the labels vis measures a little wider than the script's ``measureText``
(bold selected labels, font fallback), which may graze a neighbour.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.viz.netdata import network_view, wrap_label
from partnergraph.viz.pages.common import ERB_UID
from partnergraph.viz.site import build_site
from tests.browser.conftest import Browser

#: Share of drawn label pairs that may overlap (see the module docstring).
MAX_OVERLAP = 0.02
#: Pixels two boxes must share in both directions to count as overlapping.
TOLERANCE_PX = 1.0

# Every drawn label's box in CSS pixels of the canvas (vis-network's own measurement, from
# its last frame, moved by the label's vertical adjustment), with its text; a label vis skips
# as too small to read is not drawn.
_BOXES_JS = """
const net = pgNetworks[arguments[0]];
net.redraw();
const scale = net.getScale();
const out = [];
for (const id of net.body.nodeIndices) {
  const node = net.body.nodes[id];
  const text = node.options.label;
  if (typeof text !== "string" || text === "") continue;
  const label = node.labelModule;
  if (label.fontOptions.size * scale < node.options.scaling.label.drawThreshold - 1) continue;
  const s = label.size;
  // vis measures a label where it would draw it below the node; font.vadjust (set by the
  // page's script to lift a name above its node) moves the text, not the measured box
  const lift = Number(label.fontOptions.vadjust) || 0;
  const corner = net.canvasToDOM({x: s.left, y: s.top + lift});
  out.push({id: String(id), text: text, x: corner.x, y: corner.y,
            w: s.width * scale, h: s.height * scale});
}
return out;
"""

_STATE_JS = """
const el = document.getElementById(arguments[0]);
const net = pgNetworks[arguments[0]];
return [el.getAttribute("data-labels"), net ? net.getScale() : null];
"""


def settle(driver: Any, network: str, timeout: float = 20.0) -> None:
    """Until the page's script has placed the labels and nothing changes for a moment."""
    deadline = time.monotonic() + timeout
    last: list[Any] | None = None
    steady = 0
    while time.monotonic() < deadline:
        state = driver.execute_script(_STATE_JS, network)
        if state[0] is not None and state == last:
            steady += 1
            if steady >= 3:
                return
        else:
            steady = 0
        last = state
        time.sleep(0.25)
    raise TimeoutError(f"the labels of {network} did not settle")


def label_boxes(driver: Any, network: str) -> list[dict[str, Any]]:
    return list(driver.execute_script(_BOXES_JS, network))


def overlap_share(boxes: list[dict[str, Any]]) -> tuple[float, list[tuple[str, str]]]:
    """The share of label pairs whose boxes overlap, and those pairs (by label text)."""
    pairs = 0
    hits: list[tuple[str, str]] = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            pairs += 1
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > TOLERANCE_PX and dy > TOLERANCE_PX:
                hits.append((a["text"], b["text"]))
    return (len(hits) / pairs if pairs else 0.0), hits


def _check(driver: Any, network: str, focus: list[str]) -> None:
    settle(driver, network)
    boxes = label_boxes(driver, network)
    assert boxes, "no label is drawn"
    assert all(box["text"].strip() and box["w"] > 0 and box["h"] > 0 for box in boxes)
    drawn = {box["id"] for box in boxes}
    for uid in focus:
        assert uid in drawn, f"the focus node {uid} has no label"
    share, hits = overlap_share(boxes)
    assert share <= MAX_OVERLAP, f"{share:.1%} of label pairs overlap: {hits[:5]}"


def _network_ids(driver: Any) -> list[str]:
    return [
        el.get_attribute("id")
        for el in driver.find_elements(By.CSS_SELECTOR, "[data-network]")
        if el.is_displayed()
    ]


def test_node_page_of_gdansk(browser: Browser, pages: dict[str, str]) -> None:
    if "node" not in pages:
        pytest.skip("no Gdańsk in the data")
    browser.visit(pages["node"])
    uid = unquote(urlsplit(pages["node"]).path.rpartition("/")[2])
    driver: Any = browser.driver
    _check(driver, "net", [uid])
    # zooming in spreads the nodes under labels of the same screen size: more names, and
    # still none on top of another
    before = len(label_boxes(driver, "net"))
    driver.execute_script(
        "const n = pgNetworks.net; n.moveTo({scale: n.getScale() * 2.5, position: {x: 0, y: 0}});"
    )
    _check(driver, "net", [uid])
    assert len(label_boxes(driver, "net")) >= before


def test_erb_page(browser: Browser) -> None:
    browser.visit("/erb")
    driver: Any = browser.driver
    (network,) = _network_ids(driver)
    _check(driver, network, [ERB_UID])


def test_path_page(browser: Browser, pages: dict[str, str]) -> None:
    if "path" not in pages:
        pytest.skip("no path in the showcase")
    browser.visit(pages["path"])
    driver: Any = browser.driver
    query = parse_qs(urlsplit(pages["path"]).query)
    (network,) = _network_ids(driver)
    _check(driver, network, [query["from"][0], query["to"][0]])


def test_clusters_overview_then_one_cluster(browser: Browser) -> None:
    browser.visit("/clusters")
    driver: Any = browser.driver
    assert _network_ids(driver) == ["clusternet"]
    first = driver.find_element(By.CSS_SELECTOR, "#cluster-table a[data-cluster]")
    cluster = first.get_attribute("data-cluster")
    count = driver.execute_script("return pgNetworks.clusternet.body.data.nodes.length")
    rows = driver.find_elements(By.CSS_SELECTOR, "#cluster-table tbody tr")
    assert count == len(rows), "the overview draws one node per cluster"
    _check(driver, "clusternet", [f"cluster:{cluster}"])

    browser.visit(first.get_attribute("href"))
    assert urlsplit(driver.current_url).query.endswith(f"cluster={cluster}")
    assert driver.find_element(By.CSS_SELECTOR, "a[data-cluster-overview]")
    # the cluster's first broker is the centre of its picture
    centre = driver.execute_script(
        "const d = JSON.parse(document.getElementById('clusternet-data').textContent);"
        "const c = d.nodes.filter(n => n.rank === 0); return c.length ? c[0].id : null;"
    )
    _check(driver, "clusternet", [centre] if centre else [])


@pytest.fixture(scope="module")
def static_site(site_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("labels-site")
    build_site(site_store, out, langs=("pl",), only=[])
    return out


def test_static_clusters_drill_down_and_path(
    browser: Browser, static_site: Path, pages: dict[str, str]
) -> None:
    driver: Any = browser.driver
    visit = browser.visit((static_site / "clusters.html").as_uri())
    assert visit.console_errors == []
    first = driver.find_element(By.CSS_SELECTOR, "#cluster-table a[data-cluster]")
    cluster = first.get_attribute("data-cluster")
    assert first.get_attribute("href").endswith(f"/clusters/{cluster}.html")
    _check(driver, "clusternet", [f"cluster:{cluster}"])
    visit = browser.visit(first.get_attribute("href"))
    assert visit.console_errors == []
    back = driver.find_element(By.CSS_SELECTOR, "a[data-cluster-overview]")
    assert back.get_attribute("href").endswith("/clusters.html")
    _check(driver, "clusternet", [])
    # the static path page draws its own network in the browser: the same placement applies
    if "path" in pages:
        query = urlsplit(pages["path"]).query
        browser.visit((static_site / "path.html").as_uri() + "?" + query, wait=False)
        WebDriverWait(driver, 20).until(
            lambda d: d.execute_script("return !!(window.pgNetworks && pgNetworks.pathnet)")
        )
        ends = parse_qs(query)
        _check(driver, "pathnet", [ends["from"][0], ends["to"][0]])


def test_long_names_are_wrapped_not_cut_and_kept_whole_on_hover() -> None:
    name = "Zarząd Stowarzyszenia Gmin Rzeczypospolitej Polskiej Euroregion Bałtyk"
    label = wrap_label(name)
    assert label.replace("\n", " ") == name
    assert max(len(line) for line in label.split("\n")) <= 22
    hub = Node(uid="network:hub", label=NodeLabel.NETWORK, name=name, sources=("s",))
    view = network_view([hub], [], lang="pl", link=lambda _: None, centre=hub.uid)
    (item,) = view.nodes
    assert item["label"] == label
    assert item["rank"] == 0
    assert item["title"].split("\n")[0] == name


def test_as_of_view_draws_only_what_holds_on_the_day() -> None:
    hub = Node(uid="network:hub", label=NodeLabel.NETWORK, name="Hub", sources=("s",))
    members = [
        Node(uid=f"org:m{i}", label=NodeLabel.ORGANISATION, name=f"M{i}", sources=("s",))
        for i in range(3)
    ]
    spans = [("2000-01-01", "2010-12-31"), ("2000-01-01", None), ("2030-01-01", None)]
    edges = [
        Edge(
            type=RelType.MEMBER_OF,
            source=m.uid,
            target=hub.uid,
            valid_from=start,
            valid_to=end,
            sources=("s",),
        )
        for m, (start, end) in zip(members, spans, strict=True)
    ]
    view = network_view(
        [hub, *members],
        edges,
        lang="pl",
        link=lambda _: None,
        centre=hub.uid,
        at=dt.date(2020, 6, 1),
    )
    assert [e["from"] for e in view.edges] == ["org:m1"]
    everything = network_view([hub, *members], edges, lang="pl", link=lambda _: None)
    assert len(everything.edges) == 3
