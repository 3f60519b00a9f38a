"""The 党费 page's dialogs: a base with the amount worked out as you type, one payment, an
approval of 少交/免交. (The monthly collection for many members is ``dues_collect.py``.)

Every write goes through ``ctx.ops`` to the dues service; a refusal is shown under the form in
the clerk's words and nothing is written. The rate is worked out on the GUI thread from the
table loaded once (``domain.dues_rates``: pure, no store), so typing never waits for the worker.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ztclient.domain import dues_months as months_
from ztclient.domain.dues_ledger import back_pay_warning
from ztclient.domain.dues_money import fmt, parse_amount
from ztclient.domain.errors import DomainError
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_choices, domain_lang, error_text, translate


def month_edit(value: date) -> QDateEdit:
    """A month picker ("2025年3月"); ``month_text`` reads it as "2025-03"."""
    edit = QDateEdit(QDate(value.year, value.month, 1))
    edit.setDisplayFormat("yyyy年M月")
    edit.setCalendarPopup(False)
    return edit


def month_text(edit: QDateEdit) -> str:
    return edit.date().toString("yyyy-MM")


def day_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    return edit


def buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Dues", "取消"))
    box.accepted.connect(dialog.submit)  # type: ignore[attr-defined]
    box.rejected.connect(dialog.reject)
    return box


class MemberField(QWidget):
    """The member a dialog is for: given by the page's selection, or picked from the roster."""

    def __init__(self, ctx: UiContext, member: dict[str, Any] | None) -> None:
        super().__init__()
        from PySide6.QtWidgets import QHBoxLayout

        self.ctx = ctx
        self.member = member
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.pick = QPushButton(translate("Dues", "选择…"))
        self.pick.clicked.connect(self.choose)
        row.addWidget(self.label, 1)
        row.addWidget(self.pick)
        self._show()

    def _show(self) -> None:
        m = self.member
        self.label.setText(
            f"{m['name']}　{m.get('org_name') or ''}" if m else translate("Dues", "（未选择）")
        )

    def choose(self) -> None:
        from ztclient.ui.member_picker import MemberPicker

        picker = MemberPicker(self.ctx, self)
        if picker.exec() and picker.chosen:
            self.member = picker.chosen
            self._show()

    @property
    def member_id(self) -> str | None:
        return self.member["id"] if self.member else None


class BaseDialog(QDialog):
    """计算基数: kind and monthly income, from January or from a month of the year (a change
    within the year prices that month on; the months before keep the base before); the
    monthly dues shown as you type."""

    def __init__(
        self, ctx: UiContext, member: dict[str, Any] | None, year: int, parent=None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.schedule: Any = None
        self.setWindowTitle(translate("Dues", "登记党费计算基数"))
        form = QFormLayout(self)
        self.who = MemberField(ctx, member)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.from_month = QSpinBox()
        self.from_month.setRange(1, 12)
        self.from_month.setSuffix(translate("Dues", " 月起"))
        self.from_month.setToolTip(
            translate("Dues", "年中调整基数（如7月起加薪）：此前各月仍按原基数计算")
        )
        self.kind = QComboBox()
        self.income = QLineEdit()
        self.income.setPlaceholderText(translate("Dues", "每月收入，如 4500 或 4500.50"))
        self.monthly = QLineEdit()
        self.monthly.setPlaceholderText(translate("Dues", "农民党员按省定标准，如 0.50"))
        self.note = widgets.hint("")
        self.result = QLabel()
        self.result.setObjectName("Result")
        self.result.setWordWrap(True)
        self.error = widgets.error_label()
        form.addRow(translate("Dues", "党员"), self.who)
        form.addRow(translate("Dues", "年度"), self.year)
        form.addRow(translate("Dues", "适用月份"), self.from_month)
        form.addRow(translate("Dues", "交纳类别"), self.kind)
        form.addRow(translate("Dues", "月收入（元）"), self.income)
        form.addRow(translate("Dues", "每月交纳（元）"), self.monthly)
        form.addRow(self.note)
        form.addRow(translate("Dues", "每月应交"), self.result)
        form.addRow(self.error)
        form.addRow(buttons(self, translate("Dues", "保存")))
        self.form = form
        for signal in (self.income.textChanged, self.monthly.textChanged):
            signal.connect(lambda _t: self.recompute())
        self.kind.currentIndexChanged.connect(lambda _i: self.recompute())
        self.setMinimumWidth(540)
        ctx.ops.run(ctx.session.dues.schedule, self._loaded)

    def _loaded(self, schedule: Any) -> None:
        self.schedule = schedule
        lang = domain_lang()
        for k in schedule.kinds.values():
            self.kind.addItem(k.label(lang), k.code)
        self.recompute()

    def recompute(self) -> str | None:
        """Work the monthly amount out now; returns it ("45.00") or None (and says why)."""
        if self.schedule is None:
            return None
        kind = self.schedule.kinds.get(self.kind.currentData())
        if kind is None:
            return None
        self.form.setRowVisible(self.income, kind.basis == "income")
        self.form.setRowVisible(self.monthly, kind.basis == "range")
        self.note.setText(kind.base_note)
        try:  # only the field this kind shows counts (a hidden one may hold old text)
            income = self.income.text().strip() if kind.basis == "income" else ""
            monthly = self.monthly.text().strip() if kind.basis == "range" else ""
            rate = self.schedule.monthly(
                kind.code,
                income_fen=parse_amount(income, "income") if income else None,
                monthly_fen=parse_amount(monthly, "monthly") if monthly else None,
            )
        except DomainError as exc:
            self.result.setText("" if not (income or monthly) else error_text(exc))
            return None
        text = translate("Dues", "{monthly} 元").format(monthly=fmt(rate.monthly_fen))
        if rate.rate is not None:
            pct = f"{float(rate.rate) * 100:g}%"
            band = (
                translate("Dues", "{lo} 元以上至 {hi} 元（含）").format(
                    lo=fmt(rate.band_from_fen), hi=fmt(rate.band_to_fen)
                )
                if rate.band_from_fen is not None and rate.band_to_fen is not None
                else translate("Dues", "{hi} 元及以下").format(hi=fmt(rate.band_to_fen))
                if rate.band_to_fen is not None
                else translate("Dues", "{lo} 元以上").format(lo=fmt(rate.band_from_fen))
            )
            text += translate("Dues", "（按 {pct} 交纳，{band}）").format(pct=pct, band=band)
        self.result.setText(text)
        self._fit()
        return fmt(rate.monthly_fen)

    def _fit(self) -> None:
        """Grow to show a result that wrapped onto a second line (it was cut off below)."""
        self.layout().activate()
        need = self.layout().totalHeightForWidth(self.width())
        if need > self.height():
            self.resize(self.width(), need)

    def submit(self) -> None:
        member_id = self.who.member_id
        if member_id is None:
            widgets.set_error(self.error, translate("Dues", "请先选择党员"))
            return
        dues, year, kind = self.ctx.session.dues, self.year.value(), self.kind.currentData()
        basis = self.schedule.kinds[kind].basis if self.schedule and kind else ""
        income = (self.income.text().strip() or None) if basis == "income" else None
        monthly = (self.monthly.text().strip() or None) if basis == "range" else None
        start = f"{year}-{self.from_month.value():02d}"
        self.ctx.ops.run(
            lambda: dues.set_base(member_id, year, kind, income, monthly, from_month=start),
            lambda _r: self.accept(),
            lambda e: widgets.set_error(self.error, error_text(e)),
        )


class PayDialog(QDialog):
    """One member's payment: the months, the amount (what they cost, filled in), the way."""

    def __init__(
        self,
        ctx: UiContext,
        member: dict[str, Any] | None,
        first: date,
        cost: Any = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cost = cost  # month index → fen owed (from the page's ledger), for the default
        self.setWindowTitle(translate("Dues", "登记交纳党费"))
        form = QFormLayout(self)
        self.who = MemberField(ctx, member)
        self.month = month_edit(first)
        self.months = QSpinBox()
        self.months.setRange(1, 12)
        self.months.setSuffix(translate("Dues", " 个月"))
        self.amount = QLineEdit()
        self.paid_on = day_edit(ctx.session.clock.today())
        self.way = QComboBox()
        for code, text in code_choices("dues_way"):
            self.way.addItem(text, code)
        self.receipt = QLineEdit()
        self.receipt.setPlaceholderText(translate("Dues", "不填则自动编号"))
        self.extra = QCheckBox(translate("Dues", "超出应交的部分为自愿多交"))
        self.note_text = QLineEdit()
        self.note_text.setPlaceholderText(translate("Dues", "如：由家属代交"))
        self.error = widgets.error_label()
        form.addRow(translate("Dues", "党员"), self.who)
        form.addRow(translate("Dues", "自"), self.month)
        form.addRow(translate("Dues", "月数"), self.months)
        form.addRow(translate("Dues", "实交金额（元）"), self.amount)
        form.addRow("", self.extra)
        form.addRow(translate("Dues", "交纳日期"), self.paid_on)
        form.addRow(translate("Dues", "交纳方式"), self.way)
        form.addRow(translate("Dues", "收据号"), self.receipt)
        form.addRow(translate("Dues", "备注"), self.note_text)
        self.back_pay = widgets.warning_label()  # 补交 over six months: said, not refused
        form.addRow(self.back_pay)
        form.addRow(self.error)
        form.addRow(buttons(self, translate("Dues", "登记")))
        self.month.dateChanged.connect(lambda _d: self.fill_amount())
        self.months.valueChanged.connect(lambda _v: self.fill_amount())
        self.paid_on.dateChanged.connect(lambda _d: self.show_back_pay())
        self.fill_amount()
        self.setMinimumWidth(440)

    def _first(self) -> int:
        d = self.month.date()
        return months_.index(d.year(), d.month())

    def show_back_pay(self) -> None:
        warn = back_pay_warning(self._first(), self.months.value(), self.paid_on.date().toPython())
        self.back_pay.setText("" if warn is None else error_text(warn))
        self.back_pay.setVisible(warn is not None)

    def fill_amount(self) -> None:
        self.show_back_pay()
        if not self.cost:
            return
        first = self._first()
        wanted = [self.cost.get(m) for m in range(first, first + self.months.value())]
        if all(w is not None for w in wanted):
            self.amount.setText(fmt(sum(wanted)))

    def submit(self) -> None:
        member_id = self.who.member_id
        if member_id is None:
            widgets.set_error(self.error, translate("Dues", "请先选择党员"))
            return
        dues = self.ctx.session.dues
        args = (member_id, month_text(self.month), self.amount.text().strip(),
                self.paid_on.date().toString("yyyy-MM-dd"))  # fmt: skip
        kw = {
            "months": self.months.value(),
            "way": self.way.currentData(),
            "receipt_no": self.receipt.text().strip() or None,
            "extra": self.extra.isChecked(),
            "note": self.note_text.text().strip() or None,
        }
        name = self.who.member["name"] if self.who.member else ""

        def done(result) -> None:
            payment_id = result[0]
            self.ctx.undo.push(
                translate("Dues", "登记{name}的党费").format(name=name),
                lambda: dues.void_payment(payment_id, translate("Dues", "撤销误登记")),
            )
            self.accept()

        self.ctx.ops.run(
            lambda: dues.pay(*args, **kw),
            done,
            lambda e: widgets.set_error(self.error, error_text(e)),
        )


class ApprovalDialog(QDialog):
    """少交/免交 approved by the branch: months, amount (少交), approval date, reason."""

    def __init__(self, ctx: UiContext, member: dict[str, Any] | None, year: int, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(translate("Dues", "登记少交或免交审批"))
        form = QFormLayout(self)
        self.who = MemberField(ctx, member)
        self.kind = QComboBox()
        self.kind.addItem(translate("Dues", "少交"), "reduce")
        self.kind.addItem(translate("Dues", "免交"), "exempt")
        self.first = month_edit(date(year, 1, 1))
        self.last = month_edit(date(year, 12, 1))
        self.monthly = QLineEdit()
        self.monthly.setPlaceholderText(translate("Dues", "批准后每月交纳，如 5.00"))
        self.approved_on = day_edit(ctx.session.clock.today())
        self.approver = QLineEdit(translate("Dues", "支部委员会"))
        self.reason = QLineEdit()
        self.error = widgets.error_label()
        form.addRow(translate("Dues", "党员"), self.who)
        form.addRow(translate("Dues", "类别"), self.kind)
        form.addRow(translate("Dues", "自"), self.first)
        form.addRow(translate("Dues", "至"), self.last)
        form.addRow(translate("Dues", "每月交纳（元）"), self.monthly)
        form.addRow(translate("Dues", "批准日期"), self.approved_on)
        form.addRow(translate("Dues", "批准组织"), self.approver)
        form.addRow(translate("Dues", "原因"), self.reason)
        form.addRow(
            widgets.hint(translate("Dues", "少交或免交须本人申请、支部研究、上级党委批准。"))
        )
        form.addRow(self.error)
        form.addRow(buttons(self, translate("Dues", "登记")))
        self.form = form
        self.kind.currentIndexChanged.connect(
            lambda _i: form.setRowVisible(self.monthly, self.kind.currentData() == "reduce")
        )
        self.setMinimumWidth(440)

    def submit(self) -> None:
        member_id = self.who.member_id
        if member_id is None:
            widgets.set_error(self.error, translate("Dues", "请先选择党员"))
            return
        dues, kind = self.ctx.session.dues, self.kind.currentData()
        args = (member_id, kind, month_text(self.first), month_text(self.last),
                self.approved_on.date().toString("yyyy-MM-dd"), self.reason.text())  # fmt: skip
        monthly = self.monthly.text().strip() if kind == "reduce" else None
        approver = self.approver.text().strip() or None
        self.ctx.ops.run(
            lambda: dues.add_approval(*args, monthly=monthly, approver=approver),
            lambda _r: self.accept(),
            lambda e: widgets.set_error(self.error, error_text(e)),
        )
