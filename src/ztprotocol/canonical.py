"""Canonical JSON: the one byte encoding for everything that is hashed, signed or compared.

Sorted keys, no spaces, UTF-8 (``ensure_ascii=False``: Chinese text stays 3 bytes a character,
not 6, which matters for the bundle-size budget), no NaN or Infinity. Headers use the ASCII
variant so that a header is plain 7-bit text in a hex dump.

:func:`parse_strict` is the inverse used on untrusted bytes: duplicate keys, NaN, non-canonical
spacing or ordering are all refused, because a value that can be written two ways can be made
to mean two things (two parsers disagreeing about a duplicate key is the classic case).
"""

from __future__ import annotations

import json
from typing import Any


class NotCanonical(ValueError):
    """The bytes are not the canonical encoding of any JSON value."""


def canonical(obj: Any, *, ascii_only: bool = False) -> bytes:
    """Encode ``obj`` canonically (sorted keys, compact separators, no NaN)."""
    return json.dumps(
        obj, ensure_ascii=ascii_only, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("ascii" if ascii_only else "utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise NotCanonical(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise NotCanonical(f"constant {name} not allowed")


def parse_strict(data: bytes, *, ascii_only: bool = False) -> Any:
    """Parse canonical JSON; raise :class:`NotCanonical` unless re-encoding gives ``data`` back."""
    try:
        text = data.decode("ascii" if ascii_only else "utf-8")
        obj = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NotCanonical(str(exc)) from exc
    try:
        again = canonical(obj, ascii_only=ascii_only)
    except (ValueError, TypeError) as exc:  # pragma: no cover - json.loads output always encodes
        raise NotCanonical(str(exc)) from exc
    if again != data:
        raise NotCanonical("not in canonical form")
    return obj
