"""An organisation's 成立日期 (migration 015) bounds its 党费 ledger: a unit (or a branch asked
for with ``--org``) founded in 2026 has no 2025 ledger — before, the 2025 ledger, `dues ledger
--json` and the XLSX listed its members with 12 months due at 0.00 (no base), a year in which
it did not exist. The year it was founded, and the years after, are unchanged."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from tests.integration.dues.conftest import FixedClock, add_member


@pytest.fixture
def clock():
    return FixedClock(date(2026, 7, 1))  # June is over (a month falls due when it ends)


@pytest.fixture
def founded_2026(dues_unit):
    """A unit and its 第一党支部 founded 2026-03-01; 张三 (入党 2001) in the branch; a base of
    5,000.00 for 2026 (50.00 a month)."""
    _app, s, branch = dues_unit
    root = s.root_org_id
    s.orgs.update(root, {"founded_on": "2026-03-01"}, s.orgs.get(root)["version"])
    s.orgs.update(branch, {"founded_on": "2026-03-01"}, s.orgs.get(branch)["version"])
    m = add_member(s, branch, "张三")
    s.dues.set_base(m, 2026, "employed", income="5000")
    return s, branch, m


def test_no_ledger_for_a_year_before_the_unit_was_founded(founded_2026, tmp_path):
    s, branch, _m = founded_2026
    before = s.dues.ledger(2025).to_dict()
    assert before["members"] == []
    assert (before["totals"]["members"], before["totals"]["due"]) == (0, "0.00")
    assert s.dues.ledger(2025, org_id=branch).to_dict()["members"] == []
    # the year it was founded: from the founding month (as of 1 July: March to June, 4 × 50.00;
    # July is still to pay)
    line = s.dues.ledger(2026).to_dict()["members"][0]
    assert (line["name"], line["months_due"], line["due"]) == ("张三", 4, "200.00")


def test_the_ledger_xlsx_of_a_year_before_has_no_member_row(founded_2026, tmp_path):
    s, _branch, _m = founded_2026
    out = tmp_path / "2025.xlsx"
    s.dues.export_ledger(2025, out)
    ws = openpyxl.load_workbook(out)["党费收缴台账"]
    assert [c.value for c in ws["C"] if c.value == "张三"] == []


def test_a_branch_founded_later_in_an_older_unit(dues_unit):
    """The unit existed (no 成立日期): 张三 owed it 2025 whichever branch he is in now; the new
    branch asked for alone has no 2025 ledger."""
    _app, s, branch = dues_unit
    s.orgs.update(branch, {"founded_on": "2026-03-01"}, s.orgs.get(branch)["version"])
    add_member(s, branch, "张三")
    assert [ln["name"] for ln in s.dues.ledger(2025).to_dict()["members"]] == ["张三"]
    assert s.dues.ledger(2025, org_id=branch).to_dict()["members"] == []


def test_an_organisation_s_ledger_takes_in_every_level_under_it(dues_unit):
    """`dues ledger --org` of the unit's 党委 (or a 党总支) lists the members of every branch
    and 党小组 under it, however deep: 张三 in 第二支部 under 机关党总支 was missing from the
    党委's ledger (only the organisation and its direct children were read). By hand: a base
    of 5,000.00 (50.00 a month), as of 31 December: 12 × 50.00 = 600.00."""
    _app, s, branch = dues_unit
    root = s.root_org_id
    general, _ = s.orgs.add({"parent_id": root, "kind": "general_branch", "name": "机关党总支"})
    deep, _ = s.orgs.add({"parent_id": general, "kind": "branch", "name": "第二支部"})
    near = add_member(s, branch, "李四")
    far = add_member(s, deep, "张三")
    for m in (near, far):
        s.dues.set_base(m, 2025, "employed", income="5000")
    whole = s.dues.ledger(2025).to_dict()
    assert sorted(ln["name"] for ln in whole["members"]) == ["张三", "李四"]
    top = s.dues.ledger(2025, org_id=root).to_dict()
    assert sorted(ln["name"] for ln in top["members"]) == ["张三", "李四"]
    assert top["totals"]["due"] == whole["totals"]["due"] == "1200.00"
    assert [ln["name"] for ln in s.dues.ledger(2025, org_id=general).to_dict()["members"]] == [
        "张三"
    ]
    assert [ln["name"] for ln in s.dues.ledger(2025, org_id=deep).to_dict()["members"]] == ["张三"]


def test_months_of_the_founding_year_before_the_founding_month_are_not_owed(dues_unit, tmp_path):
    """Founded 2026-03-15: January and February are not owed (the unit did not exist), March is
    (the founding month is owed: docs/domain-rules.md). Before, the ledger charged January on.
    By hand, 张三 (入党 2001, 50.00 a month), as of 30 June (asked on 1 July, so June is over):
    March–June due, 4 × 50.00 = 200.00;
    he paid March, so 150.00 in arrears over 3 months."""
    _app, s, branch = dues_unit
    root = s.root_org_id
    s.orgs.update(root, {"founded_on": "2026-03-15"}, s.orgs.get(root)["version"])
    m = add_member(s, branch, "张三")
    s.dues.set_base(m, 2026, "employed", income="5000")
    s.dues.pay(m, "2026-03", "50", "2026-03-20")
    ledger = s.dues.ledger(2026, as_of="2026-06-30").to_dict()
    line = ledger["members"][0]
    assert (line["months_due"], line["due"], line["paid"], line["arrears"]) == (
        4,
        "200.00",
        "50.00",
        "150.00",
    )
    assert [line["months"][k] for k in ("01", "02", "03", "04", "06", "07")] == [
        "none",
        "none",
        "paid",
        "unpaid",
        "unpaid",
        "upcoming",
    ]
    by_month = ledger["totals"]["by_month"]
    assert [by_month[k]["due"] for k in ("01", "02", "03", "06")] == [
        "0.00",
        "0.00",
        "50.00",
        "50.00",
    ]
    # the 按月收缴 sheet asks no one for January; the due list counts from March
    assert s.dues.collection("2026-01") == []
    assert [r["name"] for r in s.dues.collection("2026-04")] == ["张三"]
    # the XLSX says the same: 应交 200.00 for 张三
    out = tmp_path / "2026.xlsx"
    s.dues.export_ledger(2026, out)
    ws = openpyxl.load_workbook(out)["党费收缴台账"]
    row = next(r for r in ws.iter_rows(values_only=True) if "张三" in r)
    assert 200 in row or "200.00" in row
