"""Canonical JSON: the one byte encoding of everything that is hashed, signed or compared.

It is the JSON Canonicalization Scheme, RFC 8785 (JCS), on the I-JSON subset (RFC 7493):

* object keys sorted by their UTF-16 code units, no duplicate keys, no insignificant
  whitespace, separators ``,`` and ``:``;
* strings as UTF-8 (not ``\\u`` escapes: Chinese text stays 3 bytes a character, which matters
  for bundle sizes), escaping only ``"``, ``\\`` and the control characters (``\\b \\t \\n \\f
  \\r`` in their short forms, the others as ``\\u00xx``); lone surrogates are refused;
* numbers as ECMAScript's ``Number.prototype.toString`` writes the IEEE double: integers as
  integers, ``2.5``, ``0.1``, ``1e-7``, and an integral float such as ``2.0`` as ``2``; numbers
  of magnitude above 2^53 − 1 (which a double cannot hold exactly) and NaN/Infinity are
  refused.

Why JCS and not "what Python's json writes": someone writing a compatible client or server in
another language can implement it from a published standard, and one number has one encoding.

:func:`parse_strict` is the inverse used on untrusted bytes: it refuses duplicate keys, NaN,
and any bytes that are not exactly the canonical encoding of what they parse to, because a
value that can be written two ways can be made to mean two things. :func:`parse_payload` is
the one relaxation: bundle payloads sealed by 0.1 clients wrote floats as Python does (``2.0``);
they are accepted in that form too (docs/sync-protocol.md §4.1).
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

MAX_SAFE_INTEGER = 2**53 - 1
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_SHORT_ESCAPES["\r"] = "\\r"


class NotCanonical(ValueError):
    """The value has no canonical encoding, or the bytes are not the canonical encoding."""


def canonical(obj: Any) -> bytes:
    """Encode ``obj`` by RFC 8785 (see the module docstring); raise :class:`NotCanonical`
    for what has no encoding (NaN, huge integers, non-string keys, other types)."""
    out: list[str] = []
    _write(obj, out, 0)
    try:
        return "".join(out).encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate
        raise NotCanonical("lone surrogate in a string") from exc


def _write(obj: Any, out: list[str], depth: int) -> None:
    if depth > 64:
        raise NotCanonical("nested too deeply")
    if obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif isinstance(obj, str):
        out.append(_string(obj))
    elif type(obj) is int:
        if abs(obj) > MAX_SAFE_INTEGER:
            raise NotCanonical("integer beyond ±(2^53 - 1)")
        out.append(str(obj))
    elif type(obj) is float:
        out.append(_number(obj))
    elif isinstance(obj, list | tuple):
        out.append("[")
        for i, item in enumerate(obj):
            if i:
                out.append(",")
            _write(item, out, depth + 1)
        out.append("]")
    elif isinstance(obj, dict):
        if not all(isinstance(k, str) for k in obj):
            raise NotCanonical("object keys must be strings")
        out.append("{")
        for i, key in enumerate(sorted(obj, key=_utf16)):
            if i:
                out.append(",")
            out.append(_string(key))
            out.append(":")
            _write(obj[key], out, depth + 1)
        out.append("}")
    else:
        raise NotCanonical(f"no JSON encoding for {type(obj).__name__}")


def _utf16(key: str) -> bytes:
    """Sort key: UTF-16 code units (RFC 8785 §3.2.3), not code points."""
    return key.encode("utf-16-be", "surrogatepass")


def _string(text: str) -> str:
    parts = ['"']
    for ch in text:
        if ch in _SHORT_ESCAPES:
            parts.append(_SHORT_ESCAPES[ch])
        elif ch < " ":
            parts.append(f"\\u{ord(ch):04x}")
        else:
            parts.append(ch)
    parts.append('"')
    return "".join(parts)


def _number(value: float) -> str:
    """ECMAScript Number::toString of a finite double (RFC 8785 §3.2.2.3).

    Python's ``repr`` gives the shortest digits that round-trip, as ECMAScript does; only the
    layout differs (where the point goes, when to switch to an exponent).
    """
    if not math.isfinite(value):
        raise NotCanonical("NaN and Infinity have no JSON encoding")
    if value == 0:
        return "0"  # -0 too
    if abs(value) > MAX_SAFE_INTEGER:
        raise NotCanonical("number beyond ±(2^53 - 1)")
    sign = "-" if value < 0 else ""
    digits_t = Decimal(repr(abs(value))).as_tuple()
    digits = "".join(map(str, digits_t.digits)).rstrip("0")
    exp = int(digits_t.exponent) + len(digits_t.digits)  # value = 0.DIGITS × 10^exp
    k, n = len(digits), exp
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
        e = n - 1
        body = f"{mantissa}e{'+' if e > 0 else '-'}{abs(e)}"
    return sign + body


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise NotCanonical(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise NotCanonical(f"constant {name} not allowed")


def _parse(data: bytes) -> Any:
    try:
        text = data.decode("utf-8")
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NotCanonical(str(exc)[:200]) from exc


def parse_strict(data: bytes) -> Any:
    """Parse canonical JSON; raise :class:`NotCanonical` unless re-encoding gives ``data``."""
    obj = _parse(data)
    if canonical(obj) != data:
        raise NotCanonical("not in canonical form")
    return obj


def _legacy(obj: Any) -> bytes:
    """How 0.1 wrote canonical JSON (Python's json, sorted keys, compact, UTF-8)."""
    return json.dumps(
        obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def parse_payload(data: bytes) -> Any:
    """:func:`parse_strict`, also accepting a bundle payload sealed by a 0.1 client (floats as
    Python writes them). Duplicate keys, NaN and any other non-canonical layout still fail."""
    obj = _parse(data)
    if canonical(obj) == data:
        return obj
    try:
        if _legacy(obj) == data:
            return obj
    except (ValueError, TypeError) as exc:  # pragma: no cover - parsed JSON always encodes
        raise NotCanonical(str(exc)) from exc
    raise NotCanonical("not in canonical form")
