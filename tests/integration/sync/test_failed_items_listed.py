"""A downlink item that cannot go in is on the 待核对 list and tried again (downlink.py
flag_failed): another device's 民主评议 grade of a member graded here for the same year, a
党费 month paid on both devices, a record naming one this device does not have yet. The row
names the person, the year or month, both grades or the receipt; the item is offered again at
every processing (the start of each sync and USB import) and goes in once what stood in its
way is gone (the clerk voided the wrong grade here, the record it names arrived); its row then
leaves the list. Before, a failed item was kept with its code and shown nowhere: the 同步 page
and `sync status` listed nothing, and it never went in."""

from __future__ import annotations

from tests.integration.sync.down_items_util import full_member, item_state, put_item

OTHER = "01900000-0000-7000-8000-0000000000b1"
POST = "01900000-0000-7000-8000-0000000000b2"
ELECTION = "01900000-0000-7000-8000-0000000000b3"


def _open_rows(s):
    return [
        {k: p[k] for k in ("kind", "code", "entity", "record_id", "record_name", "field", "params")}
        for p in s.sync.status()["problems"]
    ]


def _grade_item(yi, branch):
    data = {"year": 2023, "member_id": yi, "org_id": branch, "grade": "excellent",
            "meeting_id": None, "measure": None, "deadline": None, "note": None,
            "voided": 0, "void_reason": None}  # fmt: skip
    return {"entity": "appraisal", "id": OTHER, "version": 1, "voided": False, "data": data}


def _clashing_grade_listed(s):
    """乙 graded 合格 for 2023 here, another device's 优秀 for the same year processed: its row."""
    branch = s.store.get_meta("test_branch_id")
    yi = full_member(s, branch, "乙")
    s.appraisals.record(2023, [{"member_id": yi, "grade": "合格"}])
    put_item(s, "d-grade", "record", _grade_item(yi, branch))
    s.sync.downlink.process()
    (row,) = s.sync.status()["problems"]
    return row


def test_a_second_grade_is_listed_and_goes_in_once_the_one_here_is_voided(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    yi = full_member(s, branch, "乙")
    (mine,) = s.appraisals.record(2023, [{"member_id": yi, "grade": "合格"}]).ids
    put_item(s, "d-grade", "record", _grade_item(yi, branch))

    s.sync.downlink.process()

    assert item_state(s, "d-grade") == ("failed", "E_SYNC_GRADE_HERE")
    assert _open_rows(s) == [
        {"kind": "review", "code": "E_SYNC_GRADE_HERE", "entity": "appraisal",
         "record_id": OTHER, "record_name": "2023 · 乙（第一党支部）", "field": "",
         "params": {"name": "乙", "year": "2023", "theirs": "优秀", "mine": "合格"}}
    ]  # fmt: skip
    s.sync.downlink.process()  # tried again, still in the way: one row, not two
    assert len(_open_rows(s)) == 1

    s.appraisals.void(mine, "与另一台设备重复，以另一台为准")
    s.sync.downlink.process()

    assert item_state(s, "d-grade") == ("applied", None)
    assert s.store.read("SELECT id, grade, voided FROM appraisals ORDER BY voided") == [
        {"id": OTHER, "grade": "excellent", "voided": 0},
        {"id": mine, "grade": "qualified", "voided": 1},
    ]
    assert _open_rows(s) == []
    assert s.sync.status()["review_items"] == []


def test_a_record_naming_one_not_here_yet_goes_in_when_that_arrives(unit):
    _app, s, _code = unit
    root = s.root_org_id
    branch = s.store.get_meta("test_branch_id")
    yi = full_member(s, branch, "乙")
    post = {"org_id": root, "member_id": yi, "post": "secretary", "start_date": "2023-06-01",
            "end_date": None, "election_id": ELECTION, "voided": 0, "void_reason": None}  # fmt: skip
    put_item(s, "d-post", "record", {"entity": "org_post", "id": POST, "version": 1,
                                  "voided": False, "data": post}, down_seq=3)  # fmt: skip

    s.sync.downlink.process()

    assert item_state(s, "d-post") == ("failed", "E_RECORD_UNKNOWN")
    assert _open_rows(s) == [
        {"kind": "review", "code": "E_SYNC_IN_REFERENCE", "entity": "org_post",
         "record_id": POST, "record_name": "2023-06-01 · 乙（第一党支部）", "field": "", "params": {"what": "elections", "id": ELECTION}}
    ]  # fmt: skip

    election = {"org_id": root, "date": "2023-06-01", "term_years": 3,
                "term_end": "2026-06-01", "meeting_id": None, "voters_due": 3,
                "voters_present": 3, "committee": [
                    {"member_id": yi, "post": "secretary", "votes_for": 3}],
                "note": None, "voided": 0, "void_reason": None}  # fmt: skip
    put_item(s, "d-election", "record", {"entity": "election", "id": ELECTION, "version": 1,
                                      "voided": False, "data": election}, down_seq=5)  # fmt: skip
    s.sync.downlink.process()

    assert item_state(s, "d-election") == ("applied", None)
    assert item_state(s, "d-post") == ("applied", None)
    assert s.store.read_one(
        "SELECT member_id, election_id FROM org_posts WHERE id = ?", (POST,)
    ) == {"member_id": yi, "election_id": ELECTION}
    assert _open_rows(s) == []


def test_a_month_paid_on_both_devices_is_listed_with_the_receipt(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    jia = full_member(s, branch, "甲")
    with s.store.transaction() as tx:  # this device took 甲's March 2024 (one payment)
        tx.insert("dues_payments", {
            "id": "p-here", "member_id": jia, "first_month": "2024-03", "months": 1,
            "amount_fen": 500, "paid_on": "2024-03-10", "way": "cash", "receipt_no": "R-1",
            "batch_id": "b-here", "voided": 0,
            "created_at": "2024-03-10T08:00:00Z"})  # fmt: skip
        tx.insert("dues_payment_months", {"payment_id": "p-here", "member_id": jia,
                                          "month": "2024-03", "amount_fen": 500, "voided": 0})  # fmt: skip
    fact = {"op_id": "op-x", "entity": "dues_payment", "op": "insert_many", "record_id": "b-1",
            "fields": {"rows": [{"id": "p-there", "member_id": jia, "first_month": "2024-03",
                                 "months": 1, "amount_fen": 500, "paid_on": "2024-03-12", "way": "cash",
                                 "receipt_no": "R-77",
                                 "lines": [{"month": "2024-03", "amount_fen": 500}]}]}}  # fmt: skip
    put_item(s, "d-paid", "fact", fact)

    s.sync.downlink.process()

    assert item_state(s, "d-paid") == ("failed", "E_SYNC_DUES_PAID_HERE")
    assert _open_rows(s) == [
        {"kind": "review", "code": "E_SYNC_DUES_PAID_HERE", "entity": "dues_payment",
         "record_id": "p-there", "record_name": "2024-03 · 甲（第一党支部）", "field": "",
         "params": {"name": "甲", "month": "2024-03", "receipt": "R-77"}}
    ]  # fmt: skip
    assert s.store.scalar("SELECT count(*) FROM dues_payments") == 1  # nothing of it written


def test_a_row_marked_reviewed_stays_so_while_the_item_still_fails(unit):
    _app, s, _code = unit
    row = _clashing_grade_listed(s)
    assert s.sync.mark_reviewed(row["id"]) is True

    s.sync.downlink.process()

    assert _open_rows(s) == []
    assert item_state(s, "d-grade") == ("failed", "E_SYNC_GRADE_HERE")
    (closed,) = s.sync.status()["closed_here"]
    assert (closed["id"], closed["code"]) == (row["id"], "E_SYNC_GRADE_HERE")


def test_sync_status_prints_the_row_in_words(unit):
    """`ztclient-cli sync status`: the row's number, its code, the record as the item describes
    it (it is not here: its year and member, not its id) and what it says; no op number (it is
    not an op of this device)."""
    from tests.helpers import run_cli

    app, s, _code = unit
    row = _clashing_grade_listed(s)
    s.close()

    r = run_cli(app.data_dir, "sync", "status")

    assert r.returncode == 0, r.stderr
    assert (
        f"  [{row['id']}] E_SYNC_GRADE_HERE 民主评议 2023 · 乙（第一党支部）：其他设备登记的乙2023年度民主评议等次"
        "（优秀）没有写入：本机已登记该年度的等次（合格）。请与另一台设备核对，作废错误的一条；"
        "作废本机的一条后，下次同步自动写入"
    ) in r.stdout.splitlines()
