"""Chain keys of the audit trail: derivation, ids, wrapping of older epochs."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from ztclient.infra.crypto import audit_keys as ak


def _hkdf_by_hand(ikm: bytes, info: bytes, length: int = 32) -> bytes:
    """RFC 5869 with the standard library only (no salt = HashLen zero bytes)."""
    prk = hmac.new(b"\0" * 32, ikm, hashlib.sha256).digest()
    okm, block = b"", b""
    for i in range(1, -(-length // 32) + 1):
        block = hmac.new(prk, block + info + bytes([i]), hashlib.sha256).digest()
        okm += block
    return okm[:length]


def test_the_chain_key_is_hkdf_of_the_data_key_under_its_own_label():
    dek = bytearray(range(32))
    key = ak.derive_chain_key(dek)
    assert key == _hkdf_by_hand(bytes(dek), b"ztclient/audit-chain/v1\0")
    assert key != bytes(dek)
    # a different label gives an unrelated key: the data key is never used as an HMAC key
    assert key != _hkdf_by_hand(bytes(dek), b"ztclient/audit-chain/v2\0")


def test_key_ids_name_keys_without_revealing_them():
    a, b = secrets.token_bytes(32), secrets.token_bytes(32)
    assert ak.key_id(a) == ak.key_id(a) != ak.key_id(b)
    assert len(ak.key_id(a)) == 32 and a.hex()[:32] != ak.key_id(a)


def test_wrap_round_trip_and_refusals():
    old, current, other = (secrets.token_bytes(32) for _ in range(3))
    wrapped = ak.wrap(old, 1, current)
    assert bytes.fromhex(wrapped) != old
    assert ak.unwrap(wrapped, 1, current, ak.key_id(old)) == old
    assert ak.unwrap(wrapped, 1, other, ak.key_id(old)) is None  # not under this key
    assert ak.unwrap(wrapped, 2, current, ak.key_id(old)) is None  # another epoch's pad
    assert ak.unwrap("zz" * 32, 1, current, ak.key_id(old)) is None
    assert ak.unwrap(wrapped[:-2], 1, current, ak.key_id(old)) is None


def test_keyring_knows_the_current_epoch_and_unwraps_older_ones():
    dek_old, dek_new = secrets.token_bytes(32), secrets.token_bytes(32)
    k_old, k_new = ak.derive_chain_key(dek_old), ak.derive_chain_key(dek_new)
    rows = [
        {"epoch": 1, "key_id": ak.key_id(k_old), "wrapped": ak.wrap(k_old, 1, k_new)},
        {"epoch": 2, "key_id": ak.key_id(k_new), "wrapped": None},
        {"epoch": 3, "key_id": "ab" * 16, "wrapped": ak.wrap(secrets.token_bytes(32), 3, k_new)},
    ]
    ring = ak.Keyring.from_rows(dek_new, rows)
    assert ring.current_epoch == 2 and ring.current_key_id == ak.key_id(k_new)
    assert ring.has(1) and ring.has(2) and not ring.has(3)
    msg = b"ZTA2{}0000"
    assert ring.mac(1, msg) == hmac.new(k_old, msg, hashlib.sha256).hexdigest()
    assert ring.mac(2, msg) == hmac.new(k_new, msg, hashlib.sha256).hexdigest()
    assert ring.mac(3, msg) is None
    assert k_old.hex() not in repr(ring) and k_new.hex() not in repr(ring)


def test_a_new_data_key_is_unregistered_until_the_journal_registers_it():
    ring = ak.Keyring.from_rows(secrets.token_bytes(32), [])
    assert ring.current_epoch is None and ring.mac(1, b"x") is None
    ring.register(1)
    assert ring.current_epoch == 1 and ring.mac(1, b"x") is not None
