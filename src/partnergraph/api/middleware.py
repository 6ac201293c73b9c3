"""Plain ASGI middlewares: request limits, the backend breaker (a 503 at once while the store
is known down), ETag/Cache-Control with 304s, HEAD for every GET route, and the security
headers (``X-Content-Type-Options``, ``Content-Security-Policy``) on every answer.

They are plain ASGI (not ``BaseHTTPMiddleware``) because they sit on every request and the API
is measured in requests per second; each adds a few microseconds, not a task and a queue.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

import anyio.to_thread
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from partnergraph import __version__
from partnergraph.api.errors import error_response
from partnergraph.api.limits import MAX_BODY_BYTES, MAX_QUERY_STRING_BYTES, MAX_URL_PATH_BYTES
from partnergraph.api.state import ApiState
from partnergraph.queries._cache import bound

__all__ = [
    "CACHE_CONTROL",
    "BreakerMiddleware",
    "CacheMiddleware",
    "HeadMiddleware",
    "LimitsMiddleware",
    "QueryCacheMiddleware",
    "SecurityHeadersMiddleware",
    "csp_hash",
    "etag_for",
    "site_csp",
]

#: Answers change only when the data does; a minute of freshness, then a cheap 304 revalidation.
CACHE_CONTROL = "public, max-age=60"
NO_STORE = "no-store"
#: Paths whose GET answers are a function of (data version, URL, Accept): these get ETags.
CACHEABLE_PREFIXES = ("/v1/",)
UNCACHEABLE_PREFIXES = ("/v1/admin",)
NEVER_CACHED = ("/health", "/ready")
#: Paths that never need the store, so an open breaker leaves them alone: health checks (they
#: report the breaker's reason), the API's documents, static files and the admin routes (a
#: reload may be what brings the store back).
NEEDS_NO_STORE = ("/health", "/ready", "/docs", "/redoc", "/openapi.json")
NEEDS_NO_STORE_PREFIXES = ("/static/", "/docs/", "/v1/admin/")
#: Seconds a client is asked to wait before trying again while the breaker is open.
RETRY_AFTER_SECONDS = 1


class LimitsMiddleware:
    """414 for an over-long URL or query string, 413 for an over-large body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        raw_path = scope.get("raw_path") or scope["path"].encode()
        if len(query) > MAX_QUERY_STRING_BYTES or len(raw_path) > MAX_URL_PATH_BYTES:
            limit = "query string" if len(query) > MAX_QUERY_STRING_BYTES else "path"
            maximum = MAX_QUERY_STRING_BYTES if limit == "query string" else MAX_URL_PATH_BYTES
            response = error_response(
                414,
                "uri_too_long",
                f"the URL's {limit} is longer than {maximum} bytes",
                {"limit": maximum},
                headers={"cache-control": NO_STORE},
            )
            await response(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
            await _too_large(scope, receive, send)
            return

        received = 0

        async def counted_receive() -> Message:
            # A body streamed without Content-Length is counted as the route reads it; the
            # HTTPException becomes the JSON 413 through the app's error handlers.
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_BODY_BYTES:
                    raise HTTPException(413, _TOO_LARGE)
            return message

        await self.app(scope, counted_receive, send)


_TOO_LARGE = f"the request body is larger than {MAX_BODY_BYTES} bytes"


async def _too_large(scope: Scope, receive: Receive, send: Send) -> None:
    response = error_response(
        413,
        "payload_too_large",
        _TOO_LARGE,
        {"limit": MAX_BODY_BYTES},
        headers={"cache-control": NO_STORE},
    )
    await response(scope, receive, send)


class BreakerMiddleware:
    """While the store is known not to answer (``ApiState.breaker`` is open), answer every
    request that needs it with the JSON 503 of the error handlers at once, on the event loop:
    no worker thread is taken and no driver timeout is waited for. Health checks always ask
    the store: while the breaker is open they probe it first (closing it if the store is
    back), and ``/ready``'s answer feeds it: a 503 (no answer to the ping) opens it, a 200
    closes it."""

    def __init__(self, app: ASGIApp, state: ApiState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        breaker = self.state.breaker
        if path in NEVER_CACHED:  # /health, /ready: they say whether the store is back
            if breaker.is_open:
                await anyio.to_thread.run_sync(breaker.probe_now)
            await self.app(scope, receive, _watch_readiness(send, self.state, path))
            return
        if (
            breaker.is_open
            and path not in NEEDS_NO_STORE
            and not path.startswith(NEEDS_NO_STORE_PREFIXES)
        ):
            response = error_response(
                503,
                "backend_unavailable",
                breaker.message,
                headers={"cache-control": NO_STORE, "retry-after": str(RETRY_AFTER_SECONDS)},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _watch_readiness(send: Send, state: ApiState, path: str) -> Send:
    async def watched(message: Message) -> None:
        if message["type"] == "http.response.start" and path == "/ready":
            if message["status"] == 503:
                state.breaker.trip()
            elif message["status"] == 200:
                state.breaker.close()
        await send(message)

    return watched


def etag_for(version: str, scope: Scope) -> str:
    """A strong ETag: the data version, plus a digest of what else decides the answer: the
    URL, the Accept header, the code version (a new release may answer in a new shape) and
    today's date (answers tell facts as past or present, and weigh recency, against today)."""
    headers = Headers(scope=scope)
    digest = hashlib.blake2b(digest_size=8)
    for part in (
        __version__.encode(),
        dt.date.today().isoformat().encode(),
        scope["path"].encode(),
        scope.get("query_string", b""),
        headers.get("accept", "").encode(),
    ):
        digest.update(part)
        digest.update(b"\0")
    return f'"{version}-{digest.hexdigest()}"'


def _matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison, as RFC 9110 prescribes for If-None-Match."""
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(
        candidate.strip().removeprefix("W/") == wanted for candidate in if_none_match.split(",")
    )


class QueryCacheMiddleware:
    """Binds the app's query cache (``ApiState.cache``) while a request is answered: the
    query layer finds it through a context variable, which the worker threads of sync routes
    inherit, so no module global holds a cache and two apps in one process never share one."""

    def __init__(self, app: ASGIApp, state: ApiState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with bound(self.state.cache):
            await self.app(scope, receive, send)


class CacheMiddleware:
    """ETag and Cache-Control on successful GET answers under ``/v1``; ``304 Not Modified``
    when the client already holds the current answer, decided before the route runs."""

    def __init__(self, app: ASGIApp, state: ApiState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path in NEVER_CACHED or path.startswith(UNCACHEABLE_PREFIXES):
            await self.app(scope, receive, _with_headers(send, {}, cacheable=False))
            return
        if scope["method"] not in ("GET", "HEAD") or not path.startswith(CACHEABLE_PREFIXES):
            await self.app(scope, receive, send)
            return
        version = await self.state.current_version()
        if version is None:  # the store does not answer; the route will say so
            await self.app(scope, receive, _with_headers(send, {}, cacheable=False))
            return
        etag = etag_for(version, scope)
        cache_headers = {"etag": etag, "cache-control": CACHE_CONTROL, "vary": "Accept"}
        if_none_match = Headers(scope=scope).get("if-none-match")
        if if_none_match and _matches(if_none_match, etag):
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [(k.encode(), v.encode()) for k, v in cache_headers.items()],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, receive, _with_headers(send, cache_headers))


def _with_headers(send: Send, headers: dict[str, str], *, cacheable: bool = True) -> Send:
    """Add ``headers`` to a 200 answer when it is ``cacheable``; anything else (errors, 503,
    health checks) is marked ``no-store``."""
    extra = [(k.encode(), v.encode()) for k, v in headers.items()]
    no_store = [(b"cache-control", NO_STORE.encode())]

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            if message["status"] == 200 and cacheable:
                message["headers"] = [*message.get("headers", []), *extra]
            else:
                present = {name.lower() for name, _ in message.get("headers", [])}
                if b"cache-control" not in present:
                    message["headers"] = [*message.get("headers", []), *no_store]
        await send(message)

    return wrapped


class HeadMiddleware:
    """HEAD on every GET route (RFC 9110 9.3.2): the request is routed as a GET, and the answer
    goes out with the GET's status and headers (``Content-Length`` included) and no body.

    Done once here rather than per route, so a route added later cannot forget it; the body
    is computed and dropped, which is what HEAD costs on most servers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        extensions = {
            name: value
            for name, value in scope.get("extensions", {}).items()
            if name != "http.response.pathsend"  # a file is sent as body messages, dropped here
        }
        as_get = {**scope, "method": "GET", "extensions": extensions}
        finished = False

        async def headers_only(message: Message) -> None:
            nonlocal finished
            if message["type"] == "http.response.start":
                await send(message)
            elif message["type"] in ("http.response.body", "http.response.pathsend"):
                if not finished and not message.get("more_body", False):
                    finished = True
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
            else:
                await send(message)

        await self.app(as_get, receive, headers_only)


def csp_hash(text: str) -> str:
    """A CSP source expression allowing the inline ``<script>``/``<style>`` whose text is
    exactly ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: vis-network's standalone build injects its own CSS as ``<style>`` elements through one small
#: function (``function XX(g,A){void 0===A&&(A={});var C=A.insertAt…``); its name is found,
#: then the CSS strings it is called with.
_VIS_INJECTOR = re.compile(
    r"function (\w+)\(\w+,\w+\)\{void 0===\w+&&\(\w+=\{\}\);var \w+=\w+\.insertAt"
)


def _vis_network_styles() -> list[str]:
    """The CSS texts vis-network injects, read from the vendored file (so an update of the
    file updates the hashes; the browser tests fail on any CSP violation)."""
    path = resources.files("partnergraph.viz") / "static/vendor/vis-network/vis-network.min.js"
    script = path.read_text(encoding="utf-8")
    found = _VIS_INJECTOR.search(script)
    if found is None:
        return []
    name = re.escape(found.group(1))
    calls = re.findall(name + r"""\((?:"([^"\\]*)"|'([^'\\]*)')\)""", script)
    return [double or single for double, single in calls if "{" in (double or single)]


@cache
def site_csp() -> str:
    """The Content-Security-Policy of the website, the API and static files: everything comes
    from the server itself. Scripts only from files (the pages' data travels in
    ``<script type="application/json">``, which is not run); ``<style>`` elements only the
    ones vis-network injects, by hash; ``style=`` attributes are allowed (the templates colour
    legend swatches and size bars with them); ``data:`` images for the empty favicon."""
    # vis-network appends each <style> empty, then fills it: the empty text is checked too.
    styles = " ".join(csp_hash(css) for css in ["", *_vis_network_styles()])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            f"style-src 'self' {styles}".rstrip(),
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


class SecurityHeadersMiddleware:
    """``X-Content-Type-Options: nosniff`` and a ``Content-Security-Policy`` on every answer
    (errors, 304s and static files included): ``policies`` by exact path (the API docs pages
    need their own), :func:`site_csp` for everything else. A header a route set itself is
    kept."""

    def __init__(self, app: ASGIApp, policies: Mapping[str, str] | None = None) -> None:
        self.app = app
        self.policies = dict(policies or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.policies.get(scope["path"]) or site_csp()
        extra = [
            (b"x-content-type-options", b"nosniff"),
            (b"content-security-policy", policy.encode()),
        ]

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend((name, value) for name, value in extra if name not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
