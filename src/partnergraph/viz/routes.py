"""The website's routes: HTML pages, their static assets and the search suggestions.

Included in the API app by ``create_app``; everything it serves comes from this package, so
the pages make no request that leaves the server they came from.

Errors on a page are pages too: :func:`page_error_for` answers them as HTML in the page's
language (``create_app`` routes the app's exception handlers through it; ``/v1`` keeps its
JSON), and an ``at=`` the page has no year for is a 400 page rather than silently ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from partnergraph.errors import NotFound, QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.queries.search import search as search_query
from partnergraph.viz import pages
from partnergraph.viz.i18n import Lang, label_name, t
from partnergraph.viz.links import Links
from partnergraph.viz.pages.common import credits_for, year_range
from partnergraph.viz.render import Page, render

__all__ = ["PAGE_ROUTES", "STATIC_DIR", "is_page_request", "page_error", "page_error_for", "router"]

STATIC_DIR = Path(str(resources.files("partnergraph.viz") / "static"))
#: Rendered HTML kept in memory per process (pages are re-rendered when the data changes).
_CACHE_BYTES = 64 * 1024 * 1024

router = APIRouter(include_in_schema=False)

LangParam = Annotated[str | None, Query(max_length=5)]
EmbedParam = Annotated[str | None, Query(max_length=5)]

_html_cache: OrderedDict[tuple[str, str], tuple[int, str]] = OrderedDict()
_cached_bytes = 0
_cache_lock = threading.Lock()
#: One lock per page being rendered: requests for the same page wait for one rendering.
_rendering: dict[tuple[str, str], threading.Lock] = {}


def _links(lang: str | None, embed: str | None) -> Links:
    chosen: Lang = "en" if lang == "en" else "pl"
    return Links(lang=chosen, mode="live", embed=embed in ("1", "true"))


#: The site's pages (and the CSV beside one), as their routes are declared: errors on these
#: are HTML pages.
PAGE_ROUTES = frozenset(
    {
        "/",
        "/node/{uid}",
        "/priority/{uid}",
        "/priorities",
        "/erb",
        "/association",
        "/association.csv",
        "/path",
        "/gaps",
        "/clusters",
        "/region/{uid}",
        "/region/{uid}.csv",
        "/programme/{uid}",
    }
)
#: Paths that are never pages, whatever the client accepts: the API, its documents, health
#: checks, assets and the search suggestions keep their own (JSON or empty) errors.
_NOT_PAGES = ("/v1/", "/health", "/ready", "/openapi.json", "/docs", "/redoc", "/static/", "/site/")
_AT = re.compile(r"(\d{4})(?:-\d{2}-\d{2})?")


def is_page_request(request: Request) -> bool:
    """True for a request to one of the site's pages (whatever went wrong with it), and for an
    unknown path outside the API asked for by a browser (``Accept: text/html``)."""
    path = request.url.path
    if path == "/v1" or path.startswith(_NOT_PAGES):
        return False
    route = request.scope.get("route")
    if route is not None:
        return getattr(route, "path", None) in PAGE_ROUTES
    return "text/html" in request.headers.get("accept", "")


def _request_links(request: Request) -> Links:
    params = request.query_params
    return _links(params.get("lang"), params.get("embed"))


def page_error(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> HTMLResponse:
    """An error as a page of the site, in the language the request asked for."""
    links = _request_links(request)
    page = Page(
        template="error.html",
        title=t("not_found" if status == 404 else "error", links.lang),
        page="home",
        status=status,
        context={"message": message},
    )
    return HTMLResponse(
        render(page, links),
        status_code=status,
        headers={**(headers or {}), "Cache-Control": "no-store"},
    )


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else "" if value is None else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def page_error_for(request: Request, exc: Exception) -> Response | None:
    """The HTML answer to ``exc`` raised while serving a page, or None when the request is
    not for a page (the API's JSON handlers answer it then)."""
    if not is_page_request(request):
        return None
    lang = _request_links(request).lang
    if isinstance(exc, RequestValidationError):
        problems = list(exc.errors())
        first = problems[0] if problems else {}
        location = first.get("loc", ())
        name = str(location[-1]) if location else "?"
        value = first.get("input", request.query_params.get(name, ""))
        message = t("error_bad_param", lang).format(name=name, value=_shown(value))
        return page_error(request, 400, message)
    if isinstance(exc, StarletteHTTPException):
        status = exc.status_code
        if status == 404:
            message = t("error_no_page", lang).format(path=_shown(request.url.path))
        elif status == 405:
            message = t("error_method", lang)
        else:
            message = t("error_http", lang)
        return page_error(request, status, message, dict(exc.headers or {}))
    return page_error(request, 500, t("error_server", lang))


def _bad_at(request: Request, links: Links, at: str | None, *, allow_all: bool) -> Response | None:
    """A 400 page when ``at`` is neither empty, ``all`` (where the page offers all years), nor
    a year or a date YYYY-MM-DD within the years the page shows; None when it is fine."""
    if not at or (allow_all and at == "all"):
        return None
    years = year_range()
    found = _AT.fullmatch(at)
    if found is not None and years[0] <= int(found.group(1)) <= years[-1]:
        try:
            if len(at) == 4 or dt.date.fromisoformat(at):
                return None
        except ValueError:
            pass
    message = t("error_bad_at", links.lang).format(
        value=_shown(at),
        first=years[0],
        last=years[-1],
        all=t("error_bad_at_all", links.lang) if allow_all else "",
    )
    return page_error(request, 400, message)


async def _store_dependency(request: Request) -> GraphStore:
    """The store the API routes use too (after an admin reload, the new one)."""
    # imported here: the API app imports this module while it is being built
    from partnergraph.api.deps import get_store

    return await get_store(request)


StoreParam = Annotated[GraphStore, Depends(_store_dependency)]


def _respond(
    request: Request, store: GraphStore, links: Links, build: Callable[[], Page]
) -> Response:
    """Render (or reuse) a page. A page is a pure function of the data version, the page's own
    parameters and the day (sliders end at the current year), so that is its cache key and its
    ETag; parameters the page does not declare change nothing and are left out of the key."""
    version = store.data_version()
    key = (f"{version}|{dt.date.today().isoformat()}", _page_key(request, links))
    etag = '"' + hashlib.blake2b("|".join(key).encode(), digest_size=12).hexdigest() + '"'
    headers = {"Cache-Control": "no-cache", "ETag": etag}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    status, html = _render_once(key, lambda: _render(build, links, version, credits_for(store)))
    if status != 200:
        # An error page is not worth keeping anywhere: the next try may well succeed.
        headers = {"Cache-Control": "no-store"}
    return HTMLResponse(html, status_code=status, headers=headers)


def _render(
    build: Callable[[], Page], links: Links, version: str, credits: Sequence[str]
) -> tuple[int, str]:
    try:
        page = build()
    except NotFound as exc:
        page = pages.not_found_page(exc.uid, links)
    except QueryError as exc:
        page = pages.error_page(str(exc), links)
    return page.status, render(page, links, data_version=version[:12], credits=credits)


def _declared(route: object) -> frozenset[str]:
    """Names (aliases) of the query parameters ``route`` declares, its dependencies' included;
    found once per route and kept on it."""
    known: frozenset[str] | None = getattr(route, "_partnergraph_page_params", None)
    if known is not None:
        return known
    names: set[str] = set()
    dependant = getattr(route, "dependant", None)
    pending = [dependant] if dependant is not None else []
    while pending:
        current = pending.pop()
        names.update(field.alias for field in current.query_params)
        pending.extend(current.dependencies)
    found = frozenset(names)
    if route is not None:
        route._partnergraph_page_params = found  # type: ignore[attr-defined]  # a cache slot
    return found


def _page_key(request: Request, links: Links) -> str:
    """The path and the parameters that decide the page, in a canonical form: only those the
    route declares (``?z=<random>`` must not make a new page), sorted, ``lang`` and ``embed``
    as the page reads them (``lang=xx`` is Polish), digits as numbers (``k=03`` is ``k=3``)."""
    declared = _declared(request.scope.get("route")) - {"lang", "embed"}
    params = [("embed", "1" if links.embed else "0"), ("lang", links.lang)]
    for name, value in request.query_params.multi_items():
        if name in declared:
            number = value.isascii() and value.isdigit()
            params.append((name, str(int(value)) if number else value))
    return request.url.path + "?" + urlencode(sorted(params))


def _render_once(key: tuple[str, str], compute: Callable[[], tuple[int, str]]) -> tuple[int, str]:
    """The cached page for ``key``, or ``compute()``: once, however many requests ask for it
    at the same moment (the others wait for the first and take its page). Only pages that
    rendered fine are kept: junk URLs (unknown uids) must not push real pages out."""
    with _cache_lock:
        hit = _html_cache.get(key)
        if hit is not None:
            _html_cache.move_to_end(key)
            return hit
        lock = _rendering.setdefault(key, threading.Lock())
    with lock:
        try:
            with _cache_lock:
                hit = _html_cache.get(key)
            if hit is not None:
                return hit
            value = compute()
            if value[0] == 200:
                _remember(key, value)
            return value
        finally:
            with _cache_lock:
                if _rendering.get(key) is lock:
                    del _rendering[key]


def _remember(key: tuple[str, str], value: tuple[int, str]) -> None:
    """Keep rendered pages up to ``_CACHE_BYTES`` of HTML, least recently used out first."""
    global _cached_bytes
    with _cache_lock:
        if key in _html_cache:
            return
        _html_cache[key] = value
        _cached_bytes += len(value[1])
        while _cached_bytes > _CACHE_BYTES and _html_cache:
            _, (_, old) = _html_cache.popitem(last=False)
            _cached_bytes -= len(old)


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    store: StoreParam,
    q: Annotated[str | None, Query(max_length=200)] = None,
    lang: LangParam = None,
    embed: EmbedParam = None,
) -> Response:
    links = _links(lang, embed)
    return _respond(request, store, links, lambda: pages.home_page(store, links, q))


@router.get("/node/{uid}", response_class=HTMLResponse)
def node(
    request: Request,
    store: StoreParam,
    uid: str,
    lang: LangParam = None,
    embed: EmbedParam = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    links = _links(lang, embed)
    return _respond(request, store, links, lambda: pages.node_page(store, uid, links, page))


@router.get("/priority/{uid}", response_class=HTMLResponse)
def priority(
    request: Request,
    store: StoreParam,
    uid: str,
    lang: LangParam = None,
    embed: EmbedParam = None,
    at: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    links = _links(lang, embed)
    if (bad := _bad_at(request, links, at, allow_all=True)) is not None:
        return bad
    return _respond(request, store, links, lambda: pages.priority_page(store, uid, links, at))


@router.get("/priorities", response_class=HTMLResponse)
def priorities(
    request: Request, store: StoreParam, lang: LangParam = None, embed: EmbedParam = None
) -> Response:
    links = _links(lang, embed)
    return _respond(request, store, links, lambda: pages.priorities_page(store, links))


@router.get("/erb", response_class=HTMLResponse)
def erb(
    request: Request,
    store: StoreParam,
    lang: LangParam = None,
    embed: EmbedParam = None,
    at: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    links = _links(lang, embed)
    if (bad := _bad_at(request, links, at, allow_all=True)) is not None:
        return bad
    return _respond(request, store, links, lambda: pages.erb_page(store, links, at))


@router.get("/association", response_class=HTMLResponse)
def association(
    request: Request,
    store: StoreParam,
    lang: LangParam = None,
    embed: EmbedParam = None,
    at: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    links = _links(lang, embed)
    if (bad := _bad_at(request, links, at, allow_all=False)) is not None:
        return bad
    notes = request.app.state.api.known_gaps
    return _respond(request, store, links, lambda: pages.association_page(store, links, at, notes))


@router.get("/association.csv")
def association_csv(
    request: Request,
    store: StoreParam,
    lang: LangParam = None,
    at: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    """The association page's members table as CSV (cells safe to open in a spreadsheet)."""
    chosen: Lang = "en" if lang == "en" else "pl"
    if (bad := _bad_at(request, _links(lang, None), at, allow_all=False)) is not None:
        return bad
    text = pages.association_csv(store, chosen, at)
    return Response(
        text.encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="association.csv"',
            "Cache-Control": "no-cache",
        },
    )


PeriodParam = Annotated[str | None, Query(max_length=10)]
UidParam = Annotated[str | None, Query(max_length=200)]


def _bad_period(
    request: Request, links: Links, start: str | None, end: str | None
) -> Response | None:
    """A 400 page when ``from`` or ``to`` is not a year or a date (as ``at`` elsewhere)."""
    for value in (start, end):
        if (bad := _bad_at(request, links, value, allow_all=False)) is not None:
            return bad
    return None


@router.get("/region/{uid}.csv")
def region_csv(
    request: Request,
    store: StoreParam,
    uid: str,
    lang: LangParam = None,
    from_: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    to: PeriodParam = None,
    programme: UidParam = None,
) -> Response:
    """The region page's totals and breakdowns as CSV (cells safe to open in a spreadsheet)."""
    links = _links(lang, None)
    if (bad := _bad_period(request, links, from_, to)) is not None:
        return bad
    try:
        text = pages.region_csv(
            store, uid, links.lang, start=from_, end=to, programme=programme or None
        )
    except NotFound as exc:
        return page_error(request, 404, t("error_no_page", links.lang).format(path=_shown(exc.uid)))
    except QueryError as exc:
        return page_error(request, 400, str(exc))
    name = re.sub(r"[^A-Za-z0-9_-]", "_", uid)
    return Response(
        text.encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="region-{name}.csv"',
            "Cache-Control": "no-cache",
        },
    )


@router.get("/region/{uid}", response_class=HTMLResponse)
def region(
    request: Request,
    store: StoreParam,
    uid: str,
    lang: LangParam = None,
    embed: EmbedParam = None,
    from_: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    to: PeriodParam = None,
    programme: UidParam = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """What a region does in international projects; ``from``/``to`` a period (YYYY or
    YYYY-MM-DD), ``programme`` one programme's projects, ``page`` the page of the project
    list."""
    links = pages.PlaceLinks.of(_links(lang, embed))
    if (bad := _bad_period(request, links, from_, to)) is not None:
        return bad
    notes = request.app.state.api.known_gaps
    return _respond(
        request,
        store,
        links,
        lambda: pages.region_page(
            store,
            uid,
            links,
            start=from_,
            end=to,
            programme=programme or None,
            notes=notes,
            page_no=page,
        ),
    )


@router.get("/programme/{uid}", response_class=HTMLResponse)
def programme(
    request: Request, store: StoreParam, uid: str, lang: LangParam = None, embed: EmbedParam = None
) -> Response:
    """A programme: its priorities, eligible area, managing authority and projects."""
    links = pages.PlaceLinks.of(_links(lang, embed))
    return _respond(request, store, links, lambda: pages.programme_page(store, uid, links))


@router.get("/path", response_class=HTMLResponse)
def path(
    request: Request,
    store: StoreParam,
    lang: LangParam = None,
    embed: EmbedParam = None,
    from_: Annotated[str | None, Query(alias="from", max_length=200)] = None,
    to: Annotated[str | None, Query(max_length=200)] = None,
    from_q: Annotated[str | None, Query(max_length=200)] = None,
    to_q: Annotated[str | None, Query(max_length=200)] = None,
    k: Annotated[int, Query(ge=1, le=10)] = 3,
) -> Response:
    """``from``/``to`` are uids; ``from_q``/``to_q`` the typed names, used when no suggestion
    was chosen (the form works without JavaScript)."""
    links = _links(lang, embed)
    source, target = from_ or from_q, to or to_q
    return _respond(request, store, links, lambda: pages.path_page(store, links, source, target, k))


@router.get("/gaps", response_class=HTMLResponse)
def gaps(
    request: Request,
    store: StoreParam,
    lang: LangParam = None,
    embed: EmbedParam = None,
    by: Annotated[str, Query(pattern="^(country|region)$")] = "country",
) -> Response:
    links = _links(lang, embed)
    notes = request.app.state.api.known_gaps
    return _respond(request, store, links, lambda: pages.gaps_page(store, links, by, notes))


@router.get("/clusters", response_class=HTMLResponse)
def clusters(
    request: Request,
    store: StoreParam,
    lang: LangParam = None,
    embed: EmbedParam = None,
    cluster: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    links = _links(lang, embed)
    return _respond(request, store, links, lambda: pages.clusters_page(store, links, cluster))


@router.get("/site/suggest")
def suggest(
    request: Request,
    store: StoreParam,
    q: Annotated[str, Query(max_length=200)] = "",
    lang: LangParam = None,
    embed: EmbedParam = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 12,
) -> JSONResponse:
    """Search suggestions for the search box and the path pickers (same ranking as /v1/search)."""
    links = _links(lang, embed)
    if not q.strip():
        return JSONResponse([])
    try:
        answer = search_query(store, q, lang=links.lang, limit=limit)
    except QueryError:
        return JSONResponse([])
    link = pages.node_link(links)
    items: list[dict[str, Any]] = [
        {
            "uid": hit.node.uid,
            "name": hit.display_name,
            # same-name gminy are told apart by their type and powiat (search's ``detail``)
            "label": label_name(hit.node.label.value, links.lang)
            + (f" · {hit.detail}" if hit.detail else ""),
            "url": link(hit.node),
        }
        for hit in answer.results
    ]
    return JSONResponse(items)


@router.get("/static/{path:path}")
def static(path: str) -> Response:
    """Files shipped in ``partnergraph/viz/static`` (vis-network, CSS, JS); nothing else.
    A name the file system cannot even look up (a NUL byte, ``/static/site.css%00.js``) is
    a 404 like any other missing file."""
    not_found = Response(status_code=404, headers={"Cache-Control": "no-store"})
    if "\x00" in path:
        return not_found
    base = STATIC_DIR.resolve()
    try:
        target = (base / path).resolve()
        found = target.is_relative_to(base) and target.is_file()
    except (OSError, ValueError):  # a name too long, or otherwise impossible
        return not_found
    if not found:
        return not_found
    return FileResponse(target, headers={"Cache-Control": "public, max-age=3600"})
