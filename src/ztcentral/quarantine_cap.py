"""The quarantine's cap: what is kept when too much arrives, and what goes first.

Quarantined bundles are evidence (a fork, a revoked device's work) and must survive a flood of
junk. Each row is charged to a **source**: the device its signing key belongs to, or
``unknown`` for keys nobody enrolled (over HTTP those are refused before anything is stored;
they can only come in through an import). When the quarantine passes its cap (bytes or items):

1. rows a person has already reviewed (``dismissed``) go first, oldest first;
2. then the oldest row of the source holding the most bytes, and so on.

Why not simply "oldest first": a flood would push out last month's fork evidence. Why not
"refuse when full": a flood would stop the next real fork being kept. By source, a flood only
ever evicts its own rows; a device that misbehaves once keeps its evidence. Every eviction is
an event (``quarantine.evict``) and the blob is deleted after the transaction commits, unless a
bundle row still refers to it.
"""

from __future__ import annotations

from typing import Any

from ztcentral.db import Tx
from ztcentral.storage import event, now_iso

UNKNOWN = "unknown"


def source_for(tx: Tx, kid: str | None) -> str:
    if kid is None:
        return UNKNOWN
    dev = tx.scalar("SELECT device_id FROM device_keys WHERE kid = $1", (kid,))
    return str(dev) if dev is not None else UNKNOWN


def admit(
    tx: Tx,
    central: Any,
    *,
    sha: str,
    kid: str | None,
    device: str | None,
    code: str,
    size: int,
) -> None:
    """Record a quarantined bundle (its blob is already stored), then keep under the cap."""
    tx.run(
        "INSERT INTO quarantine (sha256, kid, device_id, code, size, received_at, source) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sha256) DO NOTHING",
        (sha, kid, device, code, size, now_iso(), source_for(tx, kid)),
    )
    enforce_cap(tx, central)


def _totals(tx: Tx) -> tuple[int, int]:
    row = tx.one("SELECT count(*) AS n, coalesce(sum(size), 0) AS b FROM quarantine")
    return int(row["n"]), int(row["b"])


def _victim(tx: Tx) -> dict[str, Any] | None:
    row = tx.one(
        "SELECT sha256, source, size FROM quarantine WHERE reviewed IS NOT NULL "
        "ORDER BY received_at, sha256 LIMIT 1"
    )
    if row is not None:
        return row
    heavy = tx.scalar(
        "SELECT source FROM quarantine GROUP BY source ORDER BY sum(size) DESC, source LIMIT 1"
    )
    return tx.one(
        "SELECT sha256, source, size FROM quarantine WHERE source = $1 "
        "ORDER BY received_at, sha256 LIMIT 1",
        (heavy,),
    )


def enforce_cap(tx: Tx, central: Any) -> int:
    """Evict until the quarantine is within its caps; returns how many rows went."""
    limits = central.limits
    evicted = 0
    count, size = _totals(tx)
    while count > limits.quarantine_max_items or size > limits.quarantine_max_bytes:
        victim = _victim(tx)
        if victim is None:
            break
        sha = victim["sha256"]
        tx.run("DELETE FROM quarantine WHERE sha256 = $1", (sha,))
        if tx.one("SELECT 1 AS x FROM bundles WHERE sha256 = $1", (sha,)) is None:
            tx.after_commit.append(lambda sha=sha: central.blobs.delete(sha))
        event(tx, "quarantine.evict", ref=sha, source=victim["source"], size=victim["size"])
        evicted += 1
        count, size = count - 1, size - int(victim["size"])
    return evicted
