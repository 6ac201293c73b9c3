"""Every error leaves the API as ``{"error": {"code", "message", "details"}}``; no stack traces.

Codes are stable (scripts branch on them); messages are for people and may improve. Errors of
the package map through their ``http_status``/``code`` (see ``partnergraph.errors``), so a
``NotFound`` raised anywhere below becomes a 404 naming the uid, and ``BackendUnavailable`` a
503 — nothing here needs to know which layer raised it.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from partnergraph.errors import PartnergraphError

__all__ = ["HTTP_CODES", "error_response", "install_error_handlers"]

log = logging.getLogger(__name__)

#: Stable ``error.code`` for HTTP-level failures (routing, auth, limits).
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    414: "uri_too_long",
    503: "backend_unavailable",
}


def error_response(
    status: int,
    code: str,
    message: str,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PartnergraphError)
    async def _known(_: Request, exc: PartnergraphError) -> JSONResponse:
        if exc.http_status >= 500:
            log.warning("%s: %s", exc.code, exc)
        return error_response(exc.http_status, exc.code, str(exc), exc.details())

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "location": [str(part) for part in err.get("loc", ())],
                "message": str(err.get("msg", "")),
            }
            for err in exc.errors()
        ]
        return error_response(
            422, "invalid_request", "the request parameters are not valid", {"problems": problems}
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, "http_error")
        return error_response(
            exc.status_code, code, str(exc.detail), headers=dict(exc.headers or {})
        )

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, "internal_error", "an unexpected error occurred; it was logged")
