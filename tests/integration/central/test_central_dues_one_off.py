"""The centre's report counts 自愿一次性多交1000元以上 per unit beside 另：自愿多交: members at the
unit on the as-of date with one payment whose 自愿多交 alone is at least 1,000.00 元. The ops are
applied as a unit's sync would apply them; the figures are by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openpyxl import Workbook

from ztcentral.apply import apply_ops
from ztcentral.db import Database
from ztcentral.dues_report import unit_figures, write_dues_sheet
from ztcentral.storage import init_schema


def _op(seq: int, entity: str, record_id: str, op: str, fields: dict) -> dict:
    return {"op_id": f"o{seq}", "seq": seq, "entity": entity, "record_id": record_id, "op": op,
            "base_version": None, "fields": fields, "at": "2025-12-31T08:00:00Z"}  # fmt: skip


def _payment(pid: str, member: str, first: str, months: int, extra_fen: int) -> dict:
    y, m = (int(x) for x in first.split("-"))
    lines = [{"month": f"{y}-{m + i:02d}", "amount_fen": 1500} for i in range(months)]
    return {"id": pid, "member_id": member, "first_month": first, "months": months,
            "amount_fen": 1500 * months + extra_fen, "extra_fen": extra_fen,
            "paid_on": "2025-01-10", "way": "cash", "receipt_no": pid, "lines": lines}  # fmt: skip


def _two_at_15(first_seq: int = 1) -> list[dict]:
    """甲 (m1) and 乙 (m2), 正式党员 since 2001, each with a 2025 base of 15.00 a month: the
    create ops, numbered from ``first_seq`` (members, then their bases)."""
    ops = [
        _op(first_seq + i, "member", mid, "create", {"name": name, "category": "full",
                                                      "status": "normal", "join_date": "2001-07-01"})
        for i, (mid, name) in enumerate({"m1": "甲", "m2": "乙"}.items())
    ]  # fmt: skip
    for i, mid in enumerate(("m1", "m2"), first_seq + 2):
        ops.append(_op(i, "dues_base", f"b{mid}", "create", {
            "member_id": mid, "year": 2025, "kind": "employed", "income_fen": 300_000,
            "monthly_fen": 1500, "rate": "0.005", "table_version": 1}))  # fmt: skip
    return ops


def test_one_payment_of_1000_extra_counts_and_999_99_or_two_of_600_do_not(tmp_path):
    """甲 one payment with 1,000.00 extra: counts. 乙 999.99: no. 丙 two payments of 600.00
    extra: no (1,200 in the year, never at once). 丁 1,000.00 extra, transferred out in June:
    not at the unit on 31 December, no. 戊 1,000.00 extra, voided: no. So 1; as of 30 June 丁
    is still here: 2."""
    db = Database(str(tmp_path / "c.db"))
    init_schema(db)
    people = {"m1": "甲", "m2": "乙", "m3": "丙", "m4": "丁", "m5": "戊"}
    ops = [
        _op(i, "member", mid, "create", {"name": name, "category": "full",
                                          "status": "normal", "join_date": "2001-07-01"})
        for i, (mid, name) in enumerate(people.items(), 1)
    ]  # fmt: skip
    ops.append(_op(6, "member_event", "e1", "event", {
        "member_id": "m4", "kind": "transfer_out", "date": "2025-06-10",
        "details": {"to_org": "某县委组织部", "dues_paid_to": "2025-06"}}))  # fmt: skip
    rows = [
        _payment("p1", "m1", "2025-01", 12, 100_000),
        _payment("p2", "m2", "2025-01", 12, 99_999),
        _payment("p3", "m3", "2025-01", 6, 60_000),
        _payment("p4", "m3", "2025-07", 6, 60_000),
        _payment("p5", "m4", "2025-01", 6, 100_000),
        _payment("p6", "m5", "2025-01", 12, 100_000),
    ]
    ops.append(_op(7, "dues_payment", "p1", "insert_many", {"rows": rows}))
    ops.append(_op(8, "dues_payment", "p6", "void", {"ids": ["p6"], "reason": "录错"}))
    with db.tx() as tx:
        results = apply_ops(tx, unit="U1", device_id="d", bundle_id="b", ops=ops)
        assert {r["s"] for r in results} == {"applied"}, results
        assert unit_figures(tx, "U1", 2025, date(2025, 12, 31))["one_off_extra"] == 1
        assert unit_figures(tx, "U1", 2025, date(2025, 6, 30))["one_off_extra"] == 2
        wb = Workbook()
        write_dues_sheet(wb, tx, {"U1": "中共某某支部委员会"}, 2025, date(2025, 12, 31))
    sheet = wb["2025年党费收缴"]
    by_label = {r[2]: r[1:] for r in sheet.iter_rows(min_row=2, values_only=True)}
    # by hand: 1,000 + 999.99 + 600 + 600 + 1,000 (丁, before leaving) = 4,199.99
    assert by_label["另：自愿多交"][3] == Decimal("4199.99")
    assert by_label["其中一次性多交1000元以上（名）"][3] == 1


def test_a_month_owes_its_unpaid_dues_though_a_dead_member_paid_it_ahead(tmp_path):
    """甲 paid 2025 whole (12 × 15.00) on 10 January and died on 10 March; 乙 (15.00 too) paid
    nothing. By hand: 乙 owes 12 months, 180.00 — the unit's ledger says the same. Each month's
    欠交 is 乙's 15.00, though 甲's payment puts 15.00 on every month (after his death it pays
    no one's dues): January 30 due, 15 paid, 15 owed; March 15 due, 15 paid, 15 owed; 合计 210
    due, 180 paid, 180 owed (not 30, due less paid)."""
    db = Database(str(tmp_path / "c.db"))
    init_schema(db)
    ops = _two_at_15()
    ops.append(_op(5, "member_event", "e1", "event", {
        "member_id": "m1", "kind": "deceased", "date": "2025-03-10", "details": {}}))  # fmt: skip
    ops.append(_op(6, "dues_payment", "p1", "insert_many",
                   {"rows": [_payment("p1", "m1", "2025-01", 12, 0)]}))  # fmt: skip
    with db.tx() as tx:
        results = apply_ops(tx, unit="U1", device_id="d", bundle_id="b", ops=ops)
        assert {r["s"] for r in results} == {"applied"}, results
        f = unit_figures(tx, "U1", 2025, date(2025, 12, 31))
        assert f["months"][1] == (3000, 1500) and f["months"][3] == (1500, 1500)
        assert f["owed"][1] == f["owed"][3] == f["owed"][12] == 1500
        wb = Workbook()
        write_dues_sheet(wb, tx, {"U1": "中共某某支部委员会"}, 2025, date(2025, 12, 31))
    by_label = {r[2]: r[1:] for r in wb["2025年党费收缴"].iter_rows(min_row=2, values_only=True)}
    assert by_label["1月"][2:5] == (Decimal("30"), Decimal("15"), Decimal("15"))
    assert by_label["3月"][2:5] == (Decimal("15"), Decimal("15"), Decimal("15"))
    assert by_label["合计"][2:5] == (Decimal("210"), Decimal("180"), Decimal("180"))


def test_the_month_in_progress_is_still_to_pay_not_owed(tmp_path):
    """甲 and 乙 at 15.00 a month; 甲 paid January to March on 10 January, 乙 nothing. As of
    15 March, by hand: March is still to pay for 乙 (neither due nor owed) and paid by 甲 (due
    and collected): March 15 due, 15 collected, 0 owed; February 30 due, 15 collected, 15 owed;
    合计 75 due, 45 collected, 30 owed. As of 31 March (its last day) March has fallen due: 30
    due, 15 owed; 合计 90, 45, 45 — once the day is over: asked on the 31st, as on the 15th.
    The client's ledger counts alike (test_dues_ledger.py)."""
    db = Database(str(tmp_path / "c.db"))
    init_schema(db)
    ops = _two_at_15()
    ops.append(_op(5, "dues_payment", "p1", "insert_many",
                   {"rows": [_payment("p1", "m1", "2025-01", 3, 0)]}))  # fmt: skip
    with db.tx() as tx:
        results = apply_ops(tx, unit="U1", device_id="d", bundle_id="b", ops=ops)
        assert {r["s"] for r in results} == {"applied"}, results
        mid_march = unit_figures(tx, "U1", 2025, date(2025, 3, 15))
        assert mid_march["months"][2] == (3000, 1500) and mid_march["owed"][2] == 1500
        assert mid_march["months"][3] == (1500, 1500) and mid_march["owed"][3] == 0
        end = unit_figures(tx, "U1", 2025, date(2025, 3, 31))
        assert end["months"][3] == (3000, 1500) and end["owed"][3] == 1500
        # asked on 31 March itself (the console's overview, the report made that day), the day
        # is not over: March as on the 15th, not owed yet
        today = unit_figures(tx, "U1", 2025, date(2025, 3, 31), date(2025, 3, 31))
        assert today["months"][3] == (1500, 1500) and today["owed"][3] == 0
        assert today["months"][2] == (3000, 1500) and today["owed"][2] == 1500
        wb = Workbook()
        write_dues_sheet(wb, tx, {"U1": "U"}, 2025, date(2025, 3, 31), date(2025, 3, 31))
        rows = {r[2]: r[1:] for r in wb["2025年党费收缴"].iter_rows(min_row=2, values_only=True)}
        assert rows["合计"][2:5] == (Decimal("75"), Decimal("45"), Decimal("30"))
        sheets = {}
        for as_of in (date(2025, 3, 15), date(2025, 3, 31)):
            wb = Workbook()
            write_dues_sheet(wb, tx, {"U1": "中共某某支部委员会"}, 2025, as_of)
            sheets[as_of.day] = {
                r[2]: r[1:] for r in wb["2025年党费收缴"].iter_rows(min_row=2, values_only=True)
            }
    assert sheets[15]["3月"][2:5] == (Decimal("15"), Decimal("15"), Decimal("0"))
    assert sheets[15]["合计"][2:5] == (Decimal("75"), Decimal("45"), Decimal("30"))
    assert sheets[31]["合计"][2:5] == (Decimal("90"), Decimal("45"), Decimal("45"))
