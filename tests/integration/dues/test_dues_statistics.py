"""The 补充资料 counts on a real SQLCipher unit, through the service, and in the ledger XLSX read
back with openpyxl. Every figure is worked out by hand in the docstrings."""

from __future__ import annotations

import openpyxl
import pytest
from tests.integration.dues.conftest import add_member


@pytest.fixture
def eight(dues_unit):
    """Eight members with a base of 3,000.00 (15.00 a month) in 2025, the clock at 2025-12-31:

    甲 pays the year on 10 January with 1,000.00 extra (1,180.00): on time, 一次性多交;
    乙 the same with 999.99 extra (1,179.99): on time only;
    丙 pays January–June on 10 January and July–December on 5 July, 600.00 extra each time
       (1,200 in the year, never 1,000 at once): on time only;
    丁 pays the year on 1 March (January and February 补交): in no count;
    戊 少交 approved at 5.00 for the year, pays 60.00 on 10 January: 少交;
    己 免交 approved for the year: 免交;
    庚 pays January–June with 1,000.00 extra (1,090.00), transferred out on 10 June: not at the
       unit on 31 December, in no count;
    辛 pays January–November on 10 January: December unpaid on the 31st, on time on the 15th."""
    _app, s, branch = dues_unit
    ids = {n: add_member(s, branch, n) for n in "甲乙丙丁戊己庚辛"}
    for m in ids.values():
        s.dues.set_base(m, 2025, "在职", income="3000")
    pay = s.dues.pay
    pay(ids["甲"], "2025-01", "1180", "2025-01-10", months=12, extra=True)
    pay(ids["乙"], "2025-01", "1179.99", "2025-01-10", months=12, extra=True)
    pay(ids["丙"], "2025-01", "690", "2025-01-10", months=6, extra=True)
    pay(ids["丙"], "2025-07", "690", "2025-07-05", months=6, extra=True)
    pay(ids["丁"], "2025-01", "180", "2025-03-01", months=12)
    s.dues.add_approval(ids["戊"], "reduce", "2025-01", "2025-12", "2025-01-05", "家庭困难",
                        monthly="5")  # fmt: skip
    pay(ids["戊"], "2025-01", "60", "2025-01-10", months=12)
    s.dues.add_approval(ids["己"], "exempt", "2025-01", "2025-12", "2025-01-05", "大病")
    pay(ids["庚"], "2025-01", "1090", "2025-01-10", months=6, extra=True)
    s.members.record_event(ids["庚"], "transfer_out", "2025-06-10",
                           {"to_org": "某县委组织部", "dues_paid_to": "2025-06"})  # fmt: skip
    pay(ids["辛"], "2025-01", "165", "2025-01-10", months=11)
    return s


def test_the_counts_by_hand(eight):
    s = eight
    counts = s.dues.supplementary(s.dues.ledger(2025, "2025-12-31")).to_dict()
    assert counts == {"on_time": 3, "reduced": 1, "exempt": 1, "one_off_extra": 1}
    mid = s.dues.supplementary(s.dues.ledger(2025, "2025-12-15")).to_dict()
    assert mid == {"on_time": 4, "reduced": 1, "exempt": 1, "one_off_extra": 1}  # 辛 too
    # as of 30 June 庚 is still here (paid on time, 1,000.00 at once); 丙's second payment
    # is not made yet, so July is not owed either and 丙 is on time
    june = s.dues.supplementary(s.dues.ledger(2025, "2025-06-30")).to_dict()
    assert june == {"on_time": 5, "reduced": 1, "exempt": 1, "one_off_extra": 2}


def test_a_voided_payment_of_1000_extra_does_not_count(eight):
    s = eight
    pid = s.store.scalar(
        "SELECT p.id FROM dues_payments p JOIN members m ON m.id = p.member_id WHERE m.name = '甲'"
    )
    s.dues.void_payment(pid, "录错")
    counts = s.dues.supplementary(s.dues.ledger(2025, "2025-12-31")).to_dict()
    assert counts == {"on_time": 2, "reduced": 1, "exempt": 1, "one_off_extra": 0}


def test_the_ledger_xlsx_shows_them_in_its_summary(eight, tmp_path):
    s = eight
    out = tmp_path / "dues.xlsx"
    assert s.dues.export_ledger(2025, out, as_of="2025-12-31") == 8
    wb = openpyxl.load_workbook(out)
    ws = wb["按月汇总"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    at = next(i for i, r in enumerate(rows) if r[0] == "补充资料（2025-12-31在本单位的党员）")
    assert rows[at - 1] == [None, None, None, None]  # a blank line after 实交总额
    assert rows[at + 1 : at + 5] == [
        ["能够按时按标准交纳党费的党员", None, None, 3],
        ["经批准少交党费的党员", None, None, 1],
        ["免交党费的党员", None, None, 1],
        ["自愿一次性多交纳1000元以上党费的党员", None, None, 1],
    ]
    assert ws.cell(4 + at + 4, 4).number_format == '0"名"'
    # 自愿多交 by hand: 1,000 + 999.99 + 600 + 600 + 1,000 (庚, before leaving) = 4,199.99
    extra = next(r for r in rows if r[0] == "自愿多交（不分月）")
    assert str(extra[2]) == "4199.99"
    notes = {r[0].value: r[1].value for r in wb["说明"].iter_rows(min_row=2)}
    assert "几笔合计达到的不算" in notes["补充资料"] and "含1000元" in notes["补充资料"]
