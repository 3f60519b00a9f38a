"""设置 → 技术支持: write the support zip (诊断包) a clerk can send when something goes wrong.

What goes in and what never does is infra/diagnose.py's; the unit is already open, so the zip
also holds the schema, counts and the verify result. The error message of an unexpected error
points here, with the reference to quote.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import error_text, translate
from ztclient.ui.reports_view import ask_save_path


class SupportPanel(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        card = widgets.card()
        card.setMaximumWidth(640)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)
        box = QVBoxLayout(card)
        box.addWidget(
            widgets.hint(
                translate("Support", "程序出错时生成诊断包交给上级组织：不含党员信息、密码和密钥。")
            )
        )
        row = QHBoxLayout()
        self.button = QPushButton(translate("Support", "生成诊断包…"))
        self.button.clicked.connect(self.make)
        row.addWidget(self.button)
        row.addStretch(1)
        box.addLayout(row)
        self.result = widgets.hint("")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.result)
        self.error = widgets.error_label()
        box.addWidget(self.error)

    def make(self) -> None:
        app, session = self.ctx.app, self.ctx.session
        name = translate("Support", "诊断包-{day}.zip").format(day=app.clock.today())
        out = ask_save_path(
            self,
            translate("Support", "保存诊断包"),
            name,
            translate("Support", "诊断包 (*.zip)"),
            ".zip",
        )
        if out is None:
            return
        widgets.set_error(self.error, None)
        self.ctx.ops.run(
            lambda: app.diagnose(out, session=session),
            lambda _s: self.result.setText(
                translate("Support", "诊断包已保存到 {path}").format(path=out)
            ),
            lambda e: widgets.set_error(self.error, error_text(e)),
            label=translate("Support", "正在生成诊断包…"),
            parent=self,
        )
