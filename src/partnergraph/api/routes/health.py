"""Liveness and readiness: /health says the process runs and how the backend is; /ready is 503
until the store answers, so a load balancer only sends traffic to instances that can serve it."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict

from partnergraph.api.deps import StateDep
from partnergraph.api.state import ApiState
from partnergraph.errors import BackendUnavailable

__all__ = ["router"]

router = APIRouter(tags=["health"])


class Health(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"status": "ok", "backend": "memory", "backend_state": "up", "message": None}
            ]
        }
    )

    status: Literal["ok", "degraded"]
    backend: str
    backend_state: Literal["up", "down"]
    message: str | None = None


def _check(state: ApiState) -> Health:
    backend: str = state.settings.store
    try:
        store = state.store
        backend = store.backend
        store.ping()
    except BackendUnavailable as exc:
        return Health(status="degraded", backend=backend, backend_state="down", message=str(exc))
    return Health(status="ok", backend=backend, backend_state="up")


@router.get("/health", summary="Liveness, with the backend's state")
def health(state: StateDep) -> Health:
    """Always 200 while the process runs; `backend_state` tells whether the store answers.
    Use it to see that the service is up; use `/ready` to decide whether to send it traffic."""
    return _check(state)


@router.get(
    "/ready",
    summary="Readiness: 200 when the store answers, 503 otherwise",
    responses={503: {"model": Health, "description": "the store does not answer"}},
)
def ready(state: StateDep, response: Response) -> Health:
    """200 once the graph store answers a ping; 503 (same body, `backend_state: down`) while
    it does not — for example while Neo4j is restarting. It recovers by itself."""
    result = _check(state)
    if result.backend_state == "down":
        response.status_code = 503
    return result
