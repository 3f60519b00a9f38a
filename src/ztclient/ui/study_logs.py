"""学习 → 学习记录…: one member's study logs of a year, and 作废… of a wrong one with a reason.

A log entered wrongly (wrong member, hours or date) is voided, never deleted: it stays in the
list, greyed and marked 已作废 with its reason, and no longer counts (study totals are kept by
triggers). Members no longer on the roll are found too: their past logs stay readable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ztclient.services.changes import Changes
from ztclient.ui import same_names, widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_label, error_text, translate
from ztclient.ui.table_model import DictTableModel

VOIDED_GREY = "#9e9e9e"
MEMBER = Qt.ItemDataRole.UserRole


def _status(r: dict[str, Any]) -> str:
    if r["voided"]:
        return translate("StudyLogs", "已作废：{reason}").format(reason=r.get("void_reason") or "")
    return translate("StudyLogs", "有效")


class LogsModel(DictTableModel):
    """The logs; a voided one greyed (its 状态 says why), never left out."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            return QColor(VOIDED_GREY) if self.rows[index.row()]["voided"] else None
        return super().data(index, role)


def _member_text(r: dict[str, Any]) -> str:
    text = f"{r.get('label') or r['name']}　{r.get('org_name') or ''}"
    if r.get("status") and r["status"] != "normal":  # 已转出, 出党…: still found, and said so
        text += translate("StudyLogs", "（{status}）").format(
            status=code_label("status", r["status"])
        )
    return text


class StudyLogsDialog(QDialog):
    """``member`` (a row with id and name) is shown first; another is found by typing."""

    def __init__(
        self, ctx: UiContext, year: int, member: dict | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict[str, Any]] = []
        self._sized = False
        self.setWindowTitle(translate("StudyLogs", "学习记录"))
        box = QVBoxLayout(self)
        form = QFormLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            translate("StudyLogs", "输入姓名或拼音首字母（含已转出、出党等不在册的党员）")
        )
        self.results = QListWidget()
        self.results.setMaximumHeight(96)
        self.results.currentItemChanged.connect(lambda _c, _p: self.reload())
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        form.addRow(translate("StudyLogs", "党员"), self.search)
        form.addRow("", self.results)
        form.addRow(translate("StudyLogs", "年度"), self.year)
        box.addLayout(form)
        self.summary = QLabel()
        box.addWidget(self.summary)
        self.model = LogsModel(
            [
                ("date", translate("StudyLogs", "日期"), None),
                ("form", translate("StudyLogs", "学习形式"),
                 lambda r: code_label("study_form", r["form"])),
                ("hours", translate("StudyLogs", "学时"), None),
                ("topic", translate("StudyLogs", "学习内容"), None),
                ("meeting_title", translate("StudyLogs", "会议"), None),
                ("state", translate("StudyLogs", "状态"), _status),
            ],
            self,
        )  # fmt: skip
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((96, 84, 56, 200, 170)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._enable())
        box.addWidget(self.table, 1)
        self.error = widgets.error_label()
        box.addWidget(self.error)
        bar = QHBoxLayout()
        self.void_button = QPushButton(translate("StudyLogs", "作废…"))
        self.void_button.setToolTip(
            translate("StudyLogs", "作废选定的学习记录：记录仍保留并注明原因，不再计入学时")
        )
        self.void_button.clicked.connect(self.void_selected)
        close = QPushButton(translate("StudyLogs", "关闭"))
        close.clicked.connect(self.accept)
        bar.addWidget(self.void_button)
        bar.addStretch(1)
        bar.addWidget(close)
        box.addLayout(bar)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.find)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        ctx.ops.changed.connect(self.on_changed)
        self.resize(860, 520)
        self._enable()
        if member is not None:
            self._found([member])
        else:
            self._loaded([])
            self.search.setFocus()

    # -- the member ------------------------------------------------------------------------------
    def find(self) -> None:
        text, members = self.search.text().strip(), self.ctx.session.members

        def job():
            return members.found(text or None, 50, include_former=True)

        self.ctx.ops.run(job, self._found)

    def _found(self, rows: list[dict]) -> None:
        self.results.clear()
        if len(rows) > 1:  # one row: the member the page chose, already named
            rows = same_names.labelled(rows)
        for r in rows:
            item = QListWidgetItem(_member_text(r))
            item.setData(MEMBER, r)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)
        else:
            self.reload()

    def member(self) -> dict | None:
        item = self.results.currentItem()
        return item.data(MEMBER) if item is not None else None

    # -- the logs --------------------------------------------------------------------------------
    def reload(self) -> None:
        member, year, study = self.member(), self.year.value(), self.ctx.session.study
        if member is None:
            self._loaded([])
            return
        self.ctx.ops.run(
            lambda: (study.logs(member["id"], year), study.counted_forms()),
            lambda result: self._loaded(*result),
            modal=False,
        )

    def _loaded(self, rows: list[dict[str, Any]], counted: tuple[str, ...] = ()) -> None:
        chosen = self.selected()
        self.rows = rows
        self.model.set_rows(rows)
        for i, r in enumerate(rows):  # the same log stays selected (its 状态 now says 已作废)
            if chosen is not None and r["id"] == chosen["id"]:
                self.table.selectRow(i)
        if rows and not self._sized:  # once: date, form and hours as wide as they need
            self._sized = True
            for col in (0, 1, 2):
                self.table.resizeColumnToContents(col)
                self.table.setColumnWidth(col, self.table.columnWidth(col) + 12)
        member = self.member()
        valid = [r for r in rows if not r["voided"]]
        if member is None:
            self.summary.setText(translate("StudyLogs", "请先选择党员"))
        else:
            self.summary.setText(
                translate(
                    "StudyLogs",
                    "{name} {year} 年：有效记录 {n} 条，共 {hours:g} 学时（计入目标的 {counted:g} 学时）；"
                    "已作废 {v} 条",
                ).format(
                    name=member.get("label") or member["name"],
                    year=self.year.value(),
                    n=len(valid),
                    hours=round(sum(float(r["hours"]) for r in valid), 2),
                    counted=round(sum(float(r["hours"]) for r in valid if r["form"] in counted), 2),
                    v=len(rows) - len(valid),
                )
            )
        self._enable()

    def on_changed(self, changes: Changes) -> None:
        if changes.study and self.isVisible():
            self.reload()

    def selected(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        log = self.selected()
        self.void_button.setEnabled(log is not None and not log["voided"])

    # -- 作废 --------------------------------------------------------------------------------------
    def void_selected(self) -> None:
        """Asks the reason, then whether to go on; the service refuses an empty reason and a log
        voided already (its coded message is shown here); nothing is written then."""
        log, title = self.selected(), translate("StudyLogs", "作废学习记录")
        if log is None:
            QMessageBox.information(self, title, translate("StudyLogs", "请先选定一条学习记录。"))
            return
        what = translate("StudyLogs", "{name} {date} {form} {hours:g} 学时“{topic}”").format(
            name=log.get("name") or "",
            date=log["date"],
            form=code_label("study_form", log["form"]),
            hours=float(log["hours"]),
            topic=log.get("topic") or "",
        )
        reason, ok = QInputDialog.getText(
            self,
            title,
            translate(
                "StudyLogs",
                "作废{what}：记录仍保留并注明已作废，不再计入学时。\n作废的原因：",
            ).format(what=what),
        )
        if not ok:
            return
        reason = reason.strip()
        if reason:
            answer = QMessageBox.question(
                self,
                title,
                translate("StudyLogs", "确定作废{what}吗？\n原因：{reason}").format(
                    what=what, reason=reason
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        study, log_id = self.ctx.session.study, log["id"]
        widgets.set_error(self.error, None)
        self.ctx.ops.run(
            lambda: study.void(log_id, reason),
            lambda _changes: widgets.set_error(self.error, None),
            lambda e: widgets.set_error(self.error, error_text(e)),
            parent=self,
        )
