"""One node with its facts and sources."""

from __future__ import annotations

from fastapi import APIRouter, Path

from partnergraph.api.deps import Lang, StoreDep
from partnergraph.api.schemas import ErrorOut, NodeOut, node_out

__all__ = ["router"]

router = APIRouter(prefix="/v1/nodes", tags=["nodes"])


@router.get(
    "/{uid}",
    summary="A node: its names, properties, dates and sources",
    responses={404: {"model": ErrorOut, "description": "no node has this uid"}},
)
def get_node(
    store: StoreDep,
    uid: str = Path(description="The node's uid", examples=["teryt:2261011"], max_length=200),
    lang: Lang = "pl",
) -> NodeOut:
    return node_out(store, store.node(uid), lang)
