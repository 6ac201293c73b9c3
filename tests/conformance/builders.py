"""Small constructors for nodes and edges, so tests read as the graph they build."""

from __future__ import annotations

from partnergraph.model import Edge, Node, NodeLabel, PropValue, RelType


def node(
    uid: str,
    label: NodeLabel = NodeLabel.ORGANISATION,
    *,
    name: str | None = None,
    name_en: str | None = None,
    valid_from: str | None = None,
    valid_to: str | None = None,
    sources: tuple[str, ...] = ("test",),
    **properties: PropValue,
) -> Node:
    return Node(
        uid=uid,
        label=label,
        name=name or uid.upper(),
        name_en=name_en,
        sources=sources,
        valid_from=valid_from,
        valid_to=valid_to,
        properties=properties,
    )


def edge(
    source: str,
    target: str,
    rel: RelType = RelType.MEMBER_OF,
    *,
    key: str = "",
    valid_from: str | None = None,
    valid_to: str | None = None,
    sources: tuple[str, ...] = ("test",),
    **properties: PropValue,
) -> Edge:
    return Edge(
        type=rel,
        source=source,
        target=target,
        key=key,
        sources=sources,
        valid_from=valid_from,
        valid_to=valid_to,
        properties=properties,
    )


def nodes(*uids: str, label: NodeLabel = NodeLabel.ORGANISATION) -> list[Node]:
    return [node(uid, label) for uid in uids]
