"""Which device sent this request: the DZQ1 signature check on every device endpoint.

Order (cheap and unauthenticated steps first; nothing is written before the signature holds):
headers present and well-formed → time within the window → key known → signature (over the
announced body hash) → nonce not seen before (stored, so any app node refuses a replay) → only
then is the body read, and it must have the announced hash. A revoked device is still
*identified* (its bundles go to quarantine, where a person sees them); each operation decides
what a revoked device may do.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import ed25519
from starlette.requests import Request

from ztcentral.service import Central
from ztprotocol.codes import SyncRejected
from ztprotocol.keys import unb64
from ztprotocol.request_sig import (
    UNSIGNED_PAYLOAD,
    WINDOW_SECONDS,
    SignedHeaders,
    read_headers,
)

_PURGE_EVERY = 60.0


@dataclass(frozen=True)
class Caller:
    """The authenticated device behind a request."""

    device_id: str
    unit: str
    kid: str
    revoked: bool


def request_target(request: Request) -> str:
    """What the device signed: the path from /v1/ (or /v2/) on and the query exactly as sent."""
    path = request.url.path
    at = max(path.find("/v1/"), path.find("/v2/"))
    target = path[at:] if at >= 0 else path
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{target}?{query}" if query else target


@dataclass(frozen=True)
class Pending:
    """A request whose headers, time and key passed; its signature is not checked yet."""

    signed: SignedHeaders
    pub: ed25519.Ed25519PublicKey
    caller: Caller
    now: int


class RequestAuth:
    """Verifies DZQ1 headers against the device registry and remembers nonces.

    Two steps, so a stranger cannot make the server buffer a large body: :meth:`identify`
    checks everything the headers carry — clock, key, the signature over the *announced* body
    hash, the nonce — in one transaction, before a byte of the body is read; :meth:`confirm`
    then only compares the body with the hash the signature covers. A nonce is written only
    once the signature holds, so nobody without the key can use up a device's nonces.
    """

    def __init__(self, central: Central, *, window: int = WINDOW_SECONDS, clock=time.time):
        self.central = central
        self.window = window
        self.clock = clock
        self._last_purge = 0.0
        self._lock = threading.Lock()

    def identify(self, request: Request) -> Pending:
        signed = read_headers(request.headers)
        if signed is None:
            raise SyncRejected("E_REQUEST_UNSIGNED")
        now = int(self.clock())
        if abs(signed.timestamp - now) > self.window:
            raise SyncRejected("E_REQUEST_CLOCK", server_time=now, window=self.window)
        # durable=False: a nonce lost in a power cut could let a captured request be replayed
        # within the window; every device endpoint is a read or idempotent (uploads dedup by
        # hash), so that costs nothing, while waiting for the disk on every request would
        with self.central.db.tx(durable=False) as tx:
            row = tx.one(
                "SELECT k.pub, k.status, d.device_id, d.unit, d.status AS dstatus "
                "FROM device_keys k JOIN devices d ON d.device_id = k.device_id "
                "WHERE k.kid = $1",
                (signed.kid,),
            )
            if row is None:
                raise SyncRejected("E_DEVICE_UNKNOWN", kid=signed.kid)
            pub = ed25519.Ed25519PublicKey.from_public_bytes(unb64(row["pub"], 32))
            offset = request.headers.get("upload-offset", "")
            signed.verify(pub, request.method, request_target(request), offset)
            self._remember(tx, signed, now)
        revoked = row["status"] == "revoked" or row["dstatus"] == "revoked"
        return Pending(signed, pub, Caller(row["device_id"], row["unit"], signed.kid, revoked), now)

    def confirm(self, pending: Pending, request: Request, body: bytes | None) -> Caller:
        """The caller, once the body is the one the signature announced.

        ``body=None`` only for an upload part (signed as UNSIGNED-PAYLOAD, docs §7.7)."""
        claimed = pending.signed.content_sha256
        if body is None:
            if claimed != UNSIGNED_PAYLOAD:
                raise SyncRejected("E_REQUEST_SIGNATURE", why="payload")
        elif claimed != hashlib.sha256(body).hexdigest():
            raise SyncRejected("E_REQUEST_SIGNATURE", why="payload")
        return pending.caller

    def _remember(self, tx, signed: SignedHeaders, now: int) -> None:
        """Each (kid, nonce) once; forgotten only after it could no longer pass the window."""
        n = tx.run(
            "INSERT INTO request_nonces (kid, nonce, at) VALUES ($1, $2, $3) "
            "ON CONFLICT (kid, nonce) DO NOTHING",
            (signed.kid, signed.nonce, now),
        )
        if n != 1:
            raise SyncRejected("E_REQUEST_REPLAY")
        with self._lock:
            purge = now - self._last_purge > _PURGE_EVERY
            if purge:
                self._last_purge = now
        if purge:
            tx.run("DELETE FROM request_nonces WHERE at < $1", (now - 2 * self.window - 1,))
