"""Roster import of rows without an ID number (issue 25): old rosters often lack 公民身份号码,
and such a row used to go in every time — the same file imported twice added every ID-less
person again, and two ID-less rows of one person both went in.

The rule (docs/documents.md, 没有身份证号码的行): a row whose name and birth date (else 入党日期,
else 所在党支部 when neither side has a date) match a member on record or an earlier row of the
file, where one of the two has no ID number, is a suspected duplicate: listed with the row and
the member it matches, and not imported unless the clerk asks for it (``import_suspected``)."""

from __future__ import annotations

import openpyxl

from ztclient.domain.idnumber import check_char
from ztclient.domain.messages import render

HEAD = ["序号", "姓名", "性别", "出生日期", "公民身份号码", "人员类别", "入党日期", "转正日期"]


def idn(birth: str, seq: str) -> str:
    first17 = f"370102{birth}{seq}"
    return first17 + check_char(first17)


def sheet(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEAD)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


NO_ID = [
    [1, "王建华", "男", "1968-04-02", None, "正式党员", "1990-07-01", "1991-07-01"],
    [2, "李秀英", "女", "1972-11-20", None, "正式党员", "1995-06-28", "1996-06-28"],
    [3, "赵磊", "男", "1985-03-12", idn("19850312", "121"), "正式党员", "2010-05-04",
     "2011-05-04"],
]  # fmt: skip


def names(s) -> list[str]:
    return sorted(m["name"] for m in s.members.list())


def suspected(report) -> list[tuple[int, str]]:
    return [
        (i.row, render(i.code, "zh", **i.params))
        for i in report.issues
        if i.code.startswith("W_IMPORT_SUSPECTED")
    ]


def test_the_same_file_twice_adds_nobody_the_second_time(unit, tmp_path):
    _app, s, _code = unit
    path = sheet(tmp_path / "roster.xlsx", NO_ID)
    _r, first, _ = s.reports.import_roster(path)
    assert len(first) == 3
    # Rows 2 and 3 have no ID number; row 4's number is on record: an error, nothing written.
    report, second, _ = s.reports.import_roster(path)
    assert second == [] and names(s) == ["李秀英", "王建华", "赵磊"]
    assert [(i.row, i.code) for i in report.errors] == [(4, "E_DUPLICATE_ID_NUMBER")]
    assert suspected(report) == [
        (2, "疑似与已有党员王建华（中共测试街道工作委员会）重复：出生日期相同（1968-04-02），"
            "默认不导入；确是另一人时选择“疑似重复的行也导入”"),
        (3, "疑似与已有党员李秀英（中共测试街道工作委员会）重复：出生日期相同（1972-11-20），"
            "默认不导入；确是另一人时选择“疑似重复的行也导入”"),
    ]  # fmt: skip
    # Skipping the row in error still adds nobody.
    report, third, _ = s.reports.import_roster(path, skip_invalid=True)
    assert third == [] and len(names(s)) == 3


def test_an_id_less_file_imported_twice_adds_nobody(unit, tmp_path):
    _app, s, _code = unit
    path = sheet(tmp_path / "roster.xlsx", NO_ID[:2])
    assert len(s.reports.import_roster(path)[1]) == 2
    report, again, _ = s.reports.import_roster(path)
    assert again == [] and report.errors == () and names(s) == ["李秀英", "王建华"]
    assert report.suspected == (2, 3)


def test_two_id_less_rows_of_one_person_in_one_file(unit, tmp_path):
    _app, s, _code = unit
    rows = [
        NO_ID[0],
        [2, "王建华", "男", "1968.04.02", None, "正式", "1990.07", "1991.07"],  # typed again
    ]
    path = sheet(tmp_path / "roster.xlsx", rows)
    dry, _, _ = s.reports.import_roster(path, dry_run=True)
    assert suspected(dry) == [
        (3, "疑似与第2行的王建华重复：出生日期相同（1968-04-02），默认不导入；"
            "确是另一人时选择“疑似重复的行也导入”"),
    ]  # fmt: skip
    report, ids, _ = s.reports.import_roster(path)
    assert len(ids) == 1 and names(s) == ["王建华"]
    assert report.suspected == (3,)


def test_same_name_different_birth_dates_both_import(unit, tmp_path):
    _app, s, _code = unit
    rows = [
        NO_ID[0],
        [2, "王建华", "男", "1979-09-15", None, "正式党员", "2001-07-01", "2002-07-01"],
    ]
    report, ids, _ = s.reports.import_roster(sheet(tmp_path / "roster.xlsx", rows))
    assert len(ids) == 2 and suspected(report) == []
    assert names(s) == ["王建华", "王建华"]


def test_a_row_matching_a_member_added_by_hand(unit, tmp_path):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    s.members.add(
        {"name": "李秀英", "gender": "2", "birth_date": "1972-11-20", "org_id": branch,
         "category": "full", "status": "normal", "join_date": "1995-06-28",
         "full_member_date": "1996-06-28"}
    )  # fmt: skip
    path = sheet(tmp_path / "roster.xlsx", NO_ID)
    report, ids, _ = s.reports.import_roster(path)
    assert len(ids) == 2 and names(s) == ["李秀英", "王建华", "赵磊"]
    assert suspected(report) == [
        (3, "疑似与已有党员李秀英（第一党支部）重复：出生日期相同（1972-11-20），默认不导入；"
            "确是另一人时选择“疑似重复的行也导入”"),
    ]  # fmt: skip


def test_the_clerk_may_import_a_suspected_row_all_the_same(unit, tmp_path):
    _app, s, _code = unit
    path = sheet(tmp_path / "roster.xlsx", NO_ID[:1])
    s.reports.import_roster(path)
    report, ids, _ = s.reports.import_roster(path, import_suspected=True)
    assert len(ids) == 1 and names(s) == ["王建华", "王建华"]
    assert report.suspected == (2,)


def test_without_dates_the_branch_decides(unit, tmp_path):
    """No date on either side: the same name in the same branch is suspected; a month-only
    date is compared to the month (1985.03 is stored as 1985-03-01)."""
    _app, s, _code = unit
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "人员类别", "所在党支部", "递交入党申请书时间", "出生年月"])
    ws.append(["周丽", "女", "入党申请人", "第一党支部", "2025-03-01", None])
    ws.append(["周丽", "女", "入党申请人", "第一党支部", "2025-04-01", None])
    ws.append(["吴刚", "男", "入党申请人", "第一党支部", "2025-03-01", "1985.03"])
    wb.save(tmp_path / "a.xlsx")
    s.members.add(
        {"name": "吴刚", "gender": "1", "birth_date": "1985-03-12", "category": "applicant",
         "status": "normal", "application_date": "2025-03-01",
         "org_id": s.store.get_meta("test_branch_id")}
    )  # fmt: skip
    report, ids, _ = s.reports.import_roster(tmp_path / "a.xlsx")
    assert len(ids) == 1
    assert [(r, t.split("，")[0]) for r, t in suspected(report)] == [
        (3, "疑似与第2行的周丽重复：所在党支部相同（第一党支部）"),
        (4, "疑似与已有党员吴刚（第一党支部）重复：出生日期相同（1985-03-12）"),
    ]


def test_a_failing_import_writes_nothing(unit, tmp_path):
    _app, s, _code = unit
    rows = [*NO_ID[:2], [4, "错行", "男", "1990-13-01", None, "正式党员", None, None]]
    report, ids, _ = s.reports.import_roster(sheet(tmp_path / "roster.xlsx", rows))
    assert ids == [] and report.errors and names(s) == []
