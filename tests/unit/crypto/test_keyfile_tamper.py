"""Key file parsing: every bit flip, truncation and schema violation is E_KEYFILE_DAMAGED.

All of these must be decided before Argon2id runs (the kdf_calls fixture proves it), so that a
damaged key file is reported as damaged and never as a wrong passphrase (R5).
"""

from __future__ import annotations

import json
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from ztclient.domain.errors import DomainError
from ztclient.infra.crypto import keyfile as keyfile_mod
from ztclient.infra.crypto.keyfile import KdfParams, KeyFile

FAST = KdfParams(m=64, t=1, p=1)  # same as conftest.FAST


def _code(data: bytes, allow_weak: bool = False) -> str:
    try:
        KeyFile.from_bytes(data, allow_weak=allow_weak)
    except DomainError as exc:
        return exc.code
    return "OK"


def _reforge(doc: dict) -> bytes:
    body = {k: v for k, v in doc.items() if k != "check"}
    return keyfile_mod._render({**body, "check": keyfile_mod._check_value(body)})


@pytest.fixture(scope="module")
def saved_file(real_keyfile, tmp_path_factory) -> bytes:
    """A real-parameter key file with all three slots, as written to disk."""
    kf, dek, _ = real_keyfile
    org = X25519PrivateKey.generate().public_key()
    raw = org.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    path = tmp_path_factory.mktemp("kf") / "keyfile.json"
    kf.add_escrow(dek, raw).save(path)
    return path.read_bytes()


def test_reference_file_is_accepted(saved_file):
    assert _code(saved_file) == "OK"


def test_every_single_bit_flip_is_damaged_without_running_the_kdf(saved_file, kdf_calls):
    started = time.perf_counter()
    flips = 0
    for i in range(len(saved_file)):
        for bit in range(8):
            damaged = bytearray(saved_file)
            damaged[i] ^= 1 << bit
            code = _code(bytes(damaged))
            assert code == "E_KEYFILE_DAMAGED", (i, bit, code)
            flips += 1
    elapsed = time.perf_counter() - started
    print(f"\n{flips} bit flips of a {len(saved_file)}-byte key file: all damaged, {elapsed:.2f} s")
    assert kdf_calls.calls == 0
    assert flips == 8 * len(saved_file) > 8000


def test_every_truncation_and_extension_is_damaged(saved_file, kdf_calls):
    for n in range(len(saved_file)):
        assert _code(saved_file[:n]) == "E_KEYFILE_DAMAGED", n
    for extra in (b"\n", b" ", b"\x00", b"{}", b"\r\n"):
        assert _code(saved_file + extra) == "E_KEYFILE_DAMAGED", extra
    assert _code(saved_file.replace(b"\n", b"\r\n")) == "E_KEYFILE_DAMAGED"
    assert _code(b"\xef\xbb\xbf" + saved_file) == "E_KEYFILE_DAMAGED"  # a BOM from Notepad
    assert kdf_calls.calls == 0


def test_damaged_file_on_disk_is_damaged_not_wrong_passphrase(saved_file, tmp_path, kdf_calls):
    data = bytearray(saved_file)
    data[len(data) // 2] ^= 0x10
    path = tmp_path / "keyfile.json"
    path.write_bytes(bytes(data))
    with pytest.raises(DomainError) as exc:
        KeyFile.load(path)
    assert exc.value.code == "E_KEYFILE_DAMAGED"
    assert kdf_calls.calls == 0


def _mutations():
    """(name, mutate(doc)) pairs: each breaks the schema but keeps a valid check value."""

    def set_path(path, value):
        def mutate(doc):
            node = doc
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value

        return mutate

    def delete(path):
        def mutate(doc):
            node = doc
            for key in path[:-1]:
                node = node[key]
            del node[path[-1]]

        return mutate

    pp = ("slots", "passphrase")
    return [
        ("t is a bool", set_path((*pp, "kdf", "t"), True)),
        ("m is a float", set_path((*pp, "kdf", "m"), 64.0)),
        ("m is a string", set_path((*pp, "kdf", "m"), "64")),
        ("m absurd", set_path((*pp, "kdf", "m"), 1 << 40)),
        ("p zero", set_path((*pp, "kdf", "p"), 0)),
        ("kdf alg", set_path((*pp, "kdf", "alg"), "argon2d")),
        ("aead", set_path((*pp, "aead"), "aes-128-gcm")),
        (
            "upper-case hex",
            lambda d: d["slots"]["passphrase"].update(
                nonce=d["slots"]["passphrase"]["nonce"].upper()
            ),
        ),
        (
            "short nonce",
            lambda d: d["slots"]["passphrase"].update(nonce=d["slots"]["passphrase"]["nonce"][:-2]),
        ),
        ("extra slot key", set_path((*pp, "note"), "x")),
        ("missing ct", delete((*pp, "ct"))),
        ("unknown slot", set_path(("slots", "fido"), {})),
        ("no recovery slot", delete(("slots", "recovery"))),
        ("extra top key", set_path(("created",), "2026-11-23")),
        ("format", set_path(("format",), "ZTK2")),
        ("version string", set_path(("version",), "1")),
        ("version bool", set_path(("version",), True)),
        ("version zero", set_path(("version",), 0)),
        ("file_id int", set_path(("file_id",), 7)),
        ("slots list", set_path(("slots",), [])),
    ]


@pytest.mark.parametrize("name, mutate", _mutations(), ids=[m[0] for m in _mutations()])
def test_schema_violations_with_a_valid_check_are_damaged(fast_keyfile, kdf_calls, name, mutate):
    doc = json.loads(fast_keyfile[0].to_bytes())
    mutate(doc)
    assert _code(_reforge(doc), allow_weak=True) == "E_KEYFILE_DAMAGED"
    assert kdf_calls.calls == 0


def test_non_canonical_layout_is_damaged(fast_keyfile):
    doc = json.loads(fast_keyfile[0].to_bytes())
    compact = json.dumps(doc, sort_keys=True).encode()
    assert _code(compact, allow_weak=True) == "E_KEYFILE_DAMAGED"
    duplicated = (
        fast_keyfile[0].to_bytes().replace(b'{\n  "check"', b'{\n  "format": "X",\n  "check"')
    )
    assert _code(duplicated, allow_weak=True) == "E_KEYFILE_DAMAGED"


def test_intact_file_from_a_newer_program_says_so(fast_keyfile):
    doc = json.loads(fast_keyfile[0].to_bytes())
    doc["version"] = 2
    with pytest.raises(DomainError) as exc:
        KeyFile.from_bytes(_reforge(doc), allow_weak=True)
    assert exc.value.code == "E_KEYFILE_VERSION"


def test_oversized_input_refused_before_parsing():
    assert _code(b" " * (keyfile_mod.MAX_FILE_BYTES + 1)) == "E_KEYFILE_DAMAGED"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_give_only_coded_errors(data):
    assert _code(data) in ("E_KEYFILE_DAMAGED", "E_KEYFILE_VERSION")


_json_leaf = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_json = st.recursive(
    _json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    path=st.lists(
        st.sampled_from(["slots", "passphrase", "recovery", "kdf", "m", "ct", "x"]),
        min_size=1,
        max_size=4,
    ),
    value=_json,
)
def test_random_structural_edits_give_only_coded_errors(path, value):
    """Hypothesis edits a valid document anywhere; the parser answers only with codes."""
    doc = json.loads(_FAST_DOC)
    node = doc
    for key in path[:-1]:
        if not isinstance(node, dict) or key not in node:
            break
        node = node[key]
    if isinstance(node, dict):
        node[path[-1]] = value
    try:
        data = _reforge(doc)
    except ValueError:  # NaN and friends cannot even be rendered; nothing to test
        return
    assert _code(data, allow_weak=True) in ("OK", "E_KEYFILE_DAMAGED", "E_KEYFILE_VERSION")


_FAST_DOC = KeyFile.create("p", kdf=FAST)[0].to_bytes()
