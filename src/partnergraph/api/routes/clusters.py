"""Communities of co-operating actors, labelled by themes and countries, and their brokers."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from partnergraph.api.deps import At, Lang, StateDep, StoreDep, example
from partnergraph.api.schemas import ERROR_RESPONSES, json_response
from partnergraph.queries.clusters import ClustersAnswer, clusters

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["clusters"])


@router.get(
    "/clusters",
    summary="Communities of co-operating actors, labelled, with brokers",
    response_model=ClustersAnswer,
    responses=ERROR_RESPONSES,
)
def list_clusters(
    store: StoreDep,
    state: StateDep,
    method: Literal["auto", "louvain", "leiden", "components"] = Query(
        "auto",
        description="`louvain` communities (seeded, reproducible), `leiden` communities "
        "(seeded; never internally disconnected, faster on large graphs), connected "
        "`components`, or `auto`: Louvain up to 5,000 actors, Leiden above. The answer's "
        "`method` says which ran and where: `gds:leiden`, `gds:louvain`, `gds:wcc` (in "
        "Neo4j Graph Data Science), `networkx:louvain`, `igraph:louvain`, `igraph:leiden`, "
        "`networkx:components`, `igraph:components` (in the API process: the embedded store, "
        "or a Neo4j without GDS). igraph is an optional (GPL) extra, `partnergraph[igraph]`: "
        "without it the API process runs networkx at every size, `auto` runs Louvain, and "
        "`leiden` answers 400 unless Neo4j with GDS runs it.",
        openapi_examples={"auto": example("auto", "Louvain, or Leiden on large graphs")},
    ),
    resolution: float = Query(
        1.0,
        ge=0.05,
        le=10.0,
        description="Louvain/Leiden resolution: above 1 favours smaller communities.",
        openapi_examples={"one": example(1.0, "standard modularity")},
    ),
    seed: int = Query(
        42,
        ge=0,
        le=2**31 - 1,
        description="Random seed of Louvain and of sampled betweenness: same seed, same answer.",
        openapi_examples={"42": example(42, "the default seed")},
    ),
    evidence_limit: int = Query(
        30,
        ge=0,
        le=200,
        description="At most this many relationships shown per cluster (all are counted).",
        openapi_examples={"30": example(30, "thirty per cluster")},
    ),
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """Communities of the actor co-operation projection (actors tied by shared projects,
    agreements and memberships), largest first, each labelled by its dominant priorities and
    countries, with its brokers (highest betweenness) and the relationships that tie it; also
    the modularity, the brokers of the whole network and how many actors have no tie at all."""
    answer = clusters(
        store,
        method=method,
        resolution=resolution,
        seed=seed,
        at=at,
        evidence_limit=evidence_limit,
        lang=lang,
        known_gaps=state.known_gaps,
    )
    return json_response(answer)
