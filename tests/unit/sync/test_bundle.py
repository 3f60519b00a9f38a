"""Bundle round trip, strict framing, tamper (every bit), truncation, and semantic rejects."""

from __future__ import annotations

import pytest
from tests.unit.sync.sync_world import make_ops

from ztprotocol.bundle import KeyInfo, open_bundle, peek_sender, seal_bundle
from ztprotocol.codes import BundleRejected


def _open(world, data, **kw):
    return open_bundle(
        data,
        key_lookup=kw.get("lookup", world.lookup),
        central_private_key=kw.get("key", world.central),
    )


def _code(world, data, **kw) -> str:
    with pytest.raises(BundleRejected) as exc:
        _open(world, data, **kw)
    return exc.value.code


def test_round_trip(world):
    data = world.seal()
    header, ops = _open(world, data)
    assert ops == make_ops(1, 3)
    assert (header.device, header.unit, header.seq_from, header.seq_to) == ("dev-1", "U001", 1, 3)
    assert header.sender_kid == world.device.sign_kid
    assert peek_sender(data) == (1, world.device.sign_kid)


def test_every_single_bit_flip_is_rejected(world):
    data = world.seal(1, 1)
    for i in range(len(data) * 8):
        flipped = bytearray(data)
        flipped[i // 8] ^= 1 << (i % 8)
        with pytest.raises(BundleRejected):
            _open(world, bytes(flipped))


def test_every_truncation_and_extension_is_rejected(world):
    data = world.seal(1, 1)
    codes = set()
    for n in range(len(data)):
        codes.add(_code(world, data[:n]))
    assert codes <= {"E_BUNDLE_TRUNCATED", "E_BUNDLE_FORMAT"}
    assert _code(world, data[:-1]) == "E_BUNDLE_TRUNCATED"
    assert _code(world, data + b"\0") == "E_BUNDLE_FORMAT"


def test_size_cap(world):
    data = world.seal()
    with pytest.raises(BundleRejected) as exc:
        open_bundle(
            data,
            key_lookup=world.lookup,
            central_private_key=world.central,
            max_bytes=len(data) - 1,
        )
    assert exc.value.code == "E_BUNDLE_TOO_LARGE"


def test_unknown_key_wrong_key_revoked(world):
    data = world.seal()
    assert _code(world, data, lookup=lambda kid: None) == "E_DEVICE_UNKNOWN"
    # the kid names dev-1's key but another key signed: the signature fails
    forged = world.seal(device_signing_key=world.other.sign)
    forged = forged[:8] + bytes.fromhex(world.device.sign_kid) + forged[24:]
    assert _code(world, forged) == "E_BUNDLE_SIGNATURE"
    # dev-2's genuine key claiming to be dev-1
    assert _code(world, world.seal(device_signing_key=world.other.sign)) == "E_DEVICE_KEY_MISMATCH"
    world.revoked.add(world.device.sign_kid)
    try:
        assert _code(world, data) == "E_DEVICE_REVOKED"
    finally:
        world.revoked.clear()


def test_wrong_recipient(world):
    from cryptography.hazmat.primitives.asymmetric import x25519

    other = x25519.X25519PrivateKey.generate()
    assert _code(world, world.seal(), key=other) == "E_BUNDLE_RECIPIENT"


def test_suite_ids(world):
    data = bytearray(world.seal())
    for suite, code in (
        (2, "E_SUITE_UNSUPPORTED"),
        (3, "E_SUITE_UNSUPPORTED"),
        (9, "E_SUITE_UNKNOWN"),
    ):
        data[6:8] = suite.to_bytes(2, "big")
        assert _code(world, bytes(data)) == code
    with pytest.raises(BundleRejected) as exc:
        world.seal(suite=2)
    assert exc.value.code == "E_SUITE_UNSUPPORTED"


def test_suite_not_allowed_for_device(world):
    def lookup(kid):
        info = world.lookup(kid)
        return KeyInfo(info.device, info.public_key, suites=frozenset({2})) if info else None

    assert _code(world, world.seal(), lookup=lookup) == "E_SUITE_NOT_ALLOWED"


def test_seal_refuses_bad_ranges(world):
    with pytest.raises(BundleRejected):
        world.seal(1, 3, items=make_ops(1, 2))
    with pytest.raises(BundleRejected):
        seal_bundle(
            make_ops(1, 1),
            device_id="d",
            unit_code="U",
            seq_from=True,
            seq_to=1,
            prev_hash="0" * 64,
            audit_head="0" * 64,
            device_signing_key=world.device.sign,
            central_public_key=world.central.public_key(),
        )
