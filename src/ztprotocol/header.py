"""The DZB1 header: a fixed binary layout (docs/sync-protocol.md §3.2).

Binary rather than JSON for two reasons: the header is read before decryption, so the less
there is to parse the better (every field has one exact encoding, so there is nothing to
canonicalise), and its ~180 bytes leave room in the size budget of a one-edit bundle
(≤ 1.15 × zlib-9 of the ops + 400 bytes) where a JSON header alone took over 400.

Layout (big-endian)::

    u8 v | u8 kind | u16 schema | recipient_kid (16) | bundle_id (16, UUID) |
    u64 seq_from | u64 seq_to | u32 n | prev (32) | audit_head (32) | u64 created |
    str unit | str device | u8 caps_count | str cap × caps_count        (str = u8 len ‖ UTF-8)
"""

from __future__ import annotations

import struct
import uuid
from typing import Any

from ztprotocol.codes import BundleRejected

FORMAT_VERSION = 1
PAYLOAD_SCHEMA = 1
KINDS = {"ops": 1, "down": 2}
KIND_NAMES = {v: k for k, v in KINDS.items()}
#: capabilities this reader knows; any other listed cap aborts. "audit1": the ops payload
#: carries the device's audit entries since its previous bundle (audit_section.py).
KNOWN_CAPS: frozenset[str] = frozenset({"audit1"})
MAX_SEQ = 2**53
_FIXED = struct.Struct(">BBH16s16sQQI32s32sQ")


def _bad(what: str) -> BundleRejected:
    return BundleRejected("E_BUNDLE_HEADER", what=what)


def _is_int(v: Any) -> bool:
    return type(v) is int  # bool is a subclass of int: True must not pass as 1


def _hex(value: Any, size: int, what: str) -> bytes:
    if not isinstance(value, str) or len(value) != size * 2 or value != value.lower():
        raise _bad(what)
    try:
        return bytes.fromhex(value)
    except ValueError as exc:
        raise _bad(what) from exc


def _str(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise _bad(what)
    raw = value.encode("utf-8")
    if not 0 < len(raw) <= 64:
        raise _bad(what)
    return bytes([len(raw)]) + raw


def encode_header(h: dict[str, Any]) -> bytes:
    """Encode (and so validate) a header dict; what this refuses, the reader refuses too."""
    if h.get("kind") not in KINDS:
        raise _bad("kind")
    for name in ("seq_from", "seq_to", "n", "created"):
        if not _is_int(h.get(name)) or h[name] < 0:
            raise _bad(name)
    if not 1 <= h["seq_from"] <= h["seq_to"] < MAX_SEQ:
        raise _bad("seq range")
    try:
        bundle_id = uuid.UUID(h["bundle_id"])
    except (ValueError, TypeError, AttributeError) as exc:
        raise _bad("bundle_id") from exc
    if str(bundle_id) != h["bundle_id"]:
        raise _bad("bundle_id")
    caps = h.get("caps", [])
    fixed = _FIXED.pack(
        FORMAT_VERSION,
        KINDS[h["kind"]],
        PAYLOAD_SCHEMA,
        _hex(h["recipient_kid"], 16, "recipient_kid"),
        bundle_id.bytes,
        h["seq_from"],
        h["seq_to"],
        h["n"],
        _hex(h["prev"], 32, "prev"),
        _hex(h["audit_head"], 32, "audit_head"),
        h["created"],
    )
    tail = _str(h["unit"], "unit") + _str(h["device"], "device") + bytes([len(caps)])
    return fixed + tail + b"".join(_str(c, "cap") for c in caps)


def decode_header(data: bytes) -> dict[str, Any]:
    """Strictly decode; every field checked, no trailing bytes."""
    if len(data) < _FIXED.size + 3:
        raise _bad("short")
    v, kind, schema, rkid, bid, seq_from, seq_to, n, prev, audit, created = _FIXED.unpack_from(data)
    if v != FORMAT_VERSION:
        raise BundleRejected("E_BUNDLE_VERSION", v=v)
    if kind not in KIND_NAMES:
        raise _bad("kind")
    if schema != PAYLOAD_SCHEMA:
        raise _bad("schema")
    if not 1 <= seq_from <= seq_to < MAX_SEQ:
        raise _bad("seq range")
    pos = _FIXED.size
    strings: list[str] = []

    def take() -> str:
        nonlocal pos
        if pos >= len(data):
            raise _bad("short")
        size = data[pos]
        raw = data[pos + 1 : pos + 1 + size]
        if size == 0 or size > 64 or len(raw) != size:
            raise _bad("string")
        pos += 1 + size
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _bad("utf-8") from exc

    unit, device = take(), take()
    if pos >= len(data):
        raise _bad("short")
    count = data[pos]
    pos += 1
    caps = [take() for _ in range(count)]
    if pos != len(data):
        raise _bad("trailing bytes")
    unknown = [c for c in caps if c not in KNOWN_CAPS]
    if unknown:
        raise BundleRejected("E_BUNDLE_CAPABILITY", caps=unknown)
    del strings
    return {
        "kind": KIND_NAMES[kind],
        "schema": schema,
        "recipient_kid": rkid.hex(),
        "bundle_id": str(uuid.UUID(bytes=bid)),
        "seq_from": seq_from,
        "seq_to": seq_to,
        "n": n,
        "prev": prev.hex(),
        "audit_head": audit.hex(),
        "created": created,
        "unit": unit,
        "device": device,
        "caps": caps,
    }
