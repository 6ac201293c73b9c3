"""The API's FastAPI app factory; ``partnergraph.web.create_app`` adds the website to it, and
that is what ``partnergraph serve`` and the tests run.

Assembly order, outermost first: HEAD (answered as the GET without its body), the security
headers (nosniff, Content-Security-Policy), CORS (so even a 413 carries CORS headers), request
limits, the backend breaker (a 503 at once while the store is known down), ETag/Cache-Control,
the query cache's binding (``QueryCacheMiddleware``), then the routers. ``/docs`` and
``/redoc`` load Swagger UI and ReDoc from ``api/static`` (see its README): nothing of them
comes from a CDN. The store is opened in the lifespan and reached
by the routes through ``deps.py``; see ``state.py`` for what is kept between requests.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

from partnergraph import __version__
from partnergraph.api.deps import single_valued
from partnergraph.api.errors import error_response, install_error_handlers
from partnergraph.api.middleware import (
    NO_STORE,
    RETRY_AFTER_SECONDS,
    BreakerMiddleware,
    CacheMiddleware,
    HeadMiddleware,
    LimitsMiddleware,
    QueryCacheMiddleware,
    SecurityHeadersMiddleware,
    csp_hash,
)
from partnergraph.api.routes import (
    admin,
    clusters,
    gaps,
    graph,
    health,
    meta,
    nodes,
    paths,
    priorities,
    regions,
    search,
    suggestions,
)
from partnergraph.api.state import ApiState
from partnergraph.errors import BackendUnavailable
from partnergraph.graph.store import GraphStore
from partnergraph.settings import Settings

__all__ = ["DOCS_STATIC", "create_api"]

log = logging.getLogger(__name__)

#: Swagger UI and ReDoc, vendored with their licences (``api/static/README.md``).
DOCS_STATIC_DIR = Path(str(resources.files("partnergraph.api") / "static"))
#: Where they are served; under ``/docs/`` so the breaker leaves them alone.
DOCS_STATIC = "/docs/static"
_FAVICON = f"{DOCS_STATIC}/swagger-ui/favicon-32x32.png"

DESCRIPTION = """
Cross-border partnerships around the **Euroregion Baltic**: Polish regions and gminy, the ERB
member regions, their partners, the priorities each side pursues, and the projects, agreements
and networks that connect them — as a graph you can ask.

* Every answer carries its **evidence** (relationships with dates and source ids, spelled out
  in `sources`) and a **coverage** block saying what the data is known to miss.
* Every query route takes `lang=pl|en` (names) and `at=YYYY-MM-DD` (the graph as of that day).
* Errors are always `{"error": {"code", "message", "details"}}`; an unknown uid is a 404
  naming it.
* Answers carry an `ETag` that changes with the data: send it back as `If-None-Match` and get
  `304 Not Modified` while nothing changed; they may be cached for a minute
  (`Cache-Control: public, max-age=60`). `/v1/meta/coverage` shows the data version.
* Limits: URLs up to 1 KiB of path and 2 KiB of query string, pages of at most 500, paths of
  at most 6 hops and 10 chains, neighbourhoods 2 hops deep, graph exports of 5,000 nodes.
* The API is read-only unless the server sets `PARTNERGRAPH_ADMIN_TOKEN`.

Start with `/v1/search?q=gdansk` to find uids.
"""

TAGS = [
    {"name": "search", "description": "Find nodes by name, in Polish or English."},
    {"name": "nodes", "description": "One node, its facts and sources, and its neighbourhood."},
    {"name": "priorities", "description": "Priorities by framework, and who covers them."},
    {"name": "paths", "description": "How two actors are connected, hop by hop."},
    {"name": "gaps", "description": "What nobody covers, and who is left out."},
    {"name": "clusters", "description": "Communities, components and brokers."},
    {"name": "suggestions", "description": "Partners an actor could approach next."},
    {"name": "graph", "description": "Subgraphs for tools: node-link JSON, GraphML, GEXF."},
    {"name": "meta", "description": "Sources, periods, counts and known gaps of the data."},
    {"name": "health", "description": "Liveness and readiness for load balancers."},
    {"name": "admin", "description": "Reloading data; only with an admin token."},
]


def _docs_pages(title: str, openapi_url: str) -> tuple[bytes, bytes, dict[str, str]]:
    """The HTML of ``/docs`` and ``/redoc`` (FastAPI's own pages, pointed at the vendored
    files, no Google Fonts, no validator badge) and the Content-Security-Policy of each.

    Swagger UI is started by one inline script, allowed by its hash. ReDoc styles itself with
    styled-components, which writes ``<style>`` elements at run time (so ``'unsafe-inline'``
    for styles, on that page only), and searches in a web worker made from a ``blob:`` URL."""
    swagger = get_swagger_ui_html(
        openapi_url=openapi_url,
        title=f"{title} – API",
        swagger_js_url=f"{DOCS_STATIC}/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url=f"{DOCS_STATIC}/swagger-ui/swagger-ui.css",
        swagger_favicon_url=_FAVICON,
        swagger_ui_parameters={"validatorUrl": None},  # no badge from validator.swagger.io
    ).body
    redoc = get_redoc_html(
        openapi_url=openapi_url,
        title=f"{title} – API",
        redoc_js_url=f"{DOCS_STATIC}/redoc/redoc.standalone.js",
        redoc_favicon_url=_FAVICON,
        with_google_fonts=False,
    ).body
    inline = re.findall(r"<script>(.*?)</script>", bytes(swagger).decode(), flags=re.DOTALL)
    common = [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    policies = {
        "/docs": "; ".join(
            [
                *common,
                "script-src 'self' " + " ".join(csp_hash(code) for code in inline),
                "style-src 'self' 'unsafe-inline'",
            ]
        ),
        "/redoc": "; ".join(
            [
                *common,
                "script-src 'self'",
                "style-src 'self' 'unsafe-inline'",
                "worker-src 'self' blob:",
            ]
        ),
    }
    return bytes(swagger), bytes(redoc), policies


def create_api(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the JSON API (``partnergraph.web.create_app`` adds the website to it). With
    ``store`` given the app uses it and leaves closing it to the caller (tests, notebooks);
    otherwise the lifespan opens the configured store and closes it."""
    settings = settings or Settings()
    state = ApiState(settings, store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state.open()
        state.start_warm_up()
        try:
            yield
        finally:
            state.close()

    app = FastAPI(
        title="partnergraph",
        version=__version__,
        summary="Cross-border partnerships around the Euroregion Baltic, as a graph you can ask.",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        dependencies=[Depends(single_valued)],
        docs_url=None,  # served below, from the package instead of a CDN
        redoc_url=None,
    )
    app.state.api = state
    app.state.settings = settings
    install_error_handlers(app)

    swagger_html, redoc_html, docs_policies = _docs_pages(app.title, app.openapi_url or "")
    app.mount(DOCS_STATIC, StaticFiles(directory=DOCS_STATIC_DIR), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return HTMLResponse(swagger_html)

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return HTMLResponse(redoc_html)

    async def backend_unavailable(_: Request, exc: Exception) -> Response:
        # Looked up before the generic PartnergraphError handler (Starlette walks the MRO):
        # the same JSON 503, and the breaker opens so the next requests do not wait too.
        state.breaker.trip(str(exc))
        log.warning("backend_unavailable: %s", exc)
        return error_response(
            503,
            BackendUnavailable.code,
            str(exc),
            headers={"cache-control": NO_STORE, "retry-after": str(RETRY_AFTER_SECONDS)},
        )

    app.add_exception_handler(BackendUnavailable, backend_unavailable)

    for router in (
        health.router,
        search.router,
        nodes.router,
        priorities.router,
        paths.router,
        gaps.router,
        clusters.router,
        suggestions.router,
        regions.router,
        graph.router,
        meta.router,
    ):
        app.include_router(router)
    if settings.admin_token is not None and settings.admin_token.get_secret_value():
        app.include_router(admin.router)

    # Middleware: the last added is the outermost. The breaker sits inside the limits (an
    # over-long URL is still a 414) and outside the cache (no version read while down); the
    # security headers and HEAD wrap everything, so every answer has them.
    app.add_middleware(QueryCacheMiddleware, state=state)
    app.add_middleware(CacheMiddleware, state=state)
    app.add_middleware(BreakerMiddleware, state=state)
    app.add_middleware(LimitsMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"] if settings.admin_token else ["GET"],
            allow_headers=["Accept", "Authorization", "If-None-Match", "Content-Type"],
            expose_headers=["ETag", "Content-Disposition"],
            max_age=600,
        )
    app.add_middleware(SecurityHeadersMiddleware, policies=docs_policies)
    app.add_middleware(HeadMiddleware)
    return app
