"""Liveness and readiness: /health says the process runs and how the backend is; /ready is 503
until the store answers, so a load balancer only sends traffic to instances that can serve it."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel

from partnergraph.api.deps import StoreDep
from partnergraph.errors import BackendUnavailable

__all__ = ["router"]

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    backend: str
    backend_state: Literal["up", "down"]
    message: str | None = None


def _check(store: StoreDep) -> Health:
    try:
        store.ping()
    except BackendUnavailable as exc:
        return Health(
            status="degraded", backend=store.backend, backend_state="down", message=str(exc)
        )
    return Health(status="ok", backend=store.backend, backend_state="up")


@router.get("/health", summary="Liveness, with the backend's state")
def health(store: StoreDep) -> Health:
    """Always 200 while the process runs; ``backend_state`` tells whether the store answers."""
    return _check(store)


@router.get(
    "/ready",
    summary="Readiness: 200 when the store answers, 503 otherwise",
    responses={503: {"model": Health, "description": "the store does not answer"}},
)
def ready(store: StoreDep, response: Response) -> Health:
    state = _check(store)
    if state.backend_state == "down":
        response.status_code = 503
    return state
