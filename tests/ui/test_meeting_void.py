"""会议 → 作废…: a meeting recorded by mistake (twice, or under the wrong branch) found after the
undo list is gone — the next day, after a lock — is voided from the 会议 page with a reason, as
`meetings void` does and docs/cli.md says the page does. Before, the page had no such button:
only 撤销 right after saving, which a lock clears."""

from __future__ import annotations


def _page(shell, settle):
    main = shell.main
    main.show_page([k for k, _t, _p in main.pages].index("meetings"))
    settle(shell.ops)
    page = main.page("meetings")
    page.period.setCurrentIndex(page.period.findData("all"))  # 今年 is empty on 1 January
    settle(shell.ops)
    return page


def test_void_the_selected_meeting_with_a_reason(qtbot, unlocked, settle, answer_text):
    page = _page(unlocked, settle)
    before = page.model.rowCount()
    row = page.model.row(0)
    page.table.selectRow(0)
    asked = answer_text("  重复录入  ")
    page.void_button.click()
    settle(unlocked.ops)
    settle(unlocked.ops)
    stored = unlocked.session.meetings.get(row["id"])
    assert stored["voided"] and stored["void_reason"] == "重复录入"
    assert row["title"] in asked[0] and "原因" in asked[0]
    assert page.model.rowCount() == before - 1
    assert row["id"] not in {page.model.row(i)["id"] for i in range(page.model.rowCount())}


def test_nothing_selected_or_no_reason_voids_nothing(
    qtbot, unlocked, settle, answer_text, messages
):
    page = _page(unlocked, settle)
    page.table.clearSelection()
    asked = answer_text("重复录入")
    page.void_button.click()
    assert not asked and messages and "请先在列表中选定一次会议" in messages[-1][1]
    row = page.model.row(0)
    page.table.selectRow(0)
    answer_text("   ")  # 确定 with no reason
    page.void_button.click()
    settle(unlocked.ops)
    assert not unlocked.session.meetings.get(row["id"])["voided"]
    assert "请写明作废的原因" in messages[-1][1]
    answer_text("重复录入", ok=False)  # 取消
    page.void_button.click()
    settle(unlocked.ops)
    assert not unlocked.session.meetings.get(row["id"])["voided"]
