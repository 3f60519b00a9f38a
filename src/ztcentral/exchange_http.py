"""HTTP for the lean exchange: ``POST /v2/exchange`` with a resumable body and a kept answer.

Every request is signed by the device (DZQ1, request_auth.py). The device names its request
body by hash and size in the signed query (``?body=<sha256>&size=<n>``) and signs the request
as UNSIGNED-PAYLOAD: the bytes are bound by that hash, checked when the body is whole, so a
body cut short by the link can be kept as far as it came (in the upload tables, as the
device's own upload, so any app node can continue it). The device asks
``GET /v2/exchange/offset?body=&size=`` how far that is and sends the rest with
``Upload-Offset``; when the last byte arrives the whole body is checked against its hash and
answered. The hello inside the body must name the device that signed the request, and every
bundle in it must be signed by that device's keys.

The answer is kept (a blob named in ``acks`` by a key made of the device and the body's hash,
so no other device can fetch it), so a device whose answer the link lost learns from the
offset query that its request was taken whole (``done``) and fetches the same answer with
``GET /v2/exchange/answer?body=`` instead of sending anything again. On a link that drops every
few kilobytes every connection moves the exchange forward, and nothing is done twice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztcentral import uploads
from ztcentral.exchange import exchange
from ztcentral.request_auth import Caller, RequestAuth
from ztcentral.service import Central
from ztprotocol.codes import ProtocolError

OCTET = "application/octet-stream"
_BODY = re.compile(r"([0-9a-f]{64}) ([0-9]{1,12})")


def _assemble(
    central: Central, device_id: str, sha: str, size: int, at: int, tail: bytes
) -> bytes | None:
    """Keep ``tail`` at ``at``; the whole body once it is all there (checked), else None."""
    up = uploads.create(central, device_id, size, sha)
    uploads.append(central, device_id, up["upload_id"], at, tail)
    if at + len(tail) < size:
        return None
    with central.db.tx() as tx:
        parts = tx.all(
            "SELECT data FROM upload_parts WHERE upload_id = $1 ORDER BY off", (up["upload_id"],)
        )
        tx.run("DELETE FROM upload_parts WHERE upload_id = $1", (up["upload_id"],))
        tx.run("DELETE FROM uploads WHERE upload_id = $1", (up["upload_id"],))
    body = b"".join(bytes(p["data"]) for p in parts)
    if hashlib.sha256(body).hexdigest() != sha:
        raise ProtocolError("E_UPLOAD_HASH")
    return body


def _key(device_id: str, sha: str) -> str:
    """Where a device's kept answer is named: its own, never another device's."""
    return hashlib.sha256(f"DZX1/answer\0{device_id}\0{sha}".encode()).hexdigest()


def _kept_answer(central: Central, device_id: str, sha: str) -> bytes | None:
    with central.db.tx() as tx:
        ref = tx.scalar("SELECT ack_sha256 FROM acks WHERE sha256 = $1", (_key(device_id, sha),))
    return None if ref is None else central.blobs.get(ref)


def _answer(central: Central, device_id: str, sha: str, body: bytes) -> bytes:
    """Answer a whole body once; the answer is kept for a retry after a lost answer."""
    kept = _kept_answer(central, device_id, sha)
    if kept is not None:
        return kept
    answer = exchange(central, body, device_id)
    ref = central.blobs.put(answer)
    with central.db.tx() as tx:
        tx.run(
            "INSERT INTO acks (sha256, ack_sha256) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
            (_key(device_id, sha), ref),
        )
    return answer


def _query(request: Request, cap: int) -> tuple[str, int]:
    """The body's hash and size from the (signed) query."""
    q = request.query_params
    m = _BODY.fullmatch(f"{q.get('body', '')} {q.get('size', '')}")
    if m is None:
        raise ProtocolError("E_EXCHANGE_FORMAT", what="body")
    size = int(m.group(2))
    if not 0 < size <= cap:
        raise ProtocolError("E_BUNDLE_TOO_LARGE", size=size, limit=cap)
    return m.group(1), size


def routes(central: Central, auth: RequestAuth, guard: Callable[[Any], Any]) -> list[Route]:
    cap = central.max_bundle

    async def caller_of(request: Request, body: bytes | None) -> Caller:
        pending = await run_in_threadpool(auth.identify, request)
        return await run_in_threadpool(auth.confirm, pending, request, body)

    async def post(request: Request) -> Response:
        caller = await caller_of(request, None)  # bound by the hash in the signed query
        sha, size = _query(request, cap)
        try:
            at = int(request.headers.get("upload-offset", "0"))
        except ValueError as exc:
            raise ProtocolError("E_UPLOAD_OFFSET", offset=-1) from exc
        chunks, got, dropped = [], 0, False
        try:
            async for chunk in request.stream():
                got += len(chunk)
                if at + got > size:
                    raise ProtocolError("E_UPLOAD_OFFSET", offset=at)
                chunks.append(chunk)
        except ClientDisconnect:
            dropped = True
        tail = b"".join(chunks)
        device = caller.device_id
        if at == 0 and len(tail) == size and hashlib.sha256(tail).hexdigest() == sha:
            body: bytes | None = tail  # the usual case: whole at once, nothing stored
        else:
            body = await run_in_threadpool(_assemble, central, device, sha, size, at, tail)
        if dropped or body is None:
            return Response(status_code=499)
        answer = await run_in_threadpool(_answer, central, device, sha, body)
        return Response(answer, media_type=OCTET)

    async def offset(request: Request) -> Response:
        caller = await caller_of(request, b"")
        sha, size = _query(request, cap)
        if await run_in_threadpool(_kept_answer, central, caller.device_id, sha) is not None:
            return JSONResponse({"offset": size, "done": True})
        up = await run_in_threadpool(uploads.create, central, caller.device_id, size, sha)
        return JSONResponse({"offset": up["offset"], "done": False})

    async def answer(request: Request) -> Response:
        caller = await caller_of(request, b"")
        sha, _size = _query(request, cap)
        kept = await run_in_threadpool(_kept_answer, central, caller.device_id, sha)
        if kept is None:
            raise ProtocolError("E_UPLOAD_UNKNOWN")
        return Response(kept, media_type=OCTET)

    return [
        Route("/v2/exchange", guard(post), methods=["POST"]),
        Route("/v2/exchange/offset", guard(offset), methods=["GET"]),
        Route("/v2/exchange/answer", guard(answer), methods=["GET"]),
    ]
