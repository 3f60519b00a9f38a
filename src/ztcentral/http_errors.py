"""Every answer that is not a success is a coded JSON error: ``{"code", "params"}``.

Codes are protocol codes (docs/sync-protocol.md §10): the client renders them in Chinese or
English; nobody parses texts. Bad input is always a 4xx; a 500 (E_SERVER) means a bug in
ztcentral or a failing disk or database, and is logged with its traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

log = logging.getLogger("ztcentral")

HTTP_FOR_CODE = {
    "E_REQUEST_FORMAT": 400,
    "E_UPLOAD_SIZE": 400,
    "E_IMPORT_KIND": 400,
    "E_ENROL_FORMAT": 400,
    "E_EXCHANGE_FORMAT": 400,
    "E_AUTH": 401,
    "E_REQUEST_UNSIGNED": 401,
    "E_REQUEST_SIGNATURE": 401,
    "E_REQUEST_CLOCK": 401,
    "E_REQUEST_REPLAY": 401,
    "E_DEVICE_UNKNOWN": 403,
    "E_DEVICE_REVOKED": 403,
    "E_DEVICE_KEY_MISMATCH": 403,
    "E_ENROL_CODE": 403,
    "E_ROTATION_SIGNATURE": 403,
    "E_UPLOAD_UNKNOWN": 404,
    "E_ROUTE_UNKNOWN": 404,
    "E_UNIT_UNKNOWN": 404,
    "E_METHOD": 405,
    "E_UPLOAD_OFFSET": 409,
    "E_BUNDLE_GAP": 409,
    "E_BUNDLE_TOO_LARGE": 413,
    "E_DEVICE_QUOTA": 413,
    "E_RATE_LIMITED": 429,
    "E_SERVER": 500,
}


def coded(code: str, params: dict[str, Any] | None = None, status: int | None = None):
    """The JSON error answer for ``code`` (422 for a code without its own status)."""
    params = params or {}
    headers = {}
    if code == "E_RATE_LIMITED" and "retry_after" in params:
        headers["Retry-After"] = str(params["retry_after"])
    return JSONResponse(
        {"code": code, "params": params},
        status_code=status or HTTP_FOR_CODE.get(code, 422),
        headers=headers,
    )


async def on_http_exception(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own refusals (no such route, wrong method) as coded errors."""
    status = exc.status_code if isinstance(exc, HTTPException) else 400
    if status == 404:
        return coded("E_ROUTE_UNKNOWN")
    if status == 405:
        return coded("E_METHOD")
    return coded("E_REQUEST_FORMAT", {"what": "http"}, status=status if status < 500 else 400)


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    """A bug or a failing disk/database: logged with the traceback, answered as E_SERVER."""
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return coded("E_SERVER")
