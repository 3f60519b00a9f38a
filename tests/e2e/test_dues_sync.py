"""党费 end to end: payments recorded offline reach ztcentral exactly once (resending changes
nothing), and the committee's report shows the unit's dues due and collected per month — the
same figures as the unit's own ledger (the server restates the client's rule: this test holds
the two to one definition)."""

from __future__ import annotations

import json
from decimal import Decimal

from openpyxl import load_workbook
from tests.e2e.test_flaky_link import exactly_once
from tests.helpers import run_cli


def ok(out):
    assert out.returncode == 0, out.stdout + out.stderr
    return out


def _member(s, name, **fields):
    data = {"org_id": s.root_org_id, "name": name, "gender": "1", "category": "full",
            "join_date": "2001-07-01", "full_member_date": "2002-07-01", **fields}  # fmt: skip
    return s.members.add(data)[0]


def _a_year_of_dues(s) -> int:
    """A unit's 2025 dues, recorded offline; returns how many payments are live."""
    zhang = _member(s, "张三")
    li = _member(s, "李四")
    wang = _member(s, "王五", category="probationary", join_date="2025-04-08",
                   full_member_date=None)  # fmt: skip
    zhao = _member(s, "赵六")
    qian = _member(s, "钱七")
    s.members.record_event(zhao, "transfer_out", "2025-06-10",
                           {"to_org": "某县委组织部", "dues_paid_to": "2025-06"})  # fmt: skip
    s.members.record_event(qian, "transfer_in", "2025-03-05",
                           {"from_org": "外县某支部", "dues_paid_to": "2025-02"})  # fmt: skip
    s.dues.set_base(zhang, 2025, "在职", income="4500")  # 45.00
    s.dues.set_base(li, 2025, "离退休", income="5000.01")  # 50.00
    s.dues.set_base(wang, 2025, "学生")  # 0.20
    s.dues.set_base(zhao, 2025, "在职", income="3000")  # 15.00
    s.dues.set_base(qian, 2025, "在职", income="12000")  # 240.00
    # a pay cut from October: 9,000 → 1.5 % → 135.00 from then on; March–September stay 240.00
    s.dues.set_base(qian, 2025, "在职", income="9000", from_month="2025-10")
    s.dues.add_approval(li, "exempt", "2025-07", "2025-12", "2025-06-20", "大病住院",
                        approver="第一党支部委员会")  # fmt: skip
    s.dues.pay(zhang, "2025-01", "450", "2025-10-20", months=10, way="transfer")
    s.dues.pay(li, "2025-01", "1300", "2025-03-01", months=6, extra=True)  # 1,000 voluntary
    ids, _ = s.dues.collect(
        [
            {"member_id": wang, "month": "2025-05", "months": 3, "amount": "0.60",
             "paid_on": "2025-07-30"},
            {"member_id": zhao, "month": "2025-01", "months": 6, "amount": "90",
             "paid_on": "2025-06-01"},
            {"member_id": qian, "month": "2025-03", "months": 2, "amount": "480",
             "paid_on": "2025-04-30", "way": "online"},
        ]
    )  # fmt: skip
    mistake, _ = s.dues.pay(qian, "2025-05", "240", "2025-05-31")
    s.dues.void_payment(mistake, "记到了别人名下")
    return 2 + len(ids)


def _central_payments(central, unit: str) -> list[dict]:
    with central.db().tx() as tx:
        return [
            {**json.loads(r["data"]), "_voided": r["voided"]}
            for r in tx.all(
                "SELECT data, voided FROM records WHERE unit = $1 AND entity = 'dues_payment'",
                (unit,),
            )
        ]


def test_payments_reach_the_centre_once_and_the_report_agrees(central, make_unit, tmp_path):
    app, s = make_unit("U801")
    live = _a_year_of_dues(s)
    ledger = s.dues.ledger(2025, "2025-12-31").to_dict()
    s.close()
    code = central.enroll_unit("U801", tmp_path / "enrol.json")
    ok(run_cli(app.data_dir, "enroll", "--server", central.url, "--code", code))
    ok(run_cli(app.data_dir, "sync", "--server", central.url, "--json"))

    got = _central_payments(central, "U801")
    assert len(got) == live + 1  # the voided one is there too, marked
    assert sum(1 for p in got if p["_voided"]) == 1

    # sending again changes nothing; a new payment arrives as exactly one more
    again = json.loads(ok(run_cli(app.data_dir, "sync", "--server", central.url,
                                  "--json")).stdout)  # fmt: skip
    assert again["pending"] == 0
    assert len(_central_payments(central, "U801")) == live + 1
    ok(run_cli(app.data_dir, "dues", "pay", "张三", "--month", "2025-11", "--months", "2",
               "--amount", "90", "--paid-on", "2025-12-20"))  # fmt: skip
    ok(run_cli(app.data_dir, "sync", "--server", central.url, "--json"))
    assert len(_central_payments(central, "U801")) == live + 2
    s2 = app.unlock("测试口令 correct horse")
    try:
        exactly_once(central, s2, "U801")
        ledger = s2.dues.ledger(2025, "2025-12-31").to_dict()
        one_off = s2.dues.supplementary(s2.dues.ledger(2025, "2025-12-31")).one_off_extra
        local = set(s2.store.column("SELECT id FROM dues_payments"))
        assert {p["id"] for p in _central_payments(central, "U801")} == local
    finally:
        s2.close()

    # the committee's report: 党费 due and collected per month, as the unit's ledger says
    report = tmp_path / "report.xlsx"
    central.cli("report", "--out", str(report), "--year", "2025")
    sheet = load_workbook(report)["2025年党费收缴"]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "U801"]
    by_month = {r[2]: r[1:] for r in rows}  # after the code: name, month, 应交, 实交, …
    for m in range(1, 13):
        want = ledger["totals"]["by_month"][f"{m:02d}"]
        row = by_month[f"{m}月"]
        assert (Decimal(str(row[2])), Decimal(str(row[3]))) == (
            Decimal(want["due"]),
            Decimal(want["paid"]),
        ), m
    total = by_month["合计"]
    paid_on_months = Decimal(ledger["totals"]["paid"]) - Decimal(ledger["totals"]["extra"])
    assert Decimal(str(total[3])) == paid_on_months
    assert Decimal(str(total[2])) - Decimal(str(total[3])) == Decimal(ledger["totals"]["arrears"])
    assert Decimal(str(by_month["另：自愿多交"][3])) == Decimal("1000")
    # 自愿一次性多交1000元以上: 李四's one payment of 1,000.00 extra, counted alike on both sides
    assert by_month["其中一次性多交1000元以上（名）"][3] == 1 == one_off
    # by hand, January: 张三 45 + 李四 50 + 赵六 15 = 110 due and paid (王五 and 钱七 not yet)
    assert (Decimal(str(by_month["1月"][2])), Decimal(str(by_month["1月"][3]))) == (110, 110)
    # September: 张三 45 paid, 李四 exempt, 王五 0.20 unpaid, 钱七 240 unpaid (the old base)
    assert Decimal(str(by_month["9月"][2])) == Decimal("285.20")
    # December: 张三 45 (paid at last), 李四 exempt, 王五 0.20 unpaid, 钱七 135 unpaid (from
    # October at the new base)
    assert (Decimal(str(by_month["12月"][2])), Decimal(str(by_month["12月"][3]))) == (
        Decimal("180.20"),
        Decimal("45"),
    )
