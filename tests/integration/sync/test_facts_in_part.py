"""A fact of several from another device (a 党费 collection, a batch of study logs) whose one row
names a member not here yet (services/sync/facts_in.py): the rest goes in at once, the item stays
failed about that row alone, and the row goes in when its member comes. Before, one such row held
the whole collection out (E_RECORD_UNKNOWN) until the member arrived."""

from __future__ import annotations

from tests.integration.sync.down_items_util import full_member, item_state, payment, put_item

from ztclient.domain.messages import render

BING = "01900000-0000-7000-8000-0000000000b1"  # 丙, recorded on the other device, not here yet


def _bing_record(branch):
    data = {"org_id": branch, "name": "丙", "gender": "1", "category": "full",
            "join_date": "2001-07-01", "full_member_date": "2002-07-01", "status": "normal"}  # fmt: skip
    return {"entity": "member", "id": BING, "version": 1, "voided": False, "data": data}


def _collection(rows):
    return {"op_id": "op-c", "entity": "dues_payment", "op": "insert_many",
            "record_id": "b-1", "fields": {"rows": rows}}  # fmt: skip


def _payments(s):
    return s.store.read(
        "SELECT p.id, m.month, p.voided FROM dues_payments p "
        "JOIN dues_payment_months m ON m.payment_id = p.id ORDER BY p.id"
    )


def test_a_collection_goes_in_but_the_payment_of_a_member_not_here_yet(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    jia = full_member(s, branch, "甲")
    rows = [payment("p-bing", BING, "2024-03", "R-80"), payment("p-jia", jia, "2024-03", "R-81")]
    put_item(s, "d-c", "fact", _collection(rows), 3)
    done = s.sync.downlink.process()

    assert done.changes.dues  # 甲's went in: the 党费 page hears of it
    assert _payments(s) == [{"id": "p-jia", "month": "2024-03", "voided": 0}]
    assert item_state(s, "d-c") == ("failed", "E_SYNC_IN_REFERENCE_PART")
    (row,) = s.sync.status()["problems"]
    assert row["record_id"] == "p-bing" and row["params"] == {"what": "members", "id": BING}
    assert row["record_name"] == "2024-03 · 收据号 R-80"  # as sent: its member is not here
    text = render(row["code"], **row["params"])
    assert "同批的其他记录已写入" in text and f"（党员 {BING}）" in text

    entries = s.store.scalar("SELECT count(*) FROM audit")
    s.sync.downlink.process()  # tried again, still nothing more of it: nothing written
    assert s.store.scalar("SELECT count(*) FROM audit") == entries
    assert item_state(s, "d-c") == ("failed", "E_SYNC_IN_REFERENCE_PART")

    put_item(s, "d-bing", "record", _bing_record(branch), 4)
    s.sync.downlink.process()

    assert item_state(s, "d-c") == ("applied", None)
    assert _payments(s) == [
        {"id": "p-bing", "month": "2024-03", "voided": 0},
        {"id": "p-jia", "month": "2024-03", "voided": 0},
    ]
    assert s.sync.status()["problems"] == []


def test_a_void_kept_for_the_waiting_payment_stays_kept_until_it_goes_in(unit):
    """The other device voided 丙's payment; the void comes at once and is kept. The run that
    takes 甲's in must not take 丙's void with it: 丙's payment goes in voided when 丙 comes."""
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    jia = full_member(s, branch, "甲")
    rows = [payment("p-jia", jia, "2024-04", "R-90"), payment("p-bing", BING, "2024-04", "R-91")]
    put_item(s, "d-c", "fact", _collection(rows), 3)
    put_item(s, "d-v", "fact", {"op_id": "op-v", "entity": "dues_payment", "op": "void",
                             "record_id": "b-1", "fields": {"ids": ["p-bing"],
                                                            "reason": "收错人"}}, 4)  # fmt: skip
    s.sync.downlink.process()
    assert item_state(s, "d-c") == ("failed", "E_SYNC_IN_REFERENCE_PART")
    assert s.store.column("SELECT record_id FROM sync_voids_ahead") == ["p-bing"]

    put_item(s, "d-bing", "record", _bing_record(branch), 5)
    s.sync.downlink.process()

    assert item_state(s, "d-c") == ("applied", None)
    assert s.store.read_one(
        "SELECT voided, void_reason FROM dues_payments WHERE id = 'p-bing'"
    ) == {"voided": 1, "void_reason": "收错人"}
    assert s.store.scalar("SELECT count(*) FROM sync_voids_ahead") == 0


def test_a_batch_of_study_logs_goes_in_but_the_log_of_a_member_not_here_yet(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    jia = full_member(s, branch, "甲")
    logs = [
        {"id": f"log-{who}", "member_id": mid, "date": "2024-05-08", "hours": 2.0,
         "form": "self", "topic": "党章学习", "meeting_id": None}
        for who, mid in (("jia", jia), ("bing", BING))
    ]  # fmt: skip
    put_item(s, "d-l", "fact", {"op_id": "op-l", "entity": "study_log", "op": "insert_many",
                                "record_id": "log-jia", "fields": {"rows": logs}}, 3)  # fmt: skip
    s.sync.downlink.process()

    assert s.store.column("SELECT id FROM study_logs WHERE id LIKE 'log-%'") == ["log-jia"]
    assert item_state(s, "d-l") == ("failed", "E_SYNC_IN_REFERENCE_PART")
    (row,) = s.sync.status()["problems"]
    assert row["record_id"] == "log-bing"

    put_item(s, "d-bing", "record", _bing_record(branch), 4)
    s.sync.downlink.process()
    assert item_state(s, "d-l") == ("applied", None)
    assert sorted(s.store.column("SELECT id FROM study_logs WHERE id LIKE 'log-%'")) == [
        "log-bing",
        "log-jia",
    ]
    assert s.sync.status()["problems"] == []


def test_a_collection_none_of_which_can_go_in_fails_whole_as_before(unit):
    _app, s, _code = unit
    put_item(s, "d-c", "fact", _collection([payment("p-bing", BING, "2024-03", "R-80")]), 3)
    s.sync.downlink.process()
    assert item_state(s, "d-c") == ("failed", "E_RECORD_UNKNOWN")
    (row,) = s.sync.status()["problems"]
    assert row["code"] == "E_SYNC_IN_REFERENCE" and row["record_id"] == "b-1"
    assert s.store.scalar("SELECT count(*) FROM dues_payments") == 0
