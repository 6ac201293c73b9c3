"""Search by name in Polish or English, case and diacritics ignored."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from partnergraph.api.deps import At, Lang, LangCode, StoreDep, example
from partnergraph.api.limits import MAX_PAGE, MAX_TEXT
from partnergraph.api.schemas import ERROR_RESPONSES, NodeOut, json_response, node_out
from partnergraph.model import NodeLabel
from partnergraph.queries.search import search as search_query

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["search"])

#: The query layer ranks at most this many hits per call.
_MAX_SEARCH = 200


class SearchResult(BaseModel):
    node: NodeOut
    score: int = Field(
        description="100 exact, 90 the same words once words such as 'of' or 'w' are left "
        "out, 80 prefix, 60 word start, 50 every word of the text at word starts in any "
        "order, 40 anywhere"
    )
    matched: str = Field(description="the name, alias or code that matched")
    detail: str | None = Field(
        None,
        description="what tells this result apart from others of the same name, in `lang`: "
        "for a Polish gmina its type and powiat ('gmina wiejska, powiat elbląski' / 'rural "
        "gmina, powiat elbląski'); null when there is nothing to add",
    )


class SearchResponse(BaseModel):
    query: str
    lang: LangCode
    label: NodeLabel | None
    at: dt.date | None
    results: list[SearchResult]


@router.get(
    "/search",
    summary="Find nodes by name: 'elblag', 'Elbląg' and 'ELBLĄG' find the same gmina",
    response_model=SearchResponse,
    responses=ERROR_RESPONSES,
)
def search(
    store: StoreDep,
    q: str = Query(
        description="Text to look for in names (Polish and English), aliases, acronyms and "
        "codes; case, Polish diacritics, invisible characters and words such as 'of', 'the', "
        "'i', 'w' do not matter, and several words match in any order. A text of such words "
        "only is refused (400).",
        min_length=1,
        max_length=MAX_TEXT,
        openapi_examples={
            "gdansk": example("gdansk", "a city, without diacritics"),
            "water": example("water", "an English word in priority names"),
        },
    ),
    label: NodeLabel | None = Query(
        None,
        description="Only nodes with this label.",
        openapi_examples={"any": example(None, "any label"), "gmina": example("Municipality", "")},
    ),
    limit: int = Query(
        20,
        ge=1,
        le=_MAX_SEARCH,
        description=f"At most this many results (≤ {min(_MAX_SEARCH, MAX_PAGE)}).",
        openapi_examples={"default": example(20, "twenty")},
    ),
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """Ranked matches, best first: exact name, then names starting with the text, then word
    starts, then names holding every meaningful word, then anywhere; each hit is the full node
    with its sources, and gminy carry a `detail` (type and powiat) that tells apart gminy of
    one name. With `at`, nodes not valid on that day are left out."""
    answer = search_query(
        store,
        q,
        labels=[label] if label else None,
        lang=lang,
        limit=limit if at is None else _MAX_SEARCH,
    )
    hits = [hit for hit in answer.results if hit.node.active_at(at)][:limit]
    return json_response(
        SearchResponse(
            query=q,
            lang=lang,
            label=label,
            at=at,
            results=[
                SearchResult(
                    node=node_out(store, hit.node, lang),
                    score=hit.score,
                    matched=hit.matched,
                    detail=hit.detail,
                )
                for hit in hits
            ],
        )
    )
