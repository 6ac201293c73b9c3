"""The static website: every page rendered to a file, with the data baked in.

The result is a folder that any web server can host, or that opens straight from disk: links
are relative, assets are copied next to the pages, search suggestions come from a generated
script (not from ``fetch``, which browsers refuse on ``file://``), and the year sliders switch
between answers that are already in the page. Polish pages sit at the root, English ones under
``en/``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import NodeLabel
from partnergraph.queries._cache import current
from partnergraph.queries.service import QueryService
from partnergraph.viz import pages
from partnergraph.viz.i18n import LANGS, Lang, label_name
from partnergraph.viz.links import Links, page_file
from partnergraph.viz.netdata import json_for_script
from partnergraph.viz.pages.clusters import cluster_ids
from partnergraph.viz.pages.common import credits_for
from partnergraph.viz.pages.region import Emitted, PlaceLinks, place_file, static_places
from partnergraph.viz.render import Page, render
from partnergraph.viz.routes import STATIC_DIR

__all__ = ["SiteReport", "build_site"]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SiteReport:
    out_dir: Path
    pages: int
    bytes: int


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


class _PageWriter:
    """Writes one language's pages; a page ``depth`` folders below the site root links with
    that many ``../`` (English pages are one folder deeper, under ``en/``)."""

    def __init__(self, root: Path, lang: Lang, version: str, credits: Sequence[str]) -> None:
        self.root, self.lang, self.version, self.credits = root, lang, version, credits
        self.base_depth = 1 if lang == "en" else 0
        self.count = self.size = 0

    def emit(
        self, build: Callable[[Links], Page], file: str, links_type: type[Links] = Links
    ) -> None:
        links = links_type(lang=self.lang, mode="static", depth=self.base_depth + file.count("/"))
        html = render(build(links), links, data_version=self.version[:12], credits=self.credits)
        self.size += _write(self.root / file, html)
        self.count += 1


def _node_page(store: GraphStore, uid: str, links: Links) -> Page:
    return pages.node_page(store, uid, links)


def _priority_page(store: GraphStore, uid: str, links: Links) -> Page:
    return pages.priority_page(store, uid, links)


def _emit_places(
    writer: _PageWriter, store: GraphStore, notes: Sequence[CoverageNote], places: Emitted
) -> None:
    """Region pages (with their CSV) and programme pages, in ``writer``'s language."""
    for kind, uid, programme in sorted(places, key=lambda p: (p[0], p[1], p[2] or "")):
        if kind == "programme":
            writer.emit(
                partial(_programme_page, store, uid, places),
                place_file("programme", uid),
                PlaceLinks,
            )
            continue
        writer.emit(
            partial(_region_page, store, uid, programme, notes, places),
            place_file("region", uid, programme),
            PlaceLinks,
        )
        text = pages.region_csv(store, uid, writer.lang, programme=programme)
        writer.size += _write(writer.root / place_file("region", uid, programme, "csv"), text)


def _region_page(
    store: GraphStore,
    uid: str,
    programme: str | None,
    notes: Sequence[CoverageNote],
    places: Emitted,
    links: Links,
) -> Page:
    return pages.region_page(store, uid, links, programme=programme, notes=notes, emitted=places)


def _programme_page(store: GraphStore, uid: str, places: Emitted, links: Links) -> Page:
    return pages.programme_page(store, uid, links, emitted=places)


def search_index(store: GraphStore, lang: Lang) -> str:
    """``window.PG_INDEX``: [uid, label, name, name_en, folded names, page] per node."""
    rows = []
    for node in store.nodes():
        if node.label == NodeLabel.SOURCE:
            continue
        page = "priority" if node.label == NodeLabel.PRIORITY else "node"
        rows.append(
            [
                node.uid,
                label_name(node.label.value, lang),
                node.name,
                node.name_en or "",
                node.search_key,
                page_file(page, node.uid),
            ]
        )
    return "window.PG_INDEX = " + json_for_script(rows) + ";\n"


#: Above this many nodes the static path page gets no baked graph (it would be too heavy).
MAX_BAKED_GRAPH = 50_000


def graph_script(store: GraphStore) -> str:
    """``window.PG_GRAPH`` for the static path page: nodes and edges, compactly."""
    nodes = [n for n in store.nodes() if n.label != NodeLabel.SOURCE]
    index = {node.uid: i for i, node in enumerate(nodes)}
    node_rows = [
        [
            node.uid,
            node.name,
            node.name_en or "",
            page_file("priority" if node.label == NodeLabel.PRIORITY else "node", node.uid),
            node.label.value,
        ]
        for node in nodes
    ]
    edge_rows = [
        [
            index[edge.source],
            index[edge.target],
            edge.type.value,
            edge.valid_from or "",
            edge.valid_to or "",
            ", ".join(edge.sources),
        ]
        for edge in store.edges()
        if edge.source in index and edge.target in index
    ]
    return "window.PG_GRAPH = " + json_for_script({"n": node_rows, "e": edge_rows}) + ";\n"


def build_site(
    store: GraphStore,
    out_dir: Path,
    *,
    langs: tuple[Lang, ...] = LANGS,
    only: Iterable[str] | None = None,
    progress: Progress | None = None,
    notes: Sequence[CoverageNote] = (),
) -> SiteReport:
    """Write the whole site into ``out_dir`` (created; files of an earlier build replaced).

    Parameters
    ----------
    store : the graph to publish.
    out_dir : the folder to write; afterwards ``out_dir/index.html`` is the home page.
    langs : which languages to build (Polish at the root, English under ``en/``).
    only : build node and priority pages for these uids only (a quick partial build; links
        to other nodes then lead nowhere).
    progress : called as ``progress(what, done, total)`` while node pages are written.
    notes : the partial/missing coverage notes, shown beside the gaps they concern.

    Returns
    -------
    SiteReport with the number of pages and bytes written.
    """
    if current() is None:  # pages share whole-graph work (the evidence of every priority)
        with QueryService(store).bound():
            return build_site(
                store, out_dir, langs=langs, only=only, progress=progress, notes=notes
            )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    static_target = out_dir / "static"
    if static_target.exists():
        shutil.rmtree(static_target)
    shutil.copytree(STATIC_DIR, static_target)
    version = store.data_version()
    count = size = 0
    wanted = set(only) if only is not None else None
    nodes = [
        n
        for n in store.nodes()
        if n.label != NodeLabel.SOURCE and (wanted is None or n.uid in wanted)
    ]
    total = len(nodes) * len(langs)

    places = static_places(store)
    if sum(store.counts().nodes.values()) <= MAX_BAKED_GRAPH:
        size += _write(out_dir / "site" / "graph.js", graph_script(store))
    for lang in langs:
        size += _write(out_dir / "site" / f"search-index.{lang}.js", search_index(store, lang))
        root = out_dir / "en" if lang == "en" else out_dir
        writer = _PageWriter(root, lang, version, credits_for(store))
        writer.emit(lambda links: pages.home_page(store, links), page_file("home"))
        writer.emit(lambda links: pages.erb_page(store, links), page_file("erb"))
        writer.emit(
            lambda links: pages.association_page(store, links, notes=notes),
            page_file("association"),
        )
        writer.size += _write(writer.root / "association.csv", pages.association_csv(store, lang))
        writer.emit(lambda links: pages.priorities_page(store, links), page_file("priorities"))
        writer.emit(lambda links: pages.path_page(store, links, None, None), page_file("path"))
        writer.emit(lambda links: pages.gaps_page(store, links, notes=notes), page_file("gaps"))
        writer.emit(lambda links: pages.clusters_page(store, links), page_file("clusters"))
        # the overview links to one page per cluster (its members), as the live ?cluster=N
        for cluster in cluster_ids(store):
            writer.emit(
                partial(pages.clusters_page, store, cluster=cluster),
                page_file("clusters", str(cluster)),
            )
        _emit_places(writer, store, notes, places)
        for done, node in enumerate(nodes, start=1):
            uid = node.uid
            writer.emit(partial(_node_page, store, uid), page_file("node", uid))
            if node.label == NodeLabel.PRIORITY:
                writer.emit(partial(_priority_page, store, uid), page_file("priority", uid))
            if progress and done % 50 == 0:
                progress("pages", done + len(nodes) * langs.index(lang), total)
        count += writer.count
        size += writer.size
    if progress:
        progress("pages", total, total)
    return SiteReport(out_dir=out_dir, pages=count, bytes=size)
