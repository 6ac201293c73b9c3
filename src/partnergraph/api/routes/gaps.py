"""Where co-operation is missing: uncovered priorities, the coverage matrix, left-out gminy,
partners gone quiet and priorities resting on a single partner."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BeforeValidator

from partnergraph.api.deps import (
    At,
    Countries,
    Lang,
    StateDep,
    StoreDep,
    WithinRegion,
    example,
    iso_day,
)
from partnergraph.api.limits import MAX_UID
from partnergraph.api.schemas import ERROR_RESPONSES, json_response
from partnergraph.queries.gaps import (
    CoverageMatrixAnswer,
    InactivePartnersAnswer,
    LeftOutGminyAnswer,
    SinglePointsAnswer,
    UncoveredAnswer,
    coverage_matrix,
    inactive_partners,
    left_out_gminy,
    single_points,
    uncovered_priorities,
)

__all__ = ["router"]

router = APIRouter(prefix="/v1/gaps", tags=["gaps"])

_EARLIEST = dt.date(1000, 1, 1)
_LATEST = dt.date(2999, 12, 31)

Since = Annotated[
    dt.date | None,
    BeforeValidator(iso_day),
    Query(
        description="Start of a period (`YYYY-MM-DD`): count what held on any day from here "
        "to `until`. Not together with `at`.",
        openapi_examples={"none": example(None, "no period"), "2014": example("2014-01-01", "")},
    ),
]
Until = Annotated[
    dt.date | None,
    BeforeValidator(iso_day),
    Query(
        description="End of the period (`YYYY-MM-DD`); open when only `since` is given.",
        openapi_examples={"none": example(None, "no period"), "2020": example("2020-12-31", "")},
    ),
]
Framework = Annotated[
    str | None,
    Query(
        max_length=MAX_UID,
        description="Only priorities of this strategy or programme (its uid).",
        openapi_examples={
            "all": example(None, "every framework"),
            "erb": example("strategy:erb-2030", "ERB 2030 agenda"),
        },
    ),
]
Aligned = Annotated[
    bool,
    Query(
        description="Count evidence for aligned priorities of other frameworks (ALIGNS_WITH).",
        openapi_examples={"yes": example(True, "with aligned priorities")},
    ),
]


def period_of(since: dt.date | None, until: dt.date | None) -> tuple[dt.date, dt.date] | None:
    if since is None and until is None:
        return None
    return (since or _EARLIEST, until or _LATEST)


@router.get(
    "/priorities",
    summary="Priorities no partner covers (on a day, in a period, or ever)",
    response_model=UncoveredAnswer,
    responses=ERROR_RESPONSES,
)
def priorities(
    store: StoreDep,
    state: StateDep,
    framework: Framework = None,
    aligned: Aligned = True,
    since: Since = None,
    until: Until = None,
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """Each uncovered priority with its framework and when it was last covered, showing that
    earlier evidence — so "no partner" can be told from "no partner any more"."""
    answer = uncovered_priorities(
        store,
        at=at,
        period=period_of(since, until),
        framework=framework,
        aligned=aligned,
        lang=lang,
        known_gaps=state.known_gaps,
    )
    return json_response(answer)


@router.get(
    "/coverage",
    summary="Priorities × partner countries (or regions): how much evidence, from how many",
    response_model=CoverageMatrixAnswer,
    responses=ERROR_RESPONSES,
)
def coverage(
    store: StoreDep,
    state: StateDep,
    by: Literal["country", "region"] = Query(
        "country",
        description="Columns: the partner's `country`, or its `region` (nearest Region up "
        "its PART_OF / LOCATED_IN chain). Partners with neither are in column `?`.",
        openapi_examples={"country": example("country", "by country")},
    ),
    framework: Framework = None,
    aligned: Aligned = True,
    region: WithinRegion = None,
    country: Countries = None,
    since: Since = None,
    until: Until = None,
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """The coverage matrix: one row per priority, one column per partner country (or
    region); each cell counts evidence items and distinct partners, and each row lists the
    evidence it counted. `region` and `country` keep only partners located there."""
    answer = coverage_matrix(
        store,
        at=at,
        period=period_of(since, until),
        framework=framework,
        by=by,
        aligned=aligned,
        lang=lang,
        known_gaps=state.known_gaps,
        region=region,
        countries=country,
    )
    return json_response(answer)


@router.get(
    "/gminy",
    summary="Gminy with no project, membership or agreement, grouped by powiat",
    response_model=LeftOutGminyAnswer,
    responses=ERROR_RESPONSES,
)
def gminy(
    store: StoreDep,
    state: StateDep,
    region: str | None = Query(
        None,
        max_length=MAX_UID,
        description="Only gminy of this region (uid of a voivodeship, e.g. `nuts:PL62`).",
        openapi_examples={
            "all": example(None, "every region"),
            "pomorskie": example("nuts:PL63", "Pomorskie"),
        },
    ),
    since: Since = None,
    until: Until = None,
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """Polish gminy taking part in nothing international — no project, no membership, no
    agreement (twinning alone does not count) — grouped by powiat, with population where
    known and the PART_OF relationships that place them."""
    answer = left_out_gminy(
        store,
        at=at,
        period=period_of(since, until),
        region=region,
        lang=lang,
        known_gaps=state.known_gaps,
    )
    return json_response(answer)


@router.get(
    "/partners",
    summary="Partners whose co-operation covered no priority in the last years",
    response_model=InactivePartnersAnswer,
    responses=ERROR_RESPONSES,
)
def partners(
    store: StoreDep,
    state: StateDep,
    years: int = Query(
        5,
        ge=1,
        le=50,
        description="Look-back window in years, ending on `at` (default today).",
        openapi_examples={"five": example(5, "five years")},
    ),
    scope: Literal["agreements", "all"] = Query(
        "agreements",
        description="`agreements`: signatories of agreements; `all`: every actor that "
        "signed, took part in a project or is a member of something.",
        openapi_examples={"agreements": example("agreements", "agreement partners")},
    ),
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """Partners gone quiet: nothing of theirs covered a priority within the window. Each
    says when its last evidence ended and shows it."""
    answer = inactive_partners(
        store, years=years, at=at, scope=scope, lang=lang, known_gaps=state.known_gaps
    )
    return json_response(answer)


@router.get(
    "/single",
    summary="Priorities that rest on a single partner",
    response_model=SinglePointsAnswer,
    responses=ERROR_RESPONSES,
)
def single(
    store: StoreDep,
    state: StateDep,
    framework: Framework = None,
    aligned: Aligned = True,
    since: Since = None,
    until: Until = None,
    lang: Lang = "pl",
    at: At = None,
) -> Response:
    """Priorities covered through exactly one partner: losing it would leave them uncovered.
    Priorities with no partner at all are in `/v1/gaps/priorities`."""
    answer = single_points(
        store,
        framework=framework,
        at=at,
        period=period_of(since, until),
        aligned=aligned,
        lang=lang,
        known_gaps=state.known_gaps,
    )
    return json_response(answer)
