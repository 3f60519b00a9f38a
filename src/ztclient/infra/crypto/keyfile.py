"""Key file (密钥文件): the database's data key, wrapped in LUKS-like key slots.

The data-encryption key (DEK) is 32 random bytes and is SQLCipher's raw key. It never sits on
disk in clear; the key file holds it wrapped in slots:

* ``passphrase``: KEK = Argon2id(NFC passphrase), then AES-256-GCM(DEK);
* ``recovery``: the same with the 160-bit printed recovery code (:mod:`.recovery_code`);
* ``escrow`` (optional): HPKE base mode (X25519, HKDF-SHA256, AES-256-GCM) to the higher
  committee's offline public key.

The file's exact format, and why each part is there, is in ``docs/security-model.md``. In
short: the file is canonical JSON with a SHA-256 check value over its body, checked (with the
byte-exact canonical form) *before* any slow KDF, so a damaged file is told apart from a wrong
passphrase; every slot's AEAD associated data (HPKE ``info`` for escrow) is the canonical
header plus that slot's parameters, so parameters and slots cannot be swapped; ``dek_id``
(a hash of the DEK) lets us prove that an unwrapped key and a key handed in for rewrapping are
the key of this file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from ztclient.domain.errors import DomainError
from ztclient.infra.crypto.recovery_code import new_recovery_code, parse_recovery_code
from ztprotocol.atomic import atomic_write
from ztprotocol.canonical import NotCanonical, canonical

__all__ = ["DEFAULT_KDF", "DEK_BYTES", "FLOOR_KDF", "KdfParams", "KeyFile"]

FORMAT_ID = "ZTK1"
VERSION = 1
DEK_BYTES = 32
MAX_FILE_BYTES = 16 * 1024  # a real file is ~1.2 KiB; refuse to parse anything large
SLOT_PASSPHRASE, SLOT_RECOVERY, SLOT_ESCROW = "passphrase", "recovery", "escrow"
KDF_ALG = "argon2id"
AEAD_ALG = "aes-256-gcm"
HPKE_NAME = "hpke-base/x25519/hkdf-sha256/aes-256-gcm"
HPKE_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_NONCE_BYTES = 12
_SALT_BYTES = 16
_HEX = re.compile(r"[0-9a-f]*")


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: ``m`` memory in KiB, ``t`` passes, ``p`` lanes.

    The floor (security-anchors R3) is m >= 64 MiB, t >= 3, p <= 4. The ceiling (m <= 1 GiB,
    t <= 64) keeps a forged file from making a 4 GB office PC swap itself to death.
    """

    m: int = 65536
    t: int = 3
    p: int = 4

    def meets_floor(self) -> bool:
        return self.m >= FLOOR_KDF.m and self.t >= FLOOR_KDF.t and 1 <= self.p <= FLOOR_KDF.p

    def in_range(self) -> bool:
        """Values Argon2id accepts and that we are willing to run at all."""
        ints = all(type(v) is int for v in (self.m, self.t, self.p))  # bool is not int here
        return ints and 1 <= self.p <= 16 and 8 * self.p <= self.m <= 1 << 20 and 1 <= self.t <= 64

    def as_dict(self, salt: bytes) -> dict[str, Any]:
        return {"alg": KDF_ALG, "m": self.m, "p": self.p, "salt": salt.hex(), "t": self.t}


FLOOR_KDF = KdfParams(m=65536, t=3, p=4)
DEFAULT_KDF = KdfParams(m=65536, t=3, p=4)  # RFC 9106's second recommendation; ~0.35 s here


@dataclass(frozen=True)
class WrapSlot:
    """AES-256-GCM(KEK, DEK) with KEK = Argon2id(secret, salt, kdf)."""

    kdf: KdfParams
    salt: bytes
    nonce: bytes
    ct: bytes  # 32-byte DEK + 16-byte tag


@dataclass(frozen=True)
class EscrowSlot:
    """HPKE base-mode ``enc || ct`` of the DEK to ``recipient`` (raw X25519 public key)."""

    recipient: bytes
    ct: bytes  # 32-byte enc + 32-byte DEK + 16-byte tag


# ----- canonical encoding -------------------------------------------------------------------


def _canon(obj: Any) -> bytes:
    """Canonical JSON (the protocol's, RFC 8785): what hashes and associated data are computed
    over. A key file holds only ASCII strings and small integers, for which these are the bytes
    the 0.1 encoder (sorted keys, compact, ASCII) wrote: every existing file still opens."""
    return canonical(obj)


def _render(doc: dict[str, Any]) -> bytes:
    """The file bytes: readable, but still one exact byte string per document."""
    return (json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=True) + "\n").encode()


def _check_value(body: dict[str, Any]) -> str:
    return hashlib.sha256(b"ZTK1/check\0" + _canon(body)).hexdigest()


def _dek_id(dek: bytes | bytearray) -> bytes:
    # A hash of a 256-bit random key reveals nothing useful; it binds every slot to one key.
    return hashlib.sha256(b"ZTK1/dek-id\0" + bytes(dek)).digest()[:16]


def _header(file_id: bytes, dek_id: bytes) -> dict[str, Any]:
    return {
        "dek_id": dek_id.hex(),
        "file_id": file_id.hex(),
        "format": FORMAT_ID,
        "version": VERSION,
    }


def _slot_aad(file_id: bytes, dek_id: bytes, name: str, kdf: KdfParams, salt: bytes) -> bytes:
    """AAD of a wrap slot: header + slot name + all its parameters (no swapping, no downgrade)."""
    aad = {**_header(file_id, dek_id), "aead": AEAD_ALG, "kdf": kdf.as_dict(salt), "slot": name}
    return b"ZTK1/slot\0" + _canon(aad)


def _escrow_info(file_id: bytes, dek_id: bytes, recipient: bytes) -> bytes:
    """HPKE ``info`` (pyca exposes no AAD for HPKE; ``info`` binds the header just as well)."""
    info = {
        **_header(file_id, dek_id),
        "hpke": HPKE_NAME,
        "recipient": recipient.hex(),
        "slot": SLOT_ESCROW,
    }
    return b"ZTK1/escrow\0" + _canon(info)


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _to_document(file_id: bytes, dek_id: bytes, slots: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, slot in slots.items():
        if isinstance(slot, WrapSlot):
            out[name] = {
                "aead": AEAD_ALG,
                "ct": slot.ct.hex(),
                "kdf": slot.kdf.as_dict(slot.salt),
                "nonce": slot.nonce.hex(),
            }
        else:
            out[name] = {"ct": slot.ct.hex(), "hpke": HPKE_NAME, "recipient": slot.recipient.hex()}
    body = {**_header(file_id, dek_id), "slots": out}
    return {**body, "check": _check_value(body)}


# ----- strict parsing -----------------------------------------------------------------------


def _damaged(reason: str) -> DomainError:
    return DomainError("E_KEYFILE_DAMAGED", reason=reason)


def _obj(value: Any, keys: set[str], where: str) -> dict[str, Any]:
    if type(value) is not dict or set(value) != keys:
        raise _damaged(f"keys:{where}")
    return value


def _hex(value: Any, nbytes: int, where: str) -> bytes:
    if type(value) is not str or len(value) != 2 * nbytes or not _HEX.fullmatch(value):
        raise _damaged(f"hex:{where}")
    return bytes.fromhex(value)


def _const(value: Any, expected: str, where: str) -> None:
    if type(value) is not str or value != expected:
        raise _damaged(f"value:{where}")


def _parse_wrap(raw: Any, name: str) -> WrapSlot:
    s = _obj(raw, {"aead", "ct", "kdf", "nonce"}, name)
    _const(s["aead"], AEAD_ALG, f"{name}.aead")
    k = _obj(s["kdf"], {"alg", "m", "p", "salt", "t"}, f"{name}.kdf")
    _const(k["alg"], KDF_ALG, f"{name}.kdf.alg")
    kdf = KdfParams(m=k["m"], t=k["t"], p=k["p"])
    if not kdf.in_range():
        raise _damaged(f"range:{name}.kdf")
    return WrapSlot(
        kdf=kdf,
        salt=_hex(k["salt"], _SALT_BYTES, f"{name}.salt"),
        nonce=_hex(s["nonce"], _NONCE_BYTES, f"{name}.nonce"),
        ct=_hex(s["ct"], DEK_BYTES + 16, f"{name}.ct"),
    )


def _parse_escrow(raw: Any) -> EscrowSlot:
    s = _obj(raw, {"ct", "hpke", "recipient"}, SLOT_ESCROW)
    _const(s["hpke"], HPKE_NAME, "escrow.hpke")
    return EscrowSlot(
        recipient=_hex(s["recipient"], 32, "escrow.recipient"),
        ct=_hex(s["ct"], 32 + DEK_BYTES + 16, "escrow.ct"),
    )


def _parse(data: bytes) -> tuple[bytes, bytes, dict[str, WrapSlot | EscrowSlot]]:
    """Integrity first (size, JSON, exact canonical bytes, check value), then the schema.

    Every test here is cheap, so a damaged file never reaches the slow KDF.
    """
    if not isinstance(data, bytes | bytearray) or len(data) > MAX_FILE_BYTES:
        raise _damaged("size")
    try:
        doc = json.loads(bytes(data).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _damaged("json") from None
    if type(doc) is not dict or type(doc.get("check")) is not str:
        raise _damaged("keys:top")
    try:
        same = _render(doc) == bytes(data)
    except (TypeError, ValueError):
        same = False
    body = {k: v for k, v in doc.items() if k != "check"}
    # Same bytes as we would write, and the check value matches: an intact file.
    try:
        intact = same and secrets.compare_digest(doc["check"], _check_value(body))
    except NotCanonical:  # a float, NaN or huge integer: never written by us
        intact = False
    if not intact:
        raise _damaged("check")
    if doc.get("format") == FORMAT_ID and type(doc.get("version")) is int and doc["version"] > 1:
        raise DomainError("E_KEYFILE_VERSION", version=doc["version"])
    _obj(doc, {"check", "dek_id", "file_id", "format", "slots", "version"}, "top")
    _const(doc["format"], FORMAT_ID, "format")
    if type(doc["version"]) is not int or doc["version"] != VERSION:
        raise _damaged("value:version")
    raw_slots = doc["slots"]
    if type(raw_slots) is not dict or set(raw_slots) not in (
        {SLOT_PASSPHRASE, SLOT_RECOVERY},
        {SLOT_PASSPHRASE, SLOT_RECOVERY, SLOT_ESCROW},
    ):
        raise _damaged("keys:slots")
    slots: dict[str, WrapSlot | EscrowSlot] = {
        SLOT_PASSPHRASE: _parse_wrap(raw_slots[SLOT_PASSPHRASE], SLOT_PASSPHRASE),
        SLOT_RECOVERY: _parse_wrap(raw_slots[SLOT_RECOVERY], SLOT_RECOVERY),
    }
    if SLOT_ESCROW in raw_slots:
        slots[SLOT_ESCROW] = _parse_escrow(raw_slots[SLOT_ESCROW])
    return _hex(doc["file_id"], 16, "file_id"), _hex(doc["dek_id"], 16, "dek_id"), slots


# ----- the key file -------------------------------------------------------------------------


def _derive_kek(secret: bytes, salt: bytes, kdf: KdfParams) -> bytes:
    """Argon2id. Module-level so tests can count calls and prove the KDF did not run."""
    return Argon2id(salt=salt, length=32, iterations=kdf.t, lanes=kdf.p, memory_cost=kdf.m).derive(
        secret
    )


def _passphrase_bytes(passphrase: str) -> bytes:
    """NFC, so 'é' typed precomposed or combining unlocks the same file; then UTF-8."""
    if not isinstance(passphrase, str):
        raise TypeError("passphrase must be str")
    if not passphrase:
        raise DomainError("E_PASSPHRASE_EMPTY", "passphrase")
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


@dataclass(frozen=True)
class KeyFile:
    """An immutable, parsed key file. Methods that change slots return a new KeyFile.

    Build one with :meth:`create`, :meth:`from_bytes` or :meth:`load`, not the constructor.
    ``weak_ok`` is True only when the caller explicitly asked for sub-floor KDF parameters
    (tests); it is not stored in the file.
    """

    file_id: bytes
    dek_id: bytes
    slots: MappingProxyType[str, WrapSlot | EscrowSlot]
    weak_ok: bool = False

    # ----- construction -------------------------------------------------------------------

    @classmethod
    def create(
        cls, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF
    ) -> tuple[KeyFile, bytearray, str]:
        """A new DEK, wrapped for ``passphrase`` and a new recovery code.

        Returns (key file, DEK, recovery code to print). The caller owns the DEK bytearray and
        should zero it when done. ``kdf`` below the floor is for tests only: such a file is
        refused by :meth:`load` unless ``allow_weak=True``.
        """
        if not kdf.in_range():
            raise ValueError(f"unusable Argon2id parameters {kdf}")
        secret = _passphrase_bytes(passphrase)
        dek = bytearray(secrets.token_bytes(DEK_BYTES))
        base = cls(
            file_id=secrets.token_bytes(16),
            dek_id=_dek_id(dek),
            slots=MappingProxyType({}),
            weak_ok=not kdf.meets_floor(),
        )
        code, code_secret = new_recovery_code()
        keyfile = base._with_slot(SLOT_PASSPHRASE, base._wrap(dek, secret, SLOT_PASSPHRASE, kdf))
        keyfile = keyfile._with_slot(
            SLOT_RECOVERY, keyfile._wrap(dek, code_secret, SLOT_RECOVERY, kdf)
        )
        return keyfile, dek, code

    def _with_slot(self, name: str, slot: WrapSlot | EscrowSlot) -> KeyFile:
        slots = dict(self.slots)
        slots[name] = slot
        return replace(self, slots=MappingProxyType(slots))

    def _wrap(self, dek: bytearray, secret: bytes, name: str, kdf: KdfParams) -> WrapSlot:
        salt = secrets.token_bytes(_SALT_BYTES)
        nonce = secrets.token_bytes(_NONCE_BYTES)
        aad = _slot_aad(self.file_id, self.dek_id, name, kdf, salt)
        kek = _derive_kek(secret, salt, kdf)
        ct = AESGCM(kek).encrypt(nonce, bytes(dek), aad)
        return WrapSlot(kdf=kdf, salt=salt, nonce=nonce, ct=ct)

    def _require_dek(self, dek: bytes | bytearray) -> None:
        """A rewrap with the wrong key would lock the clerk out of the database for good."""
        if len(dek) != DEK_BYTES or not secrets.compare_digest(_dek_id(dek), self.dek_id):
            raise ValueError("this is not the data key of this key file")

    # ----- unlocking ----------------------------------------------------------------------

    def _unwrap(self, name: str, secret: bytes, wrong_code: str) -> bytearray:
        slot = self.slots.get(name)
        if not isinstance(slot, WrapSlot):  # parsing guarantees both wrap slots exist
            raise DomainError("E_KEYFILE_DAMAGED", reason="missing_slot", slot=name)
        aad = _slot_aad(self.file_id, self.dek_id, name, slot.kdf, slot.salt)
        kek = _derive_kek(secret, slot.salt, slot.kdf)
        try:
            dek = bytearray(AESGCM(kek).decrypt(slot.nonce, slot.ct, aad))
        except InvalidTag:
            raise DomainError(wrong_code) from None
        return self._checked(dek)

    def _checked(self, dek: bytearray) -> bytearray:
        # Unreachable without the secret of a slot that wraps a different key; checked so a
        # hand-assembled file can never hand SQLCipher a key that is not this file's.
        if not secrets.compare_digest(_dek_id(dek), self.dek_id):
            raise DomainError("E_KEYFILE_DAMAGED", reason="dek_id")
        return dek

    def unlock(self, passphrase: str) -> bytearray:
        """The DEK, or ``E_WRONG_PASSPHRASE`` (AEAD tag mismatch on the passphrase slot)."""
        return self._unwrap(SLOT_PASSPHRASE, _passphrase_bytes(passphrase), "E_WRONG_PASSPHRASE")

    def unlock_with_recovery(self, code: str) -> bytearray:
        """The DEK from the printed code.

        ``E_RECOVERY_CODE_TYPO`` (group=N) for a mistyped code, before the KDF runs;
        ``E_RECOVERY_CODE`` for a well-formed code that is not this file's.
        """
        return self._unwrap(SLOT_RECOVERY, parse_recovery_code(code), "E_RECOVERY_CODE")

    def unlock_with_escrow(self, private_key: X25519PrivateKey | bytes) -> bytearray:
        """The DEK from the organisation's escrow private key (recovery drill, R4).

        ``E_ESCROW_NONE`` when the file has no escrow slot; ``E_ESCROW_KEY`` when the key is
        not the slot's recipient or the slot was tampered with (HPKE InvalidTag).
        """
        slot = self.slots.get(SLOT_ESCROW)
        if not isinstance(slot, EscrowSlot):
            raise DomainError("E_ESCROW_NONE")
        if isinstance(private_key, bytes | bytearray):
            private_key = X25519PrivateKey.from_private_bytes(bytes(private_key))
        if _raw_public(private_key.public_key()) != slot.recipient:
            raise DomainError("E_ESCROW_KEY", reason="recipient")
        info = _escrow_info(self.file_id, self.dek_id, slot.recipient)
        try:
            dek = bytearray(HPKE_SUITE.decrypt(slot.ct, private_key, info=info))
        except InvalidTag:
            raise DomainError("E_ESCROW_KEY", reason="tag") from None
        if len(dek) != DEK_BYTES:
            raise DomainError("E_ESCROW_KEY", reason="length")
        return self._checked(dek)

    # ----- rewrapping (the DEK never changes, so the database file stays byte-identical) ---

    def with_passphrase(
        self, dek: bytes | bytearray, new_passphrase: str, *, kdf: KdfParams | None = None
    ) -> KeyFile:
        """Rewrap the passphrase slot for ``new_passphrase`` (fresh salt and nonce).

        ``kdf=None`` uses DEFAULT_KDF, so a passphrase change also upgrades old parameters;
        a test file made with weak parameters keeps its own (weak_ok).
        """
        self._require_dek(dek)
        secret = _passphrase_bytes(new_passphrase)
        if kdf is None:
            current = self.slots[SLOT_PASSPHRASE]
            assert isinstance(current, WrapSlot)
            kdf = current.kdf if self.weak_ok else DEFAULT_KDF
        if not kdf.in_range() or not (kdf.meets_floor() or self.weak_ok):
            raise ValueError(f"Argon2id parameters {kdf} are below the floor")
        slot = self._wrap(bytearray(dek), secret, SLOT_PASSPHRASE, kdf)
        return self._with_slot(SLOT_PASSPHRASE, slot)

    def with_new_recovery(self, dek: bytes | bytearray) -> tuple[KeyFile, str]:
        """Replace the recovery slot with a new code (the old printout stops working)."""
        self._require_dek(dek)
        current = self.slots[SLOT_RECOVERY]
        assert isinstance(current, WrapSlot)
        kdf = current.kdf if self.weak_ok else DEFAULT_KDF
        code, code_secret = new_recovery_code()
        slot = self._wrap(bytearray(dek), code_secret, SLOT_RECOVERY, kdf)
        return self._with_slot(SLOT_RECOVERY, slot), code

    def add_escrow(self, dek: bytes | bytearray, public_key_bytes: bytes) -> KeyFile:
        """Wrap the DEK to the organisation's X25519 escrow public key (replaces any old one)."""
        self._require_dek(dek)
        if len(public_key_bytes) != 32:
            raise ValueError("escrow public key must be 32 raw X25519 bytes")
        public_key = X25519PublicKey.from_public_bytes(bytes(public_key_bytes))
        recipient = _raw_public(public_key)
        info = _escrow_info(self.file_id, self.dek_id, recipient)
        ct = HPKE_SUITE.encrypt(bytes(dek), public_key, info=info)
        return self._with_slot(SLOT_ESCROW, EscrowSlot(recipient=recipient, ct=ct))

    @property
    def has_escrow(self) -> bool:
        return SLOT_ESCROW in self.slots

    def kdf_params(self, slot: str = SLOT_PASSPHRASE) -> KdfParams:
        """The stored Argon2id parameters of a wrap slot (for diagnostics and the floor test)."""
        found = self.slots[slot]
        if not isinstance(found, WrapSlot):
            raise KeyError(slot)
        return found.kdf

    # ----- bytes and files ----------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The canonical file bytes (see docs/security-model.md)."""
        return _render(_to_document(self.file_id, self.dek_id, dict(self.slots)))

    @classmethod
    def from_bytes(cls, data: bytes, *, allow_weak: bool = False) -> KeyFile:
        """Parse strictly. ``E_KEYFILE_DAMAGED`` for anything malformed (checked before any
        KDF), ``E_KEYFILE_VERSION`` for an intact file from a newer program, ``E_KEYFILE_WEAK``
        for parameters under the floor unless ``allow_weak``."""
        file_id, dek_id_, slots = _parse(data)
        weak = [s.kdf for s in slots.values() if isinstance(s, WrapSlot)]
        weak = [k for k in weak if not k.meets_floor()]
        if weak and not allow_weak:
            raise DomainError("E_KEYFILE_WEAK", m=weak[0].m, t=weak[0].t, p=weak[0].p)
        frozen = MappingProxyType(slots)
        return cls(file_id=file_id, dek_id=dek_id_, slots=frozen, weak_ok=bool(weak))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write atomically (temp file, fsync, replace, fsync folder)."""
        atomic_write(path, self.to_bytes())

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, allow_weak: bool = False) -> KeyFile:
        """Read and parse; ``E_KEYFILE_MISSING`` when there is no file at ``path``."""
        p = Path(path)
        try:
            with p.open("rb") as f:
                data = f.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise DomainError("E_KEYFILE_MISSING", path=str(p)) from None
        except IsADirectoryError:
            raise DomainError("E_KEYFILE_DAMAGED", reason="not_a_file") from None
        return cls.from_bytes(data, allow_weak=allow_weak)

    def __repr__(self) -> str:  # no ciphertexts in logs, just what identifies the file
        return f"KeyFile(file_id={self.file_id.hex()}, slots={sorted(self.slots)})"
