"""Argon2id derivations remembered across the test run's CLI processes (tests/helpers.run_cli).

The same passphrase, salt and parameters give the same key, and a CLI test runs ztclient-cli
several times on one unit, each run deriving the key again (~0.3 s of a ~0.75 s run). Each
derivation's result is kept in the run's folder ``$ZT_TEST_KDF_MEMO`` (made and removed by
tests/conftest.py), named by a digest of its inputs: inputs not seen before in the run derive as
always, so every unit a test makes still goes through the real Argon2id once. The program is
otherwise the one a clerk runs; the first-run, frozen and installer tests never use this.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

ENV = "ZT_TEST_KDF_MEMO"


def install() -> None:
    folder = os.environ.get(ENV)
    if not folder:
        return
    from ztclient.infra.crypto import keyfile

    derive = keyfile._derive_kek

    def remembered(secret: bytes, salt: bytes, kdf) -> bytes:
        inputs = b"\0".join([secret, salt, repr((kdf.m, kdf.t, kdf.p)).encode()])
        path = Path(folder) / hashlib.sha256(inputs).hexdigest()
        try:
            return bytes.fromhex(path.read_text())
        except (FileNotFoundError, ValueError):
            pass
        key = derive(secret, salt, kdf)
        part = path.with_name(f"{path.name}.{os.getpid()}")
        part.write_text(key.hex())
        os.replace(part, path)
        return key

    keyfile._derive_kek = remembered
