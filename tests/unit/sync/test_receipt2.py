"""DZR2 compact receipts: size independent of clean ops, parts, strict checks, no values."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from ztprotocol import receipt2
from ztprotocol.codes import ReceiptRejected

KEY = ed25519.Ed25519PrivateKey.generate()
H = "ab" * 32
DEV = "0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000"


def parts(seq_from=101, seq_to=300, exceptions=(), status="applied", **kw):
    return receipt2.make_parts(
        bundle_hash=H,
        device=DEV,
        seq_from=seq_from,
        seq_to=seq_to,
        status=status,
        code=kw.get("code"),
        watermark=kw.get("watermark", seq_to),
        missing=kw.get("missing"),
        received_at="2026-12-01T10:00:00.000000Z",
        audit_head="cd" * 32,
        exceptions=list(exceptions),
        signing_key=KEY,
    )


def verify(data, **kw):
    args = {"bundle_hash": H, "device": DEV, "seq_from": 101, "seq_to": 300}
    args.update(kw)
    return receipt2.verify_part(data, trusted_keys=[KEY.public_key()], **args)


def test_size_does_not_grow_with_clean_ops():
    small = parts(101, 102)
    large = parts(101, 300)
    assert len(small) == len(large) == 1
    assert len(large[0]) == len(small[0])  # 2 clean ops or 200: the same bytes
    assert len(large[0]) < 480
    p = verify(large[0])
    assert p.ok == ((101, 300),) and p.exceptions == () and (p.part, p.parts) == (1, 1)
    assert p.synced_seqs == [(101, 300)]


def test_exceptions_outcomes_and_codes_only_and_split_in_parts():
    xs = [(110 + 2 * i, "conflict", "E_MERGE_CONFLICT", {"fields": ["phone"]}) for i in range(60)]
    xs.append((105, "rejected", "E_OP_INVALID", {"what": "keys"}))
    out = parts(exceptions=xs)
    assert len(out) == 4  # 61 exceptions, 16 a part
    got = [verify(d) for d in out]
    assert [(p.part, p.parts) for p in got] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    # the spans partition the bundle's range, and every seq is accounted for exactly once
    assert got[0].span[0] == 101 and got[-1].span[1] == 300
    assert all(got[i].span[1] + 1 == got[i + 1].span[0] for i in range(3))
    seqs = [s for p in got for a, b in p.ok for s in range(a, b + 1)]
    seqs += [x[0] for p in got for x in p.exceptions]
    assert sorted(seqs) == list(range(101, 301))
    synced = {s for p in got for a, b in p.synced_seqs for s in range(a, b + 1)}
    assert 105 not in synced and 110 in synced and 300 in synced  # rejected is not synced
    assert all(len(d) < 1600 for d in out)  # each part passes a link cut every 2 KB
    assert {tuple(sorted(x[3])) for p in got for x in p.exceptions} == {("fields",), ("what",)}


def test_held_receipt_has_no_outcomes():
    [d] = parts(status="held", code="E_BUNDLE_GAP", missing=[51, 100], watermark=50)
    p = verify(d)
    assert (p.status, p.code, p.missing, p.ok, p.exceptions) == (
        "held",
        "E_BUNDLE_GAP",
        [51, 100],
        (),
        (),
    )


def test_every_bit_flip_is_refused():
    [d] = parts(exceptions=[(120, "duplicate", "E_OP_DUPLICATE", {})])
    for i in range(len(d)):
        for bit in (0, 7):
            bad = bytearray(d)
            bad[i] ^= 1 << bit
            with pytest.raises(ReceiptRejected):
                verify(bytes(bad))


def test_wrong_bundle_device_or_old_watermark_is_stale():
    [d] = parts()
    for kw in ({"bundle_hash": "cd" * 32}, {"device": "x"}, {"seq_to": 301}):
        with pytest.raises(ReceiptRejected) as exc:
            verify(d, **kw)
        assert exc.value.code == "E_RECEIPT_STALE"
    with pytest.raises(ReceiptRejected) as exc:
        verify(d, min_watermark=301)
    assert exc.value.code == "E_RECEIPT_STALE"


def _signed(body):
    return receipt2._sign(body, KEY)


def test_the_ranges_must_add_up_even_when_signed():
    base = {
        "v": 2,
        "bundle": H,
        "device": DEV,
        "range": [101, 300],
        "status": "applied",
        "code": None,
        "watermark": 300,
        "missing": None,
        "at": "t",
        "audit": "a",
        "part": [1, 1],
        "span": [101, 300],
        "ok": [[101, 300]],
        "x": [],
    }
    for change in (
        {"ok": [[101, 299]]},  # seq 300 unaccounted for
        {"ok": [[101, 300]], "x": [[200, "conflict", None, {}]]},  # counted twice
        {"ok": [[101, 200], [150, 300]]},  # overlapping ranges
        {"ok": [[0, 2**52]]},  # wide and outside the span: refused without enumerating
        {"span": [90, 300]},
        {"status": "held", "ok": [[101, 300]]},
        {"x": [[101, "applied", None, {}]], "ok": [[102, 300]]},
    ):
        with pytest.raises(ReceiptRejected):
            _signed({**base, **change})
