"""Write access over HTTP, which exists only when ``PARTNERGRAPH_ADMIN_TOKEN`` is set.

The router is not even mounted without the token, so a default deployment has no route that
changes anything. With it, every call must carry ``Authorization: Bearer <token>``, compared in
constant time.
"""

from __future__ import annotations

import hmac
import time

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from partnergraph.api.deps import StateDep
from partnergraph.api.schemas import ErrorOut, json_response
from partnergraph.errors import PartnergraphError, PayloadTooLarge
from partnergraph.model import Counts

__all__ = ["RELOAD_BODY_BYTES", "router"]

#: The reload takes no parameters; a body (an empty JSON object, say) is read and ignored up to
#: this size, and anything larger is refused with 413 before it is read in full.
RELOAD_BODY_BYTES = 1024

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="admin token",
    description="The value of PARTNERGRAPH_ADMIN_TOKEN on the server.",
)


def require_admin(
    state: StateDep, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> None:
    expected = state.settings.admin_token
    given = credentials.credentials if credentials else ""
    # compare_digest on bytes: constant time whatever the length or content of ``given``.
    if expected is None or not hmac.compare_digest(
        given.encode(), expected.get_secret_value().encode()
    ):
        raise HTTPException(
            401,
            "a valid admin token is required: Authorization: Bearer <PARTNERGRAPH_ADMIN_TOKEN>",
            headers={"WWW-Authenticate": 'Bearer realm="partnergraph admin"'},
        )


router = APIRouter(
    prefix="/v1/admin",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses={401: {"model": ErrorOut, "description": "missing or wrong admin token"}},
)


class ReloadAnswer(BaseModel):
    backend: str = Field(examples=["memory"])
    data_version_before: str | None = Field(examples=["4f1c2a9b0d3e5f67"])
    data_version: str = Field(examples=["9a0b1c2d3e4f5a6b"])
    counts: Counts
    seconds: float = Field(description="how long the reload took")


async def small_body(request: Request) -> None:
    """Read the request body, and refuse it (413) once it is larger than ``RELOAD_BODY_BYTES``
    — by its Content-Length, or while it streams in without one — so that no client can make
    the server hold, or leave unread, a body the route has no use for."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > RELOAD_BODY_BYTES:
        raise PayloadTooLarge(RELOAD_BODY_BYTES)
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > RELOAD_BODY_BYTES:
            raise PayloadTooLarge(RELOAD_BODY_BYTES)


@router.post(
    "/reload",
    summary="Reload the data folder (admin token required)",
    response_model=ReloadAnswer,
    dependencies=[Depends(small_body)],
    responses={
        409: {"model": ErrorOut, "description": "another reload is running"},
        413: {"model": ErrorOut, "description": f"a body over {RELOAD_BODY_BYTES} bytes"},
        422: {"model": ErrorOut, "description": "the data has errors; nothing was changed"},
        503: {"model": ErrorOut, "description": "the graph store does not answer"},
    },
)
def reload(state: StateDep) -> Response:
    """Validate the server's data folder and load it. On the embedded store a new graph is
    built aside and swapped in at once, so requests see the old graph or the new one, never a
    mix; a file with errors is a 422 listing them (file, line, column), and the old graph
    keeps serving. Other worker processes follow within about a second. Takes no
    parameters: a body up to 1 KiB is read and ignored, a larger one is refused (413)."""
    if state.reload_lock.locked():
        raise HTTPException(409, "a reload is already running")
    started = time.perf_counter()
    try:
        before: str | None = state.version()
    except PartnergraphError:  # the old store may be down; the reload may be what fixes it
        before = None
    state.reload()
    store = state.store
    return json_response(
        ReloadAnswer(
            backend=store.backend,
            data_version_before=before,
            data_version=state.version(),
            counts=store.counts(),
            seconds=round(time.perf_counter() - started, 3),
        )
    )
