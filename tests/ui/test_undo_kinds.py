"""Issue 9 item 2: undo reaches every edit kind from the status bar — here a new meeting and a
member event (member edits and study entries are covered in test_members / the study tests)."""

from __future__ import annotations

from ztclient.ui.meeting_editor import MeetingEditor
from ztclient.ui.member_events import EventDialog


def test_undo_a_new_meeting_and_an_event(qtbot, unlocked, settle):
    session, main = unlocked.session, unlocked.main
    editor = MeetingEditor(main.ctx, None, session.orgs.branches()[0]["id"], main)
    qtbot.addWidget(editor)
    editor.show()
    settle(unlocked.ops)
    editor.title.setText("误录的会议")
    editor.save()
    settle(unlocked.ops)
    settle(unlocked.ops)
    assert editor.result() == editor.DialogCode.Accepted, editor.error.text()
    assert "录入会议“误录的会议”" in unlocked.undo.label
    assert "误录的会议" in main.undo_button.text() or main.undo_button.toolTip()
    mid = next(m["id"] for m in session.meetings.list(limit=50) if m["title"] == "误录的会议")
    main.undo()
    settle(unlocked.ops)
    assert session.meetings.get(mid)["voided"]

    member = session.members.get(session.members.ids()[0])
    dialog = EventDialog(main.ctx, member, "mobile_out", main)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.inputs["destination"].setText("深圳")
    dialog.submit()
    settle(unlocked.ops)
    assert session.members.get(member["id"])["status"] == "mobile"
    assert "登记" in unlocked.undo.label
    main.undo()
    settle(unlocked.ops)
    settle(unlocked.ops)
    assert session.members.get(member["id"])["status"] == member["status"]
