"""党费 payments from the units: kept per unit as facts (insert-only, union merge).

``dues_payment/insert_many`` carries the rows of one collection, each with the months it covers
(``lines``); every row is kept as its own record (entity ``dues_payment``) in the ``records``
table, so no schema of its own is needed. A second copy of the same row is a no-op; a row with
the same id and different content is a conflict (both kept, flagged). ``void`` marks the rows
voided. Two live payments of a unit with one receipt number (收据号) are both kept and the pair
is a conflict on ``receipt_no`` for 审核 (``dues_receipts`` finds them). Bases (``dues_base``) and approvals (``dues_approval``) are master data and merge field
by field like members (apply.py). The report reads all three (dues_report.py).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ztcentral.apply import OpInvalid, _conflict, _dumps, _outcome, _result, on_voided_member
from ztcentral.db import Tx
from ztcentral.dues_report import founding_date
from ztcentral.storage import now_iso
from ztprotocol.dues_price import bases_by_month, month_index, reduction_over

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
            conflicts += _receipt_taken(tx, unit, device_id, op, r)
            conflicts += _before_founding(tx, unit, device_id, op, r)
        else:
            kept = json.loads(have["data"])
            kept.pop("voided", None)
            kept.pop("void_reason", None)
            if kept != r:
                conflicts.append(_conflict(tx, unit, device_id, op, ENTITY, r["id"], "*", r, kept))
    return _outcome(i, op, conflicts, voided, added=added)


def _receipt_taken(tx: Tx, unit: str, device_id: str, op: dict, row: dict) -> list[dict]:
    """收据号 once a unit: a payment arriving with the number a live payment of the unit
    already carries (typed the same on two devices, or two devices that drew one series mark)
    is kept all the same — a payment is a fact — and each earlier one is a conflict on
    ``receipt_no`` for 审核, its values naming both payments; the device whose payment came
    second is told (docs/domain-rules.md, 党费)."""
    number = row.get("receipt_no")
    if not isinstance(number, str) or not number:
        return []
    others = tx.all(
        "SELECT r.id, r.data FROM dues_receipts d JOIN records r ON r.unit = d.unit "
        "AND r.entity = $1 AND r.id = d.payment_id WHERE d.unit = $2 AND d.receipt_no = $3 "
        "AND r.voided = 0 AND r.id != $4 ORDER BY r.id",
        (ENTITY, unit, number, row["id"]),
    )
    tx.run(
        "INSERT INTO dues_receipts (unit, payment_id, receipt_no) VALUES ($1, $2, $3)",
        (unit, row["id"], number),
    )
    out = []
    for other in others:
        theirs = _described(tx, unit, json.loads(other["data"]))
        out.append(
            _conflict(tx, unit, device_id, op, ENTITY, row["id"], "receipt_no",
                      _described(tx, unit, row), theirs)
        )  # fmt: skip
    return out


def _before_founding(tx: Tx, unit: str, device_id: str, op: dict, row: dict) -> list[dict]:
    """A payment for a month before the unit's founding month (its top organisation's 成立日期;
    the client refuses it when entered, E_DUES_MONTH_BEFORE_FOUNDED, and flags it arriving by
    sync, W_DUES_PAID_BEFORE_FOUNDED): kept all the same — a payment is a fact, and the sheet
    owes no month before the founding anyway (dues_report) — and a conflict on ``month`` for
    审核, its first month before the founding, the member and the receipt number on one side,
    the 成立日期 on the other; the device that sent it is told. A unit with no 成立日期 has
    nothing to judge by."""
    day = founding_date(tx, unit)
    if day is None:
        return []
    months = [str(ln["month"]) for ln in row["lines"]] or [row["first_month"]]
    early = sorted(m for m in months if (i := month_index(m)) is not None and i < founding(day))
    if not early:
        return []
    first = early[0]
    member = tx.one(
        "SELECT data FROM records WHERE unit = $1 AND entity = 'member' AND id = $2",
        (unit, row["member_id"]),
    )
    name = json.loads(member["data"]).get("name") if member else None
    mine = f"{first} · {name or row['member_id']} · 收据号 {row.get('receipt_no') or '—'}"
    return [_conflict(tx, unit, device_id, op, ENTITY, row["id"], "month", mine, f"成立日期 {day}")]


def founding_conflicts(tx: Tx, unit: str, device_id: str, op: dict) -> list[dict]:
    """The unit's top organisation's 成立日期 just set or moved (an org op; the client refuses
    moving it past a live payment's month, E_ORG_FOUNDED_AFTER_DUES, and flags it arriving by
    sync): each live payment of the unit with a month before the founding month is the conflict
    :func:`_before_founding` opens for a payment arriving before it, told to the device that
    sent the date — once per payment: one with such a conflict already (open or reviewed,
    opened on its arrival or by an earlier date) is not opened again."""
    org = tx.one(
        "SELECT data, voided FROM records WHERE unit = $1 AND entity = 'org' AND id = $2",
        (unit, op["record_id"]),
    )
    if org is None or org["voided"] or json.loads(org["data"]).get("parent_id"):
        return []  # a branch's own date is not the unit's first owed month (dues_report)
    if founding_date(tx, unit) is None:
        return []
    opened = {
        r["record_id"]
        for r in tx.all(
            "SELECT record_id FROM conflicts WHERE unit = $1 AND entity = $2 AND field = 'month'",
            (unit, ENTITY),
        )
    }
    out = []
    for r in tx.all(
        "SELECT id, data FROM records WHERE unit = $1 AND entity = $2 AND voided = 0 ORDER BY id",
        (unit, ENTITY),
    ):
        if r["id"] not in opened:
            out += _before_founding(
                tx, unit, device_id, op, {**json.loads(r["data"]), "id": r["id"]}
            )
    return out


def founding(day: date) -> int:
    """The month index of a 成立日期."""
    return day.year * 12 + day.month - 1


def _described(tx: Tx, unit: str, payment: dict) -> str:
    """A payment in the words 审核 and the clerk read: 2026-01 · 张伟 · 1个月 · 45.00元 (0001)."""
    member = tx.one(
        "SELECT data FROM records WHERE unit = $1 AND entity = 'member' AND id = $2",
        (unit, str(payment.get("member_id"))),
    )
    name = json.loads(member["data"]).get("name") if member else None
    return (
        f"{payment.get('receipt_no')} · {name or payment.get('member_id')} · "
        f"{payment.get('first_month')} 起 {payment.get('months', 1)} 个月 · "
        f"{_yuan(payment.get('amount_fen'))} 元 · {payment.get('paid_on')}"
    )


def _yuan(fen: Any) -> str:
    n = int(fen or 0)
    return f"{n // 100}.{n % 100:02d}"


def _member_records(tx: Tx, unit: str, entity: str, member_id: str) -> list[dict]:
    """The unit's live records of ``entity`` for one member, found by the ``member_id`` in
    the stored JSON read as a field (an exact match: a LIKE on the text was both looser and
    tied to how the JSON was written)."""
    out = []
    for r in tx.all(
        "SELECT id, data FROM records WHERE unit = $1 AND entity = $2 AND voided = 0 "
        f"AND {tx.json_text('data', 'member_id')} = $3",
        (unit, entity, member_id),
    ):
        data = json.loads(r["data"])
        if not data.get("voided"):
            out.append({**data, "id": r["id"]})
    return out


def reduction_conflicts(tx: Tx, unit: str, device_id: str, op: dict, entity: str) -> list[dict]:
    """A base (or a 少交 approval) just applied that makes an approved 少交 come out not below
    the base in force (the client refuses that when it is entered there: E_DUES_REDUCE_NOT_LESS,
    E_DUES_BASE_VOID_REDUCE; arriving from another device it was applied without a word): kept,
    and the first such month is a conflict on ``monthly_fen`` for 审核, told to the device that
    sent it (docs/domain-rules.md, 党费). The rule is the client's:
    ``ztprotocol.dues_price.reduction_over`` — for a base, over the months of its year."""
    rid = op["record_id"]
    row = tx.one(
        "SELECT data FROM records WHERE unit = $1 AND entity = $2 AND id = $3", (unit, entity, rid)
    )
    if row is None:
        return []
    record = json.loads(row["data"])
    member = record.get("member_id")
    if not isinstance(member, str):
        return []
    reductions = _member_records(tx, unit, "dues_approval", member)
    if entity == "dues_approval":
        reductions = [a for a in reductions if a["id"] == rid]
    first = last = None
    if entity == "dues_base":
        year = record.get("year")
        if not isinstance(year, int):
            return []
        first, last = year * 12, year * 12 + 11
    bases = bases_by_month(_member_records(tx, unit, "dues_base", member))
    found = [(o, a) for a in reductions if (o := reduction_over([a], bases, first, last))]
    if not found:
        return []
    (amount, m, standard), a = min(found, key=lambda pair: pair[0][1])
    month = f"{m // 12}-{m % 12 + 1:02d}"
    base_text = f"{month} 按基数应交每月 {_yuan(standard)} 元"
    reduce_text = (
        f"已批准少交每月 {_yuan(amount)} 元（{a.get('first_month')} 至 {a.get('last_month')}）"
    )
    mine, other = (base_text, reduce_text) if entity == "dues_base" else (reduce_text, base_text)
    return [_conflict(tx, unit, device_id, op, entity, rid, "monthly_fen", mine, other)]
