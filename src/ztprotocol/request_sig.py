"""Device-signed HTTP requests (DZQ1): how a device proves a request to ztcentral is its own.

Every device endpoint (uploads, receipts, downlink, the handshake's device details) needs
these headers; docs/sync-protocol.md §7.7 is the normative text:

```
ZT-Key: <kid of the device's Ed25519 signing key>
ZT-Time: <Unix seconds, server-relative: the device corrects its clock by the server's>
ZT-Nonce: <32 hex digits from a CSPRNG, never reused>
ZT-Content-SHA256: <hex SHA-256 of the body> | UNSIGNED-PAYLOAD (upload parts only)
ZT-Signature: b64 Ed25519(key, "DZQ1/req\\0" ‖ signing input)
signing input = "\\n".join([METHOD, target, content-sha256, time, nonce, kid, upload-offset])
```

``target`` is the path from ``/v1/`` (or ``/v2/``) on plus ``?query`` exactly as sent;
``upload-offset`` is the ``Upload-Offset`` header's value or empty. The server accepts a time
within ±300 s of its own and each (kid, nonce) once, so a captured request cannot be sent
again. An upload part is signed without its bytes (they may arrive cut short on a poor link and
are kept): the bytes of the whole upload are bound by the SHA-256 announced in the signed
``POST /v1/uploads`` and checked at commit, so a part altered on the way can only make that
upload start over; a lean exchange body (``POST /v2/exchange``) likewise, by the hash in its
signed query.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from ztprotocol.codes import SyncRejected

DOMAIN = b"DZQ1/req\0"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
WINDOW_SECONDS = 300
H_KEY, H_TIME, H_NONCE, H_SHA, H_SIG = (
    "zt-key",
    "zt-time",
    "zt-nonce",
    "zt-content-sha256",
    "zt-signature",
)
_KID = re.compile(r"[0-9a-f]{32}")
_NONCE = re.compile(r"[0-9a-f]{32}")
_SHA = re.compile(r"[0-9a-f]{64}")
_TIME = re.compile(r"[0-9]{1,12}")


def signing_input(
    method: str,
    target: str,
    content_sha256: str,
    timestamp: int,
    nonce: str,
    kid: str,
    upload_offset: str = "",
) -> bytes:
    fields = [method.upper(), target, content_sha256, str(timestamp), nonce, kid, upload_offset]
    return DOMAIN + "\n".join(fields).encode("utf-8")


def sign_request(
    key: ed25519.Ed25519PrivateKey,
    kid: str,
    method: str,
    target: str,
    body: bytes | None,
    *,
    now: int,
    upload_offset: str = "",
) -> dict[str, str]:
    """The ZT-* headers for one request (``body=None``: an upload part, UNSIGNED-PAYLOAD)."""
    content = UNSIGNED_PAYLOAD if body is None else hashlib.sha256(body).hexdigest()
    nonce = secrets.token_hex(16)
    sig = key.sign(signing_input(method, target, content, now, nonce, kid, upload_offset))
    return {
        "ZT-Key": kid,
        "ZT-Time": str(now),
        "ZT-Nonce": nonce,
        "ZT-Content-SHA256": content,
        "ZT-Signature": base64.b64encode(sig).decode("ascii"),
    }


@dataclass(frozen=True)
class SignedHeaders:
    kid: str
    timestamp: int
    nonce: str
    content_sha256: str
    signature: bytes

    def verify(
        self, pub: ed25519.Ed25519PublicKey, method: str, target: str, upload_offset: str = ""
    ) -> None:
        data = signing_input(
            method,
            target,
            self.content_sha256,
            self.timestamp,
            self.nonce,
            self.kid,
            upload_offset,
        )
        try:
            pub.verify(self.signature, data)
        except InvalidSignature as exc:
            raise SyncRejected("E_REQUEST_SIGNATURE", why="signature") from exc


def read_headers(headers: Any) -> SignedHeaders | None:
    """The ZT-* headers of a request: None when it carries none, E_REQUEST_SIGNATURE when they
    are there but malformed (strict shapes: nothing odd reaches the verifier)."""
    present = [h for h in (H_KEY, H_TIME, H_NONCE, H_SHA, H_SIG) if h in headers]
    if not present:
        return None
    if len(present) != 5:
        raise SyncRejected("E_REQUEST_SIGNATURE", why="headers")
    kid, ts, nonce = headers[H_KEY], headers[H_TIME], headers[H_NONCE]
    sha, sig = headers[H_SHA], headers[H_SIG]
    if not (_KID.fullmatch(kid) and _TIME.fullmatch(ts) and _NONCE.fullmatch(nonce)):
        raise SyncRejected("E_REQUEST_SIGNATURE", why="headers")
    if sha != UNSIGNED_PAYLOAD and not _SHA.fullmatch(sha):
        raise SyncRejected("E_REQUEST_SIGNATURE", why="headers")
    try:
        raw = base64.b64decode(sig.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise SyncRejected("E_REQUEST_SIGNATURE", why="headers") from exc
    if len(raw) != 64:
        raise SyncRejected("E_REQUEST_SIGNATURE", why="headers")
    return SignedHeaders(kid, int(ts), nonce, sha, raw)


class RequestSigner:
    """The device side: signs requests with the device key, on the server's clock.

    ``offset`` (server time minus local time) is learnt from the server: the handshake's
    ``server_time`` or an E_REQUEST_CLOCK refusal's, so a clerk's PC whose clock is hours off
    still syncs (the window is about replay, not about the PC's clock being right)."""

    def __init__(self, key: ed25519.Ed25519PrivateKey, kid: str, clock=None) -> None:
        import time

        self.key, self.kid = key, kid
        self.clock = clock or time.time
        self.offset = 0

    def headers(
        self, method: str, target: str, body: bytes | None, upload_offset: str = ""
    ) -> dict[str, str]:
        now = int(self.clock()) + self.offset
        return sign_request(
            self.key, self.kid, method, target, body, now=now, upload_offset=upload_offset
        )

    def learn_server_time(self, server_time: int) -> None:
        self.offset = int(server_time) - int(self.clock())
