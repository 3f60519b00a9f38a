"""The OpenAPI 3.1 description served at ``/openapi.json`` (kept by hand beside app.py;
a test checks every route of the app is described here and nothing else)."""

from __future__ import annotations

from typing import Any

_OCTET = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
_ERR = {
    "description": "coded error",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
_OUTCOME = {
    "description": "bundle outcome (200 applied / 202 held / 4xx coded)",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Outcome"}}},
}


def _op(
    summary: str,
    *,
    body: dict | None = None,
    ok: dict | None = None,
    params=None,
    admin: bool = False,
    device: bool = False,
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "responses": {"200": ok or {"description": "ok"}, "4XX": _ERR},
    }
    if body is not None:
        op["requestBody"] = {"required": True, "content": body}
    if params:
        op["parameters"] = params
    if admin:
        op["security"] = [{"bearer": []}]
    if device:
        op["security"] = [{"device": []}]
    return op


def _q(name: str, kind: str = "string", where: str = "query") -> dict[str, Any]:
    return {"name": name, "in": where, "required": where == "path", "schema": {"type": kind}}


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "ztcentral",
        "version": "1",
        "description": "Central server for ztclient bundles; see docs/sync-protocol.md",
    },
    "components": {
        "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "device": {
                "type": "apiKey",
                "in": "header",
                "name": "ZT-Signature",
                "description": "DZQ1 device-signed request: ZT-Key, ZT-Time, ZT-Nonce, "
                "ZT-Content-SHA256, ZT-Signature (docs/sync-protocol.md §7.7)",
            },
        },
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["code"],
                "properties": {"code": {"type": "string"}, "params": {"type": "object"}},
            },
            "Outcome": {
                "type": "object",
                "properties": {
                    "status": {"enum": ["applied", "held", "quarantined", "rejected"]},
                    "code": {"type": ["string", "null"]},
                    "duplicate": {"type": "boolean"},
                    "bundle_id": {"type": ["string", "null"]},
                    "receipt": {"type": ["string", "null"], "description": "base64 DZR1 receipt"},
                    "also_applied": {"type": "array", "items": {"type": "string"}},
                    "params": {"type": "object"},
                },
            },
            "Upload": {
                "type": "object",
                "properties": {
                    "upload_id": {"type": ["string", "null"]},
                    "offset": {"type": "integer"},
                    "size": {"type": "integer"},
                    "done": {"type": "boolean"},
                },
            },
        },
    },
    "paths": {
        "/openapi.json": {"get": _op("this document")},
        "/v1/handshake": {
            "get": _op(
                "server limits and time; signed by a device, also its watermark and backlog",
                params=[_q("device")],
            )
        },
        "/v1/trust": {"get": _op("the current signed trust file")},
        "/v1/enrol": {
            "post": _op(
                "enrol a device with a one-time code (MACed request)",
                body={"application/json": {"schema": {"type": "object"}}},
            )
        },
        "/v1/bundles": {
            "post": _op("upload a whole bundle", body=_OCTET, ok=_OUTCOME, device=True)
        },
        "/v1/uploads": {
            "post": _op(
                "start or find a resumable upload",
                device=True,
                body={
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "size": {"type": "integer"},
                                "sha256": {"type": "string"},
                            },
                        }
                    }
                },
            )
        },
        "/v1/uploads/{upload_id}": {
            "get": _op("the server's offset", params=[_q("upload_id", where="path")], device=True),
            "patch": _op(
                "append bytes at Upload-Offset (signed as UNSIGNED-PAYLOAD)",
                device=True,
                body=_OCTET,
                params=[
                    _q("upload_id", where="path"),
                    {
                        "name": "Upload-Offset",
                        "in": "header",
                        "required": True,
                        "schema": {"type": "integer"},
                    },
                ],
            ),
        },
        "/v1/uploads/{upload_id}/commit": {
            "post": _op(
                "verify the hash and process the bundle",
                device=True,
                ok=_OUTCOME,
                params=[_q("upload_id", where="path")],
            )
        },
        "/v1/receipts/{bundle_id}": {
            "get": _op(
                "the stored receipt of one of the caller's bundles",
                params=[_q("bundle_id", where="path")],
                device=True,
            )
        },
        "/v1/down": {
            "get": _op(
                "the caller's next downlink bundle (204 when none)",
                params=[_q("after", "integer")],
                device=True,
            )
        },
        "/v1/devices/rotate": {
            "post": _op(
                "rotate a device key (signed by old and new keys)",
                body={"application/json": {"schema": {"type": "object"}}},
            )
        },
        "/v1/admin/import": {
            "post": _op(
                "import a USB file; returns the acknowledgement bundle", body=_OCTET, admin=True
            )
        },
        "/v1/admin/status": {"get": _op("units, devices, counts, backlog, quarantine", admin=True)},
        "/v1/admin/down-items": {
            "post": _op(
                "queue a downlink item for a unit or device",
                body={"application/json": {"schema": {"type": "object"}}},
                admin=True,
            )
        },
        "/v1/admin/devices/{device_id}/revoke": {
            "post": _op("revoke a device", params=[_q("device_id", where="path")], admin=True)
        },
        # protocol 2: the lean exchange (docs/sync-protocol.md §7.8)
        "/v2/exchange": {
            "post": _op(
                "one round: a DZX1 request (hello and bundles; named by body and size in the "
                "signed query, signed as UNSIGNED-PAYLOAD, resumable by Upload-Offset) answered "
                "by a DZY1 response (state, receipt parts, trust, downlink bundles)",
                body=_OCTET,
                params=[_q("body"), _q("size", "integer")],
                device=True,
            )
        },
        "/v2/exchange/offset": {
            "get": _op(
                "how far a cut exchange body came, or done when it was taken whole",
                params=[_q("body"), _q("size", "integer")],
                device=True,
            )
        },
        "/v2/exchange/answer": {
            "get": _op(
                "the kept answer of an exchange body taken whole",
                params=[_q("body"), _q("size", "integer")],
                device=True,
            )
        },
    },
}
