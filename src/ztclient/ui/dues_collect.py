"""按月收缴: the monthly collection — every member who owes the month(s) listed with what they
cost, ticked; the clerk unticks who did not pay, corrects an amount, and records them all at
once (one change, all or nothing; a refusal names the member). Undo voids the lot."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ztclient.domain import dues_months as months_
from ztclient.domain.dues_ledger import back_pay_warning
from ztclient.domain.dues_money import fmt, parse_amount
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.dues_dialogs import buttons, day_edit, month_edit, month_text
from ztclient.ui.i18n import code_choices, error_text, translate

NAME, ORG, AMOUNT, RECEIPT = range(4)
NAMES_SHOWN = 10  # the back-pay warning names this many, then says how many in all


class CollectDialog(QDialog):
    def __init__(self, ctx: UiContext, month: date, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict[str, Any]] = []
        self.setWindowTitle(translate("Dues", "按月收缴党费"))
        box = QVBoxLayout(self)
        form = QFormLayout()
        line = QHBoxLayout()
        self.month = month_edit(month)
        self.months = QSpinBox()
        self.months.setRange(1, 12)
        self.months.setSuffix(translate("Dues", " 个月"))
        line.addWidget(self.month)
        line.addWidget(QLabel(translate("Dues", "起，每人交纳")))
        line.addWidget(self.months)
        line.addStretch(1)
        form.addRow(translate("Dues", "月份"), line)
        self.paid_on = day_edit(ctx.session.clock.today())
        self.way = QComboBox()
        for code, text in code_choices("dues_way"):
            self.way.addItem(text, code)
        form.addRow(translate("Dues", "交纳日期"), self.paid_on)
        form.addRow(translate("Dues", "交纳方式"), self.way)
        box.addLayout(form)
        box.addWidget(
            widgets.hint(
                translate(
                    "Dues",
                    "下面列出这几个月都还没有交的党员和应交金额。没有交的请取消勾选；"
                    "金额可以改（多出的部分记为自愿多交，少交须先登记审批）；收据号不填则自动编号。",
                )
            )
        )
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [
                translate("Dues", "姓名"),
                translate("Dues", "党支部"),
                translate("Dues", "实交金额（元）"),
                translate("Dues", "收据号"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.table, 1)
        self.total = QLabel()
        box.addWidget(self.total)
        self.back_pay = widgets.warning_label()  # 补交 over six months, by name: said, not refused
        box.addWidget(self.back_pay)
        self.error = widgets.error_label()
        box.addWidget(self.error)
        box.addWidget(buttons(self, translate("Dues", "全部登记")))
        self.table.itemChanged.connect(lambda _i: self.count())
        self.month.dateChanged.connect(lambda _d: self.load())
        self.months.valueChanged.connect(lambda _v: self.load())
        self.paid_on.dateChanged.connect(lambda _d: self.show_back_pay())
        self.resize(640, 560)
        self.load()

    def load(self) -> None:
        dues, month, months = self.ctx.session.dues, month_text(self.month), self.months.value()
        self.ctx.ops.run(lambda: dues.collection(month, months), self._listed)

    def _listed(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            name = QTableWidgetItem(r["name"])
            name.setFlags(
                name.flags() & ~Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
            )
            name.setCheckState(Qt.CheckState.Checked)
            org = QTableWidgetItem(r["org_name"])
            org.setFlags(org.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(i, NAME, name)
            self.table.setItem(i, ORG, org)
            self.table.setItem(i, AMOUNT, QTableWidgetItem(r["amount"]))
            self.table.setItem(i, RECEIPT, QTableWidgetItem(""))
        self.table.blockSignals(False)
        for column in (NAME, ORG, AMOUNT):  # 收据号 keeps the rest of the width
            self.table.resizeColumnToContents(column)
        self.count()

    def picked(self) -> list[tuple[int, dict[str, Any]]]:
        return [
            (i, r)
            for i, r in enumerate(self.rows)
            if self.table.item(i, NAME).checkState() == Qt.CheckState.Checked
        ]

    def count(self) -> None:
        total, bad = Decimal(0), 0
        for i, _r in self.picked():
            try:
                total += Decimal(parse_amount(self.table.item(i, AMOUNT).text(), "amount")) / 100
            except DomainError:
                bad += 1
        text = translate("Dues", "共 {n} 人应交，已勾选 {k} 人，合计 {total} 元").format(
            n=len(self.rows), k=len(self.picked()), total=fmt(int(total * 100))
        )
        if bad:
            text += translate("Dues", "（{bad} 处金额格式不对）").format(bad=bad)
        self.total.setText(text)
        self.show_back_pay()

    def show_back_pay(self) -> None:
        """W_DUES_BACK_PAY before 全部登记, naming the ticked members (every row pays the same
        months on the same day, so the rule — the single payment's — gives one answer)."""
        d = self.month.date()
        warn = back_pay_warning(
            months_.index(d.year(), d.month()), self.months.value(), self.paid_on.date().toPython()
        )
        names = [r["name"] for _i, r in self.picked()]
        self.back_pay.setVisible(warn is not None and bool(names))
        if warn is None or not names:
            self.back_pay.setText("")
            self.back_pay.setToolTip("")
            return
        shown = "、".join(names[:NAMES_SHOWN])
        if len(names) > NAMES_SHOWN:
            shown = translate("Dues", "{names}等{n}人").format(names=shown, n=len(names))
        self.back_pay.setText(
            translate("Dues", "{warning}：{names}").format(warning=error_text(warn), names=shown)
        )
        self.back_pay.setToolTip("、".join(names))

    def confirm_extra(self, lines: list[str]) -> bool:
        """A typed amount above the cost is 自愿多交 — or a slip of the keyboard (450 for 45.00):
        the clerk says which before anything is recorded (the CLI asks for ``extra`` explicitly)."""
        shown = "\n".join(lines[:NAMES_SHOWN] + (["……"] if len(lines) > NAMES_SHOWN else []))
        answer = QMessageBox.question(
            self,
            translate("Dues", "多于应交的金额"),
            translate(
                "Dues",
                "以下{n}人填写的金额多于应交，多出的部分将登记为自愿多交党费：\n{lines}\n\n"
                "确实是自愿多交吗？选“否”回去改金额。",
            ).format(n=len(lines), lines=shown),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def submit(self) -> None:
        picked = self.picked()
        if not picked:
            widgets.set_error(self.error, translate("Dues", "没有勾选任何党员"))
            return
        common = {
            "month": month_text(self.month),
            "months": self.months.value(),
            "paid_on": self.paid_on.date().toString("yyyy-MM-dd"),
            "way": self.way.currentData(),
        }
        items, names, more = [], [], []
        for i, r in picked:
            amount = self.table.item(i, AMOUNT).text().strip()
            expected = r["amount"]
            extra = _more(amount, expected)
            receipt = self.table.item(i, RECEIPT).text().strip() or None
            items.append({**common, "member_id": r["member_id"], "amount": amount,
                          "receipt_no": receipt, "extra": extra})  # fmt: skip
            names.append(r["name"])
            if extra:
                more.append(translate("Dues", "{name}：应交 {due}，填写 {amount}").format(
                    name=r["name"], due=expected, amount=amount))  # fmt: skip
        if more and not self.confirm_extra(more):
            return
        dues = self.ctx.session.dues

        def done(result) -> None:
            ids = result[0]
            self.ctx.undo.push(
                translate("Dues", "按月收缴{n}人党费").format(n=len(ids)),
                lambda: [dues.void_payment(p, translate("Dues", "撤销误登记")) for p in ids][-1],
            )
            self.recorded = len(ids)
            self.accept()

        self.ctx.ops.run(
            lambda: dues.collect(items),
            done,
            lambda e: widgets.set_error(self.error, _by_name(e, names)),
            label=translate("Dues", "正在登记…"),
            parent=self,
        )


def _more(amount: str, expected: str) -> bool:
    """Whether the clerk typed more than the months cost (the excess is 自愿多交)."""
    try:
        return parse_amount(amount, "amount") > parse_amount(expected, "amount")
    except DomainError:
        return False  # the service names the bad amount


def _by_name(err: BaseException, names: list[str]) -> str:
    """A collection's errors, each with the member's name instead of a row number."""
    errors = err.errors if isinstance(err, ValidationErrors) else [err]
    lines = []
    for e in errors:
        row = getattr(e, "params", {}).get("row")
        text = error_text(_without_row(e))
        if isinstance(row, int) and 1 <= row <= len(names):
            text = f"{names[row - 1]}：{text}"
        lines.append(text)
    return "\n".join(lines)


def _without_row(e: BaseException) -> BaseException:
    if isinstance(e, DomainError) and "row" in e.params:
        params = {k: v for k, v in e.params.items() if k != "row"}
        return DomainError(e.code, e.field, **params)
    return e
