"""Interactive network views inside Jupyter that work offline.

A view is the website's chart (:func:`partnergraph.viz.netdata.network_view`: the same colours,
shapes, seeded layout and tooltips) in a self-contained HTML document: vis-network is read from
the copy shipped in the package and inlined, never loaded from a CDN. The document is shown
in an ``<iframe srcdoc>``, so it runs the same in JupyterLab, classic Notebook and VS Code and
does not clash with the notebook's own scripts (classic Notebook's require.js would otherwise
swallow vis-network's UMD bundle). ``view.save("erb.html")`` writes the same page to a file.

    from partnergraph.notebook import neighbourhood, show_network
    show_network(neighbourhood(store, "network:euroregion-baltic"), lang="en")
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, RelType, Subgraph
from partnergraph.queries.snapshot import snapshot
from partnergraph.viz.i18n import Lang
from partnergraph.viz.netdata import network_view

__all__ = ["NetworkView", "neighbourhood", "show_network", "vis_network_js"]

_VIS = ("viz", "static", "vendor", "vis-network", "vis-network.min.js")
#: Past this many nodes a notebook view gets slow to draw; narrow the view instead.
MAX_NOTEBOOK_NODES = 2000


@cache
def vis_network_js() -> str:
    """The vis-network bundle shipped in the package (read once)."""
    path = resources.files("partnergraph").joinpath(*_VIS)
    return path.read_text(encoding="utf-8")


class NetworkView:
    """One network chart as a standalone page; Jupyter shows it through ``_repr_html_``."""

    def __init__(self, document: str, *, height: int, nodes: int, edges: int) -> None:
        self.document = document
        self.height = height
        self.nodes = nodes
        self.edges = edges

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.document, quote=True)}" '
            f'style="width:100%;height:{self.height + 40}px;border:1px solid #ddd" '
            'sandbox="allow-scripts"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (it opens offline in any browser)."""
        target = Path(path)
        target.write_text(self.document, encoding="utf-8")
        return target

    def __repr__(self) -> str:
        return f"<NetworkView: {self.nodes} nodes, {self.edges} relationships>"


def _legend(items: Sequence[Mapping[str, str]]) -> str:
    return "".join(
        f'<span><i style="background:{html.escape(item["colour"])}"></i>'
        f"{html.escape(item['label'])}</span>"
        for item in items
    )


def _document(title: str, payload_json: str, legend: str, notice: str | None, height: int) -> str:
    note = f'<p class="notice">{html.escape(notice)}</p>' if notice else ""
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>"
        "body{margin:0;font:13px system-ui,sans-serif;color:#222}"
        f"#net{{width:100%;height:{height}px}}"
        ".legend{padding:4px 8px;display:flex;flex-wrap:wrap;gap:4px 14px}"
        ".legend i{display:inline-block;width:10px;height:10px;margin-right:4px;"
        "border:1px solid #222;border-radius:2px}"
        ".notice{margin:2px 8px;color:#8a4b00}"
        "</style><script>"
        f"{vis_network_js()}"
        "</script></head><body>"
        f'<div class="legend"><b>{html.escape(title)}</b>{legend}</div>{note}'
        '<div id="net"></div>'
        f'<script type="application/json" id="data">{payload_json}</script>'
        "<script>var d=JSON.parse(document.getElementById('data').textContent);"
        "new vis.Network(document.getElementById('net'),{nodes:d.nodes,edges:d.edges},"
        "d.options);</script></body></html>"
    )


def show_network(
    graph: Subgraph | tuple[Sequence[Node], Sequence[Edge]],
    *,
    lang: Lang = "pl",
    title: str = "partnergraph",
    height: int = 520,
    centre: str | None = None,
    colours: Mapping[str, str] | Callable[[Node], str | None] | None = None,
    emphasis: Iterable[str] = (),
    max_nodes: int = MAX_NOTEBOOK_NODES,
    seed: int = 42,
) -> NetworkView:
    """An interactive, offline view of some nodes and the relationships among them.

    Parameters
    ----------
    graph : a :class:`~partnergraph.model.Subgraph` (``store.subgraph(uids)``,
        :func:`neighbourhood`) or a pair (nodes, edges).
    lang : language of names and tooltips.
    title : shown above the chart.
    centre : the node the view is about (drawn larger, in the middle).
    colours : uid → CSS colour (e.g. one per cluster), or a function of the node; other nodes
        keep the colour of their label.
    emphasis : uids drawn with a thick border (brokers, path ends).
    max_nodes : above this, only the best connected nodes are drawn (the view says so).
    seed : the layout's seed; the same seed gives the same picture.

    Returns
    -------
    NetworkView : displayed inline by Jupyter; ``.save(path)`` writes a standalone page.
    """
    nodes, edges = (graph.nodes, graph.edges) if isinstance(graph, Subgraph) else graph
    if colours is None or callable(colours):
        colour = colours
    else:
        table = dict(colours)

        def colour(node: Node) -> str | None:
            return table.get(node.uid)

    view = network_view(
        list(nodes),
        list(edges),
        lang=lang,
        link=lambda node: None,
        centre=centre,
        colour=colour,
        emphasis=emphasis,
        max_nodes=max_nodes,
        seed=seed,
    )
    document = _document(title, view.script_json(), _legend(view.legend), view.notice, height)
    return NetworkView(document, height=height, nodes=len(view.nodes), edges=len(view.edges))


def neighbourhood(
    store: GraphStore,
    uid: str,
    *,
    depth: int = 1,
    types: Sequence[RelType] | None = None,
    at: dt.date | None = None,
) -> Subgraph:
    """``uid``, everything within ``depth`` hops of it (over ``types``, on day ``at``) and
    every relationship among those nodes."""
    view = snapshot(store, at)
    view.node(uid)
    seen = {uid}
    frontier = [uid]
    for _ in range(depth):
        reached = {
            found.node.uid for parent in frontier for found in view.neighbours(parent, types=types)
        }
        frontier = sorted(reached - seen)
        seen |= reached
    return view.subgraph(seen)
