"""The device endpoints: each answers only a request signed by an enrolled device (DZQ1,
request_auth.py), and only about that device's own uploads, receipts and downlink.

Handlers stay thin: read and check the request (http_input.py), identify the caller, call the
same functions the CLI calls (in the thread pool: they touch the database), answer.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztcentral import downlink, uploads
from ztcentral.http_input import digits, ident, json_object, query_int, read_body, sha256_hex
from ztcentral.request_auth import Caller, RequestAuth
from ztcentral.service import Central, Outcome
from ztprotocol.codes import SyncRejected

OCTET = "application/octet-stream"
Handler = Callable[[Request, Caller, bytes], Awaitable[Response]]


def outcome_json(out: Outcome) -> JSONResponse:
    body: dict[str, Any] = {
        "status": out.status,
        "code": out.code,
        "duplicate": out.duplicate,
        "bundle_id": out.bundle_id,
        "params": out.params,
        "receipt": base64.b64encode(out.receipt).decode() if out.receipt else None,
        "also_applied": [base64.b64encode(r).decode() for r in out.also_applied],
    }
    return JSONResponse(body, status_code=out.http_status)


def _same_device(request: Request, caller: Caller) -> None:
    """A ``device`` query parameter, where a client still sends one, must be the caller."""
    named = request.query_params.get("device")
    if named is not None and named != caller.device_id:
        raise SyncRejected("E_DEVICE_KEY_MISMATCH", device=ident(named, "device"))


def device_routes(central: Central, auth: RequestAuth, guard: Callable) -> list[Route]:
    cap = central.max_bundle + 4096

    def signed(fn: Handler, limit: int) -> Callable[[Request], Awaitable[Response]]:
        async def wrapped(request: Request) -> Response:
            pending = await run_in_threadpool(auth.identify, request)
            body = await read_body(request, limit)
            caller = await run_in_threadpool(auth.confirm, pending, request, body)
            return await fn(request, caller, body)

        return guard(wrapped)

    async def handshake(request: Request) -> Response:
        if not any(h.startswith("zt-") for h in request.headers):
            if "device" in request.query_params:  # device details are the device's alone
                raise SyncRejected("E_REQUEST_UNSIGNED")
            return JSONResponse(await run_in_threadpool(central.handshake, None))
        return await signed_handshake(request)

    async def _handshake(request: Request, caller: Caller, body: bytes) -> Response:
        _same_device(request, caller)
        return JSONResponse(await run_in_threadpool(central.handshake, caller.device_id))

    signed_handshake = signed(_handshake, 0)

    async def bundles(request: Request, caller: Caller, body: bytes) -> Response:
        return outcome_json(
            await run_in_threadpool(uploads.submit, central, caller.device_id, body)
        )

    async def upload_create(request: Request, caller: Caller, body: bytes) -> Response:
        req = json_object(body)
        size, sha = req.get("size"), req.get("sha256")
        if type(size) is not int or size < 1:
            raise SyncRejected("E_UPLOAD_SIZE")
        result = await run_in_threadpool(
            uploads.create, central, caller.device_id, size, sha256_hex(sha)
        )
        return JSONResponse(result)

    async def upload_get(request: Request, caller: Caller, body: bytes) -> Response:
        upload_id = ident(request.path_params["upload_id"], "upload_id")
        return JSONResponse(
            await run_in_threadpool(uploads.offset, central, caller.device_id, upload_id)
        )

    async def upload_patch(request: Request) -> Response:
        # signed without its bytes (UNSIGNED-PAYLOAD, docs §7.7): what arrived before a dropped
        # link is kept (tus does the same), so each attempt on a poor line moves the offset on
        pending = await run_in_threadpool(auth.identify, request)
        caller = await run_in_threadpool(auth.confirm, pending, request, None)
        at = digits(request.headers.get("upload-offset"), "Upload-Offset")
        upload_id = ident(request.path_params["upload_id"], "upload_id")
        chunks, size, dropped = [], 0, False
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > cap:
                    raise SyncRejected("E_BUNDLE_TOO_LARGE", limit=cap)
                chunks.append(chunk)
        except ClientDisconnect:
            dropped = True
        result = await run_in_threadpool(
            uploads.append, central, caller.device_id, upload_id, at, b"".join(chunks)
        )
        return Response(status_code=499) if dropped else JSONResponse(result)

    async def upload_commit(request: Request, caller: Caller, body: bytes) -> Response:
        upload_id = ident(request.path_params["upload_id"], "upload_id")
        return outcome_json(
            await run_in_threadpool(uploads.commit, central, caller.device_id, upload_id)
        )

    async def receipt(request: Request, caller: Caller, body: bytes) -> Response:
        bundle_id = ident(request.path_params["bundle_id"], "bundle_id")
        data = await run_in_threadpool(_receipt_of, central, caller.device_id, bundle_id)
        if data is None:  # unknown, or another device's: the same answer
            raise SyncRejected("E_UPLOAD_UNKNOWN")
        return Response(bytes(data), media_type=OCTET)

    async def down(request: Request, caller: Caller, body: bytes) -> Response:
        _same_device(request, caller)
        after = query_int(request, "after")
        data = await run_in_threadpool(downlink.fetch_down, central, caller.device_id, after)
        return Response(status_code=204) if data is None else Response(data, media_type=OCTET)

    return [
        Route("/v1/handshake", guard(handshake)),
        Route("/v1/bundles", signed(bundles, cap), methods=["POST"]),
        Route("/v1/uploads", signed(upload_create, 4096), methods=["POST"]),
        Route("/v1/uploads/{upload_id}", signed(upload_get, 0), methods=["GET"]),
        Route("/v1/uploads/{upload_id}", guard(upload_patch), methods=["PATCH"]),
        Route("/v1/uploads/{upload_id}/commit", signed(upload_commit, 0), methods=["POST"]),
        Route("/v1/receipts/{bundle_id}", signed(receipt, 0)),
        Route("/v1/down", signed(down, 0)),
    ]


def _receipt_of(central: Central, device_id: str, bundle_id: str) -> bytes | None:
    with central.db.tx() as tx:
        row = tx.one("SELECT device_id, receipt FROM bundles WHERE bundle_id = $1", (bundle_id,))
    if row is None or row["device_id"] != device_id or row["receipt"] is None:
        return None
    return bytes(row["receipt"])
