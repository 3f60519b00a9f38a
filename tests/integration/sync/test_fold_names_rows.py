"""A person entered on two devices is folded into the centre's record (records_in.merge): every
待核对 row about them names the person who stays — a row about the member, and a row about
their mark at one meeting (record id meeting/member). Before, the attendance row kept the
folded id, so the 同步 page named the meeting without the person."""

from __future__ import annotations

from tests.integration.sync.down_items_util import full_member, item_state, put_item

CENTRE = "01900000-0000-7000-8000-0000000000e1"  # the centre's record of the same person


def _row(tx, op_id, entity, record_id, field):
    tx.insert("sync_problems", {
        "op_id": op_id, "seq": 3, "bundle_id": "b1", "kind": "conflict",
        "code": "E_MERGE_CONFLICT", "entity": entity, "record_id": record_id, "field": field,
        "yours": '"present"', "theirs": '"absent"', "params": "{}",
        "created_at": "2026-12-01T08:00:00Z"})  # fmt: skip


def test_a_fold_renames_the_person_in_attendance_rows_too(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    local = full_member(s, branch, "张甲")
    other = full_member(s, branch, "李乙")
    meeting = "01900000-0000-7000-8000-0000000000e2"
    with s.store.transaction() as tx:
        _row(tx, "op-1", "attendance", f"{meeting}/{local}", "status")
        _row(tx, "op-2", "attendance", f"{meeting}/{other}", "status")  # another person: kept
        _row(tx, "op-3", "member", local, "phone")
    put_item(s, "d-m", "merge", {"entity": "member", "from": local, "into": CENTRE,
                                 "key": "id_number"}, 3)  # fmt: skip
    s.sync.downlink.process()

    assert item_state(s, "d-m") == ("applied", None)
    rows = {r["op_id"]: r["record_id"] for r in s.store.read("SELECT * FROM sync_problems")}
    assert rows == {"op-1": f"{meeting}/{CENTRE}", "op-2": f"{meeting}/{other}", "op-3": CENTRE}
    named = {p["op_id"]: p["record_name"] for p in s.sync.problems()}
    assert "张甲" in named["op-1"] and "李乙" in named["op-2"]
