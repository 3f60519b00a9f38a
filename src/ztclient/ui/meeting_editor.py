"""会议记录: kind, number, time, place, chair, recorder, attendance with absence reasons,
non-voting attendees, agenda, minutes, resolutions and votes, and a live quorum panel."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_choices, code_label, domain_lang, error_text, translate

QUORUM_DELAY_MS = 150


class MeetingEditor(QDialog):
    """New (``meeting_id`` None) or existing meeting. ``quorum_lines`` holds the last explanation."""

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
        self.quorum_lines: list[str] = []
        self.quorum_result = None
        self._seq = 0
        self.setWindowTitle(translate("MeetingEditor", "会议记录"))
        self.resize(1120, 720)
        self.kind = QComboBox()
        for code, text in code_choices("meeting_kind"):
            self.kind.addItem(text, code)
        self.org = QComboBox()
        self.seq_no = QSpinBox()
        self.seq_no.setRange(0, 999)
        self.seq_no.setSpecialValueText(translate("MeetingEditor", "（不编号）"))
        self.starts = QDateTimeEdit(QDateTime.currentDateTime())
        self.starts.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.starts.setCalendarPopup(True)
        self.place = QLineEdit()
        self.chair = QComboBox()
        self.recorder = QComboBox()
        self.lecturer = QLineEdit()
        # Two columns of fields keep the attendance table tall enough on a 768-pixel screen.
        head = QGridLayout()
        fields = [
            (translate("MeetingEditor", "会议类型"), self.kind),
            (translate("MeetingEditor", "组织"), self.org),
            (translate("MeetingEditor", "第几次"), self.seq_no),
            (translate("MeetingEditor", "时间"), self.starts),
            (translate("MeetingEditor", "地点"), self.place),
            (translate("MeetingEditor", "主持人"), self.chair),
            (translate("MeetingEditor", "授课人（党课）"), self.lecturer),
            (translate("MeetingEditor", "记录人"), self.recorder),
        ]
        for i, (label, widget) in enumerate(fields):
            head.addWidget(QLabel(label), i // 2, (i % 2) * 2)
            head.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        head.setColumnStretch(1, 1)
        head.setColumnStretch(3, 1)

        self.attendance = QTableWidget(0, 4)
        self.attendance.setHorizontalHeaderLabels(
            [
                translate("MeetingEditor", "姓名"),
                translate("MeetingEditor", "类别"),
                translate("MeetingEditor", "出席情况"),
                translate("MeetingEditor", "缺席原因"),
            ]
        )
        self.attendance.horizontalHeader().setStretchLastSection(True)
        self.attendance.verticalHeader().setVisible(False)
        self.guests = self._grid(
            [
                translate("MeetingEditor", "列席人员姓名"),
                translate("MeetingEditor", "职务"),
                translate("MeetingEditor", "列席原因"),
            ]
        )
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
        self.resolutions = self._grid(
            [
                translate("MeetingEditor", "决议事项"),
                translate("MeetingEditor", "类型"),
                translate("MeetingEditor", "赞成"),
                translate("MeetingEditor", "反对"),
                translate("MeetingEditor", "弃权"),
                translate("MeetingEditor", "书面意见"),
            ]
        )
        self.resolutions.itemChanged.connect(lambda _i: self.schedule_quorum())
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
            self._with_buttons(self.guests, self.add_guest), translate("MeetingEditor", "列席")
        )
        self.tabs.addTab(notes, translate("MeetingEditor", "议程与记录"))
        self.tabs.addTab(
            self._with_buttons(self.resolutions, self.add_resolution),
            translate("MeetingEditor", "决议与表决"),
        )

        self.quorum_panel = widgets.card()
        qbox = QVBoxLayout(self.quorum_panel)
        qbox.addWidget(QLabel("<b>" + translate("MeetingEditor", "到会情况") + "</b>"))
        self.numbers = QLabel()
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        qbox.addWidget(self.numbers)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        qbox.addWidget(self.verdict)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setObjectName("Hint")
        qbox.addWidget(self.explain)
        qbox.addStretch(1)
        self.quorum_panel.setFixedWidth(280)

        left = QVBoxLayout()
        left.addLayout(head)
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

    # -- helpers -------------------------------------------------------------------------------
    def _grid(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        return table

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

    def add_guest(self, name: str = "", post: str = "", reason: str = "") -> None:
        r = self.guests.rowCount()
        self.guests.insertRow(r)
        for c, text in enumerate((name, post, reason)):
            self.guests.setItem(r, c, QTableWidgetItem(text or ""))

    def add_resolution(self, res: dict | None = None) -> None:
        res = res or {}
        table = self.resolutions
        table.blockSignals(True)
        r = table.rowCount()
        table.insertRow(r)
        table.setItem(r, 0, QTableWidgetItem(res.get("title") or ""))
        kind = QComboBox()
        for code, text in code_choices("resolution_kind"):
            kind.addItem(text, code)
        kind.setCurrentIndex(max(kind.findData(res.get("kind") or "ordinary"), 0))
        kind.currentIndexChanged.connect(lambda _i: self.schedule_quorum())
        table.setCellWidget(r, 1, kind)
        for c, key in enumerate(
            ("votes_for", "votes_against", "votes_abstain", "written_opinions"), start=2
        ):
            value = res.get(key)
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        table.blockSignals(False)
        self.schedule_quorum()

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
            self.record = record
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(max(self.kind.findData(record["kind"]), 0))
            self.kind.blockSignals(False)
            self.org.setCurrentIndex(max(self.org.findData(record["org_id"]), 0))
            self.seq_no.setValue(int(record.get("seq_no") or 0))
            self.starts.setDateTime(QDateTime.fromString(record["starts_at"], "yyyy-MM-ddTHH:mm"))
            self.place.setText(record.get("place") or "")
            self.lecturer.setText(record.get("lecturer") or "")
            self.agenda.setPlainText("\n".join(record.get("agenda") or []))
            self.minutes.setPlainText(record.get("minutes") or "")
            for g in record.get("guests") or []:
                self.add_guest(g.get("name"), g.get("post"), g.get("reason"))
            for res in record.get("resolutions") or []:
                self.add_resolution(res)
            self.setWindowTitle(
                translate("MeetingEditor", "会议记录 — {title}").format(
                    title=record.get("title", "")
                )
            )
        elif self._initial_org:
            self.org.setCurrentIndex(max(self.org.findData(self._initial_org), 0))
        self.load_due()

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
        if any(a["member_id"] == member["id"] for a in self.attendance_rows()):
            return
        self.extra.append(
            {"member_id": member["id"], "name": member["name"], "category": member["category"]}
        )
        self._due_loaded(self.due)

    def _due_loaded(self, due: list[dict]) -> None:
        marks = {a["member_id"]: (a["status"], a.get("reason")) for a in self.attendance_rows()}
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
        table = self.attendance
        table.setRowCount(len(listed))
        for r, m in enumerate(listed):
            item = QTableWidgetItem(m["name"])
            item.setData(Qt.ItemDataRole.UserRole, m["member_id"])
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, 0, item)
            cat = QTableWidgetItem(code_label("category", m["category"]))
            cat.setFlags(cat.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, 1, cat)
            status = QComboBox()
            for code, text in code_choices("attendance_status"):
                status.addItem(text, code)
            reason = QComboBox()
            reason.setEditable(True)
            reason.addItem("", None)
            for code, text in code_choices("absence_reason"):
                reason.addItem(text, code)
            mark = marks.get(m["member_id"], ("present", None))
            status.setCurrentIndex(max(status.findData(mark[0]), 0))
            if mark[1]:
                found = reason.findData(mark[1])
                reason.setCurrentIndex(found) if found >= 0 else reason.setEditText(mark[1])
            reason.setEnabled(mark[0] != "present")
            status.currentIndexChanged.connect(
                lambda _i, s=status, rs=reason: (
                    rs.setEnabled(s.currentData() != "present"),
                    self.schedule_quorum(),
                )
            )
            table.setCellWidget(r, 2, status)
            table.setCellWidget(r, 3, reason)
        table.resizeColumnsToContents()
        for combo in (self.chair, self.recorder):
            key = "chair_id" if combo is self.chair else "recorder_id"
            current = combo.currentData() or self.record.get(key)
            combo.clear()
            combo.addItem("", None)
            for m in due:
                combo.addItem(m["name"], m["member_id"])
            combo.setCurrentIndex(max(combo.findData(current), 0))
        self.schedule_quorum()

    # -- data ----------------------------------------------------------------------------------
    def attendance_rows(self) -> list[dict]:
        rows = []
        for r in range(self.attendance.rowCount()):
            item, status, reason = (
                self.attendance.item(r, 0),
                self.attendance.cellWidget(r, 2),
                self.attendance.cellWidget(r, 3),
            )
            if item is None or status is None:
                continue
            code = status.currentData()
            why = None
            if code != "present" and reason is not None:
                why = (
                    reason.currentData()
                    if reason.currentText() == reason.itemText(reason.currentIndex())
                    else reason.currentText().strip() or None
                )
            rows.append(
                {"member_id": item.data(Qt.ItemDataRole.UserRole), "status": code, "reason": why}
            )
        return rows

    def set_status(self, row: int, code: str) -> None:
        """Mark one attendee (used by keyboard users through the combo, and by tests)."""
        combo = self.attendance.cellWidget(row, 2)
        combo.setCurrentIndex(combo.findData(code))

    def _int(self, table: QTableWidget, r: int, c: int) -> int | None:
        item = table.item(r, c)
        text = item.text().strip() if item else ""
        return int(text) if text.isdigit() else None

    def data(self) -> dict:
        resolutions = []
        for r in range(self.resolutions.rowCount()):
            title = self.resolutions.item(r, 0)
            kind = self.resolutions.cellWidget(r, 1)
            resolutions.append(
                {
                    "title": title.text().strip() if title else "",
                    "kind": kind.currentData() if kind else "ordinary",
                    "votes_for": self._int(self.resolutions, r, 2),
                    "votes_against": self._int(self.resolutions, r, 3),
                    "votes_abstain": self._int(self.resolutions, r, 4),
                    "written_opinions": self._int(self.resolutions, r, 5) or 0,
                }
            )
        guests = []
        for r in range(self.guests.rowCount()):
            cells = [
                self.guests.item(r, c).text().strip() if self.guests.item(r, c) else ""
                for c in range(3)
            ]
            if cells[0]:
                guests.append(
                    {"name": cells[0], "post": cells[1] or None, "reason": cells[2] or None}
                )
        return {
            "org_id": self.org.currentData(),
            "kind": self.kind.currentData(),
            "seq_no": self.seq_no.value() or None,
            "starts_at": self.starts.dateTime().toString("yyyy-MM-ddTHH:mm"),
            "place": self.place.text().strip() or None,
            "chair_id": self.chair.currentData(),
            "recorder_id": self.recorder.currentData(),
            "lecturer": self.lecturer.text().strip() or None,
            "agenda": [
                line.strip() for line in self.agenda.toPlainText().splitlines() if line.strip()
            ],
            "minutes": self.minutes.toPlainText(),
            "attendance": self.attendance_rows(),
            "guests": guests,
            "resolutions": resolutions,
        }

    # -- quorum --------------------------------------------------------------------------------
    def schedule_quorum(self) -> None:
        self.timer.start()

    def compute_quorum(self) -> None:
        if not self.org.currentData():
            return
        self._seq += 1
        seq, data, meetings = self._seq, self.data(), self.ctx.session.meetings
        self.ctx.ops.run(
            lambda: meetings.quorum(data),
            lambda q: seq == self._seq and self.show_quorum(q),
            lambda exc: self.explain.setText(error_text(exc)),
        )

    def show_quorum(self, q) -> None:
        self.quorum_result = q
        self.numbers.setText(
            translate(
                "MeetingEditor",
                "应到 <b>{due}</b> 人　实到 <b>{present}</b> 人<br>"
                "有表决权：应到 <b>{voters_due}</b>　实到 <b>{voters_present}</b>",
            ).format(
                due=q.due_total,
                present=q.present_total,
                voters_due=q.voters_due,
                voters_present=q.voters_present,
            )
        )
        if q.quorum_required:
            good = q.quorum_met
            self.verdict.setObjectName("Good" if good else "Bad")
            self.verdict.setText(
                translate("MeetingEditor", "✔ 到会人数符合要求")
                if good
                else translate("MeetingEditor", "✘ 到会有表决权的党员未超过半数，不能表决")
            )
        else:
            self.verdict.setObjectName("Hint")
            self.verdict.setText(translate("MeetingEditor", "此类会议不要求法定人数"))
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.quorum_lines = list(q.explain(domain_lang()))
        self.explain.setText("\n".join(self.quorum_lines))

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> None:
        meetings, data = self.ctx.session.meetings, self.data()
        self.save_button.setEnabled(False)
        if self.meeting_id is None:
            job = lambda: meetings.add(data)  # noqa: E731
        else:
            mid, base = self.meeting_id, self.record["version"]
            job = lambda: meetings.update(mid, data, base)  # noqa: E731
        self.ctx.ops.run(
            job,
            lambda _r: self.accept(),
            self._failed,
            label=translate("MeetingEditor", "正在保存…"),
            parent=self,
        )

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        widgets.set_error(self.error, error_text(exc))
