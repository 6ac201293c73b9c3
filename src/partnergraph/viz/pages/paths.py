"""Connection paths: two pickers, the k shortest chains drawn and explained hop by hop."""

from __future__ import annotations

from dataclasses import dataclass

from partnergraph.errors import NotFound, QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, RelType
from partnergraph.queries.search import search as search_query
from partnergraph.viz.i18n import Lang, relation_name, t
from partnergraph.viz.links import Links
from partnergraph.viz.netdata import (
    LABEL_STYLES,
    network_view,
)
from partnergraph.viz.pages.common import (
    mark_names,
    name_marks,
    node_link,
    sources_for,
    span,
)
from partnergraph.viz.render import Page

__all__ = ["PATH_COLOURS", "HopRow", "PathRow", "Picked", "path_page"]


#: Colours of the k paths (Okabe–Ito), in rank order.
PATH_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


@dataclass
class HopRow:
    from_name: str
    from_url: str
    to_name: str
    to_url: str
    explanation: str
    dates: str
    sources: list[str]


@dataclass
class PathRow:
    rank: int
    length: int
    colour: str
    explanation: str
    hops: list[HopRow]


@dataclass
class Picked:
    uid: str
    name: str


def _pick(store: GraphStore, value: str | None, lang: Lang) -> Picked | None:
    """A uid, or the best search hit for a name typed without choosing a suggestion."""
    if not value or not value.strip():
        return None
    try:
        node = store.node(value.strip())
        return Picked(node.uid, node.display_name(lang))
    except NotFound:
        pass
    try:
        hits = search_query(store, value, lang=lang, limit=1).results
    except QueryError:
        return None
    return Picked(hits[0].node.uid, hits[0].display_name) if hits else None


def path_page(
    store: GraphStore,
    links: Links,
    source: str | None,
    target: str | None,
    k: int = 3,
) -> Page:
    from partnergraph.queries.paths import connection_paths

    lang = links.lang
    picked_from, picked_to = _pick(store, source, lang), _pick(store, target, lang)
    rows: list[PathRow] = []
    message = None
    view = None
    source_ids: list[str] = []
    if picked_from and picked_to:
        try:
            answer = connection_paths(store, picked_from.uid, picked_to.uid, k=k, lang=lang)
        except QueryError as exc:
            message = str(exc)
            answer = None
        if answer is not None:
            uids: dict[str, None] = {}
            # the sentences quote the chains' nodes and their evidence's ends
            marks = name_marks(
                store,
                lang,
                {
                    uid
                    for result in answer.results
                    for hop in result.hops
                    for uid in (
                        hop.from_node.uid,
                        hop.to_node.uid,
                        *(end for item in hop.evidence for end in (item.from_uid, item.to_uid)),
                        *(
                            end
                            for item in hop.evidence
                            for rel in item.supporting
                            for end in (rel.from_uid, rel.to_uid)
                        ),
                    )
                },
            )
            edge_path: dict[str, int] = {}
            edges: list[Edge] = []
            for result in answer.results:
                colour = PATH_COLOURS[(result.rank - 1) % len(PATH_COLOURS)]
                hops = []
                for hop in result.hops:
                    uids[hop.from_node.uid] = None
                    uids[hop.to_node.uid] = None
                    hop_sources = sorted({s for item in hop.evidence for s in item.sources})
                    source_ids.extend(hop_sources)
                    first = hop.evidence[0] if hop.evidence else None
                    hops.append(
                        HopRow(
                            from_name=mark_names(hop.from_node.name, marks),
                            from_url=links.node(hop.from_node.uid),
                            to_name=mark_names(hop.to_node.name, marks),
                            to_url=links.node(hop.to_node.uid),
                            explanation=mark_names(hop.explanation, marks),
                            dates=span(first.valid_from, first.valid_to) if first else "",
                            sources=hop_sources,
                        )
                    )
                    for item in hop.evidence:
                        edge = Edge(
                            type=item.type,
                            source=item.from_uid,
                            target=item.to_uid,
                            key=item.key,
                            valid_from=item.valid_from,
                            valid_to=item.valid_to,
                            sources=tuple(item.sources),
                            properties={"role": item.role} if item.role else {},
                        )
                        if edge.id not in edge_path:
                            edge_path[edge.id] = result.rank
                            edges.append(edge)
                rows.append(
                    PathRow(
                        result.rank,
                        result.length,
                        colour,
                        mark_names(result.explanation, marks),
                        hops,
                    )
                )
            nodes = list(store.get_nodes(uids).values())
            view = network_view(
                nodes,
                edges,
                lang=lang,
                link=node_link(links),
                version=store.data_version(),
                emphasis=[picked_from.uid, picked_to.uid],
                edge_colour=lambda e: PATH_COLOURS[(edge_path[e.id] - 1) % len(PATH_COLOURS)],
            )
            # edges are coloured by path here, not by type: the legend says which is which
            view.edge_legend = [
                {
                    "label": t("path_n", lang).format(n=row.rank),
                    "colour": row.colour,
                    "style": "solid",
                }
                for row in rows
            ]
            if not rows:
                message = t("path_none", lang).format(hops=6)
    return Page(
        template="path.html",
        title=t("path_title", lang),
        page="path",
        params={
            "from": picked_from.uid if picked_from else None,
            "to": picked_to.uid if picked_to else None,
            "k": k if k != 3 else None,
        },
        context={
            "picked_from": picked_from,
            "picked_to": picked_to,
            "k": k,
            "rows": rows,
            "message": message,
            "view": view,
            "sources": sources_for(store, source_ids),
            "uses_network": True,
            "uses_search": True,
            "relation_names": {rel.value: relation_name(rel.value, lang) for rel in RelType},
            "label_styles": LABEL_STYLES,
        },
    )
