"""A small read-only table model over a list of dicts (meetings, study hours, due items)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Column = tuple[str, str, Callable[[dict[str, Any]], Any] | None]  # key, header, formatter
TOOLTIP_FROM = 12  # characters: longer cells carry their whole text as a tooltip


class DictTableModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[dict[str, Any]] = []
        self.highlight: Callable[[dict[str, Any]], bool] | None = None

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row(self, index: int) -> dict[str, Any] | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][1]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            key, _header, fmt = self.columns[index.column()]
            value = fmt(row) if fmt else row.get(key)
            if isinstance(value, float):
                return f"{value:g}"
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            # a long cell is elided at 1366 px (工作台 待办 "Secretary has not given a party …"):
            # the whole text on hover
            text = self.data(index, Qt.ItemDataRole.DisplayRole)
            return text if len(text) > TOOLTIP_FROM else None
        if role == Qt.ItemDataRole.ForegroundRole and self.highlight and self.highlight(row):
            return QColor("#c62828")
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None
