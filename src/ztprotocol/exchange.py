"""The lean exchange (protocol 2): one request and one response for a typical week.

Request (DZX1), body of ``POST /v2/exchange``::

    magic "DZX1\\n" (5) | u32 hello_len | hello (canonical JSON) | { u32 len | DZB1 bundle }*

Response (DZY1)::

    magic "DZY1\\n" (5) | u32 state_len | state (canonical JSON) | { u8 kind | u32 len | bytes }*
    kind 1 = a receipt part (DZR2), 2 = the trust file, 3 = a downlink bundle (DZB1)

Binary frames, so nothing is base64 inside JSON. The hello and the state are small canonical
JSON objects; everything that must be trusted inside them is also in signed frames (a receipt
part, a trust file, a downlink bundle), so the state is only ever a hint (docs/sync-protocol.md
§7.8). The parsers are strict and bounded: unauthenticated input meets fixed-size reads and a
size cap before anything else.
"""

from __future__ import annotations

import secrets
import struct
from dataclasses import dataclass, field
from typing import Any

from ztprotocol.canonical import NotCanonical, canonical, parse_strict
from ztprotocol.codes import ProtocolError

REQUEST_MAGIC = b"DZX1\n"
RESPONSE_MAGIC = b"DZY1\n"
MAX_HELLO = 16 * 1024
MAX_STATE = 64 * 1024
MAX_BUNDLES = 64
KIND_RECEIPT, KIND_TRUST, KIND_DOWN = 1, 2, 3
KINDS = (KIND_RECEIPT, KIND_TRUST, KIND_DOWN)
_U32 = struct.Struct(">I")
_FRAME = struct.Struct(">BI")
HELLO_KEYS = frozenset(
    {"v", "id", "device", "down", "trust", "unacked", "budget", "next", "have", "wm", "resync"}
)


def _bad(what: str) -> ProtocolError:
    return ProtocolError("E_EXCHANGE_FORMAT", what=what)


@dataclass(frozen=True)
class Hello:
    """Who asks, and what it already has: its downlink sequence and trust version, the
    bundles it sent earlier and still awaits answers for (hash, seq range, the next receipt
    part it needs), and how many response bytes its link has shown it can carry."""

    device: str
    down: int
    trust: int
    unacked: tuple[tuple[str, int, int, int], ...] = ()
    #: this request's own id (random): two syncs never send the same body, so the answer the
    #: centre keeps for a request (a retry after a lost answer) is never an older sync's
    id: str = ""
    budget: int = 256 * 1024
    next: int = 0  # the first sequence number the device sends next (0: nothing to say)
    have: int = 0  # the highest sequence number of its own ops the device still holds
    wm: int = 0  # the highest watermark it has seen in a receipt
    resync: bool = False  # it asks for the centre's record of it (a refused chain)

    def to_json(self) -> dict[str, Any]:
        return {
            "v": 1,
            "id": self.id or secrets.token_hex(8),
            "device": self.device,
            "down": self.down,
            "trust": self.trust,
            "unacked": [list(u) for u in self.unacked],
            "budget": self.budget,
            "next": self.next,
            "have": self.have,
            "wm": self.wm,
            "resync": self.resync,
        }


@dataclass
class Response:
    state: dict[str, Any]
    receipts: list[bytes] = field(default_factory=list)
    trust: bytes | None = None
    down: list[bytes] = field(default_factory=list)


def encode_request(hello: Hello, bundles: list[bytes]) -> bytes:
    head = canonical(hello.to_json())
    return b"".join(
        [REQUEST_MAGIC, _U32.pack(len(head)), head, *(_U32.pack(len(b)) + b for b in bundles)]
    )


def _is_nat(v: Any) -> bool:
    return type(v) is int and v >= 0


def decode_request(data: bytes, *, max_bytes: int) -> tuple[Hello, list[bytes]]:
    """Strict: the magic, a bounded hello of exactly the known keys, then whole bundle frames
    and nothing after them. E_EXCHANGE_FORMAT for anything else."""
    if len(data) > max_bytes:
        raise ProtocolError("E_BUNDLE_TOO_LARGE", size=len(data), limit=max_bytes)
    if not data.startswith(REQUEST_MAGIC) or len(data) < len(REQUEST_MAGIC) + 4:
        raise _bad("magic")
    at = len(REQUEST_MAGIC)
    (hlen,) = _U32.unpack_from(data, at)
    at += 4
    if hlen > MAX_HELLO or at + hlen > len(data):
        raise _bad("hello length")
    try:
        obj = parse_strict(data[at : at + hlen])
    except NotCanonical as exc:
        raise _bad("hello") from exc
    at += hlen
    hello = _hello(obj)
    bundles: list[bytes] = []
    while at < len(data):
        if len(bundles) == MAX_BUNDLES or at + 4 > len(data):
            raise _bad("bundle frame")
        (blen,) = _U32.unpack_from(data, at)
        at += 4
        if blen == 0 or at + blen > len(data):
            raise _bad("bundle frame")
        bundles.append(data[at : at + blen])
        at += blen
    return hello, bundles


def _hello(obj: Any) -> Hello:
    if not isinstance(obj, dict) or set(obj) != HELLO_KEYS or obj["v"] != 1:
        raise _bad("hello keys")
    dev = obj["device"]
    if not isinstance(dev, str) or not 0 < len(dev) <= 64:
        raise _bad("device")
    if not isinstance(obj["id"], str) or not 0 < len(obj["id"]) <= 64:
        raise _bad("id")
    if not all(_is_nat(obj[k]) for k in ("down", "trust", "budget", "next", "have", "wm")):
        raise _bad("numbers")
    if type(obj["resync"]) is not bool:
        raise _bad("resync")
    un = obj["unacked"]
    if not isinstance(un, list) or len(un) > 1024:
        raise _bad("unacked")
    for u in un:
        if not (
            isinstance(u, list)
            and len(u) == 4
            and isinstance(u[0], str)
            and len(u[0]) == 64
            and all(_is_nat(x) for x in u[1:])
            and 1 <= u[1] <= u[2]
        ):
            raise _bad("unacked")
    return Hello(
        dev,
        obj["down"],
        obj["trust"],
        tuple(tuple(u) for u in un),
        obj["id"],
        obj["budget"],
        obj["next"],
        obj["have"],
        obj["wm"],
        obj["resync"],
    )


def encode_response(resp: Response) -> bytes:
    head = canonical(resp.state)
    frames = [(KIND_RECEIPT, r) for r in resp.receipts]
    if resp.trust is not None:
        frames.append((KIND_TRUST, resp.trust))
    frames += [(KIND_DOWN, d) for d in resp.down]
    return b"".join(
        [RESPONSE_MAGIC, _U32.pack(len(head)), head]
        + [_FRAME.pack(kind, len(b)) + b for kind, b in frames]
    )


def decode_response(data: bytes) -> Response:
    """Strict framing; each frame is then verified by its own reader (receipt, trust, DZB)."""
    if not data.startswith(RESPONSE_MAGIC) or len(data) < len(RESPONSE_MAGIC) + 4:
        raise _bad("magic")
    at = len(RESPONSE_MAGIC)
    (slen,) = _U32.unpack_from(data, at)
    at += 4
    if slen > MAX_STATE or at + slen > len(data):
        raise _bad("state length")
    try:
        state = parse_strict(data[at : at + slen])
    except NotCanonical as exc:
        raise _bad("state") from exc
    if not isinstance(state, dict):
        raise _bad("state")
    at += slen
    resp = Response(state)
    while at < len(data):
        if at + _FRAME.size > len(data):
            raise _bad("frame")
        kind, flen = _FRAME.unpack_from(data, at)
        at += _FRAME.size
        if kind not in KINDS or flen == 0 or at + flen > len(data):
            raise _bad("frame")
        body = data[at : at + flen]
        at += flen
        if kind == KIND_RECEIPT:
            resp.receipts.append(body)
        elif kind == KIND_TRUST:
            if resp.trust is not None:
                raise _bad("two trust files")
            resp.trust = body
        else:
            resp.down.append(body)
    return resp
