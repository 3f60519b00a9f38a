"""Merge rules: facts by union, master data field by field, true conflicts kept on both sides."""

from __future__ import annotations

import json

from tests.integration.central.zc_helpers import Device


def record(central, entity, rid, unit="U001"):
    with central.db.tx() as tx:
        row = tx.one(
            "SELECT data, version, review FROM records WHERE unit = $1 AND entity = $2 AND id = $3",
            (unit, entity, rid),
        )
    return json.loads(row["data"]), row["version"], row["review"]


def conflicts(central):
    with central.db.tx() as tx:
        return tx.all(
            "SELECT entity, record_id, field, current, displaced FROM conflicts ORDER BY field"
        )


def two_devices(central):
    a, b = Device("U001"), Device("U001")
    a.enrol_direct(central)
    b.enrol_direct(central)
    return a, b


def test_attendance_and_study_logs_merge_by_union(central):
    a, b = two_devices(central)
    meeting = {
        "kind": "branch_general",
        "title": "支部党员大会",
        "starts_at": "2026-03-01T09:00",
        "attendance": [
            {"member_id": "m1", "status": "present"},
            {"member_id": "m2", "status": "present"},
        ],
    }
    ba = a.seal(
        a.next_ops(
            [
                ("meeting", "mt1", "create", meeting),
                (
                    "study_log",
                    "batch-a",
                    "insert_many",
                    {
                        "rows": [
                            {
                                "id": "s1",
                                "member_id": "m1",
                                "date": "2026-03-01",
                                "hours": 2,
                                "form": "collective",
                                "topic": "党章",
                            }
                        ]
                    },
                ),
            ]
        )
    )
    meeting_b = dict(
        meeting,
        attendance=[
            {"member_id": "m2", "status": "present"},
            {"member_id": "m3", "status": "present"},
        ],
    )
    bb = b.seal(
        b.next_ops(
            [
                ("meeting", "mt1", "create", meeting_b),
                (
                    "study_log",
                    "batch-b",
                    "insert_many",
                    {
                        "rows": [
                            {
                                "id": "s1",
                                "member_id": "m1",
                                "date": "2026-03-01",
                                "hours": 2,
                                "form": "collective",
                                "topic": "党章",
                            },
                            {
                                "id": "s2",
                                "member_id": "m3",
                                "date": "2026-03-01",
                                "hours": 1.5,
                                "form": "self",
                                "topic": "党史",
                            },
                        ]
                    },
                ),
            ]
        )
    )
    ra, rb = central.process(ba), central.process(bb)
    assert [o["s"] for o in a.verify(ra.receipt, ba).ops] == ["applied", "applied"]
    assert [o["s"] for o in b.verify(rb.receipt, bb).ops] == ["applied", "applied"]
    with central.db.tx() as tx:
        att = {r["member_id"] for r in tx.all("SELECT member_id FROM attendance")}
        logs = tx.all("SELECT id, hours FROM study_logs ORDER BY id")
    assert att == {"m1", "m2", "m3"}
    assert [(r["id"], r["hours"]) for r in logs] == [("s1", 2.0), ("s2", 1.5)]
    assert conflicts(central) == []


def test_field_merge_parallel_update_and_true_conflict(central):
    a, b = two_devices(central)
    create = a.seal(
        a.next_ops([("member", "m1", "create", {"name": "张三", "phone": "111", "address": "甲"})])
    )
    central.process(create)
    # both edit from version 1: different fields → both applied, no conflict
    ua = a.seal(a.next_ops([("member", "m1", "update", {"phone": "222"}, 1)]))
    ub = b.seal(b.next_ops([("member", "m1", "update", {"address": "乙"}, 1)]))
    assert a.verify(central.process(ua).receipt, ua).ops[0]["s"] == "applied"
    assert b.verify(central.process(ub).receipt, ub).ops[0]["s"] == "applied"
    data, version, review = record(central, "member", "m1")
    assert (data["phone"], data["address"], version, review) == ("222", "乙", 3, 0)
    # b edits phone from version 1 (stale: a changed it at version 2) → a true conflict
    cb = b.seal(b.next_ops([("member", "m1", "update", {"phone": "333"}, 1)]))
    r = b.verify(central.process(cb).receipt, cb)
    entry = r.ops[0]
    assert (entry["s"], entry["code"]) == ("conflict", "E_MERGE_CONFLICT")
    c = entry["params"]["conflicts"][0]
    assert c == {"entity": "member", "record_id": "m1", "field": "phone"}  # no values …
    with central.db.tx() as tx:  # … they go down encrypted to b only, as a conflict item
        [item] = tx.all("SELECT device_id, body FROM down_items WHERE type = 'conflict'")
    body = json.loads(item["body"])
    assert item["device_id"] == b.device_id
    assert (body["field"], body["yours"], body["theirs"]) == ("phone", "333", "222")
    data, version, review = record(central, "member", "m1")
    assert data["phone"] == "333" and review == 1  # arrival order, flagged for review
    rows = conflicts(central)
    assert [(x["field"], json.loads(x["current"]), json.loads(x["displaced"])) for x in rows] == [
        ("phone", "333", "222")
    ]  # nothing lost: both values kept
    # the same value written from a stale base is not a conflict
    same = a.seal(a.next_ops([("member", "m1", "update", {"phone": "333"}, 2)]))
    assert a.verify(central.process(same).receipt, same).ops[0]["s"] == "applied"


def test_invalid_and_duplicate_ops_are_coded_per_op(central):
    a = Device("U001")
    a.enrol_direct(central)
    ops = a.next_ops(
        [("member", "m1", "create", {"name": "李四"}), ("spaceship", "x", "create", {})]
    )
    b1 = a.seal(ops)
    r = a.verify(central.process(b1).receipt, b1)
    assert [(o["s"], o["code"]) for o in r.ops] == [("applied", None), ("rejected", "E_OP_INVALID")]
    # the rejected op is still stored, verbatim
    with central.db.tx() as tx:
        kept = tx.scalar("SELECT op FROM applied_ops WHERE op_id = $1", (ops[1]["op_id"],))
    assert json.loads(kept)["entity"] == "spaceship"
    # an op id already applied (carried again in a later bundle) is a duplicate, not reapplied
    again = dict(ops[0], seq=a.seq + 1)
    a.seq += 1
    b2 = a.seal([again])
    assert a.verify(central.process(b2).receipt, b2).ops[0]["s"] == "duplicate"
    # re-sealing that bundle's op later is a replay, not a fork
    from ztprotocol.bundle import GENESIS

    assert central.process(a.seal([again], prev_hash=GENESIS)).code == "E_BUNDLE_REPLAY"


def test_member_event_effects_merge_into_member(central):
    a = Device("U001")
    a.enrol_direct(central)
    central.process(
        a.seal(
            a.next_ops([("member", "m1", "create", {"name": "王五", "category": "probationary"})])
        )
    )
    ev = a.seal(
        a.next_ops(
            [
                (
                    "member_event",
                    "e1",
                    "event",
                    {
                        "member_id": "m1",
                        "kind": "converted",
                        "date": "2026-05-01",
                        "effects": {"category": "full"},
                    },
                    1,
                )
            ]
        )
    )
    assert a.verify(central.process(ev).receipt, ev).ops[0]["s"] == "applied"
    assert record(central, "member", "m1")[0]["category"] == "full"
