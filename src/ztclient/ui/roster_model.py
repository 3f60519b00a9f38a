"""The roster table model: holds only the ordered id list and pages rows in by id, in blocks.

20,000 ids are a few hundred KB; rows arrive 200 at a time through the operations helper
(``members.rows_by_id``) when the view first asks for them, and are kept in a small block
cache. Until a block arrives its cells show "…" (for a few milliseconds in practice).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ztclient.domain import idnumber
from ztclient.ui.compat import emit
from ztclient.ui.i18n import code_label, translate
from ztclient.ui.operations import Operations

VOIDED_GREY = "#9e9e9e"  # as study_logs.py greys a voided log

BLOCK = 200
MAX_BLOCKS = 60  # ~12,000 rows in memory at most: enough for any screen, small on 4 GB


def mask_phone(phone: str | None) -> str:
    """138****5678 for mobiles; landlines keep the area code and the last 3 digits."""
    if not phone:
        return ""
    if len(phone) == 11 and phone.isdigit():
        return phone[:3] + "****" + phone[-4:]
    return phone[:4] + "*" * max(len(phone) - 7, 1) + phone[-3:]


def mask_id(value: str | None) -> str:
    return idnumber.mask(value) if value else ""


def columns() -> list[tuple[str, str]]:
    """(key, header) pairs; headers translated when the model is built."""
    return [
        ("name", translate("Roster", "姓名")),
        ("gender", translate("Roster", "性别")),
        ("id_number", translate("Roster", "公民身份号码")),
        ("birth_date", translate("Roster", "出生日期")),
        ("category", translate("Roster", "人员类别")),
        ("status", translate("Roster", "党籍状态")),
        ("org_name", translate("Roster", "所在党支部")),
        ("join_date", translate("Roster", "入党日期")),
        ("education", translate("Roster", "学历")),
        ("phone", translate("Roster", "联系电话")),
    ]


_CODED = {"gender": "gender", "category": "category", "status": "status", "education": "education"}


class RosterModel(QAbstractTableModel):
    """Rows are fetched lazily; ``fetch(ids)`` must return ``{id: row}`` (it runs on the worker)."""

    def __init__(
        self, ops: Operations, fetch: Callable[[list[str]], dict[str, dict[str, Any]]], parent=None
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.fetch = fetch
        self.ids: list[str] = []
        self.blocks: OrderedDict[int, None] = OrderedDict()
        self.rows: dict[str, dict[str, Any]] = {}
        self.pending: set[int] = set()
        self.generation = 0
        self.cols = columns()
        self.placeholder = "…"

    # -- contents --------------------------------------------------------------------------------
    def set_ids(self, ids: list[str], first_rows: dict[str, dict[str, Any]] | None = None) -> None:
        """Replace the list (after a search or filter); ``first_rows`` fill block 0 at once."""
        self.beginResetModel()
        self.generation += 1
        self.ids = list(ids)
        self.rows.clear()
        self.blocks.clear()
        self.pending.clear()
        if first_rows:
            self.rows.update(first_rows)
            self.blocks[0] = None
        self.endResetModel()

    def clear(self) -> None:
        self.set_ids([])

    def member_id(self, row: int) -> str | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def row_of(self, member_id: str) -> int:
        try:
            return self.ids.index(member_id)
        except ValueError:
            return -1

    def refresh_rows(self) -> None:
        """Forget cached rows (a member changed) and let the view page them in again."""
        self.generation += 1
        self.rows.clear()
        self.blocks.clear()
        self.pending.clear()
        if self.ids:
            emit(
                self.dataChanged,
                self.index(0, 0),
                self.index(len(self.ids) - 1, len(self.cols) - 1),
            )

    # -- Qt model API ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cols)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.cols[section][1]
            return str(section + 1)
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.UserRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        member_id = self.ids[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return member_id
        row = self.rows.get(member_id)
        if row is None:
            self._request(index.row() // BLOCK)
            return (
                self.placeholder
                if index.column() == 0 and role == Qt.ItemDataRole.DisplayRole
                else None
            )
        if role == Qt.ItemDataRole.ForegroundRole:  # 录入错误作废: greyed, as voided records are
            return QColor(VOIDED_GREY) if row.get("status") == "voided" else None
        key = self.cols[index.column()][0]
        value = row.get(key)
        if key == "id_number":
            return mask_id(value)
        if key == "phone":
            return mask_phone(value)
        if key in _CODED:
            return code_label(_CODED[key], value)
        return value or ""

    # -- paging ----------------------------------------------------------------------------------
    def _request(self, block: int) -> None:
        if block in self.pending or block in self.blocks:
            return
        self.pending.add(block)
        ids = self.ids[block * BLOCK : (block + 1) * BLOCK]
        generation = self.generation
        fetch = self.fetch
        self.ops.run(lambda: fetch(ids), lambda rows: self._arrived(generation, block, rows))

    def _arrived(self, generation: int, block: int, rows: dict[str, dict[str, Any]]) -> None:
        if generation != self.generation:
            return  # the list changed meanwhile; the view will ask again
        self.pending.discard(block)
        self.rows.update(rows)
        self.blocks[block] = None
        while len(self.blocks) > MAX_BLOCKS:
            old, _ = self.blocks.popitem(last=False)
            for member_id in self.ids[old * BLOCK : (old + 1) * BLOCK]:
                self.rows.pop(member_id, None)
        first = block * BLOCK
        last = min(first + BLOCK, len(self.ids)) - 1
        if last >= first:
            emit(self.dataChanged, self.index(first, 0), self.index(last, len(self.cols) - 1))
