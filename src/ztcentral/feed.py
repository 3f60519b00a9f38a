"""Devices of one unit converge: what one device changed goes down to the others.

Every op the centre applies is noted in the unit's feed (``unit_feed``, written by
``apply.apply_ops`` in the bundle's transaction: the unit's changes in the order applied). Each device has a cursor in it (``device_feed``). When a device
exchanges (or its USB acknowledgement is made), the changes the unit's *other* devices made
since its cursor are queued for it as downlink items, sealed to its key like any other:

* ``record`` — the centre's current state of a record (org, member, meeting with its
  attendance …), after the merge rules; the device takes it as the centre's word for the fields
  it has no pending edit of;
* ``fact`` — a fact op (a member event, study logs …), which the device adds by union.

Records go in the order references need (organisations, then members, meetings, elections,
the posts an election seated, then talks, grades, 整改 items and 发展党员 steps).
A device restored from an old backup also gets back its *own* changes it no longer has
(:func:`queue_own`). The registry of record entities is ``ztcentral.apply.MASTER``; an entity
the device does not know is kept there as data.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from ztcentral import identity
from ztcentral.apply import FACTS, MASTER
from ztcentral.db import Tx
from ztcentral.downlink import conflict_reviewed_body
from ztcentral.service import Central
from ztcentral.storage import now_iso
from ztprotocol.canonical import canonical

#: a record before the records that refer to it: an election names its meeting, and the posts
#: it seated name it; talks, grades, 整改 items and 发展党员 steps name organisations, members
#: and meetings (党费 and what a device does not know come last)
RANK = {
    "org": 0,
    "member": 1,
    "meeting": 2,
    "election": 3,
    "org_post": 4,
    "talk": 5,
    "appraisal": 5,
    "rectification": 5,
    "development_step": 5,
}
BATCH = 2000


def _items(tx: Tx, unit: str, rows: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    records: dict[tuple[str, str], int] = {}
    facts: list[str] = []
    for r in rows:
        if r["entity"] in MASTER:
            records[(r["entity"], r["record_id"])] = r["pos"]
        elif r["entity"] in FACTS:
            facts.append(r["op_id"])
    out: list[tuple[str, dict[str, Any]]] = []
    for entity, rid in sorted(records, key=lambda k: (RANK.get(k[0], 9), records[k])):
        rec = tx.one(
            "SELECT data, version, voided FROM records WHERE unit = $1 AND entity = $2 AND id = $3",
            (unit, entity, rid),
        )
        if rec is None:
            continue
        body = {
            "entity": entity,
            "id": rid,
            "version": rec["version"],
            "voided": bool(rec["voided"]),
            "data": json.loads(rec["data"]),
        }
        if entity == "meeting":
            body["attendance"] = tx.all(
                "SELECT member_id, status, reason FROM attendance WHERE unit = $1 AND "
                "meeting_id = $2 ORDER BY member_id",
                (unit, rid),
            )
        out.append(("record", body))
    for op_id in facts:
        row = tx.one("SELECT op FROM applied_ops WHERE op_id = $1", (op_id,))
        if row is not None:
            out.append(("fact", identity.translate(tx, unit, json.loads(row["op"]))))
    return out


def _queue(tx: Tx, unit: str, device_id: str, items: list[tuple[str, dict[str, Any]]]) -> None:
    for kind, body in items:
        tx.run(
            "INSERT INTO down_items (item_id, unit, device_id, type, body, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            (str(uuid.uuid4()), unit, device_id, kind, canonical(body).decode(), now_iso()),
        )


def queue_for(central: Central, device_id: str) -> int:
    """Queue what the unit's other devices changed since this device's cursor."""
    with central.db.tx() as tx:
        dev = tx.one("SELECT unit FROM devices WHERE device_id = $1", (device_id,))
        if dev is None:
            return 0
        cursor = tx.scalar("SELECT pos FROM device_feed WHERE device_id = $1", (device_id,)) or 0
        rows = tx.all(
            "SELECT pos, entity, record_id, op_id FROM unit_feed WHERE unit = $1 AND pos > $2 "
            "AND device_id != $3 ORDER BY pos LIMIT $4",
            (dev["unit"], cursor, device_id, BATCH),
        )
        last = tx.scalar(
            "SELECT max(pos) FROM unit_feed WHERE unit = $1 AND pos > $2", (dev["unit"], cursor)
        )
        if rows and len(rows) == BATCH:
            last = rows[-1]["pos"]
        items = _items(tx, dev["unit"], rows)
        _queue(tx, dev["unit"], device_id, items)
        if last is not None:
            tx.run(
                "INSERT INTO device_feed (device_id, pos) VALUES ($1, $2) "
                "ON CONFLICT (device_id) DO UPDATE SET pos = excluded.pos",
                (device_id, last),
            )
    return len(items)


def _reviews(tx: Tx, device_id: str) -> list[tuple[str, dict[str, Any]]]:
    """Every conflict of this device closed as 已核对 (on the device or in the console), as the
    ``conflict_reviewed`` items that close its 待核对 rows: a backup older than the review
    brings the row back open. The device leaves a row it has closed, or does not have, as it is."""
    rows = tx.all(
        "SELECT id, op_id, entity, record_id, field, reviewed_by, reviewed_at, reviewed_device "
        "FROM conflicts WHERE device_id = $1 AND status = 'reviewed' ORDER BY id",
        (device_id,),
    )
    return [
        (
            "conflict_reviewed",
            conflict_reviewed_body(
                r, r["reviewed_by"] or "", r["reviewed_at"] or "", r["reviewed_device"] == device_id
            ),
        )
        for r in rows
    ]


def queue_own(central: Central, device_id: str, after_seq: int) -> int:
    """A device restored from an old backup: its own changes after ``after_seq``, which the
    centre applied and the device no longer has, come back down (nothing is lost); and the
    已核对 of its conflicts, which the backup may hold open (``_reviews``)."""
    with central.db.tx() as tx:
        dev = tx.one("SELECT unit FROM devices WHERE device_id = $1", (device_id,))
        rows = tx.all(
            "SELECT pos, entity, record_id, op_id FROM unit_feed WHERE device_id = $1 AND seq > $2 "
            "ORDER BY pos",
            (device_id, after_seq),
        )
        items = _items(tx, dev["unit"], rows) + _reviews(tx, device_id)
        # A device that asks again before it took the last answer (a cut link, a refused answer)
        # must not have its records queued once more each time: skip what still waits for it.
        waiting = {
            r["body"]
            for r in tx.all(
                "SELECT i.body FROM down_items i WHERE i.device_id = $1 AND NOT EXISTS "
                "(SELECT 1 FROM down_delivered d WHERE d.device_id = $1 AND d.item_id = i.item_id)",
                (device_id,),
            )
        }
        items = [(k, b) for k, b in items if canonical(b).decode() not in waiting]
        _queue(tx, dev["unit"], device_id, items)
    return len(items)
