"""The programme page: a funding programme's priorities (DEFINES), its eligible area
(ELIGIBLE_AREA), who adopted or manages it (ADOPTED_BY), and the projects it funds
(FUNDED_BY) with their partners and years, every fact with its sources; each eligible region
links to its region page filtered by the programme."""

from __future__ import annotations

from dataclasses import dataclass

from partnergraph.errors import QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.queries.evidence import partner_country
from partnergraph.viz.i18n import label_name, t
from partnergraph.viz.i18n_places import shown_name
from partnergraph.viz.links import Links
from partnergraph.viz.pages.common import sources_for, span
from partnergraph.viz.pages.region import Emitted, place_url
from partnergraph.viz.render import Page

__all__ = ["Linked", "ProgrammeProject", "programme_page"]


@dataclass
class Linked:
    uid: str
    name: str
    url: str
    label: str
    dates: str
    sources: list[str]
    detail: str = ""
    region_url: str = ""
    #: the native name beside a translated one, or "en" for a name stored only in English
    native: str | None = None
    name_lang: str | None = None


@dataclass
class ProgrammeProject:
    project: Linked
    partners: list[Linked]


def _linked(links: Links, node: Node, edge: Edge, detail: str = "") -> Linked:
    url = links.priority(node.uid) if node.label == NodeLabel.PRIORITY else links.node(node.uid)
    shown = shown_name(node, links.lang)
    return Linked(
        uid=node.uid,
        name=shown.text,
        native=shown.native,
        name_lang=shown.lang,
        url=url,
        label=label_name(node.label.value, links.lang),
        dates=span(edge.valid_from or node.valid_from, edge.valid_to or node.valid_to),
        sources=list(edge.sources),
        detail=detail,
    )


def programme_page(
    store: GraphStore, uid: str, links: Links, *, emitted: Emitted | None = None
) -> Page:
    """The page of the Programme ``uid``; ``emitted`` as for the region page."""
    lang = links.lang
    node = store.node(uid)
    if node.label != NodeLabel.PROGRAMME:
        raise QueryError(f"{uid} is a {node.label.value}, not a Programme")
    out = store.neighbours(uid, direction="out")
    priorities = sorted(
        (_linked(links, n.node, n.edge) for n in out if n.edge.type == RelType.DEFINES),
        key=lambda p: p.uid,
    )
    area: list[Linked] = []
    for n in out:
        if n.edge.type != RelType.ELIGIBLE_AREA:
            continue
        item = _linked(links, n.node, n.edge)
        if emitted is None or ("region", n.node.uid, uid) in emitted:
            item.region_url = place_url(links, "region", n.node.uid, programme=uid)
        area.append(item)
    area.sort(key=lambda a: a.uid)
    owners = [_linked(links, n.node, n.edge) for n in out if n.edge.type == RelType.ADOPTED_BY]
    projects: list[ProgrammeProject] = []
    funded = store.neighbours(uid, types=[RelType.FUNDED_BY], direction="in")
    for n in sorted(funded, key=lambda f: (f.node.valid_from or "9999", f.node.uid)):
        partners = [
            _linked(links, p.node, p.edge, partner_country(p.node) or "")
            for p in store.neighbours(n.node.uid, types=[RelType.PARTICIPATES_IN], direction="in")
        ]
        partners.sort(key=lambda p: (p.detail, p.name))
        projects.append(ProgrammeProject(project=_linked(links, n.node, n.edge), partners=partners))
    ids = [*node.sources]
    for group in (priorities, area, owners):
        ids.extend(s for item in group for s in item.sources)
    for p in projects:
        ids.extend(p.project.sources)
        ids.extend(s for partner in p.partners for s in partner.sources)
    return Page(
        template="programme.html",
        title=f"{node.display_name(lang)} — {t('programme', lang)}",
        page="programme",
        uid=uid,
        context={
            "node": node,
            "name": node.display_name(lang),
            "name_lang": shown_name(node, lang).lang,
            "valid": span(node.valid_from, node.valid_to),
            "priorities": priorities,
            "area": area,
            "owners": owners,
            "projects": projects,
            "sources": sources_for(store, ids),
            "uses_network": False,
        },
    )
