"""Reading what a request carries, strictly: every malformed part is a coded 4xx.

Bodies are read with a hard cap (never buffer an unbounded upload); JSON bodies must be an
object; numbers in queries and headers are plain ASCII digits within range (Python's ``int``
would accept ``" 1_0 "`` or Arabic-Indic digits); identifiers have a bounded length.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request

from ztprotocol.codes import SyncRejected

_DIGITS = re.compile(r"[0-9]{1,16}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
MAX_ID = 128


def _format(what: str) -> SyncRejected:
    return SyncRejected("E_REQUEST_FORMAT", what=what)


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused as soon as it passes ``limit`` bytes: E_BUNDLE_TOO_LARGE where
    bundles travel (limits of 64 KiB and more), E_REQUEST_FORMAT for small JSON bodies."""

    def too_large() -> SyncRejected:
        if limit >= 65536:
            return SyncRejected("E_BUNDLE_TOO_LARGE", limit=limit)
        return SyncRejected("E_REQUEST_FORMAT", what="body", limit=limit)

    declared = request.headers.get("content-length")
    if declared is not None and _DIGITS.fullmatch(declared) and int(declared) > limit:
        raise too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def json_object(raw: bytes, what: str = "body") -> dict[str, Any]:
    """A JSON object (not an array, not a number), strictly UTF-8."""
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _format(what) from exc
    if not isinstance(value, dict):
        raise _format(what)
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def digits(text: str | None, what: str, *, lo: int = 0, hi: int = 2**53) -> int:
    """A non-negative integer written as ASCII digits, within [lo, hi]."""
    if text is None or not _DIGITS.fullmatch(text) or not lo <= int(text) <= hi:
        raise _format(what)
    return int(text)


def query_int(request: Request, name: str, *, lo: int = 0, hi: int = 2**53) -> int:
    return digits(request.query_params.get(name), name, lo=lo, hi=hi)


def ident(text: Any, what: str) -> str:
    """An identifier (device id, unit code, upload id …): a short printable string."""
    if not isinstance(text, str) or not 0 < len(text) <= MAX_ID or not text.isprintable():
        raise _format(what)
    return text


def query_ident(request: Request, name: str) -> str:
    return ident(request.query_params.get(name), name)


def sha256_hex(text: Any, what: str = "sha256") -> str:
    if not isinstance(text, str) or not _HEX64.fullmatch(text):
        raise SyncRejected("E_UPLOAD_HASH", what=what)
    return text
