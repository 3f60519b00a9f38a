"""Device keys (made on the device, kept inside the encrypted store) and device-key rotation.

A device has two keys: Ed25519 to sign its bundles and X25519 to receive downlink bundles.
:meth:`DeviceKeys.to_bytes` is what the client stores in its SQLCipher database (the store's
encryption is the protection at rest; this module never writes a file).

A rotation statement names the new keys and is signed by the old **and** the new signing key,
so neither a thief of the old key alone nor a holder of only the new key can move a device.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from ztprotocol.canonical import NotCanonical, canonical, parse_strict
from ztprotocol.codes import SyncRejected
from ztprotocol.suites import ed25519_raw, key_id, private_raw, verify_ed25519, x25519_raw

ROTATION_DOMAIN = b"DZK1/rot\0"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any, size: int | None = None) -> bytes:
    """Strict base64 decode; ValueError on anything odd (callers map it to their own code)."""
    if not isinstance(text, str):
        raise ValueError("not a string")
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if b64(raw) != text or (size is not None and len(raw) != size):
        raise ValueError("bad base64")
    return raw


def kid_hex(pub: ed25519.Ed25519PublicKey | x25519.X25519PublicKey) -> str:
    raw = ed25519_raw(pub) if isinstance(pub, ed25519.Ed25519PublicKey) else x25519_raw(pub)
    return key_id(raw).hex()


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class DeviceKeys:
    """The device's private keys. Generate once on the device; never export the private halves."""

    sign: ed25519.Ed25519PrivateKey
    enc: x25519.X25519PrivateKey

    @classmethod
    def generate(cls) -> DeviceKeys:
        return cls(ed25519.Ed25519PrivateKey.generate(), x25519.X25519PrivateKey.generate())

    @property
    def sign_kid(self) -> str:
        return kid_hex(self.sign.public_key())

    @property
    def enc_kid(self) -> str:
        return kid_hex(self.enc.public_key())

    def public_dict(self) -> dict[str, str]:
        return {
            "sign_pub": b64(ed25519_raw(self.sign.public_key())),
            "enc_pub": b64(x25519_raw(self.enc.public_key())),
        }

    def to_bytes(self) -> bytes:
        """Serialised private keys, to be stored in the encrypted database (meta table)."""
        return canonical(
            {"v": 1, "sign": b64(private_raw(self.sign)), "enc": b64(private_raw(self.enc))}
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> DeviceKeys:
        obj = json.loads(data)
        return cls(
            ed25519.Ed25519PrivateKey.from_private_bytes(unb64(obj["sign"], 32)),
            x25519.X25519PrivateKey.from_private_bytes(unb64(obj["enc"], 32)),
        )


def make_rotation(device_id: str, old: DeviceKeys, new: DeviceKeys) -> bytes:
    """A key-rotation statement signed by the old and the new signing keys."""
    body = {
        "v": 1,
        "type": "key-rotation",
        "device": device_id,
        "old_kid": old.sign_kid,
        "created": now_iso(),
        **new.public_dict(),
    }
    msg = ROTATION_DOMAIN + canonical(body)
    return canonical(
        {**body, "sig_old": b64(old.sign.sign(msg)), "sig_new": b64(new.sign.sign(msg))}
    )


@dataclass(frozen=True)
class Rotation:
    device: str
    old_kid: str
    new_sign: ed25519.Ed25519PublicKey
    new_enc: x25519.X25519PublicKey


def check_rotation(data: bytes, old_pub: ed25519.Ed25519PublicKey) -> Rotation:
    """Verify both signatures; raise SyncRejected(E_ROTATION_SIGNATURE / E_ENROL_FORMAT)."""
    try:
        obj = parse_strict(data)
        if not isinstance(obj, dict) or obj.get("type") != "key-rotation" or obj.get("v") != 1:
            raise ValueError("type")
        body = {k: v for k, v in obj.items() if k not in ("sig_old", "sig_new")}
        if set(body) != {"v", "type", "device", "old_kid", "created", "sign_pub", "enc_pub"}:
            raise ValueError("keys")
        new_sign = ed25519.Ed25519PublicKey.from_public_bytes(unb64(obj["sign_pub"], 32))
        new_enc = x25519.X25519PublicKey.from_public_bytes(unb64(obj["enc_pub"], 32))
        sig_old, sig_new = unb64(obj["sig_old"], 64), unb64(obj["sig_new"], 64)
        device, old_kid = obj["device"], obj["old_kid"]
        if not isinstance(device, str) or not isinstance(old_kid, str):
            raise ValueError("types")
    except (NotCanonical, ValueError, KeyError, TypeError) as exc:
        raise SyncRejected("E_ENROL_FORMAT", what="rotation") from exc
    msg = ROTATION_DOMAIN + canonical(body)
    if old_kid != kid_hex(old_pub) or not (
        verify_ed25519(old_pub, sig_old, msg) and verify_ed25519(new_sign, sig_new, msg)
    ):
        raise SyncRejected("E_ROTATION_SIGNATURE")
    return Rotation(device, old_kid, new_sign, new_enc)
