"""Pick a member from the roster by typing (name, pinyin initials, ID or phone digits)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ztclient.ui import same_names
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import translate

LIMIT = 50


class MemberPicker(QDialog):
    """``chosen`` holds the picked row (id, name, category, org_name) after ``accepted``."""

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, org_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.org_id = org_id  # only members of this organisation (and its groups, branches)
        self.chosen: dict | None = None
        self.setWindowTitle(translate("MemberPicker", "从党员名册中选择"))
        box = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            translate("MemberPicker", "输入姓名、拼音首字母、身份证或电话后几位")
        )
        self.results = QListWidget()
        self.results.itemActivated.connect(lambda _i: self.pick())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("MemberPicker", "选择")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("MemberPicker", "取消")
        )
        buttons.accepted.connect(self.pick)
        buttons.rejected.connect(self.reject)
        box.addWidget(self.search)
        box.addWidget(self.results, 1)
        box.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.find)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.resize(420, 420)
        if org_id:  # a short list: show it before any typing
            self.timer.start()

    def find(self) -> None:
        text, members, org_id = self.search.text().strip(), self.ctx.session.members, self.org_id

        def job():
            return members.found(text or None, LIMIT, org_id=org_id)

        self.ctx.ops.run(job, self._found)

    def _found(self, rows: list[dict]) -> None:
        self.results.clear()
        for r in same_names.labelled(rows):
            item = QListWidgetItem(f"{r['label']}　{r.get('org_name') or ''}")
            item.setData(Qt.ItemDataRole.UserRole, r)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)

    def pick(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
