"""组织 (issue 13 done-when): a new unit set up entirely in the program — the first-run wizard,
a branch and a group added on the 组织 page, members added with the member form and one put in
the group, a committee elected, and a 支委会 whose quorum counts that committee."""

from __future__ import annotations

from ztclient.ui.first_run import FirstRunWizard

PEOPLE = [
    ("张书记", "1990-07-01"),
    ("李组织", "1992-07-01"),
    ("王宣传", "1995-07-01"),
    ("赵党员", "2000-07-01"),
]


def _new_unit(qtbot, empty_app, shell_factory, settle, passphrase):
    shell = shell_factory(empty_app)
    wizard = shell.start()
    assert isinstance(wizard, FirstRunWizard)
    wizard.new_button.click()
    wizard.unit_name.setText("中共新建街道工作委员会")
    qtbot.keyClicks(wizard.unit_code, "3301069999")
    qtbot.keyClicks(wizard.passphrase, passphrase)
    qtbot.keyClicks(wizard.repeat, passphrase)
    wizard.create_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2, timeout=20000)
    wizard.kept.setChecked(True)
    wizard.finish_button.click()
    settle(shell.ops)
    return shell


def _orgs_page(shell, settle):
    main = shell.main
    main.show_page([k for k, _t, _p in main.pages].index("orgs"))
    settle(shell.ops)
    return main.page("orgs").tree_tab


def _select(tab, settle, ops, name):
    from PySide6.QtCore import Qt

    (item,) = [i for i in tab.tree.findItems(name, Qt.MatchFlag.MatchRecursive)]
    tab.tree.setCurrentItem(item)
    settle(ops)
    assert tab.detail["name"] == name


def _save(dialog, settle, ops):
    dialog.save()
    for _ in range(3):  # the save, then the page's reload, then the selection's detail
        settle(ops)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()


def test_new_unit_set_up_in_the_program(
    qtbot, empty_app, shell_factory, settle, passphrase, messages, tmp_path
):
    from ztclient.ui.meeting_editor import MeetingEditor
    from ztclient.ui.org_dialogs import ElectionDialog, OrgDialog

    shell = _new_unit(qtbot, empty_app, shell_factory, settle, passphrase)
    ops, session = shell.ops, shell.session
    tab = _orgs_page(shell, settle)
    assert tab.detail["name"] == "中共新建街道工作委员会"

    # A branch under the unit, a group under the branch.
    tab.add_child()
    dialog = tab.dialog
    assert isinstance(dialog, OrgDialog) and dialog.kind.currentData() == "committee"
    dialog.kind.setCurrentIndex(dialog.kind.findData("branch"))
    dialog.name.setText("第一党支部")
    dialog.code.setText("B001")
    _save(dialog, settle, ops)
    _select(tab, settle, ops, "第一党支部")
    assert tab.buttons["elect"].isEnabled() and not tab.buttons["add_member"].isVisible()
    tab.add_child()
    dialog = tab.dialog
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == ["group"]
    dialog.name.setText("第一党小组")
    _save(dialog, settle, ops)
    branch = next(o for o in session.orgs.list() if o["name"] == "第一党支部")

    # Members added with the member form, in the branch.
    members = shell.main.page("members")
    for name, joined in PEOPLE:
        members.open_member(None)
        form = members.form
        settle(ops)
        form.inputs["name"].setText(name)
        form.inputs["gender"].setCurrentIndex(form.inputs["gender"].findData("1"))
        form.inputs["org_id"].setCurrentIndex(form.inputs["org_id"].findData(branch["id"]))
        form.inputs["join_date"].setText(joined)
        form.inputs["full_member_date"].setText(
            joined.replace(joined[:4], str(int(joined[:4]) + 1))
        )
        form._edited("name")
        form.save()
        settle(ops)
        shown = {k: e.text() for k, e in form.errors.items() if e.text()}
        assert form.result() == form.DialogCode.Accepted, (form.summary.text(), shown)
    people = {r["name"]: r for r in session.members.list(org_id=branch["id"])}
    assert set(people) == {n for n, _ in PEOPLE}

    # One of them joins the group, picked from the branch's roll.
    tab = _orgs_page(shell, settle)
    _select(tab, settle, ops, "第一党小组")
    tab.act("add_member")
    picker = tab.dialog
    qtbot.waitUntil(lambda: picker.results.count() == 4, timeout=5000)
    picker.search.setText("赵")
    qtbot.waitUntil(lambda: picker.results.count() == 1, timeout=5000)
    picker.pick()
    settle(ops)
    assert session.members.get(people["赵党员"]["id"])["group_id"] == tab.detail["id"]
    assert [r["member_name"] for r in tab.committee.rows] == ["赵党员"]
    history = session.members.history(people["赵党员"]["id"])
    assert history[-1]["kind"] == "org_changed"

    # A committee elected: 书记, 组织委员, 宣传委员.
    _select(tab, settle, ops, "第一党支部")
    tab.act("elect")
    dialog = tab.dialog
    assert isinstance(dialog, ElectionDialog) and dialog.term.currentData() == 3
    for row, name in enumerate(["张书记", "李组织", "王宣传"]):
        dialog.table.set_member(row, people[name])
    _save(dialog, settle, ops)
    assert any("不足7人" in text for _kind, text in messages)  # a norm, shown, not refused
    settle(ops)
    assert [(r["post"], r["member_name"]) for r in tab.committee.rows] == [
        ("secretary", "张书记"),
        ("organisation", "李组织"),
        ("publicity", "王宣传"),
    ]
    assert "任期 3 年" in tab.info["term"].text()
    assert len(tab.elections.rows) == 1

    # A 支委会 whose quorum counts that committee: 3 due, 2 present.
    editor = MeetingEditor(shell.main.ctx, None, branch["id"], shell.main)
    qtbot.addWidget(editor)
    editor.show()
    settle(ops)
    editor.kind.setCurrentIndex(editor.kind.findData("branch_committee"))
    settle(ops)
    qtbot.wait(250)
    settle(ops)
    assert sorted(r["name"] for r in editor.due) == ["张书记", "李组织", "王宣传"]
    row = next(i for i, r in enumerate(editor.due) if r["name"] == "王宣传")
    editor.set_status(row, "absent")
    qtbot.wait(250)
    settle(ops)
    q = editor.quorum_result
    assert (q.committee_size, q.present_total, q.quorum_met) == (3, 2, True)
    assert "支部委员 3 人，到会 2 人" in "".join(editor.quorum_lines)
    editor.save()
    settle(ops)
    assert editor.result() == editor.DialogCode.Accepted, editor.error.text()
    saved = session.meetings.list(kind="branch_committee")[0]
    assert (saved["due"], saved["present"]) == (3, 2)

    shot = tmp_path / "orgs.png"
    shell.main.resize(1366, 768)
    _orgs_page(shell, settle)
    assert shell.main.grab().save(str(shot)) and shot.stat().st_size > 10_000


def test_dissolve_from_the_page_moves_members(qtbot, unlocked, settle, messages):
    from ztclient.ui.org_change_dialogs import RestructureDialog
    from ztclient.ui.org_dialogs import OrgDialog

    ops, session = unlocked.ops, unlocked.session
    tab = _orgs_page(unlocked, settle)
    root = session.root_org_id
    old = next(o for o in session.orgs.branches())
    count = session.orgs.member_counts()[old["id"]]
    _select(tab, settle, ops, session.orgs.get(root)["name"])
    tab.add_child()
    dialog = tab.dialog
    assert isinstance(dialog, OrgDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("branch"))
    dialog.name.setText("新设党支部")
    _save(dialog, settle, ops)
    _select(tab, settle, ops, old["name"])
    tab.act("dissolve")
    dialog = tab.dialog
    assert isinstance(dialog, RestructureDialog)
    dialog.save()  # no branch chosen for the members: refused, said in the dialog
    settle(ops)
    assert "请选择他们转入的党支部" in dialog.error.text() and dialog.isVisible()
    dialog.target.setCurrentIndex(dialog.target.findText("新设党支部"))
    _save(dialog, settle, ops)
    new = next(o for o in session.orgs.branches() if o["name"] == "新设党支部")
    assert session.orgs.member_counts()[new["id"]] == count
    assert session.orgs.get(old["id"])["dissolved_on"]
    assert old["name"] not in [
        tab.tree.topLevelItem(0).child(i).text(0)
        for i in range(tab.tree.topLevelItem(0).childCount())
    ]
    tab.show_dissolved.setChecked(True)
    settle(ops)
    assert tab._find(old["id"]) is not None


def test_life_tabs_show_the_demo_registers(qtbot, unlocked, settle):
    from ztclient.ui.org_life_dialogs import AppraisalDialog, TalkDialog

    ops, session = unlocked.ops, unlocked.session
    _orgs_page(unlocked, settle)
    page = unlocked.main.page("orgs")
    page.tabs.setCurrentIndex(1)
    settle(ops)
    talks = page.talks_tab
    assert talks.model.rowCount() == len(session.talks.list(session.clock.today().year)) > 0
    assert "书记" in talks.notes.text()
    talks.org.setCurrentIndex(1)
    settle(ops)
    talks.add_talk()
    dialog = talks.dialog
    assert isinstance(dialog, TalkDialog)
    sec = session.orgs.secretary(talks.org.currentData())
    other = next(
        m
        for m in session.members.list(org_id=talks.org.currentData())
        if m["id"] != sec["member_id"]
    )
    dialog.set_person("talker", {"id": sec["member_id"], "name": sec["member_name"]})
    dialog.set_person("talkee", other)
    dialog.save()  # no topic yet
    settle(ops)
    assert "谈话主题" in dialog.error.text()
    dialog.topic.setText("工作安排")
    before = talks.model.rowCount()
    _save(dialog, settle, ops)
    settle(ops)
    assert talks.model.rowCount() == before + 1

    page.tabs.setCurrentIndex(2)
    settle(ops)
    tab = page.appraisal_tab
    year = tab.year.currentData()
    assert year == session.clock.today().year - 1  # opens on the latest year graded
    assert tab.model.rowCount() > 30 and "不合格 1" in tab.counts.text()
    tab.org.setCurrentIndex(1)
    settle(ops)
    tab.record()
    settle(ops)
    dialog = tab.dialog
    assert isinstance(dialog, AppraisalDialog)
    dialog.set_grade(0, "excellent")
    dialog.set_grade(1, "excellent")
    dialog.set_grade(2, "unqualified", "persuade", "2099-01-01")
    _save(dialog, settle, ops)
    settle(ops)
    graded = {r["member_id"]: r for r in session.appraisals.list(year)}
    assert graded[dialog.members[2]["id"]]["measure"] == "persuade"

    page.tabs.setCurrentIndex(3)
    settle(ops)
    assert page.rectification_tab.model.rowCount() >= 1


def test_founding_date_set_in_the_dialog_shown_and_refused_before_the_parent(
    qtbot, unlocked, settle, messages
):
    """成立日期 in the organisation dialog: optional (unchecked: not recorded), saved when
    ticked, shown on the page; a date before the parent's is refused in the dialog."""
    from PySide6.QtCore import QDate

    from ztclient.ui.org_dialogs import OrgDialog

    ops, session = unlocked.ops, unlocked.session
    tab = _orgs_page(unlocked, settle)
    root = session.orgs.get(session.root_org_id)
    _select(tab, settle, ops, root["name"])
    tab.add_child()
    dialog = tab.dialog
    assert isinstance(dialog, OrgDialog) and not dialog.founded.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("branch"))
    dialog.name.setText("新成立党支部")
    dialog.has_founded.setChecked(True)
    dialog.founded.setDate(QDate(2024, 11, 10))
    _save(dialog, settle, ops)
    new = next(o for o in session.orgs.branches() if o["name"] == "新成立党支部")
    assert new["founded_on"] == "2024-11-10"
    _select(tab, settle, ops, "新成立党支部")
    assert tab.info["founded"].text() == "2024-11-10"

    # a group founded before its branch: refused, said in the dialog, nothing written
    tab.add_child()
    dialog = tab.dialog
    dialog.name.setText("第一党小组")
    dialog.has_founded.setChecked(True)
    dialog.founded.setDate(QDate(2024, 11, 9))
    dialog.save()
    settle(ops)
    assert "早于上级组织“新成立党支部”的成立日期 2024-11-10" in dialog.error.text()
    assert dialog.isVisible() and not session.orgs.groups(new["id"])
    dialog.reject()

    # edited: the date is cleared by unticking it
    tab.act("edit")
    dialog = tab.dialog
    assert dialog.has_founded.isChecked() and dialog.founded.date() == QDate(2024, 11, 10)
    dialog.has_founded.setChecked(False)
    _save(dialog, settle, ops)
    assert session.orgs.get(new["id"])["founded_on"] is None


def test_a_post_entered_by_mistake_is_voided_from_the_page(qtbot, unlocked, settle):
    """组织 → 作废任职…: the branch's 书记 entered by mistake is voided with a reason (refused
    without one, said in the dialog); the committee no longer shows them."""
    from ztclient.ui.org_change_dialogs import VoidPostDialog

    ops, session = unlocked.ops, unlocked.session
    tab = _orgs_page(unlocked, settle)
    branch = next(o for o in session.orgs.branches() if session.orgs.secretary(o["id"]) is not None)
    secretary = session.orgs.secretary(branch["id"])
    _select(tab, settle, ops, branch["name"])
    assert tab.buttons["void_post"].isEnabled()
    tab.act("void_post")
    dialog = tab.dialog
    assert isinstance(dialog, VoidPostDialog)
    dialog.post.setCurrentIndex(dialog.post.findData(secretary["id"]))
    dialog.save()
    settle(ops)
    assert dialog.error.text() == "请填写作废原因" and dialog.isVisible()
    dialog.reason.setText("录错了人")
    _save(dialog, settle, ops)
    row = session.store.read_one("SELECT * FROM org_posts WHERE id = ?", (secretary["id"],))
    assert (row["voided"], row["void_reason"]) == (1, "录错了人")
    assert session.orgs.secretary(branch["id"]) is None
    assert secretary["id"] not in [r["id"] for r in tab.detail["committee"]]


def test_an_election_entered_by_mistake_is_voided_from_the_page(qtbot, unlocked, settle):
    """组织 → 作废换届选举…: the latest election is offered first; refused without a reason
    (said in the dialog); voided, it leaves the page's list of elections and its posts go."""
    from ztclient.ui.org_change_dialogs import VoidElectionDialog

    ops, session = unlocked.ops, unlocked.session
    tab = _orgs_page(unlocked, settle)
    branch = next(o for o in session.orgs.branches() if session.elections.list(o["id"]))
    latest = session.elections.list(branch["id"])[0]
    _select(tab, settle, ops, branch["name"])
    assert tab.buttons["void_election"].isEnabled()
    tab.act("void_election")
    dialog = tab.dialog
    assert isinstance(dialog, VoidElectionDialog)
    assert dialog.election.currentData() == latest["id"]
    assert dialog.election.currentText().startswith(latest["date"])
    dialog.save()
    settle(ops)
    assert dialog.error.text() == "请填写作废原因" and dialog.isVisible()
    dialog.reason.setText("日期录错")
    _save(dialog, settle, ops)
    row = session.store.read_one("SELECT voided, void_reason FROM elections WHERE id = ?",
                                 (latest["id"],))  # fmt: skip
    assert (row["voided"], row["void_reason"]) == (1, "日期录错")
    assert latest["date"] not in [e["date"] for e in tab.detail["elections"]]
    assert (
        session.store.scalar(
            "SELECT count(*) FROM org_posts WHERE election_id = ? AND voided = 0", (latest["id"],)
        )
        == 0
    )


def test_a_committees_many_notes_do_not_make_the_window_tall(qtbot, unlocked, settle):
    """At committee scale the 谈心谈话 notes had a line per branch with gaps (~100): the tab's
    minimum height, and so the main window's, grew to 1,392 px on a 768-px screen. The notes
    show four lines and how many more; every line is in the tooltip."""
    _orgs_page(unlocked, settle)
    page = unlocked.main.page("orgs")
    page.tabs.setCurrentIndex(1)
    settle(unlocked.ops)
    talks = page.talks_tab
    lines = [f"第{i}党支部：书记张三尚未与 3 人谈话（甲、乙、丙）" for i in range(1, 101)]
    talks.set_notes(lines)
    shown = talks.notes.text().split("\n")
    assert shown[:4] == lines[:4] and len(shown) == 5 and "另有 96 条" in shown[4]
    assert talks.notes.toolTip().split("\n") == lines
    assert talks.minimumSizeHint().height() < 400
    assert unlocked.main.minimumSizeHint().height() <= 768 - 40
    talks.set_notes(lines[:3])
    assert talks.notes.text().split("\n") == lines[:3] and talks.notes.toolTip() == ""
