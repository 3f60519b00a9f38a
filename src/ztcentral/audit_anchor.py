"""Central's check of each device's audit chain (docs/security-model.md §7.4).

A bundle with the capability ``audit1`` names the stretch of the device's audit chain it closes
(``from``, ``n``, ``prev``; the header's ``audit_head`` is the stretch's last hash). Central
keeps the heads it anchored per device in ``audit_anchors``; a stretch that does not continue
the newest one — entries removed, rewritten or rolled back on the device since its last sync —
is ``E_AUDIT_FORK``: the bundle is quarantined (kept, not applied) and ``ztcentral status``
lists it. Central cannot check the device's HMACs and does not try: it checks continuity.

A device restored from a backup declares a branch (``"branch": 1``): its stretch continues an
earlier head central anchored, not the newest. That is accepted only from an anchored head; the
heads it rolls back move to ``audit_rollbacks`` (what was dropped, the newest head as evidence)
and ``ztcentral status`` lists them, so a restore is seen, never silent.
"""

from __future__ import annotations

from typing import Any

from ztcentral.db import Tx
from ztcentral.storage import now_iso

CODE = "E_AUDIT_FORK"


def last_anchor(tx: Tx, device_id: str) -> dict[str, Any] | None:
    return tx.one(
        "SELECT seq, head FROM audit_anchors WHERE device_id = $1 ORDER BY seq DESC LIMIT 1",
        (device_id,),
    )


def check(tx: Tx, header: Any) -> dict[str, Any] | None:
    """None when the bundle's stretch continues the device's anchored head; else the params
    of an ``E_AUDIT_FORK`` (what central expected and what the bundle says)."""
    last = last_anchor(tx, header.device)
    section = header.audit
    if section is None:
        # a device that has anchored before must keep doing so (an old program on a copy)
        return None if last is None else {"what": "missing", "expected_from": last["seq"] + 1}
    if last is None:
        return None  # the first stretch this device sends: nothing to continue
    if section.branch:
        if section.from_seq <= last["seq"] and _anchored(tx, header.device, section):
            return None
        return {"what": "branch", "from": section.from_seq, "expected_from": last["seq"] + 1}
    if section.from_seq != last["seq"] + 1 or section.prev != last["head"]:
        return {
            "what": "continuity",
            "expected_from": last["seq"] + 1,
            "from": section.from_seq,
            "prev_matches": section.prev == last["head"],
        }
    return None


def _anchored(tx: Tx, device_id: str, section: Any) -> bool:
    row = tx.one(
        "SELECT head FROM audit_anchors WHERE device_id = $1 AND seq = $2",
        (device_id, section.from_seq - 1),
    )
    return row is not None and row["head"] == section.prev


def record(tx: Tx, header: Any) -> None:
    """Anchor the bundle's head (in the transaction that applies it); a declared branch first
    moves the heads it rolls back to ``audit_rollbacks``."""
    section = header.audit
    if section is None:
        return
    if section.branch:
        _roll_back(tx, header.device, section.from_seq - 1, header.bundle_id)
    tx.run(
        "INSERT INTO audit_anchors (device_id, seq, head, bundle_id, anchored_at) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (device_id, seq) DO NOTHING",
        (header.device, section.head_seq, header.audit_head, header.bundle_id, now_iso()),
    )


def _roll_back(tx: Tx, device_id: str, branch_seq: int, bundle_id: str) -> None:
    dropped = tx.all(
        "SELECT seq, head FROM audit_anchors WHERE device_id = $1 AND seq > $2 ORDER BY seq",
        (device_id, branch_seq),
    )
    if not dropped:
        return
    tx.run(
        "INSERT INTO audit_rollbacks (device_id, branch_seq, dropped_from, dropped_to, "
        "dropped_head, bundle_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        (
            device_id,
            branch_seq,
            dropped[0]["seq"],
            dropped[-1]["seq"],
            dropped[-1]["head"],
            bundle_id,
            now_iso(),
        ),
    )
    tx.run("DELETE FROM audit_anchors WHERE device_id = $1 AND seq > $2", (device_id, branch_seq))


def rollbacks(tx: Tx) -> list[dict[str, Any]]:
    """Every declared branch, newest first (for ``ztcentral status``)."""
    return tx.all(
        "SELECT r.device_id, d.unit, r.branch_seq, r.dropped_from, r.dropped_to, r.at "
        "FROM audit_rollbacks r LEFT JOIN devices d ON d.device_id = r.device_id "
        "ORDER BY r.at DESC"
    )
