"""The centre's 党费 sheet leaves out a unit for a year before its 成立日期 (its top
organisation's ``founded_on``): before, the 2025 sheet gave a unit founded 2026-03-01 a block of
twelve months at 0.00 and a 合计 — a year in which it did not exist. Figures by hand: each unit
has 张三 (入党 2001) with a base of 50.00 a month in 2025 and in 2026."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from tests.integration.central.zc_helpers import Device


def _unit(central, code: str, founded: str | None) -> None:
    dev = Device(code)
    dev.enrol_direct(central)
    root = {"name": f"{code}党委", "kind": "committee", "parent_id": None}
    if founded:
        root["founded_on"] = founded
    member = {"name": "张三", "org_id": f"{code}-root", "category": "full", "status": "normal",
              "join_date": "2001-07-01"}  # fmt: skip
    specs = [("org", f"{code}-root", "create", root), ("member", f"{code}-m1", "create", member)]
    for year in (2025, 2026):
        base = {"member_id": f"{code}-m1", "year": year, "from_month": 1, "kind": "employed",
                "income_fen": 500000, "monthly_fen": 5000, "rate": "0.01", "table_version": 1,
                "note": None}  # fmt: skip
        specs.append(("dues_base", f"{code}-b{year}", "create", base))
    central.process(dev.seal(dev.next_ops(specs)))


def _blocks(central, year: int) -> dict[str, list]:
    from ztcentral.dues_report import write_dues_sheet

    wb = Workbook()
    with central.db.tx() as tx:
        write_dues_sheet(wb, tx, {"U001": "新成立", "U002": "老单位"}, year, date(year, 12, 31))
    out: dict[str, list] = {}
    for row in wb[f"{year}年党费收缴"].iter_rows(min_row=2, values_only=True):
        out.setdefault(row[0], []).append((row[2], row[3]))
    return out


def test_a_unit_founded_after_the_year_has_no_block(central):
    _unit(central, "U001", "2026-03-01")
    _unit(central, "U002", None)
    before = _blocks(central, 2025)
    assert list(before) == ["U002"]
    assert before["U002"][-1] == ("合计", 600)  # 12 × 50.00
    after = _blocks(central, 2026)
    assert list(after) == ["U001", "U002"]
    # founded 1 March: January and February not owed, March on (10 × 50.00)
    assert after["U001"][:3] == [("1月", 0), ("2月", 0), ("3月", 50)]
    assert after["U001"][-1] == ("合计", 500)
    assert after["U002"][-1] == ("合计", 600)


def test_months_before_the_founding_month_are_not_owed(central):
    """Founded 2026-03-15 (the client's ledger alike): January and February not owed, March
    owed. Before, the sheet charged from January (12 × 50.00 = 600.00)."""
    _unit(central, "U003", "2026-03-15")
    from ztcentral.dues_report import write_dues_sheet

    wb = Workbook()
    with central.db.tx() as tx:
        write_dues_sheet(wb, tx, {"U003": "年中成立"}, 2026, date(2026, 12, 31))
    rows = [(r[2], r[3]) for r in wb["2026年党费收缴"].iter_rows(min_row=2, values_only=True)]
    assert rows[:3] == [("1月", 0), ("2月", 0), ("3月", 50)]
    assert rows[-1] == ("合计", 500)
