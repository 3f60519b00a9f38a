"""Roster import of a sheet as a clerk really keeps it (issue 10 item 5): title rows, a blank
row, a merged 合计 footer, 制表人 and 填表说明 lines below the table, full-width spaces in names,
full-width digits and a lower-case x in ID numbers, full-width punctuation in an address and a
compatibility ideograph in a name. It imports cleanly into a real unit, every skipped row is
named in a note, and the people are found by their names written without spaces."""

from __future__ import annotations

import openpyxl

from ztclient.domain.idnumber import check_char

COMPAT = "\uf9a8"  # 令 as a CJK compatibility ideograph (U+F9A8): NFKC would rewrite it


def idn(birth: str, seq: str) -> str:
    first17 = f"370102{birth}{seq}"
    return first17 + check_char(first17)


def footer_workbook(path) -> dict[str, str]:
    ids = {"zhao": idn("19850312", "121"), "qian": idn("19900701", "242"),
           "sun": idn("19761105", "159")}  # ends in X  # fmt: skip
    wide = ids["qian"].translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["青山镇机关第一党支部党员花名册"])
    ws.merge_cells("A1:H1")
    ws.append(["填报单位：第一党支部", None, None, None, "2026年11月"])
    ws.append(
        ["序号", "姓名", "性别", "公民身份号码", "人员类别", "入党日期", "转正日期", "家庭住址"]
    )
    ws.append([1, "赵　磊", "男", ids["zhao"], "正式党员", "2010-05-04", "2011-05-04",
               "青山路１号（东院），３楼"])  # fmt: skip
    ws.append([None] * 8)  # a blank row inside the table
    ws.append([2, " 钱 丽 ", "女", wide, "正式党员", "2012.07", "2013.07", None])
    ws.append([3, f"孙{COMPAT}仪", "男", ids["sun"].lower(), "正式", "2015年7月1日",
               "2016年7月1日", "青山路２号"])  # fmt: skip
    ws.append(["合计：3人", None, None, None, None, None, None, None])
    ws.merge_cells(f"A{ws.max_row}:H{ws.max_row}")
    ws.append(["制表人：李文华", None, None, None, "审核人：王建国"])
    ws.append(["填表说明：1. 人员类别填正式党员或预备党员；2. 日期写到日。"])
    ws.merge_cells(f"A{ws.max_row}:H{ws.max_row}")
    wb.save(path)
    return ids


def test_a_real_sheet_with_titles_footers_and_full_width_text_imports_cleanly(unit, tmp_path):
    _app, s, _code = unit
    ids = footer_workbook(tmp_path / "roster.xlsx")
    report, new, _ = s.reports.import_roster(tmp_path / "roster.xlsx")
    assert report.errors == () and len(new) == 3
    notes = {(i.row, i.code) for i in report.issues}
    assert (1, "W_IMPORT_TITLE_ROWS") in notes  # rows 1–2 above the header
    assert (5, "W_IMPORT_BLANK_ROWS") in notes
    assert (8, "W_IMPORT_TOTAL_ROW") in notes
    assert (9, "W_IMPORT_FOOTER_ROW") in notes and (10, "W_IMPORT_FOOTER_ROW") in notes
    people = {m["name"]: m for m in s.members.list()}
    assert set(people) == {"赵磊", "钱丽", f"孙{COMPAT}仪"}  # the compatibility ideograph kept
    assert s.members.list("赵磊")[0]["name"] == "赵磊"  # found as written without the space
    zhao = s.members.get(people["赵磊"]["id"])
    assert zhao["address"] == "青山路１号（东院），３楼"  # full-width punctuation kept as typed
    assert s.members.get(people["钱丽"]["id"])["id_number"] == ids["qian"]  # folded to ASCII
    assert ids["sun"].endswith("X")  # typed with a lower-case x, stored with X
    assert s.members.get(people[f"孙{COMPAT}仪"]["id"])["id_number"] == ids["sun"]


def test_the_notes_say_what_was_skipped(unit, tmp_path):
    from ztclient.domain.messages import render

    _app, s, _code = unit
    footer_workbook(tmp_path / "roster.xlsx")
    report, _, _ = s.reports.import_roster(tmp_path / "roster.xlsx", dry_run=True)
    texts = [render(i.code, "zh", **i.params) for i in report.issues]
    assert "“合计：3人”是合计行，不是党员信息，已跳过" in texts
    assert "表头上方的第1至2行是标题，已跳过" in texts
    assert "第5行是空行，已跳过" in texts


def test_a_member_rule_names_the_column_as_the_clerk_headed_it(unit, tmp_path):
    """An error found by the member rules (not by the reader) names the sheet's own header,
    like every other issue, never the record's field name (``full_member_date``)."""
    _app, s, _code = unit
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "性别", "公民身份号码", "人员类别", "入党时间", "转正时间"])
    ws.append([1, "钱多多", "女", idn("19930303", "066"), "预备党员", "2020-05-01", "2021-05-01"])
    wb.save(tmp_path / "roster.xlsx")
    report, new, _ = s.reports.import_roster(tmp_path / "roster.xlsx")
    assert new == []
    assert [(i.row, i.column, i.code) for i in report.errors] == [
        (2, "转正时间", "E_CATEGORY_DATE_EXTRA")
    ]
