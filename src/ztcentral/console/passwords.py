"""Console passwords: Argon2id (RFC 9106) with a per-password salt, in a self-describing string.

``argon2id$v=19$m=19456,t=2,p=1$<salt b64>$<hash b64>`` — the OWASP minimum for a server that
verifies many logins (19 MiB, two passes): strong enough against offline guessing of a stolen
database, cheap enough (~0.1 s) that login stays quick on an office server. The parameters live
in the string, so raising them later re-hashes on the next successful login.
"""

from __future__ import annotations

import base64
import hmac
import os

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MEMORY_KIB, PASSES, LANES = 19456, 2, 1
MIN_LENGTH = 10
_PREFIX = "argon2id$v=19$"


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def _derive(password: str, salt: bytes, m: int, t: int, p: int) -> bytes:
    kdf = Argon2id(salt=salt, length=32, iterations=t, lanes=p, memory_cost=m)
    return kdf.derive(password.encode("utf-8"))


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = _derive(password, salt, MEMORY_KIB, PASSES, LANES)
    return f"{_PREFIX}m={MEMORY_KIB},t={PASSES},p={LANES}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; a malformed string never matches."""
    try:
        if not stored.startswith(_PREFIX):
            return False
        params, salt, digest = stored[len(_PREFIX) :].split("$")
        cost = dict(item.split("=") for item in params.split(","))
        m, t, p = int(cost["m"]), int(cost["t"]), int(cost["p"])
        if m < 8 * p or t < 1 or p < 1 or m > 1 << 22:
            return False
        got = _derive(password, _unb64(salt), m, t, p)
        return hmac.compare_digest(got, _unb64(digest))
    except (ValueError, KeyError):
        return False


def needs_rehash(stored: str) -> bool:
    return not stored.startswith(f"{_PREFIX}m={MEMORY_KIB},t={PASSES},p={LANES}$")


def check_strength(password: str, username: str) -> str | None:
    """A reason code when the password is too weak to set, else None."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if username and username.lower() in password.lower():
        return "contains_name"
    if len(set(password)) < 4:
        return "too_simple"
    return None
