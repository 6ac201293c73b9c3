"""The whole graph as one chart: what the 5,000-node benchmark (bench/viz.py) opens."""

from __future__ import annotations

from partnergraph.graph.store import GraphStore
from partnergraph.model import NodeLabel
from partnergraph.viz.links import Links
from partnergraph.viz.netdata import (
    network_view,
)
from partnergraph.viz.pages.common import (
    node_link,
)
from partnergraph.viz.render import Page

__all__ = ["graph_page"]


def graph_page(store: GraphStore, links: Links, title: str = "Graph") -> Page:
    """The whole graph as one chart (sources left out): the benchmark's 5,000-node view."""
    nodes = [n for n in store.nodes() if n.label != NodeLabel.SOURCE]
    view = network_view(
        nodes, store.edges(), lang=links.lang, link=node_link(links), version=store.data_version()
    )
    return Page(
        template="graph.html",
        title=title,
        page="home",
        context={"view": view, "uses_network": True},
    )
