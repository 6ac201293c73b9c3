"""A node page: facts with sources and dates, its neighbourhood as a network and a table."""

from __future__ import annotations

from dataclasses import dataclass

from partnergraph.graph.store import GraphStore
from partnergraph.model import Node, NodeLabel, RelType
from partnergraph.viz.i18n import label_name, prop_name, relation_name, t
from partnergraph.viz.i18n_places import shown_name
from partnergraph.viz.i18n_values import is_translated, value_text
from partnergraph.viz.links import Links
from partnergraph.viz.netdata import (
    NEIGHBOURS_PER_TYPE,
    edge_dates,
    network_view,
)
from partnergraph.viz.pages.common import (
    node_link,
    show_value,
    sources_for,
)
from partnergraph.viz.pages.region import place_url, static_places
from partnergraph.viz.render import Page

__all__ = ["ROWS_PER_PAGE", "RelationRow", "node_page"]


#: Relationship rows per page of a node page (live; the static site lists them all).
ROWS_PER_PAGE = 500


@dataclass
class RelationRow:
    rel_type: str
    relation: str
    direction: str
    other_uid: str
    other_name: str
    other_native: str | None
    other_lang: str | None
    other_label: str
    other_url: str
    dates: str
    details: str
    sources: list[str]


#: Free-text properties the data stores in English (marked as English on Polish pages).
_STORED_IN_ENGLISH = frozenset({"note", "kind", "description", "keywords", "status"})
#: Codes, identifiers, addresses and other spellings as the sources give them: shown as
#: stored, never translated ("keep_closed_1420.xlsx[Partners]:999" is a file reference).
_VERBATIM = frozenset(
    {"source_row", "website", "pic", "vat", "keep_id", "teryt", "nuts_code", "iso_code", "aliases"}
)

_PLACES = frozenset({NodeLabel.REGION, NodeLabel.COUNTY, NodeLabel.MUNICIPALITY})
#: The static site's region and programme pages, per data version (computed once a build).
_static_places: dict[str, frozenset[tuple[str, str, str | None]]] = {}


def _place_url(store: GraphStore, node: Node, links: Links) -> str:
    """The region page of a territory, the programme page of a programme ("" for others, and
    in the static site for territories it has no region page for)."""
    if node.label == NodeLabel.PROGRAMME:
        return place_url(links, "programme", node.uid)
    if node.label not in _PLACES:
        return ""
    if links.mode == "static":
        version = store.data_version()
        if version not in _static_places:
            _static_places.clear()
            _static_places[version] = static_places(store)
        if ("region", node.uid, None) not in _static_places[version]:
            return ""
    return place_url(links, "region", node.uid)


def node_page(store: GraphStore, uid: str, links: Links, page_no: int = 1) -> Page:
    lang = links.lang
    node = store.node(uid)
    neighbours = store.neighbours(uid)
    link = node_link(links)
    rows = [
        RelationRow(
            rel_type=n.edge.type.value,
            relation=relation_name(n.edge.type.value, lang),
            direction="→" if n.direction == "out" else "←",
            other_uid=n.node.uid,
            other_name=shown_name(n.node, lang).text,
            other_native=shown_name(n.node, lang).native,
            other_lang=shown_name(n.node, lang).lang,
            other_label=label_name(n.node.label.value, lang),
            other_url=link(n.node) or "",
            dates=t("twin_unverified", lang)
            if n.edge.type == RelType.TWINNED_WITH
            and n.edge.properties.get("status") == "unverified"
            else edge_dates(n.edge),
            details=", ".join(
                f"{prop_name(k, lang)}: {value_text(k, show_value(v), lang)}"
                for k, v in n.edge.properties.items()
                # the note is shown apart; the import's file row is provenance, in the API
                if k not in ("note", "source_row")
            ),
            sources=list(n.edge.sources),
        )
        for n in neighbours
    ]
    total_rows = len(rows)
    pages = max(1, -(-total_rows // ROWS_PER_PAGE))
    page_no = min(max(page_no, 1), pages)
    if links.mode == "static":
        page_no, pages = 1, 1
        shown_rows = rows
    else:
        shown_rows = rows[(page_no - 1) * ROWS_PER_PAGE : page_no * ROWS_PER_PAGE]

    around = {uid, *(n.node.uid for n in neighbours)}
    sub = store.subgraph(around)
    view = network_view(
        sub.nodes,
        sub.edges,
        lang=lang,
        link=link,
        centre=uid,
        version=store.data_version(),
        per_type=NEIGHBOURS_PER_TYPE,
    )
    source_ids = [*node.sources, *(s for n in neighbours for s in n.edge.sources)]
    # (name, value, how the value is marked: "" plain, "native" a native name, "en" English)
    facts = [
        (t("uid", lang), node.uid, "id"),
        (t("label", lang), label_name(node.label.value, lang), ""),
    ]
    shown = shown_name(node, lang)
    if shown.native:
        facts.append((t("native_name", lang), shown.native, "native"))
    elif node.name_en and node.name_en != node.name:
        facts.append((t("name", lang), node.name, "native"))
        facts.append((t("name_en", lang), node.name_en, "" if lang == "en" else "en"))
    if node.valid_from or node.valid_to:
        facts.append((t("valid", lang), f"{node.valid_from or '…'} – {node.valid_to or '…'}", ""))
    for key, value in node.properties.items():
        text = show_value(value)
        if key in _VERBATIM:
            facts.append((prop_name(key, lang), text, "id"))
            continue
        shown_value = value_text(key, text, lang)
        english = lang == "pl" and key in _STORED_IN_ENGLISH and not is_translated(key, text)
        facts.append((prop_name(key, lang), shown_value, "en" if english else ""))
    return Page(
        template="node.html",
        title=shown.text,
        page="node",
        uid=uid,
        context={
            "node": node,
            "name": shown.text,
            "native": shown.native,
            "name_lang": shown.lang,
            "facts": facts,
            "node_sources": list(node.sources),
            "rows": shown_rows,
            "total_rows": total_rows,
            "first_row": (page_no - 1) * ROWS_PER_PAGE + 1,
            "page_no": page_no,
            "pages": pages,
            "view": view,
            "sources": sources_for(store, source_ids),
            "uses_network": True,
            "is_priority": node.label == NodeLabel.PRIORITY,
            "place_url": _place_url(store, node, links),
        },
    )
