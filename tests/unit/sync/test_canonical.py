"""Canonical JSON is RFC 8785 (JCS) on the I-JSON subset; one encoder for the whole house.

Number vectors are from RFC 8785 Appendix B (IEEE 754 bit patterns → expected text), written
here by hand; those above 2^53 are refused by design (the I-JSON subset), so they are listed
as refusals.
"""

from __future__ import annotations

import json
import math
import struct

import pytest

from ztprotocol.canonical import NotCanonical, canonical, parse_payload, parse_strict

APPENDIX_B = {
    "0000000000000000": "0",
    "8000000000000000": "0",
    "0000000000000001": "5e-324",
    "8000000000000001": "-5e-324",
    "44b52d02c7e14af5": None,  # 9.999999999999997e+22: above 2^53, refused
    "3eb0c6f7a0b5ed8c": "9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d": "0.000001",
    "41b3de4355555553": "333333333.3333332",
    "41b3de4355555554": "333333333.33333325",
    "41b3de4355555555": "333333333.3333333",
    "41b3de4355555556": "333333333.3333334",
    "41b3de4355555557": "333333333.33333343",
    "becbf647612f3696": "-0.0000033333333333333333",
    "43143ff3c1cb0959": "1424953923781206.2",
    "7fefffffffffffff": None,  # 1.7976931348623157e+308
}


def _double(bits: str) -> float:
    return struct.unpack(">d", bytes.fromhex(bits))[0]


@pytest.mark.parametrize(("bits", "text"), APPENDIX_B.items())
def test_numbers_as_rfc_8785_appendix_b(bits, text):
    value = _double(bits)
    if text is None:
        with pytest.raises(NotCanonical):
            canonical(value)
    else:
        assert canonical(value) == text.encode()


def test_layout_of_small_and_integral_numbers():
    assert canonical([2.0, 2.5, 0.1, 1e-7, 100.0, -3, 0]) == b"[2,2.5,0.1,1e-7,100,-3,0]"
    assert canonical(2**53 - 1) == b"9007199254740991"
    for bad in (2**53, -(2**53), float(2**53), math.nan, math.inf, -math.inf):
        with pytest.raises(NotCanonical):
            canonical(bad)


def test_strings_keys_and_escapes():
    obj = {"b": '张三\n\t"\\\x01\x7f', "a": [True, False, None], "\u00e9": 1, "\U0001f600": 2}
    text = canonical(obj).decode("utf-8")
    # keys by UTF-16 code units: 'a' < 'b' < 'é' (U+00E9) < '😀' (D83D DE00)
    assert text == '{"a":[true,false,null],"b":"张三\\n\\t\\"\\\\\\u0001\x7f","é":1,"😀":2}'
    assert parse_strict(text.encode("utf-8")) == obj


def test_utf16_order_differs_from_code_points():
    # U+FF61 sorts after U+1F600 by code point, before it by UTF-16 code units (D83D < FF61)
    assert canonical({"\uff61": 1, "\U0001f600": 2}) == '{"😀":2,"｡":1}'.encode()


def test_refuses_what_has_no_encoding():
    for bad in ({1: "x"}, {"s": {1, 2}}, b"bytes", "\ud800"):
        with pytest.raises(NotCanonical):
            canonical(bad)


def test_strict_parse_refuses_other_layouts():
    for bad in (
        b'{"b":1,"a":2}',  # unsorted
        b'{"a": 1}',  # space
        b'{"a":1,"a":1}',  # duplicate key
        b"[2.0]",  # integral float written with a point
        b"[NaN]",
        b'["\\u5f20"]',  # escaped where UTF-8 is canonical
        b"[1E+2]",
        b"[9007199254740993]",
        b"\xff",
    ):
        with pytest.raises(NotCanonical):
            parse_strict(bad)


def test_payload_parse_also_accepts_what_0_1_clients_sealed():
    legacy = json.dumps(
        [{"hours": 2.0, "b": 1, "a": "学习"}],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    assert legacy == '[{"a":"学习","b":1,"hours":2.0}]'.encode()
    with pytest.raises(NotCanonical):
        parse_strict(legacy)
    assert parse_payload(legacy) == [{"a": "学习", "b": 1, "hours": 2.0}]
    for bad in (b'[{"a":1,"a":1}]', b"[NaN]", b'[{"b":1,"a":2}]', b"[ 1]"):
        with pytest.raises(NotCanonical):
            parse_payload(bad)
