"""Decoding what the Neo4j server sends back into the model's objects, and the small helpers
every ``neo4j_*`` module shares (batching uids, ISO days, relationship-type filters)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar

from partnergraph.model import Edge, Node, NodeLabel, RelType

__all__ = [
    "READ_CHUNK",
    "chunks",
    "distinct_objects",
    "edge_from",
    "edge_of",
    "iso_day",
    "node_from",
    "type_filter",
]

_T = TypeVar("_T")

#: Rows per read round trip when a call passes many uids (get_nodes, label checks).
READ_CHUNK = 20_000

_LABELS = {label.value: label for label in NodeLabel}
_TYPES = {rel.value: rel for rel in RelType}


# Nodes and relationships read back were validated by the model before they were written, so
# they are rebuilt without validating again (``model_construct``, with the fields' own types):
# reading a keep.eu-sized graph made ~580k objects, and validation and enum lookups by value
# were half the time of the whole export. The conformance suite compares every object read
# here with the memory store's validated ones.
def node_from(props: Mapping[str, Any]) -> Node:
    return Node.model_construct(
        uid=props["uid"],
        label=_LABELS[props["label"]],
        name=props["name"],
        name_en=props.get("name_en"),
        sources=tuple(props.get("sources") or ()),
        valid_from=props.get("valid_from"),
        valid_to=props.get("valid_to"),
        properties={key: props["p_" + key] for key in props.get("pkeys") or ()},
    )


def edge_from(record: Mapping[str, Any]) -> Edge:
    return edge_of(record["type"], record["source"], record["target"], record["p"])


def edge_of(rel_type: str, source: str, target: str, props: Mapping[str, Any]) -> Edge:
    return Edge.model_construct(
        type=_TYPES[rel_type],
        source=source,
        target=target,
        key=props.get("key", ""),
        sources=tuple(props.get("sources") or ()),
        valid_from=props.get("valid_from"),
        valid_to=props.get("valid_to"),
        properties={key: props["p_" + key] for key in props.get("pkeys") or ()},
    )


def distinct_objects(record: Mapping[str, Any]) -> tuple[dict[str, Node], dict[str, Edge]]:
    """The nodes (by uid) and relationships (by element id) a record of references carries
    once each, in its ``nodes`` (property maps) and ``rels`` (``{id, type, source, target,
    p}``) lists: how the chain and carrier-group statements send what their rows refer to."""
    nodes: dict[str, Node] = {}
    for props in record["nodes"]:
        if props["uid"] not in nodes:
            nodes[props["uid"]] = node_from(props)
    rels = {
        rel["id"]: edge_of(rel["type"], rel["source"], rel["target"], rel["p"])
        for rel in record["rels"]
    }
    return nodes, rels


def chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), max(size, 1)):
        yield items[start : start + size]


def iso_day(at: dt.date | None) -> str | None:
    return None if at is None else at.isoformat()


def type_filter(types: Sequence[RelType] | None) -> list[str] | None:
    """An empty sequence means "no filter", as in the memory store."""
    return sorted({rel.value for rel in types}) if types else None
