"""Search by name in Polish or English, case and diacritics ignored."""

from __future__ import annotations

from fastapi import APIRouter, Query
from pydantic import BaseModel

from partnergraph.api.deps import Lang, StoreDep
from partnergraph.api.schemas import ErrorOut, NodeOut, node_out
from partnergraph.model import NodeLabel
from partnergraph.queries.search import search as search_query

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["search"])


class SearchResult(BaseModel):
    node: NodeOut
    score: int
    matched: str


class SearchResponse(BaseModel):
    query: str
    lang: str
    label: NodeLabel | None
    results: list[SearchResult]


@router.get(
    "/search",
    summary="Find nodes by name: 'elblag', 'Elbląg' and 'ELBLĄG' find the same gmina",
    responses={400: {"model": ErrorOut, "description": "empty or over-long query"}},
)
def search(
    store: StoreDep,
    q: str = Query(
        description="Text to look for", examples=["gdansk"], min_length=1, max_length=200
    ),
    label: NodeLabel | None = Query(None, description="Only nodes with this label"),
    limit: int = Query(20, ge=1, le=200, description="At most this many results"),
    lang: Lang = "pl",
) -> SearchResponse:
    answer = search_query(store, q, labels=[label] if label else None, lang=lang, limit=limit)
    return SearchResponse(
        query=q,
        lang=lang,
        label=label,
        results=[
            SearchResult(node=node_out(store, hit.node, lang), score=hit.score, matched=hit.matched)
            for hit in answer.results
        ],
    )
