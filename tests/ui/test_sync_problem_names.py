"""同步 → 待核对 as the clerk reads it: a record added for a member voided on another device
names the study record and the person (not two uuids) and says 该党员已作废（录入错误）; a row
the clerk marked 已核对 here stays listed a while as 已核对（本机，time）, with nothing to press."""

from __future__ import annotations

from datetime import UTC, datetime

MEMBER = "01a23732-44e0-76b0-9545-61f936e87c85"
LOG = "01a23732-4744-71c1-ab1c-96fb8a5647ea"


def _voided_row(pid: int, **kw) -> dict:
    return {
        "id": pid, "kind": "conflict", "code": "E_MEMBER_VOIDED", "entity": "study_log",
        "record_id": LOG, "record_name": "2026-01-05 党章 · 王错录（第一党支部）",
        "field": "member_id", "yours": MEMBER, "yours_name": "王错录（第一党支部）",
        "theirs": "voided", "theirs_name": None, "params": {}, "reviewed": 0,
        "reviewed_by": None, "reviewed_at": None, **kw,
    }  # fmt: skip


def _tabs(qtbot, state: dict):
    from ztclient.ui.sync_review import ReviewTabs

    tabs = ReviewTabs()
    qtbot.addWidget(tabs)
    tabs.show_state({"problems": [], "closed_above": [], "notices": [], "materials": [], **state})
    return tabs


def _cells(tabs, row: int) -> list[str]:
    return [tabs.problems.item(row, col).text() for col in range(5)]


def test_a_record_for_a_voided_member_names_the_record_and_the_person(qtbot):
    tabs = _tabs(qtbot, {"problems": [_voided_row(1)]})
    cells = _cells(tabs, 0)
    assert cells[:4] == [
        "学习记录 2026-01-05 党章 · 王错录（第一党支部）",
        "党员",
        "王错录（第一党支部）",
        "该党员已作废（录入错误）",
    ]
    assert not any(MEMBER in c or LOG in c for c in cells)


def test_a_record_this_device_lacks_shows_its_id(qtbot):
    row = _voided_row(1, record_name=None, yours_name=None)
    cells = _cells(_tabs(qtbot, {"problems": [row]}), 0)
    assert cells[0] == f"学习记录 {LOG}" and cells[2] == MEMBER


def test_a_row_reviewed_here_says_so_with_when(qtbot):
    at = "2026-12-02T11:40:05Z"
    shown = datetime(2026, 12, 2, 11, 40, 5, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    here = _voided_row(2, reviewed=1, reviewed_by="clerk", reviewed_at=at, reviewed_where="here")
    tabs = _tabs(qtbot, {"problems": [_voided_row(1)], "closed_here": [here]})

    assert tabs.tabText(0) == "待核对 (1)"  # the open one only
    assert tabs.problems.rowCount() == 2
    assert tabs.problems.item(1, 4).text() == f"已核对（本机，{shown}）"
    assert tabs.problems.cellWidget(1, 5) is None


def test_the_button_goes_when_the_row_it_was_on_is_reviewed(qtbot):
    """The page refills the same table after 已核对: the closed row has nothing to press."""
    tabs = _tabs(qtbot, {"problems": [_voided_row(1)]})
    assert tabs.problems.cellWidget(0, 5) is not None
    here = _voided_row(1, reviewed=1, reviewed_at="2026-12-02T11:40:05Z", reviewed_where="here")
    tabs.show_state({"problems": [], "closed_here": [here], "closed_above": [], "notices": [],
                     "materials": []})  # fmt: skip
    assert tabs.tabText(0) == "待核对"
    assert tabs.problems.cellWidget(0, 5) is None


def test_the_tab_explains_every_kind_of_row_not_only_two_sided_edits(qtbot):
    from PySide6.QtWidgets import QLabel

    tabs = _tabs(qtbot, {"problems": [_voided_row(1)]})
    hints = [w.text() for w in tabs.findChildren(QLabel) if "已核对" in w.text()]
    assert len(hints) == 1
    assert "两边都改过的字段" in hints[0] and "被标记的记录" in hints[0] and "说明" in hints[0]


def test_a_row_is_as_tall_as_its_explanation_at_the_width_shown(qtbot):
    """Filled before the page is laid out (the 同步 page fills on its first show), a long
    explanation was wrapped at the column's first, narrow width: an English row came out 12
    lines tall for 4. Rows now fit the width they are shown at, and again on a resize."""
    from PySide6.QtCore import QRect, Qt

    from ztclient.ui import i18n

    def fits(tabs) -> bool:
        table = tabs.problems
        text = table.item(0, 4).text()
        width = table.columnWidth(4) - 8  # the cell's margins
        needed = (
            table.fontMetrics()
            .boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
            .height()
        )
        return needed <= table.rowHeight(0) <= needed + 2 * table.fontMetrics().lineSpacing()

    i18n.install("en")
    try:
        row = {**_voided_row(1), "kind": "review", "code": "E_SYNC_IN_REFERENCE_PART",
               "record_name": "2024-03", "field": "", "params": {"what": "members", "id": MEMBER}}  # fmt: skip
        tabs = _tabs(qtbot, {"problems": [row]})
        tabs.resize(1100, 500)
        tabs.show()
        qtbot.waitExposed(tabs)
        qtbot.waitUntil(lambda: fits(tabs), timeout=2000)  # once the page is laid out
        tabs.resize(700, 500)
        qtbot.waitUntil(lambda: fits(tabs), timeout=2000)  # narrower: taller, still fitted
    finally:
        i18n.install("zh_CN")
