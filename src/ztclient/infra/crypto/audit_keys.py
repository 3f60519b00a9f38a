"""Keys of the audit chain: HMAC keys derived from the data key, one per key epoch.

Why keyed: with a plain SHA-256 chain anyone who can change a row can recompute every hash
after it with a one-line script. With an HMAC under a key derived from the data key (HKDF,
its own domain label), recomputing needs the data key itself, which only the key file's
slots release. Someone holding rows without the key — a copy of the entries the centre keeps,
a decrypted export — cannot forge or re-link them. (A holder of the passphrase can; that is
what anchoring at the centre is for: docs/security-model.md §7.)

Epochs: the current epoch's key is always derived from the data key that opened the database.
After ``rekey`` the data key changes, so a new epoch starts; the keys of older epochs are
kept in ``audit_keys`` *wrapped* under the current key (XOR with an HMAC-derived pad, checked
by the key id), so every entry ever written stays verifiable and no key is stored in clear.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

#: HKDF ``info``: this key is for the audit chain and nothing else.
CHAIN_INFO = b"ztclient/audit-chain/v1\0"
_KEY_ID = b"ZTA2/key-id\0"
_WRAP = b"ZTA2/wrap\0"
KEY_BYTES = 32


def derive_chain_key(dek: bytes | bytearray) -> bytes:
    """The audit chain key of the data key ``dek`` (HKDF-SHA256, no salt, domain label)."""
    if len(dek) != 32:
        raise ValueError("the data key must be 32 bytes")
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=CHAIN_INFO).derive(
        bytes(dek)
    )


def key_id(key: bytes) -> str:
    """A public name for a chain key (32 hex): equal ids mean equal keys, and it reveals none."""
    return hmac.new(key, _KEY_ID, hashlib.sha256).hexdigest()[:32]


def _pad(current: bytes, epoch: int) -> bytes:
    return hmac.new(current, _WRAP + epoch.to_bytes(4, "big"), hashlib.sha256).digest()


def wrap(key: bytes, epoch: int, under: bytes) -> str:
    """``key`` (of ``epoch``) wrapped under the current chain key ``under``, as hex."""
    return bytes(a ^ b for a, b in zip(key, _pad(under, epoch), strict=True)).hex()


def unwrap(wrapped: str, epoch: int, under: bytes, expected_id: str) -> bytes | None:
    """The key of ``epoch``, or None when it does not unwrap to ``expected_id``."""
    try:
        raw = bytes.fromhex(wrapped)
    except (TypeError, ValueError):
        return None
    if len(raw) != KEY_BYTES:
        return None
    key = bytes(a ^ b for a, b in zip(raw, _pad(under, epoch), strict=True))
    return key if hmac.compare_digest(key_id(key), expected_id) else None


class Keyring:
    """The chain keys one open database can use (the ``ChainKeys`` port of services/ports.py).

    ``current_key_id`` is the id of the key derived from the data key now open; ``epoch_of``
    the epoch registered for it in ``audit_keys`` (None until the journal registers it).
    """

    def __init__(self, current: bytes, known: Mapping[int, bytes], current_epoch: int | None):
        self._current = current
        self._keys = dict(known)
        self.current_key_id = key_id(current)
        self.current_epoch = current_epoch
        if current_epoch is not None:
            self._keys[current_epoch] = current

    @classmethod
    def from_rows(cls, dek: bytes | bytearray, rows: Iterable[Mapping[str, Any]]) -> Keyring:
        """Derive the current key and unwrap what ``audit_keys`` holds; a row that does not
        unwrap under the current key is simply not known (``verify`` reports its epoch)."""
        current = derive_chain_key(dek)
        cid = key_id(current)
        known: dict[int, bytes] = {}
        epoch = None
        for row in rows:
            if row["key_id"] == cid:
                epoch = int(row["epoch"])
            elif row["wrapped"]:
                key = unwrap(row["wrapped"], int(row["epoch"]), current, row["key_id"])
                if key is not None:
                    known[int(row["epoch"])] = key
        return cls(current, known, epoch)

    def register(self, epoch: int) -> None:
        """The journal has written the ``audit_keys`` row of the current key as ``epoch``."""
        self.current_epoch = epoch
        self._keys[epoch] = self._current

    def has(self, epoch: int) -> bool:
        return epoch in self._keys

    def mac(self, epoch: int, message: bytes) -> str | None:
        """HMAC-SHA256 of ``message`` under the key of ``epoch`` (hex), None if unknown."""
        key = self._keys.get(epoch)
        return None if key is None else hmac.new(key, message, hashlib.sha256).hexdigest()

    def rewrapped(self, epochs: Iterable[int], under: bytes) -> dict[int, str]:
        """Every known key of ``epochs`` wrapped under another key (for ``rekey``)."""
        return {e: wrap(self._keys[e], e, under) for e in epochs if e in self._keys}

    def __repr__(self) -> str:  # never the keys
        return f"Keyring(current={self.current_key_id}, epochs={sorted(self._keys)})"
