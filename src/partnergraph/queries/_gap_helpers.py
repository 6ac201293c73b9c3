"""What the gap questions share: the time window, the views of the graph, the framework of
a priority, echoed parameters and one relationship as evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from partnergraph.errors import QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.queries.answers import EvidenceItem, Lang, NodeRef
from partnergraph.queries.evidence import Window
from partnergraph.queries.sentences import edge_evidence
from partnergraph.queries.snapshot import as_of, snapshot


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


def views(
    store: GraphStore, at: dt.date | None, period: tuple[dt.date, dt.date] | None
) -> tuple[GraphStore, Window]:
    if period is not None and (at is not None or as_of(store) is not None):
        raise QueryError("give either a day (at) or a period, not both")
    view = snapshot(store, at) if period is None else store
    return view, Window.of(as_of(view), period)


def priorities_of(store: GraphStore, framework: str | None) -> list[Node]:
    """Every priority (of one Strategy or Programme), in uid order."""
    if framework is None:
        return store.nodes(NodeLabel.PRIORITY)
    node = store.node(framework)
    if node.label not in (NodeLabel.STRATEGY, NodeLabel.PROGRAMME):
        raise QueryError(f"{framework} is a {node.label.value}, not a Strategy or Programme")
    found = store.neighbours(framework, types=[RelType.DEFINES], direction="out")
    return sorted({n.node.uid: n.node for n in found}.values(), key=lambda node: node.uid)


def frameworks_of(
    store: GraphStore, priorities: Sequence[Node], lang: Lang
) -> dict[str, NodeRef | None]:
    """The Strategy or Programme that defines each priority (the first by uid), in one call."""
    found = store.neighbours_of(
        [node.uid for node in priorities], types=[RelType.DEFINES], direction="in"
    )
    return {
        node.uid: NodeRef.of(found[node.uid][0].node, lang) if found.get(node.uid) else None
        for node in priorities
    }


def params(at: dt.date | None, period: tuple[dt.date, dt.date] | None) -> dict[str, str | None]:
    return {
        "at": at.isoformat() if at else None,
        "period": f"{period[0].isoformat()}/{period[1].isoformat()}" if period else None,
    }


def edge_item(edge: Edge, nodes: dict[str, Node], lang: Lang, ref: dt.date) -> EvidenceItem:
    return edge_evidence(edge, nodes[edge.source], nodes[edge.target], lang, ref=ref)
