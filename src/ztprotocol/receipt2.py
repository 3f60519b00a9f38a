"""Compact signed receipts (DZR2, 回执第2版): ranges plus exceptions, in parts.

A DZR1 receipt listed every op (~100 bytes each), so the receipt of a 200-change bundle was
~21 KB and could never come back through a link that drops every few kilobytes. A DZR2
receipt says which sequence numbers applied cleanly as **ranges** and lists only the
**exceptions** (duplicate, conflict, rejected), so its size does not grow with the number of
clean ops. A receipt with many exceptions is cut into **parts**, each signed on its own and
covering a contiguous span of the bundle's range, so it can be fetched again piece by piece.

Outcomes and codes only: a conflict's values (phone numbers …) are never in a receipt; they go
down encrypted to the device as a ``conflict`` downlink item (docs/sync-protocol.md §5).

Layout::

    magic "DZR2\\n" (5) | signer kid (16) | body_len u32 | body (canonical JSON) | sig (64)
    sig = Ed25519(central signing key, "DZR2/sig\\0" ‖ every byte before sig)

Body: ``{"v": 2, "bundle": hash, "device", "range": [from, to], "status", "code",
"watermark", "missing", "at", "audit", "part": [k, n], "span": [a, b], "ok": [[a, b] …],
"x": [[seq, status, code, params] …]}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519

from ztprotocol import signed_frame
from ztprotocol.codes import ReceiptRejected
from ztprotocol.keys import kid_hex

MAGIC = b"DZR2\n"
SIG_DOMAIN = b"DZR2/sig\0"
MAX_PART = 64 * 1024
#: exceptions per part: a part stays under ~1.5 KB, small enough for the poorest link
EXCEPTIONS_PER_PART = 16
BUNDLE_STATUSES = ("applied", "held", "quarantined", "rejected")
EXCEPTION_STATUSES = ("duplicate", "conflict", "rejected")
BODY_KEYS = frozenset(
    {
        "v",
        "bundle",
        "device",
        "range",
        "status",
        "code",
        "watermark",
        "missing",
        "at",
        "audit",
        "part",
        "span",
        "ok",
        "x",
    }
)


@dataclass(frozen=True)
class ReceiptPart:
    """A verified part of a receipt. ``ok``: clean seq ranges; ``x``: (seq, status, code,
    params) for the exceptions, all within ``span``."""

    bundle_hash: str
    device: str
    seq_from: int
    seq_to: int
    status: str
    code: str | None
    watermark: int
    missing: list[int] | None
    received_at: str
    audit_head: str
    part: int
    parts: int
    span: tuple[int, int]
    ok: tuple[tuple[int, int], ...]
    exceptions: tuple[tuple[int, str, str | None, dict[str, Any]], ...]
    signer_kid: str
    raw: bytes

    @property
    def synced_seqs(self) -> list[tuple[int, int]]:
        """Ranges the client may mark synced: clean ops, duplicates and conflicts (applied
        with a flag). Rejected ops are not among them."""
        out = list(self.ok)
        out += [(s, s) for s, st, _c, _p in self.exceptions if st != "rejected"]
        return sorted(out)


def _ranges(seqs: Iterable[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for s in sorted(seqs):
        if out and out[-1][1] == s - 1:
            out[-1][1] = s
        else:
            out.append([s, s])
    return out


def make_parts(
    *,
    bundle_hash: str,
    device: str,
    seq_from: int,
    seq_to: int,
    status: str,
    code: str | None,
    watermark: int,
    missing: list[int] | None,
    received_at: str,
    audit_head: str,
    exceptions: list[tuple[int, str, str | None, dict[str, Any]]],
    signing_key: ed25519.Ed25519PrivateKey,
    per_part: int = EXCEPTIONS_PER_PART,
) -> list[bytes]:
    """The signed parts of one receipt (the server side). ``exceptions`` are the ops that did
    not apply cleanly; every other seq of an applied bundle counts as clean."""
    xs = sorted(exceptions)
    chunks = [xs[i : i + per_part] for i in range(0, len(xs), per_part)] or [[]]
    spans: list[tuple[int, int]] = []
    start = seq_from
    for i, chunk in enumerate(chunks):
        end = seq_to if i == len(chunks) - 1 else chunk[-1][0]
        spans.append((start, end))
        start = end + 1
    parts = []
    for i, (chunk, (a, b)) in enumerate(zip(chunks, spans, strict=True)):
        taken = {s for s, *_ in chunk}
        clean = [s for s in range(a, b + 1) if s not in taken] if status == "applied" else []
        body = {
            "v": 2,
            "bundle": bundle_hash,
            "device": device,
            "range": [seq_from, seq_to],
            "status": status,
            "code": code,
            "watermark": watermark,
            "missing": missing,
            "at": received_at,
            "audit": audit_head,
            "part": [i + 1, len(chunks)],
            "span": [a, b],
            "ok": _ranges(clean),
            "x": [[s, st, c, p] for s, st, c, p in chunk],
        }
        parts.append(_sign(body, signing_key))
    return parts


def _sign(body: dict[str, Any], key: ed25519.Ed25519PrivateKey) -> bytes:
    _check(body)
    return signed_frame.seal(MAGIC, SIG_DOMAIN, body, key)


def peek_bundle(data: bytes) -> str | None:
    """The bundle hash a part claims to answer, unverified (to find our bundle, whose hash the
    verification then insists on)."""
    return signed_frame.peek(data, MAGIC, "bundle")


def open_part(
    data: bytes, *, key_lookup: Callable[[str], ed25519.Ed25519PublicKey | None]
) -> ReceiptPart:
    """Verify the signature first, then parse strictly; raise :class:`ReceiptRejected`."""
    kid, b = signed_frame.open_frame(
        data, magic=MAGIC, sig_domain=SIG_DOMAIN, max_len=MAX_PART, key_lookup=key_lookup
    )
    _check(b)
    return ReceiptPart(
        bundle_hash=b["bundle"],
        device=b["device"],
        seq_from=b["range"][0],
        seq_to=b["range"][1],
        status=b["status"],
        code=b["code"],
        watermark=b["watermark"],
        missing=b["missing"],
        received_at=b["at"],
        audit_head=b["audit"],
        part=b["part"][0],
        parts=b["part"][1],
        span=(b["span"][0], b["span"][1]),
        ok=tuple((r[0], r[1]) for r in b["ok"]),
        exceptions=tuple((x[0], x[1], x[2], x[3]) for x in b["x"]),
        signer_kid=kid,
        raw=data,
    )


def verify_part(
    data: bytes,
    *,
    trusted_keys: Iterable[ed25519.Ed25519PublicKey],
    bundle_hash: str,
    device: str,
    seq_from: int,
    seq_to: int,
    min_watermark: int = 0,
) -> ReceiptPart:
    """The client's check: signed by a trusted central key, for *this* bundle of *this*
    device, not older than what it has seen (E_RECEIPT_STALE otherwise)."""
    keys = {kid_hex(k): k for k in trusted_keys}
    part = open_part(data, key_lookup=keys.get)
    if (part.bundle_hash, part.device, part.seq_from, part.seq_to) != (
        bundle_hash,
        device,
        seq_from,
        seq_to,
    ):
        raise ReceiptRejected("E_RECEIPT_STALE", what="bundle")
    if part.watermark < min_watermark:
        raise ReceiptRejected("E_RECEIPT_STALE", watermark=part.watermark)
    return part


def _is_int(v: Any) -> bool:
    return type(v) is int and v >= 0


def _pair(v: Any) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(_is_int(x) for x in v) and v[0] <= v[1]


def _check(b: Any) -> None:
    """Strict shape, and the ranges add up: every seq of the span is accounted for once."""

    def bad(what: str) -> ReceiptRejected:
        return ReceiptRejected("E_RECEIPT_FORMAT", what=what)

    if not isinstance(b, dict) or set(b) != BODY_KEYS or b["v"] != 2 or type(b["v"]) is not int:
        raise bad("keys")
    for name in ("bundle", "device", "at", "audit"):
        if not isinstance(b[name], str) or not 0 < len(b[name]) <= 64:
            raise bad(name)
    if not _is_int(b["watermark"]) or b["status"] not in BUNDLE_STATUSES:
        raise bad("status")
    if b["code"] is not None and not isinstance(b["code"], str):
        raise bad("code")
    if b["missing"] is not None and not _pair(b["missing"]):
        raise bad("missing")
    if not (_pair(b["range"]) and _pair(b["span"]) and _pair(b["part"])):
        raise bad("range")
    (lo, hi), (a, z), (k, n) = b["range"], b["span"], b["part"]
    if not (lo <= a <= z <= hi and 1 <= k <= n):
        raise bad("span")
    if not isinstance(b["ok"], list) or not all(_pair(r) for r in b["ok"]):
        raise bad("ok")
    xs = b["x"]
    if not isinstance(xs, list) or len(xs) > 4 * EXCEPTIONS_PER_PART:
        raise bad("x")
    for x in xs:
        if not (
            isinstance(x, list)
            and len(x) == 4
            and _is_int(x[0])
            and x[1] in EXCEPTION_STATUSES
            and (x[2] is None or isinstance(x[2], str))
            and isinstance(x[3], dict)
        ):
            raise bad("x")
    # counted, never enumerated: a range may be wide
    ok = b["ok"]
    if any(r[0] < a or r[1] > z for r in ok) or any(
        ok[i][1] >= ok[i + 1][0] for i in range(len(ok) - 1)
    ):
        raise bad("ok order")
    singles = [x[0] for x in xs]
    if len(set(singles)) != len(singles) or any(not a <= s <= z for s in singles):
        raise bad("x order")
    if any(r[0] <= s <= r[1] for s in singles for r in ok):
        raise bad("overlap")
    counted = sum(r[1] - r[0] + 1 for r in ok) + len(singles)
    if b["status"] == "applied" and counted != z - a + 1:
        raise bad("incomplete")
    if b["status"] != "applied" and counted:
        raise bad("not applied")
