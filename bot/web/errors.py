"""JSON errors in Finnish, so no client ever sees a bare 500 or an English traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.services.content import WebTexts

log = logging.getLogger(__name__)


def error_response(texts: WebTexts, code: str, status: int) -> JSONResponse:
    """The one error shape of the API: a code and a Finnish message."""
    return JSONResponse({"error": code, "message": texts.error(code)}, status_code=status)


def install_error_handlers(app: FastAPI, texts: WebTexts) -> None:
    """Route framework errors through `error_response`."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, __: RequestValidationError) -> JSONResponse:
        return error_response(texts, "invalid_input", 400)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = "not_found" if exc.status_code == 404 else "invalid_input"
        if exc.status_code >= 500:
            code = "internal"
        return error_response(texts, code, exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error: %s", type(exc).__name__)
        return error_response(texts, "internal", 500)
