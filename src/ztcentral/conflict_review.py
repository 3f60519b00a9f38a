"""已核对 made on a device: the ``conflict_review`` op (ztprotocol.conflict_review).

The clerk marked a conflict 已核对 in their program. The centre closes the conflict the op names
— the conflict over ``field`` of the op ``record_id`` *that this same device sent* (the centre's
``conflicts`` rows are keyed so; a device cannot close another device's conflict) — as reviewed
on the device: who (the device's operator), when (the device's time) and which device, with one
操作日志 line. Several conflicts of one op on one field (attendance of several members) are one
待核对 row each on the device, and its review names the record: that one closes alone. A review
without a record (or several conflicts of one record, one receipt number used before by two
payments) closes them together.

Nothing goes back down: the device that told us already has its row closed (no echo). A
conflict already closed, at the centre or by an earlier copy, stays as it was with its own
reviewer; the op is then ``applied`` with ``closed: 0`` and why (``already_reviewed``,
``no_conflict``), never refused: the device could do nothing about it.
"""

from __future__ import annotations

from typing import Any

from ztcentral.console import audit  # the 操作日志 the console shows (its own 已核对 too)
from ztcentral.db import Tx
from ztprotocol.conflict_review import parse_review


class ReviewInvalid(Exception):
    pass


def apply_review(tx: Tx, unit: str, device_id: str, op: dict[str, Any]) -> dict[str, Any]:
    """Close the device's conflicts the op names; returns the receipt entry's params."""
    try:
        field, by, at, record = parse_review(op["fields"])
    except ValueError as exc:
        raise ReviewInvalid(str(exc)) from exc
    sql = (
        "SELECT id, status FROM conflicts WHERE unit = $1 AND device_id = $2 AND op_id = $3 "
        "AND field = $4"
    )
    args: tuple[Any, ...] = (unit, device_id, op["record_id"], field)
    if record is not None:
        sql += " AND entity = $5 AND record_id = $6"
        args += record
    rows = tx.all(sql + " ORDER BY id", args)
    if not rows:
        return {"closed": 0, "reason": "no_conflict"}
    closed = 0
    for r in rows:
        if r["status"] != "open":
            continue
        closed += tx.run(
            "UPDATE conflicts SET status = 'reviewed', reviewed_by = $1, reviewed_at = $2, "
            "reviewed_device = $3 WHERE id = $4 AND status = 'open'",
            (by, at, device_id, r["id"]),
        )
        audit.record(
            tx, "conflict.review_device", user=by, address=None, target=r["id"],
            device=device_id, unit=unit, op_id=op["op_id"], reviewed_at=at,
        )  # fmt: skip
    return {"closed": closed} if closed else {"closed": 0, "reason": "already_reviewed"}
