"""Request dependencies: each route gets the store opened in the app's lifespan, the settings,
and the parameters every query route shares (``lang``, ``at``), declared once so their docs
and examples are the same everywhere."""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.models import Example
from pydantic import BeforeValidator, StringConstraints

from partnergraph.api.limits import MAX_LIST, MAX_UID
from partnergraph.api.state import ApiState
from partnergraph.graph.store import GraphStore
from partnergraph.settings import Settings

__all__ = [
    "At",
    "Lang",
    "LangCode",
    "Offset",
    "SettingsDep",
    "StateDep",
    "StoreDep",
    "example",
    "get_settings",
    "get_state",
    "get_store",
    "iso_day",
    "single_valued",
]

LangCode = Literal["pl", "en"]


# The dependencies are ``async def`` because FastAPI runs plain ``def`` dependencies in the
# thread pool: a thread hop each, on every request, for what is an attribute read.


async def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.api
    return state


async def get_store(request: Request) -> GraphStore:
    """The store of this moment (after an admin reload, the new one). While the breaker is
    open this raises at once; only when the store is not open — Neo4j was down at start-up —
    does getting it block, so that runs in a thread."""
    state: ApiState = request.app.state.api
    state.breaker.check()  # known down: a 503 now, not after a driver timeout
    store = state.current_store
    if store is not None:
        return store
    return await run_in_threadpool(lambda: state.store)


async def get_settings(request: Request) -> Settings:
    state: ApiState = request.app.state.api
    return state.settings


def example(value: Any, summary: str) -> Example:
    """One entry of ``openapi_examples``: what /docs offers in its example drop-down."""
    return Example(summary=summary, value=value)


StateDep = Annotated[ApiState, Depends(get_state)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Lang = Annotated[
    LangCode,
    Query(
        description="Language of display names: Polish (`pl`, default) or English (`en`); "
        "names without an English form stay in the original language.",
        openapi_examples={"pl": example("pl", "Polish names"), "en": example("en", "English")},
    ),
]
#: Where a page starts, for every paged answer (the page size's description differs).
Offset = Annotated[
    int,
    Query(
        ge=0,
        le=1_000_000,
        description="Skip this many results (paging).",
        openapi_examples={"first": example(0, "first page")},
    ),
]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value: object) -> object:
    """Only ``YYYY-MM-DD``: pydantic alone would also take ``0`` (a Unix timestamp) for a day."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


At = Annotated[
    dt.date | None,
    BeforeValidator(iso_day),
    Query(
        description="The graph as of this day (`YYYY-MM-DD`): only facts valid on it count. "
        "Leave empty to ignore time.",
        openapi_examples={
            "none": example(None, "ignore time"),
            "2020": example("2020-06-30", "as of 30 June 2020"),
        },
    ),
]


#: An ISO 3166-1 alpha-2 country code, as every Country uid and ``country`` property holds.
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]
#: Repeatable ``country`` filter (only partners from these countries).
Countries = Annotated[
    list[CountryCode] | None,
    Query(
        max_length=MAX_LIST,
        description="Only partners from these countries (ISO 3166-1 alpha-2 codes such as "
        "`SE`; repeat for several).",
        openapi_examples={"any": example(None, "any country"), "se": example(["SE"], "Sweden")},
    ),
]
#: ``region`` filter: only partners located in this territory or below it.
WithinRegion = Annotated[
    str | None,
    Query(
        max_length=MAX_UID,
        description="Only partners located in this region, powiat or gmina or below it "
        "(PART_OF / LOCATED_IN), e.g. `nuts:PL62`.",
        openapi_examples={
            "any": example(None, "anywhere"),
            "warmia": example("nuts:PL62", "Warmińsko-Mazurskie"),
        },
    ),
]


def _repeatable(route: object) -> frozenset[str]:
    """Names (aliases) of the route's query parameters declared as lists, found once per
    route by walking its dependency tree (and kept on the route)."""
    known: frozenset[str] | None = getattr(route, "_partnergraph_repeatable", None)
    if known is not None:
        return known
    dependant = getattr(route, "dependant", None)
    names: set[str] = set()
    pending = [dependant] if dependant is not None else []
    while pending:
        current = pending.pop()
        for field in current.query_params:
            if _is_sequence(field.field_info.annotation):
                names.add(field.alias)
        pending.extend(current.dependencies)
    found = frozenset(names)
    if route is not None:
        route._partnergraph_repeatable = found  # type: ignore[attr-defined]  # a cache slot
    return found


def _is_sequence(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, set, frozenset):
        return True
    return any(_is_sequence(arg) for arg in typing.get_args(annotation))


async def single_valued(request: Request) -> None:
    """Refuse ``?at=2020-01-01&at=2021-01-01``: Starlette would silently keep the last value,
    so a caller's mistake would answer a question they did not ask. Array parameters (``uids``,
    ``type`` …) may repeat; everything else may appear once."""
    repeatable = _repeatable(request.scope.get("route"))
    seen: set[str] = set()
    for key, _ in request.query_params.multi_items():
        if key in seen and key not in repeatable:
            raise RequestValidationError(
                [
                    {
                        "loc": ("query", key),
                        "msg": f"{key!r} may be given only once",
                        "type": "value_error",
                    }
                ]
            )
        seen.add(key)
