"""The meeting editor's three tables: attendance (出席), guests (列席), resolutions (决议与表决).

Each turns rows of the meeting record into table rows and back; the editor owns the layout.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QTableWidget, QTableWidgetItem, QWidget

from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_choices, code_label, translate
from ztclient.ui.member_field import MemberField

BAD = QColor(198, 40, 40)


def grid(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def _int(table: QTableWidget, r: int, c: int) -> int | None:
    item = table.item(r, c)
    text = item.text().strip() if item else ""
    return int(text) if text.isdigit() else None


class AttendanceTable(QTableWidget):
    """姓名, 类别, 出席情况, 缺席原因: one row per member due (and others who came)."""

    def __init__(self, changed: Callable[[], None]) -> None:
        super().__init__(0, 4)
        self.changed = changed
        self.setHorizontalHeaderLabels(
            [
                translate("MeetingEditor", "姓名"),
                translate("MeetingEditor", "类别"),
                translate("MeetingEditor", "出席情况"),
                translate("MeetingEditor", "缺席原因"),
            ]
        )
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setVisible(False)

    def fill(self, listed: list[dict], marks: dict[str, tuple]) -> None:
        self.setRowCount(len(listed))
        for r, m in enumerate(listed):
            item = QTableWidgetItem(m["name"])
            item.setData(Qt.ItemDataRole.UserRole, m["member_id"])
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(r, 0, item)
            cat = QTableWidgetItem(code_label("category", m["category"]))
            cat.setFlags(cat.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(r, 1, cat)
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
                    self.changed(),
                )
            )
            self.setCellWidget(r, 2, status)
            self.setCellWidget(r, 3, reason)
        self.resizeColumnsToContents()

    def rows(self) -> list[dict]:
        out = []
        for r in range(self.rowCount()):
            item, status, reason = self.item(r, 0), self.cellWidget(r, 2), self.cellWidget(r, 3)
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
            out.append(
                {"member_id": item.data(Qt.ItemDataRole.UserRole), "status": code, "reason": why}
            )
        return out

    def set_status(self, row: int, code: str) -> None:
        combo = self.cellWidget(row, 2)
        combo.setCurrentIndex(combo.findData(code))


class GuestsTable(QTableWidget):
    """列席人员: name, post, why they attended (people who are not members due)."""

    def __init__(self) -> None:
        super().__init__(0, 3)
        self.setHorizontalHeaderLabels(
            [
                translate("MeetingEditor", "列席人员姓名"),
                translate("MeetingEditor", "职务"),
                translate("MeetingEditor", "列席原因"),
            ]
        )
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setVisible(False)

    def add(self, name: str = "", post: str = "", reason: str = "") -> None:
        r = self.rowCount()
        self.insertRow(r)
        for c, text in enumerate((name, post, reason)):
            self.setItem(r, c, QTableWidgetItem(text or ""))

    def rows(self) -> list[dict]:
        out = []
        for r in range(self.rowCount()):
            cells = [self.item(r, c).text().strip() if self.item(r, c) else "" for c in range(3)]
            if cells[0]:
                out.append({"name": cells[0], "post": cells[1] or None, "reason": cells[2] or None})
        return out


VOTES = ("votes_for", "votes_against", "votes_abstain", "written_opinions")
MONTHS_ROLE = Qt.ItemDataRole.UserRole + 1
FIRST_VOTE_COL = 3


class ResolutionsTable(QTableWidget):
    """决议事项, 类型, 涉及党员 (the subject of an admission or conversion vote), the votes."""

    def __init__(self, ctx: UiContext, changed: Callable[[], None]) -> None:
        super().__init__(0, 7)
        self.ctx, self.changed = ctx, changed
        self.setHorizontalHeaderLabels(
            [
                translate("MeetingEditor", "决议事项"),
                translate("MeetingEditor", "类型"),
                translate("MeetingEditor", "涉及党员"),
                translate("MeetingEditor", "赞成"),
                translate("MeetingEditor", "反对"),
                translate("MeetingEditor", "弃权"),
                translate("MeetingEditor", "书面意见"),
            ]
        )
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setVisible(False)
        self.setColumnWidth(0, 240)
        self.setColumnWidth(2, 150)
        self.itemChanged.connect(lambda _i: self.changed())

    def add(self, res: dict | None = None) -> None:
        res = res or {}
        self.blockSignals(True)
        r = self.rowCount()
        self.insertRow(r)
        title = QTableWidgetItem(res.get("title") or "")
        title.setData(Qt.ItemDataRole.UserRole, res.get("id"))
        title.setData(MONTHS_ROLE, res.get("extension_months"))  # 延长预备期: kept on edit
        self.setItem(r, 0, title)
        kind = QComboBox()
        for code, text in code_choices("resolution_kind"):
            kind.addItem(text, code)
        kind.setCurrentIndex(max(kind.findData(res.get("kind") or "ordinary"), 0))
        kind.currentIndexChanged.connect(lambda _i: self.changed())
        self.setCellWidget(r, 1, kind)
        subject = MemberField(self.ctx)
        subject.set_member(res.get("subject_member_id"), res.get("subject_name"))
        self.setCellWidget(r, 2, subject)
        for c, key in enumerate(VOTES, start=FIRST_VOTE_COL):
            value = res.get(key)
            self.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        self.blockSignals(False)
        self.changed()

    def subject(self, r: int) -> MemberField:
        return self.cellWidget(r, 2)  # type: ignore[return-value]

    def rows(self) -> list[dict]:
        out = []
        for r in range(self.rowCount()):
            title, kind = self.item(r, 0), self.cellWidget(r, 1)
            row = {
                "title": title.text().strip() if title else "",
                "kind": kind.currentData() if kind else "ordinary",
                "subject_member_id": self.subject(r).member_id() if self.subject(r) else None,
            }
            if title is not None and title.data(Qt.ItemDataRole.UserRole):
                row["id"] = title.data(Qt.ItemDataRole.UserRole)
            if title is not None and title.data(MONTHS_ROLE):
                row["extension_months"] = title.data(MONTHS_ROLE)
            for c, key in enumerate(VOTES, start=FIRST_VOTE_COL):
                row[key] = _int(self, r, c)
            row["written_opinions"] = row["written_opinions"] or 0
            out.append(row)
        return out

    def mark(self, problems: dict[int, str]) -> None:
        """Paint the vote cells of impossible rows red, with the reason as their tooltip."""
        self.blockSignals(True)
        for r in range(self.rowCount()):
            for c in range(FIRST_VOTE_COL, FIRST_VOTE_COL + len(VOTES)):
                item = self.item(r, c)
                if item is None:
                    continue
                item.setForeground(QBrush(BAD) if r in problems else QBrush())
                item.setToolTip(problems.get(r, ""))
        self.blockSignals(False)


def first_widget_of(table: QTableWidget, row: int, col: int) -> QWidget | None:
    """The cell to focus for an error in ``row``: its cell widget, else the table at that cell."""
    table.setCurrentCell(row, col)
    return table.cellWidget(row, col) or table
