"""设置 → 经办人: the name of the person keeping the records on this PC (services/operator.py):
the audit trail names them from then on, and each report prints it as 制表人."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ztclient.services.changes import Changes
from ztclient.ui import widgets
from ztclient.ui.compat import emit
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import error_text, translate


class OperatorCard(QWidget):
    """A name field and 保存 (an audit entry under the new name; the same name writes nothing)."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        inner = widgets.card_of(self)
        about = widgets.hint(
            translate(
                "Operator",
                "在本机登记和修改记录的人的姓名：此后的操作日志记这个姓名，导出的报表在“制表人”"
                "一栏打印它。不填时操作日志记为 clerk，制表人一栏留空供手写。",
            )
        )
        # the scroll area lays the page out before the card's width is known: room for the
        # lines the text takes at the card's width, else Qt gives it one and a half
        about.setMinimumHeight(about.heightForWidth(600))
        inner.addWidget(about)
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(translate("Operator", "经办人姓名"))
        self.name.setMaximumWidth(220)
        self.name.returnPressed.connect(self.save)
        row.addWidget(self.name)
        self.save_button = QPushButton(translate("Operator", "保存经办人"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        row.addStretch(1)
        inner.addLayout(row)
        self.result = QLabel()
        self.result.setObjectName("Hint")
        inner.addWidget(self.result)
        self.error = widgets.error_label()
        inner.addWidget(self.error)
        self.load()

    def load(self) -> None:
        session = self.ctx.session
        if session is None:
            return
        self.ctx.ops.run(session.operator.name, self.name.setText, modal=False)

    def save(self) -> None:
        session, value = self.ctx.session, self.name.text()
        self.ctx.ops.run(
            lambda: session.operator.set(value),
            self._saved,
            lambda e: widgets.set_error(self.error, error_text(e)),
            parent=self,
        )

    def _saved(self, name: str) -> None:
        widgets.set_error(self.error, None)
        self.name.setText(name)
        self.result.setText(
            translate("Operator", "已保存：此后的操作日志和报表记为 {name}。").format(name=name)
        )
        emit(self.ctx.ops.changed, Changes(settings=True))
