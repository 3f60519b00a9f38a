"""Shared fixtures for the key file tests: a cheap KDF and a counter on the real one."""

from __future__ import annotations

import pytest

from ztclient.infra.crypto import keyfile as keyfile_mod
from ztclient.infra.crypto.keyfile import KdfParams, KeyFile

# Argon2id's minimum cost: fast enough for hundreds of round trips. Only reachable through an
# explicit parameter, and load() refuses it without allow_weak=True (tested).
FAST = KdfParams(m=64, t=1, p=1)
PASSPHRASE = "正确 horse battery staple"


class KdfCounter:
    """Counts Argon2id runs so a test can prove a rejection happened before the slow KDF."""

    def __init__(self) -> None:
        self.calls = 0


@pytest.fixture
def kdf_calls(monkeypatch: pytest.MonkeyPatch) -> KdfCounter:
    counter = KdfCounter()
    real = keyfile_mod._derive_kek

    def counting(secret: bytes, salt: bytes, kdf: KdfParams) -> bytes:
        counter.calls += 1
        return real(secret, salt, kdf)

    monkeypatch.setattr(keyfile_mod, "_derive_kek", counting)
    return counter


@pytest.fixture
def fast_keyfile() -> tuple[KeyFile, bytearray, str]:
    """A key file with test-only KDF parameters: (keyfile, dek, recovery code)."""
    return KeyFile.create(PASSPHRASE, kdf=FAST)


@pytest.fixture(scope="module")
def real_keyfile() -> tuple[KeyFile, bytearray, str]:
    """A key file with the production parameters (about 0.7 s to make: two Argon2id runs)."""
    return KeyFile.create(PASSPHRASE)
