"""Roster import, 党内职务 the post rules refuse: the dry run said the file was clean, and the
import then stopped on the first post the rules refuse (E_POST_OVERLAP for the very cell the
import documents, "书记、组织委员"; E_POST_TAKEN for a second 书记; E_POST_RIGHTS_SUSPENDED,
E_MEMBER_NOT_IN_ORG, E_POST_KIND), writing nothing. Like an unknown post, such a post is now
a warning in the dry run, the member is imported and the post is not recorded."""

from __future__ import annotations

import openpyxl
import pytest

from ztclient.domain.messages import render

HEAD = ["姓名", "性别", "出生日期", "人员类别", "入党日期", "转正日期", "所在党支部", "党小组",
        "党内职务", "党籍状态"]  # fmt: skip


def row(name, post, branch="第一党支部", status="正常", group=None):
    return [name, "男", "1970-01-01", "正式党员", "1995-07-01", "1996-07-01", branch, group,
            post, status]  # fmt: skip


def sheet(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEAD)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def posts(s) -> list[tuple[str, str, str]]:
    return sorted(
        (r["name"], r["post"], r["org"])
        for r in s.store.read(
            "SELECT m.name, p.post, o.name AS org FROM org_posts p"
            " JOIN members m ON m.id = p.member_id JOIN orgs o ON o.id = p.org_id"
        )
    )


def notes(report) -> list[tuple[int, str, str]]:
    return [
        (i.row, i.code, render(i.code, "zh", **i.params))
        for i in report.issues
        if i.code.startswith("W_IMPORT_POST")
    ]


@pytest.fixture
def branch2(unit):
    _app, s, _ = unit
    s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第二党支部"})
    s.orgs.add(
        {"parent_id": s.store.get_meta("test_branch_id"), "kind": "group", "name": "第一党小组"}
    )
    return s


CASES = [
    (
        [row("甲一", "书记、组织委员")],
        [(2, "W_IMPORT_POST_TWICE",
          "甲一在“第一党支部”只登记一个职务：已登记“书记”，“组织委员”未登记")],
        [("甲一", "secretary", "第一党支部")],
    ),
    (
        [row("甲一", "书记"), row("乙二", "书记")],
        [(3, "W_IMPORT_POST_TAKEN",
          "“第一党支部”同一时间只能有一名“书记”，已由甲一担任：“书记”未登记")],
        [("甲一", "secretary", "第一党支部")],
    ),
    (
        [row("甲一", "书记", status="停止党籍")],
        [(2, "W_IMPORT_POST_NO_RIGHTS",
          "甲一的党籍状态是“停止党籍”，不能任职：“书记”未登记")],
        [],
    ),
    (
        [row("甲一", "组织委员（第二党支部）")],
        [(2, "W_IMPORT_POST_NOT_IN_ORG", "甲一不在“第二党支部”，不能在该组织任职：“组织委员”未登记")],
        [],
    ),
    (
        [row("甲一", "书记（第一党小组）", group="第一党小组")],
        [(2, "W_IMPORT_POST_KIND",
          "“书记”不是“第一党小组”能设的职务（党小组只设党小组组长，党小组组长只在党小组）：未登记")],
        [],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rows", "said", "held"), CASES)
def test_a_post_the_rules_refuse_is_said_in_the_dry_run_and_not_recorded(
    branch2, tmp_path, rows, said, held
):
    s = branch2
    path = sheet(tmp_path / "posts.xlsx", rows)
    dry, _, _ = s.reports.import_roster(path, dry_run=True)
    assert dry.errors == () and notes(dry) == said
    report, ids, _ = s.reports.import_roster(path)
    assert len(ids) == len(rows) and notes(report) == said
    assert posts(s) == held


def test_a_secretary_on_record_keeps_the_post(branch2, tmp_path):
    s = branch2
    branch = s.store.get_meta("test_branch_id")
    mid, _ = s.members.add(
        {"name": "老书记", "gender": "1", "birth_date": "1960-01-01", "org_id": branch,
         "category": "full", "status": "normal", "join_date": "1985-07-01",
         "full_member_date": "1986-07-01"}
    )  # fmt: skip
    s.orgs.assign_post(branch, mid, "secretary", "2024-01-01")
    report, ids, _ = s.reports.import_roster(sheet(tmp_path / "p.xlsx", [row("甲一", "书记")]))
    assert len(ids) == 1
    assert notes(report) == [
        (2, "W_IMPORT_POST_TAKEN",
         "“第一党支部”同一时间只能有一名“书记”，已由老书记担任：“书记”未登记"),
    ]  # fmt: skip
    assert posts(s) == [("老书记", "secretary", "第一党支部")]


def test_posts_in_different_organisations_are_all_recorded(branch2, tmp_path):
    s = branch2
    rows = [row("甲一", "书记、委员（中共测试街道工作委员会）"),
            row("乙二", "党小组组长", group="第一党小组")]  # fmt: skip
    report, ids, _ = s.reports.import_roster(sheet(tmp_path / "p.xlsx", rows))
    assert len(ids) == 2 and notes(report) == []
    assert posts(s) == [
        ("乙二", "group_leader", "第一党小组"),
        ("甲一", "member", "中共测试街道工作委员会"),
        ("甲一", "secretary", "第一党支部"),
    ]


def test_a_secretary_claimed_by_a_row_left_out_does_not_block_a_later_row(branch2, tmp_path):
    """Row 2 claims 书记 of 第一党支部 but is invalid (a 转正日期 before its 入党日期) and is
    skipped; row 3 claims the same post and is written: it gets the post, and nothing says
    the post went to the member who was never imported."""
    s = branch2
    bad = row("甲一", "书记")
    bad[5] = "1990-07-01"  # 转正 before 入党
    rows = [bad, row("乙二", "书记")]
    path = sheet(tmp_path / "p.xlsx", rows)
    dry, _, _ = s.reports.import_roster(path, dry_run=True, skip_invalid=True)
    assert {i.row for i in dry.errors} == {2}
    assert notes(dry) == []
    report, ids, _ = s.reports.import_roster(path, skip_invalid=True)
    assert len(ids) == 1 and notes(report) == []
    assert posts(s) == [("乙二", "secretary", "第一党支部")]


def test_a_secretary_claimed_by_a_suspected_duplicate_left_out_goes_to_the_next(branch2, tmp_path):
    """A suspected duplicate (same name and birth date as a member on record, no ID number) is
    left out unless --import-suspected: its 书记 is not the branch's either."""
    s = branch2
    branch = s.store.get_meta("test_branch_id")
    s.members.add(
        {"name": "甲一", "gender": "1", "birth_date": "1970-01-01", "org_id": branch,
         "category": "full", "status": "normal", "join_date": "1995-07-01",
         "full_member_date": "1996-07-01"}
    )  # fmt: skip
    path = sheet(tmp_path / "p.xlsx", [row("甲一", "书记"), row("乙二", "书记")])
    report, ids, _ = s.reports.import_roster(path)
    assert report.suspected == (2,)
    assert len(ids) == 1 and notes(report) == []
    assert ("乙二", "secretary", "第一党支部") in posts(s)


def test_a_branch_named_only_by_a_row_left_out_is_not_created(branch2, tmp_path):
    """--create-orgs --skip-invalid: row 2, the only one naming 第三党支部, is invalid and
    skipped. The branch was created all the same — empty, yet owing its meetings on the
    工作台 and in the centre's report. It is created with the first row that joins it."""
    s = branch2
    bad = row("甲一", "书记", branch="第三党支部")
    bad[5] = "1990-07-01"  # 转正 before 入党
    path = sheet(tmp_path / "p.xlsx", [bad, row("乙二", "", branch="第四党支部")])
    dry, _, _ = s.reports.import_roster(path, dry_run=True, skip_invalid=True, create_orgs=True)
    assert [o["name"] for o in dry.orgs_to_create] == ["第四党支部"]
    _, ids, _ = s.reports.import_roster(path, skip_invalid=True, create_orgs=True)
    assert len(ids) == 1
    names = {r["name"] for r in s.store.read("SELECT name FROM orgs")}
    assert "第四党支部" in names and "第三党支部" not in names
