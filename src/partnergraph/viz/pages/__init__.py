"""Page builders: from a store (through the query layer) to what a template shows.

Each builder is a plain function of (store, links, parameters) returning a
:class:`~partnergraph.viz.render.Page`, so the live app and the static site build call exactly
the same code. Pages whose answer depends on a date compute it for every year once and keep
only the distinct answers ("variants"); the year slider then switches between them in the
browser, with no request, which is also what makes it work in the static site.
"""

from partnergraph.viz.pages.association import association_csv, association_page
from partnergraph.viz.pages.clusters import clusters_page
from partnergraph.viz.pages.common import ERB_UID, error_page, node_link, not_found_page
from partnergraph.viz.pages.erb import erb_page
from partnergraph.viz.pages.gaps import gaps_page
from partnergraph.viz.pages.graph import graph_page
from partnergraph.viz.pages.home import home_page
from partnergraph.viz.pages.node import node_page
from partnergraph.viz.pages.paths import path_page
from partnergraph.viz.pages.priorities import priorities_page, priority_page
from partnergraph.viz.pages.programme import programme_page
from partnergraph.viz.pages.region import PlaceLinks, place_url, region_csv, region_page

__all__ = [
    "ERB_UID",
    "PlaceLinks",
    "association_csv",
    "association_page",
    "clusters_page",
    "erb_page",
    "error_page",
    "gaps_page",
    "graph_page",
    "home_page",
    "node_link",
    "node_page",
    "not_found_page",
    "path_page",
    "place_url",
    "priorities_page",
    "priority_page",
    "programme_page",
    "region_csv",
    "region_page",
]
