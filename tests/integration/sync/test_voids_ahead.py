"""A void that comes before what it voids (records_in.py ``sync_voids_ahead``, migration 025).

Another device's study log, member event or 党费 payment can go in at a later run than its void:
the record failed the first time (its member not here yet, a month paid here too). Before, the
void found nothing and was lost; the record then went in live (a voided log counted in the
year's hours again), and a payment that clashed here waited for ever once the other device had
voided it. Now the void is kept and the record goes in voided, with the void's reason.
"""

from __future__ import annotations

import json

from tests.integration.sync.down_items_util import full_member, item_state, payment, put_item

from ztclient.domain.messages import render

MEMBER = "01900000-0000-7000-8000-0000000000f1"
LOG = "01900000-0000-7000-8000-0000000000f2"
EVENT = "01900000-0000-7000-8000-0000000000f3"


def _member_record(branch):
    data = {"org_id": branch, "name": "丙", "gender": "1", "category": "full",
            "join_date": "2001-07-01", "full_member_date": "2002-07-01", "status": "normal"}  # fmt: skip
    return {"entity": "member", "id": MEMBER, "version": 1, "voided": False, "data": data}


def _log_fact():
    row = {"id": LOG, "member_id": MEMBER, "date": "2024-03-01", "hours": 3.5, "form": "self",
           "topic": "党章学习", "meeting_id": None}  # fmt: skip
    return {"op_id": "op-log", "entity": "study_log", "op": "insert_many", "record_id": LOG,
            "fields": {"rows": [row]}}  # fmt: skip


def test_a_study_log_voided_before_it_went_in_goes_in_voided(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    put_item(s, "d-log", "fact", _log_fact(), 3)  # its member is not here yet: it fails
    put_item(s, "d-void", "fact", {"op_id": "op-void", "entity": "study_log", "op": "void",
                                "record_id": LOG, "fields": {"reason": "重复登记"}}, 4)  # fmt: skip
    s.sync.downlink.process()
    assert item_state(s, "d-log") == ("failed", "E_RECORD_UNKNOWN")
    assert item_state(s, "d-void") == ("applied", None)
    assert s.store.read("SELECT entity, record_id, reason FROM sync_voids_ahead") == [
        {"entity": "study_log", "record_id": LOG, "reason": "重复登记"}
    ]

    put_item(s, "d-member", "record", _member_record(branch), 5)
    s.sync.downlink.process()

    assert item_state(s, "d-log") == ("applied", None)
    assert s.store.read_one("SELECT voided, void_reason FROM study_logs WHERE id = ?", (LOG,)) == {
        "voided": 1,
        "void_reason": "重复登记",
    }
    (row,) = [r for r in s.study.summary(2024) if r["member_id"] == MEMBER]
    assert row["all_hours"] == 0  # the voided log counts for nothing
    assert s.store.scalar("SELECT count(*) FROM sync_voids_ahead") == 0
    assert [p["code"] for p in s.sync.status()["problems"]] == []


def test_a_member_event_voided_before_it_went_in_goes_in_voided(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    event = {"op_id": "op-ev", "entity": "member_event", "op": "event", "record_id": EVENT,
             "fields": {"member_id": MEMBER, "kind": "award", "date": "2024-02-01",
                        "details": {"title": "优秀共产党员"}}}  # fmt: skip
    put_item(s, "d-ev", "fact", event, 3)
    put_item(s, "d-ev-void", "fact", {"op_id": "op-ev-void", "entity": "member_event", "op": "void",
                                   "record_id": EVENT, "fields": {"reason": "录错"}}, 4)  # fmt: skip
    s.sync.downlink.process()
    assert item_state(s, "d-ev") == ("failed", "E_RECORD_UNKNOWN")

    put_item(s, "d-member", "record", _member_record(branch), 5)
    s.sync.downlink.process()

    assert item_state(s, "d-ev") == ("applied", None)
    assert s.store.read_one(
        "SELECT voided, void_reason FROM member_events WHERE id = ?", (EVENT,)
    ) == {"voided": 1, "void_reason": "录错"}


def _paid_here(s, member, payment, month, receipt):
    with s.store.transaction() as tx:
        tx.insert("dues_payments", {
            "id": payment, "member_id": member, "first_month": month, "months": 1,
            "amount_fen": 500, "paid_on": f"{month}-10", "way": "cash", "receipt_no": receipt,
            "batch_id": f"b-{payment}", "voided": 0, "created_at": f"{month}-10T08:00:00Z"})  # fmt: skip
        tx.insert("dues_payment_months", {"payment_id": payment, "member_id": member,
                                          "month": month, "amount_fen": 500, "voided": 0})  # fmt: skip


def _months(s):
    return s.store.read(
        "SELECT payment_id, month, voided FROM dues_payment_months ORDER BY payment_id"
    )


def _collection_with_a_clash(s, clash_first):
    """甲's March 2024 paid here (p-here, R-1); another device's collection b-1 holds its own
    copy of it (p-there, R-77) and 乙's March (p-yi), processed once."""
    branch = s.store.get_meta("test_branch_id")
    jia, yi = full_member(s, branch, "甲"), full_member(s, branch, "乙")
    _paid_here(s, jia, "p-here", "2024-03", "R-1")
    rows = [payment("p-there", jia, "2024-03", "R-77"), payment("p-yi", yi, "2024-03", "R-78")]
    collection = {"op_id": "op-c", "entity": "dues_payment", "op": "insert_many",
                  "record_id": "b-1", "fields": {"rows": rows if clash_first else rows[::-1]}}  # fmt: skip
    put_item(s, "d-c", "fact", collection, 3)
    return s.sync.downlink.process()


def test_a_collection_goes_in_but_the_clash_and_the_clash_settles_when_voided_there(unit):
    """甲's March was taken on both devices; the other device's collection also holds 乙's.
    乙's goes in at once; 甲's is listed. The other device then voids its copy of 甲's: at the
    next run it goes in voided, the row leaves the list, the month stays paid once (here)."""
    _app, s, _code = unit
    done = _collection_with_a_clash(s, clash_first=True)

    assert done.changes.dues  # 乙's went in: the 党费 page hears of it
    assert item_state(s, "d-c") == ("failed", "E_SYNC_DUES_PAID_HERE")
    assert _months(s) == [
        {"payment_id": "p-here", "month": "2024-03", "voided": 0},
        {"payment_id": "p-yi", "month": "2024-03", "voided": 0},
    ]
    (row,) = s.sync.status()["problems"]
    assert row["params"] == {"name": "甲", "month": "2024-03", "receipt": "R-77"}
    assert "同批的其他交纳已写入" in render(row["code"], **row["params"])

    put_item(s, "d-void", "fact", {"op_id": "op-v", "entity": "dues_payment", "op": "void",
                                "record_id": "b-1", "fields": {"ids": ["p-there"],
                                                               "reason": "重复收取"}}, 4)  # fmt: skip
    s.sync.downlink.process()

    assert item_state(s, "d-c") == ("applied", None)
    assert _months(s) == [
        {"payment_id": "p-here", "month": "2024-03", "voided": 0},
        {"payment_id": "p-there", "month": "2024-03", "voided": 1},
        {"payment_id": "p-yi", "month": "2024-03", "voided": 0},
    ]
    assert s.store.read_one(
        "SELECT voided, void_reason FROM dues_payments WHERE id = 'p-there'"
    ) == {"voided": 1, "void_reason": "重复收取"}
    assert s.sync.status()["problems"] == []
    assert s.store.scalar("SELECT count(*) FROM sync_voids_ahead") == 0


def test_a_clash_voided_here_goes_in_live_with_the_rest_already_in(unit):
    _app, s, _code = unit
    _collection_with_a_clash(s, clash_first=False)
    (row,) = s.sync.status()["problems"]  # about 甲's payment, not 乙's (in) nor the collection
    assert (row["record_id"], row["record_name"]) == ("p-there", "2024-03 · 甲（第一党支部）")
    entries = s.store.scalar("SELECT count(*) FROM audit")
    s.sync.downlink.process()  # tried again, nothing more of it goes in: nothing written
    assert s.store.scalar("SELECT count(*) FROM audit") == entries
    assert item_state(s, "d-c") == ("failed", "E_SYNC_DUES_PAID_HERE")
    assert s.store.scalar("SELECT count(*) FROM dues_payments WHERE id = 'p-yi'") == 1  # at once

    s.dues.void_payment("p-here", "以另一台设备为准")
    s.sync.downlink.process()

    assert item_state(s, "d-c") == ("applied", None)
    assert _months(s) == [
        {"payment_id": "p-here", "month": "2024-03", "voided": 1},
        {"payment_id": "p-there", "month": "2024-03", "voided": 0},
        {"payment_id": "p-yi", "month": "2024-03", "voided": 0},
    ]
    assert s.store.scalar("SELECT count(*) FROM dues_payments WHERE id = 'p-yi'") == 1
    assert s.sync.status()["problems"] == []


def test_the_upgrade_voids_what_an_older_program_let_in_live_after_its_void(tmp_path, monkeypatch):
    """Schema 024 → 025: a void an older program applied to nothing (its record came later and
    went in live) is applied now; a void whose record is still not here is kept for it."""
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App
    from ztclient.infra.db import migrations

    shipped = migrations.available
    before = next(n for n, name, _ in shipped() if name.endswith("_voids_ahead.sql")) - 1
    monkeypatch.setattr(migrations, "available", lambda: shipped()[:before])
    app = App(tmp_path / "data")
    s, _ = app.create_unit("中共测试支部委员会", "3301060009", PASSPHRASE, "branch")
    jia = full_member(s, s.root_org_id, "甲")
    with s.store.transaction() as tx:
        for log, voided in (("log-live", 0), ("log-kept", 1)):
            tx.insert("study_logs", {
                "id": log, "member_id": jia, "date": "2024-03-01", "hours": 2.0,
                "form": "self", "topic": "党章", "voided": voided,
                "created_at": "2024-03-01T08:00:00Z"})  # fmt: skip
    _paid_here(s, jia, "p-live", "2024-03", "R-9")
    voids = [
        ("v1", {"entity": "study_log", "record_id": "log-live",
                "fields": {"reason": "重复"}}),  # its log came later: live
        ("v2", {"entity": "study_log", "record_id": "x",
                "fields": {"ids": ["log-later"], "reason": "录错"}}),  # still not here
        ("v3", {"entity": "dues_payment", "record_id": "b-p",
                "fields": {"ids": ["p-live"], "reason": "重复收取"}}),
        ("v4", {"entity": "study_log", "record_id": "log-kept",
                "fields": {"reason": "原因"}}),  # voided already: left as it is
    ]  # fmt: skip
    with s.store.transaction() as tx:
        for i, (item_id, body) in enumerate(voids):
            tx.insert("sync_down_items", {
                "item_id": item_id, "type": "fact", "down_seq": i + 1,
                "body": json.dumps({**body, "op": "void", "op_id": item_id}, ensure_ascii=False),
                "received_at": "2024-03-06T08:00:00Z", "state": "applied"})  # fmt: skip
    s.close()

    monkeypatch.setattr(migrations, "available", shipped)
    s = app.unlock(PASSPHRASE)
    try:
        assert s.store.schema_version == migrations.latest() > before
        assert s.store.read("SELECT id, voided, void_reason FROM study_logs ORDER BY id") == [
            {"id": "log-kept", "voided": 1, "void_reason": None},
            {"id": "log-live", "voided": 1, "void_reason": "重复"},
        ]
        assert s.store.read_one(
            "SELECT voided, void_reason FROM dues_payments WHERE id = 'p-live'"
        ) == {"voided": 1, "void_reason": "重复收取"}
        assert _months(s) == [{"payment_id": "p-live", "month": "2024-03", "voided": 1}]
        assert s.store.read("SELECT entity, record_id, reason, item_id FROM sync_voids_ahead") == [
            {"entity": "study_log", "record_id": "log-later", "reason": "录错", "item_id": "v2"}
        ]
        later = {"op_id": "op-later", "entity": "study_log", "op": "insert_many",
                 "record_id": "log-later", "fields": {"rows": [
                     {"id": "log-later", "member_id": jia, "date": "2024-03-02", "hours": 1.0,
                      "form": "self", "topic": "党史", "meeting_id": None}]}}  # fmt: skip
        put_item(s, "d-later", "fact", later, 9)
        s.sync.downlink.process()
        assert s.store.read_one(
            "SELECT voided, void_reason FROM study_logs WHERE id = 'log-later'"
        ) == {"voided": 1, "void_reason": "录错"}
    finally:
        s.close()
