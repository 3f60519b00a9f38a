"""The client's HTTP transport to ztcentral (httpx, synchronous: it runs on a worker thread).

Uploads resume at the **server's** offset: after any network error the client asks the server
how much it holds and continues from there, so a link that drops every few kilobytes still gets
the bundle through, and a retried commit can never apply anything twice (the server dedups by
hash and bundle id). A success is only a 2xx with the expected body; anything else is a coded
error (a captive portal's 200 HTML page fails JSON parsing and is reported as E_NETWORK).
"""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from ztprotocol.codes import MESSAGES, SyncRejected
from ztprotocol.request_sig import RequestSigner


@dataclass
class UploadResult:
    """``status``: applied / held / quarantined / rejected; ``receipt``: DZR1 bytes or None."""

    status: str
    code: str | None
    receipt: bytes | None
    duplicate: bool = False
    also_applied: list[bytes] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)


def _outcome(resp: httpx.Response) -> UploadResult:
    try:
        body = resp.json()
    except ValueError as exc:
        raise _coded(resp) from exc
    if not isinstance(body, dict) or "status" not in body:
        raise _coded(resp)
    return _outcome_body(body)


def _outcome_body(body: dict[str, Any]) -> UploadResult:
    status = body["status"]
    rec = body.get("receipt")
    return UploadResult(
        status,
        body.get("code"),
        base64.b64decode(rec) if rec else None,
        bool(body.get("duplicate")),
        [base64.b64decode(r) for r in body.get("also_applied") or []],
        body.get("params") or {},
    )


def _clock_refusal(resp: httpx.Response) -> int | None:
    """The server's time from an E_REQUEST_CLOCK refusal, else None."""
    try:
        body = resp.json()
        if body.get("code") == "E_REQUEST_CLOCK":
            return int(body["params"]["server_time"])
    except (ValueError, AttributeError, KeyError, TypeError):
        pass
    return None


def _coded(resp: httpx.Response) -> SyncRejected:
    try:
        body = resp.json()
        code = body.get("code")
    except (ValueError, AttributeError):
        code = None
    if code in MESSAGES:
        return SyncRejected(code, **(body.get("params") or {}))
    if resp.status_code >= 500:
        return SyncRejected("E_SERVER", status=resp.status_code)
    return SyncRejected("E_NETWORK", status=resp.status_code)


class CentralClient:
    """``CentralClient(base_url, timeout)``; every method raises SyncRejected with a code."""

    def __init__(
        self,
        base_url: str,
        timeout: float = 30.0,
        *,
        retries: int = 20,
        backoff: float = 0.2,
        transport: httpx.BaseTransport | None = None,
        signer: RequestSigner | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.retries = retries
        self.backoff = backoff
        self.signer = signer  # device endpoints need it (docs/sync-protocol.md §7.7)
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ----------------------------------------------------------------------------
    def _send(self, method: str, url: str, *, signed: bool = False, **kw: Any) -> httpx.Response:
        """One request; ``signed``: with the device's DZQ1 headers, re-signed once on the
        server's clock if it says ours is off (E_REQUEST_CLOCK)."""
        try:
            resp = self._http.send(self._build(method, url, signed, **kw))
            if signed and resp.status_code == 401 and self.signer is not None:
                server_time = _clock_refusal(resp)
                if server_time is not None:
                    self.signer.learn_server_time(server_time)
                    resp = self._http.send(self._build(method, url, signed, **kw))
            return resp
        except httpx.TransportError as exc:
            raise SyncRejected("E_NETWORK", what=type(exc).__name__) from exc

    def _build(self, method: str, url: str, signed: bool, **kw: Any) -> httpx.Request:
        req = self._http.build_request(method, url, **kw)
        if signed and self.signer is not None:
            raw = req.url.raw_path.decode("ascii")
            target = raw[raw.find("/v1/") :] if "/v1/" in raw else raw
            offset = req.headers.get("upload-offset", "")
            body = None if method == "PATCH" else req.content  # an upload part: UNSIGNED-PAYLOAD
            req.headers.update(self.signer.headers(method, target, body, offset))
        return req

    def _retrying(self, fn: Callable[[], Any]) -> Any:
        """Retry network failures only (never a coded refusal), with capped backoff."""
        for attempt in range(self.retries + 1):
            try:
                return fn()
            except SyncRejected as exc:
                if exc.code != "E_NETWORK" or attempt == self.retries:
                    raise
                time.sleep(min(self.backoff * 2**attempt, 5.0))
        raise AssertionError("unreachable")

    def _json(self, resp: httpx.Response) -> Any:
        if not resp.is_success:
            raise _coded(resp)
        try:
            return resp.json()
        except ValueError as exc:
            raise SyncRejected("E_NETWORK", what="not json") from exc

    # -- the protocol ------------------------------------------------------------------------
    def handshake(self, device_id: str | None = None) -> dict[str, Any]:
        """Server limits and time; with a signer, also this device's watermark and backlog."""
        if device_id and self.signer is not None:
            return self._json(self._send("GET", "/v1/handshake", signed=True))
        params = {"device": device_id} if device_id else {}
        return self._json(self._send("GET", "/v1/handshake", params=params))

    def trust(self) -> bytes:
        resp = self._send("GET", "/v1/trust")
        if not resp.is_success:
            raise _coded(resp)
        return resp.content

    def enrol(self, request: bytes) -> bytes:
        """Send an enrolment request; returns the MACed response (check it with the code)."""
        resp = self._send("POST", "/v1/enrol", content=request)
        if not resp.is_success:
            raise _coded(resp)
        return resp.content

    def upload(
        self, bundle: bytes, resume: bool = True, chunk_bytes: int = 256 * 1024
    ) -> UploadResult:
        """Send a bundle; returns the outcome (with the signed receipt when there is one)."""
        if not resume:
            return _outcome(self._send("POST", "/v1/bundles", signed=True, content=bundle))
        sha = hashlib.sha256(bundle).hexdigest()
        start = self._retrying(
            lambda: self._json(
                self._send(
                    "POST", "/v1/uploads", signed=True, json={"size": len(bundle), "sha256": sha}
                )
            )
        )
        if start.get("done"):
            # already processed (a receipt lost on the way back): the stored outcome, no resend
            return _outcome_body(start)
        upload_id, offset = start["upload_id"], start["offset"]
        while offset < len(bundle):
            part = bundle[offset : offset + chunk_bytes]
            try:
                resp = self._send(
                    "PATCH",
                    f"/v1/uploads/{upload_id}",
                    signed=True,
                    content=part,
                    headers={"Upload-Offset": str(offset)},
                )
                offset = self._json(resp)["offset"]
            except SyncRejected as exc:
                if exc.code not in ("E_NETWORK", "E_UPLOAD_OFFSET"):
                    raise
                if exc.code == "E_NETWORK":  # a poor link: smaller parts get through more often
                    chunk_bytes = max(1024, chunk_bytes // 2)
                time.sleep(self.backoff)
                offset = self._retrying(
                    lambda: self._json(self._send("GET", f"/v1/uploads/{upload_id}", signed=True))
                )["offset"]
        try:
            return self._retrying(
                lambda: _outcome(self._send("POST", f"/v1/uploads/{upload_id}/commit", signed=True))
            )
        except SyncRejected as exc:
            if exc.code != "E_UPLOAD_UNKNOWN":
                raise
            # an earlier commit went through but its answer was lost: announcing the same
            # bytes again answers the stored outcome (a small request: on a link that drops
            # every few KB, resending the whole bundle might never get its answer through)
            again = self._retrying(
                lambda: self._json(
                    self._send(
                        "POST",
                        "/v1/uploads",
                        signed=True,
                        json={"size": len(bundle), "sha256": sha},
                    )
                )
            )
            if again.get("done"):
                return _outcome_body(again)
            return self._retrying(
                lambda: _outcome(self._send("POST", "/v1/bundles", signed=True, content=bundle))
            )

    def receipt(self, bundle_id: str) -> bytes | None:
        resp = self._send("GET", f"/v1/receipts/{bundle_id}", signed=True)
        if resp.status_code == 404:
            return None
        if not resp.is_success:
            raise _coded(resp)
        return resp.content

    def download(self, device_id: str, after: int) -> bytes | None:
        """The next downlink bundle after the client's downlink sequence ``after``, or None."""
        resp = self._send("GET", "/v1/down", signed=True, params={"after": after})
        if resp.status_code == 204:
            return None
        if not resp.is_success:
            raise _coded(resp)
        return resp.content

    def rotate(self, statement: bytes) -> dict[str, Any]:
        return self._json(self._send("POST", "/v1/devices/rotate", content=statement))
