"""Recovery without a technician: take the centre's record of this device and go on from it.

Two things put a device out of step with the centre, and neither needs anyone but the clerk:

* the device was **restored from an old backup**: the centre has applied sequence numbers the
  device no longer knows it used, so its new ops would fork (the centre notices from the
  hello's ``next`` and answers with its record instead of taking the bundles);
* a bundle was **refused** for its place in the chain (``E_BUNDLE_REORDER``, ``E_BUNDLE_FORK``,
  ``E_BUNDLE_REPLAY``, ``E_BUNDLE_ID_REUSED``): the next sync asks for the record itself.

The record is the centre's watermark, its chain head, and the op ids it holds after this
device's watermark. In one transaction the device then **fast-forwards** (every op the centre
holds is ``synced``), marks every unanswered bundle ``superseded``, and puts every op still in
flight back to ``pending``; they are sealed again after the centre's head, with new wire
sequence numbers (their outbox ``seq``, and the audit entries naming them, never change); the
audit stretch of the next bundle starts after the newest head the centre anchored that the
device's chain still holds, declared as a branch when the centre anchored later ones. Its
own changes it lost to the restore come back down as records (records_in.py). Nothing is
lost and nothing is applied twice: the centre knows every op by its id.
"""

from __future__ import annotations

from typing import Any

from ztclient.services.audit_anchor import rewind
from ztclient.services.sync.context import SyncContext

#: a bundle refused for its place in the chain: the next sync asks for the centre's record
RESYNC_CODES = frozenset(
    {"E_BUNDLE_REORDER", "E_BUNDLE_FORK", "E_BUNDLE_REPLAY", "E_BUNDLE_ID_REUSED"}
)


def wanted(ctx: SyncContext) -> bool:
    """Does a refused bundle ask for the centre's record?"""
    codes = ctx.store.column("SELECT code FROM sync_bundles WHERE state = 'refused'")
    return any(code in RESYNC_CODES for code in codes)


def apply(ctx: SyncContext, record: dict[str, Any]) -> dict[str, int]:
    """Take the centre's record (see the module docstring). Returns what moved."""
    watermark, head = int(record["watermark"]), str(record["last_hash"])
    held = {str(op_id) for _seq, op_id in record.get("ops") or []}
    with ctx.store.transaction() as tx:
        synced = 0
        for op_id in held:
            synced += tx.execute(
                "UPDATE outbox SET sync_state = 'synced' WHERE op_id = ? AND sync_state != 'synced'",
                (op_id,),
            )
        superseded = tx.execute(
            "UPDATE sync_bundles SET state = 'superseded' "
            "WHERE state NOT IN ('acknowledged', 'superseded')"
        )
        again = tx.execute(
            "UPDATE outbox SET sync_state = 'pending', bundle_id = NULL, wire_seq = NULL "
            "WHERE sync_state = 'in_flight'"
        )
        tx.execute(
            "UPDATE sync_enrolment SET chain_head = ?, high_watermark = ? WHERE id = 1",
            (head, watermark),
        )
        # the audit stretch starts again after the newest head the centre anchored that this
        # chain still holds (a restored device declares the branch: audit_anchor.rewind)
        rewind(tx, record.get("anchors") or [])
        out = {"synced": synced, "superseded": superseded, "again": again}
        ctx.log(tx, "resync", None, watermark=watermark, **out)
    return out
