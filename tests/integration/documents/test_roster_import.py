"""Roster import: title rows and merged cells, column synonyms, every date form, ID numbers
mangled by Excel, duplicates, empty trailing rows; and the export reads back to the same records."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
import sample_docs as s

from conftest import run
from ztclient.domain.codes import table
from ztclient.domain.idnumber import check_char
from ztclient.domain.messages import render
from ztclient.infra.documents.roster_import import parse_roster
from ztclient.infra.documents.roster_xlsx import write_roster
from ztclient.services.report_models import RosterDoc, RosterRow

TODAY = date(2026, 11, 23)


def idn(birth: str, seq: str = "123") -> str:
    first17 = f"370102{birth}{seq}"
    return first17 + check_char(first17)


A = idn("19850312", "121")  # male (odd 17th digit)
B = idn("19900701", "242")  # female
C = idn("19761105", "351")


def messy_workbook(path, rows, headers=None):
    """A roster as clerks keep it: two title rows merged across, a header with notes and line
    breaks, a branch column merged down, empty and pre-numbered rows at the end."""
    headers = headers or [
        "序号",
        "姓  名",
        "性别",
        "民族",
        "公民身份号码\n（18位）",
        "出生年月",
        "学历",
        "入党时间",
        "转正时间",
        "工作单位及职务",
        "党支部",
        "照片",
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["青山镇机关党员花名册"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(["填报单位：青山镇机关党委", None, None, None, None, None, "填报时间：2026年11月"])
    ws.append(headers)
    for r in rows:
        ws.append(r)
    n = ws.max_row
    ws.append([])
    ws.append([None] * 3)
    ws.append([len(rows) + 1])  # pre-numbered, otherwise empty
    wb.save(path)
    return n


def good_rows():
    return [
        [
            1,
            "张𠀾明",
            "男",
            "汉族",
            A,
            "1985.03",
            "大学",
            "2010年6月",
            "2011-6-18",
            "镇政府",
            "第一支部",
            None,
        ],
        [
            2,
            "李  红",
            "女",
            "回",
            B,
            "199007",
            "本科",
            20150701,
            "2016/07/01",
            "镇中学",
            None,
            None,
        ],
        [3, "王强", None, "汉", C, 28069, "大专", "99.5", "2000.5.20", "卫生院", None, None],
    ]


def test_finds_header_under_titles_and_reads_rows(tmp_path):
    p = tmp_path / "r.xlsx"
    last = messy_workbook(p, good_rows())
    wb = openpyxl.load_workbook(p)
    wb.active.merge_cells(f"K4:K{last}")  # 党支部 merged down over all three members
    wb.save(p)
    rep = parse_roster(p, set(), TODAY)
    assert rep.header_row == 3 and rep.sheet == "花名册"
    assert [i.code for i in rep.errors] == [], rep.errors
    assert rep.ok and len(rep.rows) == 3  # trailing empty / pre-numbered rows ignored
    a, b, c = (r.fields for r in rep.rows)
    assert a["name"] == "张𠀾明" and a["id_number"] == A and a["gender"] == "1"
    assert a["birth_date"] == "1985-03-12"  # 1985.03 completed from the ID number
    assert a["join_date"] == "2010-06-01" and a["full_member_date"] == "2011-06-18"
    assert a["category"] == "full" and a["status"] == "normal" and a["ethnicity"] == "01"
    assert a["education"] == "21"
    assert b["name"] == "李  红" or b["name"] == "李 红" or b["name"].startswith("李")
    assert b["ethnicity"] == table("ethnicity").code_for("回族")
    assert b["join_date"] == "2015-07-01" and b["full_member_date"] == "2016-07-01"
    assert c["gender"] == "1"  # blank gender taken from the ID number
    assert c["birth_date"] == "1976-11-05"  # Excel serial 28069
    assert c["join_date"] == "1999-05-01" and c["full_member_date"] == "2000-05-20"
    assert [r.extra["org_name"] for r in rep.rows] == ["第一支部"] * 3
    ignored = [i for i in rep.issues if i.code == "W_IMPORT_COLUMN_IGNORED"]
    assert [i.column for i in ignored] == ["照片"]
    assumed = {(i.row, i.column) for i in rep.issues if i.code == "W_DATE_DAY_ASSUMED"}
    assert (4, "入党时间") in assumed and (6, "入党时间") in assumed
    assert all(i.severity == "warning" for i in rep.issues)


@pytest.mark.parametrize(
    "cell,expected",
    [
        (datetime(1985, 3, 12), "1985-03-12"),
        (31118, "1985-03-12"),
        ("1985.03.12", "1985-03-12"),
        ("1985年3月12日", "1985-03-12"),
        ("1985-3-12", "1985-03-12"),
        ("19850312", "1985-03-12"),
        ("1985.03", "1985-03-01"),
        ("1985年3月", "1985-03-01"),
        ("85.3", "1985-03-01"),
        (1985.03, "1985-03-01"),
        ("198503", "1985-03-01"),
        ("1985/3/12", "1985-03-12"),
    ],
)
def test_every_date_form(tmp_path, cell, expected):
    p = tmp_path / "d.xlsx"
    messy_workbook(p, [[1, "赵六", "男", "汉族", C, None, "大学", cell, None, "x", None, None]])
    rep = parse_roster(p, set(), TODAY)
    assert rep.rows[0].fields["join_date"] == expected
    assert not rep.errors, rep.errors


def test_ambiguous_and_bad_dates_are_errors(tmp_path):
    p = tmp_path / "d.xlsx"
    rows = [
        [1, "甲", "男", "汉族", A, None, None, 1985.1, None, None, None, None],
        [2, "乙", "女", "汉族", B, None, None, "1985.13", None, None, None, None],
        [3, "丙", "男", "汉族", C, None, None, "2030.1.1", None, None, None, None],
    ]
    messy_workbook(p, rows)
    rep = parse_roster(p, set(), TODAY)
    codes = {(i.row, i.code) for i in rep.errors}
    assert (4, "E_DATE_AMBIGUOUS") in codes
    assert (5, "E_DATE_INVALID") in codes  # 1985.13: read as a month that does not exist
    assert (6, "E_DATE_FUTURE") in codes
    assert not rep.ok


def test_id_number_mangled_by_excel(tmp_path):
    p = tmp_path / "m.xlsx"
    rows = [
        [1, "甲", "男", "汉族", float(A[:15] + "000"), None, None, None, None, None, None, None],
        [2, "乙", "女", "汉族", "3.70102E+17", None, None, None, None, None, None, None],
        [
            3,
            "丙",
            "男",
            "汉族",
            A[:-1] + ("0" if A[-1] != "0" else "1"),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        [4, "丁", "男", "汉族", "3701**********1234", None, None, None, None, None, None, None],
    ]
    messy_workbook(p, rows)
    rep = parse_roster(p, set(), TODAY)
    by_row = {i.row: i for i in rep.errors if i.column.startswith("公民身份号码")}
    assert by_row[4].code == "E_ID_EXCEL_MANGLED"
    assert by_row[5].code == "E_ID_EXCEL_MANGLED"
    assert by_row[6].code == "E_ID_CHECKSUM"
    assert by_row[7].code == "E_ID_MASKED"
    assert not rep.ok


def test_duplicates_in_file_and_against_existing(tmp_path):
    p = tmp_path / "dup.xlsx"
    rows = good_rows()
    rows.append(
        [
            4,
            "张明",
            "男",
            "汉族",
            A.lower() if A.endswith("X") else " " + A,
            None,
            None,
            "2010.6",
            "2011.6",
            None,
            None,
            None,
        ]
    )
    messy_workbook(p, rows)
    rep = parse_roster(p, {B}, TODAY)
    dups = [i for i in rep.errors if i.code == "E_IMPORT_DUPLICATE_IN_FILE"]
    assert [(i.row, i.params["first_row"]) for i in dups] == [(7, 4)]
    assert "*" in dups[0].params["value"]  # the message never shows a full ID number
    existing = [i for i in rep.errors if i.code == "E_DUPLICATE_ID_NUMBER"]
    assert [i.row for i in existing] == [5]
    assert not rep.ok
    assert len(rep.valid_rows) == 2


def test_other_row_errors_have_codes_per_row_and_column(tmp_path):
    p = tmp_path / "e.xlsx"
    rows = [
        [1, None, "男", "汉族", A, None, "大学", "2010.6.1", None, None, None, None],
        [2, "乙", "女", "火星族", B, None, "博士后", "2010.6.1", None, None, None, None],
        [3, "丙", "女", "汉族", C, None, None, "2010.6.1", "2009.1.1", None, None, None],
        [
            4,
            "丁",
            "男",
            "汉族",
            A.replace("370102", "990102", 1),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
    ]
    messy_workbook(p, rows)
    rep = parse_roster(p, set(), TODAY)
    got = {(i.row, i.column, i.code) for i in rep.errors}
    assert (4, "姓  名", "E_FIELD_REQUIRED") in got
    assert (5, "民族", "E_CODE_UNKNOWN_STANDARD") in got
    assert (5, "学历", "E_CODE_UNKNOWN_STANDARD") in got
    [ethnicity] = [i for i in rep.errors if (i.row, i.column) == (5, "民族")]
    assert render(ethnicity.code, **ethnicity.params) == (
        "“民族”中没有“火星族”这一项：请填国家标准中的名称，如“汉族”"
    )
    assert (6, "性别", "E_ID_GENDER_MISMATCH") in got  # C is male, 女 given
    assert (6, "转正时间", "E_DATE_ORDER") in got
    assert any(r == 7 and code in ("E_ID_PROVINCE", "E_ID_CHECKSUM") for r, _c, code in got)


def test_a_cell_with_its_own_error_is_not_also_called_empty(tmp_path):
    """A 人员类别 or 性别 not in the list, a name that is a formula without its result: one
    error for the cell, saying what is wrong with it — not that and 请填写 as well."""
    p = tmp_path / "one.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "公民身份号码", "人员类别", "入党时间"])
    ws.append(["甲", "男", A, "群众", None])
    ws.append(["乙", "不详细", B, "正式党员", "2010-06-01"])
    ws.append(['="丙"', "男", C, "正式党员", "2010-06-01"])
    wb.save(p)
    rep = parse_roster(p, set(), TODAY)
    got = sorted((i.row, i.column, i.code) for i in rep.errors)
    assert got == [(2, "人员类别", "E_CODE_UNKNOWN_CHOICES"), (3, "性别", "E_CODE_UNKNOWN_CHOICES"),
                   (4, "姓名", "E_IMPORT_FORMULA_NO_VALUE")]  # fmt: skip
    # a file has no list to choose from: a short list says what the cell may hold
    [category] = [i for i in rep.errors if i.column == "人员类别"]
    assert render(category.code, **category.params).endswith(
        "可填：入党申请人、入党积极分子、发展对象、预备党员、正式党员"
    )
    assert render(category.code, "en", **category.params).endswith(
        "it takes: Applicant, Activist, Candidate, Probationary member, Full member"
    )


def test_no_header_is_reported(tmp_path):
    p = tmp_path / "n.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["随便", "什么"])
    wb.save(p)
    rep = parse_roster(p, set(), TODAY)
    assert [i.code for i in rep.issues] == ["E_IMPORT_NO_HEADER"] and not rep.ok


def test_old_xls_and_garbage_are_reported(tmp_path):
    xls = tmp_path / "old.xls"
    xls.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512)
    assert [i.code for i in parse_roster(xls, set(), TODAY).issues] == ["E_IMPORT_OLD_XLS"]
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    assert [i.code for i in parse_roster(junk, set(), TODAY).issues] == ["E_IMPORT_UNREADABLE"]


def test_a_file_that_is_not_there_is_not_called_unreadable(tmp_path):
    """A mistyped path (members import 花名册.xlsx in the wrong folder) said 无法读取该文件，
    请确认是 Excel（.xlsx）文件: the clerk checks the format of a file that is not there."""
    from ztclient.domain.messages import render

    missing = tmp_path / "花名册.xlsx"
    [issue] = parse_roster(missing, set(), TODAY).issues
    assert (issue.row, issue.code) == (0, "E_FILE_NOT_FOUND")
    assert render(issue.code, "zh", **issue.params) == (
        f"找不到文件“{missing}”：请检查文件名和所在位置（U盘是否插好）"
    )


def test_a_password_protected_xlsx_is_not_called_an_old_xls(tmp_path):
    """An .xlsx with an opening password is an OLE2 compound file holding the streams
    EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO), like an Excel 97 .xls: telling the
    clerk to save it as .xlsx sends them round in a circle. It is E_IMPORT_ENCRYPTED."""
    from ztclient.domain.messages import render

    def entry(name: str) -> bytes:  # a 128-byte CFB directory entry (name, its length)
        raw = name.encode("utf-16-le") + b"\0\0"
        return raw.ljust(64, b"\0") + len(raw).to_bytes(2, "little") + b"\2" + b"\0" * 61

    header = bytes.fromhex("D0CF11E0A1B11AE1").ljust(512, b"\0")
    directory = entry("Root Entry") + entry("EncryptionInfo") + entry("EncryptedPackage")
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(header + b"\0" * 512 + directory.ljust(512, b"\0") + b"\0" * 4096)
    issues = parse_roster(locked, set(), TODAY).issues
    assert [(i.row, i.code) for i in issues] == [(0, "E_IMPORT_ENCRYPTED")]
    assert "密码" in render("E_IMPORT_ENCRYPTED", "zh")


def test_export_imports_back_to_the_same_records(tmp_path):
    """write_roster (full ID numbers) → parse_roster gives back every member's fields."""
    doc = s.roster(60, full=True)
    p = tmp_path / "rt.xlsx"
    write_roster(doc, p)
    rep = parse_roster(p, set(), TODAY)
    assert rep.ok, rep.errors[:5]
    assert len(rep.rows) == len(doc.rows)
    for row, got in zip(doc.rows, rep.rows, strict=True):
        f = got.fields
        assert f["name"] == row.name and f["id_number"] == row.id_number
        assert table("gender").label(f["gender"]) == row.gender
        assert table("ethnicity").label(f["ethnicity"]) == row.ethnicity
        assert table("education").label(f["education"]) == row.education
        assert table("job").label(f["job"]) == row.job
        assert table("category").label(f["category"]) == row.category
        assert table("status").label(f["status"]) == row.status
        for k in ("birth_date", "join_date", "full_member_date", "work_start_date"):
            assert f[k] == getattr(row, k).isoformat()
        for k in ("native_place", "work_unit", "phone", "address"):
            assert f[k] == getattr(row, k)
        assert got.extra["org_name"] == row.org_name


def test_masked_export_does_not_import_silently(tmp_path):
    p = tmp_path / "masked.xlsx"
    write_roster(
        RosterDoc(
            s.provenance(), (RosterRow("甲", id_number=A, gender="男", category="正式党员"),), TODAY
        ),
        p,
    )
    rep = parse_roster(p, set(), TODAY)
    assert [i.code for i in rep.errors] == ["E_ID_MASKED"]


def test_a_formula_whose_result_the_file_does_not_keep_is_an_error(tmp_path):
    """A workbook written by a program (here openpyxl) keeps formulas without their results:
    the cell reads as empty, so a 转正时间 of =F3+365 made a full member a 预备党员 and a name
    of ="…" said 请填写姓名. Each such cell is an error naming its row and column; the same
    sheet saved by a spreadsheet program (LibreOffice here) keeps the results and imports."""

    p = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "公民身份号码", "性别", "出生日期", "入党时间", "转正时间"])
    ws.append(["=ROW()-1", "公式甲", A, "男", "=DATE(1985,3,12)", "2010-06-01", "2011-06-01"])
    ws.append(["=ROW()-1", "公式乙", B, "女", None, "2015-07-01", "=F3+365"])
    ws.append([3, '="公式丙"', C, "男", None, "2000-05-20", "2001-05-20"])
    wb.save(p)
    rep = parse_roster(p, set(), TODAY)
    assert not rep.ok
    got = [(i.row, i.column, i.code) for i in rep.errors if i.code == "E_IMPORT_FORMULA_NO_VALUE"]
    # 序号 is not imported, so its formulas do not matter
    assert got == [(2, "出生日期", "E_IMPORT_FORMULA_NO_VALUE"),
                   (3, "转正时间", "E_IMPORT_FORMULA_NO_VALUE"),
                   (4, "姓名", "E_IMPORT_FORMULA_NO_VALUE")]  # fmt: skip
    profile = (tmp_path / "lo-profile").as_uri()
    out = run("soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
              "--convert-to", "xlsx", "--outdir", str(tmp_path / "saved"), str(p), timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stderr
    rep = parse_roster(tmp_path / "saved" / "f.xlsx", set(), TODAY)
    assert rep.ok, rep.issues
    by_name = {r.fields["name"]: r.fields for r in rep.rows}
    assert by_name["公式乙"]["full_member_date"] == "2016-06-30"  # 2015-07-01 + 365 days
    assert by_name["公式乙"]["category"] == "full"
    assert by_name["公式丙"]["birth_date"] == "1976-11-05"


def test_an_error_value_is_no_value_and_a_template_row_of_them_is_blank(tmp_path):
    """#N/A, #VALUE! … (a formula that failed; saved as t="e") never become a name or a code:
    an error naming row and column; a pre-made row whose formulas have nothing to work on
    (only error values) is an empty row at the end of the sheet."""
    p = tmp_path / "e.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "公民身份号码", "性别", "入党时间", "转正时间"])
    ws.append([1, "#N/A", A, "男", "2010-06-01", "2011-06-01"])
    ws.append([2, "李红", B, "#VALUE!", "2015-07-01", "2016-07-01"])
    ws.append([3, None, None, "#VALUE!", None, None])  # the template's next line
    wb.save(p)
    assert ws["B2"].data_type == "e"  # openpyxl writes them as error cells
    rep = parse_roster(p, set(), TODAY)
    errors = [(i.row, i.column, i.code, i.params.get("value")) for i in rep.errors]
    assert errors == [(2, "姓名", "E_IMPORT_CELL_ERROR", "#N/A"),  # not 请填写 as well
                      (3, "性别", "E_IMPORT_CELL_ERROR", "#VALUE!")]  # fmt: skip
    assert [r.row for r in rep.rows] == [2, 3]
