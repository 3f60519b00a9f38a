"""党费 payments from the units: kept per unit as facts (insert-only, union merge).

``dues_payment/insert_many`` carries the rows of one collection, each with the months it covers
(``lines``); every row is kept as its own record (entity ``dues_payment``) in the ``records``
table, so no schema of its own is needed. A second copy of the same row is a no-op; a row with
the same id and different content is a conflict (both kept, flagged). ``void`` marks the rows
voided. Bases (``dues_base``) and approvals (``dues_approval``) are master data and merge field
by field like members (apply.py). The report reads all three (dues_report.py).
"""

from __future__ import annotations

import json
from typing import Any

from ztcentral.apply import OpInvalid, _conflict, _dumps, _outcome, _result, on_voided_member
from ztcentral.db import Tx
from ztcentral.storage import now_iso

ENTITY = "dues_payment"


def _valid_row(r: Any) -> bool:
    if not isinstance(r, dict):
        return False
    if not all(isinstance(r.get(k), str) for k in ("id", "member_id", "first_month", "paid_on")):
        return False
    if type(r.get("amount_fen")) is not int or type(r.get("extra_fen", 0)) is not int:
        return False
    lines = r.get("lines")
    return isinstance(lines, list) and all(
        isinstance(ln, dict)
        and isinstance(ln.get("month"), str)
        and type(ln.get("amount_fen")) is int
        for ln in lines
    )


def apply_payments(tx: Tx, unit: str, device_id: str, i: int, op: dict) -> dict:
    f = op["fields"]
    if op["op"] == "void":
        ids = f.get("ids") or [op["record_id"]]
        if not isinstance(ids, list) or not all(isinstance(x, str) for x in ids):
            raise OpInvalid("ids")
        for pid in ids:
            row = tx.one(
                "SELECT data FROM records WHERE unit = $1 AND entity = $2 AND id = $3",
                (unit, ENTITY, pid),
            )
            if row is not None:
                data = {**json.loads(row["data"]), "voided": 1, "void_reason": f.get("reason")}
                tx.run(
                    "UPDATE records SET data = $1, voided = 1, updated_at = $2 "
                    "WHERE unit = $3 AND entity = $4 AND id = $5",
                    (_dumps(data), now_iso(), unit, ENTITY, pid),
                )
        return _result(i, op["op_id"], "applied", voided=len(ids))
    rows = f.get("rows")
    if not isinstance(rows, list) or not rows or not all(_valid_row(r) for r in rows):
        raise OpInvalid("rows")
    conflicts, voided, added = [], [], 0
    for r in rows:
        have = tx.one(
            "SELECT data FROM records WHERE unit = $1 AND entity = $2 AND id = $3",
            (unit, ENTITY, r["id"]),
        )
        if have is None:
            tx.run(
                "INSERT INTO records (unit, entity, id, data, fver, version, voided, review, "
                "updated_at) VALUES ($1, $2, $3, $4, '{}', 1, 0, 0, $5)",
                (unit, ENTITY, r["id"], _dumps(r), now_iso()),
            )
            added += 1
            c = on_voided_member(tx, unit, device_id, op, ENTITY, r["id"], r["member_id"])
            voided += [c] if c else []
        else:
            kept = json.loads(have["data"])
            kept.pop("voided", None)
            kept.pop("void_reason", None)
            if kept != r:
                conflicts.append(_conflict(tx, unit, device_id, op, ENTITY, r["id"], "*", r, kept))
    return _outcome(i, op, conflicts, voided, added=added)
