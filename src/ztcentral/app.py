"""The HTTP face of ztcentral (Starlette on uvicorn). docs/sync-protocol.md §7 lists the
endpoints; ``GET /openapi.json`` describes them. Handlers are thin: they move bytes and JSON
and call the same functions the CLI calls; blocking database work runs in the thread pool.
"""

from __future__ import annotations

import base64
import hmac
import json
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route

from ztcentral import downlink, enrolment, imports, uploads
from ztcentral.config import admin_token, open_central
from ztcentral.openapi import OPENAPI
from ztcentral.service import Central, Outcome
from ztcentral.storage import status_report
from ztprotocol.codes import SyncRejected

OCTET = "application/octet-stream"
HTTP_FOR_CODE = {
    "E_DEVICE_UNKNOWN": 403,
    "E_DEVICE_REVOKED": 403,
    "E_ENROL_CODE": 403,
    "E_UPLOAD_OFFSET": 409,
    "E_UPLOAD_UNKNOWN": 404,
    "E_BUNDLE_TOO_LARGE": 413,
    "E_BUNDLE_GAP": 409,
    "E_AUTH": 401,
}


def _error(exc: SyncRejected) -> JSONResponse:
    return JSONResponse(
        {"code": exc.code, "params": exc.params}, status_code=HTTP_FOR_CODE.get(exc.code, 422)
    )


def _outcome_json(out: Outcome) -> JSONResponse:
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


async def _body(request: Request, limit: int) -> bytes:
    """Read the body with a hard cap (never buffer an unbounded upload)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise SyncRejected("E_BUNDLE_TOO_LARGE", limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _server_url(data_dir: Path | None) -> str:
    if data_dir is None or not (data_dir / "config.json").exists():
        return ""
    return str(json.loads((data_dir / "config.json").read_text()).get("server_url") or "")


def create_app(data_dir: Path | None = None, central: Central | None = None) -> Starlette:
    if central is None:
        assert data_dir is not None
        central = open_central(data_dir)
    token = admin_token(data_dir) if data_dir is not None else None
    cap = central.max_bundle + 4096

    def guard(fn):
        async def wrapped(request: Request) -> Response:
            try:
                return await fn(request)
            except SyncRejected as exc:
                return _error(exc)

        return wrapped

    def admin(fn):
        async def wrapped(request: Request) -> Response:
            given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if token is None or not hmac.compare_digest(given.encode(), token.encode()):
                return JSONResponse({"code": "E_AUTH", "params": {}}, status_code=401)
            return await fn(request)

        return guard(wrapped)

    async def openapi(request: Request) -> Response:
        return JSONResponse(OPENAPI)

    async def handshake(request: Request) -> Response:
        return JSONResponse(
            await run_in_threadpool(central.handshake, request.query_params.get("device"))
        )

    async def trust(request: Request) -> Response:
        data = await run_in_threadpool(enrolment.current_trust, central)
        return Response(data, media_type="application/json")

    async def enrol(request: Request) -> Response:
        data = await run_in_threadpool(enrolment.enrol_device, central, await _body(request, 65536))
        return Response(data, media_type="application/json")

    async def bundles(request: Request) -> Response:
        return _outcome_json(await run_in_threadpool(central.process, await _body(request, cap)))

    async def upload_create(request: Request) -> Response:
        req = json.loads(await _body(request, 4096) or b"{}")
        size, sha = req.get("size"), req.get("sha256")
        if type(size) is not int or not isinstance(sha, str):
            raise SyncRejected("E_UPLOAD_HASH")
        return JSONResponse(await run_in_threadpool(uploads.create, central, size, sha))

    async def upload_get(request: Request) -> Response:
        return JSONResponse(
            await run_in_threadpool(uploads.offset, central, request.path_params["upload_id"])
        )

    async def upload_patch(request: Request) -> Response:
        try:
            at = int(request.headers["upload-offset"])
        except (KeyError, ValueError) as exc:
            raise SyncRejected("E_UPLOAD_OFFSET", offset=-1) from exc
        # Keep whatever arrived before a dropped link (tus does the same): on a line that
        # fails every few kilobytes, each attempt then still moves the offset forward.
        chunks, size, dropped = [], 0, False
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > cap:
                    raise SyncRejected("E_BUNDLE_TOO_LARGE", limit=cap)
                chunks.append(chunk)
        except ClientDisconnect:
            dropped = True
        upload_id = request.path_params["upload_id"]
        result = await run_in_threadpool(uploads.append, central, upload_id, at, b"".join(chunks))
        return Response(status_code=499) if dropped else JSONResponse(result)

    async def upload_commit(request: Request) -> Response:
        return _outcome_json(
            await run_in_threadpool(uploads.commit, central, request.path_params["upload_id"])
        )

    async def receipt(request: Request) -> Response:
        data = await run_in_threadpool(central.receipt_for, request.path_params["bundle_id"])
        if data is None:
            return JSONResponse({"code": "E_UPLOAD_UNKNOWN", "params": {}}, status_code=404)
        return Response(bytes(data), media_type=OCTET)

    async def down(request: Request) -> Response:
        device = request.query_params.get("device", "")
        after = int(request.query_params.get("after", "0"))
        data = await run_in_threadpool(downlink.fetch_down, central, device, after)
        return Response(status_code=204) if data is None else Response(data, media_type=OCTET)

    async def rotate(request: Request) -> Response:
        device = await run_in_threadpool(
            enrolment.rotate_device_key, central, await _body(request, 65536)
        )
        return JSONResponse({"device": device, "status": "rotated"})

    async def admin_import(request: Request) -> Response:
        res = await run_in_threadpool(imports.import_bytes, central, await _body(request, cap))
        headers = {
            "x-zt-kind": res.kind,
            "x-zt-status": res.status,
            "x-zt-code": res.code or "",
            "x-zt-duplicate": "1" if res.duplicate else "0",
        }
        return Response(res.ack or b"", media_type=OCTET, headers=headers)

    async def admin_status(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(status_report, central.db))

    async def admin_down_item(request: Request) -> Response:
        req = json.loads(await _body(request, 4 * 1024 * 1024))
        item = await run_in_threadpool(
            central.add_down_item, req["unit"], req["type"], req["body"], req.get("device")
        )
        return JSONResponse({"item_id": item})

    async def admin_revoke(request: Request) -> Response:
        ok = await run_in_threadpool(central.revoke, request.path_params["device_id"])
        return JSONResponse({"revoked": ok}, status_code=200 if ok else 404)

    routes = [
        Route("/openapi.json", openapi),
        Route("/v1/handshake", guard(handshake)),
        Route("/v1/trust", guard(trust)),
        Route("/v1/enrol", guard(enrol), methods=["POST"]),
        Route("/v1/bundles", guard(bundles), methods=["POST"]),
        Route("/v1/uploads", guard(upload_create), methods=["POST"]),
        Route("/v1/uploads/{upload_id}", guard(upload_get), methods=["GET"]),
        Route("/v1/uploads/{upload_id}", guard(upload_patch), methods=["PATCH"]),
        Route("/v1/uploads/{upload_id}/commit", guard(upload_commit), methods=["POST"]),
        Route("/v1/receipts/{bundle_id}", guard(receipt)),
        Route("/v1/down", guard(down)),
        Route("/v1/devices/rotate", guard(rotate), methods=["POST"]),
        Route("/v1/admin/import", admin(admin_import), methods=["POST"]),
        Route("/v1/admin/status", admin(admin_status)),
        Route("/v1/admin/down-items", admin(admin_down_item), methods=["POST"]),
        Route("/v1/admin/devices/{device_id}/revoke", admin(admin_revoke), methods=["POST"]),
    ]
    from ztcentral.console import create_console

    routes.append(Route("/console", lambda r: RedirectResponse("/console/", status_code=308)))
    routes.append(Mount("/console", app=create_console(central, server_url=_server_url(data_dir))))
    app = Starlette(routes=routes)
    app.state.central = central
    return app
