"""The central server's keys and its trust file.

* root (Ed25519): signs the trust file only. ``init`` makes it under ``keys/root.key``; in a real
  deployment it is moved offline after signing (TUF: an online key must never be the one that
  clients ultimately trust).
* sign (Ed25519, online): signs receipts and downlink bundles; listed in the trust file.
* enc (X25519, online): devices seal uplink bundles to it. Older enc keys stay in the key file so
  bundles sealed before a rotation still open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from ztcentral.private import write_private
from ztprotocol.keys import b64, kid_hex, unb64
from ztprotocol.suites import private_raw
from ztprotocol.trust import TrustFile, parse_trust

TRUST_DAYS = 365


def _write_secret(path: Path, data: bytes) -> None:
    """A key file: 0600 from its first byte, in a 0700 folder (ztcentral.private)."""
    write_private(path, data)


@dataclass
class ServerKeys:
    root: ed25519.Ed25519PrivateKey | None
    sign: ed25519.Ed25519PrivateKey
    enc: list[x25519.X25519PrivateKey] = field(default_factory=list)  # newest first

    @classmethod
    def generate(cls) -> ServerKeys:
        return cls(
            ed25519.Ed25519PrivateKey.generate(),
            ed25519.Ed25519PrivateKey.generate(),
            [x25519.X25519PrivateKey.generate()],
        )

    @property
    def enc_current(self) -> x25519.X25519PrivateKey:
        return self.enc[0]

    def enc_for(self, kid: str) -> x25519.X25519PrivateKey | None:
        return next((k for k in self.enc if kid_hex(k.public_key()) == kid), None)

    def save(self, folder: Path) -> None:
        if self.root is not None:
            _write_secret(folder / "root.key", b64(private_raw(self.root)).encode())
        body = {"sign": b64(private_raw(self.sign)), "enc": [b64(private_raw(k)) for k in self.enc]}
        _write_secret(folder / "online.key", json.dumps(body).encode())

    @classmethod
    def load(cls, folder: Path) -> ServerKeys:
        body = json.loads((folder / "online.key").read_text())
        root_path = folder / "root.key"
        root = (
            ed25519.Ed25519PrivateKey.from_private_bytes(unb64(root_path.read_text().strip(), 32))
            if root_path.exists()
            else None
        )
        return cls(
            root,
            ed25519.Ed25519PrivateKey.from_private_bytes(unb64(body["sign"], 32)),
            [x25519.X25519PrivateKey.from_private_bytes(unb64(k, 32)) for k in body["enc"]],
        )

    def make_trust(
        self,
        version: int,
        *,
        server_url: str = "",
        revoked: list[str] | None = None,
        days: int = TRUST_DAYS,
        old_roots: list[ed25519.Ed25519PrivateKey] | None = None,
    ) -> bytes:
        """A trust file listing the current online keys, signed by the root key (and, for a
        root rotation, by the previous root keys too)."""
        if self.root is None:
            raise RuntimeError("the root key is offline: sign the trust file where it is kept")
        tf = TrustFile.build(
            version=version,
            expires=datetime.now(UTC) + timedelta(days=days),
            root_keys=[self.root.public_key()],
            central_sign=[self.sign.public_key()],
            central_enc=[self.enc_current.public_key()],
            revoked=revoked,
            server_url=server_url,
        )
        return tf.sign([self.root, *(old_roots or [])])


def trust_version(data: bytes) -> int:
    return parse_trust(data)[0].version
