"""学习: yearly hours per member against the target, who is short, and the two ways to log study."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ztclient.services import undo
from ztclient.services.changes import Changes
from ztclient.ui import same_names, widgets
from ztclient.ui.context import UiContext
from ztclient.ui.editor_guard import ForgivingDialog
from ztclient.ui.i18n import code_choices, code_label, error_text, translate
from ztclient.ui.table_model import DictTableModel
from ztclient.ui.theme import icon


class StudyView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded = False
        self.all_rows: list[dict] = []
        box = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(widgets.title(translate("Study", "学习")))
        head.addStretch(1)
        self.totals = QLabel()
        head.addWidget(self.totals)
        box.addLayout(head)
        bar = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.session.clock.today().year)
        self.year.setPrefix(translate("Study", "年度 "))
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.short_only = QCheckBox(translate("Study", "只看未达标"))
        self.short_only.toggled.connect(lambda _b: self._filter())
        self.log_one = QPushButton(icon("add"), translate("Study", "登记学习…"))
        self.log_one.clicked.connect(self.open_log_one)
        self.log_meeting = QPushButton(translate("Study", "按会议批量登记…"))
        self.log_meeting.clicked.connect(self.open_log_meeting)
        self.logs_button = QPushButton(translate("Study", "学习记录…"))
        self.logs_button.setToolTip(
            translate("Study", "选中党员的学习记录（双击表中一行也可打开），可作废登记错的记录")
        )
        self.logs_button.clicked.connect(self.open_logs)
        for w in (self.year, self.short_only):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.log_one)
        bar.addWidget(self.log_meeting)
        bar.addWidget(self.logs_button)
        box.addLayout(bar)
        self.model = DictTableModel(
            [
                ("name", translate("Study", "姓名"), lambda r: r.get("label") or r["name"]),
                ("org_name", translate("Study", "所在党支部"), None),
                (
                    "category",
                    translate("Study", "类别"),
                    lambda r: code_label("category", r["category"]),
                ),
                ("hours", translate("Study", "已学学时"), None),
                ("target", translate("Study", "目标"), None),
                ("short", translate("Study", "还差"), lambda r: r["short"] or ""),
            ],
            self,
        )
        self.model.highlight = lambda r: r["short"] > 0
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.doubleClicked.connect(lambda _i: self.open_logs())
        self._sized = False
        box.addWidget(self.table, 1)

    def activate(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.reload()

    def reload(self) -> None:
        year, study, members = self.year.value(), self.ctx.session.study, self.ctx.session.members

        def job() -> list[dict]:
            rows = study.summary(year)
            same = same_names.duplicated(rows)  # their ID numbers tell them apart
            ids = [r["member_id"] for r in rows if r["name"] in same]
            numbers = {i: r["id_number"] for i, r in members.rows_by_id(ids).items()}
            return same_names.labelled(rows, numbers, id_key="member_id")

        self.ctx.ops.run(
            job,
            self._loaded,
            label=translate("Study", "正在统计学时…"),
            modal=False,
        )

    def _loaded(self, rows: list[dict]) -> None:
        self.all_rows = rows
        short = sum(1 for r in rows if r["short"] > 0)
        self.totals.setText(
            translate("Study", "{n} 人，已达标 {ok} 人，未达标 {short} 人").format(
                n=len(rows), ok=len(rows) - short, short=short
            )
        )
        self._filter()
        if rows and not self._sized:
            self._sized = True  # once: widths from the visible rows, plus a little air
            self.table.resizeColumnsToContents()
            for col in range(self.model.columnCount() - 1):
                self.table.setColumnWidth(col, self.table.columnWidth(col) + 18)

    def _filter(self) -> None:
        rows = (
            [r for r in self.all_rows if r["short"] > 0]
            if self.short_only.isChecked()
            else self.all_rows
        )
        self.model.set_rows(rows)

    def on_changed(self, changes: Changes) -> None:
        if self.loaded and (changes.study or changes.members or changes.settings):
            self.reload()

    def clear(self) -> None:
        self.all_rows = []
        self.model.clear()
        self.loaded = False

    def open_log_one(self) -> None:
        self.dialog = self.ctx.windows.open(("study-log",), lambda: StudyLogDialog(self.ctx, self))

    def open_logs(self) -> None:
        """学习记录…: the logs of the member selected in the table (or one found by name, also
        one no longer on the roll) for the year shown; a wrong one is voided there."""
        from ztclient.ui.study_logs import StudyLogsDialog

        chosen = self.table.selectionModel().selectedRows()
        row = self.model.row(chosen[0].row()) if chosen else None
        member = {"id": row["member_id"], "name": row["name"], "label": row.get("label"),
                  "org_name": row.get("org_name")} if row else None  # fmt: skip
        year = self.year.value()
        self.dialog = self.ctx.windows.open(
            ("study-logs",), lambda: StudyLogsDialog(self.ctx, year, member, self)
        )

    def open_log_meeting(self) -> None:
        self.dialog = self.ctx.windows.open(
            ("study-meeting",), lambda: MeetingStudyDialog(self.ctx, self)
        )


def _form_combo() -> QComboBox:
    combo = QComboBox()
    for code, text in code_choices("study_form"):
        combo.addItem(text, code)
    return combo


def _hours() -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.5, 80)
    spin.setSingleStep(0.5)
    spin.setValue(2)
    spin.setSuffix(translate("Study", " 学时"))
    return spin


class StudyLogDialog(ForgivingDialog):
    """Study for one member: search the roster, pick, enter date, hours, form, topic."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(translate("Study", "登记学习"))
        form = QFormLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("Study", "输入姓名或拼音首字母"))
        self.results = QListWidget()
        self.results.setMaximumHeight(160)
        self.date = widgets.date_edit(ctx)
        self.hours = _hours()
        self.form = _form_combo()
        self.topic = QLineEdit()
        self.error = widgets.error_label()
        form.addRow(translate("Study", "党员"), self.search)
        form.addRow("", self.results)
        form.addRow(translate("Study", "日期"), self.date)
        form.addRow(translate("Study", "学时"), self.hours)
        form.addRow(translate("Study", "学习形式"), self.form)
        form.addRow(translate("Study", "学习内容"), self.topic)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Study", "登记"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Study", "取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.find)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.setMinimumWidth(460)
        self.mark_clean()

    def save(self) -> None:
        self.submit()

    def find(self) -> None:
        text, members = self.search.text().strip(), self.ctx.session.members

        def job():
            return members.found(text or None, 50)

        def done(rows) -> None:
            self.results.clear()
            for r in same_names.labelled(rows):
                item = QListWidgetItem(f"{r['label']}　{r.get('org_name') or ''}")
                item.setData(Qt.ItemDataRole.UserRole, r["id"])
                self.results.addItem(item)
            if rows:
                self.results.setCurrentRow(0)

        self.ctx.ops.run(job, done)

    def submit(self) -> None:
        item = self.results.currentItem()
        if item is None:
            widgets.set_error(self.error, translate("Study", "请先选择党员"))
            return
        log = {
            "member_id": item.data(Qt.ItemDataRole.UserRole),
            "date": self.date.date().toString("yyyy-MM-dd"),
            "hours": self.hours.value(),
            "form": self.form.currentData(),
            "topic": self.topic.text().strip(),
        }
        study, name = self.ctx.session.study, item.text().split("　")[0]

        def done(result) -> None:
            ids = result[0]
            self.ctx.undo.push(
                translate("Study", "登记{name}的学习").format(name=name),
                undo.study_logs(study, ids),
            )
            self.accept()

        self.ctx.ops.run(
            lambda: study.add([log]), done, lambda e: widgets.set_error(self.error, error_text(e))
        )


class MeetingStudyDialog(ForgivingDialog):
    """The same hours for everyone present at a meeting, in one step."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(translate("Study", "按会议批量登记学习"))
        form = QFormLayout(self)
        self.meeting = QComboBox()
        self.hours = _hours()
        self.form = _form_combo()
        self.error = widgets.error_label()
        form.addRow(translate("Study", "会议"), self.meeting)
        form.addRow(translate("Study", "每人学时"), self.hours)
        form.addRow(translate("Study", "学习形式"), self.form)
        form.addRow(
            widgets.hint(translate("Study", "给该次会议所有“出席”的党员各登记同样的学时。"))
        )
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Study", "登记"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Study", "取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(520)
        meetings = ctx.session.meetings
        ctx.ops.run(lambda: meetings.list(limit=200), self._listed)

    def _listed(self, rows) -> None:
        for r in rows:
            self.meeting.addItem(
                f"{r['starts_at'][:10]}  {r['title']}（{r['present']}人）", r["id"]
            )
        self.mark_clean()

    def save(self) -> None:
        self.submit()

    def submit(self) -> None:
        meeting_id = self.meeting.currentData()
        if not meeting_id:
            widgets.set_error(self.error, translate("Study", "请选择会议"))
            return
        study, hours, form = self.ctx.session.study, self.hours.value(), self.form.currentData()
        title = self.meeting.currentText()

        def done(result) -> None:
            ids = result[0]
            self.ctx.undo.push(
                translate("Study", "批量登记{n}人学习").format(n=len(ids)),
                undo.study_logs(study, ids),
            )
            self.count = len(ids)
            self.accept()

        del title
        self.ctx.ops.run(
            lambda: study.add_for_meeting(meeting_id, hours, form),
            done,
            lambda e: widgets.set_error(self.error, error_text(e)),
            label=translate("Study", "正在登记…"),
            parent=self,
        )
