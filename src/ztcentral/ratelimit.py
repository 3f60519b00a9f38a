"""Counting attempts in the database (any app node sees the same counts): a fixed window per
(scope, key). Used for enrolment failures per code id and per address (enrol_limits.py).

A fixed window is coarse (a burst at a window's edge can reach twice the limit), but it is one
row per key, one upsert per attempt, and the same on SQLite and PostgreSQL; the limits it
guards are far below what would matter (an enrolment secret is 80 bits).
"""

from __future__ import annotations

import time

from ztcentral.db import Tx
from ztprotocol.codes import SyncRejected


def refuse_if_over(tx: Tx, scope: str, key: str, *, limit: int, window: int, now: int) -> None:
    """E_RATE_LIMITED (429, with retry_after) when ``key`` used up its attempts."""
    row = tx.one(
        "SELECT window_start, count FROM rate_limits WHERE scope = $1 AND key = $2",
        (scope, key),
    )
    if row is None or now - int(row["window_start"]) >= window:
        return
    if int(row["count"]) >= limit:
        retry = int(row["window_start"]) + window - now
        raise SyncRejected("E_RATE_LIMITED", scope=scope, retry_after=max(retry, 1))


def count(tx: Tx, scope: str, key: str, *, window: int, now: int) -> None:
    """One more attempt for ``key`` (a new window once the old one has passed)."""
    tx.run(
        "INSERT INTO rate_limits (scope, key, window_start, count) VALUES ($1, $2, $3, 1) "
        "ON CONFLICT (scope, key) DO UPDATE SET "
        "count = CASE WHEN rate_limits.window_start <= $4 THEN 1 ELSE rate_limits.count + 1 END, "
        "window_start = CASE WHEN rate_limits.window_start <= $4 THEN $3 "
        "ELSE rate_limits.window_start END",
        (scope, key, now, now - window),
    )


def now_seconds() -> int:
    return int(time.time())
