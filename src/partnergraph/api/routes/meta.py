"""What the graph is built from: sources, periods, counts, coverage notes and data version.

A policy officer reading "no partner covers priority X" needs to know whether that is a fact
or a hole in the data; this is where the holes are listed.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel, Field

from partnergraph import __version__
from partnergraph.api.deps import At, Lang, LangCode, StateDep, StoreDep
from partnergraph.api.schemas import ERROR_RESPONSES, SourceOut, json_response, sources_out
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import Counts, NodeLabel

__all__ = ["router"]

router = APIRouter(prefix="/v1/meta", tags=["meta"])


class SourceMeta(SourceOut):
    facts: int = Field(description="how many nodes and relationships cite this source")


class Period(BaseModel):
    start: str | None = Field(description="earliest `valid_from`", examples=["1998-02-22"])
    end: str | None = Field(description="latest `valid_to`", examples=["2027-12-31"])


class MetaCoverage(BaseModel):
    data_version: str = Field(
        examples=["4f1c2a9b0d3e5f67"], description="changes whenever the graph changes"
    )
    backend: str = Field(examples=["memory"])
    api_version: str = Field(examples=[__version__])
    at: dt.date | None
    lang: LangCode
    counts: Counts
    periods: dict[str, Period] = Field(
        description="date span of the facts, per relationship type (and `nodes`)"
    )
    sources: list[SourceMeta]
    coverage: list[CoverageNote] = Field(description="curated notes: complete, partial, missing")
    known_gaps: list[str] = Field(examples=[["projects: South Baltic 2021–2027 partial"]])
    coverage_problem: str | None = Field(
        None, description="set when the coverage notes file could not be read"
    )


class _Summary(BaseModel):
    counts: Counts
    periods: dict[str, Period]
    citations: dict[str, int]


def _summary(store: GraphStore, at: dt.date | None) -> _Summary:
    found = store.summary(at=at)  # aggregated in the database on Neo4j
    return _Summary(
        counts=found.counts,
        periods={name: Period(start=lo, end=hi) for name, (lo, hi) in found.spans.items()},
        citations=found.citations,
    )


@router.get(
    "/coverage",
    summary="Sources, periods, counts and known gaps of the data, with its version",
    response_model=MetaCoverage,
    responses=ERROR_RESPONSES,
)
def coverage(store: StoreDep, state: StateDep, lang: Lang = "pl", at: At = None) -> Response:
    """Every source the graph cites (title, URL or document, retrieval date, confidence,
    licence, how many facts cite it), node and relationship counts (as of `at`), the date span
    of the facts per relationship type, the curated coverage notes (what is complete, partial
    or missing), and `data_version`, which changes whenever the data does."""
    summary = state.memo(("meta", at), lambda: _summary(store, at))
    source_nodes = store.nodes(NodeLabel.SOURCE)
    listed = sources_out(store, [node.uid.removeprefix("source:") for node in source_nodes])
    answer = MetaCoverage(
        data_version=state.version(),
        backend=store.backend,
        api_version=__version__,
        at=at,
        lang=lang,
        counts=summary.counts,
        periods=summary.periods,
        sources=[
            SourceMeta(
                **source.model_dump(),
                facts=summary.citations.get(source.id, 0),
            )
            for source in listed
        ],
        coverage=state.coverage_notes,
        known_gaps=[note.sentence() for note in state.coverage_notes],
        coverage_problem=state.coverage_problem,
    )
    return json_response(answer)
