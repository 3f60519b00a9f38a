"""Hypothesis: arbitrary bytes and mutations meet only the parsers' own rejections."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.unit.sync.sync_world import World

from ztprotocol.bundle import open_bundle
from ztprotocol.canonical import NotCanonical, parse_strict
from ztprotocol.codes import SyncRejected
from ztprotocol.receipt import open_receipt, sign_receipt
from ztprotocol.trust import parse_trust

W = World()
REF = W.seal(1, 2)
SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _receipt_body():
    return {
        "bundle_id": "b",
        "bundle_hash": "h",
        "device": "d",
        "unit": "u",
        "seq_from": 1,
        "seq_to": 2,
        "status": "applied",
        "code": None,
        "watermark": 2,
        "last_hash": "h",
        "missing": None,
        "received_at": "t",
        "audit_head": "a",
        "counts": {"member": 2},
        "ops": [{"i": 0, "op_id": "x", "s": "applied", "code": None, "params": {}}],
    }


RECEIPT = sign_receipt(_receipt_body(), W.device.sign)


def _lookup(kid):
    return W.device.sign.public_key() if kid == W.device.sign_kid else None


@SETTINGS
@given(st.binary(max_size=2048))
def test_bundle_random_bytes(data):
    with contextlib.suppress(SyncRejected):
        open_bundle(data, key_lookup=W.lookup, central_private_key=W.central)


@SETTINGS
@given(
    st.binary(min_size=1, max_size=64),
    st.integers(min_value=0),
    st.sampled_from(["put", "ins", "del"]),
)
def test_bundle_mutations(chunk, pos, how):
    pos %= len(REF)
    if how == "put":
        data = REF[:pos] + chunk + REF[pos + len(chunk) :]
    elif how == "ins":
        data = REF[:pos] + chunk + REF[pos:]
    else:
        data = REF[:pos] + REF[pos + len(chunk) :]
    if data == REF:
        return
    try:
        open_bundle(data, key_lookup=W.lookup, central_private_key=W.central)
    except SyncRejected:
        return
    raise AssertionError("a mutated bundle was accepted")


@SETTINGS
@given(st.binary(max_size=1024))
def test_receipt_random_bytes(data):
    with contextlib.suppress(SyncRejected):
        open_receipt(data, key_lookup=_lookup)


@SETTINGS
@given(st.integers(min_value=0))
def test_receipt_bit_flips(bit):
    bit %= len(RECEIPT) * 8
    data = bytearray(RECEIPT)
    data[bit // 8] ^= 1 << (bit % 8)
    try:
        open_receipt(bytes(data), key_lookup=_lookup)
    except SyncRejected:
        return
    raise AssertionError("a flipped receipt was accepted")


@SETTINGS
@given(st.binary(max_size=1024))
def test_trust_and_canonical_random_bytes(data):
    with contextlib.suppress(SyncRejected):
        parse_trust(data)
    with contextlib.suppress(NotCanonical):
        parse_strict(data)
