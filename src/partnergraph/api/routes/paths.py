"""How two nodes are connected: the k shortest chains, each hop typed, dated, sourced and told."""

from __future__ import annotations

from fastapi import APIRouter, Query
from fastapi.responses import Response

from partnergraph.api.deps import At, Lang, StateDep, StoreDep, example
from partnergraph.api.limits import MAX_LIST, MAX_PATH_HOPS, MAX_PATHS, MAX_UID
from partnergraph.api.schemas import ERROR_RESPONSES, ErrorOut, json_response
from partnergraph.model import RelType
from partnergraph.queries.paths import PathsAnswer, connection_paths

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["paths"])


@router.get(
    "/paths",
    summary="How is A connected to B? The shortest chains, each hop explained",
    response_model=PathsAnswer,
    responses={
        **ERROR_RESPONSES,
        400: {
            "model": ErrorOut,
            "description": "no chain joins the two nodes within the limits (`no_path`: the "
            "details name the connected part of the graph each node is in), or a bad "
            "parameter (`bad_query`)",
        },
    },
)
def paths(
    store: StoreDep,
    state: StateDep,
    source: str = Query(
        alias="from",
        min_length=1,
        max_length=MAX_UID,
        description="uid of the node to start from (a gmina, a region, an organisation …).",
        openapi_examples={"gdansk": example("teryt:2261011", "Gdańsk")},
    ),
    target: str = Query(
        alias="to",
        min_length=1,
        max_length=MAX_UID,
        description="uid of the node to reach.",
        openapi_examples={"kalmar": example("nuts:SE213", "Kalmar County")},
    ),
    k: int = Query(
        3,
        ge=1,
        le=MAX_PATHS,
        description=f"How many chains (≤ {MAX_PATHS}), shortest first.",
        openapi_examples={"three": example(3, "three chains")},
    ),
    max_hops: int = Query(
        4,
        ge=1,
        le=MAX_PATH_HOPS,
        description=f"Longest chain, in hops (≤ {MAX_PATH_HOPS}).",
        openapi_examples={"four": example(4, "up to four hops")},
    ),
    via: list[RelType] | None = Query(
        None,
        max_length=MAX_LIST,
        description="Only these relationship types (repeat for several), e.g. `MEMBER_OF` and "
        "`PARTICIPATES_IN`; default: every type.",
        openapi_examples={
            "any": example(None, "every type"),
            "ties": example(["MEMBER_OF", "PARTICIPATES_IN"], "memberships and projects"),
        },
    ),
    historical: bool = Query(
        False,
        description="Also return chains whose links never existed at the same time "
        "(`co_existing: false`); by default only chains that held on at least one day.",
        openapi_examples={"no": example(False, "only chains that held")},
    ),
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """The k shortest simple chains between two nodes that held at some moment (a day on
    which every dated hop was valid), ignoring edge direction; each chain says when it held
    (`held`), each hop lists every relationship between its two nodes as evidence (type,
    dates, sources) with a sentence in `lang` ("X and Y were partners in SEAGULL II,
    2019–2021, Interreg South Baltic"). When no chain exists a 400 `no_path` says why."""
    answer = connection_paths(
        store,
        source,
        target,
        k=k,
        max_hops=max_hops,
        at=at,
        via=via,
        historical=historical,
        lang=lang,
        known_gaps=state.known_gaps,
    )
    return json_response(answer)
