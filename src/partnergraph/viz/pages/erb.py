"""The Euroregion Baltic: members and bodies over time, Kaliningrad's suspension visible."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnergraph.errors import NotFound
from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.queries.membership import members_on
from partnergraph.viz.i18n import label_name, t
from partnergraph.viz.i18n_places import shown_name
from partnergraph.viz.i18n_values import value_text
from partnergraph.viz.links import Links
from partnergraph.viz.netdata import (
    VisView,
    edge_dates,
    network_view,
)
from partnergraph.viz.pages.common import (
    ERB_UID,
    build_variants,
    node_link,
    parse_year,
    sources_for,
    year_range,
)
from partnergraph.viz.render import Page

__all__ = ["ErbState", "MemberRow", "Timeline", "TimelineBar", "erb_page"]


@dataclass
class MemberRow:
    uid: str
    name: str
    label: str
    url: str
    role: str
    status: str
    status_key: str
    dates: str
    sources: list[str]
    native: str | None = None
    name_lang: str | None = None


@dataclass
class ErbState:
    members: list[MemberRow]
    bodies: list[tuple[MemberRow, list[MemberRow]]]
    view: VisView


@dataclass
class TimelineBar:
    row: int
    x: float
    width: float
    status: str
    title: str
    open_start: bool
    open_end: bool


@dataclass
class Timeline:
    rows: list[tuple[str, str, str | None]]  # (name, url, native name)
    bars: list[TimelineBar]
    years: list[int]
    width: int
    height: int
    left: int
    year_width: float


def _member_row(edge: Edge, node: Node, links: Links) -> MemberRow:
    lang = links.lang
    status = str(edge.properties.get("status", "active"))
    return MemberRow(
        uid=node.uid,
        name=shown_name(node, lang).text,
        label=label_name(node.label.value, lang),
        url=node_link(links)(node) or "",
        role=value_text("role", str(edge.properties.get("role", "")), lang),
        status=value_text("status", status, lang),
        status_key=status,
        dates=edge_dates(edge),
        sources=list(edge.sources),
        native=shown_name(node, lang).native,
        name_lang=shown_name(node, lang).lang,
    )


def _memberships(
    store: GraphStore, group: str, at: dt.date | None, *, bodies: bool
) -> list[tuple[Edge, Node]]:
    """Members (or member bodies) of ``group``: as of ``at`` by the one definition of
    :func:`partnergraph.queries.membership.members_on` (no ended membership is drawn), or
    every membership ever recorded when ``at`` is None (the "all years" view)."""
    if at is not None:
        return [(m.edge, m.member) for m in members_on(store, group, at, bodies=bodies)]
    incoming = store.neighbours(group, types=[RelType.MEMBER_OF], direction="in")
    return [(n.edge, n.node) for n in incoming if (n.node.label == NodeLabel.NETWORK) == bodies]


def _erb_state(store: GraphStore, links: Links, at: dt.date | None) -> ErbState:
    lang = links.lang
    try:
        erb = store.node(ERB_UID)
    except NotFound:
        return ErbState([], [], network_view([], [], lang=lang, link=lambda _: None))
    incoming = _memberships(store, ERB_UID, at, bodies=False)
    members = [_member_row(edge, node, links) for edge, node in incoming]
    bodies = []
    body_nodes: list[Node] = []
    body_edges: list[Edge] = []
    body_links = _memberships(store, ERB_UID, at, bodies=True)
    for edge, body in body_links:
        inner = _memberships(store, body.uid, at, bodies=False)
        bodies.append(
            (
                _member_row(edge, body, links),
                [_member_row(e, node, links) for e, node in inner],
            )
        )
        body_nodes.extend(node for _, node in inner)
        body_edges.extend(e for e, _ in inner)
    nodes = [erb, *(node for _, node in incoming + body_links), *body_nodes]
    edges = [*(edge for edge, _ in incoming + body_links), *body_edges]
    unique_nodes = list({node.uid: node for node in nodes}.values())
    view = network_view(
        unique_nodes,
        edges,
        lang=lang,
        link=node_link(links),
        centre=ERB_UID,
        version=store.data_version(),
        at=at,
    )
    return ErbState(members, bodies, view)


def _timeline(store: GraphStore, links: Links) -> Timeline:
    """Bars of membership periods, one row per member; open ends are drawn as fading."""
    years = year_range()
    left, year_width = 260, 26.0
    try:
        incoming = store.neighbours(ERB_UID, types=[RelType.MEMBER_OF], direction="in")
    except NotFound:
        incoming = []
    lang = links.lang
    rows: list[tuple[str, str, str | None]] = []
    row_of: dict[str, int] = {}
    bars = []
    first, last = years[0], years[-1] + 1
    for n in sorted(incoming, key=lambda n: (n.node.label == NodeLabel.NETWORK, n.node.uid)):
        if n.node.label == NodeLabel.NETWORK:
            continue
        if n.node.uid not in row_of:
            row_of[n.node.uid] = len(rows)
            shown = shown_name(n.node, lang)
            rows.append((shown.text, node_link(links)(n.node) or "", shown.native))
        start = _year_fraction(n.edge.valid_from, first)
        end = _year_fraction(n.edge.valid_to, last, end=True)
        status = str(n.edge.properties.get("status", "active"))
        if status == "ended" and not n.edge.valid_to:
            end = start + 1.0  # ended at an unknown date: a short bar that fades out
        bars.append(
            TimelineBar(
                row=row_of[n.node.uid],
                x=left + (max(start, first) - first) * year_width,
                width=max((min(end, last) - max(start, first)) * year_width, 4.0),
                status=status,
                title=(
                    f"{shown_name(n.node, lang).text}: {value_text('status', status, lang)} "
                    f"{edge_dates(n.edge) or t('date_unknown', lang)}"
                ),
                open_start=n.edge.valid_from is None,
                open_end=n.edge.valid_to is None and status != "ended",
            )
        )
    return Timeline(
        rows=rows,
        bars=bars,
        years=years,
        width=int(left + (last - first) * year_width + 10),
        height=40 + 24 * len(rows),
        left=left,
        year_width=year_width,
    )


def _year_fraction(value: str | None, default: int, *, end: bool = False) -> float:
    if not value:
        return float(default)
    year = int(value[:4])
    month = int(value[5:7]) if len(value) >= 7 else (12 if end else 1)
    return year + (month - (0 if end else 1)) / 12


def erb_page(store: GraphStore, links: Links, at: str | None = None) -> Page:
    lang = links.lang
    selected = parse_year(at, default=str(dt.date.today().year))
    variants = build_variants(
        "erb",
        lambda day: _erb_state(store, links, day),
        lambda state: (
            tuple((m.uid, m.status_key, m.dates) for m in state.members),
            tuple((b.uid, tuple(x.uid for x in inner)) for b, inner in state.bodies),
        ),
        selected=selected,
        include_all=True,
    )
    try:
        erb = store.node(ERB_UID)
        erb_sources = list(erb.sources)
    except NotFound:
        erb_sources = []
    all_ids = erb_sources + [s for v in variants.items for m in v.data.members for s in m.sources]
    return Page(
        template="erb.html",
        title=t("erb_title", lang),
        page="erb",
        params={"at": selected if at else None},
        context={
            "variants": variants,
            "timeline": _timeline(store, links),
            "sources": sources_for(store, all_ids),
            "uses_network": True,
            "erb_uid": ERB_UID,
        },
    )
