"""On 3 December (the clock) December is still to pay (待交), not 欠交, and a ledger asked for
as of a day not yet come is as of today: on the 3rd, "as of 31 December" read every unpaid
December as 欠交 before. 张三 (4,500: 1 %, 45.00 a month) paid January to November; 李四 (3,000:
0.5 %, the band's top included, 15.00) paid nothing. By hand: 应交 11 × 45 + 11 × 15 = 660.00,
已交 495.00, 欠交 165.00 (李四's eleven months), 本月待交 60.00 (both)."""

from __future__ import annotations

from datetime import date

import pytest
from tests.integration.dues.conftest import FixedClock, add_member

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render


def _zhang_and_li(s, branch) -> None:
    """张三 at 45.00 a month, paid January to November; 李四 at 15.00, nothing paid."""
    zhang = add_member(s, branch, "张三")
    li = add_member(s, branch, "李四")
    s.dues.set_base(zhang, 2025, "在职", income="4500")
    s.dues.set_base(li, 2025, "在职", income="3000")
    s.dues.pay(zhang, "2025-01", "495.00", "2025-11-20", months=11, way="transfer")


@pytest.fixture
def clock():
    return FixedClock(date(2025, 12, 3))


def test_the_month_in_progress_and_a_date_not_yet_come(dues_unit, tmp_path):
    _app, s, branch = dues_unit
    _zhang_and_li(s, branch)
    want = {"due": "660.00", "paid": "495.00", "arrears": "165.00", "arrears_months": 11,
            "members_in_arrears": 1, "pending": "60.00", "members_pending": 2}  # fmt: skip
    for as_of in (None, "2025-12-03", "2025-12-31", "2026-06-30"):
        ledger = s.dues.ledger(2025, as_of).to_dict()
        assert ledger["as_of"] == "2025-12-03", as_of
        assert {k: ledger["totals"][k] for k in want} == want, as_of
        assert {m["name"]: m["months"]["12"] for m in ledger["members"]} == {
            "张三": "pending",
            "李四": "pending",
        }
    # as of 30 November: November had fallen due, December not yet a month in the ledger
    nov = s.dues.ledger(2025, "2025-11-30").to_dict()["totals"]
    assert (nov["due"], nov["arrears"], nov["pending"]) == ("660.00", "165.00", "0.00")
    # the XLSX says the day it is as of
    out = tmp_path / "ledger.xlsx"
    s.dues.export_ledger(2025, out, "2025-12-31")
    import openpyxl

    notes = dict(openpyxl.load_workbook(out)["说明"].iter_rows(min_row=2, values_only=True))
    assert notes["统计截止日期"].date() == date(2025, 12, 3)


def test_the_last_day_of_the_month_is_still_in_progress(dues_unit, clock):
    """All through 31 December an unpaid December is still to pay (待交): the ledger counted it
    欠交 from the morning of the 31st while the 工作台 and the due list did not. The same two
    members; by hand, on the 31st as on the 3rd (above); on 1 January, as of 31 December:
    应交 12 × 45 + 12 × 15 = 720.00, 已交 495.00, 欠交 225.00 (张三's December 45.00 and
    李四's twelve months 180.00, 13 months, 2 members), nothing to pay."""
    _app, s, branch = dues_unit
    _zhang_and_li(s, branch)
    keys = ("due", "paid", "arrears", "arrears_months", "members_in_arrears", "pending")
    clock.day = date(2025, 12, 31)
    for as_of in (None, "2025-12-31"):
        totals = s.dues.ledger(2025, as_of).to_dict()["totals"]
        assert [totals[k] for k in keys] == ["660.00", "495.00", "165.00", 11, 1, "60.00"]
    clock.day = date(2026, 1, 1)
    ledger = s.dues.ledger(2025).to_dict()
    assert ledger["as_of"] == "2025-12-31"
    assert [ledger["totals"][k] for k in keys] == ["720.00", "495.00", "225.00", 13, 2, "0.00"]
    assert {m["name"]: m["months"]["12"] for m in ledger["members"]} == {
        "张三": "unpaid",
        "李四": "unpaid",
    }


def test_a_ledger_as_of_a_day_before_its_year_is_refused(dues_unit):
    """`dues ledger --year 2025 --as-of 2024-06-30` printed every member with 0 months and 0.00,
    a blank that reads as a figure; a year not begun (2026 on 3 December 2025) alike. Both are
    E_DUES_AS_OF_BEFORE_YEAR and E_DUES_YEAR_AHEAD now. A day after the year is a ledger that
    takes in late payments."""
    _app, s, branch = dues_unit
    _zhang_and_li(s, branch)
    for year, as_of in ((2025, "2024-06-30"), (2025, "2024-12-31")):
        with pytest.raises(DomainError) as e:
            s.dues.ledger(year, as_of)
        assert e.value.code == "E_DUES_AS_OF_BEFORE_YEAR", (year, as_of)
        assert e.value.params["year"] == year
    for as_of in (None, "2026-01-01"):
        with pytest.raises(DomainError) as e:
            s.dues.ledger(2026, as_of)
        assert e.value.code == "E_DUES_YEAR_AHEAD" and e.value.params["today"] == "2025-12-03"
    assert s.dues.ledger(2025, "2025-01-01").to_dict()["as_of"] == "2025-01-01"
    zh = render("E_DUES_AS_OF_BEFORE_YEAR", year=2025, as_of="2024-06-30")
    assert (
        zh
        == "2025年度的台账要截至2025年1月1日以后、不晚于今天的某一天，统计截止日2024-06-30不在其中"
    )
