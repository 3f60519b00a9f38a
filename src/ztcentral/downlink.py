"""Down the line: signed downlink bundles (notices, materials, code tables, org changes,
transfer-ins, trust files, receipts, conflict values and their 已核对); USB acknowledgements are made of them
(usb_acks.py).

A downlink bundle is a DZB1 bundle of kind ``down`` signed by the central signing key and
encrypted to the device's X25519 key; its ``seq`` is the device's downlink sequence and
``prev`` chains to the previous downlink bundle, so the client detects loss and replay the same
way the server does. Built bundles are stored, so asking again returns the same bytes.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric import x25519

from ztcentral.service import Central
from ztcentral.storage import now_iso
from ztprotocol.bundle import seal_bundle
from ztprotocol.codes import SyncRejected
from ztprotocol.keys import unb64

CENTRAL_DEVICE = "central"


def fetch_down(central: Central, device_id: str, after: int) -> bytes | None:
    """The downlink bundle with seq ``after + 1``: stored if already built, else built now from
    pending items; None when there is nothing new."""
    with central.db.tx() as tx:
        dev = tx.one("SELECT * FROM devices WHERE device_id = $1" + tx.for_update(), (device_id,))
        if dev is None:
            raise SyncRejected("E_DEVICE_UNKNOWN", device=device_id)
        if dev["status"] == "revoked":
            raise SyncRejected("E_DEVICE_REVOKED", device=device_id)
        stored = tx.scalar(
            "SELECT sha256 FROM down_bundles WHERE device_id = $1 AND seq = $2",
            (device_id, after + 1),
        )
        if stored is not None:
            return central.blobs.get(stored)
        if after != dev["down_seq"]:
            raise SyncRejected("E_BUNDLE_GAP", have=dev["down_seq"], after=after)
        items = tx.all(
            "SELECT i.item_id, i.type, i.body FROM down_items i WHERE i.unit = $1 AND "
            "(i.device_id IS NULL OR i.device_id = $2) AND NOT EXISTS "
            "(SELECT 1 FROM down_delivered d WHERE d.device_id = $3 AND d.item_id = i.item_id) "
            "ORDER BY i.created_at, i.item_id",
            (dev["unit"], device_id, device_id),
        )
        if not items:
            return None
        payload = [
            {"item_id": r["item_id"], "type": r["type"], "body": json.loads(r["body"])}
            for r in items
        ]
        seq = dev["down_seq"] + 1
        data = seal_bundle(
            payload,
            kind="down",
            device_id=CENTRAL_DEVICE,
            unit_code=dev["unit"],
            seq_from=seq,
            seq_to=seq,
            prev_hash=dev["down_hash"],
            audit_head=dev["audit_head"],
            device_signing_key=central.keys.sign,
            central_public_key=x25519.X25519PublicKey.from_public_bytes(unb64(dev["enc_pub"], 32)),
        )
        sha = central.blobs.put(data)
        tx.run(
            "INSERT INTO down_bundles (device_id, seq, sha256) VALUES ($1, $2, $3)",
            (device_id, seq, sha),
        )
        for r in items:
            tx.run(
                "INSERT INTO down_delivered (device_id, item_id, down_seq) VALUES ($1, $2, $3)",
                (device_id, r["item_id"], seq),
            )
        tx.run(
            "UPDATE devices SET down_seq = $1, down_hash = $2 WHERE device_id = $3",
            (seq, sha, device_id),
        )
        return data


def _answered_hash(receipt: bytes) -> str:
    """The bundle hash a DZR1 receipt of ours answers (our own bytes: no check needed)."""
    from ztprotocol import signed_frame
    from ztprotocol.receipt import MAGIC

    value = signed_frame.peek(receipt, MAGIC, "bundle_hash")
    if value is None:
        raise ValueError("not a DZR1 receipt of ours")
    return value


def _queue(tx: Any, device_id: str, type_: str, body: Any, unit: str | None = None) -> None:
    if unit is None:
        unit = tx.scalar("SELECT unit FROM devices WHERE device_id = $1", (device_id,))
    tx.run(
        "INSERT INTO down_items (item_id, unit, device_id, type, body, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        (
            str(uuid.uuid4()),
            unit,
            device_id,
            type_,
            json.dumps(body, ensure_ascii=False),
            now_iso(),
        ),
    )


def queue_conflict_reviewed(tx: Any, conflict_id: str, reviewed_by: str, reviewed_at: str) -> None:
    """审核 → 已核对: tell the device that received the conflict (and only it) that the
    committee has looked at it, so its clerk is not asked to check what is already closed.
    Run in the transaction that marks the conflict reviewed; a conflict row with no device
    (none today) queues nothing."""
    row = tx.one(
        "SELECT id, unit, device_id, op_id, entity, record_id, field FROM conflicts WHERE id = $1",
        (conflict_id,),
    )
    if row is None or not row["device_id"]:
        return
    body = conflict_reviewed_body(row, reviewed_by, reviewed_at)
    _queue(tx, row["device_id"], "conflict_reviewed", body, unit=row["unit"])


def conflict_reviewed_body(
    row: dict[str, Any], reviewed_by: str, reviewed_at: str, on_device: bool = False
) -> dict[str, Any]:
    """The ``conflict_reviewed`` item of a conflict row: which 待核对 row it closes, who and
    when. ``on_device``: reviewed on the device itself (sent back to a device restored from a
    backup older than its review, feed.queue_own), so it shows as its own clerk's review."""
    body = {
        "conflict_id": row["id"],
        "op_id": row["op_id"],
        # one op may have a conflict on several records (a meeting's attendance): the device
        # closes the row of this one (its 待核对 list is one row per op, record and field)
        "entity": row["entity"],
        "record_id": row["record_id"],
        "field": row["field"],
        "reviewed_by": reviewed_by,
        "reviewed_at": reviewed_at,
    }
    if on_device:
        body["on_device"] = True
    return body
