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
