"""Golden reports as of a date (issue 10 items 6–8, 10): the composition report, the 三会一课
ledger and the study report of meeting_world.py's unit, written to XLSX and read back with
openpyxl. Every expected figure is counted by hand below, from the people table in
meeting_world.py; the code under test computes none of them.
"""

from __future__ import annotations

from datetime import date

import openpyxl
from meeting_world import general_meeting


def sheet(path, name):
    return list(openpyxl.load_workbook(path)[name].iter_rows(min_row=4, values_only=True))


def dimension(rows, name):
    """{label: (count, share)} of one dimension of the composition sheet."""
    out, inside = {}, False
    for dim, label, n, share in rows:
        if dim is not None:
            inside = dim == name
        if inside and label is not None:
            out[label] = (n, round(share, 4))
    return out


def test_composition_as_of_two_dates(branch_unit, tmp_path):
    s, ids = branch_unit
    s.members.record_event(ids["赵磊"], "transfer_out", "2026-11-15", {"to_org": "某县委"})
    # 30 September: 王建国 李文华 陈红 周伟 赵磊 孙丽 钱进 (full) and 刘洋 (probationary) = 8;
    # 吴新 had not joined. Women: 李文华 孙丽.
    s.reports.export_composition(tmp_path / "sep.xlsx", date(2026, 9, 30))
    sep = sheet(tmp_path / "sep.xlsx", "构成统计")
    assert sep[0][:3] == ("总数", None, 8)
    summary = dimension(sep, "总体情况")
    assert summary["党员总数"] == (8, 1.0) and summary["女"] == (2, 0.25)
    assert summary["预备党员"] == (1, 0.125)
    periods = dimension(sep, "入党时间")
    assert periods["党的十一届三中全会后至党的十八大前"] == (7, 0.875)  # 1980 … 2012-07
    assert periods["党的十八大以来"] == (1, 0.125)  # 刘洋, 2026-03
    # 31 December: 钱进 died 10-20, 赵磊 left 11-15, 吴新 joined 11-05 → 7 on the roll.
    s.reports.export_composition(tmp_path / "dec.xlsx", date(2026, 12, 31))
    dec = sheet(tmp_path / "dec.xlsx", "构成统计")
    assert dec[0][:3] == ("总数", None, 7)
    assert dimension(dec, "总体情况")["预备党员"] == (2, round(2 / 7, 4))
    standing = dimension(dec, "党龄")  # full from: 王 2002, 李 2006, 陈 周 2011, 孙 2013
    assert standing["21年及以上"] == (1, round(1 / 7, 4))
    assert standing["11-20年"] == (4, round(4 / 7, 4))
    assert standing["预备党员（未计党龄）"] == (2, round(2 / 7, 4))
    ages = dimension(dec, "年龄")  # no birth dates or ID numbers were given
    assert ages["未填写"] == (7, 1.0)
    for rows in (sep, dec):  # no negative count, no share above the whole, anywhere
        assert all(r[2] >= 0 and 0 <= r[3] <= 1 for r in rows if r[2] is not None)


def test_ledger_counts_each_group_on_its_own(branch_unit, tmp_path):
    s, ids = branch_unit

    def meet(org, kind, day, present):
        s.meetings.add({"org_id": ids[org], "kind": kind, "starts_at": f"{day}T09:00",
                        "attendance": [{"member_id": ids[p], "status": "present"}
                                       for p in present]})  # fmt: skip

    for month in (1, 2, 4):
        meet("branch", "branch_committee", f"2026-{month:02d}-05", ["王建国", "李文华"])
    meet("branch", "branch_general", "2026-03-20", ["王建国", "李文华", "陈红"])
    for month in range(1, 7):
        meet("g1", "group", f"2026-{month:02d}-15", ["王建国"])
    meet("g2", "group", "2026-01-16", ["陈红", "周伟", "赵磊"])
    s.reports.export_meetings(tmp_path / "ledger.xlsx", 2026, date(2026, 6, 30))
    rows = {(r[0], r[1], r[2]): r for r in sheet(tmp_path / "ledger.xlsx", "台账汇总") if r[0]}
    branch = "青山镇机关第一党支部"
    committee = rows[(branch, None, "支部委员会会议")]
    assert committee[-4:] == (3, 6, 3, "3月、5月、6月")  # held 1, 2, 4; due Jan–Jun
    general = rows[(branch, None, "支部党员大会")]
    assert general[-4:] == (1, 2, 1, "第2季度")
    assert rows[(branch, "第一党小组", "党小组会")][-4:] == (6, 6, 0, None)
    assert rows[(branch, "第二党小组", "党小组会")][-4:] == (1, 6, 5, "2月、3月、4月、5月、6月")
    assert rows[(branch, None, "组织生活会")][-2:] == (0, None)  # the year has not ended
    assert (branch, None, "党小组会") not in rows
    detail = sheet(tmp_path / "ledger.xlsx", "会议明细")
    general_row = next(r for r in detail if r[3] == "支部党员大会")
    # 2026-03-20: 8 due (刘洋 joined 03-15), 3 present
    assert general_row[9:11] == (8, 3)
    g2_row = next(r for r in detail if r[2] == "第二党小组")
    # 第二党小组 on 01-16: 陈红 周伟 赵磊 孙丽 (刘洋 not yet a member) = 4 due, 3 present
    assert g2_row[9:11] == (4, 3)


def test_a_group_dissolved_in_may_is_not_missing_its_meetings_after_that(branch_unit, tmp_path):
    """A 党小组 that no longer exists owes no 党小组会: its periods after the dissolution are
    neither due nor missing, in the ledger and in the 会议缺项 the dashboard lists."""
    s, ids = branch_unit
    for month in range(1, 5):  # January to April, then dissolved on 15 May
        s.meetings.add({"org_id": ids["g2"], "kind": "group", "starts_at": f"2026-0{month}-16T09:00",
                        "attendance": [{"member_id": ids["陈红"], "status": "present"}]})  # fmt: skip
    s.restructure.dissolve(ids["g2"], "2026-05-15", ids["g1"])
    s.reports.export_meetings(tmp_path / "ledger.xlsx", 2026, date(2026, 8, 31))
    rows = {(r[0], r[1], r[2]): r for r in sheet(tmp_path / "ledger.xlsx", "台账汇总") if r[0]}
    # held 4; due January–April (May had not ended when it was dissolved): nothing missing
    assert rows[("青山镇机关第一党支部", "第二党小组", "党小组会")][-4:] == (4, 4, 0, None)
    gaps = sheet(tmp_path / "ledger.xlsx", "缺项清单")
    assert not [g for g in gaps if g[2] == "第二党小组"]
    listed = s.meetings.compliance(ids["branch"], date(2026, 1, 1), date(2026, 8, 31))
    assert not [m for m in listed if m.org_name == "第二党小组"]


def test_a_branch_with_a_secretary_alone_owes_no_committee_meeting(branch_unit, tmp_path):
    """Fewer than 7 正式党员 elect no 支部委员会, only a 书记 (domain facts §8): such a branch was
    asked for a 支委会 every month, in the ledger, the 会议缺项 and the due list (QA). Here the
    organisation 委员's post ends on 31 March: from April the branch has a 书记 alone."""
    s, ids = branch_unit
    [post] = [p for p in s.orgs.posts(ids["branch"]) if p["post"] == "organisation"]
    s.orgs.end_post(post["id"], "2026-03-31")
    s.meetings.add({"org_id": ids["branch"], "kind": "branch_committee",
                    "starts_at": "2026-02-12T09:00",
                    "attendance": [{"member_id": ids["王建国"], "status": "present"}]})  # fmt: skip
    s.reports.export_meetings(tmp_path / "ledger.xlsx", 2026, date(2026, 8, 31))
    rows = {(r[0], r[1], r[2]): r for r in sheet(tmp_path / "ledger.xlsx", "台账汇总") if r[0]}
    # due January–March only (3), held in February (1): January and March missing
    assert rows[("青山镇机关第一党支部", None, "支部委员会会议")][-4:] == (1, 3, 2, "1月、3月")
    listed = s.meetings.compliance(ids["branch"], date(2026, 1, 1), date(2026, 8, 31))
    assert [m.start.month for m in listed if m.kind == "branch_committee"] == [1, 3]
    # a branch with no post recorded at all still owes it: the program cannot tell
    other, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第九党支部"})
    listed = s.meetings.compliance(other, date(2026, 1, 1), date(2026, 3, 31))
    assert [m.start.month for m in listed if m.kind == "branch_committee"] == [1, 2, 3]


def test_study_counts_only_the_collective_forms_unless_the_unit_says_otherwise(
    branch_unit, tmp_path
):
    s, ids = branch_unit
    logs = [("王建国", "collective", 30), ("王建国", "self", 20), ("王建国", "intensive", 10),
            ("陈红", "collective", 20), ("陈红", "lecture", 8), ("陈红", "self", 10)]  # fmt: skip
    s.study.add([{"member_id": ids[n], "date": "2026-05-10", "hours": h, "form": f,
                  "topic": "学习"} for n, f, h in logs])  # fmt: skip
    s.reports.export_study(tmp_path / "a.xlsx", 2026, date(2026, 9, 30))
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    head = [c.value for c in wb["学时统计"][3]]
    rows = {r[2]: dict(zip(head, r, strict=True)) for r in sheet(tmp_path / "a.xlsx", "学时统计")}
    assert "个人自学（不计入）" in head
    wang, chen = rows["王建国"], rows["陈红"]
    # 王建国 is 书记: target 56; 30 + 10 count, 20 of self-study do not.
    assert (wang["计入学时"], wang["全部学时"], wang["目标学时"], wang["差额"]) == (40, 60, 56, 16)
    assert wang["是否达标"] == "否"
    assert (chen["计入学时"], chen["全部学时"], chen["差额"], chen["是否达标"]) == (28, 38, 4, "否")
    assert "吴新" not in rows  # not yet a member on 30 September
    s.study.set_counted_forms(["集中培训", "集体学习", "专题讲座", "个人自学"])
    s.reports.export_study(tmp_path / "b.xlsx", 2026, date(2026, 12, 31))
    rows = {r[2]: dict(zip(head, r, strict=True)) for r in sheet(tmp_path / "b.xlsx", "学时统计")}
    assert rows["陈红"]["计入学时"] == 38 and rows["陈红"]["是否达标"] == "是"
    assert "吴新" in rows and "钱进" not in rows  # joined 11-05; died 10-20
    summary = {r["name"]: r for r in s.study.summary(2026)}
    assert summary["王建国"]["hours"] == 60 and summary["王建国"]["short"] == 0


def test_minutes_ledger_and_cli_state_the_same_figures(branch_unit, tmp_path):
    s, ids = branch_unit
    mid, _ = s.meetings.add(general_meeting(ids))
    doc = s.reports.minutes_doc(mid)
    sign = s.reports.signin_doc(mid)
    s.reports.export_meetings(tmp_path / "l.xlsx", 2026, date(2026, 12, 1))
    ledger = next(r for r in sheet(tmp_path / "l.xlsx", "会议明细") if r[3] == "支部党员大会")
    listed = s.meetings.list()[0]
    assert doc.due == sign.due == len(sign.names) == ledger[9] == listed["due"] == 8
    assert doc.present == ledger[10] == listed["present"] == 7


def test_study_page_of_a_past_year_lists_who_was_on_the_roll_then(branch_unit, tmp_path):
    """The 学习 page and `study summary --year` count the same people as `export study` of that
    year: those on the roll on its 31 December, not those on it today."""
    s, ids = branch_unit
    s.study.add([{"member_id": ids["赵磊"], "date": "2025-05-10", "hours": 40,
                  "form": "collective", "topic": "学习"}])  # fmt: skip
    s.members.record_event(ids["赵磊"], "transfer_out", "2026-11-15", {"to_org": "某县委"})
    # 31 December 2025: 王建国 李文华 陈红 周伟 赵磊 孙丽 钱进 (钱进 died, 赵磊 left in 2026;
    # 刘洋 and 吴新 joined in 2026).
    year_2025 = ["王建国", "李文华", "陈红", "周伟", "赵磊", "孙丽", "钱进"]
    rows = {r["name"]: r for r in s.study.summary(2025)}
    assert sorted(rows) == sorted(year_2025)
    assert (rows["赵磊"]["hours"], rows["赵磊"]["target"], rows["赵磊"]["short"]) == (40, 32, 0)
    assert rows["王建国"]["target"] == 56 and rows["钱进"]["short"] == 32
    assert sorted(r["name"] for r in s.study.summary(2025, ids["branch"])) == sorted(year_2025)
    # today (2026-12-01): 钱进 and 赵磊 are gone, 刘洋 and 吴新 are members
    now = ["王建国", "李文华", "陈红", "周伟", "孙丽", "刘洋", "吴新"]
    assert sorted(r["name"] for r in s.study.summary(2026)) == sorted(now)
    s.reports.export_study(tmp_path / "2025.xlsx", 2025)
    assert sorted(r[2] for r in sheet(tmp_path / "2025.xlsx", "学时统计")) == sorted(year_2025)


def test_a_study_report_as_of_a_day_does_not_count_a_post_that_begins_later(branch_unit, tmp_path):
    """A report as of 30 September gave the 56-hour target to someone whose 委员 post begins on
    1 October (QA): the target follows the posts held by the report's day."""
    s, ids = branch_unit
    s.orgs.assign_post(ids["branch"], ids["陈红"], "publicity", "2026-10-01")
    s.reports.export_study(tmp_path / "sep.xlsx", 2026, date(2026, 9, 30))
    s.reports.export_study(tmp_path / "dec.xlsx", 2026, date(2026, 12, 31))
    wb = openpyxl.load_workbook(tmp_path / "sep.xlsx")
    head = [c.value for c in wb["学时统计"][3]]

    def targets(name):
        rows = {r[2]: dict(zip(head, r, strict=True)) for r in sheet(tmp_path / name, "学时统计")}
        return rows["陈红"]["目标学时"], rows["王建国"]["目标学时"]

    assert targets("sep.xlsx") == (32, 56)
    assert targets("dec.xlsx") == (56, 56)
