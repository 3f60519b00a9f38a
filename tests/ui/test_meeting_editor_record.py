"""Issue 9 item 3: the meeting editor records the whole meeting — title, end time, chair,
recorder and lecturer found by pinyin on the roster, and the member each resolution is about."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

from ztclient.ui.meeting_editor import MeetingEditor


def _initials(name: str) -> str:
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def _pick(qtbot, settle, ops, field, name: str) -> None:
    """Type the pinyin initials, wait for the roster's answer, choose the name from the list."""
    field.setFocus()
    field.setText(_initials(name))
    field.find()
    settle(ops)
    lines = field._model.stringList()
    line = next(x for x in lines if x.split("　")[0] == name)
    field._picked(line)
    qtbot.waitUntil(lambda: field.member_id() is not None, timeout=3000)


def test_whole_record_saved_and_shown_again(qtbot, unlocked, settle):
    session, ops = unlocked.session, unlocked.ops
    branch = session.orgs.branches()[0]["id"]
    editor = MeetingEditor(unlocked.main.ctx, None, branch, unlocked.main)
    qtbot.addWidget(editor)
    editor.show()
    settle(ops)
    editor.kind.setCurrentIndex(editor.kind.findData("lecture"))
    qtbot.wait(250)
    settle(ops)
    chair, recorder, subject = (m["name"] for m in editor.due[:3])
    editor.title.setText("学习贯彻全会精神专题党课")
    editor.has_end.setChecked(True)
    editor.ends.setDateTime(editor.starts.dateTime().addSecs(5400))
    _pick(qtbot, settle, ops, editor.chair, chair)
    _pick(qtbot, settle, ops, editor.recorder, recorder)
    editor.lecturer.setText("李教授（市委党校）")  # from outside: a name, no roster id
    editor.add_resolution({"title": f"同意{subject}按期转正", "kind": "conversion"})
    _pick(qtbot, settle, ops, editor.resolutions.subject(0), subject)
    editor.save()
    settle(ops)
    settle(ops)
    assert editor.result() == editor.DialogCode.Accepted, editor.error.text()

    saved = session.meetings.list(limit=1)[0]
    record = session.meetings.get(saved["id"])
    assert record["title"] == "学习贯彻全会精神专题党课"
    start = editor.starts.dateTime()
    assert record["ends_at"] == start.addSecs(5400).toString("yyyy-MM-ddTHH:mm")
    assert record["chair_name"] == chair and record["recorder_name"] == recorder
    assert record["lecturer"] == "李教授（市委党校）" and record["lecturer_id"] is None
    assert record["resolutions"][0]["subject_name"] == subject

    again = MeetingEditor(unlocked.main.ctx, saved["id"], None, unlocked.main)
    qtbot.addWidget(again)
    again.show()
    settle(ops)
    settle(ops)
    assert again.title.text() == record["title"] and again.has_end.isChecked()
    assert again.chair.member_id() == record["chair_id"]
    assert again.lecturer.text() == "李教授（市委党校）" and again.lecturer.member_id() is None
    assert again.resolutions.subject(0).member_id() == record["resolutions"][0]["subject_member_id"]
    assert not again.is_dirty()
    # a lecturer from the roster is stored by id, and the printed name follows
    _pick(qtbot, settle, ops, again.lecturer, chair)
    again.save()
    settle(ops)
    settle(ops)
    assert again.result() == again.DialogCode.Accepted, again.error.text()
    record = session.meetings.get(saved["id"])
    assert record["lecturer_id"] == record["chair_id"] and record["lecturer"] == chair


def test_a_chair_typed_but_not_on_the_roster_is_named(qtbot, unlocked, settle):
    session, ops = unlocked.session, unlocked.ops
    editor = MeetingEditor(unlocked.main.ctx, None, session.orgs.branches()[0]["id"])
    qtbot.addWidget(editor)
    editor.show()
    settle(ops)
    editor.chair.setText("不存在的人")
    editor.save()
    settle(ops)
    assert editor.isVisible() and "不在党员名册中" in editor.error.text()
    assert editor.chair.hasFocus() or editor.focusWidget() is editor.chair
