"""导入花名册: choose an .xlsx → dry run on the worker → header row, column mapping and every
row's errors and warnings → 全部导入 (only without errors) or 跳过有错误的行导入 → result.
Suspected duplicates of rows without an ID number are left out unless the clerk ticks
疑似重复的行也导入 (services/roster_duplicates.py).

Nothing is written until the clerk presses an import button; the service then checks the
file again and writes all rows (or all valid rows) in one transaction. The ``Changes`` the
import returns go out through the operations helper, so the roster and dashboard refresh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ztclient.domain import codes
from ztclient.ui import widgets
from ztclient.ui.compat import emit
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import domain_lang, translate

# Issues that 建立表中的党支部和党小组 (create_orgs) resolves.
_ORG_UNKNOWN = ("E_IMPORT_ORG_UNKNOWN", "W_IMPORT_GROUP_UNKNOWN", "W_IMPORT_POST_ORG_UNKNOWN")


def field_label(name: str) -> str:
    from ztclient.domain.messages import FIELD_LABELS

    extra = {
        "org_name": ("所在党支部", "branch"),
        "group_name": ("党小组", "party group"),
        "party_post": ("党内职务", "party post"),
        "_seq": ("序号（不导入）", "No. (not imported)"),
    }
    pair = FIELD_LABELS.get(name) or extra.get(name)
    if pair is None:
        return name
    return pair[1] if domain_lang() == "en" else pair[0]


def issue_text(issue: Any) -> str:
    from ztclient.domain.messages import render

    return render(issue.code, domain_lang(), **dict(issue.params or {}))


class ImportWizard(QDialog):
    """Three pages in a stack: 选择文件 · 检查结果 · 完成."""

    imported = Signal(object)  # Changes

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.report: Any = None
        self.ids: list[str] = []
        self.setWindowTitle(translate("ImportWizard", "导入花名册"))
        self.resize(980, 640)
        box = QVBoxLayout(self)
        self.stack = QStackedWidget()
        box.addWidget(self.stack, 1)

        # 1. choose
        choose = QWidget()
        cbox = QVBoxLayout(choose)
        cbox.addWidget(widgets.title(translate("ImportWizard", "第一步：选择 Excel 文件")))
        cbox.addWidget(
            widgets.hint(
                translate(
                    "ImportWizard",
                    "选择党员花名册（.xlsx）。程序会自动找到表头行（如“姓名”“性别”“公民身份号码”），"
                    "先逐行检查，不会马上写入。旧版 .xls 请先在 Excel 或 WPS 中另存为 .xlsx。",
                )
            )
        )
        row = QHBoxLayout()
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(translate("ImportWizard", "尚未选择文件"))
        browse = QPushButton(translate("ImportWizard", "选择文件…"))
        browse.clicked.connect(self.browse)
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        cbox.addLayout(row)
        cbox.addStretch(1)
        self.stack.addWidget(choose)

        # 2. check
        check = QWidget()
        kbox = QVBoxLayout(check)
        kbox.addWidget(widgets.title(translate("ImportWizard", "第二步：核对检查结果")))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        kbox.addWidget(self.summary)
        self.header_info = widgets.hint("")
        kbox.addWidget(self.header_info)
        tables = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(translate("ImportWizard", "列的对应关系")))
        self.mapping = self._table(
            [translate("ImportWizard", "表中的列"), translate("ImportWizard", "导入为")]
        )
        left.addWidget(self.mapping, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(translate("ImportWizard", "逐行检查发现的问题")))
        self.issues = self._table(
            [
                translate("ImportWizard", "行"),
                translate("ImportWizard", "列"),
                translate("ImportWizard", "级别"),
                translate("ImportWizard", "问题"),
            ]
        )
        right.addWidget(self.issues, 1)
        tables.addLayout(left, 3)
        tables.addLayout(right, 7)
        kbox.addLayout(tables, 1)
        self.create_box = QCheckBox(translate("ImportWizard", "建立表中的党支部和党小组"))
        self.create_box.toggled.connect(lambda _on: self.dry_run())  # check again, planning them
        kbox.addWidget(self.create_box)
        self.suspected_box = QCheckBox()
        self.suspected_box.toggled.connect(lambda _on: self._buttons())
        kbox.addWidget(self.suspected_box)
        self.stack.addWidget(check)

        # 3. done
        done = QWidget()
        dbox = QVBoxLayout(done)
        dbox.addWidget(widgets.title(translate("ImportWizard", "导入完成")))
        self.result = QLabel()
        self.result.setWordWrap(True)
        dbox.addWidget(self.result)
        dbox.addStretch(1)
        self.stack.addWidget(done)

        buttons = QHBoxLayout()
        self.back_button = QPushButton(translate("ImportWizard", "重新选择文件"))
        self.back_button.clicked.connect(lambda: self.stack.setCurrentIndex(0) or self._buttons())
        self.check_button = QPushButton(translate("ImportWizard", "检查"))
        self.check_button.clicked.connect(self.dry_run)
        self.import_button = QPushButton(translate("ImportWizard", "全部导入"))
        self.import_button.clicked.connect(lambda: self.run_import(skip_invalid=False))
        self.skip_button = QPushButton(translate("ImportWizard", "跳过有错误的行导入"))
        self.skip_button.clicked.connect(lambda: self.run_import(skip_invalid=True))
        self.close_button = QPushButton(translate("ImportWizard", "取消"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for b in (self.check_button, self.skip_button, self.import_button, self.close_button):
            buttons.addWidget(b)
        box.addLayout(buttons)
        self._buttons()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -- state -------------------------------------------------------------------------------
    @property
    def error_rows(self) -> set[int]:
        return {i.row for i in self.report.errors} if self.report is not None else set()

    @property
    def left_out(self) -> set[int]:
        """Suspected duplicates the clerk has not asked to import."""
        if self.report is None or self.suspected_box.isChecked():
            return set()
        return set(self.report.suspected)

    @property
    def good_rows(self) -> int:
        if self.report is None:
            return 0
        bad = self.error_rows | self.left_out
        return sum(1 for r in self.report.rows if r.row not in bad)

    def _buttons(self) -> None:
        page = self.stack.currentIndex()
        has_errors = bool(self.report is not None and self.report.errors)
        self.back_button.setVisible(page == 1)
        self.check_button.setVisible(page == 0)
        self.check_button.setEnabled(self.path is not None)
        self.import_button.setVisible(page == 1)
        self.import_button.setEnabled(
            page == 1 and self.report is not None and self.report.ok and self.good_rows > 0
        )
        self.suspected_box.setVisible(page == 1 and bool(self.report and self.report.suspected))
        unknown = bool(self.report and any(i.code in _ORG_UNKNOWN for i in self.report.issues))
        self.create_box.setVisible(page == 1 and (unknown or self.create_box.isChecked()))
        self.import_button.setText(
            translate("ImportWizard", "导入其余 {good} 行").format(good=self.good_rows)
            if self.left_out
            else translate("ImportWizard", "全部导入")
        )
        self.skip_button.setVisible(page == 1 and has_errors)
        self.skip_button.setEnabled(page == 1 and has_errors and self.good_rows > 0)
        if page == 1 and has_errors:
            self.skip_button.setText(
                translate("ImportWizard", "跳过有错误的 {bad} 行，导入其余 {good} 行").format(
                    bad=len(self.error_rows), good=self.good_rows
                )
            )
        self.close_button.setText(
            translate("ImportWizard", "关闭") if page == 2 else translate("ImportWizard", "取消")
        )

    # -- steps -------------------------------------------------------------------------------
    def browse(self) -> None:
        from ztclient.ui.reports_view import documents_dir

        path, _f = QFileDialog.getOpenFileName(
            self,
            translate("ImportWizard", "选择花名册"),
            documents_dir(),
            translate("ImportWizard", "Excel 文件 (*.xlsx);;所有文件 (*)"),
        )
        if path:
            self.set_file(path)

    def set_file(self, path: str | Path) -> None:
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self._buttons()

    def dry_run(self) -> None:
        if self.path is None:
            return
        reports, path = self.ctx.session.reports, self.path
        create = self.create_box.isChecked()
        self.check_button.setEnabled(False)
        self.ctx.ops.run(
            lambda: reports.import_roster(path, dry_run=True, create_orgs=create)[0],
            self._checked,
            self._failed,
            label=translate("ImportWizard", "正在逐行检查…"),
            parent=self,
        )

    def _failed(self, exc: BaseException) -> None:
        self._buttons()
        self.ctx.ops.show_error(exc, self)

    def _checked(self, report: Any) -> None:
        self.report = report
        self.suspected_box.setChecked(False)
        n_rows, n_err = len(report.rows), len(self.error_rows)
        n_warn = sum(1 for i in report.issues if i.severity != "error")
        if report.ok and report.suspected:
            text = translate("ImportWizard", "共 {rows} 行通过检查，将导入 {good} 行。").format(
                rows=n_rows, good=self.good_rows
            )
            color = "#2e7d32" if self.good_rows else "#c62828"
        elif report.ok:
            text = translate("ImportWizard", "共 {rows} 行，全部通过检查，可以导入。").format(
                rows=n_rows
            )
            color = "#2e7d32"
        elif not report.rows:
            text = translate("ImportWizard", "没有可以导入的行，请看下面的问题。")
            color = "#c62828"
        else:
            text = translate(
                "ImportWizard",
                "共 {rows} 行，其中 {bad} 行有错误。请在 Excel 中改正后重新选择文件，"
                "或跳过这些行只导入其余 {good} 行。",
            ).format(rows=n_rows, bad=n_err, good=self.good_rows)
            color = "#c62828"
        n_sus = len(report.suspected)
        if n_sus:
            text += translate(
                "ImportWizard",
                "其中 {n} 行疑似与已有党员或表中前面的行是同一人（没有身份证号码，姓名和日期相同），"
                "默认不导入，请看下面的提醒。",
            ).format(n=n_sus)
            n_warn -= n_sus
        if n_warn:
            text += translate("ImportWizard", "（另有 {n} 条提醒，不影响导入）").format(n=n_warn)
        if report.orgs_to_create:
            kinds = codes.table("org_kind")
            text += translate("ImportWizard", "将建立：{orgs}。").format(
                orgs="、".join(
                    f"{kinds.label(o['kind'], domain_lang())}“{o['name']}”"
                    for o in report.orgs_to_create
                )
            )
        self.suspected_box.setText(
            translate("ImportWizard", "疑似重复的 {n} 行也导入（已核实是不同的人）").format(n=n_sus)
        )
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {color}; font-weight: bold;")
        if report.header_row:
            self.header_info.setText(
                translate("ImportWizard", "工作表“{sheet}”，第 {row} 行是表头。").format(
                    sheet=report.sheet, row=report.header_row
                )
            )
        else:
            self.header_info.setText(translate("ImportWizard", "没有找到表头行。"))
        self.mapping.setRowCount(0)
        for header, column in report.columns.items():
            r = self.mapping.rowCount()
            self.mapping.insertRow(r)
            self.mapping.setItem(r, 0, QTableWidgetItem(" ".join(str(header).split())))
            self.mapping.setItem(r, 1, QTableWidgetItem(field_label(column)))
        self.mapping.resizeColumnsToContents()
        self.mapping.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.issues.setRowCount(0)
        order = sorted(report.issues, key=lambda i: (i.severity != "error", i.row))  # errors first
        for issue in order:
            r = self.issues.rowCount()
            self.issues.insertRow(r)
            error = issue.severity == "error"
            cells = [
                str(issue.row) if issue.row else "—",
                field_label(issue.column) if issue.column else "—",
                translate("ImportWizard", "错误") if error else translate("ImportWizard", "提醒"),
                issue_text(issue),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if error:
                    item.setForeground(widgets_red())
                self.issues.setItem(r, c, item)
        self.issues.resizeColumnsToContents()
        self.issues.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.issues.resizeRowsToContents()
        self.stack.setCurrentIndex(1)
        self._buttons()

    def run_import(self, skip_invalid: bool) -> None:
        if self.report is None or self.path is None:
            return
        reports, path = self.ctx.session.reports, self.path
        self.import_button.setEnabled(False)
        self.skip_button.setEnabled(False)
        also, create = self.suspected_box.isChecked(), self.create_box.isChecked()
        self.ctx.ops.run(
            lambda: reports.import_roster(
                path,
                dry_run=False,
                skip_invalid=skip_invalid,
                create_orgs=create,
                import_suspected=also,
            ),
            self._imported,
            self._failed,
            label=translate("ImportWizard", "正在导入…"),
            parent=self,
        )

    def _imported(self, result: Any) -> None:
        report, ids, changes = result
        self.report, self.ids = report, list(ids)
        if ids:
            text = translate("ImportWizard", "已导入 {n} 名党员。").format(n=len(ids))
            skipped = len({i.row for i in report.errors})
            if skipped:
                text += translate("ImportWizard", "跳过了有错误的 {n} 行。").format(n=skipped)
            if self.left_out:
                text += translate("ImportWizard", "疑似重复的 {n} 行没有导入。").format(
                    n=len(self.left_out)
                )
            text += translate("ImportWizard", "每名党员的导入都已记入审计日志，可在“党员”中查看。")
        elif self.left_out and not report.errors:
            text = translate(
                "ImportWizard",
                "没有导入任何党员：{n} 行都疑似与已有党员或表中前面的行重复（例如同一文件已导入过）。",
            ).format(n=len(self.left_out))
        else:
            text = translate(
                "ImportWizard",
                "没有导入任何党员：文件在检查后有了变化，或已经没有可导入的行。请重新检查。",
            )
        self.result.setText(text)
        self.stack.setCurrentIndex(2)
        self._buttons()
        emit(self.imported, changes)


def widgets_red():
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor("#c62828"))
