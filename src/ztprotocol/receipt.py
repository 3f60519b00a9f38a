"""Signed receipts (回执): the server's answer for one bundle, with a coded status per op.

Layout (docs/sync-protocol.md §5)::

    magic "DZR1\\n" (5) | signer kid (16) | body_len u32 | body (canonical JSON) | sig (64)
    sig = Ed25519(central signing key, "DZR1/sig\\0" ‖ every byte before sig)

The client promotes outbox rows from in_flight to synced only after :func:`verify_receipt`
succeeds for the bundle it actually sent, so a lost, forged or old receipt can never mark
unsent work as done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519

from ztprotocol import signed_frame
from ztprotocol.codes import ReceiptRejected
from ztprotocol.keys import kid_hex

MAGIC = b"DZR1\n"
SIG_DOMAIN = b"DZR1/sig\0"
MAX_RECEIPT = 4 * 1024 * 1024
#: bundle-level statuses
BUNDLE_STATUSES = ("applied", "held", "quarantined", "rejected")
#: per-op statuses
OP_STATUSES = ("applied", "duplicate", "conflict", "rejected")
BODY_KEYS = frozenset(
    {
        "v",
        "bundle_id",
        "bundle_hash",
        "device",
        "unit",
        "seq_from",
        "seq_to",
        "status",
        "code",
        "watermark",
        "last_hash",
        "missing",
        "received_at",
        "audit_head",
        "ops",
        "counts",
    }
)


@dataclass(frozen=True)
class Receipt:
    """A verified receipt. ``ops`` items: ``{"i", "op_id", "s", "code", "params"}``."""

    bundle_id: str
    bundle_hash: str
    device: str
    unit: str
    seq_from: int
    seq_to: int
    status: str
    code: str | None
    watermark: int
    last_hash: str
    missing: list[int] | None
    received_at: str
    audit_head: str
    ops: list[dict[str, Any]]
    counts: dict[str, int]
    signer_kid: str
    raw: bytes

    @property
    def synced_op_ids(self) -> list[str]:
        """op_ids the client may mark synced: applied, duplicate, or applied-with-conflict."""
        return [o["op_id"] for o in self.ops if o["s"] in ("applied", "duplicate", "conflict")]


def sign_receipt(body: dict[str, Any], signing_key: ed25519.Ed25519PrivateKey) -> bytes:
    """Encode and sign a receipt body (the server side)."""
    full = {"v": 1, **body}
    _check_body(full)
    return signed_frame.seal(MAGIC, SIG_DOMAIN, full, signing_key)


def open_receipt(
    data: bytes, *, key_lookup: Callable[[str], ed25519.Ed25519PublicKey | None]
) -> Receipt:
    """Verify the signature first, then parse; raise :class:`ReceiptRejected`."""
    kid, body = signed_frame.open_frame(
        data, magic=MAGIC, sig_domain=SIG_DOMAIN, max_len=MAX_RECEIPT, key_lookup=key_lookup
    )
    _check_body(body)
    return Receipt(signer_kid=kid, raw=data, **{k: v for k, v in body.items() if k != "v"})


def peek_bundle_id(data: bytes) -> str | None:
    """The bundle a receipt claims to answer, unverified (to find our bundle, whose id and
    hash the verification then insists on)."""
    return signed_frame.peek(data, MAGIC, "bundle_id")


def verify_receipt(
    data: bytes,
    *,
    trusted_keys: Iterable[ed25519.Ed25519PublicKey],
    bundle_id: str,
    bundle_hash: str,
    min_watermark: int = 0,
) -> Receipt:
    """The client's check: signed by a trusted central key, for *this* bundle, not older.

    ``min_watermark`` is the highest watermark the client has already seen in a verified
    receipt; a receipt showing less is an old one replayed (E_RECEIPT_STALE).
    """
    keys = {kid_hex(k): k for k in trusted_keys}
    receipt = open_receipt(data, key_lookup=keys.get)
    if receipt.bundle_id != bundle_id or receipt.bundle_hash != bundle_hash:
        raise ReceiptRejected("E_RECEIPT_STALE", bundle_id=receipt.bundle_id)
    if receipt.watermark < min_watermark:
        raise ReceiptRejected("E_RECEIPT_STALE", watermark=receipt.watermark)
    return receipt


def _check_body(b: Any) -> None:
    def bad(what: str) -> ReceiptRejected:
        return ReceiptRejected("E_RECEIPT_FORMAT", what=what)

    if not isinstance(b, dict) or set(b) != BODY_KEYS or b["v"] != 1 or type(b["v"]) is not int:
        raise bad("keys")
    for name in (
        "bundle_id",
        "bundle_hash",
        "device",
        "unit",
        "last_hash",
        "received_at",
        "audit_head",
    ):
        if not isinstance(b[name], str):
            raise bad(name)
    for name in ("seq_from", "seq_to", "watermark"):
        if type(b[name]) is not int or b[name] < 0:
            raise bad(name)
    if b["status"] not in BUNDLE_STATUSES:
        raise bad("status")
    if b["code"] is not None and not isinstance(b["code"], str):
        raise bad("code")
    m = b["missing"]
    if m is not None and not (
        isinstance(m, list) and len(m) == 2 and all(type(x) is int for x in m) and m[0] <= m[1]
    ):
        raise bad("missing")
    if not isinstance(b["counts"], dict) or not all(
        isinstance(k, str) and type(v) is int for k, v in b["counts"].items()
    ):
        raise bad("counts")
    if not isinstance(b["ops"], list):
        raise bad("ops")
    for op in b["ops"]:
        if (
            not isinstance(op, dict)
            or set(op) != {"i", "op_id", "s", "code", "params"}
            or type(op["i"]) is not int
            or not isinstance(op["op_id"], str)
            or op["s"] not in OP_STATUSES
            or (op["code"] is not None and not isinstance(op["code"], str))
            or not isinstance(op["params"], dict)
        ):
            raise bad("op")
