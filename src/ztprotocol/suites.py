"""The closed registry of cryptographic suites (no negotiation: a bundle names its suite).

Suite 1 is implemented. Suites 2 (GM: SM2 signature, SM2-wrapped SM4-GCM, SM3) and 3 (HPKE
with ML-KEM-768 + X25519) are recognised so that a bundle using them is refused with a precise
code (E_SUITE_UNSUPPORTED) instead of "unknown"; adding one means filling in sign/verify/seal/open
here and nothing in the bundle framing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from ztprotocol.codes import BundleRejected

SUITE_INTL = 1
SUITE_GM = 2
SUITE_PQ = 3


@dataclass(frozen=True)
class SuiteInfo:
    id: int
    name: str
    supported: bool
    sig_len: int


SUITES: dict[int, SuiteInfo] = {
    SUITE_INTL: SuiteInfo(
        SUITE_INTL, "ed25519+hpke(x25519,hkdf-sha256,chacha20poly1305)+zlib", True, 64
    ),
    SUITE_GM: SuiteInfo(SUITE_GM, "sm2+sm2enc(sm4-gcm)+sm3", False, 0),
    SUITE_PQ: SuiteInfo(
        SUITE_PQ, "ed25519+hpke(mlkem768-x25519,hkdf-sha256,chacha20poly1305)", False, 0
    ),
}

_HPKE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
HPKE_ENC_LEN = 32


def suite_info(suite_id: int) -> SuiteInfo:
    """The suite, or BundleRejected(E_SUITE_UNKNOWN / E_SUITE_UNSUPPORTED)."""
    info = SUITES.get(suite_id)
    if info is None:
        raise BundleRejected("E_SUITE_UNKNOWN", suite=suite_id)
    if not info.supported:
        raise BundleRejected("E_SUITE_UNSUPPORTED", suite=suite_id, name=info.name)
    return info


def key_id(public_raw: bytes) -> bytes:
    """16-byte key id: the first half of SHA-256 of the raw public key (typed by its use)."""
    return hashlib.sha256(b"DZK1\0" + public_raw).digest()[:16]


def ed25519_raw(pub: ed25519.Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization as s

    return pub.public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)


def x25519_raw(pub: x25519.X25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization as s

    return pub.public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)


def private_raw(key: ed25519.Ed25519PrivateKey | x25519.X25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization as s

    return key.private_bytes(s.Encoding.Raw, s.PrivateFormat.Raw, s.NoEncryption())


def verify_ed25519(pub: ed25519.Ed25519PublicKey, sig: bytes, message: bytes) -> bool:
    try:
        pub.verify(sig, message)
    except InvalidSignature:
        return False
    return True


def hpke_seal(plaintext: bytes, recipient: x25519.X25519PublicKey, info: bytes) -> bytes:
    """Base-mode single-shot HPKE; returns enc ‖ ciphertext ‖ tag."""
    return _HPKE.encrypt(plaintext, recipient, info=info)


def hpke_open(ct: bytes, private: x25519.X25519PrivateKey, info: bytes) -> bytes:
    try:
        return _HPKE.decrypt(ct, private, info=info)
    except (InvalidTag, ValueError) as exc:
        raise BundleRejected("E_BUNDLE_DECRYPT") from exc
