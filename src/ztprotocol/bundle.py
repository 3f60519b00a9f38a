"""The DZB1 bundle: one self-describing, signed, encrypted file for HTTP and USB alike.

Layout (all integers big-endian; docs/sync-protocol.md §3 is the normative text)::

    magic "DZB1\\r\\n" (6) | suite u16 | sender kid (16) | header_len u32 | header (binary,
    see header.py) | ct_len u32 | ct = HPKE enc (32) ‖ AEAD ciphertext | sig (64)

    sig  = Ed25519(sender, "DZB1/sig\\0" ‖ every byte before sig)
    info = "DZB1/hpke\\0" ‖ SHA-256(magic ‖ suite ‖ kid ‖ header_len ‖ header)
    plaintext = zlib-9(canonical JSON array of items)
              or, with the capability "audit1" (audit_section.py), of
              {"ops": [items], "audit": {"from", "n", "prev"}}

Suite and sender kid sit in the fixed-size prefix so that the signature can be checked before
the header is decoded: unauthenticated input only ever meets ``struct.unpack``.
"""

from __future__ import annotations

import hashlib
import struct
import time
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from ztprotocol import audit_section
from ztprotocol.audit_section import AuditSection
from ztprotocol.canonical import NotCanonical, canonical, parse_payload
from ztprotocol.codes import BundleRejected
from ztprotocol.header import FORMAT_VERSION, decode_header, encode_header  # noqa: F401
from ztprotocol.keys import kid_hex
from ztprotocol.suites import (
    HPKE_ENC_LEN,
    SUITE_INTL,
    hpke_open,
    hpke_seal,
    suite_info,
    verify_ed25519,
)

MAGIC = b"DZB1\r\n"
SIG_DOMAIN = b"DZB1/sig\0"
HPKE_DOMAIN = b"DZB1/hpke\0"
_PREFIX = struct.Struct(">6sH16sI")
MAX_HEADER = 4096
DEFAULT_MAX_BUNDLE = 8 * 1024 * 1024
MAX_PLAINTEXT = 64 * 1024 * 1024  # zip-bomb cap on the decompressed payload
GENESIS = "0" * 64


@dataclass(frozen=True)
class KeyInfo:
    """What a key lookup answers: whose key it is and whether it may still sign."""

    device: str
    public_key: ed25519.Ed25519PublicKey
    revoked: bool = False
    unit: str | None = None
    suites: frozenset[int] = frozenset({SUITE_INTL})


KeyLookup = Callable[[str], KeyInfo | None]


@dataclass(frozen=True)
class Header:
    """The authenticated header, plus the two prefix fields and the bundle's own hash."""

    suite: int
    sender_kid: str
    kind: str
    unit: str
    device: str
    recipient_kid: str
    bundle_id: str
    seq_from: int
    seq_to: int
    prev: str
    audit_head: str
    created: int  # Unix seconds, informational only (never trust a device clock)
    schema: int
    n: int
    caps: tuple[str, ...] = ()
    bundle_hash: str = ""
    audit: AuditSection | None = None  # the audit section (capability "audit1")


def bundle_hash(data: bytes) -> str:
    """SHA-256 of the complete bundle bytes: the chain link and the content address."""
    return hashlib.sha256(data).hexdigest()


def seal_bundle(
    items: list[dict[str, Any]],
    *,
    device_id: str,
    unit_code: str,
    seq_from: int,
    seq_to: int,
    prev_hash: str,
    audit_head: str,
    device_signing_key: ed25519.Ed25519PrivateKey,
    central_public_key: x25519.X25519PublicKey,
    kind: str = "ops",
    bundle_id: str | None = None,
    created: int | None = None,
    suite: int = SUITE_INTL,
    audit: AuditSection | None = None,
) -> bytes:
    """Sign and encrypt ``items`` (canonical ops, or downlink items) into DZB1 bytes.

    ``central_public_key`` is the recipient's X25519 key (the central encryption key for an
    uplink bundle, the device's own encryption key for a downlink one). With ``audit`` (an
    ops bundle's stretch of the device's audit chain since the previous bundle) the bundle
    lists the capability ``audit1``; ``audit_head`` is then the hash of the stretch's last entry.
    """
    suite_info(suite)
    if audit is not None and kind != "ops":
        raise BundleRejected("E_BUNDLE_PAYLOAD", what="audit in a down bundle")
    header = {
        "kind": kind,
        "caps": [audit_section.CAP] if audit is not None else [],
        "unit": unit_code,
        "device": device_id,
        "recipient_kid": kid_hex(central_public_key),
        "bundle_id": bundle_id or str(uuid.uuid4()),
        "seq_from": seq_from,
        "seq_to": seq_to,
        "prev": prev_hash,
        "audit_head": audit_head,
        "created": int(time.time()) if created is None else created,
        "n": len(items),
    }
    head = encode_header(header)  # validates: never emit what we would refuse to read
    _check_items(kind, items, seq_from, seq_to)
    kid = bytes.fromhex(kid_hex(device_signing_key.public_key()))
    prefix = _PREFIX.pack(MAGIC, suite, kid, len(head)) + head
    info = HPKE_DOMAIN + hashlib.sha256(prefix).digest()
    payload: Any = items
    if audit is not None:
        payload = {"ops": items, "audit": audit_section.encode(audit, audit_head)}
    try:
        plain = canonical(payload)
    except NotCanonical as exc:  # never seal what a reader would refuse
        raise BundleRejected("E_BUNDLE_PAYLOAD", what=str(exc)[:80]) from exc
    ct = hpke_seal(zlib.compress(plain, 9), central_public_key, info)
    body = prefix + struct.pack(">I", len(ct)) + ct
    return body + device_signing_key.sign(SIG_DOMAIN + body)


def peek_sender(data: bytes) -> tuple[int, str] | None:
    """(suite, sender kid) from the fixed prefix without any verification, or None.

    For quarantine bookkeeping only: never act on it beyond filing the bytes.
    """
    if len(data) < _PREFIX.size or not data.startswith(MAGIC):
        return None
    _, suite, kid, _ = _PREFIX.unpack_from(data)
    return suite, kid.hex()


def read_header_unverified(data: bytes) -> dict[str, Any]:
    """The header of a bundle **this program verified earlier** (a blob the server stored after
    ``open_bundle``), without checking anything again. Never use it on bytes from outside."""
    _, _, _, hlen = _PREFIX.unpack_from(data)
    return decode_header(data[_PREFIX.size : _PREFIX.size + hlen])


def open_bundle(
    data: bytes,
    *,
    key_lookup: KeyLookup,
    central_private_key: x25519.X25519PrivateKey | Callable[[str], x25519.X25519PrivateKey | None],
    max_bytes: int = DEFAULT_MAX_BUNDLE,
) -> tuple[Header, list[dict[str, Any]]]:
    """Verify and decrypt a bundle; raise :class:`BundleRejected` with a specific code.

    ``central_private_key`` is the recipient's X25519 private key, or a function from
    recipient kid to key (a server that still holds keys from before a rotation).

    Order: size caps → framing → suite → key lookup → **signature** → revocation → header
    schema → device/key binding → recipient → decrypt → payload schema.
    """
    if len(data) > max_bytes:
        raise BundleRejected("E_BUNDLE_TOO_LARGE", size=len(data), limit=max_bytes)
    if not data[: len(MAGIC)] == MAGIC[: min(len(data), len(MAGIC))]:
        raise BundleRejected("E_BUNDLE_FORMAT", what="magic")
    if len(data) < _PREFIX.size:
        raise BundleRejected("E_BUNDLE_TRUNCATED")
    _, suite, kid_raw, hlen = _PREFIX.unpack_from(data)
    info = suite_info(suite)
    if hlen > MAX_HEADER:
        raise BundleRejected("E_BUNDLE_HEADER", what="header_len")
    ct_at = _PREFIX.size + hlen
    if len(data) < ct_at + 4:
        raise BundleRejected("E_BUNDLE_TRUNCATED")
    (clen,) = struct.unpack_from(">I", data, ct_at)
    end = ct_at + 4 + clen + info.sig_len
    if len(data) < end:
        raise BundleRejected("E_BUNDLE_TRUNCATED")
    if len(data) > end:
        raise BundleRejected("E_BUNDLE_FORMAT", what="trailing bytes")
    kid = kid_raw.hex()
    key = key_lookup(kid)
    if key is None:
        raise BundleRejected("E_DEVICE_UNKNOWN", kid=kid)
    body, sig = data[: -info.sig_len], data[-info.sig_len :]
    if not verify_ed25519(key.public_key, sig, SIG_DOMAIN + body):
        raise BundleRejected("E_BUNDLE_SIGNATURE", kid=kid)
    if key.revoked:
        raise BundleRejected("E_DEVICE_REVOKED", kid=kid, device=key.device)
    if suite not in key.suites:
        raise BundleRejected("E_SUITE_NOT_ALLOWED", suite=suite)
    hdr = decode_header(data[_PREFIX.size : ct_at])
    if hdr["device"] != key.device or (key.unit is not None and hdr["unit"] != key.unit):
        raise BundleRejected(
            "E_DEVICE_KEY_MISMATCH", kid=kid, device=hdr["device"], unit=hdr["unit"]
        )
    if callable(central_private_key):
        priv = central_private_key(hdr["recipient_kid"])
    else:
        priv = central_private_key
    if priv is None or hdr["recipient_kid"] != kid_hex(priv.public_key()):
        raise BundleRejected("E_BUNDLE_RECIPIENT", recipient_kid=hdr["recipient_kid"])
    ct = data[ct_at + 4 : ct_at + 4 + clen]
    if len(ct) < HPKE_ENC_LEN + 16:
        raise BundleRejected("E_BUNDLE_DECRYPT")
    plain = hpke_open(ct, priv, HPKE_DOMAIN + hashlib.sha256(data[:ct_at]).digest())
    items, audit = _split_payload(_decode_payload(plain), hdr)
    _check_items(hdr["kind"], items, hdr["seq_from"], hdr["seq_to"])
    if len(items) != hdr["n"]:
        raise BundleRejected("E_BUNDLE_PAYLOAD", what="n")
    header = Header(
        suite=suite,
        sender_kid=kid,
        caps=tuple(hdr["caps"]),
        bundle_hash=bundle_hash(data),
        audit=audit,
        **{k: v for k, v in hdr.items() if k != "caps"},
    )
    return header, items


def _split_payload(payload: Any, hdr: dict[str, Any]) -> tuple[Any, AuditSection | None]:
    """The items, and the audit section when the header lists ``audit1``."""
    if audit_section.CAP not in hdr["caps"]:
        if not isinstance(payload, list):
            raise BundleRejected("E_BUNDLE_PAYLOAD", what="not a list")
        return payload, None
    if hdr["kind"] != "ops" or not isinstance(payload, dict) or set(payload) != {"ops", "audit"}:
        raise BundleRejected("E_BUNDLE_PAYLOAD", what="audit payload")
    return payload["ops"], audit_section.decode(payload["audit"], hdr["audit_head"])


def _decode_payload(plain: bytes) -> Any:
    try:
        dec = zlib.decompressobj()
        raw = dec.decompress(plain, MAX_PLAINTEXT)
        if dec.unconsumed_tail or not dec.eof or dec.unused_data:
            raise ValueError("compressed stream too long or not terminated")
        items = parse_payload(raw)
    except (zlib.error, ValueError, NotCanonical) as exc:
        raise BundleRejected("E_BUNDLE_PAYLOAD", what=str(exc)[:80]) from exc
    return items


def _is_int(v: Any) -> bool:
    return type(v) is int  # bool is a subclass of int: True must not pass as 1


def _check_items(kind: str, items: Any, seq_from: int, seq_to: int) -> None:
    """Envelope-level shape only; per-op meaning is judged at apply time (per-op codes)."""

    def bad(what: str) -> BundleRejected:
        return BundleRejected("E_BUNDLE_PAYLOAD", what=what)

    if not isinstance(items, list):
        raise bad("items")
    if kind == "ops":
        if len(items) != seq_to - seq_from + 1:
            raise bad("op count does not match the sequence range")
        for expect, op in enumerate(items, start=seq_from):
            if not isinstance(op, dict) or not _is_int(op.get("seq")) or op["seq"] != expect:
                raise bad(f"op seq {expect}")
            if not isinstance(op.get("op_id"), str) or not 0 < len(op["op_id"]) <= 64:
                raise bad(f"op_id at seq {expect}")
    else:
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("type"), str):
                raise bad("down item")
            if not isinstance(item.get("item_id"), str):
                raise bad("down item_id")
