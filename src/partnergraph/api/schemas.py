"""Response models shared by the routes: what a node, an edge, a source, a coverage block and an
error look like in JSON, and the helpers that build them from store objects.

Answers computed by ``partnergraph.queries`` are returned in the query layer's own models; the
models here are for what the API adds around them (node pages, neighbourhoods, priorities,
metadata) so that the same thing always has the same shape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote, known_gaps
from partnergraph.model import Edge, Node, PropValue, RelType
from partnergraph.queries.answers import Coverage, SourceRef, merge_periods

__all__ = [
    "ERROR_RESPONSES",
    "EdgeOut",
    "ErrorBody",
    "ErrorOut",
    "NodeBrief",
    "NodeOut",
    "SourceOut",
    "coverage_out",
    "edge_out",
    "json_response",
    "node_brief",
    "node_out",
    "sources_out",
]


#: A source, enough to cite it: the query layer's shape, so every answer cites alike.
SourceOut = SourceRef


class NodeBrief(BaseModel):
    """A node as it appears in lists: who it is, without its facts."""

    uid: str = Field(examples=["teryt:2261011"])
    labels: list[str] = Field(examples=[["Municipality", "Actor"]])
    name: str = Field(examples=["Gdańsk"])
    name_en: str | None = Field(default=None, examples=["Gdansk"])
    display_name: str = Field(description="`name` or `name_en`, as `lang` asked")
    valid_from: str | None = None
    valid_to: str | None = None


class NodeOut(BaseModel):
    """A node with its facts (properties, dates) and its sources spelled out."""

    uid: str = Field(examples=["teryt:2261011"])
    labels: list[str] = Field(examples=[["Municipality", "Actor"]])
    name: str = Field(examples=["Gdańsk"])
    name_en: str | None = Field(default=None, examples=["Gdansk"])
    display_name: str = Field(description="`name` or `name_en`, as `lang` asked")
    valid_from: str | None = None
    valid_to: str | None = None
    properties: dict[str, PropValue] = Field(examples=[{"teryt": "2261011"}])
    sources: list[SourceOut]


class EdgeOut(BaseModel):
    """A relationship, the unit of evidence: type, endpoints, dates and source ids."""

    id: str = Field(examples=["MEMBER_OF|nuts:PL63|network:euroregion-baltic|"])
    type: RelType
    source: str = Field(examples=["nuts:PL63"], description="uid of the start node")
    target: str = Field(examples=["network:euroregion-baltic"], description="uid of the end")
    key: str = Field("", description="tells apart two periods of the same relation")
    valid_from: str | None = Field(default=None, examples=["1998-02-22"])
    valid_to: str | None = None
    properties: dict[str, PropValue] = Field(examples=[{"role": "member", "status": "active"}])
    sources: list[str] = Field(examples=[["erb-background"]], description="ids, see `sources`")


class ErrorBody(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["no node with uid 'teryt:0000001'"])
    details: dict[str, Any] = Field(default_factory=dict, examples=[{"uid": "teryt:0000001"}])


class ErrorOut(BaseModel):
    """The one error shape: ``{"error": {"code", "message", "details"}}``."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "code": "not_found",
                        "message": "no node with uid 'teryt:0000001'",
                        "details": {"uid": "teryt:0000001"},
                    }
                }
            ]
        }
    )

    error: ErrorBody


def _err(description: str) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description}


#: Error responses every query route can give, for its OpenAPI entry.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: the `If-None-Match` ETag is still current"},
    400: _err("the question cannot be answered as asked (`bad_query`)"),
    404: _err("an uid in the request names no node (`not_found`)"),
    414: _err("URL or query string too long (`uri_too_long`)"),
    422: _err("a parameter is missing or malformed (`invalid_request`)"),
    503: _err("the graph store does not answer (`backend_unavailable`)"),
}


def json_response(model: BaseModel) -> Response:
    """Serialise once, in pydantic's Rust core. Routes declare ``response_model`` for the
    docs and return this, which skips FastAPI's re-validation of an answer built here."""
    return Response(model.model_dump_json(), media_type="application/json")


def sources_out(store: GraphStore, ids: Iterable[str]) -> list[SourceOut]:
    """Expand source ids into their titles, urls and dates, so an answer can be cited."""
    wanted = list(dict.fromkeys(ids))
    found = store.get_nodes(f"source:{source_id}" for source_id in wanted)
    return [SourceOut.of(sid, found.get(f"source:{sid}")) for sid in wanted]


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


def node_brief(node: Node, lang: Literal["pl", "en"] = "pl") -> NodeBrief:
    return NodeBrief(
        uid=node.uid,
        labels=node.labels,
        name=node.name,
        name_en=node.name_en,
        display_name=node.display_name(lang),
        valid_from=node.valid_from,
        valid_to=node.valid_to,
    )


def edge_out(edge: Edge) -> EdgeOut:
    return EdgeOut(
        id=edge.id,
        type=edge.type,
        source=edge.source,
        target=edge.target,
        key=edge.key,
        valid_from=edge.valid_from,
        valid_to=edge.valid_to,
        properties=edge.properties,
        sources=list(edge.sources),
    )


def coverage_out(
    store: GraphStore,
    evidence: Iterable[Edge],
    notes: Iterable[CoverageNote],
    at: dt.date | None = None,
) -> Coverage:
    """The coverage block of an answer resting on ``evidence``, in the query layer's shape."""
    items = list(evidence)
    ids = sorted({source_id for edge in items for source_id in edge.sources})
    dated = [(e.valid_from, e.valid_to) for e in items if e.valid_from or e.valid_to]
    return Coverage(
        sources=sources_out(store, ids),
        periods=merge_periods(dated),
        undated_evidence=len(items) - len(dated),
        evidence_count=len(items),
        at=at.isoformat() if at else None,
        known_gaps=known_gaps(notes),
    )
