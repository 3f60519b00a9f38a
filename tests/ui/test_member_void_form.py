"""党员信息 → 录入错误作废…: a member added by mistake is taken back from their own window with
a reason and a confirm; the window then shows 已作废 with the reason and edits nothing, and the
roster leaves them out (found under 已作废). A member with real records is refused, in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ztclient.ui.member_form import MemberForm


@pytest.fixture
def confirm(monkeypatch):
    """QMessageBox.question answers Yes; the questions asked are kept."""
    asked: list[str] = []

    def yes(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(yes))
    return asked


def _mistake(session) -> str:
    branch = session.orgs.branches()[0]["id"]
    mid, _ = session.members.add(
        {"name": "王错录", "org_id": branch, "category": "full", "gender": "1",
         "join_date": "2010-07-01", "full_member_date": "2011-07-01"}
    )  # fmt: skip
    return mid


def test_a_member_entered_in_error_is_voided_from_the_form(
    qtbot, unlocked, settle, answer_text, messages, confirm
):
    session = unlocked.session
    mid = _mistake(session)
    before = session.members.count()
    form = MemberForm(unlocked.main.ctx, mid)
    qtbot.addWidget(form)
    settle(unlocked.ops)
    assert form.void_member_button.isEnabled()

    answer_text("   ")  # 确定 with no reason: said, nothing written
    form.void_member_button.click()
    assert "请写明作废的原因" in messages[-1][1]
    answer_text("重复录入", ok=False)  # 取消
    form.void_member_button.click()
    assert not confirm and session.members.get(mid)["status"] == "normal"

    asked = answer_text("  重复录入 ")
    form.void_member_button.click()
    settle(unlocked.ops)
    settle(unlocked.ops)
    assert "王错录" in asked[0] and "原因" in asked[0]
    assert confirm[-1] == "确定将“王错录”作为录入错误作废吗？\n原因：重复录入"
    row = session.members.get(mid)
    assert (row["status"], row["void_reason"]) == ("voided", "重复录入")
    assert session.members.count() == before - 1
    # the window: 已作废 with the reason, nothing editable
    assert form.status_label.text() == "已作废：重复录入"
    for button in (form.save_button, form.event_button, form.void_member_button):
        assert not button.isEnabled()
    assert not form.tabs.widget(0).isEnabled()


def test_the_roster_finds_a_voided_member_under_its_status(qtbot, unlocked, settle):
    session = unlocked.session
    mid = _mistake(session)
    session.members.void(mid, "测试数据")
    from ztclient.ui.members_view import MembersView

    page = MembersView(unlocked.main.ctx)
    qtbot.addWidget(page)
    page.activate()
    settle(unlocked.ops)
    ids = [page.model.member_id(r) for r in range(page.model.rowCount())]
    assert mid not in ids
    page.status.setCurrentIndex(page.status.findText("已作废"))
    settle(unlocked.ops)
    assert [page.model.member_id(r) for r in range(page.model.rowCount())] == [mid]
    status_col = next(i for i, (key, _) in enumerate(page.model.cols) if key == "status")
    cell = page.model.index(0, status_col)
    assert page.model.data(cell) == "已作废"
    assert page.model.data(cell, Qt.ItemDataRole.ForegroundRole).name() == "#9e9e9e"


def test_a_member_with_real_records_is_refused_in_words(
    qtbot, unlocked, settle, answer_text, messages, confirm
):
    session = unlocked.session
    mid = next(
        r["id"] for r in session.members.list(limit=200)
        if session.store.scalar(
            "SELECT count(*) FROM member_events WHERE member_id = ? AND voided = 0", (r["id"],)
        )
    )  # fmt: skip
    form = MemberForm(unlocked.main.ctx, mid)
    qtbot.addWidget(form)
    settle(unlocked.ops)
    answer_text("误录")
    form.void_member_button.click()
    settle(unlocked.ops)
    assert "不能作为录入错误作废" in form.summary.text()
    assert session.members.get(mid)["status"] != "voided"
