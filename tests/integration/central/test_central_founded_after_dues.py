"""The unit's 成立日期 arriving at the centre (an org op) after 党费 payments for months before
its founding month: each such live payment is a conflict on its ``month`` for 审核 — the same
one a payment arriving before the founding opens (test_central_dues_before_founding.py) — told
to the device that sent the date, once per payment however often the date comes or moves.
Before, the date was taken silently and the report then owed nothing for months paid."""

from __future__ import annotations

from tests.integration.central.test_central_dues_before_founding import _conflicts, _payment
from tests.integration.central.zc_helpers import Device


def _unit(central, code: str) -> Device:
    """A unit whose top organisation has no 成立日期; 张三 (m1) and 李四 (m2)."""
    dev = Device(code)
    dev.enrol_direct(central)
    root = {"name": f"{code}党委", "kind": "committee", "parent_id": None}
    branch = {"name": "第一党支部", "kind": "branch", "parent_id": "root"}
    people = [
        ("member", m, "create", {"name": name, "org_id": "b1", "category": "full",
                                 "status": "normal", "join_date": "2001-07-01"})
        for m, name in (("m1", "张三"), ("m2", "李四"))
    ]  # fmt: skip
    central.process(
        dev.seal(dev.next_ops([("org", "root", "create", root), ("org", "b1", "create", branch),
                               *people]))
    )  # fmt: skip
    return dev


def _send(central, dev: Device, specs: list[tuple]) -> list[dict]:
    data = dev.seal(dev.next_ops(specs))
    out = central.process(data)
    assert out.status == "applied"
    return dev.verify(out.receipt, data).ops


def test_a_founding_date_after_paid_months_opens_a_conflict_per_payment(central):
    dev = _unit(central, "U011")
    li = {**_payment("p2", ["2026-02"], "0002"), "member_id": "m2"}
    on_time = _payment("p3", ["2026-03", "2026-04"], "0003")
    mistake = {**_payment("p4", ["2025-12"], "0004"), "member_id": "m2"}
    [res] = _send(central, dev, [("dues_payment", "p1", "insert_many",
                                  {"rows": [_payment("p1", ["2026-01", "2026-02"], "0001"),
                                            li, on_time, mistake]})])  # fmt: skip
    assert res["s"] == "applied"  # no 成立日期 yet: nothing to judge by
    [res] = _send(central, dev, [("dues_payment", "p4", "void", {"reason": "录错"})])
    assert _conflicts(central, "U011") == []

    # the unit founded 2026-03-01: 张三's January and 李四's February were paid before it
    [res] = _send(central, dev, [("org", "root", "update", {"founded_on": "2026-03-01"}, 1)])
    assert (res["s"], res["code"]) == ("conflict", "E_MERGE_CONFLICT")
    assert res["params"]["conflicts"] == [
        {"entity": "dues_payment", "record_id": "p1", "field": "month"},
        {"entity": "dues_payment", "record_id": "p2", "field": "month"},
    ]
    assert _conflicts(central, "U011") == [
        ("dues_payment", "p1", "month", '"2026-01 · 张三 · 收据号 0001"',
         '"成立日期 2026-03-01"', dev.device_id, "open"),
        ("dues_payment", "p2", "month", '"2026-02 · 李四 · 收据号 0002"',
         '"成立日期 2026-03-01"', dev.device_id, "open"),
    ]  # fmt: skip
    with central.db.tx() as tx:  # the date is kept, and so are the payments
        assert tx.scalar("SELECT count(*) FROM records WHERE entity = 'dues_payment'") == 4

    # moved later again, and the same op sent once more: no payment is opened twice; 张三's
    # March is paid before a 2026-04 founding now, but his payment p3 is new to it
    [res] = _send(central, dev, [("org", "root", "update", {"founded_on": "2026-04-01"}, 2)])
    assert res["params"]["conflicts"] == [
        {"entity": "dues_payment", "record_id": "p3", "field": "month"}
    ]
    again = _send(central, dev, [("org", "root", "update", {"founded_on": "2026-04-01"}, 3)])
    assert again[0]["s"] == "applied"
    assert [c[1] for c in _conflicts(central, "U011")] == ["p1", "p2", "p3"]
    assert _conflicts(central, "U011")[2][3:5] == (
        '"2026-03 · 张三 · 收据号 0003"',
        '"成立日期 2026-04-01"',
    )

    # the device that sent the date is told, with the values (sealed to it)
    from ztcentral.downlink import fetch_down

    items = []
    while (data := fetch_down(central, dev.device_id, dev.down_seq)) is not None:
        items += dev.open_down(data)[1]
    told = sorted(
        (i["body"]["record_id"], i["body"]["yours"], i["body"]["theirs"])
        for i in items
        if i["type"] == "conflict"
    )
    assert told == [
        ("p1", "2026-01 · 张三 · 收据号 0001", "成立日期 2026-03-01"),
        ("p2", "2026-02 · 李四 · 收据号 0002", "成立日期 2026-03-01"),
        ("p3", "2026-03 · 张三 · 收据号 0003", "成立日期 2026-04-01"),
    ]


def test_a_branch_date_or_an_earlier_one_opens_nothing(central):
    dev = _unit(central, "U012")
    _send(central, dev, [("dues_payment", "p1", "insert_many",
                          {"rows": [_payment("p1", ["2026-01"], "0001")]})])  # fmt: skip
    [res] = _send(central, dev, [("org", "b1", "update", {"founded_on": "2026-05-01"}, 1)])
    assert res["s"] == "applied"  # a branch's date is not the unit's first owed month
    [res] = _send(central, dev, [("org", "root", "update", {"founded_on": "2026-01-31"}, 1)])
    assert res["s"] == "applied"  # January is the founding month: owed, paid
    assert _conflicts(central, "U012") == []


def test_a_payment_flagged_on_arrival_is_not_opened_again(central):
    """Founded 2026-03-01, a February payment arrives (a conflict, as before); the date then
    moves to 2026-04-01: that payment is not opened a second time."""
    dev = _unit(central, "U013")
    _send(central, dev, [("org", "root", "update", {"founded_on": "2026-03-01"}, 1)])
    [res] = _send(central, dev, [("dues_payment", "p1", "insert_many",
                                  {"rows": [_payment("p1", ["2026-02"], "0001")]})])  # fmt: skip
    assert res["s"] == "conflict"
    [res] = _send(central, dev, [("org", "root", "update", {"founded_on": "2026-04-01"}, 2)])
    assert res["s"] == "applied"
    assert [c[1] for c in _conflicts(central, "U013")] == ["p1"]
