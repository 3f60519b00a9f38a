"""The signed frame both receipt formats travel in (DZR1 and DZR2, docs/sync-protocol.md §5).

Layout::

    magic (5) | signer kid (16) | body_len u32 | body (canonical JSON) | sig (64)
    sig = Ed25519(signing key, sig_domain ‖ every byte before sig)

One copy of the rule every reader keeps: the size and framing first, then the signature over
the bytes as they came, and only then the body parsed (strictly canonical). ``peek`` reads one
field unverified, only to find the local record the verification then insists on.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519

from ztprotocol.canonical import NotCanonical, canonical, parse_strict
from ztprotocol.codes import ReceiptRejected
from ztprotocol.keys import kid_hex
from ztprotocol.suites import verify_ed25519

PREFIX = struct.Struct(">5s16sI")
SIG_LEN = 64


def seal(magic: bytes, sig_domain: bytes, body: Any, key: ed25519.Ed25519PrivateKey) -> bytes:
    """Frame and sign a body (the server side)."""
    raw = canonical(body)
    head = PREFIX.pack(magic, bytes.fromhex(kid_hex(key.public_key())), len(raw)) + raw
    return head + key.sign(sig_domain + head)


def open_frame(
    data: bytes,
    *,
    magic: bytes,
    sig_domain: bytes,
    max_len: int,
    key_lookup: Callable[[str], ed25519.Ed25519PublicKey | None],
) -> tuple[str, Any]:
    """(signer kid, parsed body) of a frame whose signature holds; raise :class:`ReceiptRejected`
    (E_RECEIPT_FORMAT with what = size / framing / the parse error, E_RECEIPT_SIGNATURE)."""
    if len(data) > max_len or len(data) < PREFIX.size + SIG_LEN:
        raise ReceiptRejected("E_RECEIPT_FORMAT", what="size")
    got, kid_raw, blen = PREFIX.unpack_from(data)
    if got != magic or len(data) != PREFIX.size + blen + SIG_LEN:
        raise ReceiptRejected("E_RECEIPT_FORMAT", what="framing")
    pub = key_lookup(kid_raw.hex())
    if pub is None or not verify_ed25519(pub, data[-SIG_LEN:], sig_domain + data[:-SIG_LEN]):
        raise ReceiptRejected("E_RECEIPT_SIGNATURE", kid=kid_raw.hex())
    try:
        body = parse_strict(data[PREFIX.size : -SIG_LEN])
    except NotCanonical as exc:
        raise ReceiptRejected("E_RECEIPT_FORMAT", what=str(exc)[:80]) from exc
    return kid_raw.hex(), body


def peek(data: bytes, magic: bytes, field: str) -> str | None:
    """One string field of a frame's body, unverified; None when it is not there or not ours."""
    try:
        if not data.startswith(magic) or len(data) < PREFIX.size + SIG_LEN:
            return None
        body = parse_strict(data[PREFIX.size : -SIG_LEN])
        value = body.get(field) if isinstance(body, dict) else None
        return value if isinstance(value, str) else None
    except (NotCanonical, ValueError):
        return None
