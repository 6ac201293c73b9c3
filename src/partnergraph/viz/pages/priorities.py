"""Priorities: every priority by framework, and the partners covering one (ranked)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnergraph.errors import NotFound
from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.viz.i18n import label_name, t
from partnergraph.viz.i18n_places import shown_name
from partnergraph.viz.links import Links
from partnergraph.viz.netdata import (
    VisView,
    network_view,
)
from partnergraph.viz.pages.common import (
    build_variants,
    node_link,
    parse_year,
    show_value,
    sources_for,
    span,
)
from partnergraph.viz.render import Page

__all__ = [
    "EvidenceRow",
    "PartnerRow",
    "PriorityListRow",
    "PriorityState",
    "priorities_page",
    "priority_page",
]


@dataclass
class EvidenceRow:
    kind: str
    explanation: str
    dates: str
    sources: list[str]
    weight: float | None


@dataclass
class PartnerRow:
    rank: int
    uid: str
    name: str
    label: str
    url: str
    country: str
    score: float
    counts: str
    evidence: list[EvidenceRow]


@dataclass
class PriorityState:
    rows: list[PartnerRow]
    total: int
    view: VisView
    #: the framework's owners, left out of the ranking (an owner is not its own partner)
    excluded_owners: list[str]


def _priority_state(
    store: GraphStore, priority: Node, links: Links, at: dt.date | None
) -> PriorityState:
    from partnergraph.queries.partners import partners_for_priority

    lang = links.lang
    answer = partners_for_priority(store, priority.uid, at=at, lang=lang, limit=200)
    partner_nodes = store.get_nodes(r.partner.uid for r in answer.results)
    rows: list[PartnerRow] = []
    edges: list[Edge] = []
    link = node_link(links)
    for result in answer.results:
        node = partner_nodes.get(result.partner.uid)
        rows.append(
            PartnerRow(
                rank=result.rank,
                uid=result.partner.uid,
                name=result.partner.name,
                label=label_name(result.partner.label, lang),
                url=(link(node) if node else None) or links.node(result.partner.uid),
                country=result.country or "",
                score=result.score,
                counts=", ".join(f"{k}: {v}" for k, v in sorted(result.evidence_counts.items())),
                evidence=[
                    EvidenceRow(
                        kind=item.kind or item.type.value,
                        explanation=item.explanation,
                        dates=span(item.valid_from, item.valid_to),
                        sources=list(item.sources),
                        weight=item.weight,
                    )
                    for item in result.evidence
                ],
            )
        )
        kinds = sorted({item.type for item in result.evidence}, key=lambda k: k.value)
        edges.append(
            Edge(
                type=kinds[0] if kinds else RelType.COVERS,
                source=result.partner.uid,
                target=priority.uid,
                key="score",
                properties={"role": f"{t('score', lang)} {result.score:.2f}"},
                sources=tuple(dict.fromkeys(s for item in result.evidence for s in item.sources)),
            )
        )
    view = network_view(
        [priority, *partner_nodes.values()],
        edges,
        lang=lang,
        link=link,
        centre=priority.uid,
        version=store.data_version(),
    )
    excluded = [ref.name for ref in answer.excluded_owners]
    return PriorityState(rows=rows, total=answer.total, view=view, excluded_owners=excluded)


def priority_page(store: GraphStore, uid: str, links: Links, at: str | None = None) -> Page:
    lang = links.lang
    priority = store.node(uid)
    if priority.label != NodeLabel.PRIORITY:
        raise NotFound(uid, "priority")
    selected = parse_year(at, default="all")
    variants = build_variants(
        "prio",
        lambda day: _priority_state(store, priority, links, day),
        lambda state: tuple((r.uid, r.score, len(r.evidence)) for r in state.rows),
        selected=selected,
        include_all=True,
    )
    framework = [n.node for n in store.neighbours(uid, types=[RelType.DEFINES], direction="in")]
    source_ids = list(priority.sources) + [
        s for v in variants.items for r in v.data.rows for e in r.evidence for s in e.sources
    ]
    description = priority.properties.get("description")
    return Page(
        template="priority.html",
        title=priority.display_name(lang),
        page="priority",
        uid=uid,
        params={"at": selected if at else None},
        context={
            "priority": priority,
            "name": priority.display_name(lang),
            "name_lang": shown_name(priority, lang).lang,
            "framework": [
                (n.display_name(lang), links.node(n.uid), shown_name(n, lang).lang)
                for n in framework
            ],
            "description": show_value(description) if description is not None else "",
            "variants": variants,
            "sources": sources_for(store, source_ids),
            "uses_network": True,
        },
    )


@dataclass
class PriorityListRow:
    uid: str
    code: str
    name: str
    url: str
    name_lang: str | None = None


def priorities_page(store: GraphStore, links: Links) -> Page:
    """Every priority, grouped by the strategy or programme that defines it."""
    lang = links.lang
    groups: list[tuple[str, str, list[PriorityListRow]]] = []
    group_langs: list[str | None] = []
    defined: set[str] = set()
    frameworks = [*store.nodes(NodeLabel.STRATEGY), *store.nodes(NodeLabel.PROGRAMME)]
    for framework in frameworks:
        rows = []
        for n in store.neighbours(framework.uid, types=[RelType.DEFINES], direction="out"):
            defined.add(n.node.uid)
            rows.append(
                PriorityListRow(
                    uid=n.node.uid,
                    code=str(n.node.properties.get("code", "")),
                    name=n.node.display_name(lang),
                    url=links.priority(n.node.uid),
                    name_lang=shown_name(n.node, lang).lang,
                )
            )
        if rows:
            groups.append((framework.display_name(lang), links.node(framework.uid), rows))
            group_langs.append(shown_name(framework, lang).lang)
    orphans = [
        PriorityListRow(
            n.uid,
            str(n.properties.get("code", "")),
            n.display_name(lang),
            links.priority(n.uid),
            shown_name(n, lang).lang,
        )
        for n in store.nodes(NodeLabel.PRIORITY)
        if n.uid not in defined
    ]
    if orphans:
        groups.append(("—", "", orphans))
        group_langs.append(None)
    return Page(
        template="priorities.html",
        title=t("priorities_list", lang),
        page="priorities",
        context={"groups": groups, "group_langs": group_langs},
    )
