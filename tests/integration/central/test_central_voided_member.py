"""A member voided as entered in error (录入错误作废) at the centre: owns no 公民身份号码 (the
person entered again is a new record, not an alias of the voided one), and records another
device added for them offline are kept but never count silently: each is a conflict in 审核.
The ops are applied as a unit's sync would apply them."""

from __future__ import annotations

import json

from ztcentral.apply import apply_ops
from ztcentral.db import Database
from ztcentral.storage import init_schema

ID = "110101199003077571"


def _op(seq: int, entity: str, record_id: str, op: str, fields: dict, base=None) -> dict:
    return {"op_id": f"o{seq}", "seq": seq, "entity": entity, "record_id": record_id, "op": op,
            "base_version": base, "fields": fields, "at": "2025-12-31T08:00:00Z"}  # fmt: skip


def _db(tmp_path) -> Database:
    db = Database(str(tmp_path / "c.db"))
    init_schema(db)
    return db


def _person(seq: int, mid: str) -> dict:
    return _op(seq, "member", mid, "create", {"name": "张三", "category": "full",
               "status": "normal", "id_number": ID, "join_date": "2015-07-01"})  # fmt: skip


def test_the_person_entered_again_is_a_new_record_not_an_alias_of_the_voided_one(tmp_path):
    db = _db(tmp_path)
    ops = [_person(1, "m1"), _op(2, "member", "m1", "void", {"reason": "录错支部",
           "status": "voided", "status_since": "2025-12-30"}, base=1), _person(3, "m2")]  # fmt: skip
    with db.tx() as tx:
        results = apply_ops(tx, unit="U1", device_id="d", bundle_id="b", ops=ops)
        assert [r["s"] for r in results] == ["applied"] * 3, results
        assert tx.all("SELECT * FROM aliases") == []
        rows = {r["id"]: json.loads(r["data"]) for r in tx.all("SELECT id, data FROM records")}
    assert rows["m1"]["status"] == "voided"
    assert (rows["m2"]["status"], rows["m2"]["id_number"]) == ("normal", ID)


def test_a_voided_post_is_kept_voided_and_leaves_the_committee(tmp_path):
    """A unit's device voids a 书记 entered by mistake: the centre applies the op (refused as
    an unknown op before), keeps the record voided with the reason, and its 班子成员 no longer
    include the member."""
    from datetime import date

    from ztcentral.console.figures import compute

    db = _db(tmp_path)
    post = {"org_id": "b1", "member_id": "m1", "post": "secretary", "start_date": "2025-01-01",
            "end_date": None}  # fmt: skip
    ops = [_person(1, "m1"), _op(2, "org_post", "p1", "create", post),
           _op(3, "study_log", "s1", "insert_many", {"rows": [{"id": "s1", "member_id": "m1",
               "date": "2025-05-01", "hours": 40, "form": "intensive"}]}),
           ]  # fmt: skip
    with db.tx() as tx:
        results = apply_ops(tx, unit="U1", device_id="d", bundle_id="b", ops=ops)
        assert [r["s"] for r in results] == ["applied"] * 3, results
        before = compute(tx, "U1", date(2025, 12, 31))  # 40 hours: short of a 书记's 56
        results = apply_ops(tx, unit="U1", device_id="d", bundle_id="b", ops=[_op(
            4, "org_post", "p1", "void", {"reason": "录错人"}, base=1)])  # fmt: skip
        assert [r["s"] for r in results] == ["applied"], results
        rec = tx.one("SELECT data, voided FROM records WHERE entity = 'org_post' AND id = 'p1'")
        figures = compute(tx, "U1", date(2025, 12, 31))  # not of a member's 32
    assert (json.loads(rec["data"])["void_reason"], rec["voided"]) == ("录错人", 1)
    assert (before.study_short, figures.study_short) == (1, 0)


def _voided_person(tx) -> None:
    ops = [_person(1, "m1"), _op(2, "member", "m1", "void", {"reason": "测试录入",
           "status": "voided", "status_since": "2025-03-01"}, base=1)]  # fmt: skip
    results = apply_ops(tx, unit="U1", device_id="pc", bundle_id="b1", ops=ops)
    assert [r["s"] for r in results] == ["applied"] * 2, results


def test_records_another_device_added_offline_for_a_voided_member_are_conflicts(tmp_path):
    """The office PC voided 张三; the laptop, offline, recorded for him a study log, a meeting
    he attended, a 党费 payment of 15.00 for March and a 转出 to another unit. Each is kept and
    is a conflict in 审核 (the laptop told, E_MEMBER_VOIDED); the 转出 changes nothing of the
    voided record and proposes no transfer; the payment collects nothing in the dues sheet."""
    from datetime import date

    from ztcentral.dues_report import unit_figures

    db = _db(tmp_path)
    payment = {"id": "p1", "member_id": "m1", "first_month": "2025-03", "months": 1,
               "amount_fen": 1500, "extra_fen": 0, "paid_on": "2025-03-10", "way": "cash",
               "receipt_no": "R1", "lines": [{"month": "2025-03", "amount_fen": 1500}]}  # fmt: skip
    laptop = [
        _op(11, "study_log", "s1", "insert_many", {"rows": [{"id": "s1", "member_id": "m1",
            "date": "2025-04-01", "hours": 2, "form": "intensive"}]}),
        _op(12, "meeting", "mt1", "create", {"org_id": "b1", "kind": "branch_general",
            "starts_at": "2025-04-02T09:00", "attendance": [
                {"member_id": "m1", "status": "present"}]}),
        _op(13, "dues_payment", "p1", "insert_many", {"rows": [payment]}),
        _op(14, "member_event", "e1", "event", {"member_id": "m1", "kind": "transfer_out",
            "date": "2025-04-05", "details": {"to_org": "某县委组织部"},
            "effects": {"status": "transferred_out", "status_since": "2025-04-05"}}, base=1),
    ]  # fmt: skip
    with db.tx() as tx:
        _voided_person(tx)
        results = apply_ops(tx, unit="U1", device_id="laptop", bundle_id="b2", ops=laptop)
        assert [(r["s"], r["code"]) for r in results] == [("conflict", "E_MEMBER_VOIDED")] * 4
        conflicts = tx.all(
            "SELECT entity, record_id, field, current, displaced, device_id, status "
            "FROM conflicts ORDER BY entity"
        )
        member = json.loads(tx.one("SELECT data FROM records WHERE id = 'm1'")["data"])
        kept = (
            tx.scalar("SELECT count(*) FROM study_logs"),
            tx.scalar("SELECT count(*) FROM member_events"),
            tx.scalar("SELECT count(*) FROM records WHERE entity = 'dues_payment'"),
            tx.scalar("SELECT count(*) FROM attendance"),
        )
        transfers = tx.scalar("SELECT count(*) FROM down_items WHERE type != 'conflict'")
        collected = unit_figures(tx, "U1", 2025, date(2025, 12, 31))["months"][3][1]
    assert [(c["entity"], c["record_id"]) for c in conflicts] == [
        ("attendance", "mt1/m1"), ("dues_payment", "p1"), ("member_event", "e1"),
        ("study_log", "s1"),
    ]  # fmt: skip
    assert {(c["field"], c["current"], c["displaced"], c["device_id"], c["status"])
            for c in conflicts} == {("member_id", '"m1"', '"voided"', "laptop", "open")}  # fmt: skip
    assert kept == (1, 1, 1, 1)  # nothing is lost
    assert (member["status"], member["void_reason"]) == ("voided", "测试录入")
    assert transfers == 0
    assert collected == 0


def test_a_second_copy_says_nothing_new_and_a_live_member_is_no_conflict(tmp_path):
    db = _db(tmp_path)
    log = {"rows": [{"id": "s1", "member_id": "m1", "date": "2025-04-01", "hours": 2}]}
    with db.tx() as tx:
        _voided_person(tx)
        apply_ops(tx, unit="U1", device_id="laptop", bundle_id="b2",
                  ops=[_op(11, "study_log", "s1", "insert_many", log)])  # fmt: skip
        again = apply_ops(tx, unit="U1", device_id="laptop", bundle_id="b3",
                          ops=[_op(12, "study_log", "s1", "insert_many", log)])  # fmt: skip
        live = apply_ops(tx, unit="U1", device_id="laptop", bundle_id="b4", ops=[
            _person(13, "m2"), _op(14, "study_log", "s2", "insert_many", {"rows": [
                {"id": "s2", "member_id": "m2", "date": "2025-04-01", "hours": 2}]})])  # fmt: skip
        count = tx.scalar("SELECT count(*) FROM conflicts")
    assert [r["s"] for r in again] == ["applied"]
    assert [r["s"] for r in live] == ["applied", "applied"]
    assert count == 1


def test_the_review_page_says_the_member_was_voided():
    from ztcentral.console.field_labels import conflict_field, conflict_value

    names = {"m1": "张三"}
    assert conflict_field("study_log", "member_id", "zh") == "学习记录 · 党员"
    assert conflict_value('"m1"', "member_id", "zh", names) == "张三"
    assert conflict_value('"voided"', "member_id", "zh", names) == "该党员已作废（录入错误）"
