"""Printed recovery code (恢复码): 160 random bits a clerk can type back from paper.

Layout: 8 groups of 5 Crockford base32 characters, ``7K3QD-M0X9R-…``. In every group the
first 4 characters carry data (8 × 4 × 5 = 160 bits from ``secrets``) and the 5th is a check
character, so a typo is reported with its group number (``E_RECOVERY_CODE_TYPO``, group=N)
*before* the key file runs the slow Argon2id.

The check is a weighted sum over GF(32) (polynomial x⁵ + x² + 1): the group is valid when
``Σ α^(i+1)·v_i == group index`` over its five symbols. Because every weight is a non-zero
field element, every single-character substitution is detected; because neighbouring weights
differ by the non-zero factor (1 + α), every swap of two adjacent different characters is
detected too; the group index term catches a whole group typed in the wrong place. Anything
else slips through with probability 1/32 per group and is then caught by the AEAD tag
(``E_RECOVERY_CODE``). Plain mod-32 weighted sums cannot promise the transposition case (even
weight differences vanish for a difference of 16), which is why a field is used.

Parsing is tolerant of what clerks and Chinese input methods produce: full-width letters and
spaces (NFKC), lower case, spaces / dashes / dots as separators, and Crockford's aliases
O→0, I→1, L→1.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from ztclient.domain.errors import DomainError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
GROUPS = 8
DATA_PER_GROUP = 4
GROUP_LEN = DATA_PER_GROUP + 1
SECRET_BYTES = GROUPS * DATA_PER_GROUP * 5 // 8  # 20 bytes = 160 bits

_DECODE = {ch: i for i, ch in enumerate(ALPHABET)}
_DECODE.update({"O": 0, "I": 1, "L": 1})
# Hyphen-like characters an IME or a word processor may put in place of "-".
_SEPARATORS = re.compile(r"[\s\-_.·\u2010-\u2015\u2212\u30fc]+")

_POLY = 0b100101  # x^5 + x^2 + 1, primitive over GF(2)


def _gf_mul(a: int, b: int) -> int:
    """Multiply in GF(32) modulo x^5 + x^2 + 1."""
    result = 0
    while b:
        if b & 1:
            result ^= a
        b >>= 1
        a <<= 1
        if a & 0b100000:
            a ^= _POLY
    return result


def _alpha_pow(k: int) -> int:
    value = 1
    for _ in range(k % 31):
        value = _gf_mul(value, 2)
    return value


_WEIGHTS = tuple(_alpha_pow(i + 1) for i in range(GROUP_LEN))
_INV_LAST = _alpha_pow(31 - GROUP_LEN)  # α^-5: solves for the check symbol


def _syndrome(symbols: list[int], group: int) -> int:
    """Zero when ``symbols`` (5 values) form a valid group at 0-based position ``group``."""
    acc = group
    for w, v in zip(_WEIGHTS, symbols, strict=True):
        acc ^= _gf_mul(w, v)
    return acc


def _check_symbol(data: list[int], group: int) -> int:
    acc = group
    for w, v in zip(_WEIGHTS, data, strict=False):
        acc ^= _gf_mul(w, v)
    return _gf_mul(acc, _INV_LAST)


def _to_symbols(secret: bytes) -> list[int]:
    n = int.from_bytes(secret, "big")
    count = GROUPS * DATA_PER_GROUP
    return [(n >> (5 * (count - 1 - i))) & 31 for i in range(count)]


def _from_symbols(symbols: list[int]) -> bytes:
    n = 0
    for v in symbols:
        n = (n << 5) | v
    return n.to_bytes(SECRET_BYTES, "big")


def format_recovery_code(secret: bytes) -> str:
    """Render a 20-byte secret as ``XXXXX-XXXXX-…`` (8 groups, check symbol last in each)."""
    if len(secret) != SECRET_BYTES:
        raise ValueError(f"recovery secret must be {SECRET_BYTES} bytes")
    data = _to_symbols(secret)
    groups = []
    for g in range(GROUPS):
        chunk = data[g * DATA_PER_GROUP : (g + 1) * DATA_PER_GROUP]
        chunk.append(_check_symbol(chunk, g))
        groups.append("".join(ALPHABET[v] for v in chunk))
    return "-".join(groups)


def new_recovery_code() -> tuple[str, bytes]:
    """A fresh code from ``secrets``: (printed text, 20-byte secret fed to the KDF)."""
    secret = secrets.token_bytes(SECRET_BYTES)
    return format_recovery_code(secret), secret


def _typo(group: int, reason: str) -> DomainError:
    return DomainError("E_RECOVERY_CODE_TYPO", "recovery_code", group=group, reason=reason)


def _split_groups(text: str) -> list[str]:
    """Cut the typed text into groups, trusting the clerk's own separators when there are 8."""
    parts = [p for p in _SEPARATORS.split(text) if p]
    if len(parts) == GROUPS:
        return parts
    joined = "".join(parts)
    groups = [joined[i : i + GROUP_LEN] for i in range(0, len(joined), GROUP_LEN)]
    if len(joined) != GROUPS * GROUP_LEN:
        # Point at the group where the text runs short or long, not at group 1.
        bad = min(len(joined) // GROUP_LEN + 1, GROUPS)
        raise _typo(bad, "length")
    return groups


def parse_recovery_code(text: str) -> bytes:
    """Return the 20-byte secret, or raise ``E_RECOVERY_CODE_TYPO`` (params group=1..8).

    Only the format is checked here; whether the code belongs to this key file is decided by
    the AEAD tag in the key file (``E_RECOVERY_CODE``).
    """
    if not isinstance(text, str):
        raise TypeError("recovery code must be str")
    if len(text) > 400:  # a pasted document, not a code; keep the work bounded
        raise _typo(GROUPS, "length")
    normal = unicodedata.normalize("NFKC", text).upper()
    data: list[int] = []
    for g, group in enumerate(_split_groups(normal)):
        if len(group) != GROUP_LEN:
            raise _typo(g + 1, "length")
        try:
            symbols = [_DECODE[ch] for ch in group]
        except KeyError:
            raise _typo(g + 1, "character") from None
        if _syndrome(symbols, g) != 0:
            raise _typo(g + 1, "check")
        data.extend(symbols[:DATA_PER_GROUP])
    return _from_symbols(data)


def sheet_number(salt: bytes) -> str:
    """The 恢复码编号 printed on a recovery sheet and shown in 设置 → 备份: eight hex digits from
    the recovery slot's salt (new with every code, and no secret: it says nothing of the code),
    so the clerk can tell the sheet that still works from the ones a new code voided."""
    import hashlib

    digest = hashlib.sha256(b"ztclient recovery sheet\x00" + bytes(salt)).hexdigest().upper()
    return f"{digest[:4]}-{digest[4:8]}"
