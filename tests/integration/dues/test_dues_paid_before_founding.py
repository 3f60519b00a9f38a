"""A 党费 payment for a month before the unit's founding month (成立日期): no one owes it
(docs/domain-rules.md, founding month), yet `dues pay 张三 --month 2026-01 --months 2` in a unit
founded 2026-03-15 was taken and the ledger then showed January and February as paid. Entered
here it is refused (E_DUES_MONTH_BEFORE_FOUNDED, naming the month and the day); arriving by sync
from another device it is kept — a payment is a fact — and put on the 同步 page's 待核对 list
(W_DUES_PAID_BEFORE_FOUNDED)."""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace

import pytest
from tests.integration.dues.conftest import FixedClock, add_member

from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.messages import render, render_error
from ztclient.services.sync import facts_in


@pytest.fixture
def clock():
    return FixedClock(date(2026, 6, 30))


@pytest.fixture
def founded(dues_unit):
    """The unit founded 2026-03-15; 张三 (入党 2001) with a base of 5,000.00 (50.00 a month)."""
    _app, s, branch = dues_unit
    root = s.root_org_id
    s.orgs.update(root, {"founded_on": "2026-03-15"}, s.orgs.get(root)["version"])
    m = add_member(s, branch, "张三")
    s.dues.set_base(m, 2026, "employed", income="5000")
    return s, m


def paid_count(s) -> int:
    return s.store.scalar("SELECT count(*) FROM dues_payments")


def test_a_month_before_the_founding_month_is_refused(founded):
    s, m = founded
    with pytest.raises(DomainError) as e:
        s.dues.pay(m, "2026-01", "100", "2026-03-20", months=2)
    assert (e.value.code, e.value.field) == ("E_DUES_MONTH_BEFORE_FOUNDED", "month")
    assert (e.value.params["month"], e.value.params["founded"]) == ("2026-01", "2026-03-15")
    text = render_error(e.value)
    assert "2026-01" in text and "2026-03-15" in text and "成立" in text
    # February alone, and a run from February into the founding month, alike
    for first, count in (("2026-02", 1), ("2026-02", 2)):
        with pytest.raises(DomainError) as e:
            s.dues.pay(m, first, str(50 * count), "2026-03-20", months=count)
        assert (e.value.code, e.value.params["month"]) == ("E_DUES_MONTH_BEFORE_FOUNDED", "2026-02")
    assert paid_count(s) == 0
    line = s.dues.ledger(2026).to_dict()["members"][0]
    assert (line["months"]["01"], line["months"]["02"], line["months_paid"]) != ("paid", "paid", 2)
    assert line["months_paid"] == 0


def test_the_founding_month_and_after_are_taken(founded):
    """March (the founding month: owed) to May: 3 × 50.00 = 150.00."""
    s, m = founded
    s.dues.pay(m, "2026-03", "150", "2026-05-20", months=3)
    line = s.dues.ledger(2026).to_dict()["members"][0]
    assert (line["months_paid"], line["paid"]) == (3, "150.00")


def test_a_collection_names_the_row(founded):
    s, m = founded
    items = [
        {"member_id": m, "month": "2026-03", "amount": "50", "paid_on": "2026-03-20"},
        {"member_id": m, "month": "2025-12", "amount": "50", "paid_on": "2026-03-20"},
    ]
    with pytest.raises(ValidationErrors) as e:
        s.dues.collect(items)
    got = [(x.code, x.params.get("row"), x.params.get("month")) for x in e.value.errors]
    assert got == [("E_DUES_MONTH_BEFORE_FOUNDED", 2, "2025-12")]
    assert paid_count(s) == 0


def test_without_a_founding_date_nothing_changes(dues_unit):
    _app, s, branch = dues_unit
    m = add_member(s, branch, "李四")
    s.dues.set_base(m, 2026, "employed", income="5000")
    s.dues.pay(m, "2026-01", "100", "2026-03-20", months=2)
    assert paid_count(s) == 1


def test_arriving_by_sync_it_is_kept_and_flagged(founded):
    """Another device (which did not know the founding date yet) recorded January: the payment
    is kept as it came, and the 同步 page lists it for the clerk (once, however often it comes)."""
    s, m = founded
    row = {"id": "01900000-0000-7000-8000-00000000abcd", "member_id": m,
           "first_month": "2026-01", "months": 1, "amount_fen": 5000, "extra_fen": 0,
           "paid_on": "2026-03-20", "way": "cash", "receipt_no": "2026-ABC-00001", "note": None,
           "lines": [{"month": "2026-01", "amount_fen": 5000}]}  # fmt: skip
    op = {"op_id": "op-1", "entity": "dues_payment", "record_id": row["id"], "op": "insert_many",
          "fields": {"rows": [row]}}  # fmt: skip
    ctx = SimpleNamespace(store=s.store, now=lambda: "2026-06-30T08:00:00Z")
    changes = facts_in.apply_fact(ctx, op, lambda *_a: None)
    assert changes.dues and changes.sync
    facts_in.apply_fact(ctx, op, lambda *_a: None)  # the same item again
    assert paid_count(s) == 1
    flags = s.store.read("SELECT * FROM sync_problems WHERE code = 'W_DUES_PAID_BEFORE_FOUNDED'")
    assert len(flags) == 1
    flag = flags[0]
    assert (flag["kind"], flag["entity"], flag["record_id"], flag["field"]) == (
        "review",
        "dues_payment",
        row["id"],
        "month",
    )
    params = json.loads(flag["params"])
    assert (params["name"], params["month"], params["founded"]) == ("张三", "2026-01", "2026-03-15")
    text = render(flag["code"], **params)
    assert (
        "张三" in text and "2026-01" in text and "2026-03-15" in text and "2026-ABC-00001" in text
    )


def test_a_payment_from_the_founding_month_by_sync_is_not_flagged(founded):
    s, m = founded
    row = {"id": "01900000-0000-7000-8000-00000000abce", "member_id": m,
           "first_month": "2026-03", "months": 1, "amount_fen": 5000, "extra_fen": 0,
           "paid_on": "2026-03-20", "way": "cash", "receipt_no": None, "note": None,
           "lines": [{"month": "2026-03", "amount_fen": 5000}]}  # fmt: skip
    op = {"op_id": "op-2", "entity": "dues_payment", "record_id": row["id"], "op": "insert_many",
          "fields": {"rows": [row]}}  # fmt: skip
    ctx = SimpleNamespace(store=s.store, now=lambda: "2026-06-30T08:00:00Z")
    facts_in.apply_fact(ctx, op, lambda *_a: None)
    assert paid_count(s) == 1
    assert s.store.scalar("SELECT count(*) FROM sync_problems") == 0


def test_two_payments_of_one_collection_by_sync_are_two_rows(founded, dues_unit):
    """Another device's collection (one op) of 张三's January and 李四's February: each payment
    is its own 待核对 row, naming its person (not only the first of the op)."""
    s, m = founded
    li = add_member(s, dues_unit[2], "李四")
    rows = [
        {"id": f"01900000-0000-7000-8000-00000000ab0{i}", "member_id": who,
         "first_month": month, "months": 1, "amount_fen": 5000, "extra_fen": 0,
         "paid_on": "2026-03-20", "way": "cash", "receipt_no": None, "note": None,
         "lines": [{"month": month, "amount_fen": 5000}]}
        for i, (who, month) in enumerate(((m, "2026-01"), (li, "2026-02")), 1)
    ]  # fmt: skip
    op = {"op_id": "op-3", "entity": "dues_payment", "record_id": "batch-1", "op": "insert_many",
          "fields": {"rows": rows}}  # fmt: skip
    ctx = SimpleNamespace(store=s.store, now=lambda: "2026-06-30T08:00:00Z")
    facts_in.apply_fact(ctx, op, lambda *_a: None)
    got = sorted(
        (r["record_id"], json.loads(r["params"])["name"], json.loads(r["params"])["month"])
        for r in s.store.read("SELECT * FROM sync_problems")
    )
    assert got == [
        ("01900000-0000-7000-8000-00000000ab01", "张三", "2026-01"),
        ("01900000-0000-7000-8000-00000000ab02", "李四", "2026-02"),
    ]
