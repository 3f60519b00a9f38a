"""Applying canonical ops into the per-unit tables, with the merge rules.

* Facts merge by union: attendance rows (key meeting+member), study logs and member events (key
  id). A second copy of the same fact is a no-op.
* Master data (org, org_post, member, meeting) merges field by field against ``base_version``:
  a field nobody else changed since that version is simply applied; a field changed meanwhile
  to a *different* value is a true conflict. Then the incoming value is applied (arrival order),
  the displaced value is kept in ``conflicts``, the record is flagged for review, and the op's
  receipt entry says ``conflict`` with both values so the client flags it too. Nothing is lost:
  every op's full JSON is also kept in ``applied_ops``.

Every check happens in Python before any write, so a bad op never aborts the bundle's
transaction (a failed statement would poison a PostgreSQL transaction).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from ztcentral import identity, transfers
from ztcentral.conflict_review import ReviewInvalid, apply_review
from ztcentral.db import Tx
from ztcentral.storage import now_iso
from ztprotocol import conflict_review as review_op
from ztprotocol.canonical import canonical

MASTER = {
    "org": ("create", "update"),
    "org_post": ("create", "update", "void"),  # a post entered by mistake is voided
    "member": ("create", "update", "void"),  # void: 录入错误作废 (status 'voided', off the roll)
    "meeting": ("create", "update", "void"),
    "dues_base": ("create", "update", "void"),  # a base entered by mistake is voided
    "dues_approval": ("create", "void"),
    # the organisation's life (issue 13): 换届选举, 谈心谈话, 民主评议, 整改
    "election": ("create", "update", "void"),
    "talk": ("create", "update", "void"),
    "appraisal": ("create", "update", "void"),
    "rectification": ("create", "update", "void"),
    "notice_reply": ("create", "update"),  # 通知回执: read receipt and feedback
    "development_step": ("create", "void"),  # 发展党员 steps (merged like any record)
}
FACTS = {
    "member_event": ("event", "void"),
    "study_log": ("insert_many", "void"),
    "dues_payment": ("insert_many", "void"),  # handled in dues.py
    "transfer": ("accept", "refuse"),  # answers to transfer proposals (transfers.py)
}
#: what is no record: 已核对 made on a device (conflict_review.py), kept in applied_ops only
REVIEWS = {review_op.ENTITY: (review_op.OP,)}
OP_KEYS = {"op_id", "seq", "entity", "record_id", "op", "base_version", "fields", "at"}
#: the centre's side of a conflict over a record for a member voided as entered in error
VOIDED = "voided"


class OpInvalid(Exception):
    def __init__(self, what: str) -> None:
        self.what = what


def _result(i: int, op_id: str, status: str, code: str | None = None, **params: Any) -> dict:
    return {"i": i, "op_id": op_id, "s": status, "code": code, "params": params}


def _dumps(obj: Any) -> str:
    """Stored JSON (ops, records, conflict values): the protocol's canonical encoding."""
    return canonical(obj).decode("utf-8")


def apply_ops(
    tx: Tx,
    *,
    unit: str,
    device_id: str,
    bundle_id: str,
    ops: list[dict[str, Any]],
    on_op: Any = None,
) -> list[dict[str, Any]]:
    """Apply each op in order; return one receipt entry per op."""
    results = []
    for i, op in enumerate(ops):
        op_id = str(op.get("op_id"))
        if tx.one("SELECT 1 AS x FROM applied_ops WHERE op_id = $1", (op_id,)):
            res = _result(i, op_id, "duplicate", "E_OP_DUPLICATE")
        else:
            try:
                _validate(op)
                # records of the unit entered twice are one (identity.py): read the op as
                # naming canonical records; a create of a known person becomes an edit of it
                as_applied = identity.claim(tx, unit, device_id, identity.translate(tx, unit, op))
                res = _apply_one(tx, unit, device_id, i, as_applied)
            except OpInvalid as exc:
                res = _result(i, op_id, "rejected", "E_OP_INVALID", what=exc.what)
            # the op itself is kept whatever happened to it: nothing is ever lost
            tx.run(
                "INSERT INTO applied_ops (device_id, seq, op_id, bundle_id, status, op) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                (device_id, op["seq"], op_id, bundle_id, res["s"], _dumps(op)),
            )
            # the unit's feed: other devices get it (a device's 已核对 is its own business)
            if res["s"] in ("applied", "conflict") and op["entity"] not in REVIEWS:
                tx.run(
                    "INSERT INTO unit_feed (unit, device_id, seq, op_id, entity, record_id) "
                    "VALUES ($1, $2, $3, $4, $5, $6)",
                    (unit, device_id, op["seq"], op_id, op["entity"], as_applied["record_id"]),
                )
        results.append(res)
        if on_op is not None:
            on_op(i)  # fault-injection hook for the crash test
    return results


def _validate(op: dict[str, Any]) -> None:
    if set(op) != OP_KEYS:
        raise OpInvalid("keys")
    allowed = MASTER.get(op["entity"]) or FACTS.get(op["entity"]) or REVIEWS.get(op["entity"])
    if allowed is None or op["op"] not in allowed:
        raise OpInvalid("entity/op")
    if not isinstance(op["record_id"], str) or not isinstance(op["fields"], dict):
        raise OpInvalid("record_id/fields")
    bv = op["base_version"]
    if bv is not None and (type(bv) is not int or bv < 0):
        raise OpInvalid("base_version")


def _apply_one(tx: Tx, unit: str, device_id: str, i: int, op: dict[str, Any]) -> dict:
    entity, kind, fields = op["entity"], op["op"], dict(op["fields"])
    if entity in REVIEWS:
        try:
            return _result(i, op["op_id"], "applied", **apply_review(tx, unit, device_id, op))
        except ReviewInvalid as exc:
            raise OpInvalid(str(exc)) from exc
    if entity == "study_log":
        return _study(tx, unit, device_id, i, op)
    if entity == "member_event":
        return _event(tx, unit, device_id, i, op)
    if entity == "dues_payment":
        from ztcentral.dues import apply_payments  # dues.py builds on this module's helpers

        return apply_payments(tx, unit, device_id, i, op)
    if entity == "transfer":
        try:
            transfers.reply(tx, unit, op)
        except transfers.ReplyInvalid as exc:
            raise OpInvalid(str(exc)) from exc
        return _result(i, op["op_id"], "applied")
    extra_conflicts: list[dict] = []
    on_voided: list[dict] = []
    snapshot: list | None = None
    if entity == "meeting" and "attendance" in fields:
        rows = fields.pop("attendance")
        extra_conflicts = _attendance(tx, unit, device_id, op, rows)
        for r in rows:  # marked for a member voided elsewhere: kept, in 审核
            c = on_voided_member(tx, unit, device_id, op, "attendance",
                                 f"{op['record_id']}/{r['member_id']}", r["member_id"])  # fmt: skip
            on_voided += [c] if c else []
        # the people as they were on the meeting's date, as the device that saved it recorded
        # them (due, voting, category, posts …): the unit's other devices take the meeting as
        # saved, never recounted from their own roster (issue 10); rows merge by person like
        # the marks, so two devices' edits are no field conflict
        snapshot = rows
    if kind == "void":
        reason = fields.get("reason") or fields.get("void_reason")
        if entity == "member":
            # 录入错误作废: the person leaves every count here too (ztprotocol.roll reads status)
            since = fields.get("status_since")
            fields = {"status": "voided", **({"status_since": since} if since else {})}
        else:
            fields = {}
        fields.update(voided=1, void_reason=reason)
    res = _merge(tx, unit, device_id, i, op, entity, op["record_id"], fields)
    if snapshot is not None:
        _merge_snapshot(tx, unit, op["record_id"], snapshot)
    if entity in ("dues_base", "dues_approval") and res["s"] == "applied":
        from ztcentral.dues import reduction_conflicts  # 少交 against the base (dues.py)

        extra_conflicts += reduction_conflicts(tx, unit, device_id, op, entity)
    if entity == "org" and "founded_on" in fields:
        from ztcentral.dues import founding_conflicts  # 成立日期 after paid months (dues.py)

        extra_conflicts += founding_conflicts(tx, unit, device_id, op)
    if extra_conflicts or on_voided:
        only_voided = res["s"] == "applied" and not extra_conflicts
        res["s"], res["code"] = "conflict", "E_MEMBER_VOIDED" if only_voided else "E_MERGE_CONFLICT"
        res["params"].setdefault("conflicts", []).extend(extra_conflicts + on_voided)
    return res


def _conflict(
    tx: Tx,
    unit: str,
    device_id: str,
    op: dict,
    entity: str,
    rid: str,
    field: str,
    current: Any,
    displaced: Any,
) -> dict:
    conflict_id = str(uuid.uuid4())
    tx.run(
        "INSERT INTO conflicts (id, unit, entity, record_id, field, current, displaced, op_id, "
        "device_id, created_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open')",
        (
            conflict_id,
            unit,
            entity,
            rid,
            field,
            _dumps(current),
            _dumps(displaced),
            op["op_id"],
            device_id,
            now_iso(),
        ),
    )
    # The values go down encrypted to the device that made the edit (a downlink item sealed to
    # its key), never in a receipt: receipts carry outcomes and codes only (issue 11).
    body = {
        "conflict_id": conflict_id,
        "op_id": op["op_id"],
        "entity": entity,
        "record_id": rid,
        "field": field,
        "yours": current,
        "theirs": displaced,
    }
    tx.run(
        "INSERT INTO down_items (item_id, unit, device_id, type, body, created_at) "
        "VALUES ($1, $2, $3, 'conflict', $4, $5)",
        (str(uuid.uuid4()), unit, device_id, _dumps(body), now_iso()),
    )
    return {"entity": entity, "record_id": rid, "field": field}


def voided_member(tx: Tx, unit: str, member_id: Any) -> bool:
    """Is ``member_id`` a member voided here as entered in error (录入错误作废)?"""
    if not isinstance(member_id, str):
        return False
    row = tx.one(
        "SELECT voided FROM records WHERE unit = $1 AND entity = 'member' AND id = $2",
        (unit, member_id),
    )
    return bool(row and row["voided"])


def on_voided_member(
    tx: Tx, unit: str, device_id: str, op: dict, entity: str, rid: str, member_id: Any
) -> dict | None:
    """A record another device added (offline) for a member voided meanwhile: kept, as every
    fact is, but never silently — a conflict (审核, and the device that sent it is told) whose
    sides are the member it names and ``voided``. The counts skip it: the person is off every
    roll (ztprotocol.roll), and a payment for them collects nothing (dues_report)."""
    if not voided_member(tx, unit, member_id):
        return None
    return _conflict(tx, unit, device_id, op, entity, rid, "member_id", member_id, VOIDED)


def _outcome(i: int, op: dict, conflicts: list[dict], voided: list[dict], **params: Any) -> dict:
    """The receipt entry of a fact op: E_MEMBER_VOIDED when its only conflicts are records
    for a voided member, E_MERGE_CONFLICT when any other is there too."""
    if not conflicts and not voided:
        return _result(i, op["op_id"], "applied", **params)
    code = "E_MERGE_CONFLICT" if conflicts else "E_MEMBER_VOIDED"
    return _result(i, op["op_id"], "conflict", code, conflicts=conflicts + voided, **params)


def _merge(
    tx: Tx,
    unit: str,
    device_id: str,
    i: int,
    op: dict,
    entity: str,
    rid: str,
    fields: dict[str, Any],
) -> dict:
    row = tx.one(
        "SELECT data, fver, version FROM records WHERE unit = $1 AND entity = $2 AND id = $3",
        (unit, entity, rid),
    )
    if row is None:
        if op["op"] != "create":
            # an update for a record this server never saw: keep it as a new record, flagged
            fver = {f: 1 for f in fields}
            tx.run(
                "INSERT INTO records (unit, entity, id, data, fver, version, voided, review, "
                "updated_at) VALUES ($1, $2, $3, $4, $5, 1, 0, 1, $6)",
                (unit, entity, rid, _dumps(fields), _dumps(fver), now_iso()),
            )
            return _result(i, op["op_id"], "conflict", "E_RECORD_UNKNOWN", record_id=rid)
        tx.run(
            "INSERT INTO records (unit, entity, id, data, fver, version, voided, review, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, 1, 0, 0, $6)",
            (unit, entity, rid, _dumps(fields), _dumps({f: 1 for f in fields}), now_iso()),
        )
        return _result(i, op["op_id"], "applied", version=1)
    data, fver, version = json.loads(row["data"]), json.loads(row["fver"]), row["version"]
    base = op["base_version"] or 0  # a create that meets an existing record merges from 0
    conflicts, changed = [], False
    for field, value in sorted(fields.items()):
        if field in data and data[field] == value:
            continue  # the same edit made twice is not a conflict
        if fver.get(field, 0) > base and field in data:
            conflicts.append(
                _conflict(tx, unit, device_id, op, entity, rid, field, value, data[field])
            )
        data[field] = value
        fver[field] = version + 1
        changed = True
    if changed:
        version += 1
        tx.run(
            "UPDATE records SET data = $1, fver = $2, version = $3, voided = $4, "
            "review = CASE WHEN $5 THEN 1 ELSE review END, updated_at = $6 "
            "WHERE unit = $7 AND entity = $8 AND id = $9",
            (
                _dumps(data),
                _dumps(fver),
                version,
                1 if data.get("voided") else 0,
                bool(conflicts),
                now_iso(),
                unit,
                entity,
                rid,
            ),
        )
    if conflicts:
        return _result(
            i, op["op_id"], "conflict", "E_MERGE_CONFLICT", version=version, conflicts=conflicts
        )
    return _result(i, op["op_id"], "applied", version=version)


def _merge_snapshot(tx: Tx, unit: str, meeting_id: str, rows: list[dict]) -> None:
    """Keep the meeting's snapshot rows in its record (``data.snapshot``), by person."""
    rec = tx.one(
        "SELECT data FROM records WHERE unit = $1 AND entity = 'meeting' AND id = $2",
        (unit, meeting_id),
    )
    if rec is None:
        return
    data = json.loads(rec["data"])
    merged = {r["member_id"]: r for r in data.get("snapshot") or []}
    merged.update({r["member_id"]: r for r in rows})
    data["snapshot"] = sorted(merged.values(), key=lambda r: r["member_id"])
    tx.run(
        "UPDATE records SET data = $1 WHERE unit = $2 AND entity = 'meeting' AND id = $3",
        (canonical(data).decode(), unit, meeting_id),
    )


def _attendance(tx: Tx, unit: str, device_id: str, op: dict, rows: Any) -> list[dict]:
    if not isinstance(rows, list) or not all(
        isinstance(r, dict)
        and isinstance(r.get("member_id"), str)
        and isinstance(r.get("status"), str)
        for r in rows
    ):
        raise OpInvalid("attendance")
    conflicts = []
    for r in rows:
        key = (unit, op["record_id"], r["member_id"])
        have = tx.one(
            "SELECT status, reason FROM attendance WHERE unit = $1 AND meeting_id = $2 "
            "AND member_id = $3",
            key,
        )
        if have is None:
            tx.run(
                "INSERT INTO attendance (unit, meeting_id, member_id, status, reason) "
                "VALUES ($1, $2, $3, $4, $5)",
                (*key, r["status"], r.get("reason")),
            )
        elif (have["status"], have["reason"]) != (r["status"], r.get("reason")):
            conflicts.append(
                _conflict(
                    tx,
                    unit,
                    device_id,
                    op,
                    "attendance",
                    f"{op['record_id']}/{r['member_id']}",
                    "status",
                    [r["status"], r.get("reason")],
                    [have["status"], have["reason"]],
                )
            )
            tx.run(
                "UPDATE attendance SET status = $1, reason = $2 WHERE unit = $3 AND "
                "meeting_id = $4 AND member_id = $5",
                (r["status"], r.get("reason"), *key),
            )
    return conflicts


def _study(tx: Tx, unit: str, device_id: str, i: int, op: dict) -> dict:
    f = op["fields"]
    if op["op"] == "void":
        ids = f.get("ids") or [op["record_id"]]
        for sid in ids:
            tx.run("UPDATE study_logs SET voided = 1 WHERE unit = $1 AND id = $2", (unit, str(sid)))
        return _result(i, op["op_id"], "applied", voided=len(ids))
    rows = f.get("rows")
    if not isinstance(rows, list) or not all(
        isinstance(r, dict)
        and isinstance(r.get("id"), str)
        and isinstance(r.get("member_id"), str)
        and isinstance(r.get("date"), str)
        and type(r.get("hours")) in (int, float)
        for r in rows
    ):
        raise OpInvalid("rows")
    conflicts, voided, added = [], [], 0
    for r in rows:
        have = tx.one("SELECT data FROM study_logs WHERE unit = $1 AND id = $2", (unit, r["id"]))
        if have is None:
            tx.run(
                "INSERT INTO study_logs (unit, id, member_id, date, hours, form, topic, "
                "meeting_id, voided, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9)",
                (
                    unit,
                    r["id"],
                    r["member_id"],
                    r["date"],
                    float(r["hours"]),
                    r.get("form"),
                    r.get("topic"),
                    r.get("meeting_id"),
                    _dumps(r),
                ),
            )
            added += 1
            c = on_voided_member(tx, unit, device_id, op, "study_log", r["id"], r["member_id"])
            voided += [c] if c else []
        elif json.loads(have["data"]) != r:
            conflicts.append(
                _conflict(
                    tx, unit, device_id, op, "study_log", r["id"], "*", r, json.loads(have["data"])
                )
            )
    return _outcome(i, op, conflicts, voided, added=added)


def _event(tx: Tx, unit: str, device_id: str, i: int, op: dict) -> dict:
    f, rid = op["fields"], op["record_id"]
    if op["op"] == "void":
        tx.run("UPDATE member_events SET voided = 1 WHERE unit = $1 AND id = $2", (unit, rid))
        return _result(i, op["op_id"], "applied")
    if not all(isinstance(f.get(k), str) for k in ("member_id", "kind", "date")):
        raise OpInvalid("event fields")
    have = tx.one("SELECT data FROM member_events WHERE unit = $1 AND id = $2", (unit, rid))
    voided = voided_member(tx, unit, f["member_id"])
    if have is None:
        tx.run(
            "INSERT INTO member_events (unit, id, member_id, kind, date, data, voided) "
            "VALUES ($1, $2, $3, $4, $5, $6, 0)",
            (unit, rid, f["member_id"], f["kind"], f["date"], _dumps(f)),
        )
        if f["kind"] == "transfer_out" and not voided:
            transfers.propose(tx, unit, rid, f)
    if voided:  # the record stays 已作废: the event is kept, its effects are not applied
        if have is not None:
            return _result(i, op["op_id"], "applied")  # a second copy: said once already
        c = on_voided_member(tx, unit, device_id, op, "member_event", rid, f["member_id"])
        return _outcome(i, op, [], [c] if c else [])
    effects = f.get("effects")
    if isinstance(effects, dict) and effects:
        sub = {**op, "op": "update"}
        return _merge(tx, unit, device_id, i, sub, "member", f["member_id"], effects)
    return _result(i, op["op_id"], "applied")
