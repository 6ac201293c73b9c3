"""What a region and everything in it does in international projects (region_activity)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from partnergraph.api.deps import At, Lang, Offset, StateDep, StoreDep, example
from partnergraph.api.limits import DEFAULT_PAGE, MAX_PAGE, MAX_UID
from partnergraph.api.routes.gaps import Since, Until, period_of
from partnergraph.api.schemas import ERROR_RESPONSES, json_response
from partnergraph.queries.regions import (
    RegionActivityAnswer,
    region_activity,
    region_activity_csv,
)

__all__ = ["router"]

router = APIRouter(prefix="/v1/regions", tags=["regions"])


def _wants_csv(request: Request, fmt: str | None) -> bool:
    if fmt is not None:
        return fmt == "csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


@router.get(
    "/{uid}/activity",
    summary="What a region and everything in it does in international projects",
    response_model=RegionActivityAnswer,
    responses={
        **ERROR_RESPONSES,
        200: {
            "description": "The answer as JSON, or its totals and breakdowns as CSV "
            "(`format=csv` or `Accept: text/csv`).",
            "content": {"text/csv": {"example": "breakdown,key,name,projects,..."}},
        },
    },
)
def activity(
    request: Request,
    store: StoreDep,
    state: StateDep,
    uid: str = Path(
        description="The region's uid: a NUTS region (`nuts:PL63` Pomorskie), a powiat "
        "(`teryt:2261`) or a gmina (`teryt:2261011`).",
        max_length=MAX_UID,
        openapi_examples={
            "pomorskie": example("nuts:PL63", "Pomorskie"),
            "warmia": example("nuts:PL62", "Warmińsko-Mazurskie"),
        },
    ),
    programme: str | None = Query(
        None,
        max_length=MAX_UID,
        description="Only projects funded by this programme (its uid).",
        openapi_examples={
            "all": example(None, "every programme"),
            "sb": example("programme:interreg-south-baltic-2014-2020", "South Baltic 2014-2020"),
        },
    ),
    since: Since = None,
    until: Until = None,
    format: Literal["json", "csv"] | None = Query(
        None,
        description="`csv` for the totals and breakdowns as one CSV table (also chosen by "
        "`Accept: text/csv`); default JSON.",
        openapi_examples={"json": example("json", "JSON"), "csv": example("csv", "CSV")},
    ),
    limit: int = Query(
        DEFAULT_PAGE,
        ge=1,
        le=MAX_PAGE,
        description=f"Projects per page in `results` (≤ {MAX_PAGE}); the totals and "
        "breakdowns always count every project.",
        openapi_examples={"default": example(DEFAULT_PAGE, "a page")},
    ),
    offset: Offset = 0,
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """Projects, partner rows (one body in one project) and partners located in the region
    (through PART_OF and LOCATED_IN, down to gminy and the organisations seated in them),
    with `totals` and breakdowns `by_subregion` (NUTS 3 / powiat / gmina), `by_country` (every
    partner of these projects), `by_programme`, `by_priority` and `by_year`; `results` lists
    one page of the projects (by start date, `limit` and `offset`) with the region's partner
    rows as evidence."""
    answer = region_activity(
        store,
        uid,
        at=at,
        period=period_of(since, until),
        programme=programme,
        lang=lang,
        known_gaps=state.known_gaps,
        offset=offset,
        limit=limit,
    )
    if _wants_csv(request, format):
        return Response(region_activity_csv(answer), media_type="text/csv; charset=utf-8")
    return json_response(answer)
