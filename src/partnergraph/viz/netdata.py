"""Turn nodes and edges into what vis-network draws: styled, positioned, and small enough.

The rules that keep big views fast live here, in one place:

- positions always come from :mod:`partnergraph.viz.layout` (seeded, cached);
- physics is on only for small views (≤ ``PHYSICS_MAX_NODES``), and then starts from those
  positions with a capped stabilisation, so it settles in a few frames;
- every node carries its full name on hover; at most ``LABEL_MAX_NODES`` of the most important
  (the centre, the emphasised, then by degree) carry a wrapped label *candidate* and a ``rank``,
  and the page's script (``site.js``, ``placeLabels``) draws only the candidates whose box does
  not overlap a better ranked one at the current zoom — so the default view never shows
  labels on top of each other, and zooming in reveals more;
- above ``max_nodes`` a view is cut: a neighbourhood keeps the first neighbours of each kind and
  folds the rest into "+N" summary nodes; a whole-graph view keeps the best connected nodes.
  The page then says so, and the table beside the chart lists everything.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from partnergraph.model import Edge, Node
from partnergraph.viz import layout as layout_mod
from partnergraph.viz.i18n import Lang, label_name, relation_name, t

__all__ = [
    "EDGE_STYLES",
    "LABEL_MAX_NODES",
    "LABEL_STYLES",
    "MAX_VIEW_NODES",
    "PHYSICS_MAX_NODES",
    "VisView",
    "edge_dates",
    "json_for_script",
    "network_view",
    "view_options",
    "wrap_label",
]

#: Above this many nodes physics is off: precomputed positions are drawn as they are.
PHYSICS_MAX_NODES = 150
#: At most this many nodes get a label candidate (the script places them without overlap).
LABEL_MAX_NODES = 300
#: Characters per line of a wrapped label: about 150 px at the 13 px label font.
LABEL_WRAP = 22
#: Above this many nodes a view is cut (and the page says so).
MAX_VIEW_NODES = 5000
#: Per relationship type, how many neighbours a node page draws before folding into "+N".
NEIGHBOURS_PER_TYPE = 40

# Okabe–Ito based palette: distinguishable with the common colour-vision deficiencies; the
# shape tells the label apart too, so colour is never the only cue.
LABEL_STYLES: dict[str, tuple[str, str]] = {
    "Country": ("#000000", "star"),
    "Region": ("#0072B2", "diamond"),
    "County": ("#56B4E9", "square"),
    "Municipality": ("#009E73", "dot"),
    "Organisation": ("#E69F00", "triangle"),
    "Network": ("#CC79A7", "hexagon"),
    "Strategy": ("#7F3C8D", "square"),
    "Programme": ("#8C564B", "diamond"),
    "Priority": ("#D55E00", "star"),
    "Project": ("#F0E442", "triangleDown"),
    "Agreement": ("#3969AC", "triangle"),
    "Source": ("#999999", "dot"),
    "Summary": ("#BBBBBB", "box"),
}

#: Relationship type → (colour, dashes, width, arrow).
EDGE_STYLES: dict[str, tuple[str, bool, float, bool]] = {
    "PART_OF": ("#9a9a9a", False, 1.0, True),
    "LOCATED_IN": ("#9a9a9a", True, 1.0, True),
    "MEMBER_OF": ("#CC79A7", False, 2.0, True),
    "PARTICIPATES_IN": ("#E69F00", False, 1.5, True),
    "FUNDED_BY": ("#8C564B", True, 1.0, True),
    "DEFINES": ("#7F3C8D", True, 1.0, True),
    "ADDRESSES": ("#D55E00", False, 1.5, True),
    "FOCUSES_ON": ("#D55E00", True, 1.5, True),
    "SIGNED_BY": ("#3969AC", False, 2.0, True),
    "COVERS": ("#009E73", False, 2.0, True),
    "ALIGNS_WITH": ("#56B4E9", True, 1.5, False),
    "ELIGIBLE_AREA": ("#BBBBBB", True, 0.5, True),
    "TWINNED_WITH": ("#0072B2", True, 2.0, False),
    "ADOPTED_BY": ("#7F3C8D", False, 1.0, True),
}
_SUSPENDED = "#B00020"


def json_for_script(payload: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">`` (no ``</script>``)."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def edge_dates(edge: Edge) -> str:
    if not (edge.valid_from or edge.valid_to):
        return ""
    return f"{edge.valid_from or '…'} – {edge.valid_to or '…'}"


@dataclass
class VisView:
    """One chart: vis-network's ``nodes``, ``edges`` and ``options``, plus what was left out."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    total_nodes: int
    notice: str | None = None
    legend: list[dict[str, str]] = field(default_factory=list)
    edge_legend: list[dict[str, str]] = field(default_factory=list)

    def payload(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "edges": self.edges, "options": self.options}

    def script_json(self) -> str:
        return json_for_script(self.payload())


def _node_title(node: Node, lang: Lang, extra: str | None) -> str:
    lines = [node.display_name(lang), f"{label_name(node.label.value, lang)} · {node.uid}"]
    if node.valid_from or node.valid_to:
        lines.append(f"{node.valid_from or '…'} – {node.valid_to or '…'}")
    if extra:
        lines.append(extra)
    return "\n".join(lines)


def _edge_title(edge: Edge, names: dict[str, str], lang: Lang) -> str:
    lines = [
        f"{names.get(edge.source, edge.source)} — {relation_name(edge.type.value, lang)} → "
        f"{names.get(edge.target, edge.target)}"
    ]
    status = edge.properties.get("status")
    role = edge.properties.get("role")
    if role:
        lines.append(f"{t('role', lang)}: {role}")
    if status:
        lines.append(f"{t('status', lang)}: {status}")
    if dates := edge_dates(edge):
        lines.append(dates)
    if edge.sources:
        lines.append(f"{t('sources', lang)}: {', '.join(edge.sources)}")
    return "\n".join(lines)


def view_options(count: int) -> dict[str, Any]:
    """vis-network options for a chart of ``count`` nodes (physics only for small ones)."""
    small = count <= PHYSICS_MAX_NODES
    options: dict[str, Any] = {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": layout_mod.DEFAULT_SEED},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": {"enabled": False},
            "hideEdgesOnDrag": count > 1000,
            "hideEdgesOnZoom": count > 1000,
        },
        # The label font size is set again by the script so that labels keep a constant size
        # on screen whatever the zoom (see site.js); 13 px is the size it keeps.
        "nodes": {
            "font": {"size": 13, "face": "system-ui, sans-serif", "multi": False},
            "borderWidth": 1,
        },
        "edges": {"smooth": False, "selectionWidth": 2},
    }
    if small:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 120},
            "stabilization": {"enabled": True, "iterations": 120, "fit": True},
        }
    else:
        options["physics"] = {"enabled": False}
    return options


def network_view(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    *,
    lang: Lang,
    link: Callable[[Node], str | None],
    centre: str | None = None,
    version: str | None = None,
    colour: Callable[[Node], str | None] | None = None,
    emphasis: Iterable[str] = (),
    node_note: Callable[[Node], str | None] | None = None,
    edge_colour: Callable[[Edge], str | None] | None = None,
    max_nodes: int = MAX_VIEW_NODES,
    per_type: int | None = None,
    seed: int = layout_mod.DEFAULT_SEED,
    legend: list[dict[str, str]] | None = None,
    at: dt.date | None = None,
) -> VisView:
    """Build a chart of ``nodes`` and the ``edges`` among them.

    Parameters
    ----------
    link : the URL a click on a node opens (None: not clickable).
    centre : the node the view is about: drawn larger, placed in the middle; with
        ``per_type`` its neighbours beyond that many per relationship type become "+N" nodes.
    version : the store's data version, to cache positions under.
    colour : overrides the label colour (clusters); ``emphasis``: uids drawn with a thick
        border (brokers, path ends).
    max_nodes : whole-graph views above this keep the best connected nodes.
    legend : replaces the legend by label (when ``colour`` means something else).
    at : an "as of" view's day: edges and nodes not valid on it (ended before it, or begun
        after it) are not drawn (the centre always is), so an ended membership never shows
        as a current one. None draws everything (the "all years" view).
    """
    emphasised = set(emphasis)
    by_uid = {node.uid: node for node in nodes if node.uid == centre or node.active_at(at)}
    kept_edges = [e for e in edges if e.source in by_uid and e.target in by_uid and e.active_at(at)]
    if at is not None:
        # A node drawn for a tie that did not hold that day (a network seat given up, one
        # not yet taken) is not part of the picture of that day.
        tied = {uid for e in kept_edges for uid in (e.source, e.target)}
        by_uid = {uid: node for uid, node in by_uid.items() if uid == centre or uid in tied}
    total = len(by_uid)
    notice = None
    summaries: list[tuple[str, str, int]] = []  # (summary id, rel type, hidden count)

    if centre is not None and per_type is not None:
        by_uid, kept_edges, summaries = _fold_neighbours(centre, by_uid, kept_edges, per_type)
        if summaries:
            notice = t("truncated", lang).format(shown=len(by_uid), total=total)
    if len(by_uid) > max_nodes:
        degree = Counter[str]()
        for edge in kept_edges:
            degree[edge.source] += 1
            degree[edge.target] += 1
        keep = sorted(
            by_uid,
            key=lambda uid: (uid not in emphasised and uid != centre, -degree[uid], uid),
        )[:max_nodes]
        keep_set = set(keep)
        by_uid = {uid: by_uid[uid] for uid in keep}
        kept_edges = [e for e in kept_edges if e.source in keep_set and e.target in keep_set]
        notice = t("truncated_top", lang).format(shown=len(by_uid), total=total)

    pairs = [(e.source, e.target) for e in kept_edges]
    summary_ids = [sid for sid, _, _ in summaries]
    if centre is not None:
        pairs += [(centre, sid) for sid in summary_ids]
    positions = layout_mod.layout(
        [*by_uid, *summary_ids], pairs, seed=seed, version=version, centre=centre
    )
    count = len(by_uid) + len(summaries)
    ranks = _ranks(by_uid, kept_edges, centre, emphasised)
    names = {uid: node.display_name(lang) for uid, node in by_uid.items()}

    vis_nodes: list[dict[str, Any]] = []
    labels_used: dict[str, None] = {}
    for uid, node in by_uid.items():
        base_colour, shape = LABEL_STYLES.get(node.label.value, ("#777777", "dot"))
        fill = (colour(node) if colour else None) or base_colour
        labels_used[node.label.value] = None
        x, y = positions.get(uid, (0.0, 0.0))
        item: dict[str, Any] = {
            "id": uid,
            "title": _node_title(node, lang, node_note(node) if node_note else None),
            "shape": shape,
            "color": {"background": fill, "border": "#222222"},
            "x": x,
            "y": y,
            "size": 26 if uid == centre else (18 if uid in emphasised else 12),
        }
        rank = ranks.get(uid)
        if rank is not None:
            item["label"] = wrap_label(names[uid])
            item["rank"] = rank
        if uid in emphasised or uid == centre:
            item["borderWidth"] = 4
        url = link(node)
        if url:
            item["url"] = url
        vis_nodes.append(item)
    for sid, rel_type, hidden in summaries:
        x, y = positions.get(sid, (0.0, 0.0))
        vis_nodes.append(
            {
                "id": sid,
                "label": f"+{hidden} {t('more', lang)}",
                # after the real nodes: a "+N" box is the first label to give way
                "rank": LABEL_MAX_NODES + len(vis_nodes),
                "title": f"{relation_name(rel_type, lang)}: +{hidden} {t('more', lang)}",
                "shape": "box",
                "color": {"background": "#EEEEEE", "border": "#555555"},
                "x": x,
                "y": y,
            }
        )
        labels_used["Summary"] = None

    vis_edges: list[dict[str, Any]] = []
    for edge in kept_edges:
        vis_edges.append(_vis_edge(edge, names, lang, edge_colour))
    if centre is not None:
        for sid, rel_type, _ in summaries:
            colour_, _dashes, width, _arrow = EDGE_STYLES.get(
                rel_type, ("#999999", False, 1.0, False)
            )
            vis_edges.append(
                {"from": centre, "to": sid, "color": colour_, "dashes": True, "width": width}
            )
    legend = legend or [
        {
            "label": label_name(label, lang),
            "colour": LABEL_STYLES.get(label, ("#777777", "dot"))[0],
            "shape": LABEL_STYLES.get(label, ("#777777", "dot"))[1],
        }
        for label in labels_used
    ]
    edge_legend = []
    for rel_type in sorted({e.type.value for e in kept_edges}):
        colour_, dashes, _, _ = EDGE_STYLES.get(rel_type, ("#999999", False, 1.0, False))
        edge_legend.append(
            {
                "label": relation_name(rel_type, lang),
                "colour": colour_,
                "style": "dashed" if dashes else "solid",
            }
        )
    if any(e.properties.get("status") == "suspended" for e in kept_edges):
        edge_legend.append(
            {"label": t("status_suspended", lang), "colour": _SUSPENDED, "style": "dashed"}
        )
    return VisView(
        nodes=vis_nodes,
        edges=vis_edges,
        options=view_options(count),
        total_nodes=total,
        notice=notice,
        legend=legend,
        edge_legend=edge_legend,
    )


def _vis_edge(
    edge: Edge,
    names: dict[str, str],
    lang: Lang,
    edge_colour: Callable[[Edge], str | None] | None,
) -> dict[str, Any]:
    colour, dashes, width, arrow = EDGE_STYLES.get(edge.type.value, ("#999999", False, 1.0, False))
    if edge.properties.get("status") == "suspended":
        colour, dashes, width = _SUSPENDED, True, width + 1
    if edge_colour is not None:
        colour = edge_colour(edge) or colour
    item: dict[str, Any] = {
        "id": edge.id,
        "from": edge.source,
        "to": edge.target,
        "title": _edge_title(edge, names, lang),
        "color": colour,
        "width": width,
    }
    if dashes:
        item["dashes"] = True
    if arrow:
        item["arrows"] = "to"
    return item


def wrap_label(name: str, width: int = LABEL_WRAP) -> str:
    """The whole name on lines of about ``width`` characters (never cut: a word longer than a
    line stays whole), for a label that stays narrow enough to place among its neighbours."""
    lines = textwrap.wrap(name, width=width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) or name


def _ranks(
    by_uid: dict[str, Node],
    edges: list[Edge],
    centre: str | None,
    emphasised: set[str],
) -> dict[str, int]:
    """Label candidates and their importance (0 = placed first): the centre, the emphasised,
    then by degree in the view; at most ``LABEL_MAX_NODES`` of them."""
    degree = Counter[str]()
    for edge in edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    order = sorted(
        by_uid,
        key=lambda uid: (uid != centre, uid not in emphasised, -degree[uid], uid),
    )[:LABEL_MAX_NODES]
    return {uid: rank for rank, uid in enumerate(order)}


def _fold_neighbours(
    centre: str,
    by_uid: dict[str, Node],
    edges: list[Edge],
    per_type: int,
) -> tuple[dict[str, Node], list[Edge], list[tuple[str, str, int]]]:
    """Keep the first ``per_type`` neighbours of each relationship type around ``centre``."""
    groups: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        other = (
            edge.target if edge.source == centre else edge.source if edge.target == centre else None
        )
        if other is not None and other != centre and other not in groups[edge.type.value]:
            groups[edge.type.value].append(other)
    keep = {centre}
    summaries: list[tuple[str, str, int]] = []
    for rel_type, others in sorted(groups.items()):
        ordered = sorted(others)
        keep.update(ordered[:per_type])
        hidden = [uid for uid in ordered[per_type:] if uid not in keep]
        if hidden:
            summaries.append((f"summary:{rel_type}", rel_type, len(hidden)))
    kept = {uid: node for uid, node in by_uid.items() if uid in keep}
    return kept, [e for e in edges if e.source in kept and e.target in kept], summaries
