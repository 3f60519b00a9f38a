"""学习 → 学习记录…: a clerk who entered a wrong study log voids it from the page, with a reason,
after the undo is gone (a lock, a restart). Before, only `ztclient study void` could: the page
had no list of a member's logs at all. The hours table drops by exactly that log's hours (study
totals are kept by triggers), the log stays listed, greyed and marked with its reason, and the
void is one recorded op (outbox and audit)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


def _page(shell, settle):
    main = shell.main
    main.show_page([k for k, _t, _p in main.pages].index("study"))
    settle(shell.ops)
    return main.page("study")


def _hours(page, member_id):
    return next(r["hours"] for r in page.model.rows if r["member_id"] == member_id)


def _row_of(model, log_id):
    return next(i for i in range(model.rowCount()) if model.row(i)["id"] == log_id)


@pytest.fixture
def yes(monkeypatch):
    """The 确定作废吗 question answered 是; returns the questions asked."""
    from PySide6.QtWidgets import QMessageBox

    from ztclient.ui import study_logs

    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(study_logs.QMessageBox, "question", staticmethod(question))
    return asked


@pytest.fixture
def logged(unlocked, settle):
    """A 3.5-hour 集体学习 log for the first member in the hours table, the dialog open on it."""
    session = unlocked.session
    page = _page(unlocked, settle)
    member = page.model.row(0)
    before = _hours(page, member["member_id"])
    day = session.clock.today().isoformat()
    (log_id,), _changes = session.study.add(
        [{"member_id": member["member_id"], "date": day, "hours": 3.5,
          "form": "collective", "topic": "学习党章（录错了人）"}]
    )  # fmt: skip
    page.reload()
    settle(unlocked.ops)
    assert _hours(page, member["member_id"]) == round(before + 3.5, 2)
    page.table.selectRow(0)
    page.logs_button.click()
    settle(unlocked.ops)
    dialog = page.dialog
    return page, dialog, member, log_id, before


def _voids(session, log_id):
    return session.store.read(
        "SELECT fields FROM outbox WHERE entity = 'study_log' AND op = 'void' AND record_id = ?",
        (log_id,),
    )


def test_void_one_log_with_a_reason(qtbot, unlocked, settle, logged, answer_text, yes):
    page, dialog, member, log_id, before = logged
    session = unlocked.session
    assert dialog.isVisible() and dialog.member()["id"] == member["member_id"]
    row = _row_of(dialog.model, log_id)
    cells = [dialog.model.index(row, c).data() for c in range(dialog.model.columnCount())]
    assert cells[1:4] == ["集体学习", "3.5", "学习党章（录错了人）"] and cells[5] == "有效"
    dialog.table.selectRow(row)
    assert dialog.void_button.isEnabled()
    asked = answer_text("  录错了党员  ")
    dialog.void_button.click()
    settle(unlocked.ops)
    settle(unlocked.ops)
    assert "3.5" in asked[0] and "原因" in asked[0] and "录错了党员" in yes[0]
    # the hours table: down by exactly the 3.5 hours of that log, back to where it was
    assert _hours(page, member["member_id"]) == before
    # the log is still listed, greyed and marked with its reason; it cannot be voided again
    row = _row_of(dialog.model, log_id)
    assert dialog.model.index(row, 5).data() == "已作废：录错了党员"
    fg = dialog.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert fg is not None and fg.name() == "#9e9e9e"
    dialog.table.selectRow(row)
    assert not dialog.void_button.isEnabled()
    assert "已作废 1 条" in dialog.summary.text()
    # one recorded op: the outbox's void and its audit entry
    stored = session.store.read_one("SELECT voided, void_reason FROM study_logs WHERE id = ?",
                                    (log_id,))  # fmt: skip
    assert stored == {"voided": 1, "void_reason": "录错了党员"}
    assert (
        len(_voids(session, log_id)) == 1 and "录错了党员" in _voids(session, log_id)[0]["fields"]
    )
    audit = session.store.read(
        "SELECT action FROM audit WHERE object = ?", (f"study_log:{log_id}",)
    )
    assert [a["action"] for a in audit] == ["study_log.insert_many", "study_log.void"]
    # voided anyway (a stale list): the service's E_VOIDED, in Chinese, and nothing written
    answer_text("再作废一次")
    dialog.void_selected()
    settle(unlocked.ops)
    assert dialog.error.text() == "该记录已作废，不能再修改"
    assert len(_voids(session, log_id)) == 1


def test_an_empty_reason_or_cancel_writes_nothing(
    qtbot, unlocked, settle, logged, answer_text, yes
):
    page, dialog, member, log_id, before = logged
    session = unlocked.session
    outbox = session.store.scalar("SELECT count(*) FROM outbox")
    dialog.table.selectRow(_row_of(dialog.model, log_id))
    answer_text("   ")  # 确定 with no reason: the coded error's message
    dialog.void_button.click()
    settle(unlocked.ops)
    assert dialog.error.text() == "请填写“原因”" and not yes
    answer_text("录错了", ok=False)  # 取消
    dialog.void_button.click()
    settle(unlocked.ops)
    assert not session.store.scalar("SELECT voided FROM study_logs WHERE id = ?", (log_id,))
    assert session.store.scalar("SELECT count(*) FROM outbox") == outbox
    assert _hours(page, member["member_id"]) == round(before + 3.5, 2)


def test_a_member_no_longer_on_the_roll_keeps_their_logs(qtbot, unlocked, settle):
    session = unlocked.session
    gone = session.store.read_one(
        "SELECT m.id, m.name, substr(max(l.date), 1, 4) AS year FROM members m "
        "JOIN study_logs l ON l.member_id = m.id WHERE m.status = 'transferred_out' "
        "GROUP BY m.id"
    )
    year = int(gone["year"])
    n = session.store.scalar(
        "SELECT count(*) FROM study_logs WHERE member_id = ? AND date LIKE ?",
        (gone["id"], f"{year}-%"),
    )
    page = _page(unlocked, settle)
    page.year.setValue(year)
    settle(unlocked.ops)
    page.table.clearSelection()
    page.open_logs()
    settle(unlocked.ops)
    dialog = page.dialog
    assert dialog.model.rowCount() == 0 and "请先选择党员" in dialog.summary.text()
    dialog.search.setText(gone["name"])
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=5000)
    settle(unlocked.ops)
    assert "已转出" in dialog.results.currentItem().text()
    assert dialog.model.rowCount() == n > 0
