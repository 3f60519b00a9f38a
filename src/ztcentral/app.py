"""The HTTP face of ztcentral (Starlette on uvicorn). docs/sync-protocol.md §7 lists the
endpoints; ``GET /openapi.json`` describes them.

Three kinds of endpoint: public (OpenAPI, trust file, the handshake's server part, enrolment
by one-time code, key rotation by a statement both keys signed), device (device_api.py: signed
by an enrolled device, about that device only) and admin (bearer token). Every refusal is a
coded JSON error with a 4xx status (http_errors.py); a 500 is a bug, logged with its traceback.
"""

from __future__ import annotations

import hmac
import json
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route

from ztcentral import enrolment, exchange_http, imports
from ztcentral.config import admin_token, open_central
from ztcentral.device_api import OCTET, device_routes
from ztcentral.enrol_limits import enrol_online
from ztcentral.http_errors import HTTP_FOR_CODE, coded, on_http_exception, on_unexpected
from ztcentral.http_input import ident, json_object, read_body
from ztcentral.openapi import OPENAPI
from ztcentral.request_auth import RequestAuth
from ztcentral.service import Central
from ztcentral.status import status_with_problems
from ztprotocol.codes import SyncRejected

__all__ = ["HTTP_FOR_CODE", "create_app"]

#: downlink item types an administrator may queue (as ``ztcentral publish``)
DOWN_TYPES = ("notice", "material", "code_table", "org_change", "transfer_in")
SMALL = 16 * 1024  # enrolment requests, rotation statements, upload announcements


def client_address(request: Request) -> str:
    """The peer as uvicorn reports it (behind a proxy: ``serve --forwarded-allow-ips``)."""
    return request.client.host if request.client else "unknown"


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
    auth = RequestAuth(central)

    def guard(fn):
        async def wrapped(request: Request) -> Response:
            try:
                return await fn(request)
            except SyncRejected as exc:
                return coded(exc.code, exc.params)

        return wrapped

    def admin(fn):
        async def wrapped(request: Request) -> Response:
            given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if token is None or not hmac.compare_digest(given.encode(), token.encode()):
                return coded("E_AUTH")
            return await fn(request)

        return guard(wrapped)

    async def openapi(request: Request) -> Response:
        return JSONResponse(OPENAPI)

    async def trust(request: Request) -> Response:
        data = await run_in_threadpool(enrolment.current_trust, central)
        return Response(data, media_type="application/json")

    async def enrol(request: Request) -> Response:
        body = await read_body(request, SMALL)
        data = await run_in_threadpool(enrol_online, central, body, client_address(request))
        return Response(data, media_type="application/json")

    async def rotate(request: Request) -> Response:
        body = await read_body(request, SMALL)
        device = await run_in_threadpool(enrolment.rotate_device_key, central, body)
        return JSONResponse({"device": device, "status": "rotated"})

    async def admin_import(request: Request) -> Response:
        res = await run_in_threadpool(imports.import_bytes, central, await read_body(request, cap))
        headers = {
            "x-zt-kind": res.kind,
            "x-zt-status": res.status,
            "x-zt-code": res.code or "",
            "x-zt-duplicate": "1" if res.duplicate else "0",
        }
        return Response(res.ack or b"", media_type=OCTET, headers=headers)

    async def admin_status(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(status_with_problems, central, data_dir))

    async def admin_down_item(request: Request) -> Response:
        req = json_object(await read_body(request, 4 * 1024 * 1024))
        unit, kind, device = req.get("unit"), req.get("type"), req.get("device")
        ident(unit, "unit")
        if kind not in DOWN_TYPES:
            raise SyncRejected("E_REQUEST_FORMAT", what="type")
        if "body" not in req:
            raise SyncRejected("E_REQUEST_FORMAT", what="body")
        if device is not None:
            ident(device, "device")
        item = await run_in_threadpool(_queue_item, central, unit, kind, req["body"], device)
        return JSONResponse({"item_id": item})

    async def admin_revoke(request: Request) -> Response:
        device = ident(request.path_params["device_id"], "device_id")
        ok = await run_in_threadpool(central.revoke, device)
        return JSONResponse({"revoked": ok}) if ok else coded("E_DEVICE_UNKNOWN", {}, 404)

    routes = [
        Route("/openapi.json", openapi),
        Route("/v1/trust", guard(trust)),
        Route("/v1/enrol", guard(enrol), methods=["POST"]),
        Route("/v1/devices/rotate", guard(rotate), methods=["POST"]),
        *device_routes(central, auth, guard),
        Route("/v1/admin/import", admin(admin_import), methods=["POST"]),
        Route("/v1/admin/status", admin(admin_status)),
        Route("/v1/admin/down-items", admin(admin_down_item), methods=["POST"]),
        Route("/v1/admin/devices/{device_id}/revoke", admin(admin_revoke), methods=["POST"]),
        *exchange_http.routes(central, auth, guard),  # protocol 2: the lean exchange
    ]
    from ztcentral.console.asgi import create_console

    routes.append(Route("/console", lambda r: RedirectResponse("/console/", status_code=308)))
    routes.append(Mount("/console", app=create_console(central, server_url=_server_url(data_dir))))
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: on_http_exception, Exception: on_unexpected},
    )
    app.state.central = central
    app.state.auth = auth
    return app


def _queue_item(central: Central, unit: str, kind: str, body: Any, device: str | None) -> str:
    """Queue a downlink item for a known unit (and one of its devices, when named)."""
    with central.db.tx() as tx:
        if tx.one("SELECT 1 AS x FROM units WHERE code = $1", (unit,)) is None:
            raise SyncRejected("E_UNIT_UNKNOWN", unit=unit)
        if device is not None and (
            tx.one("SELECT 1 AS x FROM devices WHERE device_id = $1 AND unit = $2", (device, unit))
            is None
        ):
            raise SyncRejected("E_DEVICE_UNKNOWN", device=device)
    return central.add_down_item(unit, kind, body, device)
