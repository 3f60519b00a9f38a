"""会议 (attendance and the live quorum), 学习 (batch log for a meeting), 工作台 (due list)."""

from __future__ import annotations

from ztclient.ui.meeting_editor import MeetingEditor
from ztclient.ui.study_view import MeetingStudyDialog


def _branch_id(shell):
    return shell.session.orgs.branches()[0]["id"]


def test_record_meeting_and_watch_quorum_change(qtbot, unlocked, settle):
    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("meetings"))
    settle(unlocked.ops)
    page = main.page("meetings")
    before = page.model.rowCount()
    editor = MeetingEditor(unlocked.main.ctx, None, _branch_id(unlocked), page)
    qtbot.addWidget(editor)
    editor.show()
    settle(unlocked.ops)
    editor.kind.setCurrentIndex(editor.kind.findData("branch_general"))
    qtbot.wait(200)
    settle(unlocked.ops)
    qtbot.wait(QUORUM := 250)
    settle(unlocked.ops)
    q = editor.quorum_result
    assert q is not None and q.quorum_required
    assert q.voters_present == q.voters_due > 0 and q.quorum_met
    assert "应到" in editor.numbers.text() and "有表决权" in editor.numbers.text()
    assert editor.quorum_lines
    # Mark everyone absent but a few: the quorum indicator flips and says why.
    keep = max(1, q.voters_due // 3)
    for row in range(editor.attendance.rowCount() - keep):
        editor.set_status(row, "absent")
    qtbot.wait(QUORUM)
    settle(unlocked.ops)
    q2 = editor.quorum_result
    assert q2.present_total < q.present_total
    assert not q2.quorum_met
    assert "✘" in editor.verdict.text()
    # Someone from another branch attends: listed, present, not counted as due.
    other = next(
        m
        for m in unlocked.session.members.list(include_former=True)
        if m["id"] not in {r["member_id"] for r in editor.due}
    )
    editor.add_attendee({"id": other["id"], "name": other["name"], "category": other["category"]})
    qtbot.wait(QUORUM)
    settle(unlocked.ops)
    assert editor.attendance.rowCount() == len(editor.due) + 1
    assert editor.quorum_result.due_total == q.due_total
    # Put them back, add a resolution, save.
    for row in range(editor.attendance.rowCount()):
        editor.set_status(row, "present")
    editor.place.setText("党员活动室")
    editor.agenda.setPlainText("学习党章\n讨论发展对象")
    editor.add_resolution(
        {
            "title": "同意接收张某为预备党员",
            "kind": "admission",
            "votes_for": q.voters_due,
            "votes_against": 0,
            "votes_abstain": 0,
        }
    )
    qtbot.wait(QUORUM)
    settle(unlocked.ops)
    assert editor.quorum_result.quorum_met
    editor.save()
    settle(unlocked.ops)
    settle(unlocked.ops)
    assert editor.result() == editor.DialogCode.Accepted, editor.error.text()
    assert page.model.rowCount() == before + 1
    saved = unlocked.session.meetings.list(limit=1)[0]
    attendees = {a["member_id"] for a in unlocked.session.meetings.get(saved["id"])["attendance"]}
    assert other["id"] in attendees


def test_batch_study_log_for_meeting_attendees(qtbot, unlocked, settle):
    session = unlocked.session
    meeting = session.meetings.list(limit=1)[0]
    present = session.store.scalar(
        "SELECT count(*) FROM meeting_attendance WHERE meeting_id = ? AND status = 'present'",
        (meeting["id"],),
    )
    logs_before = session.store.scalar("SELECT count(*) FROM study_logs WHERE voided = 0")
    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("study"))
    settle(unlocked.ops)
    view = main.page("study")
    assert view.model.rowCount() > 0
    dialog = MeetingStudyDialog(main.ctx, view)
    qtbot.addWidget(dialog)
    settle(unlocked.ops)
    dialog.meeting.setCurrentIndex(dialog.meeting.findData(meeting["id"]))
    dialog.hours.setValue(1.5)
    dialog.submit()
    settle(unlocked.ops)
    assert dialog.count == present > 0
    assert (
        session.store.scalar("SELECT count(*) FROM study_logs WHERE voided = 0")
        == logs_before + present
    )
    # The clerk picked the wrong meeting: undo voids them again (the records stay, voided).
    assert "批量登记" in unlocked.undo.label
    main.undo()
    settle(unlocked.ops)
    assert session.store.scalar("SELECT count(*) FROM study_logs WHERE voided = 0") == logs_before


def test_study_short_list(qtbot, unlocked, settle):
    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("study"))
    settle(unlocked.ops)
    view = main.page("study")
    total = view.model.rowCount()
    view.short_only.setChecked(True)
    short = view.model.rowCount()
    assert 0 < short < total
    assert all(r["short"] > 0 for r in view.model.rows)
    assert {r["target"] for r in view.all_rows} <= {32.0, 56.0}


def test_dashboard_charts_and_due_list(qtbot, unlocked, settle):
    main = unlocked.main
    view = main.page("dashboard")
    settle(unlocked.ops)
    assert view.overview is not None
    kinds = {r["kind"] for r in view.due.rows}
    assert "study_short" in kinds
    assert kinds & {"probation_ending", "transfer_receipt", "meetings_missing", "term_ending"}
    assert all(r["what"] and r["detail"] for r in view.due.rows)
    assert view.make_up.series() and view.study.series() and view.ages.series()
    assert "在册" in view.summary.text()


def test_compliance_view_lists_each_branch(qtbot, unlocked, settle):
    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("meetings"))
    settle(unlocked.ops)
    page = main.page("meetings")
    page.tabs.setCurrentIndex(1)
    settle(unlocked.ops)
    names = {r["org_name"] for r in page.compliance.rows}
    assert names == {b["name"] for b in unlocked.session.orgs.branches()}
    # one missing meeting a line, and the row as tall as its list (it was one cut-off line)
    row = max(range(len(page.compliance.rows)),
              key=lambda i: page.compliance.rows[i]["quarter"].count("\n"))  # fmt: skip
    lines = page.compliance.rows[row]["quarter"].split("\n")
    assert len(lines) > 1 and all("、" not in x for x in lines)
    table = page.compliance_table
    assert table.rowHeight(row) >= len(lines) * table.fontMetrics().lineSpacing()
