"""Record identifiers: UUIDv7 (RFC 9562), time-ordered so new rows sort after old ones.

The clock read here is only for ordering, never a business date; business time comes from the
Clock port.
"""

from __future__ import annotations

import os
import threading
import time

_lock = threading.Lock()
_last_ms = 0
_last_rand = 0


def uuid7() -> str:
    """A new UUIDv7 as the canonical 36-character lower-case string.

    48-bit Unix milliseconds, version 7, 74 random bits. Within one millisecond the random part
    is incremented (RFC 9562 §6.2 method 2), so ids made in a burst still sort in creation order.
    """
    global _last_ms, _last_rand
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms > _last_ms:
            rand = int.from_bytes(os.urandom(10), "big") >> 6  # 74 bits
            # Leave headroom so increments within this millisecond rarely overflow.
            rand &= ~(1 << 73)
        else:
            ms = _last_ms  # clock went back or same ms: keep order
            rand = _last_rand + 1
            if rand >= 1 << 74:
                ms += 1
                rand = int.from_bytes(os.urandom(10), "big") >> 7
        _last_ms, _last_rand = ms, rand
    rand_a = rand >> 62  # 12 bits
    rand_b = rand & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid7_time_ms(value: str) -> int:
    """The Unix millisecond timestamp inside a UUIDv7 string."""
    return int(value.replace("-", "")[:12], 16)
