"""A branch founded in November (成立日期 2026-11-10, its 党小组 2026-11-12) owes the meetings of
the periods on or after that day only: the 会议缺项, the dashboard's due list and the 三会一课台账
(the ledger sent to the level above) agree. A branch without a founding date owes the whole
year, as before. Every figure is counted by hand below."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from meeting_world import FixedClock
from tests.helpers import PASSPHRASE


@pytest.fixture
def unit(tmp_path):
    from ztclient.bootstrap import App

    app = App(tmp_path / "data", clock=FixedClock(date(2027, 1, 15)))
    s, _code = app.create_unit("中共青山镇机关委员会", "3301060001", PASSPHRASE)
    old, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "老党支部"})
    new, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "新党支部",
                         "founded_on": "2026-11-10"})  # fmt: skip
    group, _ = s.orgs.add({"parent_id": new, "kind": "group", "name": "第一党小组",
                           "founded_on": "2026-11-12"})  # fmt: skip
    for org, kind, day in [
        (new, "branch_committee", "2026-11-20"),
        (group, "group", "2026-11-25"),
        (new, "branch_general", "2026-12-10"),
    ]:
        s.meetings.add({"org_id": org, "kind": kind, "starts_at": f"{day}T09:00"})
    yield s, {"old": old, "new": new, "group": group}
    s.close()


def test_the_compliance_view_asks_only_from_the_founding_date(unit):
    s, ids = unit
    listed = s.meetings.compliance(ids["new"], date(2026, 1, 1), date(2026, 12, 31))
    assert [(m.kind, m.period_label, m.org_name) for m in listed] == [
        ("org_life", "2026年", ""),
        ("appraisal", "2026年", ""),
        ("lecture", "2026年第4季度", ""),
        ("theme_day", "2026年11月", ""),
        ("branch_committee", "2026年12月", ""),
        ("theme_day", "2026年12月", ""),
        ("group", "2026年12月", "第一党小组"),
    ]
    # the branch without a founding date: twelve 支委会 missing, as before
    old = s.meetings.compliance(ids["old"], date(2026, 1, 1), date(2026, 12, 31))
    assert sum(m.kind == "branch_committee" for m in old) == 12


def test_the_due_list_of_december_does_not_ask_for_october(unit):
    from ztclient.services.dashboard import Dashboard

    s, ids = unit
    [row] = [c for c in Dashboard(s).compliance(date(2026, 12, 1)) if c["org_id"] == ids["new"]]
    month = [(m.kind, m.start.month) for m in row["missing_month"]]
    assert month == [("branch_committee", 12), ("theme_day", 12), ("group", 12)]
    quarter = [(m.kind, m.start.month) for m in row["missing_quarter"]]
    # 支委会 held in November; 主题党日 owed from November; 党小组会 held in November;
    # 支部党员大会 held in December; 党课 owed for the fourth quarter
    assert sorted(quarter) == sorted(
        [("lecture", 10), ("theme_day", 11), ("branch_committee", 12), ("theme_day", 12),
         ("group", 12)]
    )  # fmt: skip


def test_the_ledger_counts_due_from_the_founding_date(unit, tmp_path):
    s, _ids = unit
    s.reports.export_meetings(tmp_path / "ledger.xlsx", 2026, date(2026, 12, 31))
    book = openpyxl.load_workbook(tmp_path / "ledger.xlsx")
    rows = {(r[0], r[1], r[2]): r[-4:] for r in book["台账汇总"].iter_rows(min_row=4, values_only=True)
            if r[0]}  # fmt: skip
    # (held, due, missing, which)
    assert rows[("新党支部", None, "支部委员会会议")] == (1, 2, 1, "12月")
    assert rows[("新党支部", None, "支部党员大会")] == (1, 1, 0, None)
    assert rows[("新党支部", None, "党课")] == (0, 1, 1, "第4季度")
    assert rows[("新党支部", None, "主题党日")] == (0, 2, 2, "11月、12月")
    assert rows[("新党支部", None, "组织生活会")] == (0, 1, 1, "2026年")
    assert rows[("新党支部", None, "民主评议党员")] == (0, 1, 1, "2026年")
    assert rows[("新党支部", "第一党小组", "党小组会")] == (1, 2, 1, "12月")
    assert rows[("老党支部", None, "支部委员会会议")] == (0, 12, 12, "、".join(
        f"{m}月" for m in range(1, 13)))  # fmt: skip
    assert rows[("老党支部", None, "支部党员大会")][:3] == (0, 4, 4)


def test_a_meeting_before_the_founding_date_or_after_the_dissolution_is_refused(unit):
    """Records true to their date: 新党支部 (founded 2026-11-10) held no meeting on 11-09, and
    老党支部, dissolved on 2026-06-30, none on 07-01. The day itself is allowed at both ends;
    nothing is written on a refusal."""
    from ztclient.domain.errors import DomainError, ValidationErrors

    s, ids = unit
    before = s.store.scalar("SELECT count(*) FROM meetings")

    def refused(org, day) -> list[tuple[str, str]]:
        with pytest.raises((DomainError, ValidationErrors)) as err:
            s.meetings.add({"org_id": org, "kind": "branch_committee", "starts_at": f"{day}T09:00"})
        errors = getattr(err.value, "errors", [err.value])
        return [(e.code, e.field) for e in errors]

    assert refused(ids["new"], "2026-11-09") == [("E_MEETING_BEFORE_FOUNDED", "starts_at")]
    s.meetings.add({"org_id": ids["new"], "kind": "theme_day", "starts_at": "2026-11-10T09:00"})
    s.restructure.dissolve(ids["old"], "2026-06-30")
    assert refused(ids["old"], "2026-07-01") == [("E_MEETING_AFTER_DISSOLVED", "starts_at")]
    s.meetings.add(
        {"org_id": ids["old"], "kind": "branch_general", "starts_at": "2026-06-30T09:00"}
    )
    assert s.store.scalar("SELECT count(*) FROM meetings") == before + 2


def test_a_founding_date_after_a_meeting_the_org_held_is_refused(unit):
    """老党支部 held a 支委会 on 2026-03-05: its 成立日期 cannot then be set to 2026-04-01 (the
    meeting would fall before it), and nothing is written; 03-05 itself is fine."""
    from ztclient.domain.errors import DomainError

    s, ids = unit
    s.meetings.add(
        {"org_id": ids["old"], "kind": "branch_committee", "starts_at": "2026-03-05T09:00"}
    )
    with pytest.raises(DomainError) as err:
        s.orgs.update(ids["old"], {"founded_on": "2026-04-01"}, s.orgs.get(ids["old"])["version"])
    assert (err.value.code, err.value.field) == ("E_ORG_FOUNDED_AFTER_MEETING", "founded_on")
    assert err.value.params["meeting_date"] == "2026-03-05"
    assert s.orgs.get(ids["old"])["founded_on"] is None
    s.orgs.update(ids["old"], {"founded_on": "2026-03-05"}, s.orgs.get(ids["old"])["version"])
    assert s.orgs.get(ids["old"])["founded_on"] == "2026-03-05"


def test_an_org_cannot_end_before_a_meeting_it_held(unit):
    """新党支部 held its 大会 on 2026-12-10 and its 党小组 met on 12-20. Dissolved on 12-15, the
    group would end with it after that meeting: refused. Merged on 12-01, before its own 大会:
    refused. Merged on 12-15 it goes through: its group moves on under the other branch, so the
    group's meeting does not bar it. Nothing is written by a refusal."""
    from ztclient.domain.errors import DomainError

    s, ids = unit
    s.meetings.add({"org_id": ids["group"], "kind": "group", "starts_at": "2026-12-20T09:00"})
    with pytest.raises(DomainError) as err:
        s.restructure.dissolve(ids["new"], "2026-12-15", move_members_to=ids["old"])
    assert err.value.code == "E_ORG_ENDS_BEFORE_MEETING"
    assert (err.value.params["held_by"], err.value.params["meeting_date"]) == (
        "第一党小组",
        "2026-12-20",
    )
    with pytest.raises(DomainError) as err:
        s.restructure.merge(ids["new"], ids["old"], "2026-12-01")
    assert (err.value.params["held_by"], err.value.params["meeting_date"]) == (
        "新党支部",
        "2026-12-10",
    )
    assert s.orgs.get(ids["new"])["dissolved_on"] is None
    s.restructure.merge(ids["new"], ids["old"], "2026-12-15")
    assert s.orgs.get(ids["new"])["dissolved_on"] == "2026-12-15"
