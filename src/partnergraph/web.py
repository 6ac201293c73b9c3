"""The one app ``partnergraph serve`` runs: the JSON API and the website, composed here.

The API (``partnergraph.api``) knows nothing of the website; the website's routes reach the
store through the API's dependencies (``partnergraph.viz.routes``). This module puts the two
together: the website's pages on the API's app, and errors on those pages answered as HTML
pages in the page's language while every other error stays the API's JSON.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from partnergraph.api.app import create_api
from partnergraph.graph.store import GraphStore
from partnergraph.settings import Settings
from partnergraph.viz.routes import page_error_for
from partnergraph.viz.routes import router as site_router

__all__ = ["create_app"]

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The API with the website (HTML pages at /, /node/{uid} …, not in the OpenAPI
    document). With ``store`` given the app uses it and leaves closing it to the caller."""
    app = create_api(settings, store)
    app.include_router(site_router)
    _pages_answer_in_html(app)
    return app


Handler = Callable[[Request, Any], Response | Awaitable[Response]]


def _pages_answer_in_html(app: FastAPI) -> None:
    """Errors on the website's pages as HTML pages in the page's language; the API's JSON
    handlers (``errors.py``) answer everything else, unchanged."""

    def wrap(json_handler: Handler) -> Handler:
        async def handler(request: Request, exc: Exception) -> Response:
            try:
                page = page_error_for(request, exc)
            except Exception:  # an error page that fails to render: the JSON answer then
                log.exception("error page failed")
                page = None
            if page is not None:
                return page
            answer = json_handler(request, exc)
            return await answer if inspect.isawaitable(answer) else answer

        return handler

    for kind in (RequestValidationError, StarletteHTTPException, Exception):
        app.exception_handlers[kind] = wrap(app.exception_handlers[kind])
