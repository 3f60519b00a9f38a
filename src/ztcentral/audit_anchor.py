"""Central's check of each device's audit chain (docs/security-model.md §7.4).

A bundle with the capability ``audit1`` names the stretch of the device's audit chain it closes
(``from``, ``n``, ``prev``; the header's ``audit_head`` is the stretch's last hash). Central
keeps the heads it anchored per device in ``audit_anchors``; a stretch that does not continue
the newest one — entries removed, rewritten or rolled back on the device since its last sync —
is ``E_AUDIT_FORK``: the bundle is quarantined (kept, not applied) and ``ztcentral status``
lists it. Central cannot check the device's HMACs and does not try: it checks continuity.
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
    if section.from_seq != last["seq"] + 1 or section.prev != last["head"]:
        return {
            "what": "continuity",
            "expected_from": last["seq"] + 1,
            "from": section.from_seq,
            "prev_matches": section.prev == last["head"],
        }
    return None


def record(tx: Tx, header: Any) -> None:
    """Anchor the bundle's head (in the transaction that applies it)."""
    section = header.audit
    if section is None:
        return
    tx.run(
        "INSERT INTO audit_anchors (device_id, seq, head, bundle_id, anchored_at) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (device_id, seq) DO NOTHING",
        (header.device, section.head_seq, header.audit_head, header.bundle_id, now_iso()),
    )
