"""The meeting editor's head: type, organisation, title, number, start and end, place, and the
people — 主持人, 记录人, 授课人 — picked from the roster by search (member_field.py).

End before start is refused here with the reason under the times (issue 9); the service
refuses it on every other path (E_DATE_ORDER).
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_choices, translate
from ztclient.ui.member_field import MemberField

TIME_FORMAT = "yyyy-MM-ddTHH:mm"


class MeetingHead(QWidget):
    """``values()`` gives the meeting's own columns; ``show_record`` fills them from ``get()``."""

    # fields the editor (and its tests) reach by the editor's own attribute names
    SHARED = (
        "kind",
        "org",
        "title",
        "seq_no",
        "starts",
        "ends",
        "has_end",
        "place",
        "chair",
        "recorder",
        "lecturer",
        "time_error",
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for code, text in code_choices("meeting_kind"):
            self.kind.addItem(text, code)
        self.org = QComboBox()
        self.title = QLineEdit()
        self.title.setPlaceholderText(translate("MeetingEditor", "不填则按组织和会议类型自动生成"))
        self.seq_no = QSpinBox()
        self.seq_no.setRange(0, 999)
        self.seq_no.setSpecialValueText(translate("MeetingEditor", "（不编号）"))
        now = QDateTime.currentDateTime()
        self.starts = QDateTimeEdit(now)
        self.ends = QDateTimeEdit(now.addSecs(2 * 3600))
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.has_end = QCheckBox(translate("MeetingEditor", "结束"))
        self.has_end.setToolTip(translate("MeetingEditor", "勾选后填写会议结束时间"))
        self.ends.setEnabled(False)
        ends_row = QWidget()
        erow = QHBoxLayout(ends_row)
        erow.setContentsMargins(0, 0, 0, 0)
        erow.addWidget(self.has_end)
        erow.addWidget(self.ends, 1)
        self.time_error = widgets.error_label()
        self.place = QLineEdit()
        self.chair = MemberField(ctx)
        self.recorder = MemberField(ctx)
        self.lecturer = MemberField(ctx, allow_text=True)
        self.labels = {
            "kind": translate("MeetingEditor", "会议类型"),
            "org_id": translate("MeetingEditor", "组织"),
            "title": translate("MeetingEditor", "会议名称"),
            "seq_no": translate("MeetingEditor", "第几次"),
            "starts_at": translate("MeetingEditor", "开始时间"),
            "ends_at": translate("MeetingEditor", "结束时间"),
            "place": translate("MeetingEditor", "地点"),
            "chair_id": translate("MeetingEditor", "主持人"),
            "recorder_id": translate("MeetingEditor", "记录人"),
            "lecturer": translate("MeetingEditor", "授课人（党课）"),
        }
        self.inputs: dict[str, QWidget] = {
            "kind": self.kind,
            "org_id": self.org,
            "title": self.title,
            "seq_no": self.seq_no,
            "starts_at": self.starts,
            "ends_at": ends_row,
            "place": self.place,
            "chair_id": self.chair,
            "recorder_id": self.recorder,
            "lecturer": self.lecturer,
        }
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        # Two columns of fields keep the attendance table tall enough on a 768-pixel screen.
        for i, (key, widget) in enumerate(self.inputs.items()):
            grid.addWidget(QLabel(self.labels[key]), i // 2, (i % 2) * 2)
            grid.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        grid.addWidget(self.time_error, len(self.inputs) // 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.starts.dateTimeChanged.connect(lambda _d: self.check_times())
        self.ends.dateTimeChanged.connect(lambda _d: self.check_times())
        self.has_end.toggled.connect(self._end_toggled)

    def show_record(self, record: dict) -> None:
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(self.kind.findData(record["kind"]), 0))
        self.kind.blockSignals(False)
        self.org.setCurrentIndex(max(self.org.findData(record["org_id"]), 0))
        self.title.setText(record.get("title") or "")
        self.seq_no.setValue(int(record.get("seq_no") or 0))
        self.starts.setDateTime(QDateTime.fromString(record["starts_at"], TIME_FORMAT))
        if record.get("ends_at"):
            self.ends.setDateTime(QDateTime.fromString(record["ends_at"], TIME_FORMAT))
        self.has_end.setChecked(bool(record.get("ends_at")))
        self.place.setText(record.get("place") or "")
        self.chair.set_member(record.get("chair_id"), record.get("chair_name"))
        self.recorder.set_member(record.get("recorder_id"), record.get("recorder_name"))
        self.lecturer.set_member(
            record.get("lecturer_id"), record.get("lecturer_name") or record.get("lecturer")
        )

    def values(self) -> dict:
        ends = self.ends.dateTime().toString(TIME_FORMAT) if self.has_end.isChecked() else None
        return {
            "org_id": self.org.currentData(),
            "kind": self.kind.currentData(),
            "title": self.title.text().strip() or None,
            "seq_no": self.seq_no.value() or None,
            "starts_at": self.starts.dateTime().toString(TIME_FORMAT),
            "ends_at": ends,
            "place": self.place.text().strip() or None,
            "chair_id": self.chair.member_id(),
            "recorder_id": self.recorder.member_id(),
            "lecturer_id": self.lecturer.member_id(),
            "lecturer": self.lecturer.text().strip() or None,
        }

    def _end_toggled(self, on: bool) -> None:
        self.ends.setEnabled(on)
        if on and self.ends.dateTime() < self.starts.dateTime():
            self.ends.setDateTime(self.starts.dateTime().addSecs(2 * 3600))
        self.check_times()

    def check_times(self) -> str | None:
        """The reason the times cannot be saved (shown under them), or None."""
        problem = None
        if self.has_end.isChecked() and self.ends.dateTime() < self.starts.dateTime():
            problem = translate("MeetingEditor", "结束时间早于开始时间")
        widgets.set_error(self.time_error, problem)
        return problem

    def first_problem(self) -> tuple[QWidget, str, str] | None:
        if problem := self.check_times():
            return self.ends, self.labels["ends_at"], problem
        for key in ("chair_id", "recorder_id"):
            field: MemberField = self.inputs[key]  # type: ignore[assignment]
            if problem := field.problem():
                return field, self.labels[key], problem
        return None
