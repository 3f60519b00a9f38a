"""党费: the year's grid (member × month: paid, owed, 免交, not here), arrears in red, and the
clerk's jobs — bases, one payment, the monthly collection, approvals, the ledger export, a
receipt for a payment. The figures are the ledger's (services/dues_ledger.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ztclient.domain import dues_months as months_
from ztclient.domain.dues_money import fmt
from ztclient.services.changes import Changes
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.dues_model import COLOURS, THIS_MONTH, DuesGridModel
from ztclient.ui.i18n import code_label, translate
from ztclient.ui.table_model import DictTableModel
from ztclient.ui.theme import icon


class DuesView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded = False
        self.ledger: Any = None
        box = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(widgets.title(translate("Dues", "党费")))
        head.addStretch(1)
        self.totals = QLabel()
        # the totals wrap rather than widen the window (English, a committee's figures)
        self.totals.setWordWrap(True)
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.totals, 4)
        box.addLayout(head)

        bar = QHBoxLayout()
        today = ctx.session.clock.today()
        self.year = QSpinBox()
        self.year.setRange(2000, today.year)  # a year not begun has no ledger
        self.year.setValue(today.year)
        self.year.setPrefix(translate("Dues", "年度 "))
        self.as_of = QDateEdit(QDate(today.year, today.month, today.day))
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setCalendarPopup(True)
        # a ledger is as of a day that has come: what will be paid later is not known yet
        self.as_of.setMaximumDate(QDate(today.year, today.month, today.day))
        self.as_of.setMinimumDate(QDate(today.year, 1, 1))  # and of a day in its year or after
        self.owing = QCheckBox(translate("Dues", "只看欠交"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("Dues", "按姓名筛选"))
        self.search.setMinimumWidth(120)
        self.search.setMaximumWidth(180)
        bar.addWidget(self.year)
        bar.addWidget(QLabel(translate("Dues", "统计截至")))
        bar.addWidget(self.as_of)
        bar.addWidget(self.owing)
        bar.addWidget(self.search)
        bar.addStretch(1)
        box.addLayout(bar)
        # the clerk's jobs on a row of their own: they fit 1366 pixels in either language
        bar = QHBoxLayout()
        self.actions: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("collect", translate("Dues", "按月收缴…"), self.open_collect),
            ("pay", translate("Dues", "登记交纳…"), self.open_pay),
            ("base", translate("Dues", "登记基数…"), self.open_base),
            ("void_base", translate("Dues", "作废基数…"), self.void_base),
            ("carry", translate("Dues", "沿用上年基数"), self.carry_bases),
            ("approve", translate("Dues", "少交/免交…"), self.open_approval),
            ("export", translate("Dues", "导出台账…"), self.export),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            bar.addWidget(b)
            self.actions[key] = b
        self.actions["collect"].setIcon(icon("add"))
        bar.addStretch(1)
        box.addLayout(bar)

        self.model = DuesGridModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.table.doubleClicked.connect(lambda _i: self.open_pay())
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_payments())

        lower = QWidget()
        low = QVBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        self.who = QLabel(translate("Dues", "交纳记录（选中上表一人）"))
        line.addWidget(self.who)
        line.addStretch(1)
        self.receipt = QPushButton(icon("print"), translate("Dues", "打印收据…"))
        self.receipt.clicked.connect(self.print_receipt)
        self.void = QPushButton(translate("Dues", "作废…"))
        self.void.clicked.connect(self.void_payment)
        line.addWidget(self.receipt)
        line.addWidget(self.void)
        low.addLayout(line)
        self.pay_model = DictTableModel(
            [
                ("paid_on", translate("Dues", "交纳日期"), None),
                ("period", translate("Dues", "月份"), _period),
                ("amount", translate("Dues", "金额（元）"), lambda r: fmt(r["amount_fen"])),
                ("extra", translate("Dues", "其中自愿多交"),
                 lambda r: fmt(r["extra_fen"]) if r["extra_fen"] else ""),
                ("way", translate("Dues", "方式"), lambda r: code_label("dues_way", r["way"])),
                ("receipt_no", translate("Dues", "收据号"), None),
                ("state", translate("Dues", "状态"), _state),
            ],
            self,
        )  # fmt: skip
        self.pay_model.highlight = lambda r: bool(r["voided"])
        self.payments = QTableView()
        self.payments.setModel(self.pay_model)
        self.payments.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.payments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.payments.verticalHeader().setVisible(False)
        self.payments.horizontalHeader().setStretchLastSection(True)
        self.payments.resizeColumnsToContents()  # the headers whole before any row (English)
        low.addWidget(self.payments, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        box.addWidget(split, 1)
        box.addWidget(self._legend())

        self.year.valueChanged.connect(self._year_changed)
        self.as_of.dateChanged.connect(lambda _d: self.reload())
        self.owing.toggled.connect(lambda _b: self._filter())
        self.search.textChanged.connect(lambda _t: self._filter())
        self._sized = False

    def _legend(self) -> QLabel:
        swatch = '<span style="background:{c}">&nbsp;&nbsp;{t}&nbsp;&nbsp;</span>'
        parts = [
            swatch.format(c=COLOURS["paid"], t=translate("Dues", "已交（金额）")),
            swatch.format(c=COLOURS["unpaid"], t=translate("Dues", "欠 = 欠交")),
            swatch.format(c=THIS_MONTH, t=translate("Dues", "待交 = 本月尚未交")),
            swatch.format(c=COLOURS["exempt"], t=translate("Dues", "免 = 批准免交")),
            swatch.format(c="#fff8e1", t=translate("Dues", "批准少交")),
            swatch.format(c=COLOURS["none"], t=translate("Dues", "— = 不在本单位")),
        ]
        label = QLabel("　".join(parts))
        label.setObjectName("Hint")
        return label

    # -- loading -----------------------------------------------------------------------------
    def activate(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.reload()

    def _year_changed(self, year: int) -> None:
        d = self.ctx.session.dues.default_as_of(year)
        with QSignalBlocker(self.as_of):  # one reload, below, not one a step
            self.as_of.setMinimumDate(QDate(year, 1, 1))
            self.as_of.setDate(QDate(d.year, d.month, d.day))
        self.reload()

    def reload(self) -> None:
        dues, year = self.ctx.session.dues, self.year.value()
        as_of = self.as_of.date().toString("yyyy-MM-dd")
        self.ctx.ops.run(
            lambda: dues.ledger(year, as_of),
            self._loaded,
            label=translate("Dues", "正在汇总党费…"),
            modal=False,
        )

    def _loaded(self, ledger: Any) -> None:
        self.ledger = ledger
        t = ledger.totals()
        text = translate(
            "Dues", "{members} 人 · 应交 {due} 元 · 已交 {paid} 元 · 欠交 {arrears} 元（{owing} 人）"
        ).format(
            members=t["members"], due=t["due"], paid=t["paid"], arrears=t["arrears"],
            owing=t["members_in_arrears"],
        )  # fmt: skip
        if t["members_pending"]:
            text += translate("Dues", " · 本月待交 {pending} 元（{n} 人）").format(
                pending=t["pending"], n=t["members_pending"]
            )
        if t["members_without_base"]:
            text += translate("Dues", " · {n} 人未登记基数").format(n=t["members_without_base"])
        self.totals.setText(text)
        self._filter()
        if ledger.lines and not self._sized:
            self._sized = True
            self.table.resizeColumnsToContents()
            self.table.setColumnWidth(1, min(self.table.columnWidth(1), 110))  # 党支部, elided

    def _filter(self) -> None:
        if self.ledger is None:
            return
        text = self.search.text().strip()
        lines = [
            ln
            for ln in self.ledger.lines
            if (not self.owing.isChecked() or ln.dues.arrears_months)
            and (not text or text in ln.name)
        ]
        keep = self.selected()
        self.model.set_ledger(self.ledger, lines)
        if keep is not None:  # after a payment the same member stays selected
            row = next((i for i, ln in enumerate(lines) if ln.member_id == keep.member_id), -1)
            if row >= 0:
                self.table.selectRow(row)
        self.show_payments()

    def on_changed(self, changes: Changes) -> None:
        if self.loaded and (changes.dues or changes.members or changes.settings):
            self.reload()

    def clear(self) -> None:
        self.ledger = None
        self.model.clear()
        self.pay_model.clear()
        self.totals.clear()
        self.loaded = False

    # -- the selected member -----------------------------------------------------------------
    def selected(self) -> Any | None:
        index = self.table.currentIndex()
        return self.model.line(index.row()) if index.isValid() else None

    def _member(self) -> dict[str, Any] | None:
        ln = self.selected()
        return {"id": ln.member_id, "name": ln.name, "org_name": ln.org_name} if ln else None

    def show_payments(self) -> None:
        ln = self.selected()
        if ln is None:
            self.pay_model.clear()
            self.who.setText(translate("Dues", "交纳记录（选中上表一人）"))
            return
        self.who.setText(translate("Dues", "{name} {year}年交纳记录").format(
            name=ln.name, year=self.model.year))  # fmt: skip
        dues, year, mid = self.ctx.session.dues, self.model.year, ln.member_id
        self.ctx.ops.run(lambda: dues.payments(mid, year), self._payments_loaded)

    def _payments_loaded(self, rows: list[dict[str, Any]]) -> None:
        self.pay_model.set_rows(rows)
        if rows:
            self.payments.resizeColumnsToContents()

    def _first_owed(self) -> date:
        """The first owed month of the selection (the payment dialog starts there)."""
        ln, year = self.selected(), self.year.value()
        if ln is not None:
            for m, cell in sorted(ln.dues.months.items()):
                if cell.status in ("unpaid", "pending", "upcoming"):
                    return date(year, m, 1)
        today = self.ctx.session.clock.today()
        return date(year, today.month if year == today.year else 1, 1)

    def _cost(self) -> dict[int, int]:
        ln, year = self.selected(), self.year.value()
        if ln is None:
            return {}
        return {
            months_.index(year, m): c.amount_fen
            for m, c in ln.dues.months.items()
            if c.status in ("unpaid", "pending", "upcoming") and c.amount_fen is not None
        }

    # -- actions -----------------------------------------------------------------------------
    def open_base(self) -> None:
        from ztclient.ui.dues_dialogs import BaseDialog

        self.dialog = BaseDialog(self.ctx, self._member(), self.year.value(), self)
        self.dialog.open()

    def void_base(self) -> None:
        """作废 one of the selected member's bases of the year, entered by mistake (asked which,
        then why; an empty reason is refused by the service and said)."""
        from PySide6.QtWidgets import QInputDialog

        member, year, dues = self._member(), self.year.value(), self.ctx.session.dues
        title = translate("Dues", "作废基数")
        live = (
            [b for b in dues.base_history(member["id"], year) if not b["voided"]] if member else []
        )
        if not live:
            QMessageBox.information(
                self, title, translate("Dues", "请先在上表选中一位有本年度基数的党员")
            )
            return
        labels = [
            translate("Dues", "自{year}年{month}月起 每月{monthly}元").format(
                year=year, month=b["from_month"], monthly=fmt(b["monthly_fen"])
            )
            for b in live
        ]
        picked, ok = QInputDialog.getItem(
            self, title, translate("Dues", "{name} {year}年的基数：").format(
                name=member["name"], year=year), labels, len(labels) - 1, False,
        )  # fmt: skip
        if not ok:
            return
        base = live[labels.index(picked)]
        reason, ok = QInputDialog.getText(
            self, title, translate("Dues", "作废 {name} {base}。原因：").format(
                name=member["name"], base=picked),
        )  # fmt: skip
        if ok:
            self.ctx.ops.run(lambda: dues.void_base(base["id"], reason))

    def carry_bases(self) -> None:
        """沿用上年基数: members without a base this year get last year's kind and income."""
        year, dues = self.year.value(), self.ctx.session.dues
        answer = QMessageBox.question(
            self,
            translate("Dues", "沿用上年基数"),
            translate(
                "Dues",
                "给{year}年还没有基数的党员沿用{last}年的交纳类别和收入（按现行标准重新计算），"
                "已登记的不变。继续吗？",
            ).format(year=year, last=year - 1),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def done(result) -> None:
            QMessageBox.information(
                self,
                translate("Dues", "沿用上年基数"),
                translate("Dues", "已为 {n} 名党员登记{year}年基数。").format(
                    n=result[0], year=year
                ),
            )

        self.ctx.ops.run(lambda: dues.carry_bases(year - 1, year), done)

    def open_pay(self) -> None:
        from ztclient.ui.dues_dialogs import PayDialog

        self.dialog = PayDialog(self.ctx, self._member(), self._first_owed(), self._cost(), self)
        self.dialog.open()

    def open_collect(self) -> None:
        from ztclient.ui.dues_collect import CollectDialog

        today = self.ctx.session.clock.today()
        year = self.year.value()
        first = date(year, today.month, 1) if year == today.year else date(year, 1, 1)
        self.dialog = CollectDialog(self.ctx, first, self)
        self.dialog.open()

    def open_approval(self) -> None:
        from ztclient.ui.dues_dialogs import ApprovalDialog

        self.dialog = ApprovalDialog(self.ctx, self._member(), self.year.value(), self)
        self.dialog.open()

    def _payment(self) -> dict[str, Any] | None:
        index = self.payments.currentIndex()
        return self.pay_model.row(index.row()) if index.isValid() else None

    def print_receipt(self) -> None:
        from ztclient.ui.reports_view import print_pdf

        p = self._payment()
        if p is None or p["voided"]:
            QMessageBox.information(self, translate("Dues", "打印收据"),
                                    translate("Dues", "请先在交纳记录中选中一笔（未作废的）交纳"))  # fmt: skip
            return
        dues, pid = self.ctx.session.dues, p["id"]
        name = translate("Dues", "党费收据 {no} {name}.pdf").format(
            no=p["receipt_no"], name=p["name"]
        )
        print_pdf(self.ctx, self, lambda out: dues.print_receipt(pid, out), name)

    def void_payment(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        p = self._payment()
        if p is None or p["voided"]:
            return
        reason, ok = QInputDialog.getText(
            self,
            translate("Dues", "作废交纳记录"),
            translate("Dues", "作废 {name} {period} 的交纳（{amount} 元）。原因：").format(
                name=p["name"], period=_period(p), amount=fmt(p["amount_fen"])
            ),
        )
        if ok and reason.strip():
            dues = self.ctx.session.dues
            self.ctx.ops.run(lambda: dues.void_payment(p["id"], reason.strip()))

    def export(self) -> None:
        from ztclient.ui.reports_view import ask_save_path, open_file

        year, unit = self.year.value(), self.ctx.unit.get("unit_name") or ""
        as_of = self.as_of.date().toString("yyyy-MM-dd")
        out = ask_save_path(
            self,
            translate("Dues", "保存 Excel 文件"),
            translate("Dues", "{unit}{year}年党费收缴台账.xlsx").format(unit=unit, year=year),
            translate("Dues", "Excel 文件 (*.xlsx)"),
            ".xlsx",
        )
        if out is None:
            return
        dues = self.ctx.session.dues

        def done(n: int) -> None:
            answer = QMessageBox.question(
                self,
                translate("Dues", "已导出"),
                translate("Dues", "已导出 {path}（{n} 人）。现在打开吗？").format(path=out, n=n),
            )
            if answer == QMessageBox.StandardButton.Yes:
                open_file(out)

        self.ctx.ops.run(lambda: dues.export_ledger(year, Path(out), as_of), done,
                         label=translate("Dues", "正在导出…"), parent=self)  # fmt: skip


def _period(r: dict[str, Any]) -> str:
    first = months_.parse(r["first_month"])
    last = first + int(r["months"]) - 1
    return months_.text(first) if first == last else f"{months_.text(first)}～{months_.text(last)}"


def _state(r: dict[str, Any]) -> str:
    if r["voided"]:
        return translate("Dues", "已作废：{reason}").format(reason=r.get("void_reason") or "")
    return translate("Dues", "有效")
