"""Issue 9 item 4: every screen fits 1366×768 with a taskbar, in both languages, with no text cut
off that nobody meant to cut. The walk takes whatever pages the main window has when it runs
(pages other streams add are covered too) and the record editors and dialogs.

A label is clipped when its one line of text is wider than the label; a button when its text
is wider than the button; a tab when the tab bar elides its text and the tab has no tooltip
with the whole text. Word-wrapped labels and rich text lay themselves out and are not judged.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget

from ztclient.ui import i18n

SCREEN_W, SCREEN_H = 1366, 768 - 40  # a Windows taskbar / UOS dock takes about 40 px


def clipped(root: QWidget) -> list[str]:
    """Human-readable descriptions of cut-off texts under ``root`` (visible widgets only)."""
    out = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if (
            not label.isVisibleTo(root)
            or label.wordWrap()
            or not text
            or "\n" in text
            or Qt.mightBeRichText(text)
            or label.width() <= 0
        ):
            continue
        need = label.fontMetrics().horizontalAdvance(text)
        have = label.contentsRect().width() - 2 * label.margin() - label.indent() * 0
        if need > have + 1:
            out.append(f"label “{text}” needs {need}px, has {have}px")
    for button in root.findChildren(QAbstractButton):
        text = button.text().replace("&", "")
        if not button.isVisibleTo(root) or not text or button.width() <= 0:
            continue
        need = button.sizeHint().width()
        if need > button.width() + 2 and not button.toolTip():
            out.append(f"button “{text}” needs {need}px, has {button.width()}px")
    for bar in root.findChildren(QTabBar):
        if not bar.isVisibleTo(root):
            continue
        for i in range(bar.count()):
            text = bar.tabText(i).replace("&", "")
            need = bar.fontMetrics().horizontalAdvance(text)
            have = bar.tabRect(i).width() - 16  # the tab's own padding
            if need > have and bar.tabToolTip(i) != text:
                out.append(f"tab “{text}” needs {need}px, has {have}px and no tooltip")
    return out


def _fits(widget: QWidget) -> None:
    hint = widget.minimumSizeHint()
    assert hint.width() <= SCREEN_W and hint.height() <= SCREEN_H, (
        type(widget).__name__,
        hint,
    )
    assert widget.width() <= SCREEN_W and widget.height() <= SCREEN_H, (
        type(widget).__name__,
        widget.size(),
    )


@pytest.fixture(params=["zh_CN", "en"])
def lang(request, qapp):
    i18n.install(request.param)
    yield request.param
    i18n.install("zh_CN")


def _settle_ui(qtbot, settle, shell):
    settle(shell.ops)
    QApplication.processEvents()
    qtbot.wait(50)
    settle(shell.ops)


def test_every_page_fits_and_nothing_is_cut_off(qtbot, lang, demo_app, shell_factory, settle):
    from tests.ui.conftest import PASSPHRASE

    shell = shell_factory(demo_app)
    window = shell.start()
    window.resize(SCREEN_W, SCREEN_H)
    _fits(window)
    assert not clipped(window), clipped(window)
    window.passphrase.setText(PASSPHRASE)
    window.try_unlock()
    qtbot.waitUntil(lambda: shell.main is not None, timeout=20000)
    main = shell.main
    main.resize(SCREEN_W, SCREEN_H)
    _settle_ui(qtbot, settle, shell)
    _fits(main)
    problems = {}
    for index, (key, _text, _make) in enumerate(main.pages):
        main.show_page(index)  # a page is made when first shown
        _settle_ui(qtbot, settle, shell)
        found = clipped(main.page(key))
        hint = main.minimumSizeHint()  # a page made now must not widen the window past the screen
        if hint.width() > SCREEN_W or hint.height() > SCREEN_H or main.width() > SCREEN_W:
            found.append(f"the window needs {hint.width()}×{hint.height()} with this page")
        if found:
            problems[key] = found
    found = clipped(main.sidebar)
    if main.sidebar.horizontalScrollBar().maximum() > 0:  # a page name wider than the sidebar
        found.append("sidebar scrolls sideways: a page name is cut off")
    if found:
        problems["sidebar"] = found
    assert not problems, problems


def test_editors_and_dialogs_fit(qtbot, lang, unlocked, settle):
    from ztclient.ui.meeting_editor import MeetingEditor
    from ztclient.ui.member_events import EventDialog
    from ztclient.ui.member_form import MemberForm
    from ztclient.ui.member_picker import MemberPicker
    from ztclient.ui.study_view import MeetingStudyDialog, StudyLogDialog
    from ztclient.ui.unlock_window import RecoverDialog, RestoreDialog

    ctx = unlocked.main.ctx
    session = unlocked.session
    member = session.members.get(session.members.ids()[0])
    meeting = session.meetings.list(limit=1)[0]["id"]
    makers = {
        "MemberForm": lambda: MemberForm(ctx, member["id"]),
        "MemberForm(new)": lambda: MemberForm(ctx, None),
        "MeetingEditor": lambda: MeetingEditor(ctx, meeting),
        "MeetingEditor(new)": lambda: MeetingEditor(ctx, None, session.orgs.branches()[0]["id"]),
        "EventDialog": lambda: EventDialog(ctx, member, "transfer_out"),
        "StudyLogDialog": lambda: StudyLogDialog(ctx),
        "MeetingStudyDialog": lambda: MeetingStudyDialog(ctx),
        "MemberPicker": lambda: MemberPicker(ctx),
        "RecoverDialog": lambda: RecoverDialog(unlocked.app, unlocked.ops),
        "RestoreDialog": lambda: RestoreDialog(unlocked.app, unlocked.ops),
    }
    problems = {}
    for name, make in makers.items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        _settle_ui(qtbot, settle, unlocked)
        _fits(dialog)
        tabs = dialog.findChildren(QTabBar)
        for bar in tabs or [None]:
            for i in range(bar.count() if bar else 1):
                if bar is not None:
                    bar.setCurrentIndex(i)
                    _settle_ui(qtbot, settle, unlocked)
                found = clipped(dialog)
                if found:
                    problems.setdefault(name, []).extend(found)
        dialog.done(0)
    assert not problems, problems


def test_long_table_cells_carry_their_whole_text_as_tooltip(qapp):
    from PySide6.QtCore import Qt as QtCore

    from ztclient.ui.table_model import DictTableModel

    model = DictTableModel([("what", "事项", None)])
    long = "Secretary has not given a party lecture this year"
    model.set_rows([{"what": long}, {"what": "短"}])
    assert model.data(model.index(0, 0), QtCore.ItemDataRole.ToolTipRole) == long
    assert model.data(model.index(1, 0), QtCore.ItemDataRole.ToolTipRole) is None
