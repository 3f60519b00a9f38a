"""The 党费 grid: a row a member, a column a month (paid / owed / 免交 / not here), totals.

Reads a ``services.dues_ledger.Ledger`` (plain data made on the worker) and only formats it: the
figures are the ledger's, so the grid, ``dues ledger`` and the XLSX always agree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ztclient.domain.dues_money import fmt
from ztclient.ui.i18n import translate

FIRST_MONTH = 3  # columns before January: 姓名, 党支部, 月交纳额
AFTER = 4  # columns after December: 应交, 已交, 欠交月数, 欠交金额

COLOURS = {
    "paid": "#e8f5e9",
    "unpaid": "#ffebee",
    "exempt": "#e3f2fd",
    "none": "#f5f5f5",
}
REDUCED = "#fff8e1"  # an approved 少交 (paid or not): a pale amber under the state colour
THIS_MONTH = "#fff3e0"  # the as-of month not paid yet: payable now, not late (orange, not red)


class DuesGridModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.lines: list[Any] = []  # services.dues_ledger.LedgerLine
        self.year = 0

    def set_ledger(self, ledger: Any, lines: list[Any] | None = None) -> None:
        self.beginResetModel()
        self.year = ledger.year if ledger is not None else 0
        self.lines = list(lines if lines is not None else (ledger.lines if ledger else []))
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.lines = []
        self.endResetModel()

    def line(self, row: int) -> Any | None:
        return self.lines[row] if 0 <= row < len(self.lines) else None

    # -- Qt --------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_MONTH + 12 + AFTER

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        heads = [
            translate("Dues", "姓名"),
            translate("Dues", "党支部"),
            translate("Dues", "月交纳额"),
            *[translate("Dues", "{m}月").format(m=m) for m in range(1, 13)],
            translate("Dues", "应交"),
            translate("Dues", "已交"),
            translate("Dues", "欠交月数"),
            translate("Dues", "欠交金额"),
        ]
        return heads[section]

    def _month(self, col: int) -> int | None:
        m = col - FIRST_MONTH + 1
        return m if 1 <= m <= 12 else None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        d = line.dues
        m = self._month(index.column())
        if m is not None:
            return self._month_data(d.months[m], m, role)
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            if col == 0:
                return line.name
            if col == 1:
                return line.org_name
            if col == 2:
                return (
                    fmt(d.monthly_fen)
                    if d.monthly_fen is not None
                    else translate("Dues", "未登记基数")
                )
            after = col - FIRST_MONTH - 12
            return [fmt(d.due_fen), fmt(d.paid_fen), str(d.arrears_months or ""),
                    fmt(d.arrears_fen) if d.arrears_fen else ""][after]  # fmt: skip
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.column() >= FIRST_MONTH + 12 + 2 and d.arrears_months:
                return QBrush(QColor("#c62828"))  # arrears in red
            if index.column() == 2 and d.monthly_fen is None:
                return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return line
        return None

    def _month_data(self, cell: Any, m: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if cell.status == "paid":
                return fmt(cell.paid_fen)
            if cell.status == "pending":
                return translate("Dues", "待交")
            if cell.status == "unpaid":
                return translate("Dues", "欠")
            if cell.status == "exempt":
                return translate("Dues", "免")
            if cell.status == "none":
                return "—"
            return ""
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = COLOURS.get(cell.status)
            if cell.status == "pending":
                colour = THIS_MONTH
            elif cell.approval == "reduce" and cell.status != "paid":
                colour = REDUCED
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and cell.status in ("unpaid", "pending"):
            return QBrush(QColor("#e65100" if cell.status == "pending" else "#c62828"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            when = translate("Dues", "{year}年{m}月").format(year=self.year, m=m)
            texts = {
                "paid": translate("Dues", "{when}：已交 {amount} 元"),
                "unpaid": translate("Dues", "{when}：欠交 {amount} 元"),
                "pending": translate("Dues", "{when}：本月应交 {amount} 元，尚未交纳"),
                "upcoming": translate("Dues", "{when}：尚未到期（应交 {amount} 元）"),
                "exempt": translate("Dues", "{when}：经批准免交"),
                "none": translate("Dues", "{when}：不在本单位交纳"),
            }
            amount = cell.paid_fen if cell.status == "paid" else cell.amount_fen
            text = texts[cell.status].format(when=when, amount=fmt(amount) or "—")
            if cell.approval == "reduce":
                text += translate("Dues", "（经批准少交）")
            return text
        return None
