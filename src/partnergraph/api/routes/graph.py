"""A subgraph for tools: node-link JSON (networkx, d3), GraphML (yEd, Gephi) or GEXF (Gephi).

The subgraph is chosen by explicit ``uids``, by the neighbourhood of one ``uid``, or is the
whole graph while it is small enough; every edge between two chosen nodes comes along. The
format follows ``format`` when given, else the ``Accept`` header, else JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from partnergraph.api.deps import At, Lang, StateDep, StoreDep, example
from partnergraph.api.limits import MAX_GRAPH_NODES, MAX_NEIGHBOUR_DEPTH, MAX_UID, MAX_UIDS
from partnergraph.api.schemas import ERROR_RESPONSES
from partnergraph.errors import NotFound, QueryError
from partnergraph.export import graph_of, render
from partnergraph.graph.store import GraphStore
from partnergraph.model import NodeLabel, RelType
from partnergraph.queries.listing import neighbourhood

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
    Node attributes: `uid`, `label` (display name), `type`, `labels`, `name`, `name_en`, dates,
    `sources` and the node's own properties; edges carry `relationship`, dates, `sources` and
    their own properties, and their key is the edge id. In GraphML/GEXF lists are joined with
    `|`; GEXF also carries each node's and edge's dates as its `start`/`end` spell (the same
    writer as `partnergraph export`)."""
    truncated = False
    chosen: list[str] = []
    if uids:
        chosen = list(dict.fromkeys(uids))
        _check_exist(store, chosen)
    if uid:
        store.node(uid)
        around, truncated = neighbourhood(
            store,
            uid,
            depth,
            list(dict.fromkeys(rel_types)) if rel_types else None,
            at,
            MAX_GRAPH_NODES,
        )
        chosen = list(dict.fromkeys([*chosen, *around]))
    if not uids and not uid:
        counts = store.summary(at=at).counts.nodes  # counted in the database on Neo4j
        size = sum(total for label, total in counts.items() if label != NodeLabel.SOURCE.value)
        if size > MAX_GRAPH_NODES:
            raise QueryError(
                f"the graph has {size} nodes, more than {MAX_GRAPH_NODES}; ask for "
                "`uids` or the neighbourhood of a `uid`, or use `partnergraph export`"
            )
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
        "name": "partnergraph",
        "data_version": state.version(),
        "at": at.isoformat() if at else None,
        "truncated": truncated,
    }
    found = store.subgraph(chosen, at=at)
    graph = graph_of(found.nodes, found.edges, attrs, lang, flatten=xml)  # the export's writer
    headers = {}
    if xml:
        headers["content-disposition"] = f'attachment; filename="partnergraph.{fmt}"'
    return Response(render(graph, fmt, compact=True), media_type=MEDIA_TYPES[fmt], headers=headers)
