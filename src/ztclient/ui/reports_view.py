"""报表: the four Excel exports for the superior committee, the roster import, and the shared
"save a PDF, then offer to open it and name every character that could not be printed" step
used by the meeting list (打印会议记录 / 打印签到表)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ztclient.services.changes import Changes
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import translate


def documents_dir() -> str:
    from PySide6.QtCore import QStandardPaths

    return QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    ) or str(Path.home())


def ask_save_path(parent: QWidget, title: str, name: str, pattern: str, suffix: str) -> Path | None:
    """The save dialog; the suffix is added when the clerk typed a bare name."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(Path(documents_dir()) / name), pattern
    )
    if not path:
        return None
    out = Path(path)
    if out.suffix.lower() != suffix:
        out = out.with_name(out.name + suffix)
    return out


def open_file(path: Path | str) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def glyph_lines(report: Any) -> list[str]:
    """ "“𠀾” (CJK UNIFIED IDEOGRAPH-2003E) 缺席人员: 张𠀾" for each missing glyph."""
    return [
        translate("Reports", "“{char}”（{name}），位于：{where}").format(
            char=g.char, name=g.name, where=g.where
        )
        for g in getattr(report, "missing_glyphs", ()) or ()
    ]


def print_pdf(
    ctx: UiContext,
    parent: QWidget,
    job: Callable[[Path], Any],
    name: str,
    done: Callable[[Any], None] | None = None,
) -> None:
    """Ask where, render on the worker, then say where it went, offer to open it, and list any
    character no font could print (never silent: the clerk must write those in by hand)."""
    out = ask_save_path(
        parent,
        translate("Reports", "保存 PDF"),
        name,
        translate("Reports", "PDF 文件 (*.pdf)"),
        ".pdf",
    )
    if out is None:
        return

    def finished(report: Any) -> None:
        lines = glyph_lines(report)
        text = translate("Reports", "已生成 {path}（共 {pages} 页）。").format(
            path=out, pages=getattr(report, "pages", 0)
        )
        if lines:
            text += (
                "\n\n"
                + translate("Reports", "以下字符没有可用字体，打印出来会是空白，请打印后手工补写：")
                + "\n"
                + "\n".join(lines)
            )
        box = QMessageBox.warning if lines else QMessageBox.question
        buttons = QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close
        answer = box(
            parent,
            translate("Reports", "PDF 已生成"),
            text + "\n\n" + translate("Reports", "现在打开吗？"),
            buttons,
            QMessageBox.StandardButton.Open,
        )
        if answer in (QMessageBox.StandardButton.Open, QMessageBox.StandardButton.Yes):
            open_file(out)
        if done is not None:
            done(report)

    existed = out.exists()
    ctx.ops.run(
        lambda progress: run_with_progress(job, out, progress),
        finished,
        label=translate("Reports", "正在生成 PDF…"),
        parent=parent,
        cancellable=True,
        cancelled=lambda: drop_unfinished(out, existed),
    )


def run_with_progress(job: Callable[..., Any], out: Path, progress: Callable[..., None]) -> Any:
    """``job(out, progress)`` when the job takes a progress callable, else ``job(out)``; either
    way progress is called before and after, so a cancel pressed meanwhile is honoured."""
    import inspect

    progress(0, 1)
    try:
        takes = len(inspect.signature(job).parameters) >= 2
    except (TypeError, ValueError):
        takes = False
    result = job(out, progress) if takes else job(out)
    progress(1, 1)
    return result


def drop_unfinished(out: Path, existed: bool) -> None:
    """A cancelled document is not left behind half-made (a file that was there before the
    job is the clerk's and stays)."""
    if not existed:
        out.unlink(missing_ok=True)


def _safe(text: str) -> str:
    return "".join("_" if c in '\\/:*?"<>|' else c for c in text).strip() or "ztclient"


class ReportsView(QWidget):
    """Four exports in a grid (button · choice · what it is), then a result line with 打开."""

    refreshes_when_shown = True  # activate() reads afresh: no missed changes to hand over

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.last_path: Path | None = None
        self.last_result: Any = None
        self.wizard = None
        box = QVBoxLayout(self)
        box.addWidget(widgets.title(translate("Reports", "报表")))
        box.addWidget(
            widgets.hint(
                translate(
                    "Reports", "导出报上级的 Excel 报表；会议记录和签到表在“会议”中选定会议后打印。"
                )
            )
        )
        this_year = ctx.session.clock.today().year if ctx.session is not None else date.today().year
        panel = widgets.card()
        grid = QGridLayout(panel)
        grid.setContentsMargins(18, 14, 18, 14)
        grid.setVerticalSpacing(10)
        grid.setHorizontalSpacing(14)
        self.buttons: dict[str, QPushButton] = {}

        def year_combo() -> QComboBox:
            combo = QComboBox()
            for y in range(this_year, this_year - 6, -1):
                combo.addItem(translate("Reports", "{year}年").format(year=y), y)
            return combo

        self.full_ids = QCheckBox(translate("Reports", "导出完整身份证号（将记入审计）"))
        self.full_ids.toggled.connect(lambda on: self._full_ids_toggled(self.full_ids, on))
        self.card_full_ids = QCheckBox(translate("Reports", "打印完整身份证号（将记入审计）"))
        self.card_full_ids.toggled.connect(
            lambda on: self._full_ids_toggled(self.card_full_ids, on)
        )
        self.meetings_year = year_combo()
        self.study_year = year_combo()
        self.as_of = QComboBox()
        today = ctx.session.clock.today() if ctx.session is not None else date.today()
        for d in self._as_of_choices(ctx):
            day = translate("Reports", "{year}年{month}月{day}日").format(
                year=d.year, month=d.month, day=d.day
            )
            text = translate("Reports", "截至 {date}").format(date=day)
            if d == today:
                text += translate("Reports", "（今天）")
            self.as_of.addItem(text, d)
        rows = [
            (
                "roster",
                translate("Reports", "导出党员花名册…"),
                self.full_ids,
                translate("Reports", "全部在册党员；身份证号码按文本保存，默认只显示前后几位。"),
            ),
            (
                "meetings",
                translate("Reports", "导出三会一课台账…"),
                self.meetings_year,
                translate("Reports", "按年度、按支部列出各类会议和缺项。"),
            ),
            (
                "study",
                translate("Reports", "导出学习学时统计…"),
                self.study_year,
                translate("Reports", "每名党员全年学时与目标对照。"),
            ),
            (
                "composition",
                translate("Reports", "导出党员队伍构成统计…"),
                self.as_of,
                translate(
                    "Reports",
                    "按性别、年龄、学历、民族等分类统计（年报 12月31日，半年报 6月30日）。",
                ),
            ),
            (
                "card",
                translate("Reports", "打印党员登记卡…"),
                self.card_full_ids,
                translate("Reports", "选定一名党员，生成党员基本信息登记卡（PDF）。"),
            ),
        ]
        for r, (key, label, choice, what) in enumerate(rows):
            button = QPushButton(label)
            button.setMinimumWidth(200)
            button.clicked.connect(
                lambda _=False, k=key: self.print_card() if k == "card" else self.export(k)
            )
            self.buttons[key] = button
            grid.addWidget(button, r, 0)
            grid.addWidget(choice, r, 1)
            text = QLabel(what)
            text.setWordWrap(True)
            text.setObjectName("Hint")
            grid.addWidget(text, r, 2)
        grid.setColumnStretch(2, 1)
        box.addWidget(panel)

        imp = widgets.card()
        irow = QHBoxLayout(imp)
        irow.setContentsMargins(18, 14, 18, 14)
        self.import_button = QPushButton(translate("Reports", "导入花名册…"))
        self.import_button.setMinimumWidth(200)
        self.import_button.clicked.connect(self.open_import)
        irow.addWidget(self.import_button)
        ihint = QLabel(
            translate("Reports", "从 Excel（.xlsx）导入党员：先试导入、逐行检查，全部无误才写入。")
        )
        ihint.setWordWrap(True)
        ihint.setObjectName("Hint")
        irow.addWidget(ihint, 1)
        box.addWidget(imp)

        self.provenance = QLabel()
        self.provenance.setWordWrap(True)
        box.addWidget(self.provenance)
        result = QHBoxLayout()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.open_button = QPushButton(translate("Reports", "打开"))
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(lambda: self.last_path and open_file(self.last_path))
        self.folder_button = QPushButton(translate("Reports", "打开所在文件夹"))
        self.folder_button.setVisible(False)
        self.folder_button.clicked.connect(
            lambda: self.last_path and open_file(self.last_path.parent)
        )
        result.addWidget(self.result, 1)
        result.addWidget(self.open_button)
        result.addWidget(self.folder_button)
        box.addLayout(result)
        box.addStretch(1)

    @staticmethod
    def _as_of_choices(ctx: UiContext) -> list[date]:
        """Today first while this year's 31 December has not come (a count as of a day not yet
        come would be a guess: the CLI takes today for it too), then the 年报 and 半年报 days
        that have come, this year's and last year's."""
        today = ctx.session.clock.today() if ctx.session is not None else date.today()
        out = [today] if date(today.year, 12, 31) > today else []
        for y in (today.year, today.year - 1):
            for m, d in ((12, 31), (6, 30)):
                if date(y, m, d) <= today and date(y, m, d) not in out:
                    out.append(date(y, m, d))
        return out

    # -- state -------------------------------------------------------------------------------
    def activate(self) -> None:
        self._provenance()

    def on_changed(self, changes: Changes) -> None:
        if changes.any and self.isVisible():
            self._provenance()

    def clear(self) -> None:
        self.result.clear()
        self.open_button.setVisible(False)
        self.folder_button.setVisible(False)
        self.last_path = None

    def _provenance(self) -> None:
        reports = self.ctx.session.reports
        self.ctx.ops.run(reports.provenance, self._show_provenance)

    def _show_provenance(self, prov: Any) -> None:
        if prov.is_draft:
            self.provenance.setText(
                translate(
                    "Reports", "数据来源：草稿（还有变动未经上级确认，导出的报表会标注“草稿”）"
                )
            )
            self.provenance.setStyleSheet("color: #b45309;")
        else:
            self.provenance.setText(
                translate("Reports", "数据来源：已确认（所有变动均已由上级确认）")
            )
            self.provenance.setStyleSheet("color: #2e7d32;")

    def _full_ids_toggled(self, box: QCheckBox, on: bool) -> None:
        if not on:
            return
        answer = QMessageBox.question(
            self,
            translate("Reports", "导出完整身份证号"),
            translate(
                "Reports",
                "导出的文件将包含每名党员完整的身份证号码。请妥善保管，用后删除。"
                "这次导出会记入审计日志。\n\n确定要导出完整号码吗？",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)

    # -- member card -------------------------------------------------------------------------
    def print_card(self) -> None:
        from ztclient.ui.member_picker import MemberPicker

        picker = MemberPicker(self.ctx, self)
        picker.accepted.connect(lambda: picker.chosen and self.print_card_for(picker.chosen))
        picker.open()
        picker.find()
        self.picker = picker

    def print_card_for(self, member: dict) -> None:
        reports, member_id, full = (
            self.ctx.session.reports,
            member["id"],
            self.card_full_ids.isChecked(),
        )
        name = translate("Reports", "{name} 党员登记卡.pdf").format(
            name=_safe(member.get("name") or "")
        )
        print_pdf(
            self.ctx, self, lambda out: reports.print_card(member_id, out, full_ids=full), name
        )

    # -- exports -----------------------------------------------------------------------------
    def export(self, key: str) -> None:
        reports = self.ctx.session.reports
        unit = _safe(self.ctx.unit.get("unit_name") or "")
        if key == "roster":
            full, as_of = self.full_ids.isChecked(), self.ctx.session.clock.today()
            name = translate("Reports", "{unit}党员花名册{date}.xlsx").format(
                unit=unit, date=as_of.strftime("%Y%m%d")
            )
            job = lambda out: reports.export_roster(out, full_ids=full)  # noqa: E731
            what = translate("Reports", "党员花名册")
        elif key == "meetings":
            year = self.meetings_year.currentData()
            name = translate("Reports", "{unit}{year}年三会一课台账.xlsx").format(
                unit=unit, year=year
            )
            job = lambda out: reports.export_meetings(out, year)  # noqa: E731
            what = translate("Reports", "三会一课台账")
        elif key == "study":
            year = self.study_year.currentData()
            name = translate("Reports", "{unit}{year}年学习学时统计.xlsx").format(
                unit=unit, year=year
            )
            job = lambda out: reports.export_study(out, year)  # noqa: E731
            what = translate("Reports", "学习学时统计")
        else:
            as_of = self.as_of.currentData()
            name = translate("Reports", "{unit}党员队伍构成统计{date}.xlsx").format(
                unit=unit, date=as_of.strftime("%Y%m%d")
            )
            job = lambda out: reports.export_composition(out, as_of)  # noqa: E731
            what = translate("Reports", "党员队伍构成统计")
        out = ask_save_path(
            self,
            translate("Reports", "保存 Excel 文件"),
            name,
            translate("Reports", "Excel 文件 (*.xlsx)"),
            ".xlsx",
        )
        if out is None:
            return
        for b in self.buttons.values():
            b.setEnabled(False)

        def done(n: Any) -> None:
            self._enable()
            self.last_path, self.last_result = out, n
            self.result.setText(
                translate("Reports", "已导出{what}（{n} 行）：{path}").format(
                    what=what, n=n, path=out
                )
            )
            self.open_button.setVisible(True)
            self.folder_button.setVisible(True)
            self._provenance()

        def failed(exc: BaseException) -> None:
            self._enable()
            self.ctx.ops.show_error(exc, self)

        existed = out.exists()

        def cancelled() -> None:
            self._enable()
            drop_unfinished(out, existed)
            self.result.setText(translate("Reports", "已取消导出。"))

        self.ctx.ops.run(
            lambda progress: run_with_progress(job, out, progress),
            done,
            failed,
            label=translate("Reports", "正在导出{what}…").format(what=what),
            parent=self,
            cancellable=True,
            cancelled=cancelled,
        )

    def _enable(self) -> None:
        for b in self.buttons.values():
            b.setEnabled(True)

    # -- import ------------------------------------------------------------------------------
    def open_import(self) -> None:
        from ztclient.ui.import_wizard import ImportWizard

        self.wizard = ImportWizard(self.ctx, self)
        self.wizard.open()
