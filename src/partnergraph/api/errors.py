"""Every error leaves the API as ``{"error": {"code", "message", "details"}}``; no stack traces."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from partnergraph.errors import PartnergraphError

__all__ = ["error_response", "install_error_handlers"]

log = logging.getLogger(__name__)


def error_response(
    status: int, code: str, message: str, details: dict[str, Any] | None = None
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    return JSONResponse(body, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PartnergraphError)
    async def _known(_: Request, exc: PartnergraphError) -> JSONResponse:
        return error_response(exc.http_status, exc.code, str(exc), exc.details())

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"location": [str(part) for part in err.get("loc", ())], "message": err.get("msg", "")}
            for err in exc.errors()
        ]
        return error_response(
            422, "invalid_request", "the request parameters are not valid", {"problems": problems}
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, "internal_error", "an unexpected error occurred; it was logged")
