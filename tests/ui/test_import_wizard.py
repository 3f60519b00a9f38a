"""导入花名册: a file with a bad row shows the row and its message and refuses 全部导入; a good
file imports and the roster grows; skipping the bad rows imports the rest."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from ztclient.domain.idnumber import check_char


def idn(birth: str, seq: str) -> str:
    first17 = f"370102{birth}{seq}"
    return first17 + check_char(first17)


def workbook(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["测试党支部党员花名册"])
    ws.append(["序号", "姓名", "性别", "民族", "公民身份号码", "学历", "入党时间", "转正时间"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


GOOD = [
    [1, "林晓燕", "女", "汉族", idn("19900701", "242"), "大学", "2015.07", "2016.07"],
    [2, "郑国强", "男", "汉族", idn("19850312", "121"), "研究生", "2010年6月", "2011年6月"],
]
BAD = [
    *GOOD,
    [3, "王错", "男", "汉族", "37010219850312121", "大学", "2012.07", "2013.07"],
]  # 17 digits


def _wizard(unlocked, settle):
    main = unlocked.main
    main.show_page(next(i for i, (k, _t, _p) in enumerate(main.pages) if k == "reports"))
    settle(unlocked.ops)
    page = main.page("reports")
    page.import_button.click()
    return page.wizard


def _count(unlocked):
    return unlocked.session.members.count()


@pytest.fixture
def choose(monkeypatch):
    chosen: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (chosen[-1], "") if chosen else ("", "")
    )
    return chosen


def test_bad_row_is_shown_and_import_all_refused(qtbot, unlocked, settle, choose, tmp_path):
    before = _count(unlocked)
    wizard = _wizard(unlocked, settle)
    assert not wizard.check_button.isEnabled()
    choose.append(str(workbook(tmp_path / "bad.xlsx", BAD)))
    wizard.browse()
    wizard.check_button.click()
    settle(unlocked.ops)
    assert wizard.stack.currentIndex() == 1
    assert "第 2 行是表头" in wizard.header_info.text()
    mapped = {
        wizard.mapping.item(r, 0).text(): wizard.mapping.item(r, 1).text()
        for r in range(wizard.mapping.rowCount())
    }
    assert mapped["姓名"] == "姓名" and mapped["公民身份号码"] == "公民身份号码"
    rows = [
        (
            wizard.issues.item(r, 0).text(),
            wizard.issues.item(r, 2).text(),
            wizard.issues.item(r, 3).text(),
        )
        for r in range(wizard.issues.rowCount())
    ]
    assert any(row == "5" and level == "错误" and text for row, level, text in rows), rows
    assert not any("E_" in text for _r, _l, text in rows)  # Chinese messages, not codes
    assert not wizard.import_button.isEnabled()
    assert wizard.skip_button.isVisible() and wizard.skip_button.isEnabled()
    assert "1" in wizard.skip_button.text() and "2" in wizard.skip_button.text()
    wizard.import_button.click()  # disabled: nothing happens
    settle(unlocked.ops)
    assert _count(unlocked) == before
    wizard.reject()


def test_good_file_imports_and_roster_grows(qtbot, unlocked, settle, choose, tmp_path):
    main = unlocked.main
    main.show_page(1)
    settle(unlocked.ops)
    members = main.page("members")
    shown = members.model.rowCount()
    before = _count(unlocked)
    wizard = _wizard(unlocked, settle)
    seen = []
    wizard.imported.connect(seen.append)
    choose.append(str(workbook(tmp_path / "good.xlsx", GOOD)))
    wizard.browse()
    wizard.check_button.click()
    settle(unlocked.ops)
    assert wizard.import_button.isEnabled() and not wizard.skip_button.isVisible()
    assert wizard.issues.rowCount() == 0 or all(
        wizard.issues.item(r, 2).text() != "错误" for r in range(wizard.issues.rowCount())
    )
    wizard.import_button.click()
    settle(unlocked.ops)
    assert wizard.stack.currentIndex() == 2 and "2" in wizard.result.text()
    assert _count(unlocked) == before + 2
    assert seen and seen[0].any
    main.show_page(1)
    settle(unlocked.ops)
    assert members.model.rowCount() == shown + 2
    wizard.close_button.click()


def test_skip_bad_rows_imports_the_rest(qtbot, unlocked, settle, choose, tmp_path):
    before = _count(unlocked)
    wizard = _wizard(unlocked, settle)
    choose.append(str(workbook(tmp_path / "bad.xlsx", BAD)))
    wizard.browse()
    wizard.check_button.click()
    settle(unlocked.ops)
    wizard.skip_button.click()
    settle(unlocked.ops)
    assert _count(unlocked) == before + 2
    assert "跳过" in wizard.result.text()
    wizard.reject()


def test_not_a_workbook(qtbot, unlocked, settle, choose, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not excel")
    wizard = _wizard(unlocked, settle)
    choose.append(str(junk))
    wizard.browse()
    wizard.check_button.click()
    settle(unlocked.ops)
    assert not wizard.import_button.isEnabled() and not wizard.skip_button.isEnabled()
    assert wizard.issues.rowCount() >= 1 and "xlsx" in wizard.issues.item(0, 3).text().lower()
    wizard.reject()


NO_ID = [
    [1, "欧阳知秋", "女", "汉族", None, "大学", "2015.07", "2016.07"],
    [2, "司马青山", "男", "汉族", None, "研究生", "2010年6月", "2011年6月"],
]


def test_the_same_id_less_file_again_adds_nobody(qtbot, unlocked, settle, choose, tmp_path):
    """Rows without an ID number (issue 25): the second time the file is checked they are
    listed as suspected duplicates and left out, unless the clerk ticks the box."""
    path = str(workbook(tmp_path / "old.xlsx", NO_ID))
    unlocked.session.reports.import_roster(path)
    before = _count(unlocked)
    wizard = _wizard(unlocked, settle)
    choose.append(path)
    wizard.browse()
    wizard.check_button.click()
    settle(unlocked.ops)
    texts = {wizard.issues.item(r, 0).text(): wizard.issues.item(r, 3).text()
             for r in range(wizard.issues.rowCount())}  # fmt: skip
    assert texts["3"].startswith("疑似与已有党员欧阳知秋（")
    assert "入党日期相同（2015-07-01）" in texts["3"]
    assert "2 行疑似" in wizard.summary.text()
    assert wizard.suspected_box.isVisible() and not wizard.suspected_box.isChecked()
    assert not wizard.import_button.isEnabled()  # nothing left to import
    assert wizard.import_button.text() == "导入其余 0 行"
    wizard.suspected_box.setChecked(True)
    assert wizard.import_button.isEnabled() and wizard.import_button.text() == "全部导入"
    wizard.import_button.click()
    settle(unlocked.ops)
    assert _count(unlocked) == before + 2  # asked for: imported on purpose
    wizard.reject()


def test_the_wizard_can_create_the_groups_the_file_names(qtbot, unlocked, settle, choose, tmp_path):
    """W_IMPORT_GROUP_UNKNOWN tells the clerk to choose 建立表中的党支部和党小组 when importing;
    the wizard had no such choice (only the CLI's --create-orgs)."""
    s = unlocked.session
    branch = next(o["name"] for o in s.store.read("SELECT name FROM orgs WHERE kind = 'branch'"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "公民身份号码", "入党时间", "转正时间", "所在党支部", "党小组"])
    ws.append(["诸葛远", "男", idn("19800202", "131"), "2005.07", "2006.07", branch, "新设党小组"])
    wb.save(tmp_path / "g.xlsx")
    wizard = _wizard(unlocked, settle)
    choose.append(str(tmp_path / "g.xlsx"))
    wizard.browse()
    wizard.check_button.click()
    settle(unlocked.ops)
    texts = [wizard.issues.item(r, 3).text() for r in range(wizard.issues.rowCount())]
    assert any("建立表中的党支部和党小组" in t for t in texts)
    assert wizard.create_box.isVisible() and wizard.create_box.text() == "建立表中的党支部和党小组"
    wizard.create_box.setChecked(True)  # checks the file again, planning the group
    settle(unlocked.ops)
    assert "将建立：党小组“新设党小组”" in wizard.summary.text()
    texts = [wizard.issues.item(r, 3).text() for r in range(wizard.issues.rowCount())]
    assert not any("党小组" in t for t in texts)
    wizard.import_button.click()
    settle(unlocked.ops)
    [m] = [m for m in s.members.list("诸葛远")]
    group = s.store.read_one("SELECT name, parent_id FROM orgs WHERE id = ?", (m["group_id"],))
    assert group["name"] == "新设党小组"
    wizard.reject()
