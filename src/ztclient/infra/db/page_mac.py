"""The MAC that authenticates every page of the database: HMAC-SHA512 or HMAC-SHA256.

Both are SQLCipher 4 settings (``cipher_hmac_algorithm``) over the same AES-256-CBC pages and
the same data key; either gives every page a full-length tag (64 or 32 bytes) that no one
without the key can forge, and a page that fails it is refused (E_DB_DAMAGED). What differs is
the price of a page, and it depends on the CPU:

- with SHA extensions (Intel since Ice Lake / Goldmont, every AMD Zen, Hygon, ARMv8 with the
  crypto extension: Kunpeng, Phytium) SHA-256 runs ~3x faster than SHA-512 per byte (1.0 GB/s
  against 0.29 on the 2026-12 bench VM), and the MAC is most of what an edit pays for the cipher;
- without them, on 64-bit CPUs, SHA-512 is the faster of the two (~1.5x per byte).

So a new unit takes the cheaper of the two on the machine that creates it, measured there
(:func:`fastest`), and a copy of a unit (backup, rekey) keeps the unit's. Nothing records the
choice: opening tries SQLCipher's default first (every unit made before 2026-12-03 has it) and
then the other; a page 1 that passes neither is damage, as before. The failed try costs one
page's HMAC, well under a millisecond, and reads nothing else.
"""

from __future__ import annotations

import functools
import hmac
import os
import time
from collections.abc import Callable

SHA512 = "HMAC_SHA512"  # SQLCipher 4's default
SHA256 = "HMAC_SHA256"
#: The order :func:`~ztclient.infra.db.store.open_database` tries them in.
ACCEPTED = (SHA512, SHA256)

#: SHA-256 is taken only when it is clearly the cheaper (a tie keeps SQLCipher's default).
MARGIN = 1.25

_PAGE = 4096


def _seconds(digest: str, rounds: int = 64, repeat: int = 5) -> float:
    """The least time of ``repeat`` runs of ``rounds`` HMACs of a 4 KiB page (OpenSSL, as
    SQLCipher's own)."""
    key, page = os.urandom(32), os.urandom(_PAGE)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(rounds):
            hmac.digest(key, page, digest)
        best = min(best, time.perf_counter() - t0)
    return best


def choose(seconds: Callable[[str], float] = _seconds) -> str:
    """HMAC_SHA256 when a page's SHA-256 MAC costs at most 1/MARGIN of its SHA-512 MAC here,
    else HMAC_SHA512. ~1 ms on the bench VM (each digest measured five times, the least kept)."""
    t512, t256 = seconds("sha512"), seconds("sha256")
    return SHA256 if t256 * MARGIN <= t512 else SHA512


@functools.cache
def fastest() -> str:
    """:func:`choose` once a process (a CPU does not change under a running program)."""
    return choose()
