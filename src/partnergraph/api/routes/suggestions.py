"""Partners an actor could approach next: close in the network, not yet connected."""

from __future__ import annotations

from fastapi import APIRouter, Query
from fastapi.responses import Response

from partnergraph.api.deps import At, Lang, StateDep, StoreDep, example
from partnergraph.api.limits import MAX_TEXT, MAX_UID
from partnergraph.api.schemas import ERROR_RESPONSES, json_response
from partnergraph.queries.suggest import SuggestionsAnswer, suggest_partners

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["suggestions"])


@router.get(
    "/suggestions",
    summary="Who could this actor partner with next (for a priority)?",
    response_model=SuggestionsAnswer,
    responses=ERROR_RESPONSES,
)
def suggestions(
    store: StoreDep,
    state: StateDep,
    uid: str = Query(
        min_length=1,
        max_length=MAX_UID,
        description="The actor asking: uid of a region, powiat, gmina or organisation.",
        openapi_examples={
            "gdansk": example("teryt:2261011", "Gdańsk"),
            "pomorskie": example("nuts:PL63", "Pomorskie"),
        },
    ),
    priority: str | None = Query(
        None,
        max_length=MAX_TEXT,
        description="Only actors with evidence for this priority (uid or words, as in "
        "`/v1/priorities/{uid}/partners`); ties are ranked by their score for it.",
        openapi_examples={"any": example(None, "any priority"), "water": example("water", "")},
    ),
    k: int = Query(
        10,
        ge=1,
        le=100,
        description="At most this many suggestions (≤ 100); `total` counts every candidate.",
        openapi_examples={"ten": example(10, "ten")},
    ),
    include_inactive: bool = Query(
        False,
        description="Also suggest actors that are suspended, ended or inactive on the day "
        "(`at`, else today): by default they are left out and counted in `excluded`.",
        openapi_examples={"no": example(False, "only active actors")},
    ),
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """Actors the given one has no tie to yet and that are still active, ranked by a
    documented score (shared priorities 0.35, common partners by Adamic–Adar 0.30, recency
    0.20, same programme area 0.15), each with its `score`, `factors`, a sentence saying
    why, and the evidence: its evidence for the asked and shared priorities and its ties to
    the common partners."""
    answer = suggest_partners(
        store,
        uid,
        priority=priority,
        k=k,
        at=at,
        include_inactive=include_inactive,
        lang=lang,
        known_gaps=state.known_gaps,
    )
    return json_response(answer)
