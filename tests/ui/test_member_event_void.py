"""党员信息 → 历史 → 作废事件…: a 转出 recorded by mistake, found after the undo list is gone
(after a lock), is voided from the member's own window with a reason, as `members void-event`
does. Before, the window had no such button: the CLI could, the clerk could not (QA)."""

from __future__ import annotations

from ztclient.ui.member_form import MemberForm


def _normal_member(session) -> str:
    return next(
        r["id"]
        for r in session.members.list(limit=200)
        if r["status"] == "normal" and r["category"] == "full"
    )


def test_void_a_mistaken_transfer_out_from_the_members_history(
    qtbot, unlocked, settle, answer_text, messages
):
    session = unlocked.session
    mid = _normal_member(session)
    # today: a day fixed in the test fell before a demo meeting the member attended on some
    # days the demo is made (E_EVENT_AFTER_MEETING on 31 December)
    today = session.clock.today().isoformat()
    session.members.record_event(mid, "transfer_out", today, {"to_org": "外单位党委"})
    assert session.members.get(mid)["status"] == "transferred_out"
    form = MemberForm(unlocked.main.ctx, mid)
    qtbot.addWidget(form)
    settle(unlocked.ops)
    rows = [form.history.item(i, 1).text() for i in range(form.history.rowCount())]
    last = rows.index("转出组织关系") if "转出组织关系" in rows else len(rows) - 1

    form.history.setCurrentCell(-1, -1)  # nothing selected: said, nothing voided
    asked = answer_text("登记错了")
    form.void_button.click()
    assert not asked and "请先在“历史”中选定一条事件" in messages[-1][1]

    form.history.setCurrentCell(last, 0)
    answer_text("   ")  # 确定 with no reason
    form.void_button.click()
    assert "请写明作废的原因" in messages[-1][1]

    asked = answer_text("  登记错了  ")
    form.void_button.click()
    settle(unlocked.ops)
    settle(unlocked.ops)
    assert "转出组织关系" in asked[0] and "原因" in asked[0]
    [event] = [e for e in session.members.history(mid) if e["kind"] == "transfer_out"]
    assert event["voided"] and event["void_reason"] == "登记错了"
    assert session.members.get(mid)["status"] == "normal"  # what it changed is given back
    assert "已作废" in form.history.item(last, 3).text()

    # an event already voided is not voided twice (the button is off when none is left)
    form.void_button.setEnabled(True)
    form.history.setCurrentCell(last, 0)
    asked = answer_text("再来一次")
    form.void_button.click()
    assert not asked and "这条事件已经作废" in messages[-1][1]
    form.load()
    settle(unlocked.ops)
    live = [e for e in session.members.history(mid) if not e["voided"]]
    assert form.void_button.isEnabled() == bool(live)
