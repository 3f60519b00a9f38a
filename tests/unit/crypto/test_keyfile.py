"""Key file: round trips, wrong secrets, rewrapping, escrow, the KDF floor (R3, R4, R5)."""

from __future__ import annotations

import json
import time
import unicodedata
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from ztclient.domain.errors import DomainError
from ztclient.infra.crypto import keyfile as keyfile_mod
from ztclient.infra.crypto.keyfile import DEFAULT_KDF, FLOOR_KDF, KdfParams, KeyFile

FAST = KdfParams(m=64, t=1, p=1)  # same as conftest.FAST; not imported (conftest is not a module)
PASSPHRASE = "正确 horse battery staple"  # conftest.PASSPHRASE


def _raw_public(sk: X25519PrivateKey) -> bytes:
    return sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _reforge(doc: dict) -> bytes:
    """Re-render a (modified) document with a fresh check value, as a deliberate forger would."""
    body = {k: v for k, v in doc.items() if k != "check"}
    return keyfile_mod._render({**body, "check": keyfile_mod._check_value(body)})


def test_round_trip_through_bytes_and_file(fast_keyfile, tmp_path):
    kf, dek, code = fast_keyfile
    assert isinstance(dek, bytearray) and len(dek) == 32
    data = kf.to_bytes()
    again = KeyFile.from_bytes(data, allow_weak=True)
    assert again.to_bytes() == data  # canonical: parse then render is the identity
    assert again.unlock(PASSPHRASE) == dek
    assert again.unlock_with_recovery(code) == dek
    path = tmp_path / "keyfile.json"
    kf.save(path)
    assert path.read_bytes() == data
    assert KeyFile.load(path, allow_weak=True).unlock(PASSPHRASE) == dek
    assert [p.name for p in tmp_path.iterdir()] == ["keyfile.json"]  # no temp file left


def test_every_create_is_fresh():
    a, dek_a, code_a = KeyFile.create(PASSPHRASE, kdf=FAST)
    b, dek_b, code_b = KeyFile.create(PASSPHRASE, kdf=FAST)
    assert dek_a != dek_b and code_a != code_b and a.file_id != b.file_id
    assert a.slots["passphrase"].salt != b.slots["passphrase"].salt
    assert a.slots["passphrase"].salt != a.slots["recovery"].salt


def test_real_parameters_meet_the_floor_and_load_without_allow_weak(real_keyfile, tmp_path):
    kf, dek, code = real_keyfile
    path = tmp_path / "keyfile.json"
    kf.save(path)
    stored = json.loads(path.read_text("utf-8"))
    for slot in ("passphrase", "recovery"):
        params = stored["slots"][slot]["kdf"]
        assert params["alg"] == "argon2id"
        assert params["m"] >= 64 * 1024 and params["t"] >= 3 and 1 <= params["p"] <= 4
    loaded = KeyFile.load(path)  # production path: no allow_weak
    assert not loaded.weak_ok
    assert loaded.kdf_params("passphrase") == DEFAULT_KDF
    started = time.perf_counter()
    assert loaded.unlock(PASSPHRASE) == dek
    elapsed = time.perf_counter() - started
    print(f"\nArgon2id m=64 MiB t=3 p=4 unlock: {elapsed:.3f} s")
    assert loaded.unlock_with_recovery(code) == dek


def test_wrong_passphrase_is_an_aead_failure_after_the_kdf(fast_keyfile, kdf_calls):
    kf, _, _ = fast_keyfile
    with pytest.raises(DomainError) as exc:
        kf.unlock(PASSPHRASE + " ")
    assert exc.value.code == "E_WRONG_PASSPHRASE"
    assert kdf_calls.calls == 1


def test_wrong_passphrase_with_real_parameters(real_keyfile):
    kf, _, _ = real_keyfile
    with pytest.raises(DomainError) as exc:
        kf.unlock("not the passphrase")
    assert exc.value.code == "E_WRONG_PASSPHRASE"


def test_passphrase_is_nfc_normalised():
    composed = unicodedata.normalize("NFC", "café 党支部")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    kf, dek, _ = KeyFile.create(composed, kdf=FAST)
    assert kf.unlock(decomposed) == dek


def test_empty_passphrase_refused():
    with pytest.raises(DomainError) as exc:
        KeyFile.create("", kdf=FAST)
    assert exc.value.code == "E_PASSPHRASE_EMPTY"


def test_weak_file_refused_unless_explicitly_allowed(fast_keyfile, tmp_path, kdf_calls):
    kf, _, _ = fast_keyfile
    path = tmp_path / "keyfile.json"
    kf.save(path)
    for attempt in (lambda: KeyFile.load(path), lambda: KeyFile.from_bytes(kf.to_bytes())):
        with pytest.raises(DomainError) as exc:
            attempt()
        assert exc.value.code == "E_KEYFILE_WEAK"
        assert exc.value.params == {"m": FAST.m, "t": FAST.t, "p": FAST.p}
    assert kdf_calls.calls == 0
    assert KeyFile.load(path, allow_weak=True).weak_ok


@pytest.mark.parametrize(
    "field, value",
    [("m", FLOOR_KDF.m - 1), ("t", FLOOR_KDF.t - 1), ("p", FLOOR_KDF.p + 1)],
)
def test_downgraded_real_file_is_weak_before_any_kdf(real_keyfile, kdf_calls, field, value):
    """A forger lowering the cost of one slot (with a recomputed check) is stopped by the floor."""
    doc = json.loads(real_keyfile[0].to_bytes())
    doc["slots"]["recovery"]["kdf"][field] = value
    with pytest.raises(DomainError) as exc:
        KeyFile.from_bytes(_reforge(doc))
    assert exc.value.code == "E_KEYFILE_WEAK"
    assert kdf_calls.calls == 0


def test_sub_floor_parameters_cannot_sneak_into_a_production_file(real_keyfile):
    kf, dek, _ = real_keyfile
    with pytest.raises(ValueError):
        kf.with_passphrase(dek, "new", kdf=FAST)


def test_unusable_parameters_refused_at_create():
    with pytest.raises(ValueError):
        KeyFile.create(PASSPHRASE, kdf=KdfParams(m=8, t=1, p=4))  # Argon2 needs m >= 8p
    with pytest.raises(ValueError):
        KeyFile.create(PASSPHRASE, kdf=KdfParams(m=True, t=1, p=1))  # type: ignore[arg-type]


# ----- rewrapping ---------------------------------------------------------------------------


def test_with_passphrase_rewraps_only(fast_keyfile):
    kf, dek, code = fast_keyfile
    new = kf.with_passphrase(dek, "新的口令 2026")
    assert new.unlock("新的口令 2026") == dek
    with pytest.raises(DomainError) as exc:
        new.unlock(PASSPHRASE)
    assert exc.value.code == "E_WRONG_PASSPHRASE"
    assert (new.file_id, new.dek_id) == (kf.file_id, kf.dek_id)
    assert new.slots["recovery"] == kf.slots["recovery"]
    assert new.slots["passphrase"].salt != kf.slots["passphrase"].salt
    assert new.unlock_with_recovery(code) == dek
    assert kf.unlock(PASSPHRASE) == dek  # immutable: the old object still works


def test_rewrap_with_a_foreign_key_is_refused(fast_keyfile):
    kf, dek, _ = fast_keyfile
    other = bytearray(dek)
    other[0] ^= 1
    for call in (
        lambda: kf.with_passphrase(other, "x"),
        lambda: kf.with_new_recovery(other),
        lambda: kf.add_escrow(other, _raw_public(X25519PrivateKey.generate())),
        lambda: kf.with_passphrase(dek[:31], "x"),
    ):
        with pytest.raises(ValueError):
            call()


def test_with_new_recovery_retires_the_old_code(fast_keyfile, kdf_calls):
    kf, dek, old_code = fast_keyfile
    new, new_code = kf.with_new_recovery(dek)
    assert new_code != old_code
    assert new.unlock_with_recovery(new_code) == dek
    assert new.slots["passphrase"] == kf.slots["passphrase"]
    with pytest.raises(DomainError) as exc:
        new.unlock_with_recovery(old_code)
    assert exc.value.code == "E_RECOVERY_CODE"


def test_recovery_typo_is_reported_before_the_kdf(fast_keyfile, kdf_calls):
    kf, _, code = fast_keyfile
    groups = code.split("-")
    wrong = "Z" if groups[2][0] != "Z" else "Y"
    groups[2] = wrong + groups[2][1:]
    with pytest.raises(DomainError) as exc:
        kf.unlock_with_recovery("-".join(groups))
    assert exc.value.code == "E_RECOVERY_CODE_TYPO"
    assert exc.value.params["group"] == 3
    assert kdf_calls.calls == 0


def test_recovery_accepts_what_a_clerk_types(fast_keyfile):
    kf, dek, code = fast_keyfile
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert kf.unlock_with_recovery(typed) == dek


def test_upgrading_a_weak_test_file_keeps_its_parameters(fast_keyfile):
    kf, dek, _ = fast_keyfile
    assert kf.with_passphrase(dek, "x").kdf_params() == FAST
    assert kf.with_new_recovery(dek)[0].kdf_params("recovery") == FAST


# ----- associated data binds the slot to its name and to this file --------------------------


def test_slot_moved_under_another_name_does_not_open(fast_keyfile):
    kf, dek, _ = fast_keyfile
    secret = PASSPHRASE.encode()
    as_recovery = kf._wrap(dek, secret, "recovery", FAST)  # right key, wrong slot name in AAD
    moved = kf._with_slot("passphrase", as_recovery)
    with pytest.raises(DomainError) as exc:
        moved.unlock(PASSPHRASE)
    assert exc.value.code == "E_WRONG_PASSPHRASE"
    proper = kf._with_slot("passphrase", kf._wrap(dek, secret, "passphrase", FAST))
    assert proper.unlock(PASSPHRASE) == dek  # the control: only the name differed


def test_slot_moved_into_another_file_does_not_open(fast_keyfile):
    kf, _, _ = fast_keyfile
    transplanted = replace(kf, file_id=bytes(16))
    with pytest.raises(DomainError) as exc:
        transplanted.unlock(PASSPHRASE)
    assert exc.value.code == "E_WRONG_PASSPHRASE"


# ----- escrow -------------------------------------------------------------------------------


def test_escrow_wrap_and_unwrap(fast_keyfile):
    kf, dek, _ = fast_keyfile
    org = X25519PrivateKey.generate()
    with_escrow = kf.add_escrow(dek, _raw_public(org))
    assert with_escrow.has_escrow and not kf.has_escrow
    again = KeyFile.from_bytes(with_escrow.to_bytes(), allow_weak=True)
    assert again.unlock_with_escrow(org) == dek
    raw = org.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    assert again.unlock_with_escrow(raw) == dek
    assert again.unlock(PASSPHRASE) == dek  # other slots unaffected


def test_escrow_errors(fast_keyfile):
    kf, dek, _ = fast_keyfile
    with pytest.raises(DomainError) as exc:
        kf.unlock_with_escrow(X25519PrivateKey.generate())
    assert exc.value.code == "E_ESCROW_NONE"
    org = X25519PrivateKey.generate()
    with_escrow = kf.add_escrow(dek, _raw_public(org))
    with pytest.raises(DomainError) as exc:
        with_escrow.unlock_with_escrow(X25519PrivateKey.generate())
    assert (exc.value.code, exc.value.params["reason"]) == ("E_ESCROW_KEY", "recipient")


@pytest.mark.parametrize("where", ["ct_enc", "ct_body", "ct_tag", "file_id", "dek_id"])
def test_tampered_escrow_is_rejected(fast_keyfile, where):
    """A forger who recomputes the check value still fails HPKE (InvalidTag -> E_ESCROW_KEY)."""
    kf, dek, _ = fast_keyfile
    org = X25519PrivateKey.generate()
    doc = json.loads(kf.add_escrow(dek, _raw_public(org)).to_bytes())
    if where.startswith("ct"):
        ct = bytearray.fromhex(doc["slots"]["escrow"]["ct"])
        ct[{"ct_enc": 0, "ct_body": 40, "ct_tag": len(ct) - 1}[where]] ^= 0x01
        doc["slots"]["escrow"]["ct"] = ct.hex()
    else:
        doc[where] = "00" * 16
    forged = KeyFile.from_bytes(_reforge(doc), allow_weak=True)
    with pytest.raises(DomainError) as exc:
        forged.unlock_with_escrow(org)
    assert (exc.value.code, exc.value.params["reason"]) == ("E_ESCROW_KEY", "tag")


def test_tampered_escrow_without_new_check_is_damaged(fast_keyfile):
    kf, dek, _ = fast_keyfile
    data = bytearray(kf.add_escrow(dek, _raw_public(X25519PrivateKey.generate())).to_bytes())
    at = data.index(b'"ct": "', data.index(b'"escrow"')) + 10
    data[at] = ord("0") if data[at] != ord("0") else ord("1")
    with pytest.raises(DomainError) as exc:
        KeyFile.from_bytes(bytes(data), allow_weak=True)
    assert exc.value.code == "E_KEYFILE_DAMAGED"


def test_missing_file_and_repr(tmp_path, fast_keyfile):
    with pytest.raises(DomainError) as exc:
        KeyFile.load(tmp_path / "nope.json")
    assert exc.value.code == "E_KEYFILE_MISSING"
    with pytest.raises(DomainError) as exc:
        KeyFile.load(tmp_path)
    assert exc.value.code == "E_KEYFILE_DAMAGED"
    kf = fast_keyfile[0]
    assert kf.slots["passphrase"].ct.hex() not in repr(kf)
