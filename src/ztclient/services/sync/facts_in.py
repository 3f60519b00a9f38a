"""Facts other devices of the unit recorded, taken in: study logs, member events, 党费 payments
(``fact`` downlink items; records and folds are records_in.py).

A fact goes in by union (one already here is left) and a void marks it. A fact of several (a
batch of study logs, a collection of payments) goes in row by row: a row that cannot go in yet
(its member not here, its month paid here too) is kept, failed, about that row, while the rest
goes in (``PartlyIn``); the item is offered again at every run. A void can come before what it
voids: it is kept (``sync_voids_ahead``) and the record goes in voided when it comes.
"""

from __future__ import annotations

import json
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.changes import Changes
from ztclient.services.ports import Store
from ztclient.services.sync.context import SyncContext
from ztclient.services.sync.dues_flags import flag_before_founding
from ztclient.services.sync.records_in import (
    NOT_KNOWN,
    Audit,
    RecordClash,
    _check_references,
    _columns,
    _name,
    _unknown_reference,
)


def apply_fact(ctx: SyncContext, op: dict[str, Any], audit: Audit, item_id: str = "") -> Changes:
    """A fact another device recorded (study logs, a member event, 党费 payments) or voided.

    A void can come before its record: the record failed the first time (its member not here
    yet, a month paid here too) and goes in at a later run. Such a void is kept
    (``sync_voids_ahead``) and the record goes in voided when it comes; before migration 025
    the void was lost and the record went in live."""
    entity, kind, fields = op["entity"], op["op"], op.get("fields") or {}
    now = ctx.now()
    clash: RecordClash | None = None
    wrote = True  # a fact of several (below) says whether this run wrote any of it
    with ctx.store.transaction() as tx:
        if entity == "study_log" and kind == "insert_many":
            cols = _columns(tx, "study_logs")
            waiting, any_in, wrote = None, False, False
            for r in fields.get("rows") or []:
                if tx.read_one("SELECT 1 AS x FROM study_logs WHERE id = ?", (r["id"],)):
                    any_in = True
                    continue  # union: an identical fact is already here
                row = {k: v for k, v in r.items() if k in cols}
                if (unknown := _unknown_reference(tx, "study_logs", row)) is not None:
                    waiting = waiting or (str(r["id"]), unknown)  # its void (if any) stays kept
                    continue
                row.update({"voided": 0, "created_at": now, **_void_ahead(tx, entity, r["id"])})
                tx.insert("study_logs", row)
                any_in = wrote = True
            clash = _still_waiting(waiting, any_in)
            changes = Changes(study=True)
        elif entity == "study_log" and kind == "void":
            for sid in fields.get("ids") or [op["record_id"]]:
                _void(tx, entity, sid, fields.get("reason"), item_id, now)
            changes = Changes(study=True)
        elif entity == "member_event" and kind == "event":
            if not tx.read_one("SELECT 1 AS x FROM member_events WHERE id = ?", (op["record_id"],)):
                details = fields.get("details") or {}
                row = {
                    "id": op["record_id"],
                    "member_id": fields["member_id"],
                    "kind": fields["kind"],
                    "date": fields["date"],
                    "details": details if isinstance(details, str) else json.dumps(details),
                    "created_at": now,
                    **_void_ahead(tx, entity, op["record_id"]),
                }
                _check_references(tx, "member_events", row)
                tx.insert("member_events", row)
            changes = Changes(members=True, development=True)
        elif entity == "dues_payment" and kind in ("insert_many", "void"):
            flagged, clash, wrote = _dues_payments(tx, op, now, item_id)
            changes = Changes(dues=True, sync=flagged)
        elif entity == "member_event" and kind == "void":
            _void(tx, entity, op["record_id"], fields.get("reason"), item_id, now)
            changes = Changes(members=True, development=True)
        else:  # a fact this client does not know (nothing written): kept as data
            raise DomainError(NOT_KNOWN, entity=f"{entity}/{kind}")
        if clash is not None and not wrote:
            raise clash  # nothing of it went in (this time): no audit entry, nothing written
        audit(tx, "sync.fact", f"{entity}:{op['record_id']}", {"op_id": op.get("op_id")})
    if clash is not None:  # the rest of the collection is in (committed); this one is kept
        raise PartlyIn(clash, changes)
    return changes


class PartlyIn(RecordClash):
    """A fact item of which some records went in (committed) while one is kept, failed, with
    this error; ``changes`` says what went in (the downlink reports it like any other)."""

    def __init__(self, error: RecordClash, changes: Changes) -> None:
        super().__init__(error.code, error.field, error.record_id, **error.params)
        self.changes = changes


_FACT_TABLES = {"study_log": "study_logs", "member_event": "member_events",
                "dues_payment": "dues_payments"}  # fmt: skip


def _void(tx: Store, entity: str, rid: str, reason: Any, item_id: str, now: str) -> None:
    """Void a record here; one not here yet keeps its void for when it comes."""
    table = _FACT_TABLES[entity]
    if tx.read_one(f"SELECT 1 AS x FROM {table} WHERE id = ?", (rid,)):
        tx.execute(f"UPDATE {table} SET voided = 1, void_reason = ? WHERE id = ?", (reason, rid))
        if entity == "dues_payment":
            tx.execute("UPDATE dues_payment_months SET voided = 1 WHERE payment_id = ?", (rid,))
        return
    tx.execute(
        "INSERT OR IGNORE INTO sync_voids_ahead (entity, record_id, reason, item_id, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (entity, rid, reason, item_id, now),
    )


def _void_ahead(tx: Store, entity: str, rid: str) -> dict[str, Any]:
    """The void that came before this record, taken (it goes in voided); {} when none."""
    row = tx.read_one(
        "SELECT reason FROM sync_voids_ahead WHERE entity = ? AND record_id = ?", (entity, rid)
    )
    if row is None:
        return {}
    tx.execute("DELETE FROM sync_voids_ahead WHERE entity = ? AND record_id = ?", (entity, rid))
    return {"voided": 1, "void_reason": row["reason"]}


def _still_waiting(waiting: tuple[str, dict[str, str]] | None, any_in: bool) -> RecordClash | None:
    """A fact of several (a batch of study logs, a collection of payments) whose one row names
    a member not here yet: the rest goes in and this row is kept, failed, offered again at every
    run (``E_SYNC_IN_REFERENCE_PART``, about that row). When none of it is here, it fails whole
    as any fact does (E_RECORD_UNKNOWN)."""
    if waiting is None:
        return None
    rid, unknown = waiting
    if not any_in:
        raise DomainError("E_RECORD_UNKNOWN", **unknown)
    return RecordClash("E_SYNC_IN_REFERENCE_PART", None, rid, **unknown)


def _dues_payments(
    tx: Store, op: dict[str, Any], now: str, item_id: str
) -> tuple[bool, RecordClash | None, bool]:
    """党费 payments another device recorded (one op: a collection), or voided. By union: a
    payment already here is left. A payment for a month this device has a live payment of too
    (both took it offline) is left out, and the collection's others go in: the item is kept,
    failed E_SYNC_DUES_PAID_HERE (returned, raised once the rest is written), and offered again
    at every run, so it goes in once either copy is voided, here or on the device that recorded
    it (its void is kept until then). A payment whose member is not here yet waits the same way
    (``_still_waiting``). A payment for a month before the unit's founding month is kept and
    flagged (dues_flags.py). Returns (something went on the 待核对 list, the clash,
    something was written)."""
    fields = op.get("fields") or {}
    if op["op"] == "void":
        for pid in fields.get("ids") or [op["record_id"]]:
            _void(tx, "dues_payment", pid, fields.get("reason"), item_id, now)
        return False, None, True
    flagged, clash, wrote = False, None, False
    waiting, any_in = None, False
    cols = _columns(tx, "dues_payments")
    for r in fields.get("rows") or []:
        if tx.read_one("SELECT 1 AS x FROM dues_payments WHERE id = ?", (r["id"],)):
            any_in = True
            continue  # union: the same payment is here already
        if (unknown := _unknown_reference(tx, "dues_payments", r)) is not None:
            waiting = waiting or (str(r["id"]), unknown)  # its member not here yet
            continue  # before its kept void is taken: that stays for when it comes
        lines = r.get("lines") or []
        ahead = _void_ahead(tx, "dues_payment", r["id"])  # voided: claims no month
        taken = None if ahead else _month_paid_here(tx, r["member_id"], lines)
        if taken is not None:
            clash = clash or RecordClash(
                "E_SYNC_DUES_PAID_HERE", "month", str(r["id"]), name=_name(tx, r["member_id"]),
                month=taken, receipt=str(r.get("receipt_no") or "—"),
            )  # fmt: skip
            continue
        row = {k: v for k, v in r.items() if k in cols}
        row.update(batch_id=op["record_id"], voided=0, void_reason=None, created_at=now)
        row.update(ahead)
        tx.insert("dues_payments", row)
        any_in = wrote = True
        for ln in lines:
            tx.insert("dues_payment_months", {
                "payment_id": r["id"], "member_id": r["member_id"], "month": ln["month"],
                "amount_fen": int(ln["amount_fen"]), "voided": row["voided"],
            })  # fmt: skip
        if not row["voided"]:
            flagged = flag_before_founding(tx, r, now) or flagged
    return flagged, clash or _still_waiting(waiting, any_in), wrote


def _month_paid_here(tx: Store, member_id: str, lines: list[dict[str, Any]]) -> str | None:
    """The first of these months that ``member_id`` has a live payment of here, if any."""
    for ln in lines:
        if tx.read_one(
            "SELECT 1 AS x FROM dues_payment_months WHERE member_id = ? AND month = ? "
            "AND voided = 0",
            (member_id, ln["month"]),
        ):
            return str(ln["month"])
    return None
