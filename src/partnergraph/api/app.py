"""The FastAPI app factory: what ``partnergraph serve``, the tests and the site build all call."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from partnergraph import __version__
from partnergraph.api.errors import install_error_handlers
from partnergraph.api.routes import health, nodes, search
from partnergraph.graph.store import GraphStore
from partnergraph.settings import Settings
from partnergraph.stores import open_store

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the app. With ``store`` given the app uses it and leaves closing it to the caller
    (tests, notebooks); otherwise the lifespan opens the configured store and closes it."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = open_store(settings) if owned else store
        try:
            yield
        finally:
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="partnergraph",
        version=__version__,
        summary="Cross-border partnerships around the Euroregion Baltic, as a graph you can ask.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    if store is not None:
        app.state.store = store
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET"],
            allow_headers=["*"],
        )
    install_error_handlers(app)
    for router in (health.router, search.router, nodes.router):
        app.include_router(router)
    return app
