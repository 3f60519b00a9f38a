"""Receipts (stale, forged, for another bundle), trust file (rollback, expiry, rotation),
enrolment MACs and device-key rotation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from ztprotocol import enrol
from ztprotocol.codes import SyncRejected
from ztprotocol.keys import DeviceKeys, check_rotation, make_rotation
from ztprotocol.receipt import sign_receipt, verify_receipt
from ztprotocol.trust import TrustFile, verify_trust


def body(bundle_id="b1", watermark=3):
    return {
        "bundle_id": bundle_id,
        "bundle_hash": "h1",
        "device": "d",
        "unit": "u",
        "seq_from": 1,
        "seq_to": 3,
        "status": "applied",
        "code": None,
        "watermark": watermark,
        "last_hash": "h1",
        "missing": None,
        "received_at": "2026-11-23T08:00:00Z",
        "audit_head": "a",
        "counts": {},
        "ops": [
            {
                "i": 0,
                "op_id": "x",
                "s": "conflict",
                "code": "E_MERGE_CONFLICT",
                "params": {"field": "phone"},
            }
        ],
    }


def code_of(fn, *a, **kw) -> str:
    with pytest.raises(SyncRejected) as exc:
        fn(*a, **kw)
    return exc.value.code


def test_receipt_verify_and_stale():
    key = ed25519.Ed25519PrivateKey.generate()
    data = sign_receipt(body(), key)
    r = verify_receipt(data, trusted_keys=[key.public_key()], bundle_id="b1", bundle_hash="h1")
    assert r.synced_op_ids == ["x"] and r.watermark == 3
    # an old receipt for another bundle, or showing an older watermark, is stale
    assert (
        code_of(
            verify_receipt, data, trusted_keys=[key.public_key()], bundle_id="b2", bundle_hash="h2"
        )
        == "E_RECEIPT_STALE"
    )
    assert (
        code_of(
            verify_receipt,
            data,
            trusted_keys=[key.public_key()],
            bundle_id="b1",
            bundle_hash="h1",
            min_watermark=4,
        )
        == "E_RECEIPT_STALE"
    )
    other = ed25519.Ed25519PrivateKey.generate()
    assert (
        code_of(
            verify_receipt,
            data,
            trusted_keys=[other.public_key()],
            bundle_id="b1",
            bundle_hash="h1",
        )
        == "E_RECEIPT_SIGNATURE"
    )


def _trust(version, roots, expires_days=30, signers=None):
    central = ed25519.Ed25519PrivateKey.generate()
    tf = TrustFile.build(
        version=version,
        expires=datetime.now(UTC) + timedelta(days=expires_days),
        root_keys=[r.public_key() for r in roots],
        central_sign=[central.public_key()],
        central_enc=[x25519.X25519PrivateKey.generate().public_key()],
    )
    return tf.sign(signers if signers is not None else roots)


def test_trust_pin_rollback_expiry_rotation():
    root1 = ed25519.Ed25519PrivateKey.generate()
    v1 = _trust(1, [root1])
    pinned = TrustFile.build  # noqa: F841 - keep the name for readers
    from ztprotocol.trust import parse_trust

    pin = parse_trust(v1)[0].signed["root"]["keys"]
    t1 = verify_trust(v1, pinned_root=pin)
    assert t1.version == 1
    v2 = _trust(2, [root1])
    t2 = verify_trust(v2, current=t1)
    assert code_of(verify_trust, v1, current=t2) == "E_TRUST_ROLLBACK"
    assert (
        code_of(verify_trust, _trust(3, [root1], expires_days=-1), current=t2) == "E_TRUST_EXPIRED"
    )
    # rotation to root2: new-only signature refused, old+new accepted
    root2 = ed25519.Ed25519PrivateKey.generate()
    assert code_of(verify_trust, _trust(3, [root2]), current=t2) == "E_TRUST_SIGNATURE"
    assert (
        code_of(verify_trust, _trust(3, [root2], signers=[root1]), current=t2)
        == "E_TRUST_SIGNATURE"
    )
    t3 = verify_trust(_trust(3, [root2], signers=[root1, root2]), current=t2)
    assert t3.root_kids != t2.root_kids
    # after rotation the old root alone can no longer sign
    assert (
        code_of(verify_trust, _trust(4, [root2], signers=[root1]), current=t3)
        == "E_TRUST_SIGNATURE"
    )
    # unanchored first install is refused
    assert code_of(verify_trust, v1) == "E_TRUST_SIGNATURE"


def test_enrolment_round_trip_and_wrong_code():
    keys = DeviceKeys.generate()
    code = enrol.new_code()
    req = enrol.make_request(code=code, unit="U001", device_id="dev-1", keys=keys)
    parsed = enrol.parse_request(req)
    code_id, secret = enrol.split_code(code)
    assert parsed.code_id == code_id
    enrol.check_request_mac(parsed, secret)
    assert (
        code_of(enrol.check_request_mac, parsed, enrol.split_code(enrol.new_code())[1])
        == "E_ENROL_CODE"
    )
    resp = enrol.make_response(secret=secret, unit="U001", device_id="dev-1", trust=b"{}")
    assert enrol.check_response(resp, code=code) == b"{}"
    assert code_of(enrol.check_response, resp, code=enrol.new_code()) == "E_ENROL_CODE"
    tampered = req.replace(b'"U001"', b'"U002"')
    assert code_of(enrol.parse_request, tampered) == "E_ENROL_FORMAT"


def test_device_key_rotation_needs_both_keys():
    old, new, evil = DeviceKeys.generate(), DeviceKeys.generate(), DeviceKeys.generate()
    stmt = make_rotation("dev-1", old, new)
    rot = check_rotation(stmt, old.sign.public_key())
    assert rot.device == "dev-1"
    assert (
        code_of(check_rotation, make_rotation("dev-1", evil, new), old.sign.public_key())
        == "E_ROTATION_SIGNATURE"
    )
    assert DeviceKeys.from_bytes(old.to_bytes()).sign_kid == old.sign_kid


def _flips(data: bytes):
    for i in range(len(data) * 8):
        out = bytearray(data)
        out[i // 8] ^= 1 << (i % 8)
        yield bytes(out)


def test_every_bit_flip_of_a_receipt_and_a_trust_file_is_rejected():
    key = ed25519.Ed25519PrivateKey.generate()
    receipt = sign_receipt(body(), key)
    for bad in _flips(receipt):
        assert code_of(
            verify_receipt, bad, trusted_keys=[key.public_key()], bundle_id="b1", bundle_hash="h1"
        ).startswith("E_RECEIPT_")
    root = ed25519.Ed25519PrivateKey.generate()
    trust = _trust(1, [root])
    from ztprotocol.trust import parse_trust

    pin = parse_trust(trust)[0].signed["root"]["keys"]
    verify_trust(trust, pinned_root=pin)
    for bad in _flips(trust):
        assert code_of(verify_trust, bad, pinned_root=pin).startswith("E_TRUST_")


def test_enrolment_and_rotation_parsers_only_reject():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    keys = DeviceKeys.generate()
    req = enrol.make_request(code=enrol.new_code(), unit="U", device_id="d", keys=keys)
    rot = make_rotation("d", keys, DeviceKeys.generate())

    @settings(max_examples=300, deadline=None)
    @given(st.integers(min_value=0), st.binary(min_size=1, max_size=8))
    def check(pos, chunk):
        for good, fn in (
            (req, enrol.parse_request),
            (rot, lambda d: check_rotation(d, keys.sign.public_key())),
        ):
            p = pos % len(good)
            bad = good[:p] + chunk + good[p + len(chunk) :]
            if bad == good:
                continue
            try:
                fn(bad)
            except SyncRejected:
                continue
            raise AssertionError("a mutated enrolment/rotation file was accepted")

    check()
