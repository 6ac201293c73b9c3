"""Priorities, by the strategy or programme that defines them, and who covers each one."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from partnergraph.api.deps import (
    At,
    Countries,
    Lang,
    LangCode,
    Offset,
    StateDep,
    StoreDep,
    WithinRegion,
    example,
)
from partnergraph.api.limits import DEFAULT_PAGE, MAX_LIST, MAX_PAGE, MAX_UID
from partnergraph.api.schemas import (
    ERROR_RESPONSES,
    EdgeOut,
    NodeBrief,
    coverage_out,
    edge_out,
    json_response,
    node_brief,
)
from partnergraph.errors import QueryError
from partnergraph.model import Node, NodeLabel
from partnergraph.queries.answers import Coverage
from partnergraph.queries.listing import priority_rows
from partnergraph.queries.partners import PartnersAnswer, partners_for_priority

__all__ = ["router"]

router = APIRouter(prefix="/v1/priorities", tags=["priorities"])

_FRAMEWORKS = (NodeLabel.STRATEGY, NodeLabel.PROGRAMME)


class PriorityItem(BaseModel):
    priority: NodeBrief
    code: str | None = Field(examples=["3"])
    keywords: list[str] = Field(examples=[["innowacje", "innovation"]])
    framework: NodeBrief | None = Field(description="the strategy or programme defining it")
    aligned_with: list[str] = Field(
        description="uids of priorities of other frameworks it is aligned with (ALIGNS_WITH)",
        examples=[["priority:erb-2030:blue-green"]],
    )
    evidence: list[EdgeOut] = Field(description="the DEFINES edge(s)")


class PrioritiesAnswer(BaseModel):
    framework: str | None
    at: dt.date | None
    lang: LangCode
    limit: int
    offset: int
    total: int = Field(description="how many priorities match, before paging")
    frameworks: list[NodeBrief] = Field(description="every strategy and programme with priorities")
    results: list[PriorityItem]
    coverage: Coverage


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


@router.get(
    "",
    summary="Priorities of every strategy and programme, sorted by framework",
    response_model=PrioritiesAnswer,
    responses=ERROR_RESPONSES,
)
def list_priorities(
    store: StoreDep,
    state: StateDep,
    framework: str | None = Query(
        None,
        max_length=MAX_UID,
        description="Only priorities defined by this strategy or programme (its uid).",
        openapi_examples={
            "all": example(None, "every framework"),
            "pomorskie": example("strategy:pomorskie-priorytety-2008", "Pomorskie 2008"),
        },
    ),
    limit: int = Query(
        DEFAULT_PAGE,
        ge=1,
        le=MAX_PAGE,
        description=f"Page size (≤ {MAX_PAGE}).",
        openapi_examples={"default": example(DEFAULT_PAGE, "a page")},
    ),
    offset: Offset = 0,
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """The priorities partnerships are measured against — Pomorskie's foreign-cooperation
    priorities, the ERB 2030 agenda, Interreg programme priorities — each with its code,
    keywords, the framework that defines it and the priorities of other frameworks it is
    aligned with. Use a priority's uid with `/v1/priorities/{uid}/partners`."""
    if framework is not None:
        node = store.node(framework)
        if node.label not in _FRAMEWORKS:
            raise QueryError(f"{framework!r} is a {node.label.value}, not a Strategy or Programme")
    rows = state.memo(("priorities", at), lambda: priority_rows(store, at))
    frameworks: dict[str, Node] = {}
    for row in rows:
        if row.framework is not None:
            frameworks.setdefault(row.framework.uid, row.framework)
    if framework is not None:
        rows = [row for row in rows if row.framework and row.framework.uid == framework]
    page = rows[offset : offset + limit]
    evidence = [edge for row in page for edge in row.defines]
    answer = PrioritiesAnswer(
        framework=framework,
        at=at,
        lang=lang,
        limit=limit,
        offset=offset,
        total=len(rows),
        frameworks=[node_brief(node, lang) for node in frameworks.values()],
        results=[
            PriorityItem(
                priority=node_brief(row.priority, lang),
                code=_text(row.priority.properties.get("code")),
                keywords=list(_keywords(row.priority)),
                framework=node_brief(row.framework, lang) if row.framework else None,
                aligned_with=list(row.aligned),
                evidence=[edge_out(edge) for edge in row.defines],
            )
            for row in page
        ],
        coverage=coverage_out(store, evidence, state.coverage_notes, at),
    )
    return json_response(answer)


def _keywords(node: Node) -> list[str]:
    value = node.properties.get("keywords")
    return value if isinstance(value, list) else []


@router.get(
    "/{uid}/partners",
    summary="Who covers a priority: ranked partners, each with its evidence",
    response_model=PartnersAnswer,
    responses=ERROR_RESPONSES,
)
def partners(
    store: StoreDep,
    state: StateDep,
    uid: str = Path(
        max_length=MAX_UID,
        description="A priority uid (see `/v1/priorities`), or words matched against priority "
        "names and keywords in Polish or English (`water`, `gospodarka wodna`): every matching "
        "priority is asked about together.",
        openapi_examples={
            "uid": example("priority:pomorskie-priorytety-2008:5", "one priority by uid"),
            "words": example("water", "every priority about water"),
        },
    ),
    countries: Countries = None,
    kinds: list[str] | None = Query(
        None,
        max_length=MAX_LIST,
        description="Only partners of these labels (`Region`, `Municipality`, `Organisation`, "
        "`Network`) or organisation kinds (`university`).",
        openapi_examples={"any": example(None, "any kind"), "region": example(["Region"], "")},
    ),
    aligned: bool = Query(
        True,
        description="Also count evidence for priorities of other frameworks aligned with this "
        "one (ALIGNS_WITH); `false`: direct evidence only.",
        openapi_examples={"yes": example(True, "with aligned priorities")},
    ),
    region: WithinRegion = None,
    include_owners: bool = Query(
        False,
        description="Also rank the owners of the priority's framework (ADOPTED_BY: Pomorskie's "
        "Sejmik and self-government for its 2008 priorities, the ERB for its agendas) and the "
        "territory they govern; left out by default, listed in `excluded_owners`.",
        openapi_examples={"no": example(False, "owners left out")},
    ),
    limit: int = Query(
        20,
        ge=1,
        le=MAX_PAGE,
        description=f"At most this many partners (≤ {MAX_PAGE}); `total` says how many.",
        openapi_examples={"default": example(20, "twenty")},
    ),
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """Partners ranked by a documented score: the sum over their evidence — agreements that
    COVER the priority (weight 3), projects that ADDRESS it (2; lead ×1.5), networks that
    FOCUS on it (1) — discounted for suspended or ended ties, for indirect (aligned)
    evidence and by age. The framework's owner and the territory it governs are not its own
    partners (see `include_owners`). Ties: evidence count, latest evidence, name, uid. Every
    result lists its evidence with dates, sources and a sentence explaining it; `coverage`
    lists the sources and the coverage notes that concern this answer."""
    answer = partners_for_priority(
        store,
        uid,
        at=at,
        countries=countries,
        kinds=kinds,
        limit=limit,
        aligned=aligned,
        include_owners=include_owners,
        region=region,
        lang=lang,
        known_gaps=state.known_gaps,
    )
    return json_response(answer)
