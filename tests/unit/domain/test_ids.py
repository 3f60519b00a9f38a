"""UUIDv7 record ids (RFC 9562)."""

from __future__ import annotations

import time
import uuid

from ztclient.domain.ids import uuid7, uuid7_time_ms


def test_version_variant_and_time():
    before = time.time_ns() // 1_000_000
    value = uuid7()
    after = time.time_ns() // 1_000_000
    parsed = uuid.UUID(value)
    assert str(parsed) == value
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    assert before <= uuid7_time_ms(value) <= after + 1


def test_burst_is_unique_and_ordered():
    values = [uuid7() for _ in range(20_000)]
    assert len(set(values)) == len(values)
    assert values == sorted(values)
