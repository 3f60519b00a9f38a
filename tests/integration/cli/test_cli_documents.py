"""The documents contract of the CLI: print, export, import (dry run, all or nothing, round trip)."""

from __future__ import annotations

import json
import subprocess

import pytest
from openpyxl import Workbook, load_workbook
from tests.helpers import run_cli


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    data = tmp_path_factory.mktemp("docs") / "data"
    assert (
        run_cli(
            data, "init", "--unit-name", "中共示例街道工作委员会", "--unit-code", "3301060001"
        ).returncode
        == 0
    )
    r = run_cli(data, "demo", "--scale", "branch", "--seed", "5")
    assert r.returncode == 0, r.stderr
    return data


def test_print_minutes_and_signin_are_valid_pdfs_with_names(unit, tmp_path):
    meeting = json.loads(
        run_cli(unit, "meetings", "list", "--kind", "branch_general", "--json").stdout
    )[0]
    for doc in ("minutes", "signin"):
        out = tmp_path / f"{doc}.pdf"
        r = run_cli(unit, "print", doc, meeting["id"], "--out", str(out), "--json")
        assert r.returncode == 0, r.stderr
        assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert meeting["org_name"] in text.replace(" ", "")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "signin.pdf"), "-"], capture_output=True, text=True
    ).stdout
    some_member = json.loads(run_cli(unit, "members", "list", "--json").stdout)[0]["name"]
    assert some_member in text.replace(" ", "")


def test_print_card(unit, tmp_path):
    member = json.loads(run_cli(unit, "members", "list", "--json").stdout)[0]
    out = tmp_path / "card.pdf"
    r = run_cli(unit, "print", "card", member["id"], "--out", str(out))
    assert r.returncode == 0, r.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert member["name"] in text.replace(" ", "") and "*" in text


@pytest.mark.parametrize("report", ["roster", "meetings", "study", "composition"])
def test_exports_open_in_openpyxl(unit, tmp_path, report):
    out = tmp_path / f"{report}.xlsx"
    r = run_cli(unit, "export", report, "--year", "2025", "--out", str(out), "--json")
    assert r.returncode == 0, r.stderr
    wb = load_workbook(out)
    assert (
        len(wb.sheetnames) >= 2
    )  # the report and the sheet that says who made it, when, from what
    assert json.loads(r.stdout)["rows"] > 0


def test_roster_round_trip_into_a_new_unit(unit, tmp_path):
    """What the roster export writes, the import reads back to the same records."""
    out = tmp_path / "roster.xlsx"
    assert run_cli(unit, "export", "roster", "--full-ids", "--out", str(out)).returncode == 0
    listed = json.loads(run_cli(unit, "members", "list", "--json").stdout)
    # the roster lists party members: applicants, activists and candidates are not on it
    listed = [m for m in listed if m["category"] in ("probationary", "full")]
    original = {
        m["id"]: json.loads(run_cli(unit, "members", "show", m["id"], "--reveal", "--json").stdout)
        for m in listed[:8]
    }
    fresh = tmp_path / "fresh"
    assert (
        run_cli(fresh, "init", "--unit-name", "中共新单位委员会", "--unit-code", "2").returncode
        == 0
    )
    r = run_cli(fresh, "members", "import", str(out), "--dry-run", "--json")
    assert r.returncode == 4 and any(
        e["code"] == "E_IMPORT_ORG_UNKNOWN" for e in json.loads(r.stdout)["errors"]
    )
    for org in sorted({m["org_name"] for m in listed}):
        assert (
            run_cli(fresh, "orgs", "add", "--name", org).returncode == 0
        )  # imports never invent organisations
    r = run_cli(fresh, "members", "import", str(out), "--json")
    report = json.loads(r.stdout)
    assert r.returncode == 0, report["errors"][:5]
    assert report["imported"] == len(listed)
    for m in original.values():
        back = json.loads(
            run_cli(fresh, "members", "show", m["id_number"], "--reveal", "--json").stdout
        )
        for field in (
            "name",
            "gender",
            "id_number",
            "ethnicity",
            "birth_date",
            "education",
            "category",
            "join_date",
            "full_member_date",
            "phone",
            "work_unit",
            "org_name",
        ):
            assert back[field] == m[field], (field, back[field], m[field])


def test_import_is_all_or_nothing_with_coded_errors(unit, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["XX党支部党员花名册"])
    ws.append(["序号", "姓名", "性别", "公民身份号码", "入党时间", "转正时间"])
    ws.append([1, "甲", "女", "11010519491231002X", "1975.07", "1976年7月"])
    ws.append([2, "乙", "男", 1.10105194912310e17, "1980-3-12", "19810312"])
    ws.append([3, "丙", "男", "11010519491231002X", "85.3", "1986.3"])
    path = tmp_path / "import.xlsx"
    wb.save(path)
    before = len(json.loads(run_cli(unit, "members", "list", "--all", "--json").stdout))
    r = run_cli(unit, "members", "import", str(path), "--json")
    assert r.returncode == 4
    report = json.loads(r.stdout)
    codes = {(e["row"], e["code"]) for e in report["errors"]}
    assert any(row == 4 for row, _ in codes)  # the ID number Excel turned into a float
    assert any(row == 5 for row, _ in codes)  # the duplicate
    assert report["imported"] == 0
    after = len(json.loads(run_cli(unit, "members", "list", "--all", "--json").stdout))
    assert after == before


def test_import_of_an_id_less_file_twice_adds_nobody_the_second_time(unit, tmp_path):
    """Issue 25: rows without an ID number are suspected duplicates the second time, listed
    in the dry run with the member they match, and left out unless --import-suspected."""
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "性别", "出生日期", "入党时间", "转正时间"])
    ws.append([1, "上官明月", "女", "1970-02-03", "1995.07", "1996.07"])
    ws.append([2, "上官明月", "女", "1970-02-03", "1995.07", "1996.07"])  # typed twice
    path = tmp_path / "old.xlsx"
    wb.save(path)
    r = run_cli(unit, "members", "import", str(path), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["imported"] == 1
    r = run_cli(unit, "members", "import", str(path), "--dry-run")
    assert r.returncode == 0
    assert "提示 第2行 [姓名] W_IMPORT_SUSPECTED_DUPLICATE: 疑似与已有党员上官明月（" in r.stdout
    assert (
        "提示 第3行 [姓名] W_IMPORT_SUSPECTED_DUPLICATE_ROW: 疑似与第2行的上官明月重复" in r.stdout
    )
    assert "疑似重复 2 行未导入" in r.stdout
    r = run_cli(unit, "members", "import", str(path), "--json")
    report = json.loads(r.stdout)
    assert r.returncode == 0 and report["imported"] == 0 and report["suspected"] == [2, 3]
    r = run_cli(unit, "members", "import", str(path), "--import-suspected", "--json")
    assert json.loads(r.stdout)["imported"] == 2
    listed = json.loads(run_cli(unit, "members", "list", "--all", "--json").stdout)
    assert sum(1 for m in listed if m["name"] == "上官明月") == 3


def test_import_of_a_file_that_is_not_there_says_so(unit, tmp_path):
    missing = tmp_path / "花名册.xlsx"
    r = run_cli(unit, "members", "import", str(missing))
    assert r.returncode == 4
    assert r.stdout.splitlines()[0] == (
        f"错误 E_FILE_NOT_FOUND: 找不到文件“{missing}”：请检查文件名和所在位置（U盘是否插好）"
    )  # not 无法读取该文件，请确认是 Excel 文件, and no 第0行 [] for the whole file
