"""会议记录: kind, title, number, start and end, place, chair, recorder and lecturer (searched on
the roster), attendance with absence reasons, guests, agenda, minutes, resolutions with their
subject member and votes, and the live quorum panel (meeting_quorum_panel.py).

The tables are in meeting_tables.py; what every editor does about unsaved changes and errors is
in editor_guard.py.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.editor_guard import ForgivingDialog
from ztclient.ui.i18n import error_text, translate
from ztclient.ui.meeting_head import MeetingHead
from ztclient.ui.meeting_quorum_panel import QuorumPanel, impossible_votes
from ztclient.ui.meeting_tables import (
    FIRST_VOTE_COL,
    AttendanceTable,
    GuestsTable,
    ResolutionsTable,
    first_widget_of,
)

QUORUM_DELAY_MS = 150


class MeetingEditor(ForgivingDialog):
    """New (``meeting_id`` None) or existing meeting."""

    def __init__(
        self,
        ctx: UiContext,
        meeting_id: str | None = None,
        org_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.meeting_id = ctx, meeting_id
        self.record: dict = {}
        self.due: list[dict] = []
        self.extra: list[dict] = []  # attendees picked from the roster, not on the due list
        self._seq = 0
        self.setWindowTitle(translate("MeetingEditor", "会议记录"))
        self.resize(1180, 660)  # fits 1366×768 with a taskbar
        self.head = MeetingHead(ctx)
        for name in MeetingHead.SHARED:  # the editor's own names for the head's fields
            setattr(self, name, getattr(self.head, name))
        self._build_tabs()
        self.quorum_panel = QuorumPanel()
        left = QVBoxLayout()
        left.addWidget(self.head)
        left.addWidget(self.tabs, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.quorum_panel)
        self.error = widgets.error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(translate("MeetingEditor", "保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("MeetingEditor", "取消")
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(body, 1)
        box.addWidget(self.error)
        box.addWidget(buttons)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(QUORUM_DELAY_MS)
        self.timer.timeout.connect(self.compute_quorum)
        self.kind.currentIndexChanged.connect(lambda _i: self.load_due())
        self.org.currentIndexChanged.connect(lambda _i: self.load_due())
        self.starts.dateChanged.connect(lambda _d: self.load_due())
        self._initial_org = org_id
        self._load_orgs()

    # -- layout --------------------------------------------------------------------------------
    def _build_tabs(self) -> None:
        self.attendance = AttendanceTable(self.schedule_quorum)
        self.guests = GuestsTable()
        self.agenda = QPlainTextEdit()
        self.agenda.setPlaceholderText(translate("MeetingEditor", "每行一个议题"))
        self.minutes = QPlainTextEdit()
        self.minutes.setPlaceholderText(
            translate("MeetingEditor", "会议内容：发言、报告、讨论情况")
        )
        notes = QWidget()
        nbox = QVBoxLayout(notes)
        nbox.addWidget(QLabel(translate("MeetingEditor", "议程")))
        nbox.addWidget(self.agenda, 1)
        nbox.addWidget(QLabel(translate("MeetingEditor", "会议记录")))
        nbox.addWidget(self.minutes, 3)
        self.resolutions = ResolutionsTable(self.ctx, self.schedule_quorum)
        self.tabs = QTabWidget()
        attendance_page = QWidget()
        abox = QVBoxLayout(attendance_page)
        abox.setContentsMargins(0, 0, 0, 0)
        abox.addWidget(self.attendance, 1)
        self.add_attendee_button = QPushButton(translate("MeetingEditor", "添加其他党员…"))
        self.add_attendee_button.setToolTip(
            translate("MeetingEditor", "不在应到名单上的党员（如其他支部来参加的），不计入应到人数")
        )
        self.add_attendee_button.clicked.connect(self.pick_attendee)
        arow = QHBoxLayout()
        arow.addWidget(self.add_attendee_button)
        arow.addStretch(1)
        abox.addLayout(arow)
        self.tabs.addTab(attendance_page, translate("MeetingEditor", "出席"))
        self.tabs.addTab(
            self._with_buttons(self.guests, self.guests.add), translate("MeetingEditor", "列席")
        )
        self.tabs.addTab(notes, translate("MeetingEditor", "议程与记录"))
        self.tabs.addTab(
            self._with_buttons(self.resolutions, self.resolutions.add),
            translate("MeetingEditor", "决议与表决"),
        )

    def _with_buttons(self, table: QTableWidget, add) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(table, 1)
        row = QHBoxLayout()
        plus = QPushButton(translate("MeetingEditor", "添加一行"))
        plus.clicked.connect(lambda: add())
        minus = QPushButton(translate("MeetingEditor", "删除所选行"))
        minus.clicked.connect(lambda: (table.removeRow(table.currentRow()), self.schedule_quorum()))
        row.addWidget(plus)
        row.addWidget(minus)
        row.addStretch(1)
        box.addLayout(row)
        return page

    # -- what tests and other windows call ------------------------------------------------------
    @property
    def quorum_result(self):
        return self.quorum_panel.result

    @property
    def quorum_lines(self) -> list[str]:
        return self.quorum_panel.lines

    @property
    def numbers(self) -> QLabel:
        return self.quorum_panel.numbers

    @property
    def verdict(self) -> QLabel:
        return self.quorum_panel.verdict

    def add_guest(self, name: str = "", post: str = "", reason: str = "") -> None:
        self.guests.add(name, post, reason)

    def add_resolution(self, res: dict | None = None) -> None:
        self.resolutions.add(res)

    def set_status(self, row: int, code: str) -> None:
        self.attendance.set_status(row, code)

    def attendance_rows(self) -> list[dict]:
        return self.attendance.rows()

    # -- loading -------------------------------------------------------------------------------
    def _load_orgs(self) -> None:
        orgs, meetings, mid = self.ctx.session.orgs, self.ctx.session.meetings, self.meeting_id

        def job():
            rows = [
                o
                for o in orgs.list()
                if o["kind"] in ("branch", "group", "general_branch", "committee")
            ]
            return rows, (meetings.get(mid) if mid else None)

        self.ctx.ops.run(job, self._orgs_loaded)

    def _orgs_loaded(self, result) -> None:
        rows, record = result
        self.org.blockSignals(True)
        for r in sorted(rows, key=lambda o: (o["kind"] != "branch", o["name"])):
            self.org.addItem(r["name"], r["id"])
        self.org.blockSignals(False)
        if record:
            self._show_record(record)
        elif self._initial_org:
            self.org.setCurrentIndex(max(self.org.findData(self._initial_org), 0))
        self.load_due()

    def _show_record(self, record: dict) -> None:
        self.record = record
        self.head.show_record(record)
        self.agenda.setPlainText("\n".join(record.get("agenda") or []))
        self.minutes.setPlainText(record.get("minutes") or "")
        for g in record.get("guests") or []:
            self.guests.add(g.get("name"), g.get("post"), g.get("reason"))
        for res in record.get("resolutions") or []:
            self.resolutions.add(res)
        self.setWindowTitle(
            translate("MeetingEditor", "会议记录 — {title}").format(title=record.get("title", ""))
        )

    def load_due(self) -> None:
        """The due list for this organisation, kind and date (keeps marks already made)."""
        org_id, kind = self.org.currentData(), self.kind.currentData()
        if not org_id:
            return
        day = self.starts.date().toString("yyyy-MM-dd")
        meetings = self.ctx.session.meetings
        self.ctx.ops.run(lambda: meetings.due_members(org_id, kind, day), self._due_loaded)

    def pick_attendee(self) -> None:
        from ztclient.ui.member_picker import MemberPicker

        picker = MemberPicker(self.ctx, self)
        picker.accepted.connect(lambda: picker.chosen and self.add_attendee(picker.chosen))
        picker.open()
        self.picker = picker

    def add_attendee(self, member: dict) -> None:
        """Someone not on the due list: present, listed, not counted in 应到 (the rule decides)."""
        if any(a["member_id"] == member["id"] for a in self.attendance.rows()):
            return
        self.extra.append(
            {"member_id": member["id"], "name": member["name"], "category": member["category"]}
        )
        self._due_loaded(self.due)

    def _due_loaded(self, due: list[dict]) -> None:
        marks = {a["member_id"]: (a["status"], a.get("reason")) for a in self.attendance.rows()}
        if not marks and self.record.get("attendance"):
            marks = {
                a["member_id"]: (a["status"], a.get("reason")) for a in self.record["attendance"]
            }
        self.due = due
        due_ids = {m["member_id"] for m in due}
        if self.record.get("attendance") and not self.extra:
            # A saved meeting may list people who are not due (guests from another branch).
            self.extra = [
                {"member_id": a["member_id"], "name": a["name"], "category": a.get("category", "")}
                for a in self.record["attendance"]
                if a["member_id"] not in due_ids
            ]
        listed = list(due) + [m for m in self.extra if m["member_id"] not in due_ids]
        self.attendance.fill(listed, marks)
        if self._clean is None:
            self.mark_clean()  # the record is on screen: from here on, changes are the clerk's
        self.schedule_quorum()

    # -- data ----------------------------------------------------------------------------------
    def data(self) -> dict:
        return {
            **self.head.values(),
            "agenda": [
                line.strip() for line in self.agenda.toPlainText().splitlines() if line.strip()
            ],
            "minutes": self.minutes.toPlainText(),
            "attendance": self.attendance.rows(),
            "guests": self.guests.rows(),
            "resolutions": self.resolutions.rows(),
        }

    # -- live checks ---------------------------------------------------------------------------
    def check_times(self) -> str | None:
        return self.head.check_times()

    def schedule_quorum(self) -> None:
        self.timer.start()

    def compute_quorum(self) -> None:
        if not self.org.currentData():
            return
        self._seq += 1
        seq, data, meetings = self._seq, self.data(), self.ctx.session.meetings
        # The editor may be closed before the figures come back: answer only a live panel.
        panel = self.quorum_panel
        self.ctx.ops.run(
            lambda: meetings.quorum(data),
            lambda q: shiboken6.isValid(panel) and seq == self._seq and self.show_quorum(q),
            lambda exc: shiboken6.isValid(panel) and panel.show_error(error_text(exc)),
        )

    def show_quorum(self, q) -> None:
        self.quorum_panel.show_result(q)
        self.resolutions.mark(impossible_votes(q))

    def first_problem(self) -> tuple[QWidget | None, str, str] | None:
        """(widget, field label, reason) of the first thing that cannot be saved, top to bottom."""
        if problem := self.head.first_problem():
            return problem
        for r in range(self.resolutions.rowCount()):
            if problem := self.resolutions.subject(r).problem():
                return self.resolutions.subject(r), translate("MeetingEditor", "涉及党员"), problem
        q = self.quorum_panel.result
        bad = impossible_votes(q) if q is not None else {}
        if bad:
            row = min(bad)
            return (
                first_widget_of(self.resolutions, row, FIRST_VOTE_COL),
                translate("MeetingEditor", "决议与表决"),
                bad[row],
            )
        return None

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> None:
        if problem := self.first_problem():
            self.go_to_error(*problem)
            return
        meetings, data = self.ctx.session.meetings, self.data()
        self.save_button.setEnabled(False)
        if self.meeting_id is None:
            job = lambda: meetings.add(data)  # noqa: E731
        else:
            mid, base = self.meeting_id, self.record["version"]
            job = lambda: (mid, meetings.update(mid, data, base))  # noqa: E731
        self.ctx.ops.run(
            job,
            self._saved,
            self._failed,
            label=translate("MeetingEditor", "正在保存…"),
            parent=self,
        )

    def _saved(self, result) -> None:
        from ztclient.services import undo

        meeting_id, _changes = result
        title = self.title.text().strip() or self.kind.currentText()
        label = (
            translate("MeetingEditor", "录入会议“{title}”")
            if self.meeting_id is None
            else translate("MeetingEditor", "修改会议“{title}”")
        ).format(title=title)
        before = self.record if self.meeting_id is not None else None
        self.ctx.undo.push(label, undo.meeting_save(self.ctx.session.meetings, meeting_id, before))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        """The service refused: go to the first field it names (or just say it)."""
        from ztclient.domain.errors import ValidationErrors

        self.save_button.setEnabled(True)
        errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
        for e in errors:
            # "resolutions[2].votes_for" names the list, the row and the field
            key = (getattr(e, "field", None) or "").split(".")[0].split("[")[0]
            if key in self.head.inputs:
                self.go_to_error(self.head.inputs[key], self.head.labels[key], error_text(e))
                return
            if key == "resolutions":
                self.go_to_error(self.resolutions, self.tabs.tabText(3), error_text(e))
                return
        widgets.set_error(self.error, error_text(exc))
