"""One node with its facts and sources, and its neighbourhood one or two hops out."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from partnergraph.api.deps import At, Lang, StateDep, StoreDep, example
from partnergraph.api.limits import DEFAULT_PAGE, MAX_NEIGHBOUR_DEPTH, MAX_PAGE, MAX_UID
from partnergraph.api.schemas import (
    ERROR_RESPONSES,
    EdgeOut,
    NodeBrief,
    NodeOut,
    coverage_out,
    edge_out,
    json_response,
    node_brief,
    node_out,
)
from partnergraph.errors import NotFound
from partnergraph.graph.store import GraphStore
from partnergraph.model import Direction, Edge, Neighbour, Node, NodeLabel, RelType
from partnergraph.queries.answers import Coverage

__all__ = ["Uid", "router", "valid_node"]

router = APIRouter(prefix="/v1/nodes", tags=["nodes"])

Uid = Annotated[
    str,
    Path(
        description="The node's uid, e.g. `teryt:2261011` (Gdańsk) or `nuts:PL63` (Pomorskie); "
        "find uids with `/v1/search`.",
        max_length=MAX_UID,
        openapi_examples={
            "gmina": example("teryt:2261011", "Gdańsk (gmina)"),
            "region": example("nuts:PL63", "Pomorskie (region)"),
            "network": example("network:euroregion-baltic", "Euroregion Baltic"),
        },
    ),
]


def valid_node(store: GraphStore, uid: str, at: dt.date | None) -> Node:
    """The node, or NotFound naming it — also when it exists but does not hold on ``at``."""
    node = store.node(uid)
    if not node.active_at(at):
        raise NotFound(uid, what=f"node valid on {at}")
    return node


class NodeDetail(NodeOut):
    relationships: dict[str, int] = Field(
        description="How many relationships of each type the node has (as of `at`); list "
        "them with `/v1/nodes/{uid}/neighbours`.",
        examples=[{"MEMBER_OF": 1, "PART_OF": 1, "PARTICIPATES_IN": 1}],
    )


@router.get(
    "/{uid}",
    summary="A node: its names, properties, dates and sources",
    response_model=NodeDetail,
    responses=ERROR_RESPONSES,
)
def get_node(store: StoreDep, uid: Uid, lang: Lang = "pl", at: At = None) -> Response:
    """Everything the graph knows about one node itself: names in both languages, label(s),
    typed properties (TERYT code, NUTS edition, budget …), validity dates, the sources it
    rests on (title, URL or document, retrieval date, confidence), and a count of its
    relationships by type. With `at`, a node not valid on that day is a 404."""
    node = valid_node(store, uid, at)
    counts = Counter(n.edge.type.value for n in store.neighbours(uid, at=at))
    detail = NodeDetail(
        **node_out(store, node, lang).model_dump(), relationships=dict(sorted(counts.items()))
    )
    return json_response(detail)


class NeighbourResult(BaseModel):
    node: NodeBrief
    depth: int = Field(ge=1, le=MAX_NEIGHBOUR_DEPTH, description="hops from the node asked about")
    via: str = Field(description="uid of the node this one was reached from")
    direction: Literal["out", "in", "both"] = Field(
        description="`out`: the edges point from `via` to this node; `both`: some each way"
    )
    evidence: list[EdgeOut] = Field(description="every edge between `via` and this node")


class NeighboursAnswer(BaseModel):
    uid: str
    node: NodeBrief
    types: list[RelType] | None
    labels: list[NodeLabel] | None
    direction: Direction
    depth: int
    limit: int
    at: dt.date | None
    lang: Literal["pl", "en"]
    results: list[NeighbourResult]
    truncated: bool = Field(description="true when more neighbours exist than `limit`")
    coverage: Coverage


@router.get(
    "/{uid}/neighbours",
    summary="The nodes around a node, one or two hops out, with the edges between",
    response_model=NeighboursAnswer,
    responses=ERROR_RESPONSES,
)
def neighbours(
    store: StoreDep,
    state: StateDep,
    uid: Uid,
    rel_types: list[RelType] | None = Query(
        None,
        alias="type",
        description="Follow only these relationship types (repeat the parameter for several).",
        openapi_examples={
            "all": example(None, "every type"),
            "membership": example(["MEMBER_OF"], "memberships only"),
        },
    ),
    label: list[NodeLabel] | None = Query(
        None,
        description="Return only neighbours with these labels (traversal still passes through "
        "others at depth 2).",
        openapi_examples={"all": example(None, "any label"), "org": example(["Organisation"], "")},
    ),
    direction: Direction = Query(
        "both",
        description="`out`: edges starting at the node; `in`: edges ending there; `both`.",
        openapi_examples={"both": example("both", "either direction")},
    ),
    depth: int = Query(
        1,
        ge=1,
        le=MAX_NEIGHBOUR_DEPTH,
        description="1: direct neighbours; 2: also their neighbours.",
        openapi_examples={"1": example(1, "direct"), "2": example(2, "two hops")},
    ),
    limit: int = Query(
        DEFAULT_PAGE,
        ge=1,
        le=MAX_PAGE,
        description=f"At most this many neighbours (≤ {MAX_PAGE}); `truncated` says if cut.",
        openapi_examples={"default": example(DEFAULT_PAGE, "a page")},
    ),
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """Who and what is connected to a node: each neighbour once, with the hop that reaches it
    (`via`, `direction`, `depth`) and every edge on that hop as evidence (type, dates,
    properties, source ids, spelled out in `sources`). Order: depth, then relationship type,
    then uid — the same on every backend."""
    origin = valid_node(store, uid, at)
    types = list(dict.fromkeys(rel_types)) if rel_types else None
    labels = set(label) if label else None
    results: list[NeighbourResult] = []
    evidence: list[Edge] = []
    seen = {uid}
    frontier = [uid]
    truncated = False
    for level in range(1, depth + 1):
        next_frontier: list[str] = []
        for parent in frontier:
            grouped: dict[str, list[Neighbour]] = {}
            for found in store.neighbours(parent, types=types, direction=direction, at=at):
                if found.node.uid not in seen:
                    grouped.setdefault(found.node.uid, []).append(found)
            for other, hops in grouped.items():
                seen.add(other)
                next_frontier.append(other)
                node = hops[0].node
                if labels is not None and node.label not in labels:
                    continue
                if len(results) >= limit:
                    truncated = True
                    break
                directions = {hop.direction for hop in hops}
                results.append(
                    NeighbourResult(
                        node=node_brief(node, lang),
                        depth=level,
                        via=parent,
                        direction=directions.pop() if len(directions) == 1 else "both",
                        evidence=[edge_out(hop.edge) for hop in hops],
                    )
                )
                evidence.extend(hop.edge for hop in hops)
            if truncated:
                break
        if truncated:
            break
        frontier = next_frontier
    answer = NeighboursAnswer(
        uid=uid,
        node=node_brief(origin, lang),
        types=types,
        labels=sorted(labels) if labels else None,
        direction=direction,
        depth=depth,
        limit=limit,
        at=at,
        lang=lang,
        results=results,
        truncated=truncated,
        coverage=coverage_out(store, evidence, state.coverage_notes, at),
    )
    return json_response(answer)
