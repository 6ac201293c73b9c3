"""A subgraph for tools: node-link JSON (networkx, d3), GraphML (yEd, Gephi) or GEXF (Gephi).

The subgraph is chosen by explicit ``uids``, by the neighbourhood of one ``uid``, or is the
whole graph while it is small enough; every edge between two chosen nodes comes along. The
format follows ``format`` when given, else the ``Accept`` header, else JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any, Literal

import networkx as nx
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from partnergraph.api.deps import At, Lang, LangCode, StateDep, StoreDep, example
from partnergraph.api.limits import MAX_GRAPH_NODES, MAX_NEIGHBOUR_DEPTH, MAX_UID, MAX_UIDS
from partnergraph.api.schemas import ERROR_RESPONSES
from partnergraph.errors import NotFound, QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.model import NodeLabel, RelType, Subgraph

__all__ = ["MEDIA_TYPES", "router"]

router = APIRouter(prefix="/v1", tags=["graph"])

Format = Literal["json", "graphml", "gexf"]
MEDIA_TYPES: dict[Format, str] = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}
_ACCEPTED = {
    "application/json": "json",
    "application/graphml+xml": "graphml",
    "application/gexf+xml": "gexf",
}


class GraphNodeOut(BaseModel):
    """A node, with its own properties as further flat attributes (lists stay lists)."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(examples=["teryt:2261011"], description="the uid")
    label: str = Field(examples=["Gdańsk"], description="display name in `lang`")
    labels: list[str] = Field(examples=[["Municipality", "Actor"]])
    name: str
    sources: list[str]


class GraphLinkOut(BaseModel):
    """An edge, with its own properties as further flat attributes."""

    model_config = ConfigDict(extra="allow")

    source: str
    target: str
    key: str = Field(description="the edge id: `TYPE|source|target|key`")
    relationship: RelType
    label: str = Field(description="the relationship type again, for tools that show `label`")
    sources: list[str]


class GraphOut(BaseModel):
    """networkx node-link JSON (``nx.node_link_graph(data, edges="links")`` reads it back)."""

    directed: bool = True
    multigraph: bool = True
    graph: dict[str, Any] = Field(
        examples=[{"data_version": "4f1c2a9b0d3e5f67", "at": None, "truncated": False}]
    )
    nodes: list[GraphNodeOut]
    links: list[GraphLinkOut]


def _negotiate(requested: Format | None, accept: str) -> Format:
    if requested is not None:
        return requested
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in _ACCEPTED:
            return _ACCEPTED[media]  # type: ignore[return-value]  # values are Formats
    return "json"


def _neighbourhood(
    store: GraphStore,
    uid: str,
    depth: int,
    types: list[RelType] | None,
    at: dt.date | None,
) -> tuple[list[str], bool]:
    chosen = [uid]
    seen = {uid}
    frontier = [uid]
    for _ in range(depth):
        next_frontier = []
        for parent in frontier:
            for found in store.neighbours(parent, types=types, at=at):
                if found.node.uid in seen:
                    continue
                if len(chosen) >= MAX_GRAPH_NODES:
                    return chosen, True
                seen.add(found.node.uid)
                chosen.append(found.node.uid)
                next_frontier.append(found.node.uid)
        frontier = next_frontier
    return chosen, False


def _flat(value: Any, xml: bool) -> Any:
    if isinstance(value, list | tuple):
        return "|".join(str(item) for item in value) if xml else list(value)
    return value


def _to_networkx(subgraph: Subgraph, lang: LangCode, xml: bool, attrs: dict[str, Any]) -> Any:
    graph = nx.MultiDiGraph(**{k: v for k, v in attrs.items() if v is not None or not xml})
    for node in subgraph.nodes:
        data: dict[str, Any] = {
            "label": node.display_name(lang),
            "labels": node.labels,
            "name": node.name,
            "name_en": node.name_en,
            "valid_from": node.valid_from,
            "valid_to": node.valid_to,
            "sources": node.sources,
            **node.properties,
        }
        graph.add_node(
            node.uid, **{k: _flat(v, xml) for k, v in data.items() if v is not None or not xml}
        )
    for edge in subgraph.edges:
        data = {
            "relationship": edge.type.value,
            "label": edge.type.value,
            "valid_from": edge.valid_from,
            "valid_to": edge.valid_to,
            "sources": edge.sources,
            **edge.properties,
        }
        graph.add_edge(
            edge.source,
            edge.target,
            key=edge.id,
            **{k: _flat(v, xml) for k, v in data.items() if v is not None or not xml},
        )
    return graph


_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def _render(graph: Any, fmt: Format) -> bytes:
    if fmt == "json":
        data = nx.node_link_data(graph, edges="links")
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(graph)).encode()
    # The writer stamps today's date; drop it so one data version gives one byte string (ETag).
    return _GEXF_DATE.sub("", "\n".join(nx.generate_gexf(graph)), count=1).encode()


def _check_exist(store: GraphStore, uids: Iterable[str]) -> None:
    wanted = list(uids)
    found = store.get_nodes(wanted)
    for uid in wanted:
        if uid not in found:
            raise NotFound(uid)


@router.get(
    "/graph",
    summary="A subgraph as node-link JSON, GraphML or GEXF",
    response_model=GraphOut,
    responses={
        **ERROR_RESPONSES,
        200: {
            "description": "the subgraph in the negotiated format",
            "content": {
                MEDIA_TYPES["graphml"]: {"schema": {"type": "string"}},
                MEDIA_TYPES["gexf"]: {"schema": {"type": "string"}},
            },
        },
    },
)
def graph_export(
    request: Request,
    store: StoreDep,
    state: StateDep,
    uids: list[str] | None = Query(
        None,
        max_length=MAX_UIDS,
        description=f"These nodes and every edge among them (repeat, ≤ {MAX_UIDS}).",
        openapi_examples={
            "none": example(None, "not by uids"),
            "two": example(["nuts:PL63", "network:euroregion-baltic"], "Pomorskie and ERB"),
        },
    ),
    uid: str | None = Query(
        None,
        max_length=MAX_UID,
        description="The neighbourhood of this node, `depth` hops out.",
        openapi_examples={
            "none": example(None, "not a neighbourhood"),
            "erb": example("network:euroregion-baltic", "around Euroregion Baltic"),
        },
    ),
    depth: int = Query(
        1,
        ge=1,
        le=MAX_NEIGHBOUR_DEPTH,
        description="Hops out from `uid` (1 or 2).",
        openapi_examples={"1": example(1, "direct neighbours")},
    ),
    rel_types: list[RelType] | None = Query(
        None,
        alias="type",
        description="With `uid`: follow only these relationship types.",
        openapi_examples={"all": example(None, "every type")},
    ),
    requested: Format | None = Query(
        None,
        alias="format",
        description="`json` (node-link), `graphml` or `gexf`; overrides the `Accept` header "
        f"({', '.join(MEDIA_TYPES.values())}).",
        openapi_examples={
            "accept": example(None, "from the Accept header"),
            "graphml": example("graphml", "GraphML"),
        },
    ),
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """`uids` and `uid` may be combined: the listed nodes plus the neighbourhood. Without either
    this is the whole graph (sources left out) as long as it has at
    most 5,000 nodes; larger graphs must be narrowed (or exported with `partnergraph export`).
    Node attributes: `label` (display name), `labels`, `name`, `name_en`, dates, `sources`
    and the node's own properties; edges carry `relationship`, dates, `sources` and their own
    properties, and their key is the edge id. In GraphML/GEXF lists are joined with `|`."""
    truncated = False
    chosen: list[str] = []
    if uids:
        chosen = list(dict.fromkeys(uids))
        _check_exist(store, chosen)
    if uid:
        store.node(uid)
        around, truncated = _neighbourhood(
            store, uid, depth, list(dict.fromkeys(rel_types)) if rel_types else None, at
        )
        chosen = list(dict.fromkeys([*chosen, *around]))
    if not uids and not uid:
        everything = [n.uid for n in store.nodes(at=at) if n.label != NodeLabel.SOURCE]
        if len(everything) > MAX_GRAPH_NODES:
            raise QueryError(
                f"the graph has {len(everything)} nodes, more than {MAX_GRAPH_NODES}; ask for "
                "`uids` or the neighbourhood of a `uid`, or use `partnergraph export`"
            )
        chosen = everything
    fmt = _negotiate(requested, request.headers.get("accept", ""))
    xml = fmt != "json"
    attrs: dict[str, Any] = {
        "data_version": state.version(),
        "at": at.isoformat() if at else None,
        "truncated": truncated,
    }
    graph = _to_networkx(store.subgraph(chosen, at=at), lang, xml, attrs)
    headers = {}
    if xml:
        headers["content-disposition"] = f'attachment; filename="partnergraph.{fmt}"'
    return Response(_render(graph, fmt), media_type=MEDIA_TYPES[fmt], headers=headers)
