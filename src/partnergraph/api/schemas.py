"""Response models shared by the routes: what a node, a source and an error look like in JSON."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from partnergraph.graph.store import GraphStore
from partnergraph.model import Node, PropValue

__all__ = ["ErrorBody", "ErrorOut", "NodeOut", "SourceOut", "node_out", "sources_out"]


class SourceOut(BaseModel):
    id: str
    title: str
    url: str | None = None
    document: str | None = None
    retrieved: str | None = None
    confidence: str | None = None


class NodeOut(BaseModel):
    uid: str = Field(examples=["teryt:2261011"])
    labels: list[str] = Field(examples=[["Municipality", "Actor"]])
    name: str = Field(examples=["Gdańsk"])
    name_en: str | None = None
    display_name: str
    valid_from: str | None = None
    valid_to: str | None = None
    properties: dict[str, PropValue]
    sources: list[SourceOut]


class ErrorBody(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["no node with uid 'teryt:0000000'"])
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorOut(BaseModel):
    error: ErrorBody


def sources_out(store: GraphStore, ids: tuple[str, ...]) -> list[SourceOut]:
    """Expand source ids into their titles, urls and dates, so an answer can be cited."""
    found = store.get_nodes(f"source:{source_id}" for source_id in ids)
    out = []
    for source_id in ids:
        node = found.get(f"source:{source_id}")
        props = node.properties if node else {}
        out.append(
            SourceOut(
                id=source_id,
                title=node.name if node else source_id,
                url=_text(props.get("url")),
                document=_text(props.get("document")),
                retrieved=_text(props.get("retrieved")),
                confidence=_text(props.get("confidence")),
            )
        )
    return out


def _text(value: PropValue | None) -> str | None:
    return value if isinstance(value, str) else None


def node_out(store: GraphStore, node: Node, lang: Literal["pl", "en"] = "pl") -> NodeOut:
    return NodeOut(
        uid=node.uid,
        labels=node.labels,
        name=node.name,
        name_en=node.name_en,
        display_name=node.display_name(lang),
        valid_from=node.valid_from,
        valid_to=node.valid_to,
        properties=node.properties,
        sources=sources_out(store, node.sources),
    )
