"""Enrolment: binding a device key to a unit with a one-time code (online) or a file (offline).

The level above runs ``ztcentral enroll-unit --unit-code C``; it prints a one-time code
``XXXX-XXXX-XXXX-XXXX-XXXX`` (first group = lookup id, the other 16 characters = an 80-bit
secret) and writes an enrolment file holding the unit, the code and the signed trust file.

* Online: the device sends :func:`make_request` to ``POST /v1/enrol``; the code's secret MACs the
  request (the secret itself never crosses the wire) and the reply (so the device knows it
  reached the server that issued the code, and can pin the trust file it got).
* Offline: the device reads the enrolment file (trust file pinned from it), writes the same
  request to a file, and the clerk carries it up; ``ztcentral import`` registers the device.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from ztprotocol.canonical import NotCanonical, canonical, parse_strict
from ztprotocol.codes import SyncRejected
from ztprotocol.keys import DeviceKeys, b64, now_iso, unb64
from ztprotocol.suites import verify_ed25519

SIG_DOMAIN = b"DZE1/sig\0"
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols, no 0/O/1/I to misread
REQUEST_KEYS = frozenset(
    {"v", "type", "unit", "device", "code_id", "sign_pub", "enc_pub", "created", "mac", "sig"}
)


def new_code() -> str:
    """A fresh one-time code, 5 groups of 4 (20 symbols: 20-bit id + 80-bit secret)."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(20))
    return "-".join(chars[i : i + 4] for i in range(0, 20, 4))


def split_code(code: str) -> tuple[str, str]:
    """(code_id, secret) from a typed code; tolerant of case, spaces and dashes."""
    clean = "".join(c for c in code.upper() if c.isalnum())
    if len(clean) != 20 or any(c not in ALPHABET for c in clean):
        raise SyncRejected("E_ENROL_CODE")
    return clean[:4], clean[4:]


def _mac(secret: str, obj: dict[str, Any]) -> str:
    return hmac.new(
        secret.encode("ascii"), b"DZE1/mac\0" + canonical(obj), hashlib.sha256
    ).hexdigest()


def make_enrolment_file(
    *, unit: str, code: str, trust: bytes, server_url: str, expires: str
) -> bytes:
    """The offline enrolment file (keep it as secret as the code: it contains it)."""
    return canonical(
        {
            "v": 1,
            "type": "enrolment",
            "unit": unit,
            "code": code,
            "trust": trust.decode("utf-8"),
            "server_url": server_url,
            "expires": expires,
        }
    )


def read_enrolment_file(data: bytes) -> dict[str, Any]:
    try:
        obj = parse_strict(data)
        if (
            not isinstance(obj, dict)
            or obj.get("type") != "enrolment"
            or set(obj) != {"v", "type", "unit", "code", "trust", "server_url", "expires"}
        ):
            raise ValueError("keys")
        split_code(obj["code"])
    except (NotCanonical, ValueError, SyncRejected, AttributeError) as exc:
        raise SyncRejected("E_ENROL_FORMAT", what="enrolment file") from exc
    return obj


def make_request(*, code: str, unit: str, device_id: str, keys: DeviceKeys) -> bytes:
    """The enrolment request (same bytes online and in a file)."""
    code_id, secret = split_code(code)
    body = {
        "v": 1,
        "type": "enrol-request",
        "unit": unit,
        "device": device_id,
        "code_id": code_id,
        "created": now_iso(),
        **keys.public_dict(),
    }
    body["mac"] = _mac(secret, body)
    body["sig"] = b64(keys.sign.sign(SIG_DOMAIN + canonical(body)))
    return canonical(body)


@dataclass(frozen=True)
class EnrolRequest:
    unit: str
    device: str
    code_id: str
    sign_pub: ed25519.Ed25519PublicKey
    enc_pub: x25519.X25519PublicKey
    body: dict[str, Any]


def parse_request(data: bytes) -> EnrolRequest:
    """Structure and proof of possession (device signature); the MAC needs the secret."""
    try:
        obj = parse_strict(data)
        if not isinstance(obj, dict) or set(obj) != REQUEST_KEYS or obj["type"] != "enrol-request":
            raise ValueError("keys")
        sign_pub = ed25519.Ed25519PublicKey.from_public_bytes(unb64(obj["sign_pub"], 32))
        enc_pub = x25519.X25519PublicKey.from_public_bytes(unb64(obj["enc_pub"], 32))
        sig = unb64(obj["sig"], 64)
        for name in ("unit", "device", "code_id", "mac"):
            if not isinstance(obj[name], str) or not 0 < len(obj[name]) <= 64:
                raise ValueError(name)
    except (NotCanonical, ValueError) as exc:
        raise SyncRejected("E_ENROL_FORMAT", what="request") from exc
    unsigned = {k: v for k, v in obj.items() if k != "sig"}
    if not verify_ed25519(sign_pub, sig, SIG_DOMAIN + canonical(unsigned)):
        raise SyncRejected("E_ENROL_FORMAT", what="proof of possession")
    return EnrolRequest(obj["unit"], obj["device"], obj["code_id"], sign_pub, enc_pub, obj)


def check_request_mac(req: EnrolRequest, secret: str) -> None:
    body = {k: v for k, v in req.body.items() if k not in ("mac", "sig")}
    if not hmac.compare_digest(_mac(secret, body), req.body["mac"]):
        raise SyncRejected("E_ENROL_CODE")


def make_response(*, secret: str, unit: str, device_id: str, trust: bytes) -> bytes:
    body = {
        "v": 1,
        "type": "enrol-response",
        "unit": unit,
        "device": device_id,
        "trust": trust.decode("utf-8"),
    }
    return canonical({**body, "mac": _mac(secret, body)})


def check_response(data: bytes, *, code: str) -> bytes:
    """Verify the server knew the code; returns the trust file bytes to pin."""
    _, secret = split_code(code)
    try:
        obj = parse_strict(data)
        body = {k: v for k, v in obj.items() if k != "mac"}
        ok = hmac.compare_digest(_mac(secret, body), str(obj["mac"]))
    except (NotCanonical, ValueError, KeyError, AttributeError) as exc:
        raise SyncRejected("E_ENROL_FORMAT", what="response") from exc
    if not ok:
        raise SyncRejected("E_ENROL_CODE")
    return obj["trust"].encode("utf-8")
